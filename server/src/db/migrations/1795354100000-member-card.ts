import type { MigrationInterface, QueryRunner } from 'typeorm';

/** P1, P2: the member card's privacy choices, 先锋岗 and honours; a member may leave the roll by death. */
export class MemberCard1795354100000 implements MigrationInterface {
  name = 'MemberCard1795354100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "member_card" ("member_id" uuid NOT NULL, "show_study" boolean NOT NULL DEFAULT false, "show_points" boolean NOT NULL DEFAULT false,
        "show_volunteer" boolean NOT NULL DEFAULT false, "show_honours" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_member_card" PRIMARY KEY ("member_id"))`,
    );
    await q.query(
      `ALTER TABLE "member_card" ADD CONSTRAINT "FK_member_card_member" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `CREATE TABLE "member_distinction" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "kind" character varying(12) NOT NULL,
        "title" character varying(60) NOT NULL, "awarded_on" date NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_member_distinction_kind" CHECK (kind IN ('vanguard','honour')), CONSTRAINT "PK_member_distinction" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_member_distinction_member" ON "member_distinction" ("member_id")`);
    await q.query(
      `ALTER TABLE "member_distinction" ADD CONSTRAINT "FK_member_distinction_member" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "member_distinction" ADD CONSTRAINT "FK_member_distinction_created_by" FOREIGN KEY ("created_by") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "member" DROP CONSTRAINT "CHK_member_left"`);
    await q.query(
      `ALTER TABLE "member" ADD CONSTRAINT "CHK_member_left" CHECK ((left_at IS NULL) = (left_reason IS NULL) AND (left_reason IS NULL OR left_reason IN ('transferred_out','deceased')))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "member" DROP CONSTRAINT "CHK_member_left"`);
    await q.query(
      `ALTER TABLE "member" ADD CONSTRAINT "CHK_member_left" CHECK ((left_at IS NULL) = (left_reason IS NULL) AND (left_reason IS NULL OR left_reason IN ('transferred_out')))`,
    );
    await q.query(`DROP TABLE "member_distinction"`);
    await q.query(`DROP TABLE "member_card"`);
  }
}

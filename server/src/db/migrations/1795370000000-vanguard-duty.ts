import type { MigrationInterface, QueryRunner } from 'typeorm';

/** P3 先锋岗履职: the duties recorded for a 先锋岗's holder (points through points_award(), activity vanguard_duty). */
export class VanguardDuty1795370000000 implements MigrationInterface {
  name = 'VanguardDuty1795370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "vanguard_duty" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "distinction_id" uuid, "member_id" uuid NOT NULL,
        "post_title" character varying(60) NOT NULL, "performed_on" date NOT NULL, "note" character varying(200) NOT NULL, "points" integer NOT NULL DEFAULT 0,
        "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_vanguard_duty" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_vanguard_duty_distinction" ON "vanguard_duty" ("distinction_id", "performed_on")`);
    await q.query(`CREATE INDEX "IDX_vanguard_duty_member" ON "vanguard_duty" ("member_id")`);
    await q.query(
      `ALTER TABLE "vanguard_duty" ADD CONSTRAINT "FK_vanguard_duty_distinction" FOREIGN KEY ("distinction_id") REFERENCES "member_distinction"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "vanguard_duty" ADD CONSTRAINT "FK_vanguard_duty_member" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "vanguard_duty" ADD CONSTRAINT "FK_vanguard_duty_created_by" FOREIGN KEY ("created_by") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "vanguard_duty"`);
  }
}

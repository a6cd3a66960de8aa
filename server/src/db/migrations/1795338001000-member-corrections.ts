import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 档案更正 (issue 13): a member's request to correct their own profile, decided by their branch. The
 * row is the history (from → to, who asked, who decided, when, why returned). One open request per
 * member: the partial unique index UQ_member_profile_correction_open.
 */
export class MemberCorrections1795338001000 implements MigrationInterface {
  name = 'MemberCorrections1795338001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "member_profile_correction" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "member_id" uuid NOT NULL, "state" character varying(20) NOT NULL, "changes" jsonb NOT NULL, "phone_enc" text, "note" text, "requested_by" uuid, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "return_reason" text, CONSTRAINT "CHK_member_profile_correction_return" CHECK ((state = 'returned') = (return_reason IS NOT NULL)), CONSTRAINT "CHK_member_profile_correction_state" CHECK (state IN ('pending','approved','returned','withdrawn')), CONSTRAINT "PK_40c203b7c004afa1c555b3d4c0d" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_member_profile_correction_member" ON "member_profile_correction"  ("member_id", "created_at") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_member_profile_correction_open" ON "member_profile_correction"  ("member_id") WHERE state = 'pending'`);
    await q.query(
      `ALTER TABLE "member_profile_correction" ADD CONSTRAINT "FK_34233288052b7824b14fdbd1304" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "member_profile_correction" ADD CONSTRAINT "FK_8219fa64ba2c9dafebe9722885c" FOREIGN KEY ("requested_by") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "member_profile_correction" ADD CONSTRAINT "FK_b332718b3269c3fbd5ac1293460" FOREIGN KEY ("decided_by") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "member_profile_correction"`);
  }
}

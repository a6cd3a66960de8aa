import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Member development (发展党员, DOMAIN D): one record per person's way through the 25 steps, its step
 * rows, yearly plans (committee plan, enterprise 双培 target) and the overdue alerts of the scan.
 * "Never two open records for one person": the partial unique index UQ_development_open_person.
 * "One applicant per vote": a motion is the basis of one step only (UQ_development_step_motion).
 */
export class Development1795334001000 implements MigrationInterface {
  name = 'Development1795334001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "development_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organisation_id" uuid NOT NULL, "enterprise_id" uuid, "user_id" uuid, "name" character varying(50) NOT NULL, "gender" character varying(10) NOT NULL, "birth_date" date NOT NULL, "ethnicity" character varying(20) NOT NULL, "national_id_enc" text NOT NULL, "person_key" character(64) NOT NULL, "phone" character varying(11), "education" character varying(20), "post" character varying(100), "backbone" boolean NOT NULL DEFAULT false, "state" character varying(30) NOT NULL, "rule_set" character varying(20) NOT NULL, "last_on" date NOT NULL, "applied_on" date NOT NULL, "activist_on" date, "target_on" date, "assessed_on" date array NOT NULL DEFAULT '{}', "notice_from" date, "notice_to" date, "resolved_on" date, "admitted_on" date, "extend_months" integer NOT NULL DEFAULT '0', "confirmation_resolved_on" date, "full_on" date, "member_id" uuid, CONSTRAINT "CHK_development_record_extend" CHECK (extend_months BETWEEN 0 AND 12), CONSTRAINT "CHK_development_record_state" CHECK (state IN ('applied','talked','activist','activist_filed','cultivating','target','target_filed','sponsored','vetted','trained','reviewed','pre_reviewed','form_filled','resolved','higher_talked','admitted','admission_filed','placed','sworn','confirmation_applied','confirmation_resolved','full_member','archived','closed')), CONSTRAINT "PK_9913bfe268427e4fa024944c93e" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_development_record_user" ON "development_record"  ("user_id") `);
    await q.query(`CREATE INDEX "IDX_development_record_org" ON "development_record"  ("organisation_id", "state") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_development_open_person" ON "development_record"  ("person_key") WHERE state NOT IN ('archived','closed')`);
    await q.query(
      `CREATE TABLE "development_step" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "record_id" uuid NOT NULL, "step_no" integer, "action" character varying(30) NOT NULL, "from_state" character varying(30) NOT NULL, "to_state" character varying(30) NOT NULL, "on" date NOT NULL, "actor_user_id" uuid, "actor_name" character varying(50) NOT NULL, "note" text, "meeting_id" uuid, "motion_id" uuid, "approver_org_id" uuid, "member_ids" uuid array NOT NULL DEFAULT '{}', "file_ids" uuid array NOT NULL DEFAULT '{}', "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_27c48374fbd938de42e35759f45" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_development_step_motion" ON "development_step"  ("motion_id") WHERE motion_id IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_development_step_record" ON "development_step"  ("record_id", "created_at") `);
    await q.query(
      `CREATE TABLE "development_plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organisation_id" uuid NOT NULL, "enterprise_id" uuid, "year" integer NOT NULL, "target" integer NOT NULL, CONSTRAINT "PK_882187fefdcc40072918b6659c7" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "UQ_development_plan_enterprise" ON "development_plan"  ("organisation_id", "year", "enterprise_id") WHERE enterprise_id IS NOT NULL`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_development_plan_org" ON "development_plan"  ("organisation_id", "year") WHERE enterprise_id IS NULL`);
    await q.query(
      `CREATE TABLE "development_alert" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "record_id" uuid NOT NULL, "rule" character varying(60) NOT NULL, "label" character varying(60) NOT NULL, "due" date NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ee6ca55da8763f88507518c27da" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_development_alert" ON "development_alert"  ("record_id", "rule", "due") `);
    await q.query(
      `ALTER TABLE "development_record" ADD CONSTRAINT "FK_e289131f53f9490cbb50a10dbc3" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "development_record" ADD CONSTRAINT "FK_9c468ebf19d433c1d6c592ea591" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "development_record" ADD CONSTRAINT "FK_625a451d77ec8cfebeede00b702" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "development_record" ADD CONSTRAINT "FK_85f8aaa4a8188543c92d919de07" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "development_step" ADD CONSTRAINT "FK_9e72fe38263ed3af0cdf8b758f0" FOREIGN KEY ("record_id") REFERENCES "development_record"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "development_plan" ADD CONSTRAINT "FK_0f7be8dd52af3d376d18b904c91" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "development_plan" ADD CONSTRAINT "FK_11a0b20d91752bcf8209d376753" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "development_alert" ADD CONSTRAINT "FK_312acccf1d317703bca8cda5d36" FOREIGN KEY ("record_id") REFERENCES "development_record"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "development_alert"`);
    await q.query(`DROP TABLE "development_plan"`);
    await q.query(`DROP TABLE "development_step"`);
    await q.query(`DROP TABLE "development_record"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Yearly meeting plans (年度计划, issue 14): one plan per branch and year (UQ_meeting_plan_org_year),
 * its entries by month and type; the state's index serves the higher organisation's to-do list.
 */
export class MeetingPlans1795339000000 implements MigrationInterface {
  name = 'MeetingPlans1795339000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "meeting_plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organisation_id" uuid NOT NULL, "year" integer NOT NULL, "state" character varying(20) NOT NULL, "rules_version" integer NOT NULL, "party_lecture_period" character varying(10) NOT NULL, "created_by" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE, "submitted_by" uuid, "submitted_by_name" character varying(50), "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by_name" character varying(50), "return_reason" text, CONSTRAINT "CHK_meeting_plan_state" CHECK (state IN ('draft','submitted','acknowledged','returned')), CONSTRAINT "PK_e03ffba80ea768af78fe6b39d48" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_meeting_plan_state" ON "meeting_plan"  ("state")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_meeting_plan_org_year" ON "meeting_plan"  ("organisation_id", "year")`);
    await q.query(
      `CREATE TABLE "meeting_plan_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "plan_id" uuid NOT NULL, "month" smallint NOT NULL, "type" character varying(30) NOT NULL, "group_id" uuid, "topic" character varying(200) NOT NULL DEFAULT '', CONSTRAINT "CHK_meeting_plan_entry_type" CHECK (type IN ('general_assembly','committee_meeting','group_meeting','party_lecture','theme_day','life_meeting','democratic_review','other')), CONSTRAINT "CHK_meeting_plan_entry_month" CHECK (month BETWEEN 1 AND 12), CONSTRAINT "PK_c8e3244a3f5ef2763cdcb1390cd" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_meeting_plan_entry_plan" ON "meeting_plan_entry"  ("plan_id", "month")`);
    await q.query(
      `ALTER TABLE "meeting_plan" ADD CONSTRAINT "FK_7ec5bb2c0151deebd490a7812dc" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "meeting_plan" ADD CONSTRAINT "FK_a59ab95ad640d04aaa59dfb19da" FOREIGN KEY ("created_by") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "meeting_plan" ADD CONSTRAINT "FK_549cc6fc1a15f459f147b5d1287" FOREIGN KEY ("submitted_by") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "meeting_plan_entry" ADD CONSTRAINT "FK_755ae7cd3f35e0c3ddfda8e6992" FOREIGN KEY ("plan_id") REFERENCES "meeting_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "meeting_plan_entry" ADD CONSTRAINT "FK_04dc706651140810baf3bd22d6d" FOREIGN KEY ("group_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "meeting_plan_entry"`);
    await q.query(`DROP TABLE "meeting_plan"`);
  }
}

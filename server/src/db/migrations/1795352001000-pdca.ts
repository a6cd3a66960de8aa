import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PDCA evaluation (K6, issue 15): a committee's plan with its rubric (pdca_plan), its scorers, one task
 * per branch with the evidence (pdca_assignment, pdca_evidence_file → stored_file), one score sheet per
 * scorer and task (the primary key), and the 约谈 of a branch below the threshold (one per task).
 */
export class Pdca1795352001000 implements MigrationInterface {
  name = 'Pdca1795352001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "pdca_plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organisation_id" uuid NOT NULL, "title" character varying(80) NOT NULL, "year" integer NOT NULL, "quarter" integer, "description" text NOT NULL, "due_on" date NOT NULL, "threshold" numeric(6,1) NOT NULL, "rubric" jsonb NOT NULL, "state" character varying(20) NOT NULL, "created_by" uuid, "reported_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_pdca_plan_quarter" CHECK (quarter IS NULL OR quarter BETWEEN 1 AND 4), CONSTRAINT "CHK_pdca_plan_state" CHECK (state IN ('draft','published','scoring','reported','closed')), CONSTRAINT "PK_e840096b4beaf715a14f43dab23" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_pdca_plan_org" ON "pdca_plan"  ("organisation_id", "year") `);
    await q.query(
      `CREATE TABLE "pdca_plan_scorer" ("plan_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_083ee9da7e3e33051886f39711c" PRIMARY KEY ("plan_id", "user_id"))`,
    );
    await q.query(
      `CREATE TABLE "pdca_assignment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "plan_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "state" character varying(20) NOT NULL, "summary" text, "links" jsonb NOT NULL DEFAULT '[]'::jsonb, "submitted_at" TIMESTAMP WITH TIME ZONE, "submitted_by" uuid, "return_reason" text, "average" numeric(7,2), CONSTRAINT "UQ_pdca_assignment_branch" UNIQUE ("plan_id", "organisation_id"), CONSTRAINT "CHK_pdca_assignment_return" CHECK ((state = 'returned') = (return_reason IS NOT NULL)), CONSTRAINT "CHK_pdca_assignment_state" CHECK (state IN ('assigned','submitted','returned','accepted','scored')), CONSTRAINT "PK_d1c51f52ae3eebc94d53093f7cf" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_pdca_assignment_org" ON "pdca_assignment"  ("organisation_id") `);
    await q.query(
      `CREATE TABLE "pdca_evidence_file" ("file_id" uuid NOT NULL, "assignment_id" uuid NOT NULL, CONSTRAINT "PK_71685b0d95b808550d8a0e95a1f" PRIMARY KEY ("file_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_pdca_evidence_file_assignment" ON "pdca_evidence_file"  ("assignment_id") `);
    await q.query(
      `CREATE TABLE "pdca_score" ("assignment_id" uuid NOT NULL, "scorer_id" uuid NOT NULL, "scores" jsonb NOT NULL, "total" numeric(6,1) NOT NULL, "comment" text NOT NULL DEFAULT '', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_079f325d98f341d9db88a45db97" PRIMARY KEY ("assignment_id", "scorer_id"))`,
    );
    await q.query(
      `CREATE TABLE "pdca_talk" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "assignment_id" uuid NOT NULL, "state" character varying(20) NOT NULL, "held_on" date, "attendees" character varying(200), "content" text, "follow_up" text, "recorded_by" uuid, CONSTRAINT "CHK_pdca_talk_held" CHECK ((state = 'held') = (held_on IS NOT NULL)), CONSTRAINT "CHK_pdca_talk_state" CHECK (state IN ('pending','held')), CONSTRAINT "PK_c0c2a19a40433051dd524cb09eb" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_pdca_talk_assignment" ON "pdca_talk"  ("assignment_id") `);
    await q.query(
      `ALTER TABLE "pdca_plan" ADD CONSTRAINT "FK_c31f9eab6d09ac65a1de1db9fe6" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "pdca_plan" ADD CONSTRAINT "FK_6101bc82c85dec7d076bb2300fa" FOREIGN KEY ("created_by") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "pdca_plan_scorer" ADD CONSTRAINT "FK_bb5f208be8a6c335470bdf5830e" FOREIGN KEY ("plan_id") REFERENCES "pdca_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "pdca_plan_scorer" ADD CONSTRAINT "FK_b5cbfa096f59f50bb4b4ebe2eae" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "pdca_assignment" ADD CONSTRAINT "FK_d2a7dd75c7063801f9100253e5a" FOREIGN KEY ("plan_id") REFERENCES "pdca_plan"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "pdca_assignment" ADD CONSTRAINT "FK_883cfe553b1d053a35f53aaee8d" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "pdca_assignment" ADD CONSTRAINT "FK_644e27b5e9b66b8fb5854ee0414" FOREIGN KEY ("submitted_by") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "pdca_evidence_file" ADD CONSTRAINT "FK_71685b0d95b808550d8a0e95a1f" FOREIGN KEY ("file_id") REFERENCES "stored_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "pdca_evidence_file" ADD CONSTRAINT "FK_70e3c529be9c6f82ac3c19b9424" FOREIGN KEY ("assignment_id") REFERENCES "pdca_assignment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "pdca_score" ADD CONSTRAINT "FK_24c6c475a64c81b5cae724de077" FOREIGN KEY ("assignment_id") REFERENCES "pdca_assignment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "pdca_score" ADD CONSTRAINT "FK_7543843f7b3e9679aca33e457a0" FOREIGN KEY ("scorer_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "pdca_talk" ADD CONSTRAINT "FK_887bb30921b57bb9e179d1cc621" FOREIGN KEY ("assignment_id") REFERENCES "pdca_assignment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "pdca_talk" ADD CONSTRAINT "FK_4caaece4a9d2129c3ed3d78a732" FOREIGN KEY ("recorded_by") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['pdca_talk', 'pdca_score', 'pdca_evidence_file', 'pdca_assignment', 'pdca_plan_scorer', 'pdca_plan']) await q.query(`DROP TABLE "${t}"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The committee's enterprise ledger (K1–K4, S1): ledger fields on `enterprise` (the committee whose
 * area it is in, size, founding date, address, contact, declared members, notes, listing and leaving
 * days), its change history, coverage targets per committee and year, appointed 党建指导员 /
 * 驻企联络员 with terms, and the visit log.
 */
export class Ledger1795350000000 implements MigrationInterface {
  name = 'Ledger1795350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "enterprise_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "enterprise_id" uuid NOT NULL, "changed_by" uuid, "changed_by_name" character varying(50) NOT NULL, "source" character varying(10) NOT NULL, "changes" jsonb NOT NULL, CONSTRAINT "CHK_enterprise_change_source" CHECK (source IN ('create','edit','import')), CONSTRAINT "PK_dbe835c7c369585f3945cf818fc" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_enterprise_change_enterprise" ON "enterprise_change"  ("enterprise_id", "created_at") `);
    await q.query(
      `CREATE TABLE "coverage_target" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organisation_id" uuid NOT NULL, "year" integer NOT NULL, "org_target" integer NOT NULL, "work_target" integer NOT NULL, "visits_per_year" integer NOT NULL, "min_employees" integer NOT NULL, CONSTRAINT "CHK_coverage_target_visits" CHECK (visits_per_year IN (1,2,3,4,6,12)), CONSTRAINT "CHK_coverage_target_rates" CHECK (org_target BETWEEN 0 AND 100 AND work_target BETWEEN 0 AND 100), CONSTRAINT "PK_c8caf6ac3ae011ae51d8da394e3" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_coverage_target" ON "coverage_target"  ("organisation_id", "year") `);
    await q.query(
      `CREATE TABLE "enterprise_officer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "enterprise_id" uuid NOT NULL, "role" character varying(12) NOT NULL, "user_id" uuid NOT NULL, "starts_on" date NOT NULL, "ends_on" date, "appointed_by" uuid, CONSTRAINT "CHK_enterprise_officer_term" CHECK (ends_on IS NULL OR ends_on >= starts_on), CONSTRAINT "CHK_enterprise_officer_role" CHECK (role IN ('instructor','liaison')), CONSTRAINT "PK_2603086991bf707ef4203ec4d4c" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_enterprise_officer_user" ON "enterprise_officer"  ("user_id") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_enterprise_officer_open" ON "enterprise_officer"  ("enterprise_id", "role", "user_id") WHERE ends_on IS NULL`);
    await q.query(
      `CREATE TABLE "enterprise_visit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "enterprise_id" uuid NOT NULL, "user_id" uuid NOT NULL, "visited_on" date NOT NULL, "people_met" character varying(200) NOT NULL, "topics" text NOT NULL, "problems" text, "follow_ups" text, CONSTRAINT "PK_8051eb46279bad5de0038848bbb" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_enterprise_visit_user" ON "enterprise_visit"  ("user_id", "visited_on") `);
    await q.query(`CREATE INDEX "IDX_enterprise_visit_enterprise" ON "enterprise_visit"  ("enterprise_id", "visited_on") `);
    await q.query(`ALTER TABLE "enterprise" ADD "committee_id" uuid`);
    await q.query(`ALTER TABLE "enterprise" ADD "employees" integer`);
    await q.query(`ALTER TABLE "enterprise" ADD "founded_on" date`);
    await q.query(`ALTER TABLE "enterprise" ADD "address" character varying(200)`);
    await q.query(`ALTER TABLE "enterprise" ADD "contact_name" character varying(50)`);
    await q.query(`ALTER TABLE "enterprise" ADD "contact_phone" character varying(30)`);
    await q.query(`ALTER TABLE "enterprise" ADD "declared_members" integer NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "enterprise" ADD "notes" text`);
    await q.query(`ALTER TABLE "enterprise" ADD "listed_on" date`);
    await q.query(`ALTER TABLE "enterprise" ADD "left_on" date`);
    await q.query(`CREATE INDEX "IDX_enterprise_committee" ON "enterprise"  ("committee_id") `);
    await q.query(
      `ALTER TABLE "enterprise" ADD CONSTRAINT "FK_693aafa606885f769b0678a8a5c" FOREIGN KEY ("committee_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "enterprise_change" ADD CONSTRAINT "FK_b71f7a5408dac0516c31c5ebf19" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "coverage_target" ADD CONSTRAINT "FK_fc12bd5d28259dd2ac8fee9abd4" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "enterprise_officer" ADD CONSTRAINT "FK_23e7ebd817b689334b0e5fcbb7f" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "enterprise_officer" ADD CONSTRAINT "FK_09768a2835242ba184232f39646" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "enterprise_visit" ADD CONSTRAINT "FK_c0a7b9eacff6877e851598458af" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "enterprise_visit" ADD CONSTRAINT "FK_61ae2efa8dfedf3886fd74cc39a" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`CREATE INDEX "IDX_member_enterprise" ON "member" ("enterprise_id") WHERE enterprise_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS enterprise_visit, enterprise_officer, coverage_target, enterprise_change CASCADE`);
    await q.query(`DROP INDEX IF EXISTS "IDX_enterprise_committee", "IDX_member_enterprise"`);
    await q.query(
      `ALTER TABLE enterprise DROP COLUMN committee_id, DROP COLUMN employees, DROP COLUMN founded_on, DROP COLUMN address, DROP COLUMN contact_name, DROP COLUMN contact_phone, DROP COLUMN declared_members, DROP COLUMN notes, DROP COLUMN listed_on, DROP COLUMN left_on`,
    );
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * K5 [?]: the platform's default definitions, version 1 (DOMAIN.md K5: no official formula; a
 * committee replaces them by publishing its own version). Frozen here as data: new defaults are a new
 * migration inserting version 2, so snapshots computed with version 1 keep naming it.
 * docs/modules/indexes.md explains each choice.
 */
const DEFAULTS_V1: Record<string, Array<{ metric: string; weight: number; low: number; high: number }>> = {
  innovation: [
    { metric: 'news_published', weight: 40, low: 0, high: 2 },
    { metric: 'points_pm', weight: 30, low: 0, high: 30 },
    { metric: 'quiz_pass_rate', weight: 30, low: 0, high: 100 },
  ],
  development: [
    { metric: 'developed', weight: 50, low: 0, high: 1 },
    { metric: 'c1_monthly', weight: 30, low: 0, high: 2 },
    { metric: 'fee_on_time', weight: 20, low: 0, high: 100 },
  ],
  growth: [
    { metric: 'study_hours_pm', weight: 50, low: 0, high: 2.7 },
    { metric: 'quiz_pass_rate', weight: 30, low: 0, high: 100 },
    { metric: 'points_pm', weight: 20, low: 0, high: 30 },
  ],
  vitality: [
    { metric: 'c1_monthly', weight: 40, low: 0, high: 2 },
    { metric: 'attendance_rate', weight: 40, low: 50, high: 100 },
    { metric: 'news_published', weight: 20, low: 0, high: 2 },
  ],
  happiness: [
    { metric: 'notice_read_pm', weight: 40, low: 0, high: 3 },
    { metric: 'attendance_rate', weight: 30, low: 50, high: 100 },
    { metric: 'fee_on_time', weight: 30, low: 0, high: 100 },
  ],
};

/**
 * K5 five indexes (issue 15): versioned definitions (a committee's, or the platform default with no
 * committee, version 1 inserted here) and monthly snapshots per branch naming the definition they used.
 */
export class Indexes1795351001000 implements MigrationInterface {
  name = 'Indexes1795351001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "index_definition" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "committee_id" uuid, "index_key" character varying(20) NOT NULL, "version" integer NOT NULL, "effective_month" date NOT NULL, "terms" jsonb NOT NULL, "note" text, "created_by" uuid, CONSTRAINT "CHK_index_definition_month" CHECK (EXTRACT(day FROM effective_month) = 1), CONSTRAINT "CHK_index_definition_key" CHECK (index_key IN ('innovation','development','growth','vitality','happiness')), CONSTRAINT "PK_9f41724e011b55ae182a04eec95" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_index_definition_version" ON "index_definition" ("committee_id", "index_key", "version") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_index_definition_default" ON "index_definition" ("index_key", "version") WHERE committee_id IS NULL`);
    await q.query(
      `CREATE TABLE "index_snapshot" ("organisation_id" uuid NOT NULL, "month" date NOT NULL, "index_key" character varying(20) NOT NULL, "definition_id" uuid NOT NULL, "score" numeric(5,1) NOT NULL, "parts" jsonb NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_08a668cce4e5ec1dd9186ba4e30" PRIMARY KEY ("organisation_id", "month", "index_key"))`,
    );
    await q.query(`CREATE INDEX "IDX_index_snapshot_month" ON "index_snapshot" ("month", "index_key") `);
    await q.query(
      `ALTER TABLE "index_definition" ADD CONSTRAINT "FK_5da475bd7a81f6df4e99424ae3f" FOREIGN KEY ("committee_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "index_definition" ADD CONSTRAINT "FK_e83e1c0f36fe941f3a80a65f6ef" FOREIGN KEY ("created_by") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "index_snapshot" ADD CONSTRAINT "FK_e1be3f8db9c39d7b26de958b2d7" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "index_snapshot" ADD CONSTRAINT "FK_323a825d8ac660dcee23a1a7ed0" FOREIGN KEY ("definition_id") REFERENCES "index_definition"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    for (const [key, terms] of Object.entries(DEFAULTS_V1)) {
      await q.query(
        `INSERT INTO index_definition (committee_id, index_key, version, effective_month, terms, note) VALUES (NULL, $1, 1, DATE '2000-01-01', $2::jsonb, '平台默认口径')`,
        [key, JSON.stringify(terms)],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "index_snapshot"`);
    await q.query(`DROP TABLE "index_definition"`);
  }
}

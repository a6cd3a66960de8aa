import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transfer queues as rows (`transfer_queue`, see its entity): one per open transfer and
 * organisation on the path from the root to either side, kept by `transfer_queue_refresh(ids)` —
 * called in each step's transaction and by the trigger that follows moved organisations. Replaces
 * the partial GiST indexes, which a committee holding most of 100,000 transfers could not use
 * (the planner read the whole table for every page and every count).
 */
export class TransferQueue1795327200000 implements MigrationInterface {
  name = 'TransferQueue1795327200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "IDX_transfer_open_awaiting", "IDX_transfer_open_from", "IDX_transfer_open_to"`);
    await q.query(
      `CREATE TABLE "transfer_queue" ("transfer_id" uuid NOT NULL, "org_id" uuid NOT NULL, "mine" boolean NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_on" date, CONSTRAINT "PK_d6e5017fe2d41f205647389c572" PRIMARY KEY ("transfer_id", "org_id"))`,
    );
    await q.query(
      `ALTER TABLE "transfer_queue" ADD CONSTRAINT "FK_14cf67a710cced7fe6183beffcf" FOREIGN KEY ("transfer_id") REFERENCES "transfer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // 待办 / 待对方办理 pages in order straight from the index; counts index-only (due_on included).
    await q.query(`CREATE INDEX "IDX_transfer_queue_org" ON "transfer_queue" ("org_id", "mine", "updated_at", "transfer_id") INCLUDE ("due_on")`);
    await q.query(`CREATE INDEX "IDX_transfer_queue_due" ON "transfer_queue" ("org_id", "due_on", "transfer_id") WHERE due_on IS NOT NULL`);
    await q.query(`ALTER TABLE "transfer_queue" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05)`);
    // The organisations on the way from the root to each side (btree lookups of the path's prefixes).
    await q.query(`
      CREATE FUNCTION transfer_queue_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
        DELETE FROM transfer_queue WHERE transfer_id = ANY(ids);
        INSERT INTO transfer_queue (transfer_id, org_id, mine, updated_at, due_on)
        SELECT t.id, o.id, coalesce(t.awaiting_path <@ o.path, false), t.updated_at, t.due_on
          FROM transfer t
          CROSS JOIN LATERAL (
            SELECT subpath(t.from_org_path, 0, k) AS p FROM generate_series(1, coalesce(nlevel(t.from_org_path), 0)) k
            UNION
            SELECT subpath(t.to_org_path, 0, k) FROM generate_series(1, coalesce(nlevel(t.to_org_path), 0)) k) a
          JOIN organisation o ON o.path = a.p
         WHERE t.id = ANY(ids) AND t.state IN ('pending_branch','pending_committee','returned','letter_issued','accepted');
      $$`);
    await q.query(
      `SELECT transfer_queue_refresh(coalesce(array_agg(id), '{}')) FROM transfer WHERE state IN ('pending_branch','pending_committee','returned','letter_issued','accepted')`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION transfer_follow_org_path() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE transfer SET from_org_path = NEW.path WHERE from_org_id = NEW.id;
        UPDATE transfer SET from_committee_path = NEW.path WHERE from_committee_id = NEW.id;
        UPDATE transfer SET to_org_path = NEW.path WHERE to_org_id = NEW.id;
        UPDATE transfer SET to_committee_path = NEW.path WHERE to_committee_id = NEW.id;
        UPDATE transfer SET awaiting_path = NEW.path WHERE awaiting_path = OLD.path
          AND state IN ('pending_branch','pending_committee','returned','letter_issued','accepted');
        PERFORM transfer_queue_refresh(coalesce(array_agg(id), '{}')) FROM transfer
          WHERE (from_org_id = NEW.id OR to_org_id = NEW.id) AND state IN ('pending_branch','pending_committee','returned','letter_issued','accepted');
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "transfer_queue"`);
    await q.query(`DROP FUNCTION IF EXISTS transfer_queue_refresh(uuid[])`);
  }
}

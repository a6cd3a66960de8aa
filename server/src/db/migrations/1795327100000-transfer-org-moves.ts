import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Transfers follow organisations that move: indexes by organisation id and a trigger that rewrites
 * the paths copied onto transfers (queues scope by them) when an organisation's path changes.
 */
export class TransferOrgMoves1795327100000 implements MigrationInterface {
  name = 'TransferOrgMoves1795327100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_transfer_from_org" ON "transfer" ("from_org_id")`);
    await q.query(`CREATE INDEX "IDX_transfer_from_committee" ON "transfer" ("from_committee_id")`);
    await q.query(`CREATE INDEX "IDX_transfer_to_org" ON "transfer" ("to_org_id")`);
    await q.query(`CREATE INDEX "IDX_transfer_to_committee" ON "transfer" ("to_committee_id")`);
    // The copied paths follow an organisation that moves (the moved one and every descendant: the
    // move rewrites their paths row by row, each firing this trigger).
    await q.query(`
      CREATE FUNCTION transfer_follow_org_path() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE transfer SET from_org_path = NEW.path WHERE from_org_id = NEW.id;
        UPDATE transfer SET from_committee_path = NEW.path WHERE from_committee_id = NEW.id;
        UPDATE transfer SET to_org_path = NEW.path WHERE to_org_id = NEW.id;
        UPDATE transfer SET to_committee_path = NEW.path WHERE to_committee_id = NEW.id;
        UPDATE transfer SET awaiting_path = NEW.path WHERE awaiting_path = OLD.path
          AND state IN ('pending_branch','pending_committee','returned','letter_issued','accepted');
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER transfer_follow_org_path AFTER UPDATE ON organisation FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION transfer_follow_org_path()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS transfer_follow_org_path ON organisation`);
    await q.query(`DROP FUNCTION IF EXISTS transfer_follow_org_path`);
    await q.query(`DROP INDEX IF EXISTS "IDX_transfer_from_org", "IDX_transfer_from_committee", "IDX_transfer_to_org", "IDX_transfer_to_committee"`);
  }
}

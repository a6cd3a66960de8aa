import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The collection report without a join: fee_org_month carries its organisation's path (set when
 * the row is made, followed when an organisation moves), and a btree on (month, org_path) that
 * includes the counters answers a subtree's sum with an index-only range scan — the same technique
 * as the organisation member counts (`ltree_subtree_end`). The province's root report then reads
 * ~34,000 index entries instead of joining 50,000 organisations.
 */
export class FeeOrgMonthPath1795325600000 implements MigrationInterface {
  name = 'FeeOrgMonthPath1795325600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "fee_org_month" ADD "org_path" ltree`);
    await q.query(`UPDATE fee_org_month a SET org_path = o.path FROM organisation o WHERE o.id = a.organisation_id`);
    await q.query(`ALTER TABLE "fee_org_month" ALTER COLUMN "org_path" SET NOT NULL`);
    await q.query(
      `CREATE INDEX "IDX_fee_org_month_path" ON "fee_org_month" ("month", "org_path") INCLUDE ("bills", "due_fen", "paid_fen", "settled", "paid", "reduced", "exempt")`,
    );
    // Same fold as before; a new row takes its organisation's path.
    const fold = (source: string) => `
          INSERT INTO fee_org_month AS a (organisation_id, org_path, month, bills, due_fen, paid_fen, settled, paid, reduced, exempt)
          SELECT d.organisation_id, (SELECT o.path FROM organisation o WHERE o.id = d.organisation_id), d.month, d.bills, d.due, d.paid_fen, d.settled, d.paid, d.reduced, d.exempt
            FROM (SELECT organisation_id, month, sum(sg) AS bills, sum(sg * amount_due_fen) AS due,
                         COALESCE(sum(sg * amount_due_fen) FILTER (WHERE status IN ('paid','reduced')), 0) AS paid_fen,
                         COALESCE(sum(sg) FILTER (WHERE status <> 'unpaid'), 0) AS settled, COALESCE(sum(sg) FILTER (WHERE status = 'paid'), 0) AS paid,
                         COALESCE(sum(sg) FILTER (WHERE status = 'reduced'), 0) AS reduced, COALESCE(sum(sg) FILTER (WHERE status = 'exempt'), 0) AS exempt
                    FROM (${source}) s GROUP BY organisation_id, month) d
           WHERE d.bills <> 0 OR d.due <> 0 OR d.paid_fen <> 0 OR d.settled <> 0 OR d.paid <> 0 OR d.reduced <> 0 OR d.exempt <> 0
          ON CONFLICT (organisation_id, month) DO UPDATE SET
            bills = a.bills + EXCLUDED.bills, due_fen = a.due_fen + EXCLUDED.due_fen, paid_fen = a.paid_fen + EXCLUDED.paid_fen,
            settled = a.settled + EXCLUDED.settled, paid = a.paid + EXCLUDED.paid, reduced = a.reduced + EXCLUDED.reduced, exempt = a.exempt + EXCLUDED.exempt;`;
    const newRows = `SELECT organisation_id, month, amount_due_fen, status, 1 AS sg FROM new_bills`;
    const oldRows = `SELECT organisation_id, month, amount_due_fen, status, -1 AS sg FROM old_bills`;
    await q.query(`
      CREATE OR REPLACE FUNCTION fee_org_month_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN${fold(newRows)}
        ELSIF TG_OP = 'UPDATE' THEN${fold(`${newRows} UNION ALL ${oldRows}`)}
        ELSE${fold(oldRows)}
        END IF;
        RETURN NULL;
      END $$`);
    // Moves: the moved organisation's path is set by a BEFORE trigger and its descendants' by an
    // UPDATE of path, so this fires on any update whose path changed (no column list).
    await q.query(`
      CREATE FUNCTION fee_org_month_follow_path() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE fee_org_month SET org_path = NEW.path WHERE organisation_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER fee_org_month_follow_path AFTER UPDATE ON organisation FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION fee_org_month_follow_path()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS fee_org_month_follow_path ON organisation`);
    await q.query(`DROP FUNCTION IF EXISTS fee_org_month_follow_path`);
    await q.query(`DROP INDEX IF EXISTS "IDX_fee_org_month_path"`);
    await q.query(`ALTER TABLE "fee_org_month" DROP COLUMN "org_path"`);
    // The aggregate function goes back to its first form with migration 1795325400000's down/up.
  }
}

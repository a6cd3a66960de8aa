import type { MigrationInterface, QueryRunner } from 'typeorm';

const TRIGGERS = [
  { name: 'organisation_move_subtree', event: 'AFTER UPDATE OF parent_id', fn: 'organisation_move_subtree' },
  { name: 'fee_org_month_follow_path', event: 'AFTER UPDATE', fn: 'fee_org_month_follow_path' },
  { name: 'transfer_follow_org_path', event: 'AFTER UPDATE', fn: 'transfer_follow_org_path' },
];

/**
 * Backups must restore (docs/deployment.md §8): `pg_restore` runs with an empty search_path, and a
 * trigger condition `OLD.path IS DISTINCT FROM NEW.path` on ltree needs the extension's `=` operator
 * from schema public, which pg_dump does not qualify — the restore stopped with "operator does not
 * exist: public.ltree = public.ltree" (found by the restore test). Comparing the text forms is the
 * same test and needs only built-in operators.
 */
export class DumpSafeTriggers1795330003000 implements MigrationInterface {
  name = 'DumpSafeTriggers1795330003000';

  async up(q: QueryRunner): Promise<void> {
    for (const t of TRIGGERS) {
      await q.query(`DROP TRIGGER ${t.name} ON organisation`);
      await q.query(
        `CREATE TRIGGER ${t.name} ${t.event} ON organisation FOR EACH ROW WHEN (OLD.path::text IS DISTINCT FROM NEW.path::text) EXECUTE FUNCTION ${t.fn}()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of TRIGGERS) {
      await q.query(`DROP TRIGGER ${t.name} ON organisation`);
      await q.query(`CREATE TRIGGER ${t.name} ${t.event} ON organisation FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION ${t.fn}()`);
    }
  }
}

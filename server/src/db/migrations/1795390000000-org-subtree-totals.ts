import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Maintained subtree totals (issue 12): an organisation's members below it — `desc_member_count` and
 * `desc_full_member_count`, over its strict descendants — so the counts per child organisation read
 * one row per child instead of summing every organisation of each child's subtree (50,000 index
 * entries at a province's root, per call).
 *
 * Kept by two row triggers on organisation, by deltas to the strict ancestors (found by equality on
 * the unique path index: the prefixes of the path), locked root first so that concurrent writers
 * queue at the top instead of deadlocking:
 * - its own counts changed (the member triggers): the difference goes to every ancestor;
 * - it moved (parent_id): its whole subtree's members leave the old ancestors and join the new ones
 *   (its descendants' rows only change path, so they need nothing).
 * Organisations are deleted only when empty (members and children restrict it), so deletes need nothing.
 */
export class OrgSubtreeTotals1795390000000 implements MigrationInterface {
  name = 'OrgSubtreeTotals1795390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "organisation" ADD "desc_member_count" integer NOT NULL DEFAULT 0, ADD "desc_full_member_count" integer NOT NULL DEFAULT 0`);
    await q.query(`
      UPDATE organisation o SET desc_member_count = s.total, desc_full_member_count = s.full
        FROM (SELECT a.id, COALESCE(sum(d.member_count), 0) AS total, COALESCE(sum(d.full_member_count), 0) AS full
                FROM organisation a JOIN organisation d ON d.path <@ a.path AND d.id <> a.id
               GROUP BY a.id) s
       WHERE s.id = o.id`);
    // Adds (n, f) to the strict ancestors of `p`, top first.
    await q.query(`
      CREATE FUNCTION org_ancestors_add(p ltree, n integer, f integer) RETURNS void LANGUAGE sql AS $$
        UPDATE organisation a SET desc_member_count = a.desc_member_count + n, desc_full_member_count = a.desc_full_member_count + f
          FROM (SELECT o.id FROM organisation o
                 WHERE o.path = ANY (ARRAY(SELECT subpath(p, 0, i) FROM generate_series(1, nlevel(p) - 1) i))
                 ORDER BY nlevel(o.path) FOR UPDATE) l
         WHERE a.id = l.id AND (n <> 0 OR f <> 0)
      $$`);
    await q.query(`
      CREATE FUNCTION org_subtree_counts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM org_ancestors_add(NEW.path, NEW.member_count - OLD.member_count, NEW.full_member_count - OLD.full_member_count);
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER org_subtree_counts AFTER UPDATE OF member_count, full_member_count ON organisation FOR EACH ROW
       WHEN (OLD.member_count <> NEW.member_count OR OLD.full_member_count <> NEW.full_member_count) EXECUTE FUNCTION org_subtree_counts()`,
    );
    await q.query(`
      CREATE FUNCTION org_subtree_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM org_ancestors_add(OLD.path, -(NEW.member_count + NEW.desc_member_count), -(NEW.full_member_count + NEW.desc_full_member_count));
        PERFORM org_ancestors_add(NEW.path, NEW.member_count + NEW.desc_member_count, NEW.full_member_count + NEW.desc_full_member_count);
        RETURN NULL;
      END $$`);
    // Text comparison: restorable with an empty search_path (see the dump-safe-triggers migration).
    await q.query(
      `CREATE TRIGGER org_subtree_counts_move AFTER UPDATE OF parent_id ON organisation FOR EACH ROW
       WHEN (OLD.path::text IS DISTINCT FROM NEW.path::text) EXECUTE FUNCTION org_subtree_counts_move()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER org_subtree_counts_move ON organisation`);
    await q.query(`DROP TRIGGER org_subtree_counts ON organisation`);
    await q.query(`DROP FUNCTION org_subtree_counts_move()`);
    await q.query(`DROP FUNCTION org_subtree_counts()`);
    await q.query(`DROP FUNCTION org_ancestors_add(ltree, integer, integer)`);
    await q.query(`ALTER TABLE "organisation" DROP COLUMN "desc_full_member_count", DROP COLUMN "desc_member_count"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Member counts on INSERT per statement, not per row. The row trigger updated the organisation row
 * once per inserted member; in one transaction every update must walk the versions the previous
 * ones left, so importing 5,000 members into one branch took about 20 s (quadratic), more since the
 * counters are in an index (no HOT updates). A statement trigger with a transition table adds each
 * organisation's count once per INSERT: the same import now spends well under a second on counts.
 * UPDATE (transfer, 转正) and DELETE stay row triggers: transition tables do not combine with
 * `UPDATE OF` column lists, and those change one member at a time.
 */
export class MemberCountPerStatement1795324719955 implements MigrationInterface {
  name = 'MemberCountPerStatement1795324719955';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION member_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE organisation o SET member_count = o.member_count + d.n, full_member_count = o.full_member_count + d.f
          FROM (SELECT organisation_id, count(*)::int AS n, (count(*) FILTER (WHERE status = 'full'))::int AS f
                  FROM new_members GROUP BY organisation_id) d
         WHERE o.id = d.organisation_id;
        RETURN NULL;
      END $$`);
    await q.query(`DROP TRIGGER member_counts ON member`);
    await q.query(`CREATE TRIGGER member_counts AFTER DELETE OR UPDATE OF organisation_id, status ON member FOR EACH ROW EXECUTE FUNCTION member_counts()`);
    await q.query(
      `CREATE TRIGGER member_counts_insert AFTER INSERT ON member REFERENCING NEW TABLE AS new_members FOR EACH STATEMENT EXECUTE FUNCTION member_counts_insert()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER member_counts_insert ON member`);
    await q.query(`DROP TRIGGER member_counts ON member`);
    await q.query(
      `CREATE TRIGGER member_counts AFTER INSERT OR DELETE OR UPDATE OF organisation_id, status ON member FOR EACH ROW EXECUTE FUNCTION member_counts()`,
    );
    await q.query(`DROP FUNCTION member_counts_insert`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Members module: the indexes the member list needs on a province-sized tree (1,000,000 members,
 * 50,000 organisations), measured with EXPLAIN ANALYZE (docs/modules/members.md):
 * - `(name, id)` btree: a big subtree pages in name order straight off the index (0.5 ms for the
 *   first page of the root instead of a 500 ms sort);
 * - name search by unigrams and bigrams (GIN on `member_name_grams(name)`): Chinese names are 2–4
 *   characters and people search by 1–2 of them. The trigram index could not serve that: pg_trgm
 *   needs 3 characters, and under the C locale it extracts no trigrams from CJK text at all, so the
 *   planner scanned the whole GIN index (seconds). It is dropped;
 * - GIN on `flags` for the 流动/失联 filters;
 * - a CHECK that flags hold only the M1 flags; a status change without a reason is refused (M1).
 */
export class Members1795324009333 implements MigrationInterface {
  name = 'Members1795324009333';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_member_name_id" ON "member" ("name", "id")`);
    await q.query(`DROP INDEX IF EXISTS "IDX_member_name_trgm"`);
    // Distinct lower-cased characters and character pairs of a name. plpgsql: ten times faster than
    // the SQL form with generate_series, which matters for a million-row index build.
    await q.query(`
      CREATE FUNCTION member_name_grams(name text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
      DECLARE
        s text := lower(name);
        n int := char_length(s);
        grams text[] := '{}';
        g text;
      BEGIN
        FOR i IN 1..n LOOP
          g := substr(s, i, 1);
          IF NOT g = ANY(grams) THEN grams := grams || g; END IF;
          IF i < n THEN
            g := substr(s, i, 2);
            IF NOT g = ANY(grams) THEN grams := grams || g; END IF;
          END IF;
        END LOOP;
        RETURN grams;
      END $$`);
    // What a search term must find among a name's grams: its pairs, or the character itself.
    await q.query(`
      CREATE FUNCTION member_name_query_grams(term text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT CASE WHEN char_length(term) <= 1 THEN ARRAY[lower(term)]
                    ELSE ARRAY(SELECT substr(lower(term), i, 2) FROM generate_series(1, char_length(term) - 1) i) END
      $$`);
    await q.query(`CREATE INDEX "IDX_member_name_grams" ON "member" USING gin (member_name_grams("name"))`);
    await q.query(`CREATE INDEX "IDX_member_flags" ON "member" USING gin ("flags")`);
    await q.query(`ALTER TABLE "member_status_change" ALTER COLUMN "reason" SET NOT NULL`);
    await q.query(
      `ALTER TABLE "member" ADD CONSTRAINT "CHK_member_flags" CHECK (flags <@ ARRAY['mobile','lost_contact','disciplinary_probation','rights_suspended']::text[])`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "member" DROP CONSTRAINT IF EXISTS "CHK_member_flags"`);
    await q.query(`ALTER TABLE "member_status_change" ALTER COLUMN "reason" DROP NOT NULL`);
    await q.query(`DROP INDEX IF EXISTS "IDX_member_flags"`);
    await q.query(`DROP INDEX IF EXISTS "IDX_member_name_grams"`);
    await q.query(`DROP FUNCTION IF EXISTS member_name_query_grams, member_name_grams`);
    await q.query(`CREATE INDEX "IDX_member_name_trgm" ON "member" USING gin ("name" gin_trgm_ops)`);
    await q.query(`DROP INDEX IF EXISTS "IDX_member_name_id"`);
  }
}

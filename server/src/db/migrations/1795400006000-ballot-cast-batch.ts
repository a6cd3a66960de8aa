import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ballots in batches (issue 12), like check-ins (1795400003000) and heartbeats (1795400005000): the
 * casts that arrive while one is on its way to the database go together in one statement
 * (common/batcher.ts), each running `ballot_cast` (1795400001000) — the roll, the check-in, the
 * "has voted" mark and the ballot, both or neither (E6) — and getting its answer by ordinal. One
 * transaction then carries many voters' marks and ballots, as the closing transaction does anyway:
 * the ballots' physical order is shuffled when voting closes (mixBallots), whatever order they were
 * written in. A statement that fails as a whole (a receipt drawn twice) is run again one cast at a time.
 */
export class BallotCastBatch1795400006000 implements MigrationInterface {
  name = 'BallotCastBatch1795400006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION ballot_cast_batch(p_box uuid[], p_member uuid[], p_receipt text[], p_content jsonb[])
      RETURNS TABLE (ord integer, state varchar, "onRoll" boolean, present boolean, marked boolean)
      LANGUAGE plpgsql VOLATILE AS $fn$
      BEGIN
        RETURN QUERY
          SELECT u.n::integer, c.*
            FROM unnest(p_box, p_member, p_receipt, p_content) WITH ORDINALITY AS u(b, m, r, ct, n)
            CROSS JOIN LATERAL ballot_cast(u.b, u.m, u.r, u.ct) AS c;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION ballot_cast_batch(uuid[], uuid[], text[], jsonb[])`);
  }
}

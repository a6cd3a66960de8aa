import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The batch read calling the single read per item (replaced by probes in 1795400007000, whose down restores it). */
export const HEARTBEAT_READ_BATCH_FN = `
      CREATE FUNCTION study_heartbeat_read_batch(p_member uuid[], p_user uuid[], p_lesson uuid[], p_day date[])
      RETURNS TABLE (ord integer, clock_id uuid, clock_at timestamptz, clock_open boolean, clock_seqs jsonb, kind varchar, duration_s integer,
                     watch_threshold double precision, min_seconds integer, course_id uuid, org_path text, status varchar,
                     "position" double precision, credited_ms bigint, watched jsonb, last_beat_at timestamptz, completed_at timestamptz, day_ms bigint)
      LANGUAGE plpgsql STABLE AS $fn$
      BEGIN
        RETURN QUERY
          SELECT u.n::integer, r.*
            FROM unnest(p_member, p_user, p_lesson, p_day) WITH ORDINALITY AS u(m, a, l, d, n)
            CROSS JOIN LATERAL study_heartbeat_read(u.m, u.a, u.l, u.d) AS r;
      END
      $fn$`;

/** The batch write calling the single write per item (replaced in 1795400007000, whose down restores it). */
export const HEARTBEAT_WRITE_BATCH_FN = `
      CREATE FUNCTION study_heartbeat_write_batch(p_member uuid[], p_user uuid[], p_clock uuid[], p_seqs jsonb[], p_device text[], p_seq bigint[],
                                                 p_open boolean[], p_now timestamptz[], p_lesson uuid[], p_course uuid[], p_position double precision[],
                                                 p_credited bigint[], p_watched jsonb[], p_watched_s integer[], p_completed timestamptz[], p_day date[],
                                                 p_day_ms bigint[])
      RETURNS TABLE (ord integer, clocked boolean, day_ms bigint)
      LANGUAGE plpgsql VOLATILE AS $fn$
      BEGIN
        RETURN QUERY
          SELECT u.n::integer, w.clocked, w.day_ms
            FROM unnest(p_member, p_user, p_clock, p_seqs, p_device, p_seq, p_open, p_now, p_lesson, p_course, p_position, p_credited, p_watched,
                        p_watched_s, p_completed, p_day, p_day_ms)
                 WITH ORDINALITY AS u(m, a, c, s, dv, sq, o, t, l, co, po, cr, wa, ws, cp, d, dm, n)
            CROSS JOIN LATERAL study_heartbeat_write(u.m, u.a, u.c, u.s, u.dv, u.sq, u.o, u.t, u.l, u.co, u.po, u.cr, u.wa, u.ws, u.cp, u.d, u.dm) AS w;
      END
      $fn$`;

/**
 * Study heartbeats in batches (issue 12), like the check-in (1795400003000): the unlocked reads that
 * arrive while one is on its way to the database go together in one statement, and so do the
 * compare-and-set writes (common/batcher.ts). Each item runs the single function of 1795400000000
 * (`study_heartbeat_read` / `study_heartbeat_write`) and gets its answer by ordinal, so the rules are
 * written once. The server never puts two heartbeats of one learner in one statement and sends the
 * writes in learner order, so two statements never wait on each other's rows crosswise.
 */
export class HeartbeatBatch1795400005000 implements MigrationInterface {
  name = 'HeartbeatBatch1795400005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(HEARTBEAT_READ_BATCH_FN);
    await q.query(HEARTBEAT_WRITE_BATCH_FN);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP FUNCTION study_heartbeat_write_batch(uuid[], uuid[], uuid[], jsonb[], text[], bigint[], boolean[], timestamptz[], uuid[], uuid[], double precision[], bigint[], jsonb[], integer[], timestamptz[], date[], bigint[])`,
    );
    await q.query(`DROP FUNCTION study_heartbeat_read_batch(uuid[], uuid[], uuid[], date[])`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { HEARTBEAT_READ_FN, HEARTBEAT_WRITE_FN } from './1795400000000-heartbeat-unlocked.js';
import { HEARTBEAT_READ_BATCH_FN, HEARTBEAT_WRITE_BATCH_FN } from './1795400005000-heartbeat-batch.js';

/**
 * Study heartbeats' batches as set-based statements (issue 12, "plans under statistics"). The batches
 * of 1795400005000 called the single read and write once per item from PL/pgSQL, and the read joined
 * the learner's clock, progress and day on `member_id = $1 OR user_id = $2`: once the tables had
 * statistics, the plan kept per connection was three bitmap ORs per heartbeat, 0.35 ms of PostgreSQL
 * where the floor's whole insert costs 0.08, and each item's write was three statements of its own.
 * - The read: each lookup is a LATERAL subquery with LIMIT 1 over the member's unique index UNION ALL
 *   the account's (the null side finds nothing at once), a unique-index probe whatever the
 *   statistics, as the check-in batch's (1795400003000).
 * - The write: one statement for the batch — the clocks moved by compare-and-set or opened, then the
 *   progress and the day's totals of just those heartbeats — so its statements start once a batch,
 *   not three times an item. The server still never puts two heartbeats of one learner in one batch
 *   (an upsert may touch a row once a statement).
 * The single functions are gone: the server reads and writes one heartbeat as a batch of one, so
 * each rule is written once.
 */
const WRITE = `study_heartbeat_write(uuid, uuid, uuid, jsonb, text, bigint, boolean, timestamptz, uuid, uuid, double precision, bigint, jsonb, integer, timestamptz, date, bigint)`;
const WRITE_BATCH = `study_heartbeat_write_batch(uuid[], uuid[], uuid[], jsonb[], text[], bigint[], boolean[], timestamptz[], uuid[], uuid[], double precision[], bigint[], jsonb[], integer[], timestamptz[], date[], bigint[])`;

export class HeartbeatSetBased1795400007000 implements MigrationInterface {
  name = 'HeartbeatSetBased1795400007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION study_heartbeat_read_batch(uuid[], uuid[], uuid[], date[])`);
    await q.query(`
      CREATE FUNCTION study_heartbeat_read_batch(p_member uuid[], p_user uuid[], p_lesson uuid[], p_day date[])
      RETURNS TABLE (ord integer, clock_id uuid, clock_at timestamptz, clock_open boolean, clock_seqs jsonb, kind varchar, duration_s integer,
                     watch_threshold double precision, min_seconds integer, course_id uuid, org_path text, status varchar,
                     "position" double precision, credited_ms bigint, watched jsonb, last_beat_at timestamptz, completed_at timestamptz, day_ms bigint)
      LANGUAGE plpgsql STABLE AS $fn$
      BEGIN
        RETURN QUERY
          SELECT u.n::integer, c.id, c.last_at, c.session_open, c.seqs, l.kind, l.duration_s, l.watch_threshold, l.min_seconds, l.course_id, l.org_path,
                 l.status, p.position, p.credited_ms, p.watched, p.last_beat_at, p.completed_at, d.credited_ms
            FROM unnest(p_member, p_user, p_lesson, p_day) WITH ORDINALITY AS u(m, a, lesson, day, n)
            CROSS JOIN LATERAL (
              SELECT sl.kind, sl.duration_s, sl.watch_threshold, sl.min_seconds, sl.course_id, co.org_path::text AS org_path, co.status
                FROM study_lesson sl JOIN study_course co ON co.id = sl.course_id
               WHERE sl.id = u.lesson LIMIT 1) l
            LEFT JOIN LATERAL (
              (SELECT sc.id, sc.last_at, sc.session_open, sc.seqs FROM study_clock sc WHERE sc.member_id = u.m)
              UNION ALL (SELECT sc.id, sc.last_at, sc.session_open, sc.seqs FROM study_clock sc WHERE sc.user_id = u.a)
              LIMIT 1) c ON true
            LEFT JOIN LATERAL (
              (SELECT sp.position, sp.credited_ms, sp.watched, sp.last_beat_at, sp.completed_at FROM study_progress sp
                WHERE sp.member_id = u.m AND sp.lesson_id = u.lesson)
              UNION ALL (SELECT sp.position, sp.credited_ms, sp.watched, sp.last_beat_at, sp.completed_at FROM study_progress sp
                WHERE sp.user_id = u.a AND sp.lesson_id = u.lesson)
              LIMIT 1) p ON true
            LEFT JOIN LATERAL (
              (SELECT sd.credited_ms FROM study_day sd WHERE sd.member_id = u.m AND sd.day = u.day)
              UNION ALL (SELECT sd.credited_ms FROM study_day sd WHERE sd.user_id = u.a AND sd.day = u.day)
              LIMIT 1) d ON true;
      END
      $fn$`);
    await q.query(`DROP FUNCTION study_heartbeat_read(uuid, uuid, uuid, date)`);
    await q.query(`DROP FUNCTION ${WRITE_BATCH}`);
    // The upserts are written once per learner column: ON CONFLICT names the unique index by its
    // columns. `ok`: the heartbeats whose clock moved (or was opened) — only they write progress.
    await q.query(`
      CREATE FUNCTION study_heartbeat_write_batch(p_member uuid[], p_user uuid[], p_clock uuid[], p_seqs jsonb[], p_device text[], p_seq bigint[],
                                                 p_open boolean[], p_now timestamptz[], p_lesson uuid[], p_course uuid[], p_position double precision[],
                                                 p_credited bigint[], p_watched jsonb[], p_watched_s integer[], p_completed timestamptz[], p_day date[],
                                                 p_day_ms bigint[])
      RETURNS TABLE (ord integer, clocked boolean, day_ms bigint)
      LANGUAGE plpgsql VOLATILE AS $fn$
      BEGIN
        RETURN QUERY
          WITH u AS (
            SELECT * FROM unnest(p_member, p_user, p_clock, p_seqs, p_device, p_seq, p_open, p_now, p_lesson, p_course, p_position, p_credited,
                                 p_watched, p_watched_s, p_completed, p_day, p_day_ms)
                   WITH ORDINALITY AS x(m, a, c, s, dv, sq, o, t, l, co, po, cr, wa, ws, cp, d, dm, n)
          ), moved AS (
            UPDATE study_clock sc SET last_at = GREATEST(sc.last_at, u.t), seqs = sc.seqs || jsonb_build_object(u.dv, u.sq), session_open = u.o
              FROM u WHERE sc.id = u.c AND sc.seqs = u.s
            RETURNING u.n
          ), opened AS (
            INSERT INTO study_clock (member_id, user_id, last_at, seqs, session_open)
            SELECT u.m, u.a, u.t, jsonb_build_object(u.dv, u.sq), u.o FROM u WHERE u.c IS NULL
            ON CONFLICT DO NOTHING
            RETURNING member_id, user_id
          ), ok AS (
            SELECT u.* FROM u JOIN moved ON moved.n = u.n
            UNION ALL
            SELECT u.* FROM u JOIN opened ON opened.member_id = u.m OR opened.user_id = u.a
          ), progress_m AS (
            INSERT INTO study_progress AS sp (member_id, lesson_id, course_id, position, credited_ms, watched, watched_s, last_beat_at, completed_at, updated_at)
            SELECT ok.m, ok.l, ok.co, ok.po, ok.cr, ok.wa, ok.ws, ok.t, ok.cp, ok.t FROM ok WHERE ok.m IS NOT NULL
            ON CONFLICT (member_id, lesson_id) DO UPDATE SET position = excluded.position, credited_ms = excluded.credited_ms, watched = excluded.watched,
              watched_s = excluded.watched_s, last_beat_at = excluded.last_beat_at, completed_at = COALESCE(sp.completed_at, excluded.completed_at),
              updated_at = excluded.updated_at
          ), progress_a AS (
            INSERT INTO study_progress AS sp (user_id, lesson_id, course_id, position, credited_ms, watched, watched_s, last_beat_at, completed_at, updated_at)
            SELECT ok.a, ok.l, ok.co, ok.po, ok.cr, ok.wa, ok.ws, ok.t, ok.cp, ok.t FROM ok WHERE ok.m IS NULL
            ON CONFLICT (user_id, lesson_id) DO UPDATE SET position = excluded.position, credited_ms = excluded.credited_ms, watched = excluded.watched,
              watched_s = excluded.watched_s, last_beat_at = excluded.last_beat_at, completed_at = COALESCE(sp.completed_at, excluded.completed_at),
              updated_at = excluded.updated_at
          ), day_m AS (
            INSERT INTO study_day AS sd (member_id, day, credited_ms) SELECT ok.m, ok.d, ok.dm FROM ok WHERE ok.m IS NOT NULL AND ok.dm > 0
            ON CONFLICT (member_id, day) DO UPDATE SET credited_ms = sd.credited_ms + excluded.credited_ms
            RETURNING sd.member_id, sd.credited_ms
          ), day_a AS (
            INSERT INTO study_day AS sd (user_id, day, credited_ms) SELECT ok.a, ok.d, ok.dm FROM ok WHERE ok.m IS NULL AND ok.dm > 0
            ON CONFLICT (user_id, day) DO UPDATE SET credited_ms = sd.credited_ms + excluded.credited_ms
            RETURNING sd.user_id, sd.credited_ms
          )
          SELECT u.n::integer, ok.n IS NOT NULL, COALESCE(day_m.credited_ms, day_a.credited_ms)
            FROM u LEFT JOIN ok ON ok.n = u.n
            LEFT JOIN day_m ON day_m.member_id = ok.m
            LEFT JOIN day_a ON day_a.user_id = ok.a;
      END
      $fn$`);
    await q.query(`DROP FUNCTION ${WRITE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION study_heartbeat_read_batch(uuid[], uuid[], uuid[], date[])`);
    await q.query(`DROP FUNCTION ${WRITE_BATCH}`);
    await q.query(HEARTBEAT_READ_FN);
    await q.query(HEARTBEAT_READ_BATCH_FN);
    await q.query(HEARTBEAT_WRITE_FN);
    await q.query(HEARTBEAT_WRITE_BATCH_FN);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { HEARTBEAT_OPEN_FN } from './1795337000000-study-learner-account.js';

/** The single heartbeat read (replaced by the batch read's probes in 1795400007000, whose down restores it). */
export const HEARTBEAT_READ_FN = `
      CREATE FUNCTION study_heartbeat_read(p_member uuid, p_user uuid, p_lesson uuid, p_day date)
      RETURNS TABLE (clock_id uuid, clock_at timestamptz, clock_open boolean, clock_seqs jsonb, kind varchar, duration_s integer,
                     watch_threshold double precision, min_seconds integer, course_id uuid, org_path text, status varchar,
                     "position" double precision, credited_ms bigint, watched jsonb, last_beat_at timestamptz, completed_at timestamptz, day_ms bigint)
      LANGUAGE plpgsql STABLE AS $fn$
      #variable_conflict use_column
      BEGIN
        RETURN QUERY
          SELECT c.id, c.last_at, c.session_open, c.seqs, l.kind, l.duration_s, l.watch_threshold, l.min_seconds, l.course_id, co.org_path::text, co.status,
                 p.position, p.credited_ms, p.watched, p.last_beat_at, p.completed_at, d.credited_ms
            FROM study_lesson l JOIN study_course co ON co.id = l.course_id
            LEFT JOIN study_clock c ON c.member_id = p_member OR c.user_id = p_user
            LEFT JOIN study_progress p ON p.lesson_id = l.id AND (p.member_id = p_member OR p.user_id = p_user)
            LEFT JOIN study_day d ON (d.member_id = p_member OR d.user_id = p_user) AND d.day = p_day
           WHERE l.id = p_lesson;
      END
      $fn$`;

/** The single heartbeat write (replaced by the set-based batch write in 1795400007000, whose down restores it). */
export const HEARTBEAT_WRITE_FN = `
      CREATE FUNCTION study_heartbeat_write(p_member uuid, p_user uuid, p_clock uuid, p_seqs jsonb, p_device text, p_seq bigint, p_open boolean,
                                           p_now timestamptz, p_lesson uuid, p_course uuid, p_position double precision, p_credited bigint,
                                           p_watched jsonb, p_watched_s integer, p_completed timestamptz, p_day date, p_day_ms bigint)
      RETURNS TABLE (clocked boolean, day_ms bigint)
      LANGUAGE plpgsql VOLATILE AS $fn$
      #variable_conflict use_column
      DECLARE
        v_day bigint;
      BEGIN
        IF p_clock IS NOT NULL THEN
          UPDATE study_clock sc SET last_at = GREATEST(sc.last_at, p_now), seqs = sc.seqs || jsonb_build_object(p_device, p_seq), session_open = p_open
           WHERE sc.id = p_clock AND sc.seqs = p_seqs;
        ELSE
          INSERT INTO study_clock (member_id, user_id, last_at, seqs, session_open) VALUES (p_member, p_user, p_now, jsonb_build_object(p_device, p_seq), p_open)
          ON CONFLICT DO NOTHING;
        END IF;
        IF NOT FOUND THEN
          RETURN QUERY SELECT false, NULL::bigint;
          RETURN;
        END IF;
        IF p_member IS NOT NULL THEN
          INSERT INTO study_progress AS sp (member_id, lesson_id, course_id, position, credited_ms, watched, watched_s, last_beat_at, completed_at, updated_at)
          VALUES (p_member, p_lesson, p_course, p_position, p_credited, p_watched, p_watched_s, p_now, p_completed, p_now)
          ON CONFLICT (member_id, lesson_id) DO UPDATE SET position = excluded.position, credited_ms = excluded.credited_ms, watched = excluded.watched,
            watched_s = excluded.watched_s, last_beat_at = excluded.last_beat_at, completed_at = COALESCE(sp.completed_at, excluded.completed_at),
            updated_at = excluded.updated_at;
          IF p_day_ms > 0 THEN
            INSERT INTO study_day AS sd (member_id, day, credited_ms) VALUES (p_member, p_day, p_day_ms)
            ON CONFLICT (member_id, day) DO UPDATE SET credited_ms = sd.credited_ms + excluded.credited_ms RETURNING sd.credited_ms INTO v_day;
          END IF;
        ELSE
          INSERT INTO study_progress AS sp (user_id, lesson_id, course_id, position, credited_ms, watched, watched_s, last_beat_at, completed_at, updated_at)
          VALUES (p_user, p_lesson, p_course, p_position, p_credited, p_watched, p_watched_s, p_now, p_completed, p_now)
          ON CONFLICT (user_id, lesson_id) DO UPDATE SET position = excluded.position, credited_ms = excluded.credited_ms, watched = excluded.watched,
            watched_s = excluded.watched_s, last_beat_at = excluded.last_beat_at, completed_at = COALESCE(sp.completed_at, excluded.completed_at),
            updated_at = excluded.updated_at;
          IF p_day_ms > 0 THEN
            INSERT INTO study_day AS sd (user_id, day, credited_ms) VALUES (p_user, p_day, p_day_ms)
            ON CONFLICT (user_id, day) DO UPDATE SET credited_ms = sd.credited_ms + excluded.credited_ms RETURNING sd.credited_ms INTO v_day;
          END IF;
        END IF;
        RETURN QUERY SELECT true, v_day;
      END
      $fn$`;

/**
 * A study heartbeat no longer holds the learner's clock row locked across its round trips (issue 12):
 * it reads without a lock (`study_heartbeat_read`) and writes clock, progress and day in one call
 * that moves the clock only if it is still as read (`study_heartbeat_write`, compare-and-set on the
 * per-device `seqs`, which every heartbeat changes). Both are PL/pgSQL so that their statements'
 * plans are kept per connection: planned afresh on every call, the read's five-table join cost more
 * than the round trips it saved. `study_heartbeat_open`, which locked and upserted the clock before
 * the read, has no caller left.
 */
export class HeartbeatUnlocked1795400000000 implements MigrationInterface {
  name = 'HeartbeatUnlocked1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION study_heartbeat_open(uuid, uuid, timestamptz, text, bigint, boolean, uuid)`);
    // One of p_member / p_user is null, so one side of each OR never matches.
    await q.query(HEARTBEAT_READ_FN);
    // The progress and day upserts are written once per learner column: ON CONFLICT names the unique
    // index by its columns.
    await q.query(HEARTBEAT_WRITE_FN);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP FUNCTION study_heartbeat_write(uuid, uuid, uuid, jsonb, text, bigint, boolean, timestamptz, uuid, uuid, double precision, bigint, jsonb, integer, timestamptz, date, bigint)`,
    );
    await q.query(`DROP FUNCTION study_heartbeat_read(uuid, uuid, uuid, date)`);
    await q.query(HEARTBEAT_OPEN_FN);
  }
}

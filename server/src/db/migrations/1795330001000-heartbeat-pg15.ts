import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * PostgreSQL 15–17 support: `study_heartbeat_open` read the clock's previous values with
 * `RETURNING old.*`, which only PostgreSQL 18 knows (15 answered every heartbeat 500). Same contract
 * without it: lock the member's clock row first (FOR UPDATE), keep its previous values, then update it
 * if the device's seq is new; a member's first beat inserts the row, and a concurrent first beat that
 * lost the insert race goes round the loop once more and finds the row to lock. As before, the row
 * stays locked until the transaction ends, and the lesson is read after the lock was granted.
 * `prev_at` / `was_open` are NULL for a first beat and for a replayed seq (clocked = false), as
 * `RETURNING old.* INTO` left them.
 */
export class HeartbeatPg151795330001000 implements MigrationInterface {
  name = 'HeartbeatPg151795330001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION study_heartbeat_open(p_member uuid, p_now timestamptz, p_device text, p_seq bigint, p_open boolean, p_lesson uuid)
      RETURNS TABLE (clocked boolean, prev_at timestamptz, was_open boolean, kind varchar, duration_s integer, watch_threshold double precision,
                     min_seconds integer, course_id uuid, org_path text, status varchar, "position" double precision, credited_ms bigint,
                     watched jsonb, last_beat_at timestamptz, completed_at timestamptz)
      LANGUAGE plpgsql VOLATILE AS $fn$
      #variable_conflict use_column
      DECLARE
        v_prev timestamptz;
        v_open boolean;
        v_seqs jsonb;
        v_clocked boolean := false;
      BEGIN
        LOOP
          SELECT sc.last_at, sc.session_open, sc.seqs INTO v_prev, v_open, v_seqs FROM study_clock sc WHERE sc.member_id = p_member FOR UPDATE;
          IF FOUND THEN
            IF COALESCE((v_seqs ->> p_device)::bigint, -1) < p_seq THEN
              UPDATE study_clock sc SET last_at = GREATEST(sc.last_at, p_now), seqs = sc.seqs || jsonb_build_object(p_device, p_seq), session_open = p_open
               WHERE sc.member_id = p_member;
              v_clocked := true;
            ELSE
              v_prev := NULL;
              v_open := NULL;
            END IF;
            EXIT;
          END IF;
          INSERT INTO study_clock (member_id, last_at, seqs, session_open) VALUES (p_member, p_now, jsonb_build_object(p_device, p_seq), p_open)
          ON CONFLICT (member_id) DO NOTHING;
          IF FOUND THEN
            v_clocked := true;
            v_prev := NULL;
            v_open := NULL;
            EXIT;
          END IF;
        END LOOP;
        RETURN QUERY
          SELECT v_clocked, v_prev, v_open, l.kind, l.duration_s, l.watch_threshold, l.min_seconds, l.course_id, c.org_path::text, c.status,
                 p.position, p.credited_ms, p.watched, p.last_beat_at, p.completed_at
            FROM study_lesson l JOIN study_course c ON c.id = l.course_id
            LEFT JOIN study_progress p ON p.lesson_id = l.id AND p.member_id = p_member
           WHERE l.id = p_lesson;
      END
      $fn$`);
  }

  async down(): Promise<void> {
    // The PostgreSQL 18-only body is not restored: it would break 15–17 again; the function keeps its contract.
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * L2: the first step of a heartbeat in one round trip. `study_heartbeat_open` upserts the member's
 * study clock (refused for a replayed seq: clocked = false), which locks the member's clock row until
 * the transaction ends, and THEN reads the lesson with the member's progress. The function is
 * VOLATILE, so in READ COMMITTED its read takes a fresh snapshot after the lock was granted and sees
 * the progress committed by the member's previous heartbeat (one statement with a CTE could not: its
 * snapshot predates the lock wait).
 */
export class StudyHeartbeatOpen1795328300000 implements MigrationInterface {
  name = 'StudyHeartbeatOpen1795328300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION study_heartbeat_open(p_member uuid, p_now timestamptz, p_device text, p_seq bigint, p_open boolean, p_lesson uuid)
      RETURNS TABLE (clocked boolean, prev_at timestamptz, was_open boolean, kind varchar, duration_s integer, watch_threshold double precision,
                     min_seconds integer, course_id uuid, org_path text, status varchar, "position" double precision, credited_ms bigint,
                     watched jsonb, last_beat_at timestamptz, completed_at timestamptz)
      LANGUAGE plpgsql VOLATILE AS $fn$
      #variable_conflict use_column
      DECLARE
        v_prev timestamptz;
        v_open boolean;
        v_clocked boolean;
      BEGIN
        INSERT INTO study_clock AS sc (member_id, last_at, seqs, session_open) VALUES (p_member, p_now, jsonb_build_object(p_device, p_seq), p_open)
        ON CONFLICT (member_id) DO UPDATE SET last_at = GREATEST(sc.last_at, excluded.last_at), seqs = sc.seqs || excluded.seqs, session_open = excluded.session_open
         WHERE COALESCE((sc.seqs ->> p_device)::bigint, -1) < p_seq
        RETURNING old.last_at, old.session_open INTO v_prev, v_open;
        v_clocked := FOUND;
        RETURN QUERY
          SELECT v_clocked, v_prev, v_open, l.kind, l.duration_s, l.watch_threshold, l.min_seconds, l.course_id, c.org_path::text, c.status,
                 p.position, p.credited_ms, p.watched, p.last_beat_at, p.completed_at
            FROM study_lesson l JOIN study_course c ON c.id = l.course_id
            LEFT JOIN study_progress p ON p.lesson_id = l.id AND p.member_id = p_member
           WHERE l.id = p_lesson;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION study_heartbeat_open(uuid, timestamptz, text, bigint, boolean, uuid)`);
  }
}

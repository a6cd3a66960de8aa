import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Check-ins in batches (issue 12): the check-ins that arrive while one is on its way to the database
 * go together in one statement (common/batcher.ts) — one round trip, one plan and one commit for
 * many scans. Each item gets what meeting_checkin_record (1795400002000) would have told it alone:
 * whether the member is expected (C4: not expected = no row), whether its row was written (new, or a
 * confirmed one replacing a pending or rejected one; nothing replaces a confirmed one) and the row it
 * has now. Members not expected are left out before the insert, so the foreign key fails the batch
 * only if an attendee is removed meanwhile — then the server runs each item alone. The rows are
 * written in key order so that two batches never wait on each other crosswise. Each lookup is a
 * LATERAL subquery with LIMIT 1, which the planner cannot turn into a join: PostgreSQL keeps a generic
 * plan for the function (made without knowing how many scans a batch holds), and once the tables had
 * statistics, plain joins were planned as a hash of the whole check-in table on every batch — four
 * times the database's cost per check-in (`pnpm bench checkin` after ANALYZE, issue 12).
 */
export class CheckinRecordBatchFn1795400003000 implements MigrationInterface {
  name = 'CheckinRecordBatchFn1795400003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION meeting_checkin_record_batch(p_meeting uuid[], p_member uuid[], p_at timestamptz[], p_method varchar[], p_status varchar[],
                                                   p_token_step bigint[], p_lat double precision[], p_lng double precision[], p_note text[],
                                                   p_recorded_by uuid[], p_notify uuid[])
      RETURNS TABLE (ord integer, expected boolean, written boolean, id uuid, at timestamptz, method varchar, status varchar)
      LANGUAGE plpgsql VOLATILE AS $fn$
      #variable_conflict use_column
      BEGIN
        RETURN QUERY
          WITH u AS (
            SELECT u.*, a.expected
              FROM unnest(p_meeting, p_member, p_at, p_method, p_status, p_token_step, p_lat, p_lng, p_note, p_recorded_by)
                     WITH ORDINALITY AS u(meeting_id, member_id, at, method, status, token_step, lat, lng, note, recorded_by, ord)
              LEFT JOIN LATERAL (SELECT true AS expected FROM meeting_attendee a
                                  WHERE a.meeting_id = u.meeting_id AND a.member_id = u.member_id LIMIT 1) a ON true),
          ins AS (
            INSERT INTO meeting_checkin AS c (meeting_id, member_id, at, method, status, token_step, lat, lng, note, recorded_by)
            SELECT u.meeting_id, u.member_id, u.at, u.method, u.status, u.token_step, u.lat, u.lng, u.note, u.recorded_by
              FROM u WHERE u.expected ORDER BY u.meeting_id, u.member_id
            ON CONFLICT (meeting_id, member_id) DO UPDATE
              SET at = EXCLUDED.at, method = EXCLUDED.method, status = EXCLUDED.status, token_step = EXCLUDED.token_step,
                  lat = EXCLUDED.lat, lng = EXCLUDED.lng, note = EXCLUDED.note, recorded_by = EXCLUDED.recorded_by,
                  decided_by = NULL, decided_at = NULL
              WHERE c.status <> 'confirmed' AND EXCLUDED.status = 'confirmed'
            RETURNING c.id, c.at, c.method, c.status, c.meeting_id, c.member_id)
          SELECT u.ord::integer, COALESCE(u.expected, false), ins.id IS NOT NULL, COALESCE(ins.id, x.id), COALESCE(ins.at, x.at),
                 COALESCE(ins.method, x.method)::varchar, COALESCE(ins.status, x.status)::varchar
            FROM u
            LEFT JOIN ins ON ins.meeting_id = u.meeting_id AND ins.member_id = u.member_id
            LEFT JOIN LATERAL (SELECT c.id, c.at, c.method, c.status FROM meeting_checkin c
                                WHERE ins.id IS NULL AND u.expected AND c.meeting_id = u.meeting_id AND c.member_id = u.member_id LIMIT 1) x ON true;
        PERFORM pg_notify('meeting_checkin', m::text) FROM unnest(p_notify) AS m;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP FUNCTION meeting_checkin_record_batch(uuid[], uuid[], timestamptz[], varchar[], varchar[], bigint[], double precision[], double precision[], text[], uuid[], uuid[])`,
    );
  }
}

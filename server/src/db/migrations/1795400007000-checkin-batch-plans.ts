import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The check-in batch (1795400003000) joined its `unnest` of scans to `meeting_attendee` and, for the
 * scans not written, to `meeting_checkin`. Once those tables had statistics, the plan PostgreSQL kept
 * for the function (a generic plan, made without knowing how many scans a batch holds) hashed the
 * whole `meeting_checkin` table on every batch: a check-in cost the database four times as much
 * (`pnpm bench checkin` after ANALYZE, issue 12). Each lookup is now a LATERAL subquery with LIMIT 1,
 * which the planner cannot turn into such a join: one probe of the unique index per scan, whatever
 * the statistics say. Same answers as before.
 */
export class CheckinBatchPlans1795400007000 implements MigrationInterface {
  name = 'CheckinBatchPlans1795400007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION meeting_checkin_record_batch(p_meeting uuid[], p_member uuid[], p_at timestamptz[], p_method varchar[], p_status varchar[],
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

  async down(): Promise<void> {
    // The function of 1795400003000 gives the same answers; its text stays there.
  }
}

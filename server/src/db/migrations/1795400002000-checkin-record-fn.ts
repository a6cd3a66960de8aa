import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The check-in's one statement as a PL/pgSQL function (issue 12), like the ballot cast
 * (1795400001000): the same upsert — a new check-in, or a confirmed one replacing a pending or
 * rejected one; nothing replaces a confirmed one — and the same pg_notify, sent with the statement
 * unless `p_notify` is false; its plan kept per connection instead of made for every scan.
 */
export class CheckinRecordFn1795400002000 implements MigrationInterface {
  name = 'CheckinRecordFn1795400002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION meeting_checkin_record(p_meeting uuid, p_member uuid, p_at timestamptz, p_method varchar, p_status varchar, p_token_step bigint,
                                             p_lat double precision, p_lng double precision, p_note text, p_recorded_by uuid, p_notify boolean)
      RETURNS TABLE (id uuid, at timestamptz, method varchar, status varchar, "memberId" uuid)
      LANGUAGE plpgsql VOLATILE AS $fn$
      #variable_conflict use_column
      BEGIN
        RETURN QUERY
          WITH ins AS (
            INSERT INTO meeting_checkin AS c (meeting_id, member_id, at, method, status, token_step, lat, lng, note, recorded_by)
            VALUES (p_meeting, p_member, p_at, p_method, p_status, p_token_step, p_lat, p_lng, p_note, p_recorded_by)
            ON CONFLICT (meeting_id, member_id) DO UPDATE
              SET at = EXCLUDED.at, method = EXCLUDED.method, status = EXCLUDED.status, token_step = EXCLUDED.token_step,
                  lat = EXCLUDED.lat, lng = EXCLUDED.lng, note = EXCLUDED.note, recorded_by = EXCLUDED.recorded_by,
                  decided_by = NULL, decided_at = NULL
              WHERE c.status <> 'confirmed' AND EXCLUDED.status = 'confirmed'
            RETURNING c.id, c.at, c.method, c.status, c.member_id)
          SELECT ins.id, ins.at, ins.method::varchar, ins.status::varchar, ins.member_id
            FROM ins, LATERAL (SELECT CASE WHEN p_notify THEN pg_notify('meeting_checkin', p_meeting::text) END) n;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP FUNCTION meeting_checkin_record(uuid, uuid, timestamptz, varchar, varchar, bigint, double precision, double precision, text, uuid, boolean)`,
    );
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Check-in points off the check-in's path (issue 12, L4, P3). The row trigger awarded them inside
 * every check-in statement — a rule lookup, a lock, a sum and a ledger insert per scan, most of the
 * check-in's cost in the database. Now the statement that records check-ins queues the confirmed
 * ones (`points_checkin_queue`, one statement-level trigger, in the same transaction: nothing is
 * lost), and `points_checkin_drain` awards them in batches (the server's CheckinPointsJob, within
 * seconds). A check-in that changes state later (confirmed, rejected, deleted) still moves its
 * points at once through the row trigger, as before; points_award stays idempotent per source key,
 * so a queued check-in already awarded that way is not awarded twice.
 */
export class CheckinPointsQueue1795400004000 implements MigrationInterface {
  name = 'CheckinPointsQueue1795400004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE points_checkin_queue (checkin_id uuid PRIMARY KEY, queued_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`
      CREATE FUNCTION points_checkin_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO points_checkin_queue (checkin_id) SELECT id FROM added WHERE status = 'confirmed';
        RETURN NULL;
      END $$`);
    await q.query(`DROP TRIGGER study_checkin_points ON meeting_checkin`);
    await q.query(
      `CREATE TRIGGER study_checkin_points AFTER UPDATE OF status OR DELETE ON meeting_checkin FOR EACH ROW EXECUTE FUNCTION study_checkin_points()`,
    );
    await q.query(
      `CREATE TRIGGER points_checkin_enqueue AFTER INSERT ON meeting_checkin REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION points_checkin_enqueue()`,
    );
    // Awards up to p_limit queued check-ins (still confirmed) in order of arrival; answers how many left the queue.
    await q.query(`
      CREATE FUNCTION points_checkin_drain(p_limit integer) RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE
        ids uuid[];
      BEGIN
        WITH taken AS (
          DELETE FROM points_checkin_queue
           WHERE checkin_id IN (SELECT checkin_id FROM points_checkin_queue ORDER BY queued_at LIMIT p_limit FOR UPDATE SKIP LOCKED)
          RETURNING checkin_id)
        SELECT array_agg(checkin_id) INTO ids FROM taken;
        IF ids IS NULL THEN RETURN 0; END IF;
        PERFORM points_award(c.member_id, 'checkin', 'checkin:' || c.id::text, (c.at AT TIME ZONE 'Asia/Shanghai')::date)
           FROM (SELECT id, member_id, at FROM meeting_checkin WHERE id = ANY (ids) AND status = 'confirmed' ORDER BY at, id) c;
        RETURN cardinality(ids);
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`SELECT points_checkin_drain(2147483647)`);
    await q.query(`DROP TRIGGER points_checkin_enqueue ON meeting_checkin`);
    await q.query(`DROP TRIGGER study_checkin_points ON meeting_checkin`);
    await q.query(
      `CREATE TRIGGER study_checkin_points AFTER INSERT OR UPDATE OF status OR DELETE ON meeting_checkin FOR EACH ROW EXECUTE FUNCTION study_checkin_points()`,
    );
    await q.query(`DROP FUNCTION points_checkin_drain(integer)`);
    await q.query(`DROP FUNCTION points_checkin_enqueue()`);
    await q.query(`DROP TABLE points_checkin_queue`);
  }
}

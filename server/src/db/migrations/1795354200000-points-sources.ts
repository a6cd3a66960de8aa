import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * P3: points for fees paid on time, notices acknowledged and news published, awarded by triggers in
 * the very transaction that records the fact (like check-in points, L4): every path that pays a bill,
 * acknowledges a notice or publishes news earns them, and a rolled-back step earns nothing. The
 * source keys make each award happen once.
 */
export class PointsSources1795354200000 implements MigrationInterface {
  name = 'PointsSources1795354200000';

  async up(q: QueryRunner): Promise<void> {
    // 按时交纳: settled (paid, or paid at a reduced rate) no later than the last day of the bill's month.
    await q.query(`
      CREATE FUNCTION points_fee_on_time() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE d date;
      BEGIN
        IF NEW.status IN ('paid', 'reduced') AND OLD.status = 'unpaid' AND NEW.paid_at IS NOT NULL THEN
          d := (NEW.paid_at AT TIME ZONE 'Asia/Shanghai')::date;
          IF d < (NEW.month + interval '1 month')::date THEN
            PERFORM points_award(NEW.member_id, 'fee_on_time', 'fee:' || NEW.id::text, d);
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER points_fee_on_time AFTER UPDATE OF status ON fee_bill FOR EACH ROW EXECUTE FUNCTION points_fee_on_time()`);

    await q.query(`
      CREATE FUNCTION points_notice_ack() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.acked_at IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.acked_at IS NULL) THEN
          PERFORM points_award(NEW.member_id, 'notice_ack', 'notice_ack:' || NEW.notice_id::text || ':' || NEW.member_id::text,
                               (NEW.acked_at AT TIME ZONE 'Asia/Shanghai')::date);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER points_notice_ack AFTER INSERT OR UPDATE OF acked_at ON notice_receipt FOR EACH ROW EXECUTE FUNCTION points_notice_ack()`);

    // The author earns them when a committee publishes the piece (an author without a member record earns none).
    await q.query(`
      CREATE FUNCTION points_news_published() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE author uuid;
      BEGIN
        IF NEW.state = 'published' AND OLD.state <> 'published' THEN
          SELECT member_id INTO author FROM user_account WHERE id = NEW.created_by;
          IF author IS NOT NULL THEN
            PERFORM points_award(author, 'news_published', 'news:' || NEW.id::text, (NEW.published_at AT TIME ZONE 'Asia/Shanghai')::date);
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER points_news_published AFTER UPDATE OF state ON news FOR EACH ROW EXECUTE FUNCTION points_news_published()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER points_news_published ON news`);
    await q.query(`DROP FUNCTION points_news_published()`);
    await q.query(`DROP TRIGGER points_notice_ack ON notice_receipt`);
    await q.query(`DROP FUNCTION points_notice_ack()`);
    await q.query(`DROP TRIGGER points_fee_on_time ON fee_bill`);
    await q.query(`DROP FUNCTION points_fee_on_time()`);
  }
}

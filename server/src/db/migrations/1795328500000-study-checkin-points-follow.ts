import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * L4: check-in points follow the attendance record. A confirmed check-in that is later rejected (or
 * otherwise leaves 'confirmed') or deleted loses its points in the same transaction; confirmed again,
 * it earns them again (within the day's cap).
 */
export class StudyCheckinPointsFollow1795328500000 implements MigrationInterface {
  name = 'StudyCheckinPointsFollow1795328500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION study_checkin_points() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' AND OLD.status = 'confirmed' AND (TG_OP = 'DELETE' OR NEW.status <> 'confirmed') THEN
          DELETE FROM study_points WHERE source_key = 'checkin:' || OLD.id::text;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.status = 'confirmed' THEN
          PERFORM study_award_points(NEW.member_id, 'checkin', 'checkin:' || NEW.id::text, (NEW.at AT TIME ZONE 'Asia/Shanghai')::date);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`DROP TRIGGER study_checkin_points ON meeting_checkin`);
    await q.query(
      `CREATE TRIGGER study_checkin_points AFTER INSERT OR UPDATE OF status OR DELETE ON meeting_checkin FOR EACH ROW EXECUTE FUNCTION study_checkin_points()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER study_checkin_points ON meeting_checkin`);
    await q.query(`
      CREATE OR REPLACE FUNCTION study_checkin_points() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'confirmed' THEN
          PERFORM study_award_points(NEW.member_id, 'checkin', 'checkin:' || NEW.id::text, (NEW.at AT TIME ZONE 'Asia/Shanghai')::date);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER study_checkin_points AFTER INSERT OR UPDATE OF status ON meeting_checkin FOR EACH ROW EXECUTE FUNCTION study_checkin_points()`,
    );
  }
}

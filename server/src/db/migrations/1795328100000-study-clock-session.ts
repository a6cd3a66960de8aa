import type { MigrationInterface, QueryRunner } from 'typeorm';

/** L2: a member's study session can be closed by a 'stop' heartbeat (pause, page hidden), not only by a 10-minute gap. */
export class StudyClockSession1795328100000 implements MigrationInterface {
  name = 'StudyClockSession1795328100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "study_clock" ADD "session_open" boolean NOT NULL DEFAULT true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "study_clock" DROP COLUMN "session_open"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { HEARTBEAT_OPEN_FN } from './1795337000000-study-learner-account.js';

/**
 * A study heartbeat no longer holds the learner's clock row locked across its round trips (issue 12):
 * it reads without a lock and writes clock, progress and day in one compare-and-set statement
 * (StudyProgressRepository.writeHeartbeat), so `study_heartbeat_open`, which locked and upserted the
 * clock before the read, has no caller left.
 */
export class HeartbeatUnlocked1795400000000 implements MigrationInterface {
  name = 'HeartbeatUnlocked1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION study_heartbeat_open(uuid, uuid, timestamptz, text, bigint, boolean, uuid)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(HEARTBEAT_OPEN_FN);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Meeting reminders (issue 14): when the attendees were reminded, so the interval job reminds once. */
export class MeetingReminders1795333002000 implements MigrationInterface {
  name = 'MeetingReminders1795333002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "meeting" ADD "reminded_at" TIMESTAMP WITH TIME ZONE`);
    // The job's scan: meetings not yet reminded, by start time.
    await q.query(`CREATE INDEX "IDX_meeting_remind_due" ON "meeting" ("starts_at") WHERE reminded_at IS NULL AND cancelled_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_meeting_remind_due"`);
    await q.query(`ALTER TABLE "meeting" DROP COLUMN "reminded_at"`);
  }
}

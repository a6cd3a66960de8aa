import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A course can be archived: withdrawn from members, kept with its progress, hours and points. */
export class StudyCourseArchive1795328400000 implements MigrationInterface {
  name = 'StudyCourseArchive1795328400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "study_course" DROP CONSTRAINT "CHK_study_course_status"`);
    await q.query(`ALTER TABLE "study_course" ADD CONSTRAINT "CHK_study_course_status" CHECK (status IN ('draft','published','archived'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "study_course" SET status = 'draft' WHERE status = 'archived'`);
    await q.query(`ALTER TABLE "study_course" DROP CONSTRAINT "CHK_study_course_status"`);
    await q.query(`ALTER TABLE "study_course" ADD CONSTRAINT "CHK_study_course_status" CHECK (status IN ('draft','published'))`);
  }
}

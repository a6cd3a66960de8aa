import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Study uploads belong to an organisation (the uploader's scope); managers may only use files of
 * organisations they manage. Files already used by a course are given that course's organisation.
 */
export class StudyFileOrg1795328200000 implements MigrationInterface {
  name = 'StudyFileOrg1795328200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "study_file" ("file_id" uuid NOT NULL, "organisation_id" uuid, "org_path" ltree, CONSTRAINT "CHK_study_file_org" CHECK ((organisation_id IS NULL) = (org_path IS NULL)), CONSTRAINT "PK_595a8800d5379afa0ee48ceb9dc" PRIMARY KEY ("file_id"))`,
    );
    await q.query(
      `ALTER TABLE "study_file" ADD CONSTRAINT "FK_595a8800d5379afa0ee48ceb9dc" FOREIGN KEY ("file_id") REFERENCES "stored_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "study_file" ADD CONSTRAINT "FK_9053f9cea489f80a9a76ec76686" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `INSERT INTO study_file (file_id, organisation_id, org_path)
       SELECT DISTINCT ON (u.file_id) u.file_id, c.organisation_id, c.org_path
         FROM (SELECT id AS course_id, cover_file_id AS file_id FROM study_course WHERE cover_file_id IS NOT NULL
               UNION ALL SELECT course_id, file_id FROM study_lesson WHERE file_id IS NOT NULL
               UNION ALL SELECT l.course_id, m[1]::uuid FROM study_lesson l, regexp_matches(l.body_html, 'study-file:([0-9a-f-]{36})', 'g') AS m) u
         JOIN study_course c ON c.id = u.course_id
         JOIN stored_file f ON f.id = u.file_id
        ORDER BY u.file_id, c.org_path NULLS FIRST`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "study_file"`);
  }
}

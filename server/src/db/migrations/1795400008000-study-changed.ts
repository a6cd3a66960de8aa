import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * NOTIFY study_changed when a lesson or a course changes (issue 12): the heartbeat path keeps each
 * lesson's rules with its course's path and status in memory (study/heartbeat-cache.ts), and every
 * process of every instance drops its copy when the change commits — `l:<lesson>` or `c:<course>`.
 */
const TRIGGERS = [
  { table: 'study_lesson', payload: `'l:' || OLD.id` },
  { table: 'study_course', payload: `'c:' || OLD.id` },
];

export class StudyChanged1795400008000 implements MigrationInterface {
  name = 'StudyChanged1795400008000';

  async up(q: QueryRunner): Promise<void> {
    for (const t of TRIGGERS) {
      await q.query(
        `CREATE FUNCTION study_changed_${t.table}() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN PERFORM pg_notify('study_changed', ${t.payload}); RETURN NULL; END $$`,
      );
      await q.query(`CREATE TRIGGER study_changed_${t.table} AFTER UPDATE OR DELETE ON "${t.table}" FOR EACH ROW EXECUTE FUNCTION study_changed_${t.table}()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of TRIGGERS) {
      await q.query(`DROP TRIGGER study_changed_${t.table} ON "${t.table}"`);
      await q.query(`DROP FUNCTION study_changed_${t.table}()`);
    }
  }
}

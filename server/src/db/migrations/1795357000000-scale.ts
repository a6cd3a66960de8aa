import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Row triggers that tell every server instance (LISTEN auth_changed) whose cached caller is stale. */
const AUTH_TRIGGERS = [
  // A sign-out, revocation, refresh rotation or deletion of a session.
  { table: 'auth_session', event: 'AFTER UPDATE OR DELETE', payload: `'s:' || OLD.id` },
  // A disabled account, a demo flag, a changed name or member link.
  { table: 'user_account', event: 'AFTER UPDATE OR DELETE', payload: `'u:' || OLD.id` },
  { table: 'role_assignment', event: 'AFTER INSERT OR UPDATE OR DELETE', payload: `'u:' || COALESCE(NEW.user_id, OLD.user_id)` },
  { table: 'committee_position', event: 'AFTER INSERT OR UPDATE OR DELETE', payload: `'m:' || COALESCE(NEW.member_id, OLD.member_id)` },
  // A member moved to another organisation (transfers, corrections).
  { table: 'member', event: 'AFTER UPDATE OF organisation_id', payload: `'m:' || OLD.id` },
];

/**
 * Several processes and instances on one database (issue 12):
 * - `job_run`: what a once-per-period interval job has done (the monthly fee billing), in the
 *   database instead of a per-process flag;
 * - `rate_limit_hit`: sign-in rate-limit counters shared by every instance (UNLOGGED: counters
 *   may be lost in a crash, and are not worth WAL or replicas);
 * - NOTIFY auth_changed from the tables a cached caller is built from, so a revocation on one
 *   instance drops the cached caller on all of them at once (`s:`session, `u:`user, `m:`member, `*`);
 *   NOTIFY meeting_changed likewise for the meeting row cached on the check-in path.
 */
export class Scale1795357000000 implements MigrationInterface {
  name = 'Scale1795357000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "job_run" ("job" character varying(60) NOT NULL, "period" character varying(20) NOT NULL, "done_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "result" jsonb, CONSTRAINT "PK_job_run" PRIMARY KEY ("job", "period"))`,
    );
    await q.query(
      `CREATE UNLOGGED TABLE "rate_limit_hit" ("key" character varying(300) NOT NULL, "hits" integer NOT NULL, "reset_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_rate_limit_hit" PRIMARY KEY ("key"))`,
    );
    await q.query(`CREATE INDEX "IDX_rate_limit_hit_reset" ON "rate_limit_hit" ("reset_at")`);
    for (const t of AUTH_TRIGGERS) {
      await q.query(
        `CREATE FUNCTION auth_changed_${t.table}() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN PERFORM pg_notify('auth_changed', ${t.payload}); RETURN NULL; END $$`,
      );
      await q.query(`CREATE TRIGGER auth_changed_${t.table} ${t.event} ON "${t.table}" FOR EACH ROW EXECUTE FUNCTION auth_changed_${t.table}()`);
    }
    // A meeting changed (times, geofence, cancellation): the check-in path's cached row goes on every instance.
    await q.query(
      `CREATE FUNCTION meeting_changed() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN PERFORM pg_notify('meeting_changed', OLD.id::text); RETURN NULL; END $$`,
    );
    await q.query(`CREATE TRIGGER meeting_changed AFTER UPDATE OR DELETE ON "meeting" FOR EACH ROW EXECUTE FUNCTION meeting_changed()`);
    // A renamed or moved organisation changes the org of many callers: everyone's cache, once per statement.
    await q.query(
      `CREATE FUNCTION auth_changed_organisation() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN PERFORM pg_notify('auth_changed', '*'); RETURN NULL; END $$`,
    );
    await q.query(
      `CREATE TRIGGER auth_changed_organisation AFTER UPDATE OF name, path OR DELETE ON "organisation" FOR EACH STATEMENT EXECUTE FUNCTION auth_changed_organisation()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER meeting_changed ON "meeting"`);
    await q.query(`DROP FUNCTION meeting_changed()`);
    for (const t of [...AUTH_TRIGGERS.map((x) => x.table), 'organisation']) {
      await q.query(`DROP TRIGGER auth_changed_${t} ON "${t}"`);
      await q.query(`DROP FUNCTION auth_changed_${t}()`);
    }
    await q.query(`DROP TABLE "rate_limit_hit"`);
    await q.query(`DROP TABLE "job_run"`);
  }
}

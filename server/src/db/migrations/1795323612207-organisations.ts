import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations module:
 * - name search inside a subtree of 50,000 organisations (trigram index, like the one on member names);
 * - moving an organisation that has members of its own failed ("invalid positions": `subpath(p, nlevel(p))`
 *   of a member whose org_path is the moved organisation's own path); the move trigger now handles it;
 * - a member's organisation row is locked while its path is copied, so a member inserted or
 *   transferred while that organisation's subtree moves cannot keep the old path: the move's
 *   member UPDATE (a later statement of the move) either waits for it and sees it, or it waits for
 *   the move and reads the new path.
 */
export class Organisations1795323612207 implements MigrationInterface {
  name = 'Organisations1795323612207';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_organisation_name_trgm" ON "organisation" USING gin ("name" gin_trgm_ops)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION organisation_move_subtree() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE organisation SET path = NEW.path || subpath(path, nlevel(OLD.path))
          WHERE path <@ OLD.path AND id <> NEW.id;
        UPDATE member SET org_path = CASE WHEN org_path = OLD.path THEN NEW.path
                                          ELSE NEW.path || subpath(org_path, nlevel(OLD.path)) END
          WHERE org_path <@ OLD.path;
        RETURN NULL;
      END $$`);
    // FOR NO KEY UPDATE, not FOR SHARE: member_counts updates the same row right after, and two
    // share locks upgrading at once would deadlock.
    await q.query(`
      CREATE OR REPLACE FUNCTION member_set_org_path() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT path INTO NEW.org_path FROM organisation WHERE id = NEW.organisation_id FOR NO KEY UPDATE;
        RETURN NEW;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION organisation_move_subtree() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE organisation SET path = NEW.path || subpath(path, nlevel(OLD.path))
          WHERE path <@ OLD.path AND id <> NEW.id;
        UPDATE member SET org_path = NEW.path || subpath(org_path, nlevel(OLD.path))
          WHERE org_path <@ OLD.path;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION member_set_org_path() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT path INTO NEW.org_path FROM organisation WHERE id = NEW.organisation_id;
        RETURN NEW;
      END $$`);
    await q.query(`DROP INDEX IF EXISTS "IDX_organisation_name_trgm"`);
  }
}

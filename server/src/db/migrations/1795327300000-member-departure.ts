import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member who leaves the platform (today: an outbound transfer whose 回执 came back, T1/T5) keeps
 * their row — history, bills, meetings and the transfer stay readable — but is off the active roll:
 * `left_at` + `left_reason`.
 * - Counts: the organisation counters count active members only. The row trigger now also fires on
 *   `left_at` and adds/subtracts a member only while `left_at IS NULL`; the insert statement trigger
 *   likewise. Departures already recorded (outbound transfers with a receipt) are back-filled, which
 *   drops them from the counters through the same trigger.
 * - The member list's covering name-order index becomes partial (`WHERE left_at IS NULL`): the list
 *   always asks for active members, so the index-only scan stays and departed rows are not in it.
 */
export class MemberDeparture1795327300000 implements MigrationInterface {
  name = 'MemberDeparture1795327300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "member" ADD "left_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "member" ADD "left_reason" character varying(20)`);
    await q.query(
      `ALTER TABLE "member" ADD CONSTRAINT "CHK_member_left" CHECK ((left_at IS NULL) = (left_reason IS NULL) AND (left_reason IS NULL OR left_reason IN ('transferred_out')))`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION member_counts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.left_at IS NULL THEN
          UPDATE organisation SET member_count = member_count - 1,
            full_member_count = full_member_count - (OLD.status = 'full')::int
            WHERE id = OLD.organisation_id;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.left_at IS NULL THEN
          UPDATE organisation SET member_count = member_count + 1,
            full_member_count = full_member_count + (NEW.status = 'full')::int
            WHERE id = NEW.organisation_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION member_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE organisation o SET member_count = o.member_count + d.n, full_member_count = o.full_member_count + d.f
          FROM (SELECT organisation_id, count(*)::int AS n, (count(*) FILTER (WHERE status = 'full'))::int AS f
                  FROM new_members WHERE left_at IS NULL GROUP BY organisation_id) d
         WHERE o.id = d.organisation_id;
        RETURN NULL;
      END $$`);
    await q.query(`DROP TRIGGER member_counts ON member`);
    await q.query(
      `CREATE TRIGGER member_counts AFTER DELETE OR UPDATE OF organisation_id, status, left_at ON member FOR EACH ROW EXECUTE FUNCTION member_counts()`,
    );
    await q.query(`
      UPDATE member m SET left_at = t.receipt_at, left_reason = 'transferred_out'
        FROM transfer t WHERE t.member_id = m.id AND t.kind = 'outbound' AND t.state = 'completed' AND t.receipt_at IS NOT NULL`);
    await q.query(`DROP INDEX "IDX_member_name_id"`);
    await q.query(`CREATE INDEX "IDX_member_name_id" ON "member" ("name", "id") INCLUDE ("org_path", "status", "flags") WHERE left_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_member_name_id"`);
    await q.query(`CREATE INDEX "IDX_member_name_id" ON "member" ("name", "id") INCLUDE ("org_path", "status", "flags")`);
    // Departed members count again once the column is gone.
    await q.query(`UPDATE member SET left_at = NULL, left_reason = NULL WHERE left_at IS NOT NULL`);
    await q.query(`DROP TRIGGER member_counts ON member`);
    await q.query(`CREATE TRIGGER member_counts AFTER DELETE OR UPDATE OF organisation_id, status ON member FOR EACH ROW EXECUTE FUNCTION member_counts()`);
    await q.query(`
      CREATE OR REPLACE FUNCTION member_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE organisation o SET member_count = o.member_count + d.n, full_member_count = o.full_member_count + d.f
          FROM (SELECT organisation_id, count(*)::int AS n, (count(*) FILTER (WHERE status = 'full'))::int AS f
                  FROM new_members GROUP BY organisation_id) d
         WHERE o.id = d.organisation_id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION member_counts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE organisation SET member_count = member_count - 1,
            full_member_count = full_member_count - (OLD.status = 'full')::int
            WHERE id = OLD.organisation_id;
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          UPDATE organisation SET member_count = member_count + 1,
            full_member_count = full_member_count + (NEW.status = 'full')::int
            WHERE id = NEW.organisation_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`ALTER TABLE "member" DROP CONSTRAINT "CHK_member_left"`);
    await q.query(`ALTER TABLE "member" DROP COLUMN "left_reason"`);
    await q.query(`ALTER TABLE "member" DROP COLUMN "left_at"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Billing a province (1,000,000 members) measured: half of the time went to the per-row foreign-key
 * checks on fee_bill.member_id and organisation_id (each takes a KEY SHARE lock that dirties the
 * referenced row), and paying bills could not be HOT updates because `status` was in a partial
 * index. So:
 * - those two foreign keys become delete guards: deleting a member or an organisation that bills
 *   refer to fails with foreign_key_violation, as RESTRICT did (bills are only ever made from
 *   existing members by INSERT … SELECT);
 * - the partial index of unpaid bills goes (arrears use the organisation + month index), and the
 *   table keeps 10 % free space per page so that paying a bill (status, payment, paid_at: none
 *   indexed) is a HOT update.
 */
export class FeeBillBulk1795325500000 implements MigrationInterface {
  name = 'FeeBillBulk1795325500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "fee_bill" DROP CONSTRAINT "FK_b146d48401c393db2602d49d908"`);
    await q.query(`ALTER TABLE "fee_bill" DROP CONSTRAINT "FK_75a2c216a88f6eb7975e57fa1a6"`);
    await q.query(`DROP INDEX "public"."IDX_fee_bill_unpaid"`);
    await q.query(`ALTER TABLE "fee_bill" SET (fillfactor = 90)`);
    await q.query(`
      CREATE FUNCTION fee_bill_delete_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (TG_TABLE_NAME = 'member' AND EXISTS (SELECT 1 FROM fee_bill WHERE member_id = OLD.id))
           OR (TG_TABLE_NAME = 'organisation' AND EXISTS (SELECT 1 FROM fee_bill WHERE organisation_id = OLD.id)) THEN
          RAISE EXCEPTION 'fee bills still refer to % %', TG_TABLE_NAME, OLD.id
            USING ERRCODE = 'foreign_key_violation', TABLE = 'fee_bill', CONSTRAINT = 'fee_bill_' || TG_TABLE_NAME || '_guard';
        END IF;
        RETURN OLD;
      END $$`);
    await q.query(`CREATE TRIGGER fee_bill_delete_guard BEFORE DELETE ON member FOR EACH ROW EXECUTE FUNCTION fee_bill_delete_guard()`);
    await q.query(`CREATE TRIGGER fee_bill_delete_guard BEFORE DELETE ON organisation FOR EACH ROW EXECUTE FUNCTION fee_bill_delete_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS fee_bill_delete_guard ON organisation`);
    await q.query(`DROP TRIGGER IF EXISTS fee_bill_delete_guard ON member`);
    await q.query(`DROP FUNCTION IF EXISTS fee_bill_delete_guard`);
    await q.query(`ALTER TABLE "fee_bill" RESET (fillfactor)`);
    await q.query(`CREATE INDEX "IDX_fee_bill_unpaid" ON "fee_bill" ("organisation_id", "month") WHERE status = 'unpaid'`);
    await q.query(
      `ALTER TABLE "fee_bill" ADD CONSTRAINT "FK_75a2c216a88f6eb7975e57fa1a6" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "fee_bill" ADD CONSTRAINT "FK_b146d48401c393db2602d49d908" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }
}

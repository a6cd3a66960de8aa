import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A national ID is unique among members on the roll only: someone who left the platform (已转出)
 * and comes back later (an inbound transfer) is registered again as a new record, while the old
 * one keeps its history. The search by ID (`left_at IS NULL` in every list query) uses the index.
 */
export class MemberNationalIdOnRoll1795327310000 implements MigrationInterface {
  name = 'MemberNationalIdOnRoll1795327310000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "UQ_member_national_id_hash"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_member_national_id_hash" ON "member" ("national_id_hash") WHERE left_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "UQ_member_national_id_hash"`);
    await q.query(`CREATE UNIQUE INDEX "UQ_member_national_id_hash" ON "member" ("national_id_hash")`);
  }
}

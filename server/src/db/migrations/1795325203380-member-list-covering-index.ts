import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The member list's name-order index also carries org_path, status and flags, so a big subtree (a
 * city of 70,000 members in a province of 1,000,000) pages by name with an index-only scan: the
 * subtree, status and flag conditions are checked on the index entries, not by fetching every
 * skipped member's row. Page 50 of a city went from 36–126 ms to 5–11 ms (docs/modules/members.md).
 * It costs about 200 MB more per million members.
 */
export class MemberListCoveringIndex1795325203380 implements MigrationInterface {
  name = 'MemberListCoveringIndex1795325203380';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_member_name_id"`);
    await q.query(`CREATE INDEX "IDX_member_name_id" ON "member" ("name", "id") INCLUDE ("org_path", "status", "flags")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_member_name_id"`);
    await q.query(`CREATE INDEX "IDX_member_name_id" ON "member" ("name", "id")`);
  }
}

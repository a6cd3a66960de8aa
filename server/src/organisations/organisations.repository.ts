import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ChildCount, Enterprise, Organisation, OrgKind, OrgRef } from '@dangjian/shared';
import { likePattern } from '../common/sql.js';
import { DataSource, type EntityManager } from 'typeorm';

/** An organisation as the service works with it: the API shape plus what the rules need. */
export type OrgRow = Organisation & { path: string; levelApprovalNote: string | null };

/**
 * Members of a group are those assigned to it (`member.group_id`); their formal relationship stays
 * with the group's branch, so a group's own `member_count` column is always 0.
 */
const ORG_COLUMNS = `o.id, o.parent_id AS "parentId", o.path::text AS path, o.name, o.kind,
  o.is_joint AS "isJoint", o.is_temporary AS "isTemporary", nlevel(o.path) - 1 AS depth,
  o.established_on::text AS "establishedOn", o.level_approval_note AS "levelApprovalNote",
  CASE WHEN o.kind = 'group' THEN (SELECT count(*)::int FROM member m WHERE m.group_id = o.id) ELSE o.member_count END AS "memberCount",
  CASE WHEN o.kind = 'group' THEN (SELECT count(*)::int FROM member m WHERE m.group_id = o.id AND m.status = 'full') ELSE o.full_member_count END AS "fullMemberCount",
  ARRAY(SELECT oe.enterprise_id::text FROM organisation_enterprise oe WHERE oe.organisation_id = o.id ORDER BY 1) AS "enterpriseIds"`;

const KIND_ORDER = `CASE o.kind WHEN 'committee' THEN 0 WHEN 'general_branch' THEN 1 WHEN 'branch' THEN 2 ELSE 3 END`;

export type NewOrganisation = {
  parentId: string | null;
  name: string;
  kind: OrgKind;
  isJoint: boolean;
  isTemporary: boolean;
  establishedOn: string | null;
  levelApprovalNote: string | null;
};

@Injectable()
export class OrganisationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.db.manager;
  }

  async findById(id: string, manager?: EntityManager): Promise<OrgRow | null> {
    const rows: OrgRow[] = await this.m(manager).query(`SELECT ${ORG_COLUMNS} FROM organisation o WHERE o.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Locks the row for the rest of the transaction: changes to one organisation queue up. */
  /** The organisation's kind; `share`: FOR SHARE, held until commit (it cannot be deleted, moved or changed in kind meanwhile). */
  async kindOf(id: string, o: { manager?: EntityManager; share?: boolean } = {}): Promise<OrgKind | null> {
    const rows: Array<{ kind: OrgKind }> = await this.m(o.manager).query(`SELECT kind FROM organisation WHERE id = $1${o.share ? ' FOR SHARE' : ''}`, [id]);
    return rows[0]?.kind ?? null;
  }

  async lock(manager: EntityManager, id: string): Promise<OrgRow | null> {
    await manager.query(`SELECT 1 FROM organisation WHERE id = $1 FOR UPDATE`, [id]);
    return this.findById(id, manager);
  }

  /**
   * Serialises tree moves against inserts of organisations: a move takes it exclusively, a create
   * shared. Without it a child inserted under a subtree while that subtree moves could keep the old
   * path (the move's UPDATE would not see the new row).
   */
  async treeLock(manager: EntityManager, mode: 'shared' | 'exclusive') {
    await manager.query(mode === 'exclusive' ? `SELECT pg_advisory_xact_lock($1)` : `SELECT pg_advisory_xact_lock_shared($1)`, [TREE_LOCK_KEY]);
  }

  async findByPaths(paths: string[]): Promise<OrgRow[]> {
    if (paths.length === 0) return [];
    return this.db.query(`SELECT ${ORG_COLUMNS} FROM organisation o WHERE o.path = ANY($1::ltree[]) ORDER BY o.path`, [paths]);
  }

  async children(id: string): Promise<OrgRow[]> {
    return this.db.query(`SELECT ${ORG_COLUMNS} FROM organisation o WHERE o.parent_id = $1 ORDER BY ${KIND_ORDER}, o.name, o.id`, [id]);
  }

  async childKinds(manager: EntityManager, id: string): Promise<OrgKind[]> {
    const rows: Array<{ kind: OrgKind }> = await manager.query(`SELECT DISTINCT kind FROM organisation WHERE parent_id = $1`, [id]);
    return rows.map((r) => r.kind);
  }

  async childStats(id: string, manager?: EntityManager): Promise<{ children: number; groups: number }> {
    const [row]: Array<{ children: number; groups: number }> = await this.m(manager).query(
      `SELECT count(*)::int AS children, count(*) FILTER (WHERE kind = 'group')::int AS groups FROM organisation WHERE parent_id = $1`,
      [id],
    );
    return row ?? { children: 0, groups: 0 };
  }

  /**
   * Members whose formal relationship lies in the subtree: the organisation's own trigger-kept counters
   * plus its descendants' maintained totals (one row), never by scanning members or organisations.
   */
  async subtreeCounts(path: string, manager?: EntityManager): Promise<{ total: number; full: number }> {
    const [row]: Array<{ total: number; full: number }> = await this.m(manager).query(
      `SELECT member_count + desc_member_count AS total, full_member_count + desc_full_member_count AS full FROM organisation WHERE path = $1::ltree`,
      [path],
    );
    return row ?? { total: 0, full: 0 };
  }

  /** Members assigned to a group (their formal relationship is with the group's branch). */
  async assignedToGroup(groupId: string, manager?: EntityManager): Promise<number> {
    const [row]: Array<{ n: number }> = await this.m(manager).query(`SELECT count(*)::int AS n FROM member WHERE group_id = $1`, [groupId]);
    return row?.n ?? 0;
  }

  /** Exact count of members whose formal relationship is here (the counter is exact too; this locks nothing). */
  async ownMembers(manager: EntityManager, id: string): Promise<number> {
    const [row]: Array<{ n: number }> = await manager.query(`SELECT count(*)::int AS n FROM member WHERE organisation_id = $1`, [id]);
    return row?.n ?? 0;
  }

  /**
   * Per direct child, the members of that child's whole subtree: per child one index-only range
   * scan over the counters (IDX_organisation_path_counts), so the province root reads its 50,000
   * organisation entries once, in about 12 ms, and never a member row.
   */
  async childCounts(parent: { id: string; path: string; kind: OrgKind }): Promise<ChildCount[]> {
    if (parent.kind === 'branch') {
      // A branch's children are groups: their members are those assigned to them.
      return this.db.query(
        `SELECT o.id AS "orgId", o.name, o.kind,
                count(m.id)::int AS "memberCount",
                count(m.id) FILTER (WHERE m.status = 'full')::int AS "fullMemberCount",
                count(m.id) FILTER (WHERE m.status = 'probationary')::int AS "probationaryMemberCount"
           FROM organisation o LEFT JOIN member m ON m.group_id = o.id
          WHERE o.parent_id = $1
          GROUP BY o.id ORDER BY ${KIND_ORDER}, o.name, o.id`,
        [parent.id],
      );
    }
    // The subtree totals are maintained by triggers (migration org-subtree-totals): one row per child.
    return this.db.query(
      `SELECT o.id AS "orgId", o.name, o.kind,
              (o.member_count + o.desc_member_count) AS "memberCount", (o.full_member_count + o.desc_full_member_count) AS "fullMemberCount",
              (o.member_count + o.desc_member_count - o.full_member_count - o.desc_full_member_count) AS "probationaryMemberCount"
         FROM organisation o
        WHERE o.parent_id = $1
        ORDER BY ${KIND_ORDER}, o.name, o.id`,
      [parent.id],
    );
  }

  async ancestors(path: string): Promise<OrgRef[]> {
    return this.db.query(`SELECT o.id, o.name, o.kind FROM organisation o WHERE o.path @> $1::ltree AND o.path <> $1::ltree ORDER BY nlevel(o.path)`, [path]);
  }

  /** Name search inside a subtree (trigram index on name), paged; the page is cut before the rows are built. */
  async searchSubtree(p: { path: string; q?: string; kind?: OrgKind; page: number; pageSize: number }): Promise<{ items: OrgRow[]; total: number }> {
    const where = [`o.path <@ $1::ltree`];
    const params: unknown[] = [p.path];
    if (p.q) {
      params.push(likePattern(p.q));
      where.push(`o.name ILIKE $${params.length}`);
    }
    if (p.kind) {
      params.push(p.kind);
      where.push(`o.kind = $${params.length}`);
    }
    const [count]: Array<{ n: number }> = await this.db.query(`SELECT count(*)::int AS n FROM organisation o WHERE ${where.join(' AND ')}`, params);
    const items: OrgRow[] = await this.db.query(
      `WITH page AS (
         SELECT o.id FROM organisation o WHERE ${where.join(' AND ')}
          ORDER BY nlevel(o.path), o.name, o.id LIMIT ${p.pageSize} OFFSET ${(p.page - 1) * p.pageSize})
       SELECT ${ORG_COLUMNS} FROM page JOIN organisation o ON o.id = page.id ORDER BY nlevel(o.path), o.name, o.id`,
      params,
    );
    return { items, total: count?.n ?? 0 };
  }

  async insert(manager: EntityManager, o: NewOrganisation): Promise<string> {
    const [row]: Array<{ id: string }> = await manager.query(
      `INSERT INTO organisation (parent_id, name, kind, is_joint, is_temporary, established_on, level_approval_note)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [o.parentId, o.name, o.kind, o.isJoint, o.isTemporary, o.establishedOn, o.levelApprovalNote],
    );
    return row!.id;
  }

  async update(
    manager: EntityManager,
    id: string,
    o: Pick<NewOrganisation, 'name' | 'kind' | 'isJoint' | 'isTemporary' | 'establishedOn' | 'levelApprovalNote'>,
  ) {
    await manager.query(
      `UPDATE organisation SET name = $2, kind = $3, is_joint = $4, is_temporary = $5, established_on = $6,
              level_approval_note = $7, updated_at = now() WHERE id = $1`,
      [id, o.name, o.kind, o.isJoint, o.isTemporary, o.establishedOn, o.levelApprovalNote],
    );
  }

  /** The database's trigger moves the paths of the subtree and of its members. */
  async setParent(manager: EntityManager, id: string, parentId: string) {
    await manager.query(`UPDATE organisation SET parent_id = $2, updated_at = now() WHERE id = $1`, [id, parentId]);
  }

  async delete(manager: EntityManager, id: string) {
    await manager.query(`DELETE FROM organisation WHERE id = $1`, [id]);
  }

  async setEnterprises(manager: EntityManager, orgId: string, enterpriseIds: string[]) {
    await manager.query(`DELETE FROM organisation_enterprise WHERE organisation_id = $1 AND NOT (enterprise_id = ANY($2::uuid[]))`, [orgId, enterpriseIds]);
    if (enterpriseIds.length > 0) {
      await manager.query(`INSERT INTO organisation_enterprise (organisation_id, enterprise_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [
        orgId,
        enterpriseIds,
      ]);
    }
  }

  async enterprisesOf(orgId: string): Promise<Enterprise[]> {
    return this.db.query(
      `SELECT e.id, e.name, e.credit_code AS "creditCode", e.industry
         FROM organisation_enterprise oe JOIN enterprise e ON e.id = oe.enterprise_id
        WHERE oe.organisation_id = $1 ORDER BY e.name, e.id`,
      [orgId],
    );
  }

  /** Of `ids`, those that are no enterprise (locked FOR KEY SHARE so they stay while linked). */
  async missingEnterprises(manager: EntityManager, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: Array<{ id: string }> = await manager.query(`SELECT id FROM enterprise WHERE id = ANY($1::uuid[]) FOR KEY SHARE`, [ids]);
    const found = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !found.has(id));
  }

  // ---- the .xlsx ledger (org-sheet) ----

  /** The organisations of the subtrees with parent name, enterprise names and current secretary, tree order. */
  sheetRows(
    roots: string[],
  ): Promise<Array<{ name: string; kind: OrgKind; parent: string | null; is_joint: boolean; enterprises: string | null; secretary: string | null }>> {
    return this.db.query(
      `SELECT o.name, o.kind, p.name AS parent, o.is_joint,
              (SELECT string_agg(e.name, '、' ORDER BY e.name) FROM organisation_enterprise oe JOIN enterprise e ON e.id = oe.enterprise_id WHERE oe.organisation_id = o.id) AS enterprises,
              (SELECT m.name FROM committee_position cp JOIN member m ON m.id = cp.member_id
                WHERE cp.organisation_id = o.id AND cp.position = 'secretary' AND cp.ended_on IS NULL LIMIT 1) AS secretary
         FROM organisation o LEFT JOIN organisation p ON p.id = o.parent_id
        WHERE o.path <@ $1::ltree[] ORDER BY o.path`,
      [roots],
    );
  }

  inSubtrees(manager: EntityManager, roots: string[]): Promise<Array<{ id: string; name: string; path: string; kind: OrgKind }>> {
    return manager.query(`SELECT id, name, path::text AS path, kind FROM organisation WHERE path <@ $1::ltree[]`, [roots]);
  }

  /** Current members of the subtrees with one of these names. */
  membersNamed(manager: EntityManager, names: string[], roots: string[]): Promise<Array<{ id: string; name: string }>> {
    return manager.query(`SELECT id, name FROM member WHERE name = ANY($1) AND left_at IS NULL AND org_path <@ $2::ltree[]`, [names, roots]);
  }
}

/** Arbitrary constant key of the advisory lock guarding tree moves. */
export const TREE_LOCK_KEY = 7_310_001;

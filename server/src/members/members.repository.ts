import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Education, Gender, MemberFlag, MemberLeftReason, MemberStatus } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';

/** A member row with the names the API shows; dates as YYYY-MM-DD. */
export type MemberRow = {
  id: string;
  organisationId: string;
  orgPath: string;
  orgName: string;
  groupId: string | null;
  groupName: string | null;
  enterpriseId: string | null;
  enterpriseName: string | null;
  name: string;
  gender: Gender;
  ethnicity: string;
  birthDate: string;
  phoneEnc: string | null;
  phoneMasked: string | null;
  nationalIdEnc: string | null;
  nationalIdMasked: string | null;
  education: Education | null;
  joinDate: string;
  fullMemberDate: string | null;
  status: MemberStatus;
  flags: MemberFlag[];
  post: string | null;
  leftAt: Date | null;
  leftReason: MemberLeftReason | null;
};

/** How `q` is matched: by its shape (an ID, a mobile number: their blind indexes, M4) or else as part of a name. */
export type MemberSearch = { kind: 'name'; term: string } | { kind: 'phone'; hash: string } | { kind: 'nationalId'; hash: string };

export type MemberFilter = {
  orgId: string;
  orgPath: string;
  subtree: boolean;
  /** O8: members of a 党小组 (their organisation is the group's branch). */
  groupId?: string;
  status?: MemberStatus;
  flag?: MemberFlag;
  search?: MemberSearch;
};

export type OrgRow = { id: string; path: string; kind: string; parentId: string | null; name: string; isTemporary: boolean };

export type StatusChangeInsert = { field: string; fromValue: string | null; toValue: string | null };

const COLUMNS = `m.id, m.organisation_id AS "organisationId", m.org_path::text AS "orgPath", o.name AS "orgName",
  m.group_id AS "groupId", g.name AS "groupName", m.enterprise_id AS "enterpriseId", e.name AS "enterpriseName",
  m.name, m.gender, m.ethnicity, m.birth_date::text AS "birthDate",
  m.phone_enc AS "phoneEnc", m.phone_masked AS "phoneMasked",
  m.national_id_enc AS "nationalIdEnc", m.national_id_masked AS "nationalIdMasked", m.education,
  m.join_date::text AS "joinDate", m.full_member_date::text AS "fullMemberDate", m.status, m.flags, m.post,
  m.left_at AS "leftAt", m.left_reason AS "leftReason"`;
/** Organisation changes store ids; rows written before that stored names (the mapper shows them as they are). */
const UUID_RE = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;
const JOINS = `JOIN organisation o ON o.id = m.organisation_id
  LEFT JOIN organisation g ON g.id = m.group_id
  LEFT JOIN enterprise e ON e.id = m.enterprise_id`;

/**
 * Whether a subtree's page up to row `end` is read by walking the name-order index (each entry's path
 * checked: about end × all ÷ subtree entries) rather than gathered through the path index and sorted
 * (the subtree's rows). PostgreSQL's own estimate of the walk leaves out what the path check costs on
 * each entry, and chose the walk for a district of 6,452 among 1,000,000 members: page 50 took 102 ms
 * that way, 15 ms sorted (`pnpm bench orgs`, 2026-12-06). Measured there: an entry walked ≈ 0.67 µs, a
 * row sorted ≈ 2.3 µs, so the walk wins while end × all < 3.4 × subtree².
 */
export function walksNameOrder({ end, subtree, all }: { end: number; subtree: number; all: number }): boolean {
  return end * all < 3.4 * subtree * subtree;
}

/** Data access of the members module: SQL only, no rules. */
@Injectable()
export class MembersRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async findById(id: string, em: EntityManager = this.db.manager, lock = false): Promise<MemberRow | null> {
    // FOR UPDATE OF m: lock the member only, not the organisations joined for their names.
    const rows: MemberRow[] = await em.query(`SELECT ${COLUMNS} FROM member m ${JOINS} WHERE m.id = $1 ${lock ? 'FOR UPDATE OF m' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async findOrg(id: string, em: EntityManager = this.db.manager): Promise<OrgRow | null> {
    const rows: OrgRow[] = await em.query(
      `SELECT id, path::text AS path, kind, parent_id AS "parentId", name, is_temporary AS "isTemporary" FROM organisation WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async groupsOf(branchId: string, em: EntityManager = this.db.manager): Promise<Array<{ id: string; name: string }>> {
    return em.query(`SELECT id, name FROM organisation WHERE parent_id = $1 AND kind = 'group' ORDER BY name`, [branchId]);
  }

  async enterpriseLinked(orgId: string, enterpriseId: string, em: EntityManager = this.db.manager): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM organisation_enterprise WHERE organisation_id = $1 AND enterprise_id = $2`, [orgId, enterpriseId]);
    return rows.length > 0;
  }

  /** Blind-index hashes among `hashes` already used by members on the roll, optionally ignoring one member. */
  async takenNationalIdHashes(hashes: string[], exceptMemberId: string | null = null, em: EntityManager = this.db.manager): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    const rows: Array<{ h: string }> = await em.query(
      `SELECT national_id_hash AS h FROM member WHERE national_id_hash = ANY($1::text[]) AND left_at IS NULL AND ($2::uuid IS NULL OR id <> $2)`,
      [hashes, exceptMemberId],
    );
    return new Set(rows.map((r) => r.h));
  }

  /**
   * One page in name order. Without a search the planner picks the covering (name, id) index for a
   * big subtree (index-only, the subtree and status checked on index entries) and the GiST path
   * index for a small one. Name searches and flag filters are steered off the name-order index
   * (`name || ''`) to their GIN indexes: names matching one character cluster in name order (all 张
   * together), and a rare flag may match nobody, so walking that index could read the whole table
   * before the page is full (a flag with no match at the root: 6.9 s that way, 0.1 ms through GIN).
   * A flag with many matches (`commonFlag`: its capped count hit the cap) pages faster off the
   * name-order index, whose entries carry the flags. A subtree too small for its page to be found
   * soon in name order (`share`: its members and the platform's) is steered off it too (`walksNameOrder`).
   * docs/modules/members.md has the plans.
   */
  async page(
    f: MemberFilter,
    limit: number,
    offset: number,
    opts: { commonFlag?: boolean; share?: { subtree: number; all: number } } = {},
  ): Promise<MemberRow[]> {
    const { where, params } = this.where(f);
    const steer = f.search?.kind === 'name' || (f.flag && !opts.commonFlag) || (opts.share && !walksNameOrder({ end: offset + limit, ...opts.share }));
    const order = steer ? `m.name || '', m.id` : `m.name, m.id`;
    return this.db.query(
      `WITH p AS (SELECT m.id FROM member m WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset})
       SELECT ${COLUMNS} FROM p JOIN member m ON m.id = p.id ${JOINS} ORDER BY m.name, m.id`,
      params,
    );
  }

  /**
   * Members (all / full) of an organisation's subtree — its own counters plus its descendants' totals,
   * both trigger-kept — and of the whole platform (`platform`, for `walksNameOrder`); one row.
   */
  async subtreeCounts(orgPath: string): Promise<{ all: number; full: number; platform: number }> {
    const rows: Array<{ all: number; full: number; platform: number | null }> = await this.db.query(
      `SELECT member_count + desc_member_count AS all, full_member_count + desc_full_member_count AS full,
              (SELECT sum(r.member_count + r.desc_member_count)::int FROM organisation r WHERE r.parent_id IS NULL) AS platform
         FROM organisation WHERE path = $1::ltree`,
      [orgPath],
    );
    const r = rows[0];
    return { all: r?.all ?? 0, full: r?.full ?? 0, platform: r?.platform ?? 0 };
  }

  async orgCounts(orgId: string): Promise<{ all: number; full: number }> {
    const rows: Array<{ all: number; full: number }> = await this.db.query(
      `SELECT member_count AS all, full_member_count AS full FROM organisation WHERE id = $1`,
      [orgId],
    );
    return { all: rows[0]?.all ?? 0, full: rows[0]?.full ?? 0 };
  }

  /** Matches of a filtered list, counted up to `cap` (reads at most cap + 1 rows). */
  async countMatches(f: MemberFilter, cap: number): Promise<{ total: number; capped: boolean }> {
    const { where, params } = this.where(f);
    const rows: Array<{ n: number }> = await this.db.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM member m WHERE ${where} LIMIT ${cap + 1}) s`, params);
    const n = rows[0]?.n ?? 0;
    return { total: Math.min(n, cap), capped: n > cap };
  }

  /** Every member of a list, for the roster export (the caller bounds the size first). */
  async all(f: MemberFilter): Promise<MemberRow[]> {
    const { where, params } = this.where(f);
    return this.db.query(`SELECT ${COLUMNS} FROM member m ${JOINS} WHERE ${where} ORDER BY o.path, m.name, m.id`, params);
  }

  private where(f: MemberFilter): { where: string; params: unknown[] } {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    // Members who left the platform are off every list (and out of the partial name-order index).
    const conds = [
      f.groupId ? `m.group_id = ${p(f.groupId)}` : f.subtree ? `m.org_path <@ ${p(f.orgPath)}::ltree` : `m.organisation_id = ${p(f.orgId)}`,
      `m.left_at IS NULL`,
    ];
    if (f.status) conds.push(`m.status = ${p(f.status)}`);
    if (f.flag) conds.push(`m.flags @> ARRAY[${p(f.flag)}]::text[]`);
    const s = f.search;
    if (s?.kind === 'name') {
      const term = p(s.term);
      conds.push(`member_name_grams(m.name) @> member_name_query_grams(${term})`, `strpos(lower(m.name), lower(${term})) > 0`);
    } else if (s?.kind === 'phone') {
      conds.push(`m.phone_hash = ${p(s.hash)}`);
    } else if (s?.kind === 'nationalId') {
      conds.push(`m.national_id_hash = ${p(s.hash)}`);
    }
    return { where: conds.join(' AND '), params };
  }

  async insert(
    em: EntityManager,
    rows: Array<{
      organisationId: string;
      groupId: string | null;
      enterpriseId: string | null;
      name: string;
      gender: Gender;
      ethnicity: string;
      birthDate: string;
      phoneEnc: string | null;
      phoneHash: string | null;
      phoneMasked: string | null;
      nationalIdEnc: string | null;
      nationalIdHash: string | null;
      nationalIdMasked: string | null;
      education: Education | null;
      joinDate: string;
      fullMemberDate: string | null;
      status: MemberStatus;
      flags: MemberFlag[];
      post: string | null;
    }>,
  ): Promise<string[]> {
    const ids: string[] = [];
    // org_path is set by a trigger from organisation_id (M2). Chunks keep each statement under PostgreSQL's 65,535 parameters.
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const params: unknown[] = [];
      const values = chunk.map((r) => {
        const base = params.length;
        params.push(
          r.organisationId,
          r.groupId,
          r.enterpriseId,
          r.name,
          r.gender,
          r.ethnicity,
          r.birthDate,
          r.phoneEnc,
          r.phoneHash,
          r.phoneMasked,
          r.nationalIdEnc,
          r.nationalIdHash,
          r.nationalIdMasked,
          r.education,
          r.joinDate,
          r.fullMemberDate,
          r.status,
          r.flags,
          r.post,
        );
        return `(${Array.from({ length: 19 }, (_, k) => `$${base + k + 1}`).join(', ')})`;
      });
      const inserted: Array<{ id: string }> = await em.query(
        `INSERT INTO member (organisation_id, group_id, enterprise_id, name, gender, ethnicity, birth_date, phone_enc, phone_hash, phone_masked,
           national_id_enc, national_id_hash, national_id_masked, education, join_date, full_member_date, status, flags, post)
         VALUES ${values.join(', ')} RETURNING id`,
        params,
      );
      ids.push(...inserted.map((r) => r.id));
    }
    return ids;
  }

  async update(em: EntityManager, id: string, set: Record<string, unknown>): Promise<void> {
    const cols = Object.keys(set);
    if (cols.length === 0) return;
    await em.query(`UPDATE member SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [
      id,
      ...cols.map((c) => set[c]),
    ]);
  }

  async recordChanges(em: EntityManager, memberId: string, changes: StatusChangeInsert[], reason: string, changedBy: string | null) {
    for (const c of changes) {
      await em.query(`INSERT INTO member_status_change (member_id, field, from_value, to_value, reason, changed_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
        memberId,
        c.field,
        c.fromValue,
        c.toValue,
        reason,
        changedBy,
      ]);
    }
  }

  async history(memberId: string, limit: number, offset: number) {
    const [rows, count]: [
      Array<{
        id: string;
        field: string;
        fromValue: string | null;
        toValue: string | null;
        fromName: string | null;
        toName: string | null;
        reason: string;
        changedBy: string | null;
        changedByName: string | null;
        changedAt: Date;
      }>,
      Array<{ n: number }>,
    ] = await Promise.all([
      this.db.query(
        `SELECT c.id, c.field, c.from_value AS "fromValue", c.to_value AS "toValue", fo.name AS "fromName", too.name AS "toName",
                c.reason, c.changed_by AS "changedBy", u.display_name AS "changedByName", c.changed_at AS "changedAt"
           FROM member_status_change c
           LEFT JOIN user_account u ON u.id = c.changed_by
           LEFT JOIN organisation fo ON fo.id = CASE WHEN c.field IN ('group', 'organisation') AND c.from_value ~ ${UUID_RE} THEN c.from_value::uuid END
           LEFT JOIN organisation too ON too.id = CASE WHEN c.field IN ('group', 'organisation') AND c.to_value ~ ${UUID_RE} THEN c.to_value::uuid END
          WHERE c.member_id = $1
          ORDER BY c.changed_at DESC, c.id DESC LIMIT ${limit} OFFSET ${offset}`,
        [memberId],
      ),
      this.db.query(`SELECT count(*)::int AS n FROM member_status_change WHERE member_id = $1`, [memberId]),
    ]);
    return { rows, total: count[0]?.n ?? 0 };
  }
}

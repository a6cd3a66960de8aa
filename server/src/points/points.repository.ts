import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CreatePointsRuleVersion, DeductionState, PointsActivity, PointsEntryKind } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';

export type RuleRow = {
  id: string;
  activity: PointsActivity;
  version: number;
  effectiveFrom: string;
  points: number;
  dailyCap: number;
  yearlyCap: number | null;
  note: string | null;
  createdBy: string | null;
  createdAt: Date;
};

export type HistoryRow = {
  id: string;
  kind: PointsEntryKind;
  points: number;
  day: string;
  createdAt: Date;
  version: number | null;
  effectiveFrom: string | null;
  rulePoints: number | null;
  dailyCap: number | null;
  yearlyCap: number | null;
  reason: string | null;
};

export type BoardRow = { id: string; name: string; points: string; rank: string; member_count?: number; average?: string };

export type DeductionRow = {
  id: string;
  memberId: string;
  memberName: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  points: number;
  reason: string;
  day: string;
  state: DeductionState;
  proposedBy: string | null;
  proposerName: string | null;
  proposedAt: Date;
  decidedBy: string | null;
  deciderName: string | null;
  decidedAt: Date | null;
  rejectReason: string | null;
};

const RULE = `SELECT r.id, r.activity, r.version, r.effective_from::text AS "effectiveFrom", r.points, r.daily_cap AS "dailyCap", r.yearly_cap AS "yearlyCap",
       r.note, u.display_name AS "createdBy", r.created_at AS "createdAt"
  FROM points_rule r LEFT JOIN user_account u ON u.id = r.created_by`;

const DEDUCTION = `SELECT d.id, d.member_id AS "memberId", m.name AS "memberName", m.organisation_id AS "orgId", o.name AS "orgName", m.org_path::text AS "orgPath",
       d.points, d.reason, d.day::text AS day, d.state, d.proposed_by AS "proposedBy", pu.display_name AS "proposerName", d.created_at AS "proposedAt",
       d.decided_by AS "decidedBy", du.display_name AS "deciderName", d.decided_at AS "decidedAt", d.reject_reason AS "rejectReason"
  FROM points_deduction d
  JOIN member m ON m.id = d.member_id
  JOIN organisation o ON o.id = m.organisation_id
  LEFT JOIN user_account pu ON pu.id = d.proposed_by
  LEFT JOIN user_account du ON du.id = d.decided_by`;

/** All SQL of the points ledger (P3): rules and their versions, awards, history, rankings, deductions. */
@Injectable()
export class PointsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  // ---- Rules ----

  /** Version 1 of every activity that has no rule yet (the shared defaults); existing versions stay as the committee set them. */
  async ensureRules(rules: Array<{ activity: PointsActivity; points: number; dailyCap: number; yearlyCap: number | null }>): Promise<void> {
    await this.db.query(
      `INSERT INTO points_rule (activity, version, effective_from, points, daily_cap, yearly_cap)
       SELECT a, 1, DATE '2000-01-01', p, d, y FROM unnest($1::text[], $2::int[], $3::int[], $4::int[]) AS t(a, p, d, y)
       ON CONFLICT (activity, version) DO NOTHING`,
      [rules.map((r) => r.activity), rules.map((r) => r.points), rules.map((r) => r.dailyCap), rules.map((r) => r.yearlyCap)],
    );
  }

  rules(): Promise<RuleRow[]> {
    return this.db.query(`${RULE} ORDER BY r.activity, r.effective_from DESC`);
  }

  /** The version of each activity in force on `day`. */
  rulesInForce(day: string): Promise<RuleRow[]> {
    return this.db.query(
      `${RULE.replace('SELECT', 'SELECT DISTINCT ON (r.activity)')} WHERE r.effective_from <= $1 ORDER BY r.activity, r.effective_from DESC`,
      [day],
    );
  }

  /** The next version of an activity (numbered in the same statement; the unique indexes refuse a race or a second version on one date). */
  async insertRuleVersion(tx: EntityManager, r: CreatePointsRuleVersion, createdBy: string): Promise<string> {
    const [row]: Array<{ id: string }> = await tx.query(
      `INSERT INTO points_rule (activity, version, effective_from, points, daily_cap, yearly_cap, note, created_by)
       SELECT $1::varchar, COALESCE(max(version), 0) + 1, $2::date, $3::int, $4::int, $5::int, $6::varchar, $7::uuid FROM points_rule WHERE activity = $1::varchar
       RETURNING id`,
      [r.activity, r.effectiveFrom, r.points, r.dailyCap, r.yearlyCap, r.note ?? null, createdBy],
    );
    return row!.id;
  }

  /** Paths of the organisations at the top of the tree (where the rules are set). */
  async rootPaths(): Promise<string[]> {
    const rows: Array<{ path: string }> = await this.db.query(`SELECT path::text AS path FROM organisation WHERE nlevel(path) = 1`);
    return rows.map((r) => r.path);
  }

  // ---- Awards and totals ----

  async award(tx: EntityManager, a: { memberId: string; activity: PointsActivity; sourceKey: string; day: string }): Promise<number> {
    const [row]: Array<{ given: number }> = await tx.query(`SELECT points_award($1, $2, $3, $4) AS given`, [a.memberId, a.activity, a.sourceKey, a.day]);
    return row?.given ?? 0;
  }

  /** Awards up to `limit` queued check-ins in one transaction (`points_checkin_drain`); answers how many left the queue. */
  async drainCheckinQueue(limit: number): Promise<number> {
    const [row]: Array<{ n: number }> = await this.db.query(`SELECT points_checkin_drain($1) AS n`, [limit]);
    return row?.n ?? 0;
  }

  async totals(memberId: string, from: string, to: string): Promise<{ total: number; yearTotal: number }> {
    const [t]: Array<{ total: string; year_total: string }> = await this.db.query(
      `SELECT COALESCE(sum(points), 0) AS total, COALESCE(sum(points) FILTER (WHERE day BETWEEN $2 AND $3), 0) AS year_total FROM points_entry WHERE member_id = $1`,
      [memberId, from, to],
    );
    return { total: Number(t?.total ?? 0), yearTotal: Number(t?.year_total ?? 0) };
  }

  async yearPointsOf(memberIds: string[], from: string, to: string): Promise<Map<string, number>> {
    const rows: Array<{ member_id: string; points: string }> = await this.db.query(
      `SELECT member_id, sum(points) AS points FROM points_entry WHERE member_id = ANY($1::uuid[]) AND day BETWEEN $2 AND $3 GROUP BY member_id`,
      [memberIds, from, to],
    );
    return new Map(rows.map((r) => [r.member_id, Number(r.points)]));
  }

  pointsOfDay(memberId: string, day: string): Promise<Array<{ activity: PointsEntryKind; points: string }>> {
    return this.db.query(`SELECT activity, sum(points) AS points FROM points_entry WHERE member_id = $1 AND day = $2 GROUP BY activity`, [memberId, day]);
  }

  recent(
    memberId: string,
    activities: ReadonlyArray<string>,
  ): Promise<Array<{ id: string; activity: PointsActivity; points: number; day: string; created_at: Date }>> {
    return this.db.query(
      `SELECT id, activity, points, day::text AS day, created_at FROM points_entry WHERE member_id = $1 AND activity = ANY($2::text[]) ORDER BY created_at DESC LIMIT 20`,
      [memberId, activities],
    );
  }

  /** A member's entries on `from`–`to` with the rule version that gave each, or the deduction's reason; newest first. */
  history(memberId: string, from: string, to: string): Promise<HistoryRow[]> {
    return this.db.query(
      `SELECT p.id, p.activity AS kind, p.points, p.day::text AS day, p.created_at AS "createdAt",
              r.version, r.effective_from::text AS "effectiveFrom", r.points AS "rulePoints", r.daily_cap AS "dailyCap", r.yearly_cap AS "yearlyCap",
              d.reason
         FROM points_entry p
         LEFT JOIN points_rule r ON r.id = p.rule_id
         LEFT JOIN points_deduction d ON p.activity = 'deduction' AND p.source_key = 'deduction:' || d.id::text
        WHERE p.member_id = $1 AND p.day BETWEEN $2 AND $3
        ORDER BY p.day DESC, p.created_at DESC LIMIT 500`,
      [memberId, from, to],
    );
  }

  // ---- Rankings ----

  /** The nearest committee or general branch above `path`. */
  async committeeAbove(path: string): Promise<string | undefined> {
    const [up]: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM organisation WHERE path @> $1::ltree AND path <> $1::ltree AND kind IN ('committee', 'general_branch') ORDER BY nlevel(path) DESC LIMIT 1`,
      [path],
    );
    return up?.id;
  }

  async organisation(orgId: string): Promise<{ id: string; name: string; path: string } | undefined> {
    const [org]: Array<{ id: string; name: string; path: string }> = await this.db.query(
      `SELECT id, name, path::text AS path FROM organisation WHERE id = $1`,
      [orgId],
    );
    return org;
  }

  /** Current members of the subtree ranked by points on `from`–`to`: the top `limit` ranks and `memberId`'s row. */
  memberBoard(b: { orgPath: string; from: string; to: string; limit: number; memberId: string | null }): Promise<BoardRow[]> {
    return this.db.query(
      `WITH t AS (
         SELECT m.id, m.name, COALESCE(sum(p.points), 0) AS points
           FROM member m LEFT JOIN points_entry p ON p.member_id = m.id AND p.day BETWEEN $2 AND $3
          WHERE m.org_path <@ $1::ltree AND m.left_at IS NULL GROUP BY m.id, m.name),
       r AS (SELECT *, rank() OVER (ORDER BY points DESC) AS rank FROM t)
       SELECT * FROM r WHERE rank <= $4 OR id = $5 ORDER BY rank, name`,
      [b.orgPath, b.from, b.to, b.limit, b.memberId ?? '00000000-0000-0000-0000-000000000000'],
    );
  }

  /** The branches of the subtree ranked by points on `from`–`to`, with member counts and averages. */
  branchBoard(b: { orgPath: string; from: string; to: string }): Promise<BoardRow[]> {
    return this.db.query(
      `WITH b AS (SELECT id, name, path FROM organisation WHERE path <@ $1::ltree AND kind = 'branch'),
       t AS (
         SELECT b.id, b.name, count(DISTINCT m.id)::int AS member_count, COALESCE(sum(p.points), 0) AS points
           FROM b LEFT JOIN member m ON m.org_path <@ b.path AND m.left_at IS NULL
           LEFT JOIN points_entry p ON p.member_id = m.id AND p.day BETWEEN $2 AND $3
          GROUP BY b.id, b.name)
       SELECT *, round(points::numeric / NULLIF(member_count, 0), 1) AS average, rank() OVER (ORDER BY points DESC) AS rank
         FROM t ORDER BY rank, name`,
      [b.orgPath, b.from, b.to],
    );
  }

  // ---- Deductions ----

  /** A current member's organisation path (null when unknown or off the roll). */
  async memberOnRoll(memberId: string): Promise<string | null> {
    const [m]: Array<{ path: string }> = await this.db.query(`SELECT org_path::text AS path FROM member WHERE id = $1 AND left_at IS NULL`, [memberId]);
    return m?.path ?? null;
  }

  async insertDeduction(tx: EntityManager, d: { memberId: string; points: number; reason: string; day: string; proposedBy: string }): Promise<string> {
    const [row]: Array<{ id: string }> = await tx.query(
      `INSERT INTO points_deduction (member_id, points, reason, day, proposed_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [d.memberId, d.points, d.reason, d.day, d.proposedBy],
    );
    return row!.id;
  }

  async deduction(id: string, manager: EntityManager = this.db.manager, lock = false): Promise<DeductionRow | null> {
    const [row]: DeductionRow[] = await manager.query(`${DEDUCTION} WHERE d.id = $1${lock ? ' FOR UPDATE OF d' : ''}`, [id]);
    return row ?? null;
  }

  /** Deductions of members under any of `roots` (and optionally one state), open ones first, newest first. */
  deductions(roots: string[], state: DeductionState | undefined): Promise<DeductionRow[]> {
    return this.db.query(
      `${DEDUCTION} WHERE m.org_path <@ ANY($1::ltree[]) AND ($2::text IS NULL OR d.state = $2)
       ORDER BY (d.state = 'proposed') DESC, d.created_at DESC LIMIT 200`,
      [roots, state ?? null],
    );
  }

  async saveDecision(tx: EntityManager, id: string, state: DeductionState, by: string, at: Date, rejectReason: string | null): Promise<void> {
    await tx.query(`UPDATE points_deduction SET state = $2, decided_by = $3, decided_at = $4, reject_reason = $5 WHERE id = $1`, [
      id,
      state,
      by,
      at,
      rejectReason,
    ]);
  }

  /** The approved deduction as a negative ledger entry (no rule: deductions are not capped). */
  async insertDeductionEntry(tx: EntityManager, d: Pick<DeductionRow, 'id' | 'memberId' | 'points' | 'day'>): Promise<void> {
    await tx.query(`INSERT INTO points_entry (member_id, activity, source_key, points, day) VALUES ($1, 'deduction', $2, $3, $4)`, [
      d.memberId,
      `deduction:${d.id}`,
      -d.points,
      d.day,
    ]);
  }
}

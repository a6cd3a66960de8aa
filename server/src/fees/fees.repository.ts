import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FeeBillStatus, FeeCategory, MemberStatus } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { ReportReader } from '../common/report-reader.js';
import { SUBTREE } from '../common/sql.js';
import { fenFromDb } from './fee.entities.js';
import { ORG_MONTH_ROWS_SQL, rollUpTree, type AggregateRow, type OrgMonthRow } from './fee-rollup.js';
import { transactionRetryingDeadlocks } from '../common/deadlock-retry.js';

export type { AggregateRow };

/** 'YYYY-MM' → the first day, as the `date` columns store months. */
export const monthDate = (month: string) => `${month}-01`;
const MONTH = (col: string) => `to_char(${col}, 'YYYY-MM')`;
/** From this many members a month's generation joins by hash instead of looking members up one by one. */
export const BULK_BILLING_MIN_MEMBERS = 20_000;
/** Organisations of the subtree rooted at the path `$n` (btree range on organisation.path). */
const SUBTREE_ORGS = (param: string) => `SELECT so.id FROM organisation so WHERE ${SUBTREE('so.path', `${param}::ltree`)}`;
/** A member who left the platform (已转出) is billed through the month of departure (China time), not after. */
const ON_ROLL_IN = (month: string) => `(m.left_at IS NULL OR ${month} <= date_trunc('month', m.left_at AT TIME ZONE 'Asia/Shanghai')::date)`;

export type StandardRow = {
  id: string;
  memberId: string;
  year: number;
  effectiveMonth: string;
  category: FeeCategory;
  baseFen: number | null;
  farmerAmountFen: number | null;
  voluntaryMonthlyFen: number | null;
  standardFen: number;
  monthlyFeeFen: number;
  rule: string;
  computation: Record<string, unknown>;
  note: string | null;
  recordedByName: string | null;
  updatedAt: Date;
};
const STANDARD_COLUMNS = `s.id, s.member_id AS "memberId", s.year, ${MONTH('s.effective_month')} AS "effectiveMonth", s.category,
  s.base_fen AS "baseFen", s.farmer_amount_fen AS "farmerAmountFen", s.voluntary_monthly_fen AS "voluntaryMonthlyFen",
  s.standard_fen AS "standardFen", s.monthly_fee_fen AS "monthlyFeeFen", s.rule, s.computation, s.note,
  s.recorded_by_name AS "recordedByName", s.updated_at AS "updatedAt"`;

export type BillRow = {
  id: string;
  memberId: string;
  memberName: string;
  orgId: string;
  orgName: string;
  month: string;
  category: FeeCategory;
  rule: string;
  baseFen: number | null;
  standardFen: number;
  amountDueFen: number;
  status: FeeBillStatus;
  paidAt: Date | null;
  paymentId: string | null;
  receiptNo: string | null;
  reliefId: string | null;
};
const BILL_COLUMNS = `b.id, b.member_id AS "memberId", m.name AS "memberName", b.organisation_id AS "orgId", o.name AS "orgName",
  ${MONTH('b.month')} AS month, b.category, b.rule, b.base_fen AS "baseFen", b.standard_fen AS "standardFen",
  b.amount_due_fen AS "amountDueFen", b.status, b.paid_at AS "paidAt", b.payment_id AS "paymentId", p.receipt_no AS "receiptNo", b.relief_id AS "reliefId"`;
const BILL_JOINS = `JOIN member m ON m.id = b.member_id JOIN organisation o ON o.id = b.organisation_id LEFT JOIN fee_payment p ON p.id = b.payment_id`;

const AGG_SUMS_0 = `COALESCE(sum(bills), 0)::int AS bills, COALESCE(sum(due_fen), 0)::int8 AS "dueFen", COALESCE(sum(paid_fen), 0)::int8 AS "paidFen",
  COALESCE(sum(settled), 0)::int AS settled, COALESCE(sum(paid), 0)::int AS paid, COALESCE(sum(reduced), 0)::int AS reduced, COALESCE(sum(exempt), 0)::int AS exempt`;
const AGG_SUMS = `sum(bills)::int AS bills, sum(due_fen)::int8 AS "dueFen", sum(paid_fen)::int8 AS "paidFen", sum(settled)::int AS settled,
  sum(paid)::int AS paid, sum(reduced)::int AS reduced, sum(exempt)::int AS exempt`;

export type ArrearsRowDb = {
  memberId: string;
  memberName: string;
  memberStatus: MemberStatus;
  orgId: string;
  orgName: string;
  unpaidMonths: number;
  amountFen: number;
  months: string[];
  reviewCaseOpen: boolean;
};

export type MemberBrief = { id: string; name: string; status: MemberStatus; organisationId: string; orgPath: string; orgName: string; joinDate: string };

const fenRow = <T extends Record<string, unknown>>(row: T, keys: Array<keyof T>): T => {
  for (const k of keys) if (row[k] !== null && row[k] !== undefined) (row as Record<string, unknown>)[k as string] = fenFromDb(row[k] as string);
  return row;
};
const standardRow = (r: StandardRow) => fenRow(r, ['baseFen', 'farmerAmountFen', 'voluntaryMonthlyFen', 'standardFen', 'monthlyFeeFen']);
const billRow = (r: BillRow) => fenRow(r, ['baseFen', 'standardFen', 'amountDueFen']);
const aggRow = <T extends AggregateRow>(r: T): T => fenRow(r, ['dueFen', 'paidFen']);

export type NewStandard = Omit<StandardRow, 'id' | 'updatedAt' | 'recordedByName'> & { recordedBy: string | null; recordedByName: string | null };

/** Data access for fee standards, bills and reports: SQL only, no rules. */
@Injectable()
export class FeesRepository {
  /** From this many members in the subtree, a month is generated in bulk (tests lower it). */
  bulkMinMembers = BULK_BILLING_MIN_MEMBERS;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reports: ReportReader,
  ) {}

  /** Bill writes of one organisation can deadlock on its fee_org_month rows: run again then. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return transactionRetryingDeadlocks(this.db, work);
  }

  private m(em?: EntityManager) {
    return em ?? this.db.manager;
  }

  async member(id: string, em?: EntityManager): Promise<MemberBrief | null> {
    const rows: MemberBrief[] = await this.m(em).query(
      `SELECT m.id, m.name, m.status, m.organisation_id AS "organisationId", m.org_path::text AS "orgPath", o.name AS "orgName", m.join_date::text AS "joinDate"
         FROM member m JOIN organisation o ON o.id = m.organisation_id WHERE m.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async org(id: string, em?: EntityManager): Promise<{ id: string; name: string; kind: string; path: string; parentId: string | null } | null> {
    const rows = await this.m(em).query(`SELECT id, name, kind, path::text AS path, parent_id AS "parentId" FROM organisation WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Paths of the organisation trees' roots. */
  async rootPaths(): Promise<string[]> {
    const rows: Array<{ path: string }> = await this.db.query(`SELECT path::text AS path FROM organisation WHERE parent_id IS NULL ORDER BY path`);
    return rows.map((r) => r.path);
  }

  // ---- standards ----

  /** The member row locked: standards of one member change one at a time. */
  async lockMember(memberId: string, em: EntityManager): Promise<void> {
    await em.query(`SELECT 1 FROM member WHERE id = $1 FOR UPDATE`, [memberId]);
  }

  async upsertStandard(em: EntityManager, s: NewStandard): Promise<string> {
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO fee_standard (member_id, year, effective_month, category, base_fen, farmer_amount_fen, voluntary_monthly_fen, standard_fen, monthly_fee_fen,
                                 rule, computation, note, recorded_by, recorded_by_name)
       VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (member_id, effective_month) DO UPDATE SET
         category = EXCLUDED.category, base_fen = EXCLUDED.base_fen, farmer_amount_fen = EXCLUDED.farmer_amount_fen,
         voluntary_monthly_fen = EXCLUDED.voluntary_monthly_fen, standard_fen = EXCLUDED.standard_fen, monthly_fee_fen = EXCLUDED.monthly_fee_fen,
         rule = EXCLUDED.rule, computation = EXCLUDED.computation, note = EXCLUDED.note, recorded_by = EXCLUDED.recorded_by,
         recorded_by_name = EXCLUDED.recorded_by_name, updated_at = now()
       RETURNING id`,
      [
        s.memberId,
        s.year,
        monthDate(s.effectiveMonth),
        s.category,
        s.baseFen,
        s.farmerAmountFen,
        s.voluntaryMonthlyFen,
        s.standardFen,
        s.monthlyFeeFen,
        s.rule,
        JSON.stringify(s.computation),
        s.note,
        s.recordedBy,
        s.recordedByName,
      ],
    );
    return rows[0]!.id;
  }

  /** The month the member's next standard starts after `month`, if any. */
  async nextStandardMonth(em: EntityManager, memberId: string, month: string): Promise<string | null> {
    const rows: Array<{ m: string }> = await em.query(
      `SELECT ${MONTH('effective_month')} AS m FROM fee_standard WHERE member_id = $1 AND effective_month > $2::date ORDER BY effective_month LIMIT 1`,
      [memberId, monthDate(month)],
    );
    return rows[0]?.m ?? null;
  }

  /**
   * Unpaid bills from `from` up to (not including) `until` follow a corrected standard. A bill under
   * an approved reduction keeps its reduced amount (never above the new fee); exempt and paid bills
   * are history and stay.
   */
  async restateUnpaidBills(
    em: EntityManager,
    memberId: string,
    from: string,
    until: string | null,
    s: Pick<StandardRow, 'category' | 'rule' | 'baseFen' | 'standardFen' | 'monthlyFeeFen'>,
  ) {
    await em.query(
      `UPDATE fee_bill SET category = $4, rule = $5, base_fen = $6, standard_fen = $7,
              amount_due_fen = CASE WHEN relief_id IS NULL THEN $8 ELSE least(amount_due_fen, $8) END
        WHERE member_id = $1 AND month >= $2::date AND ($3::date IS NULL OR month < $3::date) AND status = 'unpaid'`,
      [memberId, monthDate(from), until ? monthDate(until) : null, s.category, s.rule, s.baseFen, s.standardFen, s.monthlyFeeFen],
    );
  }

  async standardById(id: string, em?: EntityManager): Promise<StandardRow | null> {
    const rows: StandardRow[] = await this.m(em).query(`SELECT ${STANDARD_COLUMNS} FROM fee_standard s WHERE s.id = $1`, [id]);
    return rows[0] ? standardRow(rows[0]) : null;
  }

  async standardsOfYear(memberId: string, year: number): Promise<StandardRow[]> {
    const rows: StandardRow[] = await this.db.query(
      `SELECT ${STANDARD_COLUMNS} FROM fee_standard s WHERE s.member_id = $1 AND s.year = $2 ORDER BY s.effective_month`,
      [memberId, year],
    );
    return rows.map(standardRow);
  }

  /** The standard in force in `month`: the latest that starts at or before it (carried over from an earlier year when none is newer). */
  async standardInForce(memberId: string, month: string, em?: EntityManager): Promise<StandardRow | null> {
    const rows: StandardRow[] = await this.m(em).query(
      `SELECT ${STANDARD_COLUMNS} FROM fee_standard s WHERE s.member_id = $1 AND s.effective_month <= $2::date ORDER BY s.effective_month DESC LIMIT 1`,
      [memberId, monthDate(month)],
    );
    return rows[0] ? standardRow(rows[0]) : null;
  }

  /** Members of a subtree with their latest standard of `year` (or null), by name. */
  async standardsPage(orgPath: string, year: number, missingOnly: boolean, limit: number, offset: number) {
    const where = `m.organisation_id IN (${SUBTREE_ORGS('$1')}) AND m.left_at IS NULL ${missingOnly ? 'AND s.id IS NULL' : ''}`;
    const lateral = `LEFT JOIN LATERAL (SELECT * FROM fee_standard s WHERE s.member_id = m.id AND s.year = $2 ORDER BY s.effective_month DESC LIMIT 1) s ON true`;
    const [rows, count] = await Promise.all([
      this.db.query<Array<{ memberId: string; memberName: string; memberStatus: MemberStatus; orgId: string; orgName: string; standardId: string | null }>>(
        `SELECT m.id AS "memberId", m.name AS "memberName", m.status AS "memberStatus", m.organisation_id AS "orgId", o.name AS "orgName",
                s.id AS "standardId"
           FROM member m JOIN organisation o ON o.id = m.organisation_id ${lateral}
          WHERE ${where} ORDER BY m.name, m.id LIMIT $3 OFFSET $4`,
        [orgPath, year, limit, offset],
      ),
      this.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM member m ${lateral} WHERE ${where}`, [orgPath, year]),
    ]);
    const ids = rows.map((r) => r.standardId).filter((v): v is string => !!v);
    const standards: StandardRow[] = ids.length
      ? (await this.db.query(`SELECT ${STANDARD_COLUMNS} FROM fee_standard s WHERE s.id = ANY($1)`, [ids])).map(standardRow)
      : [];
    const byId = new Map(standards.map((s) => [s.id, s]));
    return { rows: rows.map((r) => ({ ...r, standard: r.standardId ? (byId.get(r.standardId) ?? null) : null })), total: count[0]!.n };
  }

  /** Members of one organisation (the branch itself) for the import template and import. */
  async membersOfOrg(orgId: string): Promise<Array<{ id: string; name: string; status: MemberStatus }>> {
    return this.db.query(`SELECT id, name, status FROM member WHERE organisation_id = $1 AND left_at IS NULL ORDER BY name, id`, [orgId]);
  }

  async latestStandards(memberIds: string[], year: number): Promise<Map<string, StandardRow>> {
    if (!memberIds.length) return new Map();
    const rows: StandardRow[] = await this.db.query(
      `SELECT DISTINCT ON (s.member_id) ${STANDARD_COLUMNS} FROM fee_standard s WHERE s.member_id = ANY($1) AND s.year <= $2 ORDER BY s.member_id, s.effective_month DESC`,
      [memberIds, year],
    );
    return new Map(rows.map((r) => [r.memberId, standardRow(r)]));
  }

  // ---- bills ----

  /**
   * Bills for the months [from, to] of the members selected, idempotently: INSERT … SELECT … ON
   * CONFLICT DO NOTHING on (member_id, month). Each member is billed from their first billable month
   * (F4: admission month + `offset`), on the standard in force that month, with an approved relief
   * applied (F7). Members without any standard get no bill. Returns the number of bills made.
   * A big subtree (one month) joins the standards in force and the reliefs by hash in one pass;
   * a small one (or one member's months) looks each member's up through the index.
   */
  async generate(em: EntityManager, p: { orgPath?: string; memberId?: string; from: string; to: string; firstMonthOffset: number }): Promise<number> {
    const bulk = !p.memberId && p.from === p.to && (await this.subtreeMemberCount(p.orgPath!, em)) >= this.bulkMinMembers;
    if (bulk) await em.query(`SET LOCAL work_mem = '256MB'`);
    const filter = p.memberId ? `m.id = $4` : `m.organisation_id IN (${SUBTREE_ORGS('$4')})`;
    const joins = bulk
      ? `CROSS JOIN (SELECT $1::date AS month, $2::date AS until) g
         JOIN (SELECT DISTINCT ON (member_id) member_id, category, rule, base_fen, standard_fen, monthly_fee_fen FROM fee_standard
                WHERE effective_month <= $1::date ORDER BY member_id, effective_month DESC) s ON s.member_id = m.id
         LEFT JOIN (SELECT DISTINCT ON (member_id) member_id, id, kind, reduced_fen FROM fee_relief
                     WHERE status = 'approved' AND $1::date BETWEEN from_month AND to_month ORDER BY member_id, decided_at DESC) r ON r.member_id = m.id`
      : `CROSS JOIN (SELECT generate_series($1::date, $2::date, interval '1 month')::date AS month) g
         CROSS JOIN LATERAL (SELECT s.category, s.rule, s.base_fen, s.standard_fen, s.monthly_fee_fen FROM fee_standard s
                              WHERE s.member_id = m.id AND s.effective_month <= g.month ORDER BY s.effective_month DESC LIMIT 1) s
         LEFT JOIN LATERAL (SELECT r.id, r.kind, r.reduced_fen FROM fee_relief r
                             WHERE r.member_id = m.id AND r.status = 'approved' AND g.month BETWEEN r.from_month AND r.to_month
                             ORDER BY r.decided_at DESC LIMIT 1) r ON true`;
    const res: Array<{ n: number }> = await em.query(
      `WITH ins AS (
       INSERT INTO fee_bill (member_id, organisation_id, month, category, rule, base_fen, standard_fen, amount_due_fen, status, relief_id)
       SELECT m.id, m.organisation_id, g.month, s.category, s.rule, s.base_fen, s.standard_fen,
              CASE r.kind WHEN 'exempt' THEN 0 WHEN 'reduce' THEN least(r.reduced_fen, s.standard_fen) ELSE s.monthly_fee_fen END,
              CASE r.kind WHEN 'exempt' THEN 'exempt' ELSE 'unpaid' END,
              r.id
         FROM member m
         ${joins}
        WHERE ${filter}
          AND (date_trunc('month', m.join_date)::date + make_interval(months => $3))::date <= g.month
          AND ${ON_ROLL_IN('g.month')}
       ON CONFLICT (member_id, month) DO NOTHING
       RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [monthDate(p.from), monthDate(p.to), p.firstMonthOffset, p.memberId ?? p.orgPath],
    );
    return res[0]!.n;
  }

  /** Members in a subtree: the organisation's counter plus its descendants' maintained total (one row). */
  async subtreeMemberCount(orgPath: string, em?: EntityManager): Promise<number> {
    const rows: Array<{ n: number }> = await this.m(em).query(
      `SELECT COALESCE((SELECT member_count + desc_member_count FROM organisation WHERE path = $1::ltree), 0) AS n`,
      [orgPath],
    );
    return rows[0]!.n;
  }

  /** Members billable in `month` with no standard at all yet. */
  async countMissingStandard(orgPath: string, month: string, firstMonthOffset: number, em?: EntityManager): Promise<number> {
    const rows: Array<{ n: number }> = await this.m(em).query(
      `SELECT count(*)::int AS n FROM member m
        WHERE m.organisation_id IN (${SUBTREE_ORGS('$1')})
          AND (date_trunc('month', m.join_date)::date + make_interval(months => $3))::date <= $2::date
          AND ${ON_ROLL_IN('$2::date')}
          AND NOT EXISTS (SELECT 1 FROM fee_standard s WHERE s.member_id = m.id AND s.effective_month <= $2::date)`,
      [orgPath, monthDate(month), firstMonthOffset],
    );
    return rows[0]!.n;
  }

  async billsPage(f: { orgPath: string; month?: string; status?: FeeBillStatus }, limit: number, offset: number): Promise<{ rows: BillRow[]; total: number }> {
    const params: unknown[] = [f.orgPath];
    const conds = [`b.organisation_id IN (${SUBTREE_ORGS('$1')})`];
    if (f.month) conds.push(`b.month = $${params.push(monthDate(f.month))}::date`);
    if (f.status) conds.push(`b.status = $${params.push(f.status)}`);
    const where = conds.join(' AND ');
    const [rows, count] = await Promise.all([
      this.db.query(
        `SELECT ${BILL_COLUMNS} FROM fee_bill b ${BILL_JOINS} WHERE ${where} ORDER BY b.month DESC, m.name, b.id LIMIT ${limit} OFFSET ${offset}`,
        params,
      ),
      this.db.query(`SELECT count(*)::int AS n FROM fee_bill b WHERE ${where}`, params),
    ]);
    return { rows: (rows as BillRow[]).map(billRow), total: (count as Array<{ n: number }>)[0]!.n };
  }

  async billsOfMember(
    memberId: string,
    f: { year?: number; status?: FeeBillStatus; limit?: number; offset?: number } = {},
    em?: EntityManager,
  ): Promise<{ rows: BillRow[]; total: number }> {
    const params: unknown[] = [memberId];
    const conds = [`b.member_id = $1`];
    if (f.year) conds.push(`b.month >= make_date($${params.push(f.year)}, 1, 1) AND b.month < make_date($${params.length} + 1, 1, 1)`);
    if (f.status) conds.push(`b.status = $${params.push(f.status)}`);
    const where = conds.join(' AND ');
    const page = f.limit ? `LIMIT ${f.limit} OFFSET ${f.offset ?? 0}` : '';
    const rows: BillRow[] = await this.m(em).query(`SELECT ${BILL_COLUMNS} FROM fee_bill b ${BILL_JOINS} WHERE ${where} ORDER BY b.month DESC ${page}`, params);
    const total = f.limit
      ? (await this.m(em).query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM fee_bill b WHERE ${where}`, params))[0]!.n
      : rows.length;
    return { rows: rows.map(billRow), total };
  }

  async billsByIds(ids: string[], em?: EntityManager): Promise<BillRow[]> {
    const rows: BillRow[] = await this.m(em).query(`SELECT ${BILL_COLUMNS} FROM fee_bill b ${BILL_JOINS} WHERE b.id = ANY($1) ORDER BY b.month`, [ids]);
    return rows.map(billRow);
  }

  /** Month and status of every bill of a member (for paid-until), oldest first. */
  async billMonths(memberId: string, em?: EntityManager): Promise<Array<{ id: string; month: string; status: FeeBillStatus; amountDueFen: number }>> {
    const rows: Array<{ id: string; month: string; status: FeeBillStatus; amountDueFen: string }> = await this.m(em).query(
      `SELECT id, ${MONTH('month')} AS month, status, amount_due_fen AS "amountDueFen" FROM fee_bill WHERE member_id = $1 ORDER BY month`,
      [memberId],
    );
    return rows.map((r) => ({ ...r, amountDueFen: fenFromDb(r.amountDueFen) }));
  }

  // ---- reports ----

  /**
   * For a month: the root's own figures (first row) and each direct child's subtree total, each an
   * index-only range scan of (month, org_path) over fee_org_month; the root's total is their sum.
   */
  async collectionChildren(rootId: string, month: string) {
    const sums = (cond: string) => `CROSS JOIN LATERAL (SELECT ${AGG_SUMS_0} FROM fee_org_month a WHERE a.month = $2::date AND ${cond}) s`;
    const cols = `o.id, o.name, o.kind, o.parent_id AS "parentId", o.path::text AS path, s.*`;
    const rows: Array<AggregateRow & { id: string; name: string; kind: string; parentId: string | null }> = await this.reports.query(
      `SELECT * FROM (
         SELECT ${cols}, 0 AS ord FROM organisation o ${sums('a.org_path = o.path')} WHERE o.id = $1
         UNION ALL
         SELECT ${cols}, 1 AS ord FROM organisation o ${sums(SUBTREE('a.org_path', 'o.path'))} WHERE o.parent_id = $1
       ) x ORDER BY ord, kind, name`,
      [rootId, monthDate(month)],
    );
    return rows.map(aggRow);
  }

  /** Every organisation of a subtree with its whole subtree's totals for a month (see rollUpTree). */
  async collectionTree(rootPath: string, month: string): Promise<Map<string, AggregateRow>> {
    const rows: OrgMonthRow[] = await this.reports.query(ORG_MONTH_ROWS_SQL, [rootPath, monthDate(month)]);
    return rollUpTree(rows, rootPath);
  }

  async subtreeOrgsPage(rootPath: string, limit: number, offset: number) {
    const [rows, count] = await Promise.all([
      this.db.query<Array<{ id: string; name: string; kind: string; parentId: string | null; path: string; depth: number }>>(
        `SELECT id, name, kind, parent_id AS "parentId", path::text AS path, nlevel(path) - nlevel($1::ltree) AS depth
           FROM organisation WHERE ${SUBTREE('path', '$1::ltree')} ORDER BY path LIMIT $2 OFFSET $3`,
        [rootPath, limit, offset],
      ),
      this.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM organisation WHERE ${SUBTREE('path', '$1::ltree')}`, [rootPath]),
    ]);
    return { rows, total: count[0]!.n };
  }

  /** Month by month of one year, for a subtree (the yearly public report, F7). */
  async yearMonths(rootPath: string, year: number): Promise<Array<AggregateRow & { month: string }>> {
    const rows: Array<AggregateRow & { month: string }> = await this.reports.query(
      `SELECT ${MONTH('a.month')} AS month, ${AGG_SUMS}
         FROM fee_org_month a
        WHERE a.month >= make_date($2, 1, 1) AND a.month < make_date($2 + 1, 1, 1) AND ${SUBTREE('a.org_path', '$1::ltree')}
        GROUP BY a.month ORDER BY a.month`,
      [rootPath, year],
    );
    return rows.map(aggRow);
  }

  async yearExtras(rootPath: string, year: number) {
    const [reliefs, pays] = await Promise.all([
      this.reports.query<{ reduce: number; exempt: number }>(
        `SELECT count(*) FILTER (WHERE r.kind = 'reduce')::int AS reduce, count(*) FILTER (WHERE r.kind = 'exempt')::int AS exempt
           FROM fee_relief r WHERE r.organisation_id IN (${SUBTREE_ORGS('$1')}) AND r.status = 'approved'
            AND r.from_month < make_date($2 + 1, 1, 1) AND r.to_month >= make_date($2, 1, 1)`,
        [rootPath, year],
      ),
      this.reports.query<{ voluntaryCount: number; voluntaryFen: string; largeCount: number; largeFen: string }>(
        `SELECT count(*) FILTER (WHERE p.kind = 'voluntary')::int AS "voluntaryCount", COALESCE(sum(p.amount_fen) FILTER (WHERE p.kind = 'voluntary'), 0)::int8 AS "voluntaryFen",
                count(*) FILTER (WHERE p.large)::int AS "largeCount", COALESCE(sum(p.voluntary_fen) FILTER (WHERE p.large), 0)::int8 AS "largeFen"
           FROM fee_payment p WHERE p.organisation_id IN (${SUBTREE_ORGS('$1')}) AND p.status = 'paid'
            AND p.paid_at >= make_timestamptz($2, 1, 1, 0, 0, 0, 'Asia/Shanghai') AND p.paid_at < make_timestamptz($2 + 1, 1, 1, 0, 0, 0, 'Asia/Shanghai')`,
        [rootPath, year],
      ),
    ]);
    const p = pays[0]!;
    return {
      reliefs: reliefs[0]!,
      voluntary: { count: p.voluntaryCount, amountFen: fenFromDb(p.voluntaryFen) },
      large: { count: p.largeCount, amountFen: fenFromDb(p.largeFen) },
    };
  }

  /** Members with unpaid bills of ended months (before `currentMonth`), most months first. */
  async arrears(orgPath: string, currentMonth: string, minMonths: number, limit: number | null, offset = 0): Promise<{ rows: ArrearsRowDb[]; total: number }> {
    const base = `SELECT b.member_id, count(*)::int AS n, sum(b.amount_due_fen)::int8 AS amount, array_agg(${MONTH('b.month')} ORDER BY b.month) AS months
                    FROM fee_bill b
                   WHERE b.status = 'unpaid' AND b.month < $2::date AND b.organisation_id IN (${SUBTREE_ORGS('$1')})
                   GROUP BY b.member_id HAVING count(*) >= $3`;
    const params = [orgPath, monthDate(currentMonth), minMonths];
    const page = limit === null ? '' : `LIMIT ${limit} OFFSET ${offset}`;
    const [rows, count] = await Promise.all([
      this.db.query<Array<ArrearsRowDb & { amountFen: string }>>(
        `SELECT a.member_id AS "memberId", m.name AS "memberName", m.status AS "memberStatus", m.organisation_id AS "orgId", o.name AS "orgName",
                a.n AS "unpaidMonths", a.amount AS "amountFen", a.months,
                EXISTS (SELECT 1 FROM review_case rc WHERE rc.member_id = a.member_id AND rc.kind = 'fee_unpaid_6_months' AND rc.status = 'open') AS "reviewCaseOpen"
           FROM (${base}) a JOIN member m ON m.id = a.member_id JOIN organisation o ON o.id = m.organisation_id
          ORDER BY a.n DESC, m.name, a.member_id ${page}`,
        params,
      ),
      limit === null ? Promise.resolve([{ n: -1 }]) : this.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM (${base}) a`, params),
    ]);
    const mapped = rows.map((r) => ({ ...r, amountFen: fenFromDb(r.amountFen) }));
    return { rows: mapped, total: limit === null ? mapped.length : count[0]!.n };
  }

  /** F6: opens a review case unless one of the kind is open for the member (partial unique index). */
  async openReviewCase(em: EntityManager, p: { kind: string; memberId: string; details: Record<string, unknown> }): Promise<boolean> {
    const res: unknown[] = await em.query(
      `INSERT INTO review_case (kind, member_id, organisation_id, org_path, opened_at, details)
       SELECT $1, m.id, m.organisation_id, m.org_path, now(), $3::jsonb FROM member m WHERE m.id = $2
       ON CONFLICT (kind, member_id) WHERE status = 'open' DO NOTHING
       RETURNING id`,
      [p.kind, p.memberId, JSON.stringify(p.details)],
    );
    return res.length > 0;
  }
}

/** TypeORM's query() answers INSERT/UPDATE as [rows, count] on PostgreSQL. */
export function rowCount(res: unknown): number {
  if (Array.isArray(res) && typeof res[1] === 'number') return res[1];
  return 0;
}

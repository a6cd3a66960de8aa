import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FeeBillStatus, FeePaymentKind, FeePaymentMethod, FeePaymentStatus, FeeReliefKind, FeeReliefStatus } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { SUBTREE } from '../common/sql.js';
import { fenFromDb } from './fee.entities.js';
import { monthDate, rowCount } from './fees.repository.js';
import { transactionRetryingDeadlocks } from '../common/deadlock-retry.js';

const MONTH = (col: string) => `to_char(${col}, 'YYYY-MM')`;
const SUBTREE_ORGS = (param: string) => `SELECT so.id FROM organisation so WHERE ${SUBTREE('so.path', `${param}::ltree`)}`;

export type PaymentRow = {
  id: string;
  receiptNo: string | null;
  kind: FeePaymentKind;
  memberId: string;
  memberName: string;
  payerMemberId: string | null;
  payerName: string | null;
  proxyAgreementId: string | null;
  orgId: string;
  orgName: string;
  orgPath: string;
  method: FeePaymentMethod;
  status: FeePaymentStatus;
  amountFen: number;
  voluntaryFen: number;
  large: boolean;
  forwardOrgId: string | null;
  forwardOrgName: string | null;
  forwardOrgPath: string | null;
  forwardAckAt: Date | null;
  forwardAckByName: string | null;
  forwardAckNote: string | null;
  paidAt: Date | null;
  recordedBy: string | null;
  recordedByName: string | null;
  note: string | null;
  outTradeNo: string | null;
  transactionId: string | null;
  problem: string | null;
  createdAt: Date;
  bills: Array<{ id: string; month: string; amountDueFen: number }>;
};
const PAYMENT_COLUMNS = `p.id, p.receipt_no AS "receiptNo", p.kind, p.member_id AS "memberId", m.name AS "memberName",
  p.payer_member_id AS "payerMemberId", pm.name AS "payerName", p.proxy_agreement_id AS "proxyAgreementId",
  p.organisation_id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", p.method, p.status, p.amount_fen AS "amountFen",
  p.voluntary_fen AS "voluntaryFen", p.large, p.forward_org_id AS "forwardOrgId", fo.name AS "forwardOrgName", fo.path::text AS "forwardOrgPath",
  p.forward_ack_at AS "forwardAckAt", p.forward_ack_by_name AS "forwardAckByName", p.forward_ack_note AS "forwardAckNote",
  p.paid_at AS "paidAt", p.recorded_by AS "recordedBy", p.recorded_by_name AS "recordedByName", p.note, p.out_trade_no AS "outTradeNo",
  p.transaction_id AS "transactionId", p.problem, p.created_at AS "createdAt",
  COALESCE((SELECT json_agg(json_build_object('id', b.id, 'month', ${MONTH('b.month')}, 'amountDueFen', b.amount_due_fen) ORDER BY b.month)
              FROM fee_payment_bill pb JOIN fee_bill b ON b.id = pb.bill_id WHERE pb.payment_id = p.id), '[]') AS bills`;
const PAYMENT_JOINS = `JOIN member m ON m.id = p.member_id LEFT JOIN member pm ON pm.id = p.payer_member_id
  JOIN organisation o ON o.id = p.organisation_id LEFT JOIN organisation fo ON fo.id = p.forward_org_id`;

const paymentRow = (r: PaymentRow): PaymentRow => ({
  ...r,
  amountFen: fenFromDb(r.amountFen),
  voluntaryFen: fenFromDb(r.voluntaryFen),
  bills: r.bills.map((b) => ({ ...b, amountDueFen: fenFromDb(b.amountDueFen) })),
});

export type LockedBill = {
  id: string;
  memberId: string;
  organisationId: string;
  month: string;
  status: FeeBillStatus;
  amountDueFen: number;
  standardFen: number;
  reliefId: string | null;
};

export type NewPayment = {
  kind: FeePaymentKind;
  memberId: string;
  payerMemberId: string | null;
  proxyAgreementId: string | null;
  organisationId: string;
  method: FeePaymentMethod;
  status: FeePaymentStatus;
  amountFen: number;
  voluntaryFen: number;
  large: boolean;
  forwardOrgId: string | null;
  paidAt: Date | null;
  recordedBy: string | null;
  recordedByName: string | null;
  note: string | null;
  outTradeNo: string | null;
};

export type ProxyRow = {
  id: string;
  memberId: string;
  memberName: string;
  payerMemberId: string;
  payerName: string;
  organisationId: string;
  orgPath: string;
  decidedOn: string;
  note: string;
  recordedByName: string | null;
  createdAt: Date;
  revokedAt: Date | null;
};
const PROXY_COLUMNS = `a.id, a.member_id AS "memberId", m.name AS "memberName", a.payer_member_id AS "payerMemberId", pm.name AS "payerName",
  a.organisation_id AS "organisationId", o.path::text AS "orgPath", a.decided_on::text AS "decidedOn", a.note, a.recorded_by_name AS "recordedByName",
  a.created_at AS "createdAt", a.revoked_at AS "revokedAt"`;
const PROXY_JOINS = `JOIN member m ON m.id = a.member_id JOIN member pm ON pm.id = a.payer_member_id JOIN organisation o ON o.id = a.organisation_id`;

export type ReliefRow = {
  id: string;
  memberId: string;
  memberName: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  kind: FeeReliefKind;
  fromMonth: string;
  toMonth: string;
  reducedFen: number | null;
  reason: string;
  branchDecidedOn: string;
  branchDecision: string;
  status: FeeReliefStatus;
  requestedBy: string | null;
  requestedByName: string | null;
  createdAt: Date;
  decidedByName: string | null;
  decidedAt: Date | null;
  decidingOrgId: string | null;
  decidingOrgName: string | null;
  decisionNote: string | null;
};
const RELIEF_COLUMNS = `r.id, r.member_id AS "memberId", m.name AS "memberName", r.organisation_id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath",
  r.kind, ${MONTH('r.from_month')} AS "fromMonth", ${MONTH('r.to_month')} AS "toMonth", r.reduced_fen AS "reducedFen", r.reason,
  r.branch_decided_on::text AS "branchDecidedOn", r.branch_decision AS "branchDecision", r.status, r.requested_by AS "requestedBy",
  r.requested_by_name AS "requestedByName", r.created_at AS "createdAt", r.decided_by_name AS "decidedByName", r.decided_at AS "decidedAt",
  r.deciding_org_id AS "decidingOrgId", dorg.name AS "decidingOrgName", r.decision_note AS "decisionNote"`;
const RELIEF_JOINS = `JOIN member m ON m.id = r.member_id JOIN organisation o ON o.id = r.organisation_id LEFT JOIN organisation dorg ON dorg.id = r.deciding_org_id`;
const reliefRow = (r: ReliefRow): ReliefRow => ({ ...r, reducedFen: r.reducedFen === null ? null : fenFromDb(r.reducedFen) });

/** Data access for payments, 代缴 agreements, reliefs and notifications: SQL only, no rules. */
@Injectable()
export class FeePaymentsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Bill writes of one organisation can deadlock on its fee_org_month rows: run again then. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return transactionRetryingDeadlocks(this.db, work);
  }

  private m(em?: EntityManager) {
    return em ?? this.db.manager;
  }

  // ---- payments ----

  /**
   * The bills locked in month order (FOR UPDATE): of two payments of the same bill, the second
   * waits here and then sees it settled.
   */
  async lockBills(em: EntityManager, ids: string[]): Promise<LockedBill[]> {
    const rows: Array<LockedBill & { amountDueFen: string; standardFen: string }> = await em.query(
      `SELECT id, member_id AS "memberId", organisation_id AS "organisationId", ${MONTH('month')} AS month, status,
              amount_due_fen AS "amountDueFen", standard_fen AS "standardFen", relief_id AS "reliefId"
         FROM fee_bill WHERE id = ANY($1) ORDER BY month, id FOR UPDATE`,
      [ids],
    );
    return rows.map((r) => ({ ...r, amountDueFen: fenFromDb(r.amountDueFen), standardFen: fenFromDb(r.standardFen) }));
  }

  async insertPayment(em: EntityManager, p: NewPayment, billIds: string[]): Promise<string> {
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO fee_payment (kind, member_id, payer_member_id, proxy_agreement_id, organisation_id, method, status, amount_fen, voluntary_fen, large,
                                forward_org_id, paid_at, recorded_by, recorded_by_name, note, out_trade_no, receipt_no)
       VALUES ($1, $2, $3, $4, $5, $6, $7::varchar, $8, $9, $10, $11, $12, $13, $14, $15, $16,
               CASE WHEN $7::varchar = 'paid' THEN 'DF' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY') || '-' || lpad(nextval('fee_receipt_seq')::text, 6, '0') END)
       RETURNING id`,
      [
        p.kind,
        p.memberId,
        p.payerMemberId,
        p.proxyAgreementId,
        p.organisationId,
        p.method,
        p.status,
        p.amountFen,
        p.voluntaryFen,
        p.large,
        p.forwardOrgId,
        p.paidAt,
        p.recordedBy,
        p.recordedByName,
        p.note,
        p.outTradeNo,
      ],
    );
    const id = rows[0]!.id;
    if (billIds.length) await em.query(`INSERT INTO fee_payment_bill (payment_id, bill_id) SELECT $1, unnest($2::uuid[])`, [id, billIds]);
    return id;
  }

  /**
   * Settles the bills for a payment — only those still unpaid (the conditional update is the last
   * word on "exactly once"). Returns how many it settled; the caller refuses unless all.
   */
  async settleBills(em: EntityManager, paymentId: string, billIds: string[], paidAt: Date): Promise<number> {
    const res = await em.query(
      `UPDATE fee_bill SET status = CASE WHEN relief_id IS NULL THEN 'paid' ELSE 'reduced' END, payment_id = $1, paid_at = $3
        WHERE id = ANY($2) AND status = 'unpaid'`,
      [paymentId, billIds, paidAt],
    );
    return rowCount(res);
  }

  async paymentBillIds(em: EntityManager, paymentId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await em.query(`SELECT bill_id AS id FROM fee_payment_bill WHERE payment_id = $1`, [paymentId]);
    return rows.map((r) => r.id);
  }

  async lockPaymentByTradeNo(em: EntityManager, outTradeNo: string) {
    const rows: Array<{
      id: string;
      status: FeePaymentStatus;
      amountFen: string;
      memberId: string;
      organisationId: string;
      kind: FeePaymentKind;
      large: boolean;
    }> = await em.query(
      `SELECT id, status, amount_fen AS "amountFen", member_id AS "memberId", organisation_id AS "organisationId", kind, large
           FROM fee_payment WHERE out_trade_no = $1 FOR UPDATE`,
      [outTradeNo],
    );
    const r = rows[0];
    return r ? { ...r, amountFen: fenFromDb(r.amountFen) } : null;
  }

  async markPaid(em: EntityManager, id: string, p: { paidAt: Date; transactionId: string | null }) {
    await em.query(
      `UPDATE fee_payment SET status = 'paid', paid_at = $2, transaction_id = $3, updated_at = now(),
              receipt_no = 'DF' || to_char($2::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYY') || '-' || lpad(nextval('fee_receipt_seq')::text, 6, '0')
        WHERE id = $1`,
      [id, p.paidAt, p.transactionId],
    );
  }

  async markProblem(em: EntityManager, id: string, status: 'refund_due' | 'failed', problem: string, transactionId: string | null = null) {
    await em.query(`UPDATE fee_payment SET status = $2, problem = $3, transaction_id = COALESCE($4, transaction_id), updated_at = now() WHERE id = $1`, [
      id,
      status,
      problem,
      transactionId,
    ]);
  }

  async paymentById(id: string, em?: EntityManager): Promise<PaymentRow | null> {
    const rows: PaymentRow[] = await this.m(em).query(`SELECT ${PAYMENT_COLUMNS} FROM fee_payment p ${PAYMENT_JOINS} WHERE p.id = $1`, [id]);
    return rows[0] ? paymentRow(rows[0]) : null;
  }

  /** The organisation path a payment belongs to (for the access check). */
  async paymentOrgPath(id: string): Promise<{ orgPath: string; memberId: string; payerMemberId: string | null; forwardOrgPath: string | null } | null> {
    const rows = await this.db.query(
      `SELECT o.path::text AS "orgPath", p.member_id AS "memberId", p.payer_member_id AS "payerMemberId", fo.path::text AS "forwardOrgPath"
         FROM fee_payment p JOIN organisation o ON o.id = p.organisation_id LEFT JOIN organisation fo ON fo.id = p.forward_org_id WHERE p.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async paymentsPage(
    f: {
      orgPath?: string;
      forwardOrgPath?: string;
      memberId?: string;
      status?: FeePaymentStatus;
      method?: FeePaymentMethod;
      large?: boolean;
      acknowledged?: boolean;
      from?: string;
      to?: string;
    },
    limit: number,
    offset: number,
  ): Promise<{ rows: PaymentRow[]; total: number }> {
    const params: unknown[] = [];
    const conds: string[] = [];
    if (f.orgPath) conds.push(`p.organisation_id IN (${SUBTREE_ORGS(`$${params.push(f.orgPath)}`)})`);
    if (f.forwardOrgPath) conds.push(`p.large AND p.forward_org_id IN (${SUBTREE_ORGS(`$${params.push(f.forwardOrgPath)}`)})`);
    if (f.memberId) conds.push(`(p.member_id = $${params.push(f.memberId)} OR p.payer_member_id = $${params.length})`);
    if (f.status) conds.push(`p.status = $${params.push(f.status)}`);
    if (f.method) conds.push(`p.method = $${params.push(f.method)}`);
    if (f.large !== undefined) conds.push(f.large ? 'p.large' : 'NOT p.large');
    if (f.acknowledged !== undefined) conds.push(f.acknowledged ? 'p.forward_ack_at IS NOT NULL' : 'p.forward_ack_at IS NULL');
    if (f.from) conds.push(`p.created_at >= ($${params.push(f.from)}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
    if (f.to) conds.push(`p.created_at < ($${params.push(f.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`);
    const where = conds.length ? conds.join(' AND ') : 'true';
    const [rows, count] = await Promise.all([
      this.db.query(
        `SELECT ${PAYMENT_COLUMNS} FROM fee_payment p ${PAYMENT_JOINS} WHERE ${where} ORDER BY p.created_at DESC, p.id LIMIT ${limit} OFFSET ${offset}`,
        params,
      ),
      this.db.query(`SELECT count(*)::int AS n FROM fee_payment p WHERE ${where}`, params),
    ]);
    return { rows: (rows as PaymentRow[]).map(paymentRow), total: (count as Array<{ n: number }>)[0]!.n };
  }

  /** F5: the committee above a branch that receives its 大额党费 (the nearest ancestor that is a 党委, else the parent). */
  async forwardOrgFor(orgId: string, em?: EntityManager): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.m(em).query(
      `SELECT a.id FROM organisation o JOIN organisation a ON o.path <@ a.path AND a.id <> o.id
        WHERE o.id = $1 ORDER BY (a.kind = 'committee') DESC, nlevel(a.path) DESC LIMIT 1`,
      [orgId],
    );
    return rows[0]?.id ?? null;
  }

  async acknowledgeLarge(em: EntityManager, id: string, byName: string, note: string | null): Promise<boolean> {
    const res = await em.query(
      `UPDATE fee_payment SET forward_ack_at = now(), forward_ack_by_name = $2, forward_ack_note = $3, updated_at = now()
        WHERE id = $1 AND large AND forward_ack_at IS NULL`,
      [id, byName, note],
    );
    return rowCount(res) === 1;
  }

  async openidOfMember(memberId: string): Promise<string | null> {
    const rows: Array<{ openid: string | null }> = await this.db.query(
      `SELECT wx_openid AS openid FROM user_account WHERE member_id = $1 AND disabled_at IS NULL`,
      [memberId],
    );
    return rows[0]?.openid ?? null;
  }

  /**
   * Records a handled notification id with its outcome. A duplicate (same id) inserts nothing and
   * gets the first outcome back, so it is answered the same way and never applied again.
   */
  async rememberNotification(
    em: EntityManager,
    n: { id: string; outTradeNo: string | null; eventType: string; outcome: string },
  ): Promise<{ fresh: boolean; outcome: string }> {
    const rows: unknown[] = await em.query(
      `INSERT INTO fee_wechat_notification (id, out_trade_no, event_type, outcome) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [n.id, n.outTradeNo, n.eventType, n.outcome],
    );
    if (rows.length === 1) return { fresh: true, outcome: n.outcome };
    const seen: Array<{ outcome: string }> = await em.query(`SELECT outcome FROM fee_wechat_notification WHERE id = $1`, [n.id]);
    return { fresh: false, outcome: seen[0]?.outcome ?? 'applied' };
  }

  async setNotificationOutcome(em: EntityManager, id: string, outcome: string) {
    await em.query(`UPDATE fee_wechat_notification SET outcome = $2 WHERE id = $1`, [id, outcome]);
  }

  // ---- 代缴 agreements ----

  async insertProxy(
    em: EntityManager,
    p: { memberId: string; payerMemberId: string; organisationId: string; decidedOn: string; note: string; recordedBy: string; recordedByName: string },
  ) {
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO fee_proxy_agreement (member_id, payer_member_id, organisation_id, decided_on, note, recorded_by, recorded_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [p.memberId, p.payerMemberId, p.organisationId, p.decidedOn, p.note, p.recordedBy, p.recordedByName],
    );
    return rows[0]!.id;
  }

  async proxyById(id: string, em?: EntityManager): Promise<ProxyRow | null> {
    const rows: ProxyRow[] = await this.m(em).query(`SELECT ${PROXY_COLUMNS} FROM fee_proxy_agreement a ${PROXY_JOINS} WHERE a.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async activeProxy(memberId: string, payerMemberId: string, em?: EntityManager): Promise<ProxyRow | null> {
    const rows: ProxyRow[] = await this.m(em).query(
      `SELECT ${PROXY_COLUMNS} FROM fee_proxy_agreement a ${PROXY_JOINS} WHERE a.member_id = $1 AND a.payer_member_id = $2 AND a.revoked_at IS NULL`,
      [memberId, payerMemberId],
    );
    return rows[0] ?? null;
  }

  async proxiesForPayer(payerMemberId: string): Promise<ProxyRow[]> {
    return this.db.query(
      `SELECT ${PROXY_COLUMNS} FROM fee_proxy_agreement a ${PROXY_JOINS} WHERE a.payer_member_id = $1 AND a.revoked_at IS NULL ORDER BY m.name`,
      [payerMemberId],
    );
  }

  async proxiesPage(orgPath: string, active: boolean | undefined, limit: number, offset: number): Promise<{ rows: ProxyRow[]; total: number }> {
    const where = `a.organisation_id IN (${SUBTREE_ORGS('$1')})${active === undefined ? '' : active ? ' AND a.revoked_at IS NULL' : ' AND a.revoked_at IS NOT NULL'}`;
    const [rows, count] = await Promise.all([
      this.db.query(
        `SELECT ${PROXY_COLUMNS} FROM fee_proxy_agreement a ${PROXY_JOINS} WHERE ${where} ORDER BY a.created_at DESC LIMIT ${limit} OFFSET ${offset}`,
        [orgPath],
      ),
      this.db.query(`SELECT count(*)::int AS n FROM fee_proxy_agreement a WHERE ${where}`, [orgPath]),
    ]);
    return { rows: rows as ProxyRow[], total: (count as Array<{ n: number }>)[0]!.n };
  }

  async revokeProxy(em: EntityManager, id: string): Promise<boolean> {
    const res = await em.query(`UPDATE fee_proxy_agreement SET revoked_at = now(), updated_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
    return rowCount(res) === 1;
  }

  // ---- reliefs (F7) ----

  async reliefOverlaps(em: EntityManager, memberId: string, from: string, to: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `SELECT 1 FROM fee_relief WHERE member_id = $1 AND status IN ('pending','approved') AND from_month <= $3::date AND to_month >= $2::date LIMIT 1`,
      [memberId, monthDate(from), monthDate(to)],
    );
    return rows.length > 0;
  }

  async insertRelief(
    em: EntityManager,
    r: {
      memberId: string;
      organisationId: string;
      kind: FeeReliefKind;
      fromMonth: string;
      toMonth: string;
      reducedFen: number | null;
      reason: string;
      branchDecidedOn: string;
      branchDecision: string;
      requestedBy: string;
      requestedByName: string;
    },
  ): Promise<string> {
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO fee_relief (member_id, organisation_id, kind, from_month, to_month, reduced_fen, reason, branch_decided_on, branch_decision, requested_by, requested_by_name)
       VALUES ($1, $2, $3, $4::date, $5::date, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        r.memberId,
        r.organisationId,
        r.kind,
        monthDate(r.fromMonth),
        monthDate(r.toMonth),
        r.reducedFen,
        r.reason,
        r.branchDecidedOn,
        r.branchDecision,
        r.requestedBy,
        r.requestedByName,
      ],
    );
    return rows[0]!.id;
  }

  async reliefById(id: string, em?: EntityManager, lock = false): Promise<ReliefRow | null> {
    const rows: ReliefRow[] = await this.m(em).query(
      `SELECT ${RELIEF_COLUMNS} FROM fee_relief r ${RELIEF_JOINS} WHERE r.id = $1 ${lock ? 'FOR UPDATE OF r' : ''}`,
      [id],
    );
    return rows[0] ? reliefRow(rows[0]) : null;
  }

  async reliefsPage(orgPath: string, status: FeeReliefStatus | undefined, limit: number, offset: number): Promise<{ rows: ReliefRow[]; total: number }> {
    const params: unknown[] = [orgPath];
    const where = `r.organisation_id IN (${SUBTREE_ORGS('$1')})${status ? ` AND r.status = $${params.push(status)}` : ''}`;
    const [rows, count] = await Promise.all([
      this.db.query(
        `SELECT ${RELIEF_COLUMNS} FROM fee_relief r ${RELIEF_JOINS} WHERE ${where} ORDER BY r.created_at DESC LIMIT ${limit} OFFSET ${offset}`,
        params,
      ),
      this.db.query(`SELECT count(*)::int AS n FROM fee_relief r WHERE ${where}`, params),
    ]);
    return { rows: (rows as ReliefRow[]).map(reliefRow), total: (count as Array<{ n: number }>)[0]!.n };
  }

  async decideRelief(em: EntityManager, id: string, d: { status: 'approved' | 'rejected'; by: string; byName: string; orgId: string; note: string }) {
    await em.query(
      `UPDATE fee_relief SET status = $2, decided_by = $3, decided_by_name = $4, deciding_org_id = $5, decision_note = $6, decided_at = now(), updated_at = now() WHERE id = $1`,
      [id, d.status, d.by, d.byName, d.orgId, d.note],
    );
  }

  /** F7 approved: the member's unpaid bills in the range become exempt, or due at the reduced amount. */
  async applyRelief(
    em: EntityManager,
    r: { id: string; memberId: string; kind: FeeReliefKind; fromMonth: string; toMonth: string; reducedFen: number | null },
  ): Promise<number> {
    const res = await em.query(
      `UPDATE fee_bill SET relief_id = $1,
              status = CASE WHEN $4 = 'exempt' THEN 'exempt' ELSE 'unpaid' END,
              amount_due_fen = CASE WHEN $4 = 'exempt' THEN 0 ELSE least($5::int8, standard_fen) END
        WHERE member_id = $2 AND month BETWEEN $3::date AND $6::date AND status = 'unpaid'`,
      [r.id, r.memberId, monthDate(r.fromMonth), r.kind, r.reducedFen, monthDate(r.toMonth)],
    );
    return rowCount(res);
  }

  /** F7: pending reliefs of organisations strictly below one of `roots`, oldest first (the to-do list). */
  pendingReliefsBelow(roots: string[]): Promise<Array<{ id: string; name: string; org_id: string; org_name: string; kind: FeeReliefKind }>> {
    return this.db.query(
      `SELECT r.id, m.name, o.id AS org_id, o.name AS org_name, r.kind
         FROM fee_relief r JOIN member m ON m.id = r.member_id JOIN organisation o ON o.id = r.organisation_id
        WHERE r.status = 'pending' AND EXISTS (SELECT 1 FROM unnest($1::ltree[]) AS g(p) WHERE o.path <@ g.p AND o.path <> g.p)
        ORDER BY r.created_at LIMIT 100`,
      [roots],
    );
  }
}

import {
  FEE_BILL_STATUS_LABEL,
  FEE_PAYMENT_METHOD_LABEL,
  FEE_PAYMENT_STATUS_LABEL,
  monthPayability,
  rateBp,
  type CollectionRow,
  type FeeBill,
  type FeeComputation,
  type FeePayment,
  type FeePolicy,
  type FeeRelief,
  type FeeStandard,
  type ProxyAgreement,
} from '@dangjian/shared';
import type { PaymentRow, ProxyRow, ReliefRow } from './fee-payments.repository.js';
import type { AggregateRow, BillRow, StandardRow } from './fees.repository.js';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function mapStandard(s: StandardRow): FeeStandard {
  return {
    id: s.id,
    memberId: s.memberId,
    year: s.year,
    effectiveMonth: s.effectiveMonth,
    category: s.category,
    baseFen: s.baseFen,
    farmerAmountFen: s.farmerAmountFen,
    voluntaryMonthlyFen: s.voluntaryMonthlyFen,
    monthlyFeeFen: s.monthlyFeeFen,
    computation: s.computation as unknown as FeeComputation,
    note: s.note,
    recordedBy: s.recordedByName,
    updatedAt: iso(s.updatedAt)!,
  };
}

export function mapBill(b: BillRow, currentMonth: string, policy: FeePolicy): FeeBill {
  return {
    id: b.id,
    memberId: b.memberId,
    memberName: b.memberName,
    orgId: b.orgId,
    orgName: b.orgName,
    month: b.month,
    category: b.category,
    rule: b.rule,
    baseFen: b.baseFen,
    standardFen: b.standardFen,
    amountDueFen: b.amountDueFen,
    status: b.status,
    statusLabel: FEE_BILL_STATUS_LABEL[b.status],
    paidAt: iso(b.paidAt),
    paymentId: b.paymentId,
    receiptNo: b.receiptNo,
    reliefId: b.reliefId,
    payable: b.status === 'unpaid' ? monthPayability(b.month, currentMonth, policy) : null,
  };
}

export function mapPayment(p: PaymentRow): FeePayment {
  return {
    id: p.id,
    receiptNo: p.receiptNo,
    kind: p.kind,
    member: { id: p.memberId, name: p.memberName },
    payer: p.payerMemberId ? { id: p.payerMemberId, name: p.payerName ?? '' } : null,
    proxyAgreementId: p.proxyAgreementId,
    orgId: p.orgId,
    orgName: p.orgName,
    method: p.method,
    methodLabel: FEE_PAYMENT_METHOD_LABEL[p.method],
    status: p.status,
    statusLabel: FEE_PAYMENT_STATUS_LABEL[p.status],
    amountFen: p.amountFen,
    voluntaryFen: p.voluntaryFen,
    large: p.large,
    forward: p.forwardOrgId
      ? {
          org: { id: p.forwardOrgId, name: p.forwardOrgName ?? '' },
          acknowledgedAt: iso(p.forwardAckAt),
          acknowledgedBy: p.forwardAckByName,
          note: p.forwardAckNote,
        }
      : null,
    bills: p.bills,
    paidAt: iso(p.paidAt),
    recordedBy: p.recordedByName,
    note: p.note,
    outTradeNo: p.outTradeNo,
    transactionId: p.transactionId,
    problem: p.problem,
    createdAt: iso(p.createdAt)!,
  };
}

export function mapProxy(a: ProxyRow): ProxyAgreement {
  return {
    id: a.id,
    member: { id: a.memberId, name: a.memberName },
    payer: { id: a.payerMemberId, name: a.payerName },
    decidedOn: a.decidedOn,
    note: a.note,
    active: a.revokedAt === null,
    recordedBy: a.recordedByName,
    createdAt: iso(a.createdAt)!,
    revokedAt: iso(a.revokedAt),
  };
}

export function mapRelief(r: ReliefRow): FeeRelief {
  return {
    id: r.id,
    member: { id: r.memberId, name: r.memberName },
    org: { id: r.orgId, name: r.orgName },
    kind: r.kind,
    fromMonth: r.fromMonth,
    toMonth: r.toMonth,
    reducedFen: r.reducedFen,
    reason: r.reason,
    branchDecidedOn: r.branchDecidedOn,
    branchDecision: r.branchDecision,
    status: r.status,
    requestedBy: r.requestedByName,
    requestedAt: iso(r.createdAt)!,
    decidedBy: r.decidedByName,
    decidedAt: iso(r.decidedAt),
    decidingOrg: r.decidingOrgId ? { id: r.decidingOrgId, name: r.decidingOrgName ?? '' } : null,
    decisionNote: r.decisionNote,
  };
}

const EMPTY: AggregateRow = { path: '', bills: 0, dueFen: 0, paidFen: 0, settled: 0, paid: 0, reduced: 0, exempt: 0 };

export function mapCollection(org: { id: string; name: string; kind: string; parentId: string | null }, a: AggregateRow = EMPTY): CollectionRow {
  return {
    org: { id: org.id, name: org.name, kind: org.kind, parentId: org.parentId },
    bills: a.bills,
    dueFen: a.dueFen,
    paidFen: a.paidFen,
    settled: a.settled,
    paid: a.paid,
    reduced: a.reduced,
    exempt: a.exempt,
    unpaid: a.bills - a.settled,
    amountRateBp: rateBp(a.paidFen, a.dueFen),
    countRateBp: rateBp(a.settled, a.bills),
  };
}

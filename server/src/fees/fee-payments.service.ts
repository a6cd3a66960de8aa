import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  chinaMonth,
  chinaToday,
  FeeAuditAction,
  FeeErrorCode,
  formatMonthCn,
  formatYuan,
  isLargePayment,
  monthPayability,
  sumFen,
  voluntaryPartFen,
  type AcknowledgeLargePaymentDto,
  type CreateOnlineOrderDto,
  type FeePayment,
  type FeePaymentListQuery,
  type FeePaymentPage,
  type LargePaymentListQuery,
  type OnlineOrder,
  type PageQuery,
  type RecordPaymentDto,
  type WechatPayNotifyAck,
} from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { FeePaymentsRepository, type LockedBill } from './fee-payments.repository.js';
import { FeePolicyProvider } from './fee-policy.js';
import { mapPayment } from './fee.mappers.js';
import {
  amountMismatch,
  backpayLimit,
  billNotOfMember,
  billSettled,
  demoOnly,
  feeError,
  largeAlreadyAcknowledged,
  notLargePayment,
  notLinked,
  notPayableYet,
  nothingDue,
  onlinePayUnavailable,
  paymentNotPending,
  proxyAgreementRequired,
  wechatNotBound,
} from './fees.errors.js';
import { FeesRepository } from './fees.repository.js';
import { WechatPayGateway } from './wechat-pay/wechat-pay.gateway.js';

/** An online order is payable for this long (WeChat Pay time_expire). */
const ORDER_TTL_MS = 30 * 60_000;

type Payer = { payerMemberId: string | null; proxyAgreementId: string | null };

/** Payments (F5): recorded by the fee worker, or online through WeChat Pay; 大额党费 forwarded upward. */
@Injectable()
export class FeePaymentsService {
  private readonly log = new Logger('FeePayments');

  constructor(
    private readonly repo: FeePaymentsRepository,
    private readonly fees: FeesRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly policies: FeePolicyProvider,
    private readonly gateway: WechatPayGateway,
  ) {}

  private get policy() {
    return this.policies.policy;
  }

  /**
   * A payment the fee worker collected (cash or transfer). The bills are locked first, so of two
   * concurrent payments of one bill exactly one succeeds and the other is told it is settled.
   */
  async record(auth: AuthContext, dto: RecordPaymentDto): Promise<FeePayment> {
    const orgPath = await this.access.requireMember(auth, 'fee.manage', dto.memberId);
    if (dto.paidOn && dto.paidOn > chinaToday()) throw feeError(FeeErrorCode.INPUT_INVALID, '交费日期不能晚于今天');
    const id = await this.repo.transaction(async (em) => {
      const member = (await this.fees.member(dto.memberId, em))!;
      const payer = await this.payer(em, dto.memberId, dto.payerMemberId, dto.proxyAgreementId);
      let bills: LockedBill[] = [];
      let amountFen = dto.amountFen;
      if (dto.kind === 'bills') {
        bills = await this.payableBills(em, dto.memberId, dto.billIds);
        amountFen = sumFen(bills.map((b) => b.amountDueFen));
        if (amountFen === 0) throw nothingDue();
        if (amountFen !== dto.amountFen) throw amountMismatch(amountFen, dto.amountFen);
      }
      const voluntaryFen = voluntaryPartFen({ kind: dto.kind, amountFen, bills });
      const large = isLargePayment(voluntaryFen, this.policy);
      const paidAt = dto.paidOn && dto.paidOn !== chinaToday() ? new Date(`${dto.paidOn}T12:00:00+08:00`) : new Date();
      const paymentId = await this.repo.insertPayment(
        em,
        {
          kind: dto.kind,
          memberId: dto.memberId,
          ...payer,
          organisationId: member.organisationId,
          method: dto.method,
          status: 'paid',
          amountFen,
          voluntaryFen,
          large,
          forwardOrgId: large ? await this.repo.forwardOrgFor(member.organisationId, em) : null,
          paidAt,
          recordedBy: auth.userId,
          recordedByName: auth.displayName,
          note: dto.note ?? null,
          outTradeNo: null,
        },
        bills.map((b) => b.id),
      );
      if (
        bills.length &&
        (await this.repo.settleBills(
          em,
          paymentId,
          bills.map((b) => b.id),
          paidAt,
        )) !== bills.length
      )
        throw billSettled(bills.map((b) => b.month));
      await this.audit.record(
        auth,
        {
          action: FeeAuditAction.PAYMENT_RECORD,
          objectType: 'fee_payment',
          objectId: paymentId,
          orgPath,
          details: { memberId: dto.memberId, kind: dto.kind, method: dto.method, amountFen, months: bills.map((b) => b.month), large, ...payer },
        },
        em,
      );
      return paymentId;
    });
    return mapPayment((await this.repo.paymentById(id))!);
  }

  /** Locks the bills and checks them: the member's, unpaid, and payable now (F5: at most 6 months back, never ahead). */
  private async payableBills(em: EntityManager, memberId: string, ids: string[]): Promise<LockedBill[]> {
    const unique = [...new Set(ids)];
    const bills = await this.repo.lockBills(em, unique);
    if (bills.length !== unique.length) throw notFound('账单');
    if (bills.some((b) => b.memberId !== memberId)) throw billNotOfMember();
    const settled = bills.filter((b) => b.status !== 'unpaid');
    if (settled.length) throw billSettled(settled.map((b) => b.month));
    const current = chinaMonth();
    const tooOld = bills.filter((b) => monthPayability(b.month, current, this.policy) === 'too_old');
    if (tooOld.length)
      throw backpayLimit(
        tooOld.map((b) => b.month),
        this.policy.backPaymentMaxMonths,
      );
    const future = bills.filter((b) => monthPayability(b.month, current, this.policy) === 'future');
    if (future.length) throw notPayableYet(future.map((b) => b.month));
    return bills;
  }

  /** 代缴: another member pays only under an active agreement the branch recorded. */
  private async payer(em: EntityManager, memberId: string, payerMemberId: string | undefined, agreementId: string | undefined): Promise<Payer> {
    if (!payerMemberId || payerMemberId === memberId) {
      if (agreementId) throw proxyAgreementRequired();
      return { payerMemberId: null, proxyAgreementId: null };
    }
    const agreement = await this.repo.activeProxy(memberId, payerMemberId, em);
    if (!agreement || (agreementId && agreement.id !== agreementId)) throw proxyAgreementRequired();
    return { payerMemberId, proxyAgreementId: agreement.id };
  }

  // ---- online (WeChat Pay JSAPI) ----

  /**
   * The member — or a member paying for them under a 代缴 agreement — places an order: the bills are
   * checked like a recorded payment but stay unpaid until the verified notification arrives.
   */
  async createOnlineOrder(auth: AuthContext, dto: CreateOnlineOrderDto): Promise<OnlineOrder> {
    if (this.gateway.mode === 'unavailable') throw onlinePayUnavailable();
    if (!auth.memberId) throw notLinked();
    const memberId = dto.memberId ?? auth.memberId;
    let payer: Payer = { payerMemberId: null, proxyAgreementId: null };
    if (memberId !== auth.memberId) {
      const agreement = await this.repo.activeProxy(memberId, auth.memberId);
      if (!agreement) throw forbidden('只能为本人或经党支部同意代缴的党员交纳党费');
      payer = { payerMemberId: auth.memberId, proxyAgreementId: agreement.id };
    }
    const openid = this.gateway.mode === 'wechat' ? await this.repo.openidOfMember(auth.memberId) : null;
    if (this.gateway.mode === 'wechat' && !openid) throw wechatNotBound();
    const outTradeNo = newOutTradeNo();
    const { id, description, amountFen } = await this.repo.transaction(async (em) => {
      const member = await this.fees.member(memberId, em);
      if (!member) throw notFound('党员');
      let bills: LockedBill[] = [];
      let amount: number;
      if (dto.kind === 'bills') {
        bills = await this.payableBills(em, memberId, dto.billIds);
        amount = sumFen(bills.map((b) => b.amountDueFen));
        if (amount === 0) throw nothingDue();
      } else {
        amount = dto.amountFen;
      }
      const voluntaryFen = voluntaryPartFen({ kind: dto.kind, amountFen: amount, bills });
      const large = isLargePayment(voluntaryFen, this.policy);
      const paymentId = await this.repo.insertPayment(
        em,
        {
          kind: dto.kind,
          memberId,
          ...payer,
          organisationId: member.organisationId,
          method: this.gateway.mode === 'demo' ? 'demo' : 'wechat',
          status: 'pending',
          amountFen: amount,
          voluntaryFen,
          large,
          forwardOrgId: large ? await this.repo.forwardOrgFor(member.organisationId, em) : null,
          paidAt: null,
          recordedBy: auth.userId,
          recordedByName: auth.displayName,
          note: null,
          outTradeNo,
        },
        bills.map((b) => b.id),
      );
      await this.audit.record(
        auth,
        {
          action: FeeAuditAction.ONLINE_ORDER,
          objectType: 'fee_payment',
          objectId: paymentId,
          orgPath: member.orgPath,
          details: { outTradeNo, amountFen: amount, months: bills.map((b) => b.month) },
        },
        em,
      );
      const what = bills.length ? `${formatMonthCn(bills[0]!.month)}${bills.length > 1 ? `等 ${bills.length} 个月` : ''}党费` : '自愿交纳党费';
      return { id: paymentId, description: `${what}（${member.name}）`.slice(0, 120), amountFen: amount };
    });
    let prepayId: string;
    try {
      prepayId = await this.gateway.createJsapiOrder({ outTradeNo, description, amountFen, openid, expiresAt: new Date(Date.now() + ORDER_TTL_MS) });
    } catch (err) {
      await this.repo.transaction((em) => this.repo.markProblem(em, id, 'failed', (err as Error).message));
      throw err;
    }
    return {
      payment: mapPayment((await this.repo.paymentById(id))!),
      demo: this.gateway.mode === 'demo',
      requestPayment: this.gateway.requestPayment(prepayId),
    };
  }

  /**
   * WeChat Pay's notification, verified (signature over the exact body, fresh timestamp) and
   * decrypted, then applied once: a duplicate id is answered as the first time; a paid order stays
   * paid; an amount that differs from the order or the bills is refused and audited; money for bills
   * settled meanwhile is kept for refund, never applied twice.
   */
  async handleNotification(headers: Record<string, string | string[] | undefined>, rawBody: string): Promise<{ status: number; body: WechatPayNotifyAck }> {
    const v = this.gateway.verifyNotification(headers, rawBody);
    if (!v.ok) {
      this.log.warn(`WeChat Pay notification refused: ${v.reason}`);
      return { status: v.reason === 'body' || v.reason === 'transaction' ? 400 : 401, body: { code: 'FAIL', message: '验签失败或通知无效' } };
    }
    const t = v.transaction;
    if (!t || t.trade_state !== 'SUCCESS') {
      await this.repo.transaction((em) =>
        this.repo.rememberNotification(em, { id: v.id, outTradeNo: t?.out_trade_no ?? null, eventType: v.eventType, outcome: 'ignored' }),
      );
      return { status: 200, body: { code: 'SUCCESS' } };
    }
    const outcome = await this.repo.transaction(async (em) => {
      const seen = await this.repo.rememberNotification(em, { id: v.id, outTradeNo: t.out_trade_no, eventType: v.eventType, outcome: 'pending' });
      if (!seen.fresh) return seen.outcome;
      const result = await this.apply(em, t.out_trade_no, t.transaction_id, t.amount.total, t.success_time ? new Date(t.success_time) : new Date());
      await this.repo.setNotificationOutcome(em, v.id, result);
      return result;
    });
    if (outcome === 'amount_mismatch') return { status: 400, body: { code: 'FAIL', message: '金额与订单不符' } };
    if (outcome === 'unknown_order') return { status: 404, body: { code: 'FAIL', message: '订单不存在' } };
    return { status: 200, body: { code: 'SUCCESS' } };
  }

  private async apply(em: EntityManager, outTradeNo: string, transactionId: string, totalFen: number, paidAt: Date): Promise<string> {
    const p = await this.repo.lockPaymentByTradeNo(em, outTradeNo);
    if (!p) {
      this.log.warn(`WeChat Pay notification for an unknown order ${outTradeNo}`);
      return 'unknown_order';
    }
    if (p.status === 'paid' || p.status === 'refund_due') return 'already';
    const payment = (await this.repo.paymentById(p.id, em))!;
    const billIds = await this.repo.paymentBillIds(em, p.id);
    const bills = billIds.length ? await this.repo.lockBills(em, billIds) : [];
    const due = p.kind === 'bills' ? sumFen(bills.map((b) => b.amountDueFen)) : p.amountFen;
    if (totalFen !== p.amountFen || totalFen !== due) {
      const problem = `金额不符：订单 ${formatYuan(p.amountFen)} 元，账单应交 ${formatYuan(due)} 元，实付 ${formatYuan(totalFen)} 元`;
      await this.repo.markProblem(em, p.id, 'refund_due', problem, transactionId);
      await this.audit.record(
        null,
        {
          action: FeeAuditAction.AMOUNT_MISMATCH,
          objectType: 'fee_payment',
          objectId: p.id,
          orgPath: payment.orgPath,
          details: { outTradeNo, transactionId, orderFen: p.amountFen, dueFen: due, paidFen: totalFen },
        },
        em,
      );
      return 'amount_mismatch';
    }
    const settledMeanwhile = bills.filter((b) => b.status !== 'unpaid');
    if (settledMeanwhile.length) {
      const problem = `${settledMeanwhile.map((b) => formatMonthCn(b.month)).join('、')}的党费已由其他方式结清，本笔款项待退款`;
      await this.repo.markProblem(em, p.id, 'refund_due', problem, transactionId);
      await this.audit.record(
        null,
        {
          action: FeeAuditAction.REFUND_DUE,
          objectType: 'fee_payment',
          objectId: p.id,
          orgPath: payment.orgPath,
          details: { outTradeNo, transactionId, months: settledMeanwhile.map((b) => b.month) },
        },
        em,
      );
      return 'refund_due';
    }
    if (bills.length) await this.repo.settleBills(em, p.id, billIds, paidAt);
    await this.repo.markPaid(em, p.id, { paidAt, transactionId });
    await this.audit.record(
      null,
      {
        action: FeeAuditAction.ONLINE_PAID,
        objectType: 'fee_payment',
        objectId: p.id,
        orgPath: payment.orgPath,
        details: { outTradeNo, transactionId, amountFen: totalFen },
      },
      em,
    );
    return 'applied';
  }

  /** DEMO_MODE only: "pay" a pending order through the very notification code WeChat Pay would reach. */
  async demoPay(auth: AuthContext, paymentId: string): Promise<FeePayment> {
    if (this.gateway.mode !== 'demo') throw demoOnly();
    const p = await this.repo.paymentById(paymentId);
    if (!p || (p.memberId !== auth.memberId && p.payerMemberId !== auth.memberId)) throw p ? forbidden() : notFound('订单');
    if (p.status !== 'pending' || !p.outTradeNo) throw paymentNotPending();
    const n = this.gateway.demoNotification({ outTradeNo: p.outTradeNo, amountFen: p.amountFen, openid: null });
    await this.handleNotification(n.headers, n.body);
    return mapPayment((await this.repo.paymentById(paymentId))!);
  }

  // ---- reading ----

  /** One payment (a receipt): its member or payer, fee readers of its organisation, and the committee a large one went to. */
  async get(auth: AuthContext, id: string): Promise<FeePayment> {
    const ref = await this.repo.paymentOrgPath(id);
    if (!ref) throw this.access.scopes(auth, 'fee.read').length || auth.memberId ? notFound('交费记录') : forbidden();
    const own = auth.memberId !== null && (auth.memberId === ref.memberId || auth.memberId === ref.payerMemberId);
    if (!own && !this.access.can(auth, 'fee.read', ref.orgPath) && !(ref.forwardOrgPath && this.access.can(auth, 'fee.read', ref.forwardOrgPath)))
      throw forbidden();
    return mapPayment((await this.repo.paymentById(id))!);
  }

  async list(auth: AuthContext, q: FeePaymentListQuery): Promise<FeePaymentPage> {
    const orgPath = await this.access.requireOrg(auth, 'fee.read', q.orgId);
    const { rows, total } = await this.repo.paymentsPage(
      { orgPath, status: q.status, method: q.method, large: q.large, from: q.from, to: q.to },
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    return { items: rows.map(mapPayment), total, page: q.page, pageSize: q.pageSize };
  }

  /** A member's payments and receipts, including those they paid for others (代缴). */
  async ofMember(auth: AuthContext, memberId: string, q: PageQuery): Promise<FeePaymentPage> {
    await this.access.requireMember(auth, 'fee.read', memberId, true);
    const { rows, total } = await this.repo.paymentsPage({ memberId }, q.pageSize, (q.page - 1) * q.pageSize);
    return { items: rows.map(mapPayment), total, page: q.page, pageSize: q.pageSize };
  }

  /** F5: 大额党费 forwarded to committees in the subtree of `orgId` (the committee above sees its branches'). */
  async largePayments(auth: AuthContext, q: LargePaymentListQuery): Promise<FeePaymentPage> {
    const orgPath = await this.access.requireOrg(auth, 'fee.read', q.orgId);
    const { rows, total } = await this.repo.paymentsPage(
      { forwardOrgPath: orgPath, status: 'paid', acknowledged: q.acknowledged },
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    return { items: rows.map(mapPayment), total, page: q.page, pageSize: q.pageSize };
  }

  /** F5: the committee above confirms it received a 大额党费 payment. */
  async acknowledgeLarge(auth: AuthContext, id: string, dto: AcknowledgeLargePaymentDto): Promise<FeePayment> {
    const ref = await this.repo.paymentOrgPath(id);
    if (!ref) throw notFound('交费记录');
    if (!ref.forwardOrgPath) throw notLargePayment();
    this.access.assert(auth, 'fee.manage', ref.forwardOrgPath);
    await this.repo.transaction(async (em) => {
      const p = (await this.repo.paymentById(id, em))!;
      if (!p.large || p.status !== 'paid') throw notLargePayment();
      if (!(await this.repo.acknowledgeLarge(em, id, auth.displayName, dto.note ?? null))) throw largeAlreadyAcknowledged();
      await this.audit.record(
        auth,
        { action: FeeAuditAction.LARGE_ACKNOWLEDGE, objectType: 'fee_payment', objectId: id, orgPath: ref.forwardOrgPath, details: { note: dto.note ?? null } },
        em,
      );
    });
    return mapPayment((await this.repo.paymentById(id))!);
  }
}

/** Our order number: DJ + China time to the second + 12 random hex characters (28 of WeChat's 32). */
function newOutTradeNo(now: Date = new Date()): string {
  const stamp = new Date(now.getTime() + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14);
  return `DJ${stamp}${randomBytes(6).toString('hex')}`;
}

import { Injectable } from '@nestjs/common';
import {
  addMonths,
  chinaMonth,
  FeeAuditAction,
  feesPaidUntil,
  isSettled,
  firstBillableMonth,
  firstBillableOffset,
  formatMonthCn,
  monthIndex,
  monthPayability,
  type FeeBillListQuery,
  type FeeBillPage,
  type FeesPaidUntil,
  type GenerateBillsDto,
  type GenerateBillsResult,
  type MemberBillsQuery,
  type MyFees,
} from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { notFound } from '../common/domain-error.js';
import { FeePaymentsRepository } from './fee-payments.repository.js';
import { FeePolicyProvider } from './fee-policy.js';
import { mapBill, mapStandard } from './fee.mappers.js';
import { monthInFuture, notLinked } from './fees.errors.js';
import { FeesRepository } from './fees.repository.js';
import { WechatPayGateway } from './wechat-pay/wechat-pay.gateway.js';

/** Monthly bills, the member's own view, and "fees paid until" (T3). */
@Injectable()
export class FeeBillsService {
  constructor(
    private readonly repo: FeesRepository,
    private readonly payments: FeePaymentsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly policies: FeePolicyProvider,
    private readonly gateway: WechatPayGateway,
  ) {}

  private get policy() {
    return this.policies.policy;
  }

  /**
   * One month's bills for every member of a subtree, idempotently (a second run makes none). Never
   * for a month that has not begun.
   */
  async generate(auth: AuthContext, dto: GenerateBillsDto): Promise<GenerateBillsResult> {
    const orgPath = await this.access.requireOrg(auth, 'fee.manage', dto.orgId);
    if (monthIndex(dto.month) > monthIndex(chinaMonth())) throw monthInFuture(dto.month);
    const offset = firstBillableOffset(this.policy);
    const created = await this.repo.transaction(async (em) => {
      const n = await this.repo.generate(em, { orgPath, from: dto.month, to: dto.month, firstMonthOffset: offset });
      await this.audit.record(
        auth,
        { action: FeeAuditAction.BILLS_GENERATE, objectType: 'organisation', objectId: dto.orgId, orgPath, details: { month: dto.month, created: n } },
        em,
      );
      return n;
    });
    const missingStandard = await this.repo.countMissingStandard(orgPath, dto.month, offset);
    return { month: dto.month, created, missingStandard };
  }

  async list(auth: AuthContext, q: FeeBillListQuery): Promise<FeeBillPage> {
    const orgPath = await this.access.requireOrg(auth, 'fee.read', q.orgId);
    const { rows, total } = await this.repo.billsPage({ orgPath, month: q.month, status: q.status }, q.pageSize, (q.page - 1) * q.pageSize);
    const current = chinaMonth();
    return { items: rows.map((b) => mapBill(b, current, this.policy)), total, page: q.page, pageSize: q.pageSize };
  }

  /** A member's bills, newest first (members read their own). */
  async ofMember(auth: AuthContext, memberId: string, q: MemberBillsQuery): Promise<FeeBillPage> {
    await this.access.requireMember(auth, 'fee.read', memberId, true);
    const { rows, total } = await this.repo.billsOfMember(memberId, { year: q.year, status: q.status, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    const current = chinaMonth();
    return { items: rows.map((b) => mapBill(b, current, this.policy)), total, page: q.page, pageSize: q.pageSize };
  }

  async paidUntil(auth: AuthContext, memberId: string): Promise<FeesPaidUntil> {
    await this.access.requireMember(auth, 'fee.read', memberId, true);
    return this.paidUntilFor(memberId);
  }

  /**
   * T3 "党费已交到 YYYY年MM月" for the transfer module (no access check: the caller has made it).
   * The member's missing bills up to this month are made first, so a month never billed cannot
   * pass for paid. Pass the transfer's transaction to read inside it.
   */
  async paidUntilFor(memberId: string, em?: EntityManager): Promise<FeesPaidUntil> {
    return (await this.feeStateFor(memberId, em)).paidUntil;
  }

  /** `paidUntilFor` with the months settled (paid, reduced, exempt), so T3 never counts one of them as owed. */
  async feeStateFor(memberId: string, em?: EntityManager): Promise<{ paidUntil: FeesPaidUntil; settledMonths: string[] }> {
    const member = await this.repo.member(memberId, em);
    if (!member) throw notFound('党员');
    const current = chinaMonth();
    if (em) await this.ensureMemberBills(em, memberId, member.joinDate, current);
    else await this.repo.transaction((tx) => this.ensureMemberBills(tx, memberId, member.joinDate, current));
    const bills = await this.repo.billMonths(memberId, em);
    const until = feesPaidUntil(bills);
    const unsettled = bills
      .filter((b) => b.status === 'unpaid')
      .map((b) => ({ billId: b.id, month: b.month, amountDueFen: b.amountDueFen, payable: monthPayability(b.month, current, this.policy) }));
    const paidUntil: FeesPaidUntil = {
      memberId,
      memberName: member.name,
      paidUntil: until,
      text: until ? `党费已交到 ${formatMonthCn(until)}` : '无已交党费记录',
      currentMonth: current,
      paidThroughCurrentMonth: until !== null && monthIndex(until) >= monthIndex(current),
      unsettled,
    };
    return { paidUntil, settledMonths: bills.filter((b) => isSettled(b.status)).map((b) => b.month) };
  }

  /** The member's bills up to `through`, as far back as back-payment reaches (F5); idempotent. */
  async ensureMemberBills(em: EntityManager, memberId: string, joinDate: string, through: string): Promise<number> {
    const oldest = addMonths(through, -this.policy.backPaymentMaxMonths);
    const first = firstBillableMonth(joinDate, this.policy);
    const from = monthIndex(first) > monthIndex(oldest) ? first : oldest;
    if (monthIndex(from) > monthIndex(through)) return 0;
    return this.repo.generate(em, { memberId, from, to: through, firstMonthOffset: firstBillableOffset(this.policy) });
  }

  /** The signed-in member's fees: this month, what is unpaid, paid-until, and whom they may pay for (代缴). */
  async mine(auth: AuthContext): Promise<MyFees> {
    if (!auth.memberId) throw notLinked();
    const memberId = auth.memberId;
    const member = await this.repo.member(memberId);
    if (!member) throw notLinked();
    const current = chinaMonth();
    const paidUntil = await this.paidUntilFor(memberId);
    const [standard, recent, unpaid, proxies] = await Promise.all([
      this.repo.standardInForce(memberId, current),
      this.repo.billsOfMember(memberId, { limit: 1 }),
      this.repo.billsOfMember(memberId, { status: 'unpaid' }),
      this.payments.proxiesForPayer(memberId),
    ]);
    const proxyFor = await Promise.all(
      proxies.map(async (a) => {
        await this.repo.transaction(async (em) => {
          const m = await this.repo.member(a.memberId, em);
          if (m) await this.ensureMemberBills(em, a.memberId, m.joinDate, current);
        });
        const bills = await this.repo.billsOfMember(a.memberId, { status: 'unpaid' });
        return { agreementId: a.id, member: { id: a.memberId, name: a.memberName }, unpaid: bills.rows.reverse().map((b) => mapBill(b, current, this.policy)) };
      }),
    );
    const currentBill = recent.rows[0]?.month === current ? mapBill(recent.rows[0], current, this.policy) : null;
    return {
      member: { id: member.id, name: member.name, orgId: member.organisationId, orgName: member.orgName },
      currentMonth: current,
      standard: standard ? mapStandard(standard) : null,
      currentBill,
      unpaid: unpaid.rows.reverse().map((b) => mapBill(b, current, this.policy)),
      paidUntil,
      onlinePay: this.gateway.mode,
      proxyFor,
    };
  }
}

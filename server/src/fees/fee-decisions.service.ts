import { Injectable } from '@nestjs/common';
import {
  chinaMonth,
  FeeAuditAction,
  formatYuan,
  type CreateFeeReliefDto,
  type CreateProxyAgreementDto,
  type DecideFeeReliefDto,
  type FeeRelief,
  type FeeReliefListQuery,
  type FeeReliefPage,
  type ProxyAgreement,
  type ProxyAgreementListQuery,
  type ProxyAgreementPage,
  ROLE_PERMISSIONS,
} from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { FeePaymentsRepository } from './fee-payments.repository.js';
import { mapProxy, mapRelief } from './fee.mappers.js';
import {
  proxyExists,
  proxyNotSameBranch,
  proxyRevoked,
  proxySelf,
  reliefAmountInvalid,
  reliefApproverNotHigher,
  reliefNotPending,
  reliefOverlap,
  reliefSelfApproval,
} from './fees.errors.js';
import { FeesRepository } from './fees.repository.js';

/** Decisions the branch records: 代缴 agreements, and 少交/免交 with higher approval (F7). */
@Injectable()
export class FeeDecisionsService {
  constructor(
    private readonly repo: FeePaymentsRepository,
    private readonly fees: FeesRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  // ---- 代缴 agreements ----

  /** The branch agrees that `payer` pays the member's fees; the payer must be a member the fee worker can see. */
  async createProxy(auth: AuthContext, dto: CreateProxyAgreementDto): Promise<ProxyAgreement> {
    const orgPath = await this.access.requireMember(auth, 'fee.manage', dto.memberId);
    if (dto.payerMemberId === dto.memberId) throw proxySelf();
    const payer = await this.fees.member(dto.payerMemberId);
    if (!payer || !this.access.can(auth, 'fee.read', payer.orgPath)) throw proxyNotSameBranch();
    const id = await this.repo.transaction(async (em) => {
      const member = (await this.fees.member(dto.memberId, em))!;
      if (await this.repo.activeProxy(dto.memberId, dto.payerMemberId, em)) throw proxyExists();
      let agreementId: string;
      try {
        agreementId = await this.repo.insertProxy(em, {
          ...dto,
          organisationId: member.organisationId,
          recordedBy: auth.userId,
          recordedByName: auth.displayName,
        });
      } catch (err) {
        if ((err as { code?: string }).code === '23505') throw proxyExists();
        throw err;
      }
      await this.audit.record(
        auth,
        {
          action: FeeAuditAction.PROXY_CREATE,
          objectType: 'fee_proxy_agreement',
          objectId: agreementId,
          orgPath,
          details: { memberId: dto.memberId, payerMemberId: dto.payerMemberId, decidedOn: dto.decidedOn },
        },
        em,
      );
      return agreementId;
    });
    return mapProxy((await this.repo.proxyById(id))!);
  }

  async revokeProxy(auth: AuthContext, id: string): Promise<ProxyAgreement> {
    const a = await this.repo.proxyById(id);
    if (!a) throw this.access.scopes(auth, 'fee.manage').length ? notFound('代缴约定') : forbidden();
    this.access.assert(auth, 'fee.manage', a.orgPath);
    await this.repo.transaction(async (em) => {
      if (!(await this.repo.revokeProxy(em, id))) throw proxyRevoked();
      await this.audit.record(auth, { action: FeeAuditAction.PROXY_REVOKE, objectType: 'fee_proxy_agreement', objectId: id, orgPath: a.orgPath }, em);
    });
    return mapProxy((await this.repo.proxyById(id))!);
  }

  async listProxies(auth: AuthContext, q: ProxyAgreementListQuery): Promise<ProxyAgreementPage> {
    const orgPath = await this.access.requireOrg(auth, 'fee.read', q.orgId);
    const { rows, total } = await this.repo.proxiesPage(orgPath, q.active, q.pageSize, (q.page - 1) * q.pageSize);
    return { items: rows.map(mapProxy), total, page: q.page, pageSize: q.pageSize };
  }

  // ---- F7 reliefs ----

  /** The branch records its decision (少交 to an amount, or 免交) for a range of months; it waits for higher approval. */
  async createRelief(auth: AuthContext, dto: CreateFeeReliefDto): Promise<FeeRelief> {
    const orgPath = await this.access.requireMember(auth, 'fee.manage', dto.memberId);
    const id = await this.repo.transaction(async (em) => {
      const member = (await this.fees.member(dto.memberId, em))!;
      await this.fees.lockMember(member.id, em);
      if (dto.kind === 'reduce') {
        if (!dto.reducedFen) throw reliefAmountInvalid('少交金额须大于 0；不交请选择免交');
        const standard = await this.fees.standardInForce(member.id, dto.fromMonth < chinaMonth() ? dto.fromMonth : chinaMonth(), em);
        if (standard && dto.reducedFen >= standard.standardFen) {
          throw reliefAmountInvalid(`少交后的金额须低于按规定应交的 ${formatYuan(standard.standardFen)} 元`);
        }
      }
      if (await this.repo.reliefOverlaps(em, member.id, dto.fromMonth, dto.toMonth)) throw reliefOverlap();
      const reliefId = await this.repo.insertRelief(em, {
        memberId: member.id,
        organisationId: member.organisationId,
        kind: dto.kind,
        fromMonth: dto.fromMonth,
        toMonth: dto.toMonth,
        reducedFen: dto.kind === 'reduce' ? (dto.reducedFen ?? null) : null,
        reason: dto.reason,
        branchDecidedOn: dto.branchDecidedOn,
        branchDecision: dto.branchDecision,
        requestedBy: auth.userId,
        requestedByName: auth.displayName,
      });
      await this.audit.record(
        auth,
        {
          action: FeeAuditAction.RELIEF_REQUEST,
          objectType: 'fee_relief',
          objectId: reliefId,
          orgPath,
          details: { memberId: member.id, kind: dto.kind, fromMonth: dto.fromMonth, toMonth: dto.toMonth, reducedFen: dto.reducedFen ?? null },
        },
        em,
      );
      return reliefId;
    });
    return mapRelief((await this.repo.reliefById(id))!);
  }

  /**
   * F7: the higher organisation approves. The approver needs fee.manage on an organisation strictly
   * above the member's branch, and may not approve a request they made. Approval applies the relief
   * to the unpaid bills of the range, in the same transaction (later bills get it when made).
   */
  async approve(auth: AuthContext, id: string, dto: DecideFeeReliefDto): Promise<FeeRelief> {
    return this.decide(auth, id, dto, 'approved');
  }

  async reject(auth: AuthContext, id: string, dto: DecideFeeReliefDto): Promise<FeeRelief> {
    return this.decide(auth, id, dto, 'rejected');
  }

  private async decide(auth: AuthContext, id: string, dto: DecideFeeReliefDto, status: 'approved' | 'rejected'): Promise<FeeRelief> {
    const found = await this.repo.reliefById(id);
    if (!found) throw this.access.scopes(auth, 'fee.manage').length ? notFound('减免申请') : forbidden();
    const higher = auth.grants.find(
      (g) => ROLE_PERMISSIONS[g.role].includes('fee.manage') && isWithin(found.orgPath, g.orgPath) && found.orgPath !== g.orgPath,
    );
    if (!higher) throw this.access.can(auth, 'fee.manage', found.orgPath) ? reliefApproverNotHigher() : forbidden();
    if (found.requestedBy === auth.userId) throw reliefSelfApproval();
    await this.repo.transaction(async (em) => {
      const r = (await this.repo.reliefById(id, em, true))!;
      if (r.status !== 'pending') throw reliefNotPending();
      await this.repo.decideRelief(em, id, { status, by: auth.userId, byName: auth.displayName, orgId: higher.orgId, note: dto.note });
      const bills = status === 'approved' ? await this.repo.applyRelief(em, r) : 0;
      await this.audit.record(
        auth,
        {
          action: status === 'approved' ? FeeAuditAction.RELIEF_APPROVE : FeeAuditAction.RELIEF_REJECT,
          objectType: 'fee_relief',
          objectId: id,
          orgPath: r.orgPath,
          details: { note: dto.note, decidingOrgId: higher.orgId, billsAffected: bills },
        },
        em,
      );
    });
    return mapRelief((await this.repo.reliefById(id))!);
  }

  async listReliefs(auth: AuthContext, q: FeeReliefListQuery): Promise<FeeReliefPage> {
    const orgPath = await this.access.requireOrg(auth, 'fee.read', q.orgId);
    const { rows, total } = await this.repo.reliefsPage(orgPath, q.status, q.pageSize, (q.page - 1) * q.pageSize);
    return { items: rows.map(mapRelief), total, page: q.page, pageSize: q.pageSize };
  }
}

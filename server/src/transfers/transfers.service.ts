import { Injectable } from '@nestjs/common';
import {
  availableTransferActions,
  awaitingActor,
  chinaToday,
  checkTransferStep,
  isOpenTransferState,
  TRANSFER_ACTION_LABEL,
  TRANSFER_ACTOR_LABEL,
  TRANSFER_KIND_LABEL,
  TRANSFER_STATE_LABEL,
  transferDueOn,
  type CreateTransferDto,
  type MobileHostQuery,
  type PageQuery,
  type StoredTransferState,
  type Transfer,
  type TransferAction,
  type TransferActor,
  type TransferFees,
  type TransferListItem,
  type TransferListPage,
  type TransferQueuePage,
  type TransferQueueQuery,
  type TransferStepDto,
  type TransferDestinationPage,
  type TransferDestinationQuery,
} from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { Clock } from '../common/clock.js';
import { departed } from '../members/members.errors.js';
import { MembersService } from '../members/members.service.js';
import { WorkflowEngine } from '../common/workflow.js';
import { TransferAccess } from './transfer-access.js';
import { TransferFeesService } from './transfer-fees.service.js';
import { TransferLettersService } from './transfer-letters.service.js';
import { awaitingPath, TransferWorkflow } from './transfer.workflow.js';
import { TransfersRepository, type OrgRow, type TransferRecord, type TransferRow } from './transfers.repository.js';
import { alreadyOpen, assignOrgInvalid, noCommittee, notLinked, notYourStep, TEMPORARY_NOT_A_DESTINATION } from './transfers.errors.js';

const isUniqueViolation = (err: unknown, constraint: string) =>
  (err as { code?: string; constraint?: string }).code === '23505' && (err as { constraint?: string }).constraint === constraint;
const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * Relationship transfers (T1–T8): starting one, every step through the per-kind transition table,
 * the member's move at acceptance (T5), the queues. Every step is one transaction with the transfer
 * row locked: step row, audit row and notifications commit together or not at all.
 */
@Injectable()
export class TransfersService {
  constructor(
    private readonly repo: TransfersRepository,
    private readonly access: AccessService,
    private readonly gate: TransferAccess,
    private readonly fees: TransferFeesService,
    private readonly members: MembersService,
    private readonly letters: TransferLettersService,
    private readonly clock: Clock,
    private readonly engine: WorkflowEngine,
    private readonly workflow: TransferWorkflow,
  ) {}

  // ---------------------------------------------------------------------------------------------
  // Start

  private sealedPhone(phone: string | null | undefined) {
    const s = this.members.sealPhone(phone);
    return { memberPhoneEnc: s.phoneEnc, memberPhoneMasked: s.phoneMasked };
  }

  async create(auth: AuthContext, dto: CreateTransferDto): Promise<Transfer> {
    if (dto.kind === 'inbound') return this.registerInbound(auth, dto);
    const memberId = dto.memberId ?? auth.memberId;
    if (!memberId) throw notLinked();
    const self = memberId === auth.memberId;
    // The member applies for themself; otherwise the sending branch (transfer.manage over the member) initiates.
    if (!self) await this.access.requireMember(auth, 'transfer.manage', memberId);
    const id = await this.repo.transaction(async (em) => {
      const m = await this.repo.member(memberId, em, true);
      if (!m) throw notFound('党员');
      if (m.leftAt) throw departed();
      const fromCommittee = await this.repo.committeeOf(m.orgPath, em);
      if (!fromCommittee) throw noCommittee(m.orgName);
      const to = await this.destination(em, dto, m.organisationId);
      const action: TransferAction = self ? 'apply' : 'initiate';
      const check = checkTransferStep({ kind: dto.kind, state: 'new', action, actors: [self ? 'member' : 'sending_branch'] });
      if (!check.ok) throw notYourStep();
      const base = { fromOrgPath: m.orgPath, fromCommitteePath: fromCommittee.path, toCommitteePath: to.committee?.path ?? null };
      const awaiting = awaitingActor(dto.kind, check.to);
      let transferId: string;
      try {
        transferId = await this.repo.insert(em, {
          kind: dto.kind,
          state: check.to,
          memberId: m.id,
          memberName: m.name,
          startedBy: self ? 'member' : 'branch',
          applicantUserId: auth.userId,
          fromOrgId: m.organisationId,
          fromOrgPath: m.orgPath,
          fromCommitteeId: fromCommittee.id,
          fromCommitteePath: fromCommittee.path,
          fromOrgName: m.orgName,
          toOrgId: to.org?.id ?? null,
          toOrgPath: to.org?.path ?? null,
          toCommitteeId: to.committee?.id ?? null,
          toCommitteePath: to.committee?.path ?? null,
          toOrgName: to.name,
          reason: dto.reason,
          validityDays: dto.validityDays,
          // M4: the member's own number is copied sealed as it is (same key and binding), never opened here.
          ...(dto.memberPhone ? this.sealedPhone(dto.memberPhone) : { memberPhoneEnc: m.phoneEnc, memberPhoneMasked: m.phoneMasked }),
          paperLetterNumber: null,
          awaiting,
          awaitingPath: awaitingPath(base, awaiting),
          dueOn: null,
          acceptedAt: null,
        });
      } catch (err) {
        if (isUniqueViolation(err, 'UQ_transfer_open_member')) throw alreadyOpen();
        throw err;
      }
      await this.recordCreation(em, auth, transferId, action, check.to, self ? 'member' : 'sending_branch');
      return transferId;
    });
    return this.get(auth, id);
  }

  /** Inbound (T1): the receiving committee registers a member arriving with a paper letter, in a branch of its own. */
  private async registerInbound(auth: AuthContext, dto: Extract<CreateTransferDto, { kind: 'inbound' }>): Promise<Transfer> {
    const branchPath = await this.access.requireOrg(auth, 'transfer.manage', dto.member.orgId);
    this.access.assert(auth, 'member.manage', branchPath);
    const id = await this.repo.transaction(async (em) => {
      const branch = (await this.repo.org(dto.member.orgId, em))!;
      if (branch.kind !== 'branch') throw assignOrgInvalid();
      if (branch.isTemporary) throw assignOrgInvalid(TEMPORARY_NOT_A_DESTINATION);
      const committee = await this.repo.committeeOf(branch.path, em);
      if (!committee) throw noCommittee(branch.name);
      // The receiving 基层党委 registers (T2), not the branch alone.
      this.access.assert(auth, 'transfer.manage', committee.path);
      const memberId = await this.members.createIn(em, auth, dto.member);
      const check = checkTransferStep({ kind: 'inbound', state: 'new', action: 'register', actors: ['receiving_committee'] });
      if (!check.ok) throw notYourStep();
      const now = this.clock.now();
      const transferId = await this.repo.insert(em, {
        kind: 'inbound',
        state: check.to,
        memberId,
        memberName: dto.member.name,
        startedBy: 'committee',
        applicantUserId: auth.userId,
        fromOrgId: null,
        fromOrgPath: null,
        fromCommitteeId: null,
        fromCommitteePath: null,
        fromOrgName: dto.fromOrgName,
        toOrgId: branch.id,
        toOrgPath: branch.path,
        toCommitteeId: committee.id,
        toCommitteePath: committee.path,
        toOrgName: branch.name,
        reason: dto.reason ?? null,
        validityDays: 30,
        ...this.sealedPhone(dto.member.phone),
        paperLetterNumber: dto.paperLetterNumber,
        awaiting: awaitingActor('inbound', check.to),
        awaitingPath: null,
        dueOn: transferDueOn(check.to, { acceptedOn: chinaToday(now) }),
        acceptedAt: now,
      });
      await this.recordCreation(em, auth, transferId, 'register', check.to, 'receiving_committee', dto.reason);
      return transferId;
    });
    return this.get(auth, id);
  }

  /** Where the member is going: an organisation on the platform (internal, mobile) or a name elsewhere. */
  private async destination(
    em: EntityManager,
    dto: Exclude<CreateTransferDto, { kind: 'inbound' }>,
    fromOrgId: string,
  ): Promise<{ org: OrgRow | null; committee: OrgRow | null; name: string }> {
    if (dto.kind === 'outbound' || dto.kind === 'certificate') return { org: null, committee: null, name: dto.toOrgName };
    return this.workflow.platformDestination(em, dto.toOrgId, fromOrgId);
  }

  // ---------------------------------------------------------------------------------------------
  // Steps

  /** One step through the workflow engine (TransferWorkflow: guards and effects per action); the transfer after commit. */
  async step(auth: AuthContext, id: string, dto: TransferStepDto): Promise<Transfer> {
    await this.engine.run(this.workflow.definition, { auth, id, action: dto.action, input: dto });
    return this.get(auth, id);
  }

  /** The creating step's row, audit entry and notifications, as the engine writes them for every later step. */
  private async recordCreation(
    em: EntityManager,
    auth: AuthContext,
    transferId: string,
    action: TransferAction,
    to: StoredTransferState,
    actor: TransferActor,
    reason?: string,
  ) {
    const t = (await this.repo.find(transferId, em))!;
    const subject = { t, actors: [actor] };
    await this.engine.record(
      this.workflow.definition,
      { tx: em, auth, subject, action, input: { reason }, from: 'new', to, now: this.clock.now() },
      to,
      subject,
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  /** The transfer if the caller may see it: the member, the applicant, or either side with transfer.read. */
  visible(auth: AuthContext, id: string): Promise<TransferRecord> {
    return this.gate.visible(auth, id);
  }

  async get(auth: AuthContext, id: string): Promise<Transfer> {
    const t = await this.gate.visible(auth, id);
    const actors = this.gate.actorsOf(auth, t);
    const [steps, letter, fees] = await Promise.all([
      this.repo.steps(id),
      this.repo.letterOf(id),
      t.kind !== 'inbound' && ['pending_branch', 'pending_committee', 'returned'].includes(t.state) ? this.feesOf(t.memberId) : Promise.resolve(null),
    ]);
    return {
      ...this.item(t),
      startedBy: t.startedBy,
      reason: t.reason,
      validityDays: t.validityDays,
      fromCommittee: t.fromCommitteeId ? { id: t.fromCommitteeId, name: t.fromCommitteeName! } : null,
      toCommittee: t.toCommitteeId ? { id: t.toCommitteeId, name: t.toCommitteeName! } : null,
      // M4: masked; the full number is printed on the sending side's copy of the letter (audited).
      memberPhone: t.memberPhoneMasked,
      acceptedAt: iso(t.acceptedAt),
      receiptAt: iso(t.receiptAt),
      reportedAt: iso(t.reportedAt),
      paperLetterNumber: t.paperLetterNumber,
      letter: letter ? this.letters.summary(letter, chinaToday(this.clock.now())) : null,
      fees,
      myActors: actors,
      availableActions: availableTransferActions(t.kind, t.state, actors),
      steps: steps.map((s) => ({
        id: s.id,
        action: s.action,
        actionLabel: TRANSFER_ACTION_LABEL[s.action],
        fromState: s.fromState as Transfer['steps'][number]['fromState'],
        toState: s.toState as Transfer['steps'][number]['toState'],
        actor: s.actor,
        actorName: s.actorName,
        reason: s.reason,
        at: s.at.toISOString(),
      })),
    };
  }

  item(t: TransferRow): TransferListItem {
    const today = chinaToday(this.clock.now());
    return {
      id: t.id,
      kind: t.kind,
      kindLabel: TRANSFER_KIND_LABEL[t.kind],
      state: t.state,
      stateLabel: TRANSFER_STATE_LABEL[t.state],
      member: { id: t.memberId, name: t.memberName },
      fromOrg: t.fromOrgId ? { id: t.fromOrgId, name: t.fromOrgName } : null,
      toOrg: t.toOrgId ? { id: t.toOrgId, name: t.toOrgName } : null,
      toOrgName: t.toOrgName,
      fromOrgName: t.fromOrgId ? null : t.fromOrgName,
      awaiting: t.awaiting,
      awaitingLabel: t.awaiting ? TRANSFER_ACTOR_LABEL[t.awaiting] : null,
      dueOn: t.dueOn,
      overdue: t.dueOn !== null && isOpenTransferState(t.state) && t.dueOn < today,
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
    };
  }

  async queue(auth: AuthContext, q: TransferQueueQuery): Promise<TransferQueuePage> {
    const roots = q.orgId ? [await this.access.requireOrg(auth, 'transfer.read', q.orgId)] : this.access.scopes(auth, 'transfer.read');
    if (roots.length === 0) throw forbidden();
    const rootIds = q.orgId ? [q.orgId] : auth.grants.filter((g) => roots.includes(g.orgPath)).map((g) => g.orgId);
    const { rows, counts } = await this.repo.queue({
      rootIds: [...new Set(rootIds)],
      queue: q.queue,
      today: chinaToday(this.clock.now()),
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: rows.map((r) => this.item(r)), total: counts[q.queue], page: q.page, pageSize: q.pageSize, counts };
  }

  async mine(auth: AuthContext, q: PageQuery): Promise<TransferListPage> {
    const { rows, total } = await this.repo.ofMember({ memberId: auth.memberId, userId: auth.userId, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    return { items: rows.map((r) => this.item(r)), total, page: q.page, pageSize: q.pageSize };
  }

  async mobileHosted(auth: AuthContext, q: MobileHostQuery): Promise<TransferListPage> {
    const root = await this.access.requireOrg(auth, 'transfer.read', q.orgId);
    const { rows, total } = await this.repo.mobileHosted({ root, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    return { items: rows.map((r) => this.item(r)), total, page: q.page, pageSize: q.pageSize };
  }

  /** Destinations a member may name (any signed-in user): branches and 基层党委 on the platform, not the caller's own. */
  async destinations(auth: AuthContext, q: TransferDestinationQuery): Promise<TransferDestinationPage> {
    const { rows, total } = await this.repo.destinations({
      q: q.q ?? null,
      exclude: auth.memberOrg?.id ?? null,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: rows, total, page: q.page, pageSize: q.pageSize };
  }

  /** T3 before applying: the member themself, or whoever reads transfers over the member. */
  async feesCheck(auth: AuthContext, memberId: string | undefined): Promise<TransferFees> {
    const id = memberId ?? auth.memberId;
    if (!id) throw notLinked();
    if (id !== auth.memberId) await this.access.requireMember(auth, 'transfer.read', id);
    return this.feesOf(id);
  }

  /** T3: paid-until from the fees module, what is owed through this month, and where to pay. */
  feesOf(memberId: string): Promise<TransferFees> {
    return this.fees.of(memberId);
  }
}

import { Injectable } from '@nestjs/common';
import {
  availableTransferActions,
  awaitingActor,
  chinaMonth,
  chinaToday,
  checkTransferStep,
  FEES_PAY_PAGE,
  isOpenTransferState,
  monthsOwedForTransfer,
  resubmitTarget,
  TRANSFER_ACTION_LABEL,
  TRANSFER_ACTOR_LABEL,
  TRANSFER_KIND_LABEL,
  TRANSFER_STATE_LABEL,
  transferDueOn,
  TransferErrorCode,
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
import type { AuthContext } from '../access/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { FeeBillsService } from '../fees/fee-bills.service.js';
import { Clock } from '../common/clock.js';
import { MeetingsRepository } from '../meetings/meetings.repository.js';
import { departed } from '../members/members.errors.js';
import { MembersService } from '../members/members.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { TransferLettersService } from './transfer-letters.service.js';
import { TRANSFER_MANAGING_ROLES, TransfersRepository, type OrgRow, type TransferRecord, type TransferRow } from './transfers.repository.js';
import {
  alreadyOpen,
  assignOrgInvalid,
  editsNotAllowed,
  feesUnpaid,
  noCommittee,
  notLinked,
  notYourStep,
  reasonRequired,
  sameOrganisation,
  stepOutOfOrder,
} from './transfers.errors.js';

const isUniqueViolation = (err: unknown, constraint: string) => (err as { code?: string; constraint?: string }).code === '23505' && (err as { constraint?: string }).constraint === constraint;
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The organisation whose workers act next (null: the member, the applicant, or nobody). */
function awaitingPath(t: Pick<TransferRow, 'fromOrgPath' | 'fromCommitteePath' | 'toCommitteePath'>, actor: TransferActor | null): string | null {
  if (actor === 'sending_branch') return t.fromOrgPath;
  if (actor === 'sending_committee') return t.fromCommitteePath;
  if (actor === 'receiving_committee') return t.toCommitteePath;
  return null;
}

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
    private readonly audit: AuditService,
    private readonly fees: FeeBillsService,
    private readonly members: MembersService,
    private readonly notifications: NotificationsService,
    private readonly letters: TransferLettersService,
    private readonly clock: Clock,
    private readonly meetings: MeetingsRepository,
  ) {}

  // ---------------------------------------------------------------------------------------------
  // Start

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
          memberPhone: dto.memberPhone ?? m.phone,
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
      await this.recordStep(em, auth, { id: transferId, kind: dto.kind, memberId: m.id, memberName: m.name, ...base, applicantUserId: auth.userId }, action, 'new', check.to, self ? 'member' : 'sending_branch', null);
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
        memberPhone: dto.member.phone ?? null,
        paperLetterNumber: dto.paperLetterNumber,
        awaiting: awaitingActor('inbound', check.to),
        awaitingPath: null,
        dueOn: transferDueOn(check.to, { acceptedOn: chinaToday(now) }),
        acceptedAt: now,
      });
      const t = { id: transferId, kind: 'inbound' as const, memberId, memberName: dto.member.name, fromOrgPath: null, fromCommitteePath: null, toCommitteePath: committee.path, applicantUserId: auth.userId };
      await this.recordStep(em, auth, t, 'register', 'new', check.to, 'receiving_committee', dto.reason ?? null);
      return transferId;
    });
    return this.get(auth, id);
  }

  /** Where the member is going: an organisation on the platform (internal, mobile) or a name elsewhere. */
  private async destination(em: EntityManager, dto: Exclude<CreateTransferDto, { kind: 'inbound' }>, fromOrgId: string): Promise<{ org: OrgRow | null; committee: OrgRow | null; name: string }> {
    if (dto.kind === 'outbound' || dto.kind === 'certificate') return { org: null, committee: null, name: dto.toOrgName };
    return this.platformDestination(em, dto.toOrgId, fromOrgId);
  }

  private async platformDestination(em: EntityManager, toOrgId: string, fromOrgId: string) {
    if (toOrgId === fromOrgId) throw sameOrganisation();
    const org = await this.repo.org(toOrgId, em);
    if (!org) throw notFound('转入组织');
    if (org.kind === 'group') throw assignOrgInvalid();
    const committee = await this.repo.committeeOf(org.path, em);
    if (!committee) throw noCommittee(org.name);
    return { org, committee, name: org.name };
  }

  // ---------------------------------------------------------------------------------------------
  // Steps

  async step(auth: AuthContext, id: string, dto: TransferStepDto): Promise<Transfer> {
    await this.repo.transaction(async (em) => {
      const t = await this.visible(auth, id, em, true);
      const actors = this.actorsOf(auth, t);
      const target = dto.action === 'resubmit' ? resubmitTarget(t.startedBy === 'member' ? 'member' : 'branch') : undefined;
      const check = checkTransferStep({ kind: t.kind, state: t.state, action: dto.action, actors, reason: dto.reason, target });
      if (!check.ok) {
        if (check.code === TransferErrorCode.STEP_OUT_OF_ORDER) throw stepOutOfOrder(t.state, availableTransferActions(t.kind, t.state, actors));
        if (check.code === TransferErrorCode.NOT_YOUR_STEP) throw notYourStep();
        throw reasonRequired();
      }
      if (dto.edits && dto.action !== 'resubmit') throw editsNotAllowed();
      const actor = actors.find((a) => checkTransferStep({ kind: t.kind, state: t.state, action: dto.action, actors: [a], reason: dto.reason, target }).ok)!;
      const now = this.clock.now();
      const today = chinaToday(now);
      const changes: Partial<TransferRow> = { state: check.to };

      switch (dto.action) {
        case 'approve': {
          // T3: fees paid through the month of transfer-out, read inside this transaction.
          const fees = await this.feesOf(t.memberId, em);
          if (!fees.paidThroughTransferMonth) throw feesUnpaid(fees);
          if (dto.validityDays) changes.validityDays = dto.validityDays;
          const letter = await this.letters.issue(em, { ...t, validityDays: dto.validityDays ?? t.validityDays }, { fees, today, handledBy: auth.displayName });
          changes.dueOn = check.to === 'letter_issued' ? letter.validUntil : null;
          break;
        }
        case 'accept': {
          const branch = await this.assignedBranch(em, t, dto.assignOrgId);
          Object.assign(changes, { toOrgId: branch.id, toOrgPath: branch.path, toOrgName: branch.name, acceptedAt: now, dueOn: transferDueOn('accepted', { acceptedOn: today }) });
          // T5: the relationship moves now, in this transaction, with the member's row locked (mobile: M2, it does not move).
          await this.moveMember(em, auth, t, branch, now);
          await this.repo.markLetter(em, t.id, 'used');
          break;
        }
        case 'record_receipt':
          changes.receiptAt = now;
          if (t.kind === 'outbound') {
            await this.repo.markLetter(em, t.id, 'used');
            // The member leaves the platform once the receipt is back: never "no organisation" before (T5).
            await this.members.departIn(em, auth, t.memberId, 'transferred_out', now, `组织关系转出至${t.toOrgName}（回执已收到）`);
            await this.meetings.dropFromUpcoming(em, t.memberId, now);
          }
          break;
        case 'report':
          changes.reportedAt = now;
          break;
        case 'refuse':
        case 'withdraw':
          await this.repo.markLetter(em, t.id, 'revoked');
          break;
        case 'resubmit':
          if (dto.edits) Object.assign(changes, await this.applyEdits(em, t, dto.edits));
          break;
        case 'branch_agree':
        case 'return':
          break;
      }
      if (!isOpenTransferState(check.to)) Object.assign(changes, { closedAt: now, dueOn: null });
      else if (check.to !== 'letter_issued' && check.to !== 'accepted') changes.dueOn = null;
      const merged = { ...t, ...changes } as TransferRecord;
      const awaiting = isOpenTransferState(check.to) ? awaitingActor(t.kind, check.to) : null;
      changes.awaiting = awaiting;
      changes.awaitingPath = awaitingPath(merged, awaiting);
      await this.repo.update(em, t.id, changes);
      await this.recordStep(em, auth, merged, dto.action, t.state, check.to, actor, dto.reason?.trim() || null);
    });
    return this.get(auth, id);
  }

  /** accept: a branch under the receiving committee (the transfer's own when it already names one). */
  private async assignedBranch(em: EntityManager, t: TransferRecord, assignOrgId: string | undefined): Promise<OrgRow> {
    const id = assignOrgId ?? t.toOrgId;
    const org = id ? await this.repo.org(id, em) : null;
    const under = (p: string, root: string) => p === root || p.startsWith(`${root}.`);
    if (!org || org.kind !== 'branch' || !t.toCommitteePath || !under(org.path, t.toCommitteePath)) throw assignOrgInvalid();
    if (t.kind === 'internal' && org.id === t.fromOrgId) throw sameOrganisation();
    return org;
  }

  /** T5 / M2: one organisation at every moment — the move is a single UPDATE in the step's transaction. */
  private async moveMember(em: EntityManager, auth: AuthContext, t: TransferRecord, branch: OrgRow, now: Date) {
    const m = (await this.repo.member(t.memberId, em, true))!;
    if (t.kind === 'mobile') {
      if (!m.flags.includes('mobile')) {
        await em.query(`UPDATE member SET flags = array_append(flags, 'mobile'), updated_at = $2 WHERE id = $1`, [m.id, now]);
        await this.statusChange(em, auth, m.id, 'flag:mobile', 'false', 'true', `流动党员登记：${branch.name}`);
      }
      return;
    }
    await em.query(`UPDATE member SET organisation_id = $2, group_id = NULL, updated_at = $3 WHERE id = $1`, [m.id, branch.id, now]);
    await this.statusChange(em, auth, m.id, 'organisation', m.organisationId, branch.id, `组织关系转接（${TRANSFER_KIND_LABEL[t.kind]}）`);
    await this.audit.record(auth, { action: 'member.transfer', objectType: 'member', objectId: m.id, orgPath: branch.path, details: { transferId: t.id, from: m.organisationId, to: branch.id } }, em);
  }

  private statusChange(em: EntityManager, auth: AuthContext, memberId: string, field: string, from: string, to: string, reason: string) {
    return em.query(`INSERT INTO member_status_change (member_id, field, from_value, to_value, reason, changed_by) VALUES ($1,$2,$3,$4,$5,$6)`, [memberId, field, from, to, reason, auth.userId]);
  }

  private async applyEdits(em: EntityManager, t: TransferRecord, edits: NonNullable<TransferStepDto['edits']>): Promise<Partial<TransferRow>> {
    const out: Partial<TransferRow> = {};
    if (edits.reason) out.reason = edits.reason;
    if (edits.validityDays) out.validityDays = edits.validityDays;
    if (edits.toOrgId && (t.kind === 'internal' || t.kind === 'mobile')) {
      const to = await this.platformDestination(em, edits.toOrgId, t.fromOrgId!);
      Object.assign(out, { toOrgId: to.org.id, toOrgPath: to.org.path, toCommitteeId: to.committee.id, toCommitteePath: to.committee.path, toOrgName: to.name });
    }
    if (edits.toOrgName && (t.kind === 'outbound' || t.kind === 'certificate')) out.toOrgName = edits.toOrgName;
    return out;
  }

  /** The step row, its audit row and the notifications of who must act next: all in `em`. */
  private async recordStep(
    em: EntityManager,
    auth: AuthContext,
    t: Pick<TransferRow, 'id' | 'kind' | 'memberId' | 'memberName' | 'fromOrgPath' | 'fromCommitteePath' | 'toCommitteePath' | 'applicantUserId'>,
    action: TransferAction,
    from: StoredTransferState | 'new',
    to: StoredTransferState,
    actor: TransferActor,
    reason: string | null,
  ) {
    await this.repo.refreshQueue(em, [t.id]);
    await this.repo.addStep(em, { transferId: t.id, action, fromState: from, toState: to, actor, actorUserId: auth.userId, actorName: auth.displayName, reason });
    await this.audit.record(
      auth,
      { action: `transfer.${action}`, objectType: 'transfer', objectId: t.id, orgPath: t.fromOrgPath ?? t.toCommitteePath, details: { kind: t.kind, memberId: t.memberId, from, to, actor, reason } },
      em,
    );
    const next = isOpenTransferState(to) ? awaitingActor(t.kind, to) : null;
    const recipients = new Set<string>();
    const path = awaitingPath(t, next);
    if (path) for (const u of await this.repo.actorsAt(em, path, TRANSFER_MANAGING_ROLES)) recipients.add(u);
    if (next === 'member' || !isOpenTransferState(to)) for (const u of await this.repo.usersOfMember(em, t.memberId)) recipients.add(u);
    if ((next === 'applicant' || !isOpenTransferState(to)) && t.applicantUserId) recipients.add(t.applicantUserId);
    recipients.delete(auth.userId);
    const state = TRANSFER_STATE_LABEL[to];
    await this.notifications.notify(em, [...recipients], {
      kind: `transfer.${action}`,
      title: `组织关系转接：${state}`,
      body: `${t.memberName}的${TRANSFER_KIND_LABEL[t.kind]}已${TRANSFER_ACTION_LABEL[action]}${reason ? `（${reason}）` : ''}${next ? `，待${TRANSFER_ACTOR_LABEL[next]}办理` : ''}`,
      link: transferLink(t.id),
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  /** The transfer if the caller may see it: the member, the applicant, or either side with transfer.read. */
  async visible(auth: AuthContext, id: string, em?: EntityManager, lock = false): Promise<TransferRecord> {
    const t = await this.repo.find(id, em, lock);
    if (!t) throw this.access.scopes(auth, 'transfer.read').length || auth.memberId ? notFound('转接') : forbidden();
    if (t.memberId === auth.memberId || t.applicantUserId === auth.userId) return t;
    const paths = [t.fromOrgPath, t.toOrgPath, t.toCommitteePath].filter((p): p is string => Boolean(p));
    if (!paths.some((p) => this.access.can(auth, 'transfer.read', p))) throw forbidden();
    return t;
  }

  /** The roles the caller holds on this transfer (T2: a side acts only for itself). */
  actorsOf(auth: AuthContext, t: TransferRow): TransferActor[] {
    const out: TransferActor[] = [];
    if (auth.memberId && auth.memberId === t.memberId) out.push('member');
    if (t.applicantUserId === auth.userId) out.push('applicant');
    if (t.fromOrgPath && this.access.can(auth, 'transfer.manage', t.fromOrgPath)) out.push('sending_branch');
    if (t.fromCommitteePath && this.access.can(auth, 'transfer.manage', t.fromCommitteePath)) out.push('sending_committee');
    if (t.toCommitteePath && this.access.can(auth, 'transfer.manage', t.toCommitteePath)) out.push('receiving_committee');
    return out;
  }

  async get(auth: AuthContext, id: string): Promise<Transfer> {
    const t = await this.visible(auth, id);
    const actors = this.actorsOf(auth, t);
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
      memberPhone: t.memberPhone,
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
    const { rows, counts } = await this.repo.queue({ rootIds: [...new Set(rootIds)], queue: q.queue, today: chinaToday(this.clock.now()), limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
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
    const { rows, total } = await this.repo.destinations({ q: q.q ?? null, exclude: auth.memberOrg?.id ?? null, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
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
  async feesOf(memberId: string, em?: EntityManager): Promise<TransferFees> {
    const p = await this.fees.paidUntilFor(memberId, em);
    const month = chinaMonth(this.clock.now());
    const owedMonths = monthsOwedForTransfer(p.paidUntil, month, p.unsettled[0]?.month);
    const owed = new Set(owedMonths);
    return {
      paidUntil: p.paidUntil,
      text: p.text,
      transferMonth: month,
      paidThroughTransferMonth: owedMonths.length === 0,
      owedMonths,
      owedFen: p.unsettled.filter((b) => owed.has(b.month)).reduce((s, b) => s + b.amountDueFen, 0),
      payPage: FEES_PAY_PAGE,
    };
  }
}

/** The mini-program page a notification opens. */
export const transferLink = (id: string) => `/packages/transfer/pages/detail/index?id=${id}`;

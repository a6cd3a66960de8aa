import { Injectable } from '@nestjs/common';
import {
  availableTransferActions,
  awaitingActor,
  chinaToday,
  checkTransferStep,
  isOpenTransferState,
  resubmitTarget,
  TRANSFER_ACTION_LABEL,
  TRANSFER_ACTOR_LABEL,
  TRANSFER_KIND_LABEL,
  TRANSFER_STATE_LABEL,
  TRANSFER_TRANSITIONS,
  transferDueOn,
  TransferErrorCode,
  type TransferAction,
  type TransferActor,
  type TransferState,
  type TransferStepDto,
} from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { notFound } from '../common/domain-error.js';
import type { StepContext, WorkflowDefinition } from '../common/workflow.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { MembersService } from '../members/members.service.js';
import { TransferAccess } from './transfer-access.js';
import { TransferFeesService } from './transfer-fees.service.js';
import { TransferLettersService } from './transfer-letters.service.js';
import { TRANSFER_MANAGING_ROLES, TransfersRepository, type OrgRow, type TransferRecord, type TransferRow } from './transfers.repository.js';
import {
  assignOrgInvalid,
  TEMPORARY_NOT_A_DESTINATION,
  editsNotAllowed,
  feesUnpaid,
  noCommittee,
  notYourStep,
  reasonRequired,
  sameOrganisation,
  stepOutOfOrder,
} from './transfers.errors.js';

/** The locked transfer and the roles the caller holds on it (T2: a side acts only for itself). */
export type TransferSubject = { t: TransferRecord; actors: TransferActor[] };
/** Every step takes the step body (`action`, `reason`, `edits`, …); the creating steps only `reason`. */
type TransferInputs = Record<TransferAction, Pick<TransferStepDto, 'reason'> & Partial<TransferStepDto>>;
type Ctx = StepContext<TransferSubject, TransferState, TransferAction, TransferInputs[TransferAction]>;

/** The organisation whose workers act next (null: the member, the applicant, or nobody). */
export function awaitingPath(t: Pick<TransferRow, 'fromOrgPath' | 'fromCommitteePath' | 'toCommitteePath'>, actor: TransferActor | null): string | null {
  if (actor === 'sending_branch') return t.fromOrgPath;
  if (actor === 'sending_committee') return t.fromCommitteePath;
  if (actor === 'receiving_committee') return t.toCommitteePath;
  return null;
}

/** The mini-program page a notification opens. */
export const transferLink = (id: string) => `/packages/transfer/pages/detail/index?id=${id}`;

const stepReason = (input: { reason?: string }) => input.reason?.trim() || null;
/** Which of the caller's roles takes the step (the first the table lets take it). */
const actingAs = (ctx: Pick<Ctx, 'subject' | 'action' | 'input' | 'from' | 'to'>): TransferActor =>
  ctx.subject.actors.find(
    (a) => checkTransferStep({ kind: ctx.subject.t.kind, state: ctx.from, action: ctx.action, actors: [a], reason: ctx.input.reason, target: ctx.to }).ok,
  )!;

/**
 * The transfer workflow (T1–T8) on the engine: the per-kind table, who may act (T2) and the reason rule
 * as guards, and each action's side effects as data — T3 fees and the letter at approval, the member's
 * move at acceptance (T5), the departure at an outbound receipt, letters revoked on refusal/withdrawal.
 * The step row, audit entry and notifications of who acts next commit with the step.
 */
@Injectable()
export class TransferWorkflow {
  constructor(
    private readonly repo: TransfersRepository,
    private readonly gate: TransferAccess,
    private readonly audit: AuditService,
    private readonly fees: TransferFeesService,
    private readonly members: MembersService,
    private readonly meetings: MeetingsService,
    private readonly letters: TransferLettersService,
  ) {}

  readonly definition: WorkflowDefinition<TransferSubject, TransferState, TransferAction, TransferInputs, Partial<TransferRow>> = {
    name: 'transfer',
    table: ({ t }) => TRANSFER_TRANSITIONS[t.kind],
    lock: async (tx, auth, id) => {
      const t = await this.gate.visible(auth, id, tx, true);
      return { t, actors: this.gate.actorsOf(auth, t) };
    },
    state: ({ t }) => t.state,
    id: ({ t }) => t.id,
    orgPath: ({ t }) => t.fromOrgPath ?? t.toCommitteePath,
    outOfOrder: ({ subject: { t, actors } }) => stepOutOfOrder(t.state, availableTransferActions(t.kind, t.state, actors)),
    guards: [
      // T2 (the side that must act, and only for itself) and "no refusal or return without a reason".
      ({ subject: { t, actors }, action, input, to }) => {
        const check = checkTransferStep({ kind: t.kind, state: t.state, action, actors, reason: input.reason, target: to });
        if (check.ok) return;
        if (check.code === TransferErrorCode.NOT_YOUR_STEP) throw notYourStep();
        if (check.code === TransferErrorCode.REASON_REQUIRED) throw reasonRequired();
        throw stepOutOfOrder(t.state, availableTransferActions(t.kind, t.state, actors));
      },
      ({ action, input }) => {
        if (input.edits && action !== 'resubmit') throw editsNotAllowed();
      },
    ],
    actions: {
      // The creating steps: TransfersService inserts the row and calls engine.record (no stored transfer is in `new`).
      apply: {},
      initiate: {},
      register: {},
      branch_agree: {},
      return: {},
      approve: {
        effect: async ({ tx, auth, subject: { t }, input, to, now }) => {
          // T3: fees paid through the month of transfer-out, read inside this transaction.
          const fees = await this.fees.of(t.memberId, tx);
          if (!fees.paidThroughTransferMonth) throw feesUnpaid(fees);
          const letter = await this.letters.issue(
            tx,
            { ...t, validityDays: input.validityDays ?? t.validityDays },
            { fees, today: chinaToday(now), handledBy: auth.displayName },
          );
          return { changes: { ...(input.validityDays ? { validityDays: input.validityDays } : {}), dueOn: to === 'letter_issued' ? letter.validUntil : null } };
        },
      },
      accept: {
        effect: async ({ tx, auth, subject: { t }, input, now }) => {
          const branch = await this.assignedBranch(tx, t, input.assignOrgId);
          // T5: the relationship moves now, in this transaction, with the member's row locked (mobile: M2, it does not move).
          await this.moveMember(tx, auth, t, branch, now);
          await this.repo.markLetter(tx, t.id, 'used');
          return {
            changes: {
              toOrgId: branch.id,
              toOrgPath: branch.path,
              toOrgName: branch.name,
              acceptedAt: now,
              dueOn: transferDueOn('accepted', { acceptedOn: chinaToday(now) }),
            },
          };
        },
      },
      record_receipt: {
        effect: async ({ tx, auth, subject: { t }, now }) => {
          if (t.kind === 'outbound') {
            await this.repo.markLetter(tx, t.id, 'used');
            // The member leaves the platform once the receipt is back: never "no organisation" before (T5).
            await this.members.departIn(tx, auth, t.memberId, 'transferred_out', now, `组织关系转出至${t.toOrgName}（回执已收到）`);
            await this.meetings.dropFromUpcoming(tx, t.memberId, now);
          }
          return { changes: { receiptAt: now } };
        },
      },
      report: { effect: ({ now }) => ({ changes: { reportedAt: now } }) },
      refuse: { effect: async ({ tx, subject: { t } }) => void (await this.repo.markLetter(tx, t.id, 'revoked')) },
      withdraw: { effect: async ({ tx, subject: { t } }) => void (await this.repo.markLetter(tx, t.id, 'revoked')) },
      resubmit: {
        // T7: back to whoever was first asked (the branch, or the committee when the branch started it).
        target: ({ subject: { t } }) => resubmitTarget(t.startedBy === 'member' ? 'member' : 'branch'),
        effect: async ({ tx, subject: { t }, input }) => (input.edits ? { changes: await this.applyEdits(tx, t, input.edits) } : undefined),
      },
    },
    save: async ({ tx, subject, now }, to, changes) => {
      const t = subject.t;
      const next: Partial<TransferRow> = { state: to as TransferRow['state'], ...changes };
      if (!isOpenTransferState(to)) Object.assign(next, { closedAt: now, dueOn: null });
      else if (to !== 'letter_issued' && to !== 'accepted') next.dueOn = null;
      const merged = { ...t, ...next } as TransferRecord;
      next.awaiting = isOpenTransferState(to) ? awaitingActor(t.kind, to) : null;
      next.awaitingPath = awaitingPath(merged, next.awaiting);
      await this.repo.update(tx, t.id, next);
      return { ...subject, t: { ...merged, awaiting: next.awaiting, awaitingPath: next.awaitingPath } };
    },
    step: async (ctx, to, { t }) => {
      await this.repo.refreshQueue(ctx.tx, [t.id]);
      await this.repo.addStep(ctx.tx, {
        transferId: t.id,
        action: ctx.action,
        fromState: ctx.from,
        toState: to,
        actor: actingAs(ctx),
        actorUserId: ctx.auth.userId,
        actorName: ctx.auth.displayName,
        reason: stepReason(ctx.input),
      });
    },
    auditDetails: (ctx, _to, { t }) => ({ kind: t.kind, memberId: t.memberId, actor: actingAs(ctx), reason: stepReason(ctx.input) }),
    notify: async ({ tx, action, input }, to, { t }) => {
      const open = isOpenTransferState(to);
      const next = open ? awaitingActor(t.kind, to) : null;
      const recipients = new Set<string>();
      const path = awaitingPath(t, next);
      if (path) for (const u of await this.repo.actorsAt(tx, path, TRANSFER_MANAGING_ROLES)) recipients.add(u);
      if (next === 'member' || !open) for (const u of await this.repo.usersOfMember(tx, t.memberId)) recipients.add(u);
      if ((next === 'applicant' || !open) && t.applicantUserId) recipients.add(t.applicantUserId);
      const reason = stepReason(input);
      return [
        {
          userIds: [...recipients],
          kind: `transfer.${action}`,
          title: `组织关系转接：${TRANSFER_STATE_LABEL[to]}`,
          body: `${t.memberName}的${TRANSFER_KIND_LABEL[t.kind]}已${TRANSFER_ACTION_LABEL[action]}${reason ? `（${reason}）` : ''}${next ? `，待${TRANSFER_ACTOR_LABEL[next]}办理` : ''}`,
          link: transferLink(t.id),
        },
      ];
    },
  };

  /** A destination on the platform (internal, mobile): not the member's own organisation, not a group, under a committee. */
  async platformDestination(em: EntityManager, toOrgId: string, fromOrgId: string): Promise<{ org: OrgRow; committee: OrgRow; name: string }> {
    if (toOrgId === fromOrgId) throw sameOrganisation();
    const org = await this.repo.org(toOrgId, em);
    if (!org) throw notFound('转入组织');
    if (org.kind === 'group') throw assignOrgInvalid();
    if (org.isTemporary) throw assignOrgInvalid(TEMPORARY_NOT_A_DESTINATION);
    const committee = await this.repo.committeeOf(org.path, em);
    if (!committee) throw noCommittee(org.name);
    return { org, committee, name: org.name };
  }

  /** accept: a branch under the receiving committee (the transfer's own when it already names one). */
  private async assignedBranch(em: EntityManager, t: TransferRecord, assignOrgId: string | undefined): Promise<OrgRow> {
    const id = assignOrgId ?? t.toOrgId;
    const org = id ? await this.repo.org(id, em) : null;
    const under = (p: string, root: string) => p === root || p.startsWith(`${root}.`);
    if (!org || org.kind !== 'branch' || !t.toCommitteePath || !under(org.path, t.toCommitteePath)) throw assignOrgInvalid();
    if (org.isTemporary) throw assignOrgInvalid(TEMPORARY_NOT_A_DESTINATION);
    if (t.kind === 'internal' && org.id === t.fromOrgId) throw sameOrganisation();
    return org;
  }

  /** T5 / M2: one organisation at every moment — the move is a single UPDATE in the step's transaction (mobile: flagged, it does not move). */
  private async moveMember(em: EntityManager, auth: AuthContext, t: TransferRecord, branch: OrgRow, now: Date) {
    if (t.kind === 'mobile') return this.members.addFlagIn(em, auth, t.memberId, 'mobile', `流动党员登记：${branch.name}`);
    const from = await this.members.moveOrganisationIn(em, auth, t.memberId, branch.id, `组织关系转接（${TRANSFER_KIND_LABEL[t.kind]}）`);
    // No longer expected at the old branch's coming meetings, as a meeting scheduled after the move would not expect them (C4).
    await this.meetings.dropOutOfScopeFromUpcoming(em, t.memberId, now);
    await this.audit.record(
      auth,
      { action: 'member.transfer', objectType: 'member', objectId: t.memberId, orgPath: branch.path, details: { transferId: t.id, from, to: branch.id } },
      em,
    );
  }

  private async applyEdits(em: EntityManager, t: TransferRecord, edits: NonNullable<TransferStepDto['edits']>): Promise<Partial<TransferRow>> {
    const out: Partial<TransferRow> = {};
    if (edits.reason) out.reason = edits.reason;
    if (edits.validityDays) out.validityDays = edits.validityDays;
    if (edits.toOrgId && (t.kind === 'internal' || t.kind === 'mobile')) {
      const to = await this.platformDestination(em, edits.toOrgId, t.fromOrgId!);
      Object.assign(out, {
        toOrgId: to.org.id,
        toOrgPath: to.org.path,
        toCommitteeId: to.committee.id,
        toCommitteePath: to.committee.path,
        toOrgName: to.name,
      });
    }
    if (edits.toOrgName && (t.kind === 'outbound' || t.kind === 'certificate')) out.toOrgName = edits.toOrgName;
    // The form shows only the masked number (M4), so a phone is sent only when the applicant types a new one.
    if (edits.memberPhone) {
      const s = this.members.sealPhone(edits.memberPhone);
      Object.assign(out, { memberPhoneEnc: s.phoneEnc, memberPhoneMasked: s.phoneMasked });
    }
    return out;
  }
}

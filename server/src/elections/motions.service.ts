import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  allowedActions,
  MOTION_KIND_LABEL,
  MOTION_KIND_RULE,
  MOTION_MEETING_TYPE,
  MOTION_TRANSITIONS,
  tallyMotion,
  type CancelVoteDto,
  type CreateMotionDto,
  type MotionAction,
  type MotionDetail,
  type MotionListQuery,
  type MotionPage,
  type MotionRoll,
  type MotionState,
  type MotionTally,
  type WrittenOpinionInputDto,
} from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { AuditService } from '../audit/audit.service.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { WorkflowEngine, type WorkflowDefinition } from '../common/workflow.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { BallotBoxService } from './ballot-box.service.js';
import { BallotsRepository, type BoxRow } from './ballots.repository.js';
import { iso } from './elections.mapper.js';
import { VoteErrors } from './elections.errors.js';
import { ElectionsRepository, type MotionRow } from './elections.repository.js';
import { VoteAccess } from './vote-access.js';
import { VoterRollService } from './voter-roll.service.js';

/** V1/V2 at a 党员大会, V3 at a 支委会. */

/** The input of each motion step. */
type MotionInputs = { open_voting: undefined; close_voting: undefined; count: undefined; rerun: undefined; cancel: CancelVoteDto };

/**
 * Motions, admission and confirmation votes, 支委会 decisions (V1–V3): yes / no / abstain by the same
 * secret QR ballot as elections, each with the quorum and majority of its own rule. V2 counts the
 * written opinions of absent voting members, recorded before voting opens.
 */
@Injectable()
export class MotionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly gate: VoteAccess,
    private readonly repo: ElectionsRepository,
    private readonly boxRepo: BallotsRepository,
    private readonly box: BallotBoxService,
    private readonly rolls: VoterRollService,
    private readonly meetings: MeetingsService,
    private readonly engine: WorkflowEngine,
    private readonly clock: Clock,
  ) {}

  async create(auth: AuthContext, dto: CreateMotionDto): Promise<MotionDetail> {
    const meeting = await this.meetings.row(dto.meetingId);
    if (!meeting) throw this.access.scopes(auth, 'election.manage').length ? notFound('会议') : forbidden();
    this.access.assert(auth, 'election.manage', meeting.orgPath);
    if (meeting.cancelledAt) throw VoteErrors.meetingCancelled();
    if (meeting.endsAt.getTime() <= this.clock.nowMs()) throw VoteErrors.meetingEnded();
    if (meeting.type !== MOTION_MEETING_TYPE[dto.kind]) {
      throw VoteErrors.meetingNotForVote(`${MOTION_KIND_LABEL[dto.kind]}须在${dto.kind === 'committee' ? '支部委员会会议' : '党员大会'}上表决`);
    }
    let applicantMemberId: string | null = null;
    let applicantName: string | null = dto.applicant?.name ?? null;
    if (dto.applicant?.memberId) {
      const [m] = await this.repo.members([dto.applicant.memberId]);
      // V2 (D23): a confirmation vote is about a probationary member of this organisation.
      if (!m || m.organisationId !== meeting.organisationId) throw VoteErrors.applicantInvalid('申请人须是本组织的党员');
      if (dto.kind === 'confirmation' && m.status !== 'probationary') throw VoteErrors.applicantInvalid('转正表决的对象须是预备党员');
      applicantMemberId = m.id;
      applicantName = m.name;
    }
    const id = await this.db.transaction(async (tx) => {
      const id = await this.repo.insertMotion(tx, {
        meetingId: meeting.id,
        organisationId: meeting.organisationId,
        kind: dto.kind,
        title: dto.title,
        description: dto.description,
        applicantMemberId,
        applicantName,
        ruleSet: '2020-v1',
        createdBy: auth.userId,
      });
      await this.audit.record(
        auth,
        { action: 'motion.create', objectType: 'motion', objectId: id, orgPath: meeting.orgPath, details: { kind: dto.kind, title: dto.title } },
        tx,
      );
      return id;
    });
    return this.detail(auth, id);
  }

  async list(auth: AuthContext, q: MotionListQuery): Promise<MotionPage> {
    const filter = await this.gate.listFilter(auth, q);
    if (!filter) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const { rows, total } = await this.repo.pageMotions(filter, q.pageSize, (q.page - 1) * q.pageSize);
    return {
      items: rows.map((m) => ({
        id: m.id,
        meetingId: m.meetingId,
        meetingTitle: m.meetingTitle,
        organisationId: m.organisationId,
        organisationName: m.orgName,
        kind: m.kind,
        title: m.title,
        state: m.state,
        passed: m.passed,
        createdAt: iso(m.createdAt),
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async detail(auth: AuthContext, id: string): Promise<MotionDetail> {
    const { row: m, canManage } = await this.gate.readMotion(auth, id);
    const [opinions, boxes] = await Promise.all([this.repo.opinions(m.id), this.boxRepo.boxesOf({ motionId: m.id })]);
    const current = boxes[boxes.length - 1] ?? null;
    const counted = current?.state === 'counted';
    return {
      id: m.id,
      meetingId: m.meetingId,
      meetingTitle: m.meetingTitle,
      organisationId: m.organisationId,
      organisationName: m.orgName,
      kind: m.kind,
      title: m.title,
      state: m.state,
      passed: counted ? (current.tally as MotionTally).passed : null,
      createdAt: iso(m.createdAt),
      description: m.description,
      rule: MOTION_KIND_RULE[m.kind],
      applicant: m.applicantName ? { memberId: m.applicantMemberId, name: m.applicantName } : null,
      writtenOpinions: opinions.map((o) => ({
        member: { memberId: o.memberId, name: o.name },
        choice: o.choice,
        submittedOn: o.submittedOn,
        note: o.note,
        counted: o.counted,
      })),
      boxId: current?.id ?? null,
      boxState: current?.state ?? null,
      rounds: boxes.length,
      // No partial results before counting.
      tally: counted ? (current.tally as MotionTally) : null,
      digest: counted ? current.digest : null,
      cancelReason: m.cancelReason,
      allowedActions: canManage ? allowedActions(MOTION_TRANSITIONS, m.state) : [],
      canManage,
    };
  }

  /** The roll and the quorum of the motion's rule, before voting opens. */
  async roll(auth: AuthContext, id: string): Promise<MotionRoll> {
    const { row: m, canOversee } = await this.gate.readMotion(auth, id);
    const { requiredIds: _r, presentIds: _p, ...roll } = await this.rolls.forMotion(m);
    return canOversee ? roll : { ...roll, members: roll.members.filter((x) => x.memberId === auth.memberId) };
  }

  /** V2: an absent voting member's written opinion, recorded before voting opens. */
  async addOpinion(auth: AuthContext, id: string, dto: WrittenOpinionInputDto): Promise<MotionDetail> {
    await this.db.transaction(async (tx) => {
      const m = await this.gate.manageMotion(auth, id, tx, true);
      if (MOTION_KIND_RULE[m.kind] !== 'V2') throw VoteErrors.opinionNotAllowed();
      if (m.state !== 'draft') throw VoteErrors.opinionTooLate();
      const roll = await this.rolls.forMotion(m, tx);
      if (!roll.requiredIds.includes(dto.memberId)) throw VoteErrors.opinionNotVoter();
      await this.repo.upsertOpinion(
        tx,
        m.id,
        { memberId: dto.memberId, choice: dto.choice, submittedOn: dto.submittedOn, note: dto.note ?? null },
        auth.userId,
      );
      await this.audit.record(
        auth,
        {
          action: 'motion.opinion.add',
          objectType: 'motion',
          objectId: m.id,
          orgPath: m.orgPath,
          details: { memberId: dto.memberId, submittedOn: dto.submittedOn },
        },
        tx,
      );
    });
    return this.detail(auth, id);
  }

  async removeOpinion(auth: AuthContext, id: string, memberId: string): Promise<MotionDetail> {
    await this.db.transaction(async (tx) => {
      const m = await this.gate.manageMotion(auth, id, tx, true);
      if (m.state !== 'draft') throw VoteErrors.opinionTooLate();
      if (!(await this.repo.deleteOpinion(tx, m.id, memberId))) throw notFound('书面意见');
      await this.audit.record(auth, { action: 'motion.opinion.remove', objectType: 'motion', objectId: m.id, orgPath: m.orgPath, details: { memberId } }, tx);
    });
    return this.detail(auth, id);
  }

  openVoting(auth: AuthContext, id: string): Promise<MotionDetail> {
    return this.step(auth, id, 'open_voting', undefined);
  }

  closeVoting(auth: AuthContext, id: string): Promise<MotionDetail> {
    return this.step(auth, id, 'close_voting', undefined);
  }

  count(auth: AuthContext, id: string): Promise<MotionDetail> {
    return this.step(auth, id, 'count', undefined);
  }

  rerun(auth: AuthContext, id: string): Promise<MotionDetail> {
    return this.step(auth, id, 'rerun', undefined);
  }

  cancel(auth: AuthContext, id: string, dto: CancelVoteDto): Promise<MotionDetail> {
    return this.step(auth, id, 'cancel', dto);
  }

  /** One step through the engine (lock, MOTION_TRANSITIONS, guards, effect, save, audit in one transaction); the detail after commit. */
  private async step<K extends MotionAction>(auth: AuthContext, id: string, action: K, input: MotionInputs[K]): Promise<MotionDetail> {
    await this.engine.run(this.workflow, { auth, id, action, input });
    return this.detail(auth, id);
  }

  /** The motion steps as data: per action its guards and effect (the meeting must not be cancelled, except to cancel). */
  private readonly workflow: WorkflowDefinition<MotionRow, MotionState, MotionAction, MotionInputs> = {
    name: 'motion',
    table: MOTION_TRANSITIONS,
    lock: (tx, auth, id) => this.gate.manageMotion(auth, id, tx, true),
    state: (m) => m.state,
    id: (m) => m.id,
    orgPath: (m) => m.orgPath,
    outOfOrder: (ctx, allowed) => VoteErrors.motionStepOutOfOrder(ctx.from, ctx.action, allowed),
    guards: [
      ({ subject, action }) => {
        if (subject.meetingCancelled && action !== 'cancel') throw VoteErrors.meetingCancelled();
      },
    ],
    actions: {
      /** Opens voting: the roll is fixed now; refused without the rule's quorum. */
      open_voting: {
        effect: async ({ tx, subject: m, now }) => {
          const roll = await this.rolls.forMotion(m, tx);
          if (!roll.quorum.met) throw VoteErrors.quorumNotMet(roll.quorum);
          const boxes = await this.boxRepo.boxesOf({ motionId: m.id }, tx);
          const boxId = await this.boxRepo.insertBox(tx, {
            meetingId: m.meetingId,
            electionId: null,
            motionId: m.id,
            roundNo: boxes.length + 1,
            roundKind: 'motion',
            seats: 1,
            candidateIds: [],
          });
          await this.box.open(tx, (await this.boxRepo.findBox(boxId, tx))!, { requiredIds: roll.requiredIds, present: roll.present }, now);
          return { audit: { round: boxes.length + 1, required: roll.required, present: roll.present } };
        },
      },
      close_voting: {
        effect: async ({ tx, subject: m, now }) => {
          const current = await this.currentBox(tx, m);
          const r = await this.box.close(tx, current.id, now);
          return { audit: { round: current.roundNo, ...r }, afterCommit: () => this.box.afterClose() };
        },
      },
      /** Compares collected with issued (void → vote again), counts under the motion's rule, publishes the record. */
      count: {
        effect: async ({ tx, subject: m, now }) => {
          const current = await this.currentBox(tx, m);
          const check = await this.box.verify(tx, current);
          if (check.void) return { to: 'void', audit: { round: current.roundNo, ...check } };
          const { receipts, counted } = await this.box.load(current, tx);
          if (counted.kind !== 'motion') throw new Error('not a motion box');
          // V2: written opinions count only for voting members who were absent and did not vote.
          const voted = new Set(await this.boxRepo.votedMemberIds(current.id, tx));
          const present = new Set((await this.rolls.forMotion(m, tx)).presentIds);
          const opinions = (await this.repo.opinions(m.id, tx)).filter((o) => !voted.has(o.memberId) && !present.has(o.memberId));
          if (MOTION_KIND_RULE[m.kind] === 'V2')
            await this.repo.markOpinionsCounted(
              tx,
              m.id,
              opinions.map((o) => o.memberId),
            );
          const tally = tallyMotion({
            kind: m.kind,
            ruleSet: m.ruleSet,
            required: current.requiredCount ?? 0,
            present: current.presentAtClose ?? 0,
            issued: check.issued,
            ballots: counted.ballots,
            written: opinions.map((o) => o.choice),
          });
          const digest = await this.box.publish(tx, current, this.box.recordChunks(current, receipts, counted), tally, now);
          return { to: 'counted', audit: { round: current.roundNo, passed: tally.passed, for: tally.for, writtenFor: tally.writtenFor, digest } };
        },
      },
      rerun: {},
      cancel: { effect: ({ input }) => ({ changes: { cancel_reason: input.reason }, audit: { reason: input.reason } }) },
    },
    save: async ({ tx, subject }, to, changes) => {
      await this.repo.updateMotion(tx, subject.id, { state: to, ...changes });
      return { ...subject, state: to };
    },
  };

  private async currentBox(tx: EntityManager, m: MotionRow): Promise<BoxRow> {
    const boxes = await this.boxRepo.boxesOf({ motionId: m.id }, tx);
    const last = boxes[boxes.length - 1];
    if (!last) throw new Error(`motion ${m.id} has no ballot box in state ${m.state}`);
    return last;
  }
}

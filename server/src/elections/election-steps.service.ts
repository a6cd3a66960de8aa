import { Injectable } from '@nestjs/common';
import {
  candidateCountProblem,
  canonicalPackedChunks,
  ELECTION_TRANSITIONS,
  majorityBaseCount,
  needsHigherApproval,
  recordedVoteFits,
  recordedVotePasses,
  scrutineersWhoAreCandidates,
  stateAfterAnnounce,
  tallyPacked,
  type AdoptRulesDto,
  type ApproveScrutineersDto,
  type CancelVoteDto,
  type ElectionAction,
  type ElectionDetail,
  type ElectionState,
  type ElectionTally,
  type RecordApprovalDto,
  type RecordedVote,
  type ReduceSeatsDto,
  type SignResultDto,
  type StartAdditionalDto,
} from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { WorkflowEngine, type WorkflowDefinition } from '../common/workflow.js';
import { BallotBoxService } from './ballot-box.service.js';
import { BallotsRepository, type BoxRow } from './ballots.repository.js';
import type { RecordedDecisionJson } from './election.entities.js';
import { orderedCandidates } from './elections.mapper.js';
import { VoteErrors } from './elections.errors.js';
import { ElectionsRepository, type CandidateRow, type ElectionRow } from './elections.repository.js';
import { ElectionsService } from './elections.service.js';
import { VoteAccess } from './vote-access.js';
import { VoterRollService } from './voter-roll.service.js';

type Gate = 'manage' | 'scrutineer' | 'parent';
/** Who may take a step: managers; a scrutineer signs; the higher organisation answers on 书记/副书记 results. */
const GATE: Record<ElectionAction, Gate> = {
  report_attendance: 'manage',
  adopt_rules: 'manage',
  announce_candidates: 'manage',
  approve_scrutineers: 'manage',
  open_voting: 'manage',
  close_voting: 'manage',
  verify_ballots: 'manage',
  count: 'manage',
  sign: 'scrutineer',
  announce: 'manage',
  rerun: 'manage',
  start_runoff: 'manage',
  start_additional: 'manage',
  reduce_seats: 'manage',
  record_approval: 'parent',
  cancel: 'manage',
};
/** The input of each step. */
type ElectionInputs = {
  report_attendance: undefined;
  adopt_rules: AdoptRulesDto;
  announce_candidates: undefined;
  approve_scrutineers: ApproveScrutineersDto;
  open_voting: undefined;
  close_voting: undefined;
  verify_ballots: undefined;
  count: undefined;
  sign: SignResultDto;
  announce: undefined;
  rerun: undefined;
  start_runoff: undefined;
  start_additional: StartAdditionalDto;
  reduce_seats: ReduceSeatsDto;
  record_approval: RecordApprovalDto;
  cancel: CancelVoteDto;
};

/**
 * The E14 meeting order, one method per step, run by the workflow engine: lock the election (the gate
 * of the step), check the step against ELECTION_TRANSITIONS (out of order → VOTE_STEP_OUT_OF_ORDER),
 * apply the step's rule (its effect below), move to the next state and write the audit entry, in one
 * transaction.
 */
@Injectable()
export class ElectionStepsService {
  constructor(
    private readonly gate: VoteAccess,
    private readonly repo: ElectionsRepository,
    private readonly boxRepo: BallotsRepository,
    private readonly box: BallotBoxService,
    private readonly rolls: VoterRollService,
    private readonly elections: ElectionsService,
    private readonly clock: Clock,
    private readonly engine: WorkflowEngine,
  ) {}

  // The steps (each one's rule is its effect in `workflow` below).

  reportAttendance(auth: AuthContext, id: string): Promise<ElectionDetail> {
    return this.step(auth, id, 'report_attendance', undefined);
  }

  adoptRules(auth: AuthContext, id: string, dto: AdoptRulesDto): Promise<ElectionDetail> {
    return this.step(auth, id, 'adopt_rules', dto);
  }

  announceCandidates(auth: AuthContext, id: string): Promise<ElectionDetail> {
    return this.step(auth, id, 'announce_candidates', undefined);
  }

  approveScrutineers(auth: AuthContext, id: string, dto: ApproveScrutineersDto): Promise<ElectionDetail> {
    return this.step(auth, id, 'approve_scrutineers', dto);
  }

  openVoting(auth: AuthContext, id: string): Promise<ElectionDetail> {
    return this.step(auth, id, 'open_voting', undefined);
  }

  closeVoting(auth: AuthContext, id: string): Promise<ElectionDetail> {
    return this.step(auth, id, 'close_voting', undefined);
  }

  verifyBallots(auth: AuthContext, id: string): Promise<ElectionDetail> {
    return this.step(auth, id, 'verify_ballots', undefined);
  }

  count(auth: AuthContext, id: string): Promise<ElectionDetail> {
    return this.step(auth, id, 'count', undefined);
  }

  sign(auth: AuthContext, id: string, dto: SignResultDto): Promise<ElectionDetail> {
    return this.step(auth, id, 'sign', dto);
  }

  announce(auth: AuthContext, id: string): Promise<ElectionDetail> {
    return this.step(auth, id, 'announce', undefined);
  }

  rerun(auth: AuthContext, id: string): Promise<ElectionDetail> {
    return this.step(auth, id, 'rerun', undefined);
  }

  startRunoff(auth: AuthContext, id: string): Promise<ElectionDetail> {
    return this.step(auth, id, 'start_runoff', undefined);
  }

  startAdditional(auth: AuthContext, id: string, dto: StartAdditionalDto): Promise<ElectionDetail> {
    return this.step(auth, id, 'start_additional', dto);
  }

  reduceSeats(auth: AuthContext, id: string, dto: ReduceSeatsDto): Promise<ElectionDetail> {
    return this.step(auth, id, 'reduce_seats', dto);
  }

  recordApproval(auth: AuthContext, id: string, dto: RecordApprovalDto): Promise<ElectionDetail> {
    return this.step(auth, id, 'record_approval', dto);
  }

  cancel(auth: AuthContext, id: string, dto: CancelVoteDto): Promise<ElectionDetail> {
    return this.step(auth, id, 'cancel', dto);
  }

  // ----

  /** One step through the engine; the detail after commit. */
  private async step<K extends ElectionAction>(auth: AuthContext, id: string, action: K, input: ElectionInputs[K]): Promise<ElectionDetail> {
    await this.engine.run(this.workflow, { auth, id, action, input });
    return this.elections.detail(auth, id);
  }

  /** The E14 steps as data: per action its effect (the rule it applies). A cancelled meeting stops every step but cancel and the higher organisation's answer. */
  private readonly workflow: WorkflowDefinition<ElectionRow, ElectionState, ElectionAction, ElectionInputs> = {
    name: 'election',
    table: ELECTION_TRANSITIONS,
    lock: (tx, auth, id, action) => this.lockFor(auth, id, GATE[action], tx),
    state: (e) => e.state,
    id: (e) => e.id,
    orgPath: (e) => e.orgPath,
    outOfOrder: (ctx, allowed) => VoteErrors.electionStepOutOfOrder(ctx.from, ctx.action, allowed),
    guards: [
      ({ subject, action }) => {
        if (subject.meetingCancelled && action !== 'cancel' && action !== 'record_approval') throw VoteErrors.meetingCancelled();
      },
    ],
    actions: {
      /** E14 ①, E3: report attendance; refused without the quorum. */
      report_attendance: {
        effect: async ({ tx, subject: e, now }) => {
          const roll = await this.rolls.forElection(e, tx);
          if (!roll.quorum.met) throw VoteErrors.quorumNotMet(roll.quorum);
          return {
            changes: { attendance: { required: roll.required, present: roll.present, at: now.toISOString() } },
            audit: { required: roll.required, present: roll.present },
          };
        },
      },
      /** E14 ②: the meeting adopts the 选举办法 by a recorded vote. */
      adopt_rules: {
        effect: async ({ tx, subject: e, input: dto }) => {
          const decision = await this.decision(tx, e, dto.vote, '选举办法');
          return { changes: { rules_adoption: decision, ...(dto.rulesText ? { rules_text: dto.rulesText } : {}) }, audit: { vote: dto.vote } };
        },
      },
      /** E14 ③, E1, E4, E5: the final list is checked again and announced in ballot order. */
      announce_candidates: {
        effect: async ({ tx, subject: e }) => {
          const list = (await this.repo.candidates(e.id, tx)).filter((c) => c.memberId && c.status === 'candidate');
          await this.elections.checkCandidates(e, list.map(toInput), tx);
          this.elections.checkCount(e.seats, list.length, e.candidateMode);
          return { audit: { candidates: list.length } };
        },
      },
      /** E14 ④, E13: scrutineers (not candidates) and counters, approved by a recorded vote. */
      approve_scrutineers: {
        effect: async ({ tx, subject: e, input: dto }) => {
          const all = [...dto.scrutineerIds, ...dto.counterIds];
          if (new Set(all).size !== all.length) throw VoteErrors.scrutineerNotAttendee(all.filter((x, i) => all.indexOf(x) !== i));
          const people = new Map((await this.repo.meetingPeople(e.meetingId, tx)).map((p) => [p.memberId, p]));
          const strangers = all.filter((m) => !people.get(m) || people.get(m)!.isGuest);
          if (strangers.length) throw VoteErrors.scrutineerNotAttendee(strangers);
          const candidates = await this.repo.candidates(e.id, tx);
          const clash = scrutineersWhoAreCandidates(
            dto.scrutineerIds,
            candidates.map((c) => c.memberId),
          );
          if (clash.length) throw VoteErrors.scrutineerIsCandidate(clash);
          const decision = await this.decision(tx, e, dto.vote, '监票人名单');
          const chief = dto.chiefScrutineerId ?? dto.scrutineerIds[0]!;
          await this.repo.replaceScrutineers(tx, e.id, [
            ...dto.scrutineerIds.map((m) => ({ memberId: m, role: m === chief ? ('chief' as const) : ('scrutineer' as const) })),
            ...dto.counterIds.map((m) => ({ memberId: m, role: 'counter' as const })),
          ]);
          return { changes: { scrutineer_approval: decision }, audit: { scrutineers: dto.scrutineerIds, counters: dto.counterIds, vote: dto.vote } };
        },
      },
      /** E14 ⑤: issue ballots. The roll is fixed now (E1, E2); refused without the quorum (E3). */
      open_voting: {
        effect: async ({ tx, subject: e, now }) => {
          const roll = await this.rolls.forElection(e, tx);
          if (!roll.quorum.met) throw VoteErrors.quorumNotMet(roll.quorum);
          const boxes = await this.boxRepo.boxesOf({ electionId: e.id }, tx);
          let current = boxes[boxes.length - 1];
          let candidateIds: string[] | undefined;
          if (!current) {
            const list = orderedCandidates(
              e,
              (await this.repo.candidates(e.id, tx)).filter((c) => c.status === 'candidate'),
            );
            candidateIds = list.map((c) => c.id);
            const boxId = await this.boxRepo.insertBox(tx, {
              meetingId: e.meetingId,
              electionId: e.id,
              motionId: null,
              roundNo: 1,
              roundKind: 'regular',
              seats: e.seats,
              candidateIds,
            });
            current = (await this.boxRepo.findBox(boxId, tx))!;
          }
          if (current.state !== 'ready') throw new Error(`round ${current.roundNo} of election ${e.id} is ${current.state}, expected ready`);
          await this.box.open(tx, current, { requiredIds: roll.requiredIds, present: roll.present }, now, candidateIds);
          return { audit: { round: current.roundNo, required: roll.required, present: roll.present } };
        },
      },
      /** E14 ⑥: close; the ballots are mixed and the old row versions vacuumed. */
      close_voting: {
        effect: async ({ tx, subject: e, now }) => {
          const current = await this.currentBox(tx, e);
          const r = await this.box.close(tx, current.id, now);
          return { audit: { round: current.roundNo, ...r }, afterCommit: () => this.box.afterClose() };
        },
      },
      /** E14 ⑦, E9: compare ballots collected with ballots issued; more collected → void, vote again. */
      verify_ballots: {
        effect: async ({ tx, subject: e }) => {
          const current = await this.currentBox(tx, e);
          const r = await this.box.verify(tx, current);
          return { to: r.void ? 'void' : 'verified', audit: { round: current.roundNo, ...r } };
        },
      },
      /** E14 ⑧, E8, E10–E12: count; the record (receipts, contents) is published with its digest. */
      count: {
        effect: async ({ tx, subject: e, now }) => {
          const current = await this.currentBox(tx, e);
          const names = new Map((await this.repo.candidates(e.id, tx)).map((c) => [c.id, c.name]));
          const { receipts, ballots } = await this.box.loadPacked(current, tx);
          const base = majorityBaseCount(e.majorityBase, { required: current.requiredCount ?? 0, present: current.presentAtClose ?? 0 });
          const tally = tallyPacked({
            candidates: current.candidateIds.map((cid) => ({ id: cid, name: names.get(cid) ?? '' })),
            seats: current.seats,
            ballots,
            issued: current.issued ?? 0,
            majorityBase: e.majorityBase,
            base,
            plurality: current.roundKind === 'runoff',
          });
          const record = canonicalPackedChunks({ boxId: current.id, receipts, candidateIds: current.candidateIds, ballots });
          const digest = await this.box.publish(tx, current, record, tally, now);
          return { audit: { round: current.roundNo, valid: tally.valid, invalid: tally.invalid, digest } };
        },
      },
      /** E13: a scrutineer signs the digest of the published record; the last signature moves on. */
      sign: {
        effect: async ({ tx, subject: e, input: dto, now, auth }) => {
          const scrutineers = (await this.repo.scrutineers(e.id, tx)).filter((s) => s.role !== 'counter');
          const me = scrutineers.find((s) => s.memberId === auth.memberId);
          if (!me) throw VoteErrors.notAScrutineer();
          const current = await this.currentBox(tx, e);
          if (current.digest !== dto.digest) throw VoteErrors.digestMismatch();
          const inserted = await this.boxRepo.insertSignature(tx, {
            boxId: current.id,
            memberId: me.memberId,
            userId: auth.userId,
            role: me.role,
            digest: dto.digest,
            at: now,
          });
          if (!inserted) throw VoteErrors.alreadySigned();
          const signed = new Set((await this.boxRepo.signatures(current.id, tx)).map((s) => s.memberId));
          const all = scrutineers.every((s) => signed.has(s.memberId));
          return { to: all ? 'signed' : 'counted', audit: { round: current.roundNo, digest: dto.digest, all } };
        },
      },
      /** E14 ⑩: announce; E11 a tie → run-off, E12 a shortfall → 另行选举 or fewer seats; 书记/副书记 → higher approval. */
      announce: {
        effect: async ({ tx, subject: e }) => {
          const current = await this.currentBox(tx, e);
          const tally = current.tally as ElectionTally;
          const candidates = await this.repo.candidates(e.id, tx);
          const byKey = (key: string) => candidates.find((c) => `c:${c.id}` === key);
          const electedIds: string[] = [];
          const runoffIds: string[] = [];
          const writeIns: Array<{ name: string; status: 'elected' | 'runoff' }> = [];
          for (const key of tally.elected) {
            const c = byKey(key);
            if (c) electedIds.push(c.id);
            else writeIns.push({ name: key.slice(2), status: 'elected' });
          }
          for (const key of tally.runoff?.keys ?? []) {
            const c = byKey(key);
            if (c) runoffIds.push(c.id);
            else writeIns.push({ name: key.slice(2), status: 'runoff' });
          }
          const others = current.candidateIds.filter((cid) => !electedIds.includes(cid) && !runoffIds.includes(cid));
          await this.repo.setCandidateStatus(tx, electedIds, 'elected', current.roundNo);
          await this.repo.setCandidateStatus(tx, runoffIds, 'runoff');
          await this.repo.setCandidateStatus(tx, others, 'not_elected');
          for (const w of writeIns) {
            const [newId] = await this.repo.insertCandidates(
              tx,
              e.id,
              [{ memberId: null, name: w.name, introduction: '另选他人', approvedOrder: null, surnameStrokes: null, writeIn: true, status: w.status }],
              current.roundNo,
            );
            if (w.status === 'elected') await this.repo.setCandidateStatus(tx, [newId!], 'elected', current.roundNo);
          }
          const electedTotal = candidates.filter((c) => c.status === 'elected').length + tally.elected.length;
          const to = stateAfterAnnounce(e.kind, { void: false, runoff: tally.runoff, shortfall: tally.runoff ? 0 : Math.max(0, e.seats - electedTotal) });
          return { to, audit: { round: current.roundNo, elected: tally.elected, runoff: tally.runoff, electedTotal } };
        },
      },
      /** E9: after a void round, vote again with the same candidates and seats. */
      rerun: {
        effect: async ({ tx, subject: e }) => {
          const last = await this.currentBox(tx, e);
          await this.boxRepo.insertBox(tx, {
            meetingId: e.meetingId,
            electionId: e.id,
            motionId: null,
            roundNo: last.roundNo + 1,
            roundKind: 'rerun',
            seats: last.seats,
            candidateIds: last.candidateIds,
          });
          return { audit: { round: last.roundNo + 1 } };
        },
      },
      /** E11: a run-off among the tied candidates only, for the seats left. */
      start_runoff: {
        effect: async ({ tx, subject: e }) => {
          const last = await this.currentBox(tx, e);
          const tally = last.tally as ElectionTally;
          const tied = orderedCandidates(
            e,
            (await this.repo.candidates(e.id, tx)).filter((c) => c.status === 'runoff'),
          );
          await this.boxRepo.insertBox(tx, {
            meetingId: e.meetingId,
            electionId: e.id,
            motionId: null,
            roundNo: last.roundNo + 1,
            roundKind: 'runoff',
            seats: tally.runoff!.seats,
            candidateIds: tied.map((c) => c.id),
          });
          return { audit: { round: last.roundNo + 1, candidates: tied.map((c) => c.id), seats: tally.runoff!.seats } };
        },
      },
      /** E12: 另行选举 for the shortfall, with a new list (E1, E4, E5 again; scrutineers must not be on it, E13). */
      start_additional: {
        effect: async ({ tx, subject: e, input: dto }) => {
          const last = await this.currentBox(tx, e);
          const existing = await this.repo.candidates(e.id, tx);
          const elected = existing.filter((c) => c.status === 'elected');
          const remaining = e.seats - elected.length;
          const again = dto.candidates.filter((c) => elected.some((x) => x.memberId === c.memberId));
          if (again.length) throw VoteErrors.candidateDuplicate();
          const list = await this.elections.checkCandidates(e, dto.candidates, tx);
          const problem = candidateCountProblem(remaining, list.length, e.candidateMode);
          if (problem) throw VoteErrors.candidateCount(problem, { seats: remaining, candidates: list.length, mode: e.candidateMode });
          const clash = scrutineersWhoAreCandidates(
            (await this.repo.scrutineers(e.id, tx)).filter((s) => s.role !== 'counter').map((s) => s.memberId),
            list.map((c) => c.memberId),
          );
          if (clash.length) throw VoteErrors.scrutineerIsCandidate(clash);
          const ids: string[] = [];
          for (const c of list) {
            const prior = existing.find((x) => x.memberId === c.memberId);
            if (prior) {
              await this.repo.reinstateCandidate(tx, prior.id, c);
              ids.push(prior.id);
            } else ids.push(...(await this.repo.insertCandidates(tx, e.id, [c], last.roundNo + 1)));
          }
          const ordered = orderedCandidates(
            e,
            (await this.repo.candidates(e.id, tx)).filter((c) => ids.includes(c.id)),
          );
          await this.boxRepo.insertBox(tx, {
            meetingId: e.meetingId,
            electionId: e.id,
            motionId: null,
            roundNo: last.roundNo + 1,
            roundKind: 'additional',
            seats: remaining,
            candidateIds: ordered.map((c) => c.id),
          });
          return { audit: { round: last.roundNo + 1, seats: remaining, candidates: ids } };
        },
      },
      /** E12: end with fewer seats (those elected), with the recorded consent of more than half of the voters. */
      reduce_seats: {
        effect: async ({ tx, subject: e, input: dto, now }) => {
          const elected = (await this.repo.candidates(e.id, tx)).filter((c) => c.status === 'elected').length;
          if (elected === 0) throw VoteErrors.seatsNotReducible();
          const last = await this.currentBox(tx, e);
          const present = last.presentAtClose ?? 0;
          if (!recordedVoteFits(dto.consent, present)) throw VoteErrors.voteCountsInvalid(present);
          if (!recordedVotePasses(dto.consent, present)) throw VoteErrors.voteNotPassed('减少名额', present);
          const reduction = { vote: dto.consent, present, passed: true, at: now.toISOString(), from: e.seats, to: elected };
          return {
            to: needsHigherApproval(e.kind) ? 'pending_approval' : 'completed',
            changes: { seats: elected, seat_reduction: reduction },
            audit: { from: e.seats, to: elected, consent: dto.consent },
          };
        },
      },
      /** E14: the higher organisation's answer on a 书记/副书记 result. */
      record_approval: {
        effect: ({ input: dto, now, auth }) => ({
          to: dto.approved ? 'approved' : 'not_approved',
          changes: {
            approval: {
              approved: dto.approved,
              reference: dto.reference,
              approvedOn: dto.approvedOn,
              note: dto.note ?? null,
              recordedBy: auth.displayName,
              at: now.toISOString(),
            },
          },
          audit: { approved: dto.approved, reference: dto.reference },
        }),
      },
      cancel: {
        effect: ({ input: dto }) => ({ changes: { cancel_reason: dto.reason }, audit: { reason: dto.reason } }),
      },
    },
    save: async ({ tx, subject }, to, changes) => {
      await this.repo.updateElection(tx, subject.id, { state: to, ...changes });
      return { ...subject, state: to };
    },
  };

  /** Managers; scrutineers (who must be able to read it: attendees); the higher organisation (election.manage on the parent). */
  private async lockFor(auth: AuthContext, id: string, gate: Gate, tx: EntityManager): Promise<ElectionRow> {
    if (gate === 'manage') return this.gate.manageElection(auth, id, tx, true);
    const e = await this.repo.findElection(id, tx, true);
    if (!e || gate === 'scrutineer') await this.gate.readElection(auth, id);
    if (gate === 'parent') await this.gate.requireParent(auth, e!);
    return e!;
  }

  private async decision(tx: EntityManager, e: ElectionRow, vote: RecordedVote, what: string): Promise<RecordedDecisionJson> {
    const roll = await this.rolls.forElection(e, tx);
    if (!recordedVoteFits(vote, roll.present)) throw VoteErrors.voteCountsInvalid(roll.present);
    if (!recordedVotePasses(vote, roll.present)) throw VoteErrors.voteNotPassed(what, roll.present);
    return { vote, present: roll.present, passed: true, at: this.now().toISOString() };
  }

  private async currentBox(tx: EntityManager, e: ElectionRow): Promise<BoxRow> {
    const boxes = await this.boxRepo.boxesOf({ electionId: e.id }, tx);
    const last = boxes[boxes.length - 1];
    if (!last) throw new Error(`election ${e.id} has no ballot box in state ${e.state}`);
    return last;
  }

  private now() {
    return this.clock.now();
  }
}

const toInput = (c: CandidateRow) => ({
  memberId: c.memberId!,
  introduction: c.introduction,
  approvedOrder: c.approvedOrder ?? undefined,
  surnameStrokes: c.surnameStrokes ?? undefined,
});

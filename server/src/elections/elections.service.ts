import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ELECTION_MEETING_TYPES,
  allowedActions,
  candidateCountProblem,
  candidateModeAllowed,
  defaultCandidateMode,
  ELECTION_KIND_LABEL,
  ELECTION_RULE_SETS,
  ELECTION_TRANSITIONS,
  electionIneligibility,
  exclusionProblems,
  INELIGIBLE_REASON_LABEL,
  needsHigherApproval,
  orderCandidates,
  type AssistedVotingDto,
  type CandidateInput,
  type CandidateMode,
  type CreateElectionDto,
  type ElectionDetail,
  type ElectionListQuery,
  type ElectionPage,
  type ExclusionInputDto,
  type UpdateElectionDto,
  type VoterRoll,
} from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { AuditService } from '../audit/audit.service.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { BallotsRepository } from './ballots.repository.js';
import { iso, mapCandidate, mapDecision, mapExclusion, mapRound, orderedCandidates } from './elections.mapper.js';
import { VoteErrors } from './elections.errors.js';
import { ElectionsRepository, type ElectionRow, type NewCandidate } from './elections.repository.js';
import { VoteAccess } from './vote-access.js';
import { VoterRollService } from './voter-roll.service.js';

/** Elections: setting up (candidates E1/E4/E5, exclusions E2), the roll and quorum (E3), and reads. The steps are in ElectionStepsService. */
@Injectable()
export class ElectionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly gate: VoteAccess,
    private readonly repo: ElectionsRepository,
    private readonly boxes: BallotsRepository,
    private readonly meetings: MeetingsService,
    private readonly rolls: VoterRollService,
    private readonly clock: Clock,
  ) {}

  async create(auth: AuthContext, dto: CreateElectionDto): Promise<ElectionDetail> {
    const meeting = await this.meetings.row(dto.meetingId);
    if (!meeting) throw this.access.scopes(auth, 'election.manage').length ? notFound('会议') : forbidden();
    this.access.assert(auth, 'election.manage', meeting.orgPath);
    if (meeting.cancelledAt) throw VoteErrors.meetingCancelled();
    if (meeting.endsAt.getTime() <= this.clock.nowMs()) throw VoteErrors.meetingEnded();
    if (!(ELECTION_MEETING_TYPES[dto.kind] as readonly string[]).includes(meeting.type)) {
      throw VoteErrors.meetingNotForVote(
        `${ELECTION_KIND_LABEL[dto.kind]}选举须在${dto.kind === 'committee' || dto.kind === 'delegates' ? '党员大会' : '党员大会或委员会会议'}上进行`,
      );
    }
    const mode = dto.candidateMode ?? defaultCandidateMode(dto.kind, dto.ruleSet);
    if (!candidateModeAllowed(dto.kind, mode)) throw VoteErrors.candidateCount('委员和代表选举须实行差额选举', { mode });
    if (dto.electorate === 'committee_election') await this.checkCommitteeElection(meeting.organisationId, dto.committeeElectionId!);
    const shape = { meetingId: meeting.id, kind: dto.kind, electorate: dto.electorate, committeeElectionId: dto.committeeElectionId ?? null };
    this.checkCount(dto.seats, dto.candidates.length, mode);
    const candidates = await this.checkCandidates(shape, dto.candidates);
    const id = await this.db.transaction(async (tx) => {
      const id = await this.repo.insertElection(tx, {
        meetingId: meeting.id,
        organisationId: meeting.organisationId,
        kind: dto.kind,
        title: dto.title ?? `${meeting.orgName}${ELECTION_KIND_LABEL[dto.kind]}选举`,
        seats: dto.seats,
        candidateMode: mode,
        ruleSet: dto.ruleSet,
        majorityBase: ELECTION_RULE_SETS[dto.ruleSet].majorityBase,
        electorate: dto.electorate,
        committeeElectionId: dto.committeeElectionId ?? null,
        rulesText: dto.rulesText ?? null,
        createdBy: auth.userId,
      });
      await this.repo.insertCandidates(tx, id, candidates, 1);
      await this.audit.record(
        auth,
        {
          action: 'election.create',
          objectType: 'election',
          objectId: id,
          orgPath: meeting.orgPath,
          details: { kind: dto.kind, seats: dto.seats, candidates: candidates.length },
        },
        tx,
      );
      return id;
    });
    return this.detail(auth, id);
  }

  /** While in draft only: title, seats, mode, the 选举办法 text, and the candidate list (replaced). */
  async update(auth: AuthContext, id: string, dto: UpdateElectionDto): Promise<ElectionDetail> {
    await this.db.transaction(async (tx) => {
      const e = await this.gate.manageElection(auth, id, tx, true);
      if (e.state !== 'draft') throw VoteErrors.notEditable(e.state, allowedActions(ELECTION_TRANSITIONS, e.state));
      const mode: CandidateMode = dto.candidateMode ?? e.candidateMode;
      if (!candidateModeAllowed(e.kind, mode)) throw VoteErrors.candidateCount('委员和代表选举须实行差额选举', { mode });
      const seats = dto.seats ?? e.seats;
      const current = await this.repo.candidates(id, tx);
      this.checkCount(seats, dto.candidates?.length ?? current.length, mode);
      const candidates = dto.candidates ? await this.checkCandidates(e, dto.candidates, tx) : null;
      const set: Record<string, unknown> = {};
      if (dto.title) set.title = dto.title;
      if (dto.seats) Object.assign(set, { seats: dto.seats, original_seats: dto.seats });
      if (dto.candidateMode) set.candidate_mode = dto.candidateMode;
      if (dto.rulesText !== undefined) set.rules_text = dto.rulesText;
      if (Object.keys(set).length) await this.repo.updateElection(tx, id, set);
      if (candidates) {
        await this.repo.deleteCandidates(tx, id);
        await this.repo.insertCandidates(tx, id, candidates, 1);
      }
      await this.audit.record(
        auth,
        { action: 'election.update', objectType: 'election', objectId: id, orgPath: e.orgPath, details: { ...set, candidates: candidates?.length } },
        tx,
      );
    });
    return this.detail(auth, id);
  }

  async list(auth: AuthContext, q: ElectionListQuery): Promise<ElectionPage> {
    const filter = await this.gate.listFilter(auth, q);
    if (!filter) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const { rows, total } = await this.repo.pageElections(filter, q.pageSize, (q.page - 1) * q.pageSize);
    return {
      items: rows.map((e) => ({
        id: e.id,
        meetingId: e.meetingId,
        meetingTitle: e.meetingTitle,
        organisationId: e.organisationId,
        organisationName: e.orgName,
        kind: e.kind,
        title: e.title,
        seats: e.seats,
        state: e.state,
        candidateCount: e.candidateCount,
        createdAt: iso(e.createdAt),
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async detail(auth: AuthContext, id: string): Promise<ElectionDetail> {
    const { row: e, canManage } = await this.gate.readElection(auth, id);
    return this.compose(auth, e, canManage);
  }

  /** E1, E2, E3 before opening: who is on the roll, who is present, and whether the quorum is met. */
  async roll(auth: AuthContext, id: string): Promise<VoterRoll> {
    const { row: e, canOversee } = await this.gate.readElection(auth, id);
    const r = await this.rolls.forElection(e);
    // Members see the counts and quorum, not everyone's standing.
    const { requiredIds: _r, presentIds: _p, ...roll } = r;
    return canOversee ? roll : { ...roll, members: roll.members.filter((m) => m.memberId === auth.memberId) };
  }

  /** E2: records an exclusion from 应到会 (before the attendance is reported). */
  async addExclusion(auth: AuthContext, id: string, dto: ExclusionInputDto): Promise<ElectionDetail> {
    await this.db.transaction(async (tx) => {
      const e = await this.gate.manageElection(auth, id, tx, true);
      if (e.state !== 'draft') throw VoteErrors.notEditable(e.state, allowedActions(ELECTION_TRANSITIONS, e.state));
      const problems = exclusionProblems({ reason: dto.reason, higherApproval: dto.higherApproval, meetingVote: dto.meetingVote });
      if (problems.length) throw VoteErrors.exclusionInvalid(problems);
      const roll = await this.rolls.forElection(e, tx);
      const m = roll.members.find((x) => x.memberId === dto.memberId);
      if (!m || !m.eligible) throw VoteErrors.exclusionNotOnRoll();
      await this.repo.upsertExclusion(
        tx,
        id,
        {
          memberId: dto.memberId,
          reason: dto.reason,
          note: dto.note ?? null,
          approvedBy: dto.higherApproval.approvedBy,
          approvalRef: dto.higherApproval.reference,
          approvedOn: dto.higherApproval.approvedOn,
          meetingVote: dto.meetingVote,
        },
        auth.userId,
      );
      await this.audit.record(
        auth,
        { action: 'election.exclusion.add', objectType: 'election', objectId: id, orgPath: e.orgPath, details: { memberId: dto.memberId, reason: dto.reason } },
        tx,
      );
    });
    return this.detail(auth, id);
  }

  async removeExclusion(auth: AuthContext, id: string, memberId: string): Promise<ElectionDetail> {
    await this.db.transaction(async (tx) => {
      const e = await this.gate.manageElection(auth, id, tx, true);
      if (e.state !== 'draft') throw VoteErrors.notEditable(e.state, allowedActions(ELECTION_TRANSITIONS, e.state));
      if (!(await this.repo.deleteExclusion(tx, id, memberId))) throw VoteErrors.exclusionNotOnRoll();
      await this.audit.record(
        auth,
        { action: 'election.exclusion.remove', objectType: 'election', objectId: id, orgPath: e.orgPath, details: { memberId } },
        tx,
      );
    });
    return this.detail(auth, id);
  }

  /**
   * E6: a voter who cannot write is assisted by a non-candidate: logged (voter, assistant, round) while
   * voting is open, never with the choices. The voter still casts their own ballot.
   */
  async recordAssistance(auth: AuthContext, id: string, dto: AssistedVotingDto): Promise<ElectionDetail> {
    await this.db.transaction(async (tx) => {
      const e = await this.gate.manageElection(auth, id, tx, true);
      if (e.state !== 'voting_open') throw VoteErrors.assistanceInvalid('只能在投票期间登记代写');
      const boxes = await this.boxes.boxesOf({ electionId: e.id }, tx);
      const box = boxes[boxes.length - 1]!;
      const people = new Map((await this.repo.meetingPeople(e.meetingId, tx)).map((p) => [p.memberId, p]));
      if (!(await this.boxes.onRoll(tx, box.id, dto.voterId))) throw VoteErrors.assistanceInvalid('被代写人不在本次选举的选举人名单中');
      const assistant = people.get(dto.assistantId);
      if (!assistant || assistant.isGuest || dto.assistantId === dto.voterId) throw VoteErrors.assistanceInvalid('代写人须是参加会议的其他党员');
      if (box.candidateIds.length && (await this.repo.candidates(e.id, tx)).some((c) => c.memberId === dto.assistantId && box.candidateIds.includes(c.id))) {
        throw VoteErrors.assistanceInvalid('候选人不能为他人代写选票');
      }
      await this.audit.record(
        auth,
        {
          action: 'election.assisted_voting',
          objectType: 'election',
          objectId: e.id,
          orgPath: e.orgPath,
          details: {
            voterId: dto.voterId,
            voterName: people.get(dto.voterId)?.name ?? '',
            assistantId: dto.assistantId,
            assistantName: assistant.name,
            round: box.roundNo,
            note: dto.note ?? null,
          },
        },
        tx,
      );
    });
    return this.detail(auth, id);
  }

  // ---- shared with the steps ----

  /**
   * E1: every candidate a full member expected at the meeting (not a guest, not under 留党察看, rights
   * not suspended); for a secretary elected by the new committee, one of its members. E5: the order
   * must be decidable.
   */
  async checkCandidates(
    e: Pick<ElectionRow, 'meetingId' | 'kind' | 'electorate' | 'committeeElectionId'>,
    inputs: CandidateInput[],
    manager?: EntityManager,
  ): Promise<NewCandidate[]> {
    const ids = inputs.map((c) => c.memberId);
    if (new Set(ids).size !== ids.length) throw VoteErrors.candidateDuplicate();
    const people = new Map((await this.repo.meetingPeople(e.meetingId, manager)).map((p) => [p.memberId, p]));
    const electorate =
      e.electorate === 'committee_election' && e.committeeElectionId ? await this.rolls.electedMemberIds(e.committeeElectionId, manager) : null;
    const bad: Array<{ memberId: string; name: string; reason: string }> = [];
    for (const c of inputs) {
      const p = people.get(c.memberId);
      if (!p) {
        const [m] = await this.repo.members([c.memberId]);
        bad.push({ memberId: c.memberId, name: m?.name ?? '', reason: '不是本次会议的应到会党员' });
        continue;
      }
      const reason = electionIneligibility(p);
      if (reason) bad.push({ memberId: c.memberId, name: p.name, reason: INELIGIBLE_REASON_LABEL[reason] });
      else if (electorate && !electorate.has(c.memberId)) bad.push({ memberId: c.memberId, name: p.name, reason: INELIGIBLE_REASON_LABEL.not_on_committee });
    }
    if (bad.length) throw VoteErrors.candidateIneligible(bad);
    const list: NewCandidate[] = inputs.map((c) => ({
      memberId: c.memberId,
      name: people.get(c.memberId)!.name,
      introduction: c.introduction,
      approvedOrder: c.approvedOrder ?? null,
      surnameStrokes: c.surnameStrokes ?? null,
      writeIn: false,
    }));
    const order = orderCandidates(list, needsHigherApproval(e.kind));
    if (order.unknown.length) throw VoteErrors.surnameUnknown(order.unknown);
    if (order.missingApprovedOrder.length) throw VoteErrors.approvedOrderRequired(order.missingApprovedOrder);
    return list;
  }

  /** E4. */
  checkCount(seats: number, candidates: number, mode: CandidateMode): void {
    const problem = candidateCountProblem(seats, candidates, mode);
    if (problem) throw VoteErrors.candidateCount(problem, { seats, candidates, mode });
  }

  async compose(auth: AuthContext, e: ElectionRow, canManage: boolean): Promise<ElectionDetail> {
    const [candidates, scrutineers, exclusions, boxes, assistance] = await Promise.all([
      this.repo.candidates(e.id),
      this.repo.scrutineers(e.id),
      this.repo.exclusions(e.id),
      this.boxes.boxesOf({ electionId: e.id }),
      canManage ? this.repo.assistance(e.id) : Promise.resolve([]),
    ]);
    const signatures = await Promise.all(boxes.map((b) => this.boxes.signatures(b.id)));
    const ordered = orderedCandidates(e, candidates);
    const current = boxes[boxes.length - 1];
    const currentSigs = signatures[signatures.length - 1] ?? [];
    const mine = scrutineers.find((s) => s.memberId === auth.memberId && s.role !== 'counter');
    const allowed = allowedActions(ELECTION_TRANSITIONS, e.state);
    return {
      id: e.id,
      meetingId: e.meetingId,
      meetingTitle: e.meetingTitle,
      organisationId: e.organisationId,
      organisationName: e.orgName,
      kind: e.kind,
      title: e.title,
      seats: e.seats,
      state: e.state,
      candidateCount: candidates.filter((c) => !c.writeIn).length,
      createdAt: iso(e.createdAt),
      originalSeats: e.originalSeats,
      candidateMode: e.candidateMode,
      ruleSet: e.ruleSet,
      ruleSetLabel: ELECTION_RULE_SETS[e.ruleSet].label,
      majorityBase: e.majorityBase,
      electorate: e.electorate,
      committeeElectionId: e.committeeElectionId,
      rulesText: e.rulesText,
      candidates: ordered.map((c, i) => mapCandidate(c, i + 1)),
      scrutineers,
      exclusions: exclusions.map(mapExclusion),
      assistance: assistance.map((a) => ({
        voter: { memberId: a.voterId, name: a.voterName },
        assistant: { memberId: a.assistantId, name: a.assistantName },
        round: a.round,
        note: a.note,
      })),
      attendance: e.attendance,
      rulesAdoption: mapDecision(e.rulesAdoption),
      scrutineerApproval: mapDecision(e.scrutineerApproval),
      seatReduction: e.seatReduction ? { ...mapDecision(e.seatReduction)!, from: e.seatReduction.from, to: e.seatReduction.to } : null,
      approval: e.approval,
      cancelReason: e.cancelReason,
      rounds: boxes.map((b, i) => mapRound(b, signatures[i]!)),
      elected: ordered
        .filter((c) => c.status === 'elected')
        .map((c) => ({ candidateId: c.id, memberId: c.memberId, name: c.name, round: c.electedInRound ?? 1 })),
      allowedActions: canManage ? allowed : allowed.filter((a) => a === 'sign' && !!mine),
      canManage,
      canSign: e.state === 'counted' && !!mine && !!current?.digest && !currentSigs.some((s) => s.memberId === mine.memberId),
    };
  }

  private async checkCommitteeElection(organisationId: string, committeeElectionId: string) {
    const c = await this.repo.findElection(committeeElectionId);
    if (!c || c.organisationId !== organisationId || c.kind !== 'committee') throw VoteErrors.committeeElectionInvalid('须指定本组织的委员会委员选举');
    if (c.state !== 'completed') throw VoteErrors.committeeElectionInvalid('委员会委员选举尚未完成，不能由新一届委员会选举书记、副书记');
  }
}

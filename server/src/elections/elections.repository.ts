import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  BallotMark,
  CandidateMode,
  CandidateStatus,
  ElectionKind,
  ElectionRuleSetId,
  ElectionState,
  Electorate,
  ExclusionReason,
  MajorityBase,
  MeetingType,
  MemberFlag,
  MemberStatus,
  MotionKind,
  MotionState,
  RecordedVote,
  ScrutineerRole,
} from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { ApprovalJson, RecordedDecisionJson } from './election.entities.js';

/** The meeting and organisation an election or motion belongs to, as the access check needs them. */
type Owner = {
  meetingId: string;
  meetingTitle: string;
  meetingType: MeetingType;
  meetingCancelled: boolean;
  organisationId: string;
  orgName: string;
  orgPath: string;
  orgParentId: string | null;
  createdAt: Date;
};

/**
 * What an election or motion list may show (`VoteAccess.listFilter`): votes of `orgPath`'s subtree
 * when given, else of the caller's scope `roots`; with `meetingId`, that meeting's votes, which its
 * expected members see as well.
 */
export type VoteListFilter = { roots: string[]; orgPath?: string; meetingId?: string; memberId: string | null; state?: string };

/** The FROM … WHERE of a vote list (`x` the election or motion, `o` its organisation) and its parameters. */
function voteListFrom(table: 'election' | 'motion', f: VoteListFilter): { from: string; params: unknown[] } {
  const params: unknown[] = [];
  const where: string[] = [];
  const param = (v: unknown) => `$${params.push(v)}`;
  if (f.orgPath) where.push(`o.path <@ ${param(f.orgPath)}::ltree`);
  else if (!f.meetingId) where.push(`o.path <@ ANY(${param(f.roots)}::ltree[])`);
  if (f.meetingId) {
    where.push(`x.meeting_id = ${param(f.meetingId)}`);
    const scope = `o.path <@ ANY(${param(f.roots.length ? f.roots : ['__none__'])}::ltree[])`;
    where.push(`(${scope} OR EXISTS (SELECT 1 FROM meeting_attendee a WHERE a.meeting_id = x.meeting_id AND a.member_id = ${param(f.memberId)}::uuid))`);
  }
  if (f.state) where.push(`x.state = ${param(f.state)}`);
  return {
    from: `FROM ${table} x JOIN meeting mt ON mt.id = x.meeting_id JOIN organisation o ON o.id = x.organisation_id WHERE ${where.join(' AND ') || 'TRUE'}`,
    params,
  };
}

export type ElectionRow = Owner & {
  id: string;
  kind: ElectionKind;
  title: string;
  seats: number;
  originalSeats: number;
  candidateMode: CandidateMode;
  ruleSet: ElectionRuleSetId;
  majorityBase: MajorityBase;
  electorate: Electorate;
  committeeElectionId: string | null;
  rulesText: string | null;
  state: ElectionState;
  attendance: { required: number; present: number; at: string } | null;
  rulesAdoption: RecordedDecisionJson | null;
  scrutineerApproval: RecordedDecisionJson | null;
  seatReduction: (RecordedDecisionJson & { from: number; to: number }) | null;
  approval: ApprovalJson | null;
  cancelReason: string | null;
};

export type MotionRow = Owner & {
  id: string;
  kind: MotionKind;
  title: string;
  description: string;
  applicantMemberId: string | null;
  applicantName: string | null;
  ruleSet: ElectionRuleSetId;
  state: MotionState;
  cancelReason: string | null;
};

export type CandidateRow = {
  id: string;
  memberId: string | null;
  name: string;
  introduction: string;
  approvedOrder: number | null;
  surnameStrokes: number | null;
  writeIn: boolean;
  status: CandidateStatus;
  electedInRound: number | null;
  addedInRound: number;
};

export type NewCandidate = {
  memberId: string | null;
  name: string;
  introduction: string;
  approvedOrder: number | null;
  surnameStrokes: number | null;
  writeIn: boolean;
  status?: CandidateStatus;
};

/** A person expected at the meeting, with what E1 and presence need. */
export type MeetingPerson = { memberId: string; name: string; isGuest: boolean; status: MemberStatus; flags: MemberFlag[]; present: boolean };

export type ExclusionRow = {
  memberId: string;
  name: string;
  reason: ExclusionReason;
  note: string | null;
  approvedBy: string;
  approvalRef: string;
  approvedOn: string;
  meetingVote: RecordedVote & { heldOn: string };
  createdAt: Date;
};

const OWNER_COLS = `x.meeting_id AS "meetingId", mt.title AS "meetingTitle", mt.type AS "meetingType", (mt.cancelled_at IS NOT NULL) AS "meetingCancelled",
  x.organisation_id AS "organisationId", o.name AS "orgName", o.path::text AS "orgPath", o.parent_id AS "orgParentId", x.created_at AS "createdAt"`;

const ELECTION_COLS = `x.id, x.kind, x.title, x.seats, x.original_seats AS "originalSeats", x.candidate_mode AS "candidateMode", x.rule_set AS "ruleSet",
  x.majority_base AS "majorityBase", x.electorate, x.committee_election_id AS "committeeElectionId", x.rules_text AS "rulesText", x.state,
  x.attendance, x.rules_adoption AS "rulesAdoption", x.scrutineer_approval AS "scrutineerApproval", x.seat_reduction AS "seatReduction",
  x.approval, x.cancel_reason AS "cancelReason", ${OWNER_COLS}`;

const MOTION_COLS = `x.id, x.kind, x.title, x.description, x.applicant_member_id AS "applicantMemberId", x.applicant_name AS "applicantName",
  x.rule_set AS "ruleSet", x.state, x.cancel_reason AS "cancelReason", ${OWNER_COLS}`;

const CANDIDATE_COLS = `c.id, c.member_id AS "memberId", c.name, c.introduction, c.approved_order AS "approvedOrder", c.surname_strokes AS "surnameStrokes",
  c.write_in AS "writeIn", c.status, c.elected_in_round AS "electedInRound", c.added_in_round AS "addedInRound"`;

/** Data access of elections, candidates, scrutineers, exclusions and motions. No rules here. */
@Injectable()
export class ElectionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async findElection(id: string, manager: EntityManager = this.db.manager, lock = false): Promise<ElectionRow | null> {
    const rows: ElectionRow[] = await manager.query(
      `SELECT ${ELECTION_COLS} FROM election x JOIN meeting mt ON mt.id = x.meeting_id JOIN organisation o ON o.id = x.organisation_id
        WHERE x.id = $1 ${lock ? 'FOR UPDATE OF x' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async pageElections(
    filter: VoteListFilter,
    limit: number,
    offset: number,
  ): Promise<{ rows: Array<ElectionRow & { candidateCount: number }>; total: number }> {
    const { from, params } = voteListFrom('election', filter);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n ${from}`, params);
    const rows = await this.db.query(
      `SELECT ${ELECTION_COLS}, (SELECT count(*)::int FROM election_candidate c WHERE c.election_id = x.id AND NOT c.write_in) AS "candidateCount"
         ${from} ORDER BY x.created_at DESC, x.id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return { rows, total: n };
  }

  async insertElection(
    tx: EntityManager,
    e: Pick<
      ElectionRow,
      | 'meetingId'
      | 'organisationId'
      | 'kind'
      | 'title'
      | 'seats'
      | 'candidateMode'
      | 'ruleSet'
      | 'majorityBase'
      | 'electorate'
      | 'committeeElectionId'
      | 'rulesText'
    > & {
      createdBy: string;
    },
  ): Promise<string> {
    const rows: Array<{ id: string }> = await tx.query(
      `INSERT INTO election (meeting_id, organisation_id, kind, title, seats, original_seats, candidate_mode, rule_set, majority_base, electorate,
                             committee_election_id, rules_text, created_by)
       VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        e.meetingId,
        e.organisationId,
        e.kind,
        e.title,
        e.seats,
        e.candidateMode,
        e.ruleSet,
        e.majorityBase,
        e.electorate,
        e.committeeElectionId,
        e.rulesText,
        e.createdBy,
      ],
    );
    return rows[0]!.id;
  }

  /** `set` maps column names to values; JSON columns take objects. */
  async updateElection(tx: EntityManager, id: string, set: Record<string, unknown>) {
    const cols = Object.keys(set);
    const value = (v: unknown) => (v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v);
    await tx.query(`UPDATE election SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [
      id,
      ...cols.map((c) => value(set[c])),
    ]);
  }

  async candidates(electionId: string, manager: EntityManager = this.db.manager): Promise<CandidateRow[]> {
    return manager.query(`SELECT ${CANDIDATE_COLS} FROM election_candidate c WHERE c.election_id = $1`, [electionId]);
  }

  async deleteCandidates(tx: EntityManager, electionId: string) {
    await tx.query(`DELETE FROM election_candidate WHERE election_id = $1`, [electionId]);
  }

  async insertCandidates(tx: EntityManager, electionId: string, list: NewCandidate[], round: number): Promise<string[]> {
    if (list.length === 0) return [];
    const rows: Array<{ id: string }> = await tx.query(
      `INSERT INTO election_candidate (election_id, member_id, name, introduction, approved_order, surname_strokes, write_in, status, added_in_round)
       SELECT $1, u.member_id, u.name, u.intro, u.ord, u.strokes, u.write_in, u.status, $9
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::int[], $7::bool[], $8::text[]) WITH ORDINALITY
              AS u(member_id, name, intro, ord, strokes, write_in, status, n)
        ORDER BY u.n RETURNING id`,
      [
        electionId,
        list.map((c) => c.memberId),
        list.map((c) => c.name),
        list.map((c) => c.introduction),
        list.map((c) => c.approvedOrder),
        list.map((c) => c.surnameStrokes),
        list.map((c) => c.writeIn),
        list.map((c) => c.status ?? 'candidate'),
        round,
      ],
    );
    return rows.map((r) => r.id);
  }

  async setCandidateStatus(tx: EntityManager, ids: string[], status: CandidateStatus, electedInRound: number | null = null) {
    if (ids.length === 0) return;
    await tx.query(`UPDATE election_candidate SET status = $2, elected_in_round = COALESCE($3, elected_in_round) WHERE id = ANY($1::uuid[])`, [
      ids,
      status,
      electedInRound,
    ]);
  }

  async scrutineers(electionId: string, manager: EntityManager = this.db.manager): Promise<Array<{ memberId: string; name: string; role: ScrutineerRole }>> {
    return manager.query(
      `SELECT s.member_id AS "memberId", m.name, s.role FROM election_scrutineer s JOIN member m ON m.id = s.member_id
        WHERE s.election_id = $1 ORDER BY CASE s.role WHEN 'chief' THEN 0 WHEN 'scrutineer' THEN 1 ELSE 2 END, m.name, m.id`,
      [electionId],
    );
  }

  async replaceScrutineers(tx: EntityManager, electionId: string, list: Array<{ memberId: string; role: ScrutineerRole }>) {
    await tx.query(`DELETE FROM election_scrutineer WHERE election_id = $1`, [electionId]);
    await tx.query(`INSERT INTO election_scrutineer (election_id, member_id, role) SELECT $1, u.m, u.r FROM unnest($2::uuid[], $3::text[]) AS u(m, r)`, [
      electionId,
      list.map((s) => s.memberId),
      list.map((s) => s.role),
    ]);
  }

  async exclusions(electionId: string, manager: EntityManager = this.db.manager): Promise<ExclusionRow[]> {
    return manager.query(
      `SELECT e.member_id AS "memberId", m.name, e.reason, e.note, e.approved_by AS "approvedBy", e.approval_ref AS "approvalRef",
              to_char(e.approved_on, 'YYYY-MM-DD') AS "approvedOn", e.meeting_vote AS "meetingVote", e.created_at AS "createdAt"
         FROM election_exclusion e JOIN member m ON m.id = e.member_id WHERE e.election_id = $1 ORDER BY m.name, m.id`,
      [electionId],
    );
  }

  /** Inserts or replaces the member's exclusion. */
  async upsertExclusion(tx: EntityManager, electionId: string, x: Omit<ExclusionRow, 'name' | 'createdAt'>, recordedBy: string) {
    await tx.query(
      `INSERT INTO election_exclusion (election_id, member_id, reason, note, approved_by, approval_ref, approved_on, meeting_vote, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (election_id, member_id) DO UPDATE SET reason = EXCLUDED.reason, note = EXCLUDED.note, approved_by = EXCLUDED.approved_by,
         approval_ref = EXCLUDED.approval_ref, approved_on = EXCLUDED.approved_on, meeting_vote = EXCLUDED.meeting_vote, recorded_by = EXCLUDED.recorded_by`,
      [electionId, x.memberId, x.reason, x.note, x.approvedBy, x.approvalRef, x.approvedOn, JSON.stringify(x.meetingVote), recordedBy],
    );
  }

  async deleteExclusion(tx: EntityManager, electionId: string, memberId: string): Promise<boolean> {
    const r = await tx.query(`DELETE FROM election_exclusion WHERE election_id = $1 AND member_id = $2 RETURNING member_id`, [electionId, memberId]);
    return (Array.isArray(r[0]) ? r[0] : r).length > 0;
  }

  /** Everyone expected at the meeting with status, flags and presence (a confirmed check-in). */
  async meetingPeople(meetingId: string, manager: EntityManager = this.db.manager): Promise<MeetingPerson[]> {
    return manager.query(
      `SELECT a.member_id AS "memberId", m.name, a.is_guest AS "isGuest", m.status, m.flags, (c.status IS NOT DISTINCT FROM 'confirmed') AS present
         FROM meeting_attendee a
         JOIN member m ON m.id = a.member_id
         LEFT JOIN meeting_checkin c ON c.meeting_id = a.meeting_id AND c.member_id = a.member_id
        WHERE a.meeting_id = $1
        ORDER BY m.name, m.id`,
      [meetingId],
    );
  }

  /** V3: the organisation's current committee members (not a group's 组长). */
  async committeeMemberIds(organisationId: string, manager: EntityManager = this.db.manager): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT DISTINCT member_id AS id FROM committee_position WHERE organisation_id = $1 AND ended_on IS NULL AND position <> 'group_leader'`,
      [organisationId],
    );
    return rows.map((r) => r.id);
  }

  async members(
    ids: string[],
  ): Promise<Array<{ id: string; name: string; status: MemberStatus; flags: MemberFlag[]; organisationId: string; orgPath: string }>> {
    if (ids.length === 0) return [];
    return this.db.query(
      `SELECT id, name, status, flags, organisation_id AS "organisationId", org_path::text AS "orgPath" FROM member WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  async isAttendee(meetingId: string, memberId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM meeting_attendee WHERE meeting_id = $1 AND member_id = $2`, [meetingId, memberId]);
    return rows.length > 0;
  }

  /** E6: assisted votes, as logged (the audit log is the record; it never holds choices). */
  async assistance(
    electionId: string,
  ): Promise<Array<{ voterId: string; voterName: string; assistantId: string; assistantName: string; round: number; note: string | null }>> {
    return this.db.query(
      `SELECT details->>'voterId' AS "voterId", details->>'voterName' AS "voterName", details->>'assistantId' AS "assistantId",
              details->>'assistantName' AS "assistantName", (details->>'round')::int AS round, details->>'note' AS note
         FROM audit_log WHERE object_type = 'election' AND object_id = $1 AND action = 'election.assisted_voting' ORDER BY id`,
      [electionId],
    );
  }

  // ---- motions ----

  async findMotion(id: string, manager: EntityManager = this.db.manager, lock = false): Promise<MotionRow | null> {
    const rows: MotionRow[] = await manager.query(
      `SELECT ${MOTION_COLS} FROM motion x JOIN meeting mt ON mt.id = x.meeting_id JOIN organisation o ON o.id = x.organisation_id
        WHERE x.id = $1 ${lock ? 'FOR UPDATE OF x' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async pageMotions(filter: VoteListFilter, limit: number, offset: number): Promise<{ rows: Array<MotionRow & { passed: boolean | null }>; total: number }> {
    const { from, params } = voteListFrom('motion', filter);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n ${from}`, params);
    const rows = await this.db.query(
      `SELECT ${MOTION_COLS},
              (SELECT (b.tally->>'passed')::boolean FROM ballot_box b WHERE b.motion_id = x.id AND b.state = 'counted' ORDER BY b.round_no DESC LIMIT 1) AS passed
         ${from} ORDER BY x.created_at DESC, x.id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    return { rows, total: n };
  }

  async insertMotion(
    tx: EntityManager,
    m: Pick<MotionRow, 'meetingId' | 'organisationId' | 'kind' | 'title' | 'description' | 'applicantMemberId' | 'applicantName' | 'ruleSet'> & {
      createdBy: string;
    },
  ): Promise<string> {
    const rows: Array<{ id: string }> = await tx.query(
      `INSERT INTO motion (meeting_id, organisation_id, kind, title, description, applicant_member_id, applicant_name, rule_set, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [m.meetingId, m.organisationId, m.kind, m.title, m.description, m.applicantMemberId, m.applicantName, m.ruleSet, m.createdBy],
    );
    return rows[0]!.id;
  }

  async updateMotion(tx: EntityManager, id: string, set: Record<string, unknown>) {
    const cols = Object.keys(set);
    await tx.query(`UPDATE motion SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [
      id,
      ...cols.map((c) => set[c]),
    ]);
  }

  async opinions(
    motionId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<Array<{ memberId: string; name: string; choice: BallotMark; submittedOn: string; note: string | null; counted: boolean | null }>> {
    return manager.query(
      `SELECT p.member_id AS "memberId", m.name, p.choice, to_char(p.submitted_on, 'YYYY-MM-DD') AS "submittedOn", p.note, p.counted
         FROM motion_opinion p JOIN member m ON m.id = p.member_id WHERE p.motion_id = $1 ORDER BY m.name, m.id`,
      [motionId],
    );
  }

  async upsertOpinion(
    tx: EntityManager,
    motionId: string,
    o: { memberId: string; choice: BallotMark; submittedOn: string; note: string | null },
    recordedBy: string,
  ) {
    await tx.query(
      `INSERT INTO motion_opinion (motion_id, member_id, choice, submitted_on, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (motion_id, member_id) DO UPDATE SET choice = EXCLUDED.choice, submitted_on = EXCLUDED.submitted_on, note = EXCLUDED.note, recorded_by = EXCLUDED.recorded_by`,
      [motionId, o.memberId, o.choice, o.submittedOn, o.note, recordedBy],
    );
  }

  async deleteOpinion(tx: EntityManager, motionId: string, memberId: string): Promise<boolean> {
    const r = await tx.query(`DELETE FROM motion_opinion WHERE motion_id = $1 AND member_id = $2 RETURNING member_id`, [motionId, memberId]);
    return (Array.isArray(r[0]) ? r[0] : r).length > 0;
  }

  async markOpinionsCounted(tx: EntityManager, motionId: string, countedIds: string[]) {
    await tx.query(`UPDATE motion_opinion SET counted = (member_id = ANY($2::uuid[])) WHERE motion_id = $1`, [motionId, countedIds]);
  }

  /** E13: counted elections where the member is a scrutineer and has not signed the current round's box. */
  unsignedCounts(memberId: string): Promise<Array<{ id: string; title: string; org_id: string; org_name: string }>> {
    return this.db.query(
      `SELECT e.id, e.title, o.id AS org_id, o.name AS org_name
         FROM election e JOIN election_scrutineer s ON s.election_id = e.id AND s.member_id = $1 JOIN organisation o ON o.id = e.organisation_id
        WHERE e.state = 'counted'
          AND NOT EXISTS (SELECT 1 FROM ballot_box b JOIN ballot_box_signature sg ON sg.box_id = b.id AND sg.member_id = $1
                           WHERE b.election_id = e.id AND b.round_no = (SELECT max(b2.round_no) FROM ballot_box b2 WHERE b2.election_id = e.id))
        ORDER BY e.title LIMIT 50`,
      [memberId],
    );
  }

  /** A candidate of an earlier round put up again, with the new round's introduction and order. */
  async reinstateCandidate(
    tx: EntityManager,
    id: string,
    c: { introduction: string | null; surnameStrokes: number | null; approvedOrder: number | null },
  ): Promise<void> {
    await tx.query(`UPDATE election_candidate SET status = 'candidate', introduction = $2, surname_strokes = $3, approved_order = $4 WHERE id = $1`, [
      id,
      c.introduction,
      c.surnameStrokes,
      c.approvedOrder,
    ]);
  }
}

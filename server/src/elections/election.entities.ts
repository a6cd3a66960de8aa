import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type {
  BallotMark,
  BoxState,
  CandidateMode,
  CandidateStatus,
  ElectionKind,
  ElectionRuleSetId,
  ElectionState,
  ElectionTally,
  Electorate,
  ExclusionReason,
  MajorityBase,
  MotionKind,
  MotionState,
  MotionTally,
  RecordedVote,
  ScrutineerRole,
} from '@dangjian/shared';
import { BaseEntity } from '../common/base.entity.js';
import { MeetingEntity } from '../meetings/meeting.entities.js';
import { MemberEntity } from '../members/member.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';

export type RecordedDecisionJson = { vote: RecordedVote; present: number; passed: boolean; at: string };
export type ApprovalJson = { approved: boolean; reference: string; approvedOn: string; note: string | null; recordedBy: string; at: string };
export type PublishedRecordJson = {
  receipts: string[];
  ballots: Array<{
    election: { marks: Record<string, BallotMark>; writeIns: Array<{ replaces: string; name: string }> } | null;
    motion: { choice: BallotMark } | null;
    valid: boolean;
  }>;
};

/**
 * An election at a meeting (E1–E14). `state` follows ELECTION_TRANSITIONS; each voting round is a
 * ballot box. Recorded show-of-hands decisions (选举办法, 监票人, 减少名额) are kept as JSON.
 */
@Entity('election')
@Check('CHK_election_kind', `kind IN ('committee','secretary','deputy_secretary','delegates')`)
@Check('CHK_election_mode', `candidate_mode IN ('competitive','equal')`)
@Check('CHK_election_base', `majority_base IN ('required','present')`)
@Check('CHK_election_electorate', `electorate IN ('members','committee_election')`)
@Check('CHK_election_seats', `seats >= 0 AND original_seats >= 1 AND seats <= original_seats`)
@Index('IDX_election_meeting', ['meetingId'])
@Index('IDX_election_org', ['organisationId'])
export class ElectionEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'meeting_id' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: MeetingEntity;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 20 })
  kind: ElectionKind;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'int' })
  seats: number;

  @Column({ type: 'int', name: 'original_seats' })
  originalSeats: number;

  @Column({ type: 'varchar', length: 12, name: 'candidate_mode' })
  candidateMode: CandidateMode;

  @Column({ type: 'varchar', length: 12, name: 'rule_set' })
  ruleSet: ElectionRuleSetId;

  /** E10's base, copied from the rule set when the election is set up. */
  @Column({ type: 'varchar', length: 10, name: 'majority_base' })
  majorityBase: MajorityBase;

  @Column({ type: 'varchar', length: 20 })
  electorate: Electorate;

  @Column({ type: 'uuid', name: 'committee_election_id', nullable: true })
  committeeElectionId: string | null;

  @ManyToOne(() => ElectionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_election_id' })
  committeeElection?: ElectionEntity;

  @Column({ type: 'text', name: 'rules_text', nullable: true })
  rulesText: string | null;

  @Column({ type: 'varchar', length: 24, default: 'draft' })
  state: ElectionState;

  @Column({ type: 'jsonb', nullable: true })
  attendance: { required: number; present: number; at: string } | null;

  @Column({ type: 'jsonb', name: 'rules_adoption', nullable: true })
  rulesAdoption: RecordedDecisionJson | null;

  @Column({ type: 'jsonb', name: 'scrutineer_approval', nullable: true })
  scrutineerApproval: RecordedDecisionJson | null;

  @Column({ type: 'jsonb', name: 'seat_reduction', nullable: true })
  seatReduction: (RecordedDecisionJson & { from: number; to: number }) | null;

  @Column({ type: 'jsonb', nullable: true })
  approval: ApprovalJson | null;

  @Column({ type: 'text', name: 'cancel_reason', nullable: true })
  cancelReason: string | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;
}

/** A candidate (E4, E5, E14 introduction); a write-in (另选他人) who reached a run-off or was elected has no member id. */
@Entity('election_candidate')
@Check('CHK_election_candidate_status', `status IN ('candidate','elected','not_elected','runoff','withdrawn')`)
@Index('UQ_election_candidate_member', ['electionId', 'memberId'], { unique: true, where: 'member_id IS NOT NULL' })
@Index('IDX_election_candidate_election', ['electionId'])
export class ElectionCandidateEntity {
  @Column({ type: 'uuid', primary: true, generated: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'election_id' })
  electionId: string;

  @ManyToOne(() => ElectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'election_id' })
  election?: ElectionEntity;

  @Column({ type: 'uuid', name: 'member_id', nullable: true })
  memberId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'text', default: '' })
  introduction: string;

  @Column({ type: 'int', name: 'approved_order', nullable: true })
  approvedOrder: number | null;

  @Column({ type: 'int', name: 'surname_strokes', nullable: true })
  surnameStrokes: number | null;

  @Column({ type: 'boolean', name: 'write_in', default: false })
  writeIn: boolean;

  @Column({ type: 'varchar', length: 12, default: 'candidate' })
  status: CandidateStatus;

  @Column({ type: 'int', name: 'elected_in_round', nullable: true })
  electedInRound: number | null;

  @Column({ type: 'int', name: 'added_in_round', default: 1 })
  addedInRound: number;
}

/** E13: scrutineers (one chief) and counters, approved by a recorded vote of the meeting. */
@Entity('election_scrutineer')
@Check('CHK_election_scrutineer_role', `role IN ('chief','scrutineer','counter')`)
export class ElectionScrutineerEntity {
  @PrimaryColumn({ type: 'uuid', name: 'election_id' })
  electionId: string;

  @ManyToOne(() => ElectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'election_id' })
  election?: ElectionEntity;

  @PrimaryColumn({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column({ type: 'varchar', length: 10 })
  role: ScrutineerRole;
}

/** E2: a member left out of 应到会, with the listed reason, the higher approval and the branch meeting's vote. */
@Entity('election_exclusion')
export class ElectionExclusionEntity {
  @PrimaryColumn({ type: 'uuid', name: 'election_id' })
  electionId: string;

  @ManyToOne(() => ElectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'election_id' })
  election?: ElectionEntity;

  @PrimaryColumn({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column({ type: 'varchar', length: 30 })
  reason: ExclusionReason;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 100, name: 'approved_by' })
  approvedBy: string;

  @Column({ type: 'varchar', length: 100, name: 'approval_ref' })
  approvalRef: string;

  @Column({ type: 'date', name: 'approved_on' })
  approvedOn: string;

  @Column({ type: 'jsonb', name: 'meeting_vote' })
  meetingVote: RecordedVote & { heldOn: string };

  @Column({ type: 'uuid', name: 'recorded_by', nullable: true })
  recordedBy: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

/** A motion or admission/confirmation vote (V1–V3). */
@Entity('motion')
@Check('CHK_motion_kind', `kind IN ('general','admission','confirmation','committee')`)
@Index('IDX_motion_meeting', ['meetingId'])
@Index('IDX_motion_org', ['organisationId'])
export class MotionEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'meeting_id' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: MeetingEntity;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 20 })
  kind: MotionKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'uuid', name: 'applicant_member_id', nullable: true })
  applicantMemberId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applicant_member_id' })
  applicant?: MemberEntity;

  @Column({ type: 'varchar', length: 50, name: 'applicant_name', nullable: true })
  applicantName: string | null;

  @Column({ type: 'varchar', length: 12, name: 'rule_set' })
  ruleSet: ElectionRuleSetId;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  state: MotionState;

  @Column({ type: 'text', name: 'cancel_reason', nullable: true })
  cancelReason: string | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;
}

/** V2: an absent voting member's written opinion, recorded before voting opens. */
@Entity('motion_opinion')
@Check('CHK_motion_opinion_choice', `choice IN ('for','against','abstain')`)
export class MotionOpinionEntity {
  @PrimaryColumn({ type: 'uuid', name: 'motion_id' })
  motionId: string;

  @ManyToOne(() => MotionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'motion_id' })
  motion?: MotionEntity;

  @PrimaryColumn({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column({ type: 'varchar', length: 10 })
  choice: BallotMark;

  @Column({ type: 'date', name: 'submitted_on' })
  submittedOn: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'boolean', nullable: true })
  counted: boolean | null;

  @Column({ type: 'uuid', name: 'recorded_by', nullable: true })
  recordedBy: string | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

/**
 * One voting round: an election round or a motion's vote. Counts, the tally and the published record
 * (receipts and ballot contents, separately) live here; times only at this level (E6).
 */
@Entity('ballot_box')
@Check('CHK_ballot_box_owner', `(election_id IS NULL) <> (motion_id IS NULL)`)
@Check('CHK_ballot_box_state', `state IN ('ready','open','closed','void','counted')`)
@Check('CHK_ballot_box_kind', `round_kind IN ('regular','rerun','runoff','additional','motion')`)
@Index('UQ_ballot_box_election_round', ['electionId', 'roundNo'], { unique: true, where: 'election_id IS NOT NULL' })
@Index('UQ_ballot_box_motion_round', ['motionId', 'roundNo'], { unique: true, where: 'motion_id IS NOT NULL' })
export class BallotBoxEntity {
  @Column({ type: 'uuid', primary: true, generated: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'meeting_id' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: MeetingEntity;

  @Column({ type: 'uuid', name: 'election_id', nullable: true })
  electionId: string | null;

  @ManyToOne(() => ElectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'election_id' })
  election?: ElectionEntity;

  @Column({ type: 'uuid', name: 'motion_id', nullable: true })
  motionId: string | null;

  @ManyToOne(() => MotionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'motion_id' })
  motion?: MotionEntity;

  @Column({ type: 'int', name: 'round_no' })
  roundNo: number;

  @Column({ type: 'varchar', length: 12, name: 'round_kind' })
  roundKind: 'regular' | 'rerun' | 'runoff' | 'additional' | 'motion';

  @Column({ type: 'int', default: 1 })
  seats: number;

  /** The ballot's candidates in E5 order. */
  @Column({ type: 'uuid', array: true, name: 'candidate_ids', default: () => `'{}'` })
  candidateIds: string[];

  @Column({ type: 'varchar', length: 10, default: 'ready' })
  state: BoxState;

  @Column({ type: 'int', name: 'required_count', nullable: true })
  requiredCount: number | null;

  @Column({ type: 'int', name: 'present_at_open', nullable: true })
  presentAtOpen: number | null;

  @Column({ type: 'int', name: 'present_at_close', nullable: true })
  presentAtClose: number | null;

  @Column({ type: 'int', nullable: true })
  issued: number | null;

  @Column({ type: 'int', nullable: true })
  collected: number | null;

  @Column({ type: 'jsonb', nullable: true })
  tally: ElectionTally | MotionTally | null;

  @Column({ type: 'jsonb', nullable: true })
  record: PublishedRecordJson | null;

  @Column({ type: 'char', length: 64, nullable: true })
  digest: string | null;

  @Column({ type: 'timestamptz', name: 'opened_at', nullable: true })
  openedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'counted_at', nullable: true })
  countedAt: Date | null;
}

/** The voter roll (E1, E2) fixed when the box opens: 应到会. */
@Entity('ballot_box_roll')
export class BallotBoxRollEntity {
  @PrimaryColumn({ type: 'uuid', name: 'box_id' })
  boxId: string;

  @ManyToOne(() => BallotBoxEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'box_id' })
  box?: BallotBoxEntity;

  @PrimaryColumn({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;
}

/**
 * E6: the only voter-side record of a vote: "has voted". Nothing else — no time, no sequence, no
 * link to the ballot. The primary key makes a second ballot by the same voter impossible; the foreign
 * key to the roll makes a vote by someone not on it impossible.
 */
@Entity('ballot_box_voter')
export class BallotBoxVoterEntity {
  @PrimaryColumn({ type: 'uuid', name: 'box_id' })
  boxId: string;

  @PrimaryColumn({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => BallotBoxRollEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'box_id', referencedColumnName: 'boxId' },
    { name: 'member_id', referencedColumnName: 'memberId' },
  ])
  roll?: BallotBoxRollEntity;
}

/**
 * E6: a ballot. A random uuid key (v4, not time-ordered), the box, the voter's random receipt code and
 * the content. No voter id, no serial, no timestamp; rewritten in random order when the box closes.
 */
@Entity('ballot')
@Index('UQ_ballot_receipt', ['boxId', 'receipt'], { unique: true })
export class BallotEntity {
  @Column({ type: 'uuid', primary: true, generated: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'box_id' })
  boxId: string;

  @ManyToOne(() => BallotBoxEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'box_id' })
  box?: BallotBoxEntity;

  @Column({ type: 'varchar', length: 16 })
  receipt: string;

  @Column({ type: 'jsonb' })
  content: { marks: Record<string, BallotMark>; writeIns: Array<{ replaces: string; name: string }> } | { choice: BallotMark };
}

/** E13: a scrutineer's signature over the digest of the published record. */
@Entity('ballot_box_signature')
export class BallotBoxSignatureEntity {
  @PrimaryColumn({ type: 'uuid', name: 'box_id' })
  boxId: string;

  @ManyToOne(() => BallotBoxEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'box_id' })
  box?: BallotBoxEntity;

  @PrimaryColumn({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  @Column({ type: 'varchar', length: 10 })
  role: ScrutineerRole;

  @Column({ type: 'char', length: 64 })
  digest: string;

  @Column({ type: 'timestamptz', name: 'signed_at', default: () => 'now()' })
  signedAt: Date;
}

export const ELECTION_ENTITIES = [
  ElectionEntity,
  ElectionCandidateEntity,
  ElectionScrutineerEntity,
  ElectionExclusionEntity,
  MotionEntity,
  MotionOpinionEntity,
  BallotBoxEntity,
  BallotBoxRollEntity,
  BallotBoxVoterEntity,
  BallotEntity,
  BallotBoxSignatureEntity,
];

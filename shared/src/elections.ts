import { z } from 'zod';
import { DateOnlySchema, PageQuerySchema, UuidSchema, pageOf } from './common.js';
import { RotatingQrSchema, type MeetingType } from './meetings.js';

/*
 * Elections (DOMAIN E1–E14) and motions / admission votes (V1–V3) by secret QR ballot. Every request
 * and response of the elections, motions and ballots endpoints is defined here once;
 * docs/modules/elections.md lists the endpoints.
 */

const Instant = z.iso.datetime({ offset: true });
const ReasonText = z.string().trim().min(2, { message: '请填写原因（至少 2 个字）' }).max(500);

// ---- Enums and labels ----

/** What is elected. 书记/副书记 results need the higher organisation's approval (E14). */
export const ElectionKind = z.enum(['committee', 'secretary', 'deputy_secretary', 'delegates']);
export type ElectionKind = z.infer<typeof ElectionKind>;
export const ELECTION_KIND_LABEL: Record<ElectionKind, string> = {
  committee: '委员会委员',
  secretary: '书记',
  deputy_secretary: '副书记',
  delegates: '出席上级党代表大会代表',
};
/** E14: these results are pending until the higher organisation approves them. */
export const needsHigherApproval = (kind: ElectionKind) => kind === 'secretary' || kind === 'deputy_secretary';

/** E4: 差额 (more candidates than seats) or 等额 (candidates = seats). */
export const CandidateMode = z.enum(['competitive', 'equal']);
export type CandidateMode = z.infer<typeof CandidateMode>;
export const CANDIDATE_MODE_LABEL: Record<CandidateMode, string> = { competitive: '差额选举', equal: '等额选举' };

/** E10's base: 应到会有选举权人数 (required) or 实到会有选举权人数 (present). */
export const MajorityBase = z.enum(['required', 'present']);
export type MajorityBase = z.infer<typeof MajorityBase>;
export const MAJORITY_BASE_LABEL: Record<MajorityBase, string> = { required: '应到会有选举权的党员人数', present: '实到会有选举权的党员人数' };

/**
 * Versioned rule sets (DOMAIN E10 [?]). An election records the id it was set up under, so a later
 * change of the default never changes a past result.
 */
export const ElectionRuleSetId = z.enum(['2020-v1', '1990-v1']);
export type ElectionRuleSetId = z.infer<typeof ElectionRuleSetId>;
export type ElectionRuleSet = {
  id: ElectionRuleSetId;
  label: string;
  /** E10: the base of "more than half". */
  majorityBase: MajorityBase;
  /** E4: the default mode of 书记/副书记 elections (委员 and 代表 are always 差额). */
  secretaryMode: CandidateMode;
  /** V3: 支委会 decisions pass with 赞成 above half of the committee ('required') or of those present. */
  committeeMajorityBase: MajorityBase;
};
export const ELECTION_RULE_SETS: Record<ElectionRuleSetId, ElectionRuleSet> = {
  '2020-v1': {
    id: '2020-v1',
    label: '《中国共产党基层组织选举工作条例》(2020)：赞成票超过应到会有选举权人数的一半',
    majorityBase: 'required',
    secretaryMode: 'equal',
    committeeMajorityBase: 'required',
  },
  '1990-v1': {
    id: '1990-v1',
    label: '《中国共产党基层组织选举工作暂行条例》(1990)：赞成票超过实到会有选举权人数的一半',
    majorityBase: 'present',
    secretaryMode: 'equal',
    committeeMajorityBase: 'required',
  },
};
export const DEFAULT_RULE_SET: ElectionRuleSetId = '2020-v1';

/** Who may vote: the meeting's voting members, or (E14) the committee just elected, for its secretary. */
export const Electorate = z.enum(['members', 'committee_election']);
export type Electorate = z.infer<typeof Electorate>;

/** E14 steps as states (see ELECTION_TRANSITIONS in rules/election-rules.ts). */
export const ElectionState = z.enum([
  'draft',
  'attendance_reported',
  'rules_adopted',
  'candidates_announced',
  'scrutineers_approved',
  'voting_open',
  'voting_closed',
  'void',
  'verified',
  'counted',
  'signed',
  'runoff_required',
  'shortfall',
  'pending_approval',
  'completed',
  'approved',
  'not_approved',
  'cancelled',
]);
export type ElectionState = z.infer<typeof ElectionState>;
export const ELECTION_STATE_LABEL: Record<ElectionState, string> = {
  draft: '筹备中',
  attendance_reported: '已报告到会人数',
  rules_adopted: '已通过选举办法',
  candidates_announced: '已公布候选人',
  scrutineers_approved: '已通过监票人',
  voting_open: '投票中',
  voting_closed: '投票已结束',
  void: '选举无效（需重新投票）',
  verified: '已清点选票',
  counted: '已计票',
  signed: '监票人已签字',
  runoff_required: '需再次投票',
  shortfall: '当选人不足',
  pending_approval: '待上级批准',
  completed: '已完成',
  approved: '上级已批准',
  not_approved: '上级未批准',
  cancelled: '已取消',
};

export const ElectionAction = z.enum([
  'report_attendance',
  'adopt_rules',
  'announce_candidates',
  'approve_scrutineers',
  'open_voting',
  'close_voting',
  'verify_ballots',
  'count',
  'sign',
  'announce',
  'rerun',
  'start_runoff',
  'start_additional',
  'reduce_seats',
  'record_approval',
  'cancel',
]);
export type ElectionAction = z.infer<typeof ElectionAction>;
export const ELECTION_ACTION_LABEL: Record<ElectionAction, string> = {
  report_attendance: '报告到会人数',
  adopt_rules: '通过选举办法',
  announce_candidates: '公布候选人名单',
  approve_scrutineers: '通过监票人名单',
  open_voting: '发放选票、开始投票',
  close_voting: '结束投票',
  verify_ballots: '清点选票（核对收回票数与发出票数）',
  count: '计票',
  sign: '监票人签字',
  announce: '宣布选举结果',
  rerun: '重新投票',
  start_runoff: '对票数相等的被选举人再次投票',
  start_additional: '另行选举',
  reduce_seats: '减少名额',
  record_approval: '记录上级批复',
  cancel: '取消选举',
};

/** E7: one mark per candidate. */
export const BallotMark = z.enum(['for', 'against', 'abstain']);
export type BallotMark = z.infer<typeof BallotMark>;
export const BALLOT_MARK_LABEL: Record<BallotMark, string> = { for: '赞成', against: '不赞成', abstain: '弃权' };

/** E2: the listed reasons an eligible member may be left out of 应到会. */
export const ExclusionReason = z.enum(['incapacitated', 'abroad', 'imprisoned', 'bedridden', 'away_untransferred']);
export type ExclusionReason = z.infer<typeof ExclusionReason>;
export const EXCLUSION_REASON_LABEL: Record<ExclusionReason, string> = {
  incapacitated: '患有精神疾病或者其他疾病导致不能表达本人意志',
  abroad: '出国半年以上',
  imprisoned: '受留党察看处分或正在服刑',
  bedridden: '年老体弱卧床不起和长期生病生活不能自理',
  away_untransferred: '工作单位和居住地发生变化，外出半年以上未转出组织关系',
};

/** Why a member on the meeting's list cannot vote (E1). */
export const IneligibleReason = z.enum(['guest', 'probationary', 'disciplinary_probation', 'rights_suspended', 'not_on_committee']);
export type IneligibleReason = z.infer<typeof IneligibleReason>;
export const INELIGIBLE_REASON_LABEL: Record<IneligibleReason, string> = {
  guest: '列席（组织关系不在本组织）',
  probationary: '预备党员',
  disciplinary_probation: '受留党察看处分',
  rights_suspended: '党员权利被停止',
  not_on_committee: '不是新当选的委员',
};

// ---- Shared pieces ----

/** A show-of-hands vote of the meeting, recorded as counts (选举办法, 监票人, 减少名额, E2 exclusions). */
export const RecordedVoteSchema = z
  .object({
    for: z.number().int().min(0).max(100_000),
    against: z.number().int().min(0).max(100_000),
    abstain: z.number().int().min(0).max(100_000),
  })
  .meta({ id: 'RecordedVote' });
export type RecordedVote = z.infer<typeof RecordedVoteSchema>;

export const QuorumSchema = z
  .object({
    rule: z.string(),
    /** 应到会: the roll. */
    required: z.number().int(),
    /** Checked in (confirmed) among the roll. */
    present: z.number().int(),
    /** The fewest present that satisfies the rule. */
    minimum: z.number().int(),
    met: z.boolean(),
    message: z.string(),
  })
  .meta({ id: 'Quorum' });
export type Quorum = z.infer<typeof QuorumSchema>;

export const PersonRefSchema = z.object({ memberId: UuidSchema, name: z.string() }).meta({ id: 'PersonRef' });
export type PersonRef = z.infer<typeof PersonRefSchema>;

// ---- Elections: requests ----

const Introduction = z.string().trim().min(2, { message: '请填写候选人简介' }).max(2000);

export const CandidateInputSchema = z
  .object({
    memberId: UuidSchema,
    /** E14: the candidate's introduction, shown on the ballot. */
    introduction: Introduction,
    /** E5: for 书记/副书记, the order approved by the higher organisation (1, 2, …). */
    approvedOrder: z.number().int().min(1).max(100).optional(),
    /** E5: the surname's stroke count when the built-in table does not know the surname. */
    surnameStrokes: z.number().int().min(1).max(40).optional(),
  })
  .meta({ id: 'CandidateInput' });
export type CandidateInput = z.infer<typeof CandidateInputSchema>;

export const ELECTION_LIMITS = { maxSeats: 50, maxCandidates: 80, maxScrutineers: 9 } as const;

export const CreateElectionSchema = z
  .object({
    meetingId: UuidSchema,
    kind: ElectionKind,
    title: z.string().trim().min(1).max(100).optional(),
    seats: z.number().int().min(1).max(ELECTION_LIMITS.maxSeats),
    /** E4: default 差额, and for 书记/副书记 the rule set's default (等额). */
    candidateMode: CandidateMode.optional(),
    ruleSet: ElectionRuleSetId.default(DEFAULT_RULE_SET),
    /** Default `members`; `committee_election`: the members elected by `committeeElectionId` vote (E14). */
    electorate: Electorate.default('members'),
    committeeElectionId: UuidSchema.optional(),
    /** The 选举办法 text put to the meeting (adopted in the step `adopt-rules`). */
    rulesText: z.string().trim().max(20_000).optional(),
    candidates: z.array(CandidateInputSchema).min(1).max(ELECTION_LIMITS.maxCandidates),
  })
  .refine((e) => e.electorate !== 'committee_election' || !!e.committeeElectionId, {
    message: '由新一届委员会选举时须指定委员选举',
    path: ['committeeElectionId'],
  })
  .meta({ id: 'CreateElection' });
export type CreateElectionDto = z.infer<typeof CreateElectionSchema>;

/** Only while in `draft`; `candidates` replaces the list. */
export const UpdateElectionSchema = z
  .object({
    title: z.string().trim().min(1).max(100).optional(),
    seats: z.number().int().min(1).max(ELECTION_LIMITS.maxSeats).optional(),
    candidateMode: CandidateMode.optional(),
    rulesText: z.string().trim().max(20_000).optional(),
    candidates: z.array(CandidateInputSchema).min(1).max(ELECTION_LIMITS.maxCandidates).optional(),
  })
  .meta({ id: 'UpdateElection' });
export type UpdateElectionDto = z.infer<typeof UpdateElectionSchema>;

/** E2: an exclusion from 应到会 needs a listed reason, the higher organisation's approval and the branch meeting's vote. */
export const ExclusionInputSchema = z
  .object({
    memberId: UuidSchema,
    reason: ExclusionReason,
    note: z.string().trim().max(500).optional(),
    higherApproval: z.object({
      approvedBy: z.string().trim().min(2).max(100),
      reference: z.string().trim().min(1).max(100),
      approvedOn: DateOnlySchema,
    }),
    meetingVote: RecordedVoteSchema.extend({ heldOn: DateOnlySchema }),
  })
  .meta({ id: 'ExclusionInput' });
export type ExclusionInputDto = z.infer<typeof ExclusionInputSchema>;

export const AdoptRulesSchema = z.object({ vote: RecordedVoteSchema, rulesText: z.string().trim().max(20_000).optional() }).meta({ id: 'AdoptRules' });
export type AdoptRulesDto = z.infer<typeof AdoptRulesSchema>;

/** E13: scrutineers (监票人, one of them 总监票人) and counters (计票人) and the meeting's vote approving them. */
export const ApproveScrutineersSchema = z
  .object({
    scrutineerIds: z.array(UuidSchema).min(1).max(ELECTION_LIMITS.maxScrutineers),
    chiefScrutineerId: UuidSchema.optional(),
    counterIds: z.array(UuidSchema).max(ELECTION_LIMITS.maxScrutineers).default([]),
    vote: RecordedVoteSchema,
  })
  .refine((s) => !s.chiefScrutineerId || s.scrutineerIds.includes(s.chiefScrutineerId), {
    message: '总监票人须在监票人名单中',
    path: ['chiefScrutineerId'],
  })
  .meta({ id: 'ApproveScrutineers' });
export type ApproveScrutineersDto = z.infer<typeof ApproveScrutineersSchema>;

/** E13: a scrutineer signs the digest of the published record they checked. */
export const SignResultSchema = z
  .object({ digest: z.string().regex(/^[0-9a-f]{64}$/, { message: '应为 64 位十六进制 SHA-256 摘要' }) })
  .meta({ id: 'SignResult' });
export type SignResultDto = z.infer<typeof SignResultSchema>;

/** E12: 另行选举 for the shortfall, with its own candidates (E4 applies again). */
export const StartAdditionalSchema = z
  .object({ candidates: z.array(CandidateInputSchema).min(1).max(ELECTION_LIMITS.maxCandidates) })
  .meta({ id: 'StartAdditional' });
export type StartAdditionalDto = z.infer<typeof StartAdditionalSchema>;

/** E12: reduce the seats to those elected, with the consent of more than half of the voters (recorded). */
export const ReduceSeatsSchema = z.object({ consent: RecordedVoteSchema }).meta({ id: 'ReduceSeats' });
export type ReduceSeatsDto = z.infer<typeof ReduceSeatsSchema>;

/** E14: the higher organisation's answer on a 书记/副书记 result. */
export const RecordApprovalSchema = z
  .object({
    approved: z.boolean(),
    reference: z.string().trim().min(1).max(100),
    approvedOn: DateOnlySchema,
    note: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'RecordApproval' });
export type RecordApprovalDto = z.infer<typeof RecordApprovalSchema>;

/** E6: a voter who cannot write is assisted by a non-candidate; logged (who, whom), never the choices. */
export const AssistedVotingSchema = z
  .object({ voterId: UuidSchema, assistantId: UuidSchema, note: z.string().trim().max(200).optional() })
  .meta({ id: 'AssistedVoting' });
export type AssistedVotingDto = z.infer<typeof AssistedVotingSchema>;

export const AssistanceSchema = z
  .object({ voter: PersonRefSchema, assistant: PersonRefSchema, round: z.number().int(), note: z.string().nullable() })
  .meta({ id: 'Assistance' });
export type Assistance = z.infer<typeof AssistanceSchema>;

export const CancelVoteSchema = z.object({ reason: ReasonText }).meta({ id: 'CancelVote' });
export type CancelVoteDto = z.infer<typeof CancelVoteSchema>;

export const ElectionListQuerySchema = PageQuerySchema.extend({
  meetingId: UuidSchema.optional(),
  /** Subtree; default every subtree the caller may read. */
  orgId: UuidSchema.optional(),
  state: ElectionState.optional(),
}).meta({ id: 'ElectionListQuery' });
export type ElectionListQuery = z.infer<typeof ElectionListQuerySchema>;

// ---- Elections: responses ----

export const CandidateStatus = z.enum(['candidate', 'elected', 'not_elected', 'runoff', 'withdrawn']);
export type CandidateStatus = z.infer<typeof CandidateStatus>;
export const CANDIDATE_STATUS_LABEL: Record<CandidateStatus, string> = {
  candidate: '候选人',
  elected: '当选',
  not_elected: '未当选',
  runoff: '待再次投票',
  withdrawn: '未列入本轮',
};

export const ElectionCandidateSchema = z
  .object({
    id: UuidSchema,
    /** Null for a write-in (另选他人) who reached a run-off or was elected. */
    memberId: UuidSchema.nullable(),
    name: z.string(),
    introduction: z.string(),
    /** E5: position on the ballot (1-based). */
    order: z.number().int(),
    surnameStrokes: z.number().int().nullable(),
    approvedOrder: z.number().int().nullable(),
    writeIn: z.boolean(),
    status: CandidateStatus,
    /** Round in which the candidate was elected. */
    electedInRound: z.number().int().nullable(),
  })
  .meta({ id: 'ElectionCandidate' });
export type ElectionCandidate = z.infer<typeof ElectionCandidateSchema>;

export const ScrutineerRole = z.enum(['chief', 'scrutineer', 'counter']);
export type ScrutineerRole = z.infer<typeof ScrutineerRole>;
export const SCRUTINEER_ROLE_LABEL: Record<ScrutineerRole, string> = { chief: '总监票人', scrutineer: '监票人', counter: '计票人' };
export const ScrutineerSchema = z.object({ memberId: UuidSchema, name: z.string(), role: ScrutineerRole }).meta({ id: 'Scrutineer' });
export type Scrutineer = z.infer<typeof ScrutineerSchema>;

export const ExclusionSchema = z
  .object({
    member: PersonRefSchema,
    reason: ExclusionReason,
    reasonLabel: z.string(),
    note: z.string().nullable(),
    higherApproval: z.object({ approvedBy: z.string(), reference: z.string(), approvedOn: DateOnlySchema }),
    meetingVote: RecordedVoteSchema.extend({ heldOn: DateOnlySchema }),
    recordedAt: Instant,
  })
  .meta({ id: 'Exclusion' });
export type Exclusion = z.infer<typeof ExclusionSchema>;

export const RecordedDecisionSchema = z
  .object({ vote: RecordedVoteSchema, present: z.number().int(), passed: z.boolean(), at: Instant })
  .meta({ id: 'RecordedDecision' });
export type RecordedDecision = z.infer<typeof RecordedDecisionSchema>;

/** One row of a tally: a candidate or a write-in name (另选他人). */
export const TallyRowSchema = z
  .object({
    /** `c:<candidate id>` or `w:<name>`. */
    key: z.string(),
    candidateId: UuidSchema.nullable(),
    name: z.string(),
    writeIn: z.boolean(),
    for: z.number().int(),
    against: z.number().int(),
    abstain: z.number().int(),
    /** E10 (or, in a run-off, simply ranked): above the threshold. */
    passed: z.boolean(),
    outcome: z.enum(['elected', 'runoff', 'not_elected']),
  })
  .meta({ id: 'TallyRow' });
export type TallyRow = z.infer<typeof TallyRowSchema>;

export const ElectionTallySchema = z
  .object({
    /** E9: more ballots collected than issued: the round is void. */
    void: z.boolean(),
    issued: z.number().int(),
    collected: z.number().int(),
    valid: z.number().int(),
    /** E8: kept and reported, never counted toward anyone. */
    invalid: z.number().int(),
    /** E10: the base (应到会 or 实到会 with the vote) and the fewest 赞成 that pass (more than half). */
    majorityBase: MajorityBase,
    base: z.number().int(),
    threshold: z.number().int(),
    /** Run-off rounds rank the tied candidates by votes, without a threshold (E11). */
    plurality: z.boolean(),
    seats: z.number().int(),
    rows: z.array(TallyRowSchema),
    elected: z.array(z.string()),
    /** E11: a tie at the cut-off: a run-off among these (keys) for `seats`. */
    runoff: z.object({ keys: z.array(z.string()), seats: z.number().int() }).nullable(),
    /** E12: seats left unfilled (never filled from below the threshold). */
    shortfall: z.number().int(),
  })
  .meta({ id: 'ElectionTally' });
export type ElectionTally = z.infer<typeof ElectionTallySchema>;

export const RoundKind = z.enum(['regular', 'rerun', 'runoff', 'additional']);
export type RoundKind = z.infer<typeof RoundKind>;
export const ROUND_KIND_LABEL: Record<RoundKind, string> = { regular: '正式选举', rerun: '重新投票', runoff: '再次投票', additional: '另行选举' };

export const BoxState = z.enum(['ready', 'open', 'closed', 'void', 'counted']);
export type BoxState = z.infer<typeof BoxState>;

export const SignatureSchema = z
  .object({ memberId: UuidSchema, name: z.string(), role: ScrutineerRole, digest: z.string(), signedAt: Instant })
  .meta({ id: 'Signature' });
export type Signature = z.infer<typeof SignatureSchema>;

export const ElectionRoundSchema = z
  .object({
    number: z.number().int(),
    kind: RoundKind,
    boxId: UuidSchema,
    state: BoxState,
    seats: z.number().int(),
    candidateIds: z.array(UuidSchema),
    /** 应到会 at opening (after E2 exclusions). */
    required: z.number().int().nullable(),
    presentAtOpen: z.number().int().nullable(),
    presentAtClose: z.number().int().nullable(),
    /** Ballots issued (voters who voted) and collected (ballots in the box): compared in E9. */
    issued: z.number().int().nullable(),
    collected: z.number().int().nullable(),
    tally: ElectionTallySchema.nullable(),
    /** SHA-256 of the published record (after counting), which the scrutineers sign. */
    digest: z.string().nullable(),
    signatures: z.array(SignatureSchema),
    openedAt: Instant.nullable(),
    closedAt: Instant.nullable(),
  })
  .meta({ id: 'ElectionRound' });
export type ElectionRound = z.infer<typeof ElectionRoundSchema>;

export const ElectionSummarySchema = z
  .object({
    id: UuidSchema,
    meetingId: UuidSchema,
    meetingTitle: z.string(),
    organisationId: UuidSchema,
    organisationName: z.string(),
    kind: ElectionKind,
    title: z.string(),
    seats: z.number().int(),
    state: ElectionState,
    candidateCount: z.number().int(),
    createdAt: Instant,
  })
  .meta({ id: 'ElectionSummary' });
export type ElectionSummary = z.infer<typeof ElectionSummarySchema>;
export const ElectionPageSchema = pageOf(ElectionSummarySchema).meta({ id: 'ElectionPage' });
export type ElectionPage = z.infer<typeof ElectionPageSchema>;

export const ElectionDetailSchema = ElectionSummarySchema.extend({
  /** Seats as first set (before an E12 reduction). */
  originalSeats: z.number().int(),
  candidateMode: CandidateMode,
  ruleSet: ElectionRuleSetId,
  ruleSetLabel: z.string(),
  majorityBase: MajorityBase,
  electorate: Electorate,
  committeeElectionId: UuidSchema.nullable(),
  rulesText: z.string().nullable(),
  /** In E5 order (stroke count; 书记/副书记 in the approved order). */
  candidates: z.array(ElectionCandidateSchema),
  scrutineers: z.array(ScrutineerSchema),
  exclusions: z.array(ExclusionSchema),
  /** E6: assisted voting, logged without the choices (managers only; empty for others). */
  assistance: z.array(AssistanceSchema),
  attendance: z.object({ required: z.number().int(), present: z.number().int(), at: Instant }).nullable(),
  rulesAdoption: RecordedDecisionSchema.nullable(),
  scrutineerApproval: RecordedDecisionSchema.nullable(),
  seatReduction: RecordedDecisionSchema.extend({ from: z.number().int(), to: z.number().int() }).nullable(),
  approval: z
    .object({ approved: z.boolean(), reference: z.string(), approvedOn: DateOnlySchema, note: z.string().nullable(), recordedBy: z.string(), at: Instant })
    .nullable(),
  cancelReason: z.string().nullable(),
  rounds: z.array(ElectionRoundSchema),
  /** Who is elected so far (all rounds), in E5 order. */
  elected: z.array(z.object({ candidateId: UuidSchema, memberId: UuidSchema.nullable(), name: z.string(), round: z.number().int() })),
  /** The next steps the state machine allows (E14). */
  allowedActions: z.array(ElectionAction),
  canManage: z.boolean(),
  /** The caller is a scrutineer and has not signed the current digest. */
  canSign: z.boolean(),
}).meta({ id: 'ElectionDetail' });
export type ElectionDetail = z.infer<typeof ElectionDetailSchema>;

export const RollMemberSchema = z
  .object({
    memberId: UuidSchema,
    name: z.string(),
    /** E1. */
    eligible: z.boolean(),
    ineligibleReason: IneligibleReason.nullable(),
    /** E2: excluded from 应到会. */
    excluded: z.boolean(),
    /** Checked in (confirmed). */
    present: z.boolean(),
  })
  .meta({ id: 'RollMember' });
export type RollMember = z.infer<typeof RollMemberSchema>;

/** E1, E2, E3 before voting opens: who is on the roll, who is present, and whether the quorum is met. */
export const VoterRollSchema = z
  .object({
    eligible: z.number().int(),
    excluded: z.number().int(),
    required: z.number().int(),
    present: z.number().int(),
    quorum: QuorumSchema,
    members: z.array(RollMemberSchema),
  })
  .meta({ id: 'VoterRoll' });
export type VoterRoll = z.infer<typeof VoterRollSchema>;

// ---- Motions and admission votes (V1–V3) ----

export const MotionKind = z.enum(['general', 'admission', 'confirmation', 'committee']);
export type MotionKind = z.infer<typeof MotionKind>;
export const MOTION_KIND_LABEL: Record<MotionKind, string> = {
  general: '党员大会表决事项',
  admission: '接收预备党员',
  confirmation: '预备党员转为正式党员',
  committee: '支部委员会决定事项',
};
export const MOTION_KIND_RULE: Record<MotionKind, 'V1' | 'V2' | 'V3'> = { general: 'V1', admission: 'V2', confirmation: 'V2', committee: 'V3' };

export const MotionState = z.enum(['draft', 'voting_open', 'voting_closed', 'void', 'counted', 'cancelled']);
export type MotionState = z.infer<typeof MotionState>;
export const MOTION_STATE_LABEL: Record<MotionState, string> = {
  draft: '准备中',
  voting_open: '表决中',
  voting_closed: '表决已结束',
  void: '表决无效（需重新表决）',
  counted: '已计票',
  cancelled: '已取消',
};
export const MotionAction = z.enum(['open_voting', 'close_voting', 'count', 'rerun', 'cancel']);
export type MotionAction = z.infer<typeof MotionAction>;
export const MOTION_ACTION_LABEL: Record<MotionAction, string> = {
  open_voting: '开始表决',
  close_voting: '结束表决',
  count: '计票',
  rerun: '重新表决',
  cancel: '取消',
};

export const CreateMotionSchema = z
  .object({
    meetingId: UuidSchema,
    kind: MotionKind,
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(20_000).default(''),
    /** V2: exactly one applicant per vote. Confirmation: the probationary member; admission: the applicant's name. */
    applicant: z.object({ memberId: UuidSchema.optional(), name: z.string().trim().min(1).max(50).optional() }).optional(),
  })
  .refine((m) => (m.kind === 'admission' || m.kind === 'confirmation') === !!m.applicant, {
    message: '接收预备党员和转正表决须指定一名申请人，其他表决事项不指定',
    path: ['applicant'],
  })
  .refine((m) => m.kind !== 'confirmation' || !!m.applicant?.memberId, { message: '转正表决须指定预备党员', path: ['applicant', 'memberId'] })
  .refine((m) => m.kind !== 'admission' || !!m.applicant?.name, { message: '请填写申请人姓名', path: ['applicant', 'name'] })
  .meta({ id: 'CreateMotion' });
export type CreateMotionDto = z.infer<typeof CreateMotionSchema>;

/** V2: an absent voting member's written opinion, submitted before the meeting. */
export const WrittenOpinionInputSchema = z
  .object({
    memberId: UuidSchema,
    choice: BallotMark,
    submittedOn: DateOnlySchema,
    note: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'WrittenOpinionInput' });
export type WrittenOpinionInputDto = z.infer<typeof WrittenOpinionInputSchema>;

export const WrittenOpinionSchema = z
  .object({
    member: PersonRefSchema,
    choice: BallotMark,
    submittedOn: DateOnlySchema,
    note: z.string().nullable(),
    /** Known after counting: counted only when the member was absent and did not vote. */
    counted: z.boolean().nullable(),
  })
  .meta({ id: 'WrittenOpinion' });
export type WrittenOpinion = z.infer<typeof WrittenOpinionSchema>;

export const MotionTallySchema = z
  .object({
    rule: z.enum(['V1', 'V2', 'V3']),
    void: z.boolean(),
    required: z.number().int(),
    present: z.number().int(),
    quorum: QuorumSchema,
    issued: z.number().int(),
    collected: z.number().int(),
    for: z.number().int(),
    against: z.number().int(),
    abstain: z.number().int(),
    /** V2: written opinions of absent voting members, counted. */
    writtenFor: z.number().int(),
    writtenAgainst: z.number().int(),
    writtenAbstain: z.number().int(),
    /** The base of the majority and the fewest 赞成 that pass. */
    majorityBase: z.number().int(),
    threshold: z.number().int(),
    passed: z.boolean(),
    message: z.string(),
  })
  .meta({ id: 'MotionTally' });
export type MotionTally = z.infer<typeof MotionTallySchema>;

export const MotionSummarySchema = z
  .object({
    id: UuidSchema,
    meetingId: UuidSchema,
    meetingTitle: z.string(),
    organisationId: UuidSchema,
    organisationName: z.string(),
    kind: MotionKind,
    title: z.string(),
    state: MotionState,
    passed: z.boolean().nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'MotionSummary' });
export type MotionSummary = z.infer<typeof MotionSummarySchema>;
export const MotionPageSchema = pageOf(MotionSummarySchema).meta({ id: 'MotionPage' });
export type MotionPage = z.infer<typeof MotionPageSchema>;

export const MotionListQuerySchema = PageQuerySchema.extend({
  meetingId: UuidSchema.optional(),
  orgId: UuidSchema.optional(),
  state: MotionState.optional(),
}).meta({ id: 'MotionListQuery' });
export type MotionListQuery = z.infer<typeof MotionListQuerySchema>;

export const MotionDetailSchema = MotionSummarySchema.extend({
  description: z.string(),
  rule: z.enum(['V1', 'V2', 'V3']),
  applicant: z.object({ memberId: UuidSchema.nullable(), name: z.string() }).nullable(),
  writtenOpinions: z.array(WrittenOpinionSchema),
  /** The current ballot box (the latest round). */
  boxId: UuidSchema.nullable(),
  boxState: BoxState.nullable(),
  rounds: z.number().int(),
  tally: MotionTallySchema.nullable(),
  digest: z.string().nullable(),
  cancelReason: z.string().nullable(),
  allowedActions: z.array(MotionAction),
  canManage: z.boolean(),
}).meta({ id: 'MotionDetail' });
export type MotionDetail = z.infer<typeof MotionDetailSchema>;

/** V1–V3 before voting opens: the roll and the quorum of the motion's rule. */
export const MotionRollSchema = VoterRollSchema.meta({ id: 'MotionRoll' });
export type MotionRoll = z.infer<typeof MotionRollSchema>;

// ---- Ballots (both) ----

/** The QR content's path (after `#`) and its token parameter. */
export const BALLOT_SCAN_PATH = '/vote/ballot';
export const BALLOT_TOKEN_PARAM = 'b';
/** How long a ballot, once opened by a scan, may be filled in before it must be scanned again. */
export const BALLOT_PASS_MINUTES = 15;

/** The ballot token inside a scanned URL (or the token itself), else null. */
export function ballotTokenFromScan(content: string): string | null {
  const s = content.trim();
  const m = /[?&]b=([^&#\s]+)/.exec(s);
  if (m) {
    try {
      return decodeURIComponent(m[1]!);
    } catch {
      return null;
    }
  }
  return /^b1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}\.\d+\.[A-Za-z0-9_-]+$/.test(s) ? s : null;
}

/** GET …/ballot-code: the rotating QR that opens the ballot (`url` is `…/#/vote/ballot?b=<token>`). */
export const BallotCodeSchema = RotatingQrSchema.extend({ boxId: UuidSchema }).meta({ id: 'BallotCode' });
export type BallotCode = z.infer<typeof BallotCodeSchema>;

/** The meeting screen during a vote: turnout only; results only once counted. */
export const VoteScreenSchema = z
  .object({
    title: z.string(),
    kind: z.enum(['election', 'motion']),
    state: z.string(),
    stateLabel: z.string(),
    round: z.number().int().nullable(),
    boxState: BoxState.nullable(),
    required: z.number().int(),
    /** Eligible members on the roll who are checked in. */
    present: z.number().int(),
    /** Ballots cast so far (has-voted marks). */
    voted: z.number().int(),
    quorum: QuorumSchema,
    electionTally: ElectionTallySchema.nullable(),
    motionTally: MotionTallySchema.nullable(),
    serverTime: Instant,
  })
  .meta({ id: 'VoteScreen' });
export type VoteScreen = z.infer<typeof VoteScreenSchema>;

export const OpenBallotSchema = z.object({ token: z.string().trim().min(1).max(300) }).meta({ id: 'OpenBallot' });
export type OpenBallotDto = z.infer<typeof OpenBallotSchema>;

export const BallotCandidateSchema = z
  .object({ id: UuidSchema, name: z.string(), introduction: z.string(), order: z.number().int() })
  .meta({ id: 'BallotCandidate' });
export type BallotCandidate = z.infer<typeof BallotCandidateSchema>;

/** What a member sees after scanning: the ballot, and a pass to cast it with. */
export const BallotViewSchema = z
  .object({
    /** Send back with the cast; bound to this member and this ballot box; expires. */
    pass: z.string(),
    passExpiresAt: Instant,
    boxId: UuidSchema,
    kind: z.enum(['election', 'motion']),
    title: z.string(),
    organisationName: z.string(),
    meetingTitle: z.string(),
    election: z
      .object({
        electionId: UuidSchema,
        kind: ElectionKind,
        round: z.number().int(),
        roundKind: RoundKind,
        /** E8: more 赞成 + write-ins than this makes the ballot invalid. */
        seats: z.number().int(),
        candidates: z.array(BallotCandidateSchema),
        /** E7: write-ins allowed (in place of 不赞成); not in a run-off. */
        writeInsAllowed: z.boolean(),
      })
      .nullable(),
    motion: z
      .object({
        motionId: UuidSchema,
        kind: MotionKind,
        description: z.string(),
        applicant: z.object({ memberId: UuidSchema.nullable(), name: z.string() }).nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'BallotView' });
export type BallotView = z.infer<typeof BallotViewSchema>;

export const WriteInSchema = z.object({ replaces: UuidSchema, name: z.string().trim().min(1).max(50) }).meta({ id: 'WriteIn' });
export type WriteIn = z.infer<typeof WriteInSchema>;

/** E7: marks per candidate (a candidate left out counts as 弃权) and write-ins in place of 不赞成. */
export const CastBallotSchema = z
  .object({
    /** The pass from POST /ballots/open (scan, then mark). */
    pass: z.string().trim().min(1).max(400).optional(),
    /**
     * Or the screen's ballot QR itself (mark, then scan to submit: one request): for a phone that
     * already shows the ballot — a motion's three choices, or an election's announced candidates.
     * Presence is proven at the moment of casting, as with the pass (E6).
     */
    token: z.string().trim().min(1).max(300).optional(),
    marks: z
      .array(z.object({ candidateId: UuidSchema, mark: BallotMark }))
      .max(ELECTION_LIMITS.maxCandidates)
      .optional(),
    writeIns: z.array(WriteInSchema).max(ELECTION_LIMITS.maxCandidates).optional(),
    /** A motion's ballot. */
    choice: BallotMark.optional(),
  })
  .refine((b) => (b.pass === undefined) !== (b.token === undefined), { message: '请扫描投票二维码后再投票', path: ['token'] })
  .meta({ id: 'CastBallot' });
export type CastBallotDto = z.infer<typeof CastBallotSchema>;

export const CastResultSchema = z
  .object({
    boxId: UuidSchema,
    /** Keep it: after counting it is listed in the published record. Stored with the ballot, never with the voter. */
    receipt: z.string(),
    message: z.string(),
  })
  .meta({ id: 'CastResult' });
export type CastResult = z.infer<typeof CastResultSchema>;

/** A ballot's content as stored and published: no voter, no time, no order. */
export const ElectionBallotContentSchema = z
  .object({
    marks: z.record(z.string(), BallotMark),
    writeIns: z.array(WriteInSchema),
  })
  .meta({ id: 'ElectionBallotContent' });
export type ElectionBallotContent = z.infer<typeof ElectionBallotContentSchema>;
export const MotionBallotContentSchema = z.object({ choice: BallotMark }).meta({ id: 'MotionBallotContent' });
export type MotionBallotContent = z.infer<typeof MotionBallotContentSchema>;

/**
 * After counting: every receipt (sorted) and, separately and in random order, every ballot's content
 * with its validity; the SHA-256 of `canonicalRecordText` is what the scrutineers sign.
 */
export const PublishedRecordSchema = z
  .object({
    boxId: UuidSchema,
    title: z.string(),
    kind: z.enum(['election', 'motion']),
    round: z.number().int().nullable(),
    issued: z.number().int(),
    collected: z.number().int(),
    valid: z.number().int(),
    invalid: z.number().int(),
    receipts: z.array(z.string()),
    /** Elections: the candidates in ballot order (the ballots' marks are keyed by their ids); motions: none. */
    candidates: z.array(z.object({ id: z.string(), name: z.string() })),
    ballots: z.array(
      z.object({
        election: ElectionBallotContentSchema.nullable(),
        motion: MotionBallotContentSchema.nullable(),
        valid: z.boolean(),
      }),
    ),
    digest: z.string(),
    signatures: z.array(SignatureSchema),
  })
  .meta({ id: 'PublishedRecord' });
export type PublishedRecord = z.infer<typeof PublishedRecordSchema>;

export const ReceiptCheckSchema = z
  .object({ boxId: UuidSchema, receipt: z.string(), included: z.boolean(), counted: z.boolean() })
  .meta({ id: 'ReceiptCheck' });
export type ReceiptCheck = z.infer<typeof ReceiptCheckSchema>;

// ---- Error codes ----

export const VoteErrorCode = {
  /** E14 / V: an action the state machine does not allow in the current state. */
  STEP_OUT_OF_ORDER: 'VOTE_STEP_OUT_OF_ORDER',
  MEETING_NOT_FOR_VOTE: 'VOTE_MEETING_NOT_FOR_VOTE',
  MEETING_CANCELLED: 'VOTE_MEETING_CANCELLED',
  /** An election or motion is set up for a meeting still to come or under way, never one already over. */
  MEETING_ENDED: 'VOTE_MEETING_ENDED',
  CANDIDATE_COUNT: 'ELECTION_CANDIDATE_COUNT',
  CANDIDATE_INELIGIBLE: 'ELECTION_CANDIDATE_INELIGIBLE',
  CANDIDATE_DUPLICATE: 'ELECTION_CANDIDATE_DUPLICATE',
  SURNAME_UNKNOWN: 'ELECTION_SURNAME_UNKNOWN',
  APPROVED_ORDER_REQUIRED: 'ELECTION_APPROVED_ORDER_REQUIRED',
  COMMITTEE_ELECTION_INVALID: 'ELECTION_COMMITTEE_ELECTION_INVALID',
  EXCLUSION_INVALID: 'ELECTION_EXCLUSION_INVALID',
  EXCLUSION_NOT_ON_ROLL: 'ELECTION_EXCLUSION_NOT_ON_ROLL',
  QUORUM_NOT_MET: 'VOTE_QUORUM_NOT_MET',
  VOTE_NOT_PASSED: 'VOTE_RECORDED_VOTE_NOT_PASSED',
  VOTE_COUNTS_INVALID: 'VOTE_RECORDED_VOTE_INVALID',
  SCRUTINEER_IS_CANDIDATE: 'ELECTION_SCRUTINEER_IS_CANDIDATE',
  SCRUTINEER_NOT_ATTENDEE: 'ELECTION_SCRUTINEER_NOT_ATTENDEE',
  NOT_A_SCRUTINEER: 'ELECTION_NOT_A_SCRUTINEER',
  DIGEST_MISMATCH: 'ELECTION_DIGEST_MISMATCH',
  ALREADY_SIGNED: 'ELECTION_ALREADY_SIGNED',
  SEATS_NOT_REDUCIBLE: 'ELECTION_SEATS_NOT_REDUCIBLE',
  NOT_HIGHER_ORGANISATION: 'ELECTION_NOT_HIGHER_ORGANISATION',
  APPLICANT_INVALID: 'MOTION_APPLICANT_INVALID',
  OPINION_NOT_VOTER: 'MOTION_OPINION_NOT_VOTER',
  OPINION_TOO_LATE: 'MOTION_OPINION_TOO_LATE',
  OPINION_NOT_ALLOWED: 'MOTION_OPINION_NOT_ALLOWED',
  BALLOT_TOKEN_MALFORMED: 'BALLOT_TOKEN_MALFORMED',
  BALLOT_TOKEN_FORGED: 'BALLOT_TOKEN_FORGED',
  BALLOT_TOKEN_EXPIRED: 'BALLOT_TOKEN_EXPIRED',
  BALLOT_PASS_INVALID: 'BALLOT_PASS_INVALID',
  BALLOT_PASS_EXPIRED: 'BALLOT_PASS_EXPIRED',
  NOT_A_MEMBER: 'BALLOT_NOT_A_MEMBER',
  /** E1/E2: not on the roll (not a voting member here, or excluded). */
  NOT_ELIGIBLE: 'BALLOT_NOT_ELIGIBLE',
  /** E6: only members present (checked in) vote; no proxies. */
  NOT_CHECKED_IN: 'BALLOT_NOT_CHECKED_IN',
  ALREADY_VOTED: 'BALLOT_ALREADY_VOTED',
  /** The ballot box is not open (not yet, or closed). */
  VOTING_CLOSED: 'BALLOT_VOTING_CLOSED',
  /** E7: a mark or write-in the ballot form does not allow (e.g. a write-in next to 弃权). */
  BALLOT_FORM_INVALID: 'BALLOT_FORM_INVALID',
  RECORD_NOT_PUBLISHED: 'BALLOT_RECORD_NOT_PUBLISHED',
  /** E6: the assistant must be a non-candidate at the meeting, the voter on the roll. */
  ASSISTANCE_INVALID: 'ELECTION_ASSISTANCE_INVALID',
} as const;
export type VoteErrorCode = (typeof VoteErrorCode)[keyof typeof VoteErrorCode];

/**
 * Which meetings hold which votes: 委员/代表 at a 党员大会; 书记/副书记 there or at the new committee's
 * meeting; motions at a 党员大会, a 支委会's own ones at a 支委会. The server refuses others and the phone
 * offers only these (an election could be attached to a 党课 or a 组织生活会).
 */
export const ELECTION_MEETING_TYPES: Record<ElectionKind, readonly MeetingType[]> = {
  committee: ['general_assembly'],
  delegates: ['general_assembly'],
  secretary: ['general_assembly', 'committee_meeting'],
  deputy_secretary: ['general_assembly', 'committee_meeting'],
};
export const MOTION_MEETING_TYPE: Record<MotionKind, MeetingType> = {
  general: 'general_assembly',
  admission: 'general_assembly',
  confirmation: 'general_assembly',
  committee: 'committee_meeting',
};

/** A step's endpoint name from its action in the transition table: `open_voting` → `open-voting`. */
export type StepPathOf<A extends string> = A extends `${infer H}_${infer T}` ? `${H}-${StepPathOf<T>}` : A;
export const stepPathOf = <A extends string>(action: A): StepPathOf<A> => action.replace(/_/g, '-') as StepPathOf<A>;
export type ElectionStepPath = StepPathOf<ElectionAction>;
export type MotionStepPath = StepPathOf<MotionAction>;

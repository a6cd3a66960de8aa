import { HttpStatus } from '@nestjs/common';
import {
  ELECTION_ACTION_LABEL,
  ELECTION_STATE_LABEL,
  MOTION_ACTION_LABEL,
  MOTION_STATE_LABEL,
  VoteErrorCode,
  type Quorum,
  assertUnreachable,
} from '@dangjian/shared';
import { errorTable } from '../common/error-table.js';

/** HTTP status of each election/motion/ballot error code, in one exhaustive switch. */
export function voteErrorStatus(code: VoteErrorCode): HttpStatus {
  switch (code) {
    case VoteErrorCode.BALLOT_TOKEN_MALFORMED:
    case VoteErrorCode.BALLOT_PASS_INVALID:
      return HttpStatus.BAD_REQUEST;
    case VoteErrorCode.BALLOT_TOKEN_FORGED:
    case VoteErrorCode.NOT_A_MEMBER:
    case VoteErrorCode.NOT_ELIGIBLE:
    case VoteErrorCode.NOT_CHECKED_IN:
    case VoteErrorCode.NOT_A_SCRUTINEER:
    case VoteErrorCode.NOT_HIGHER_ORGANISATION:
      return HttpStatus.FORBIDDEN;
    case VoteErrorCode.STEP_OUT_OF_ORDER:
    case VoteErrorCode.ALREADY_VOTED:
    case VoteErrorCode.VOTING_CLOSED:
    case VoteErrorCode.ALREADY_SIGNED:
    case VoteErrorCode.MEETING_CANCELLED:
    case VoteErrorCode.MEETING_ENDED:
    case VoteErrorCode.RECORD_NOT_PUBLISHED:
    case VoteErrorCode.OPINION_TOO_LATE:
    case VoteErrorCode.DIGEST_MISMATCH:
      return HttpStatus.CONFLICT;
    case VoteErrorCode.BALLOT_TOKEN_EXPIRED:
    case VoteErrorCode.BALLOT_PASS_EXPIRED:
    case VoteErrorCode.MEETING_NOT_FOR_VOTE:
    case VoteErrorCode.CANDIDATE_COUNT:
    case VoteErrorCode.CANDIDATE_INELIGIBLE:
    case VoteErrorCode.CANDIDATE_DUPLICATE:
    case VoteErrorCode.SURNAME_UNKNOWN:
    case VoteErrorCode.APPROVED_ORDER_REQUIRED:
    case VoteErrorCode.COMMITTEE_ELECTION_INVALID:
    case VoteErrorCode.EXCLUSION_INVALID:
    case VoteErrorCode.EXCLUSION_NOT_ON_ROLL:
    case VoteErrorCode.QUORUM_NOT_MET:
    case VoteErrorCode.VOTE_NOT_PASSED:
    case VoteErrorCode.VOTE_COUNTS_INVALID:
    case VoteErrorCode.SCRUTINEER_IS_CANDIDATE:
    case VoteErrorCode.SCRUTINEER_NOT_ATTENDEE:
    case VoteErrorCode.SEATS_NOT_REDUCIBLE:
    case VoteErrorCode.APPLICANT_INVALID:
    case VoteErrorCode.OPINION_NOT_VOTER:
    case VoteErrorCode.OPINION_NOT_ALLOWED:
    case VoteErrorCode.BALLOT_FORM_INVALID:
    case VoteErrorCode.ASSISTANCE_INVALID:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    default:
      return assertUnreachable(code);
  }
}

const err = errorTable(voteErrorStatus);

/** The elections, motions and ballots' failures, with their Chinese messages. */
export const VoteErrors = {
  electionStepOutOfOrder: (state: keyof typeof ELECTION_STATE_LABEL, action: keyof typeof ELECTION_ACTION_LABEL, allowed: string[]) =>
    err(VoteErrorCode.STEP_OUT_OF_ORDER, `选举当前处于“${ELECTION_STATE_LABEL[state]}”，不能${ELECTION_ACTION_LABEL[action]}`, {
      rule: 'E14',
      state,
      action,
      allowed,
    }),
  motionStepOutOfOrder: (state: keyof typeof MOTION_STATE_LABEL, action: keyof typeof MOTION_ACTION_LABEL, allowed: string[]) =>
    err(VoteErrorCode.STEP_OUT_OF_ORDER, `表决当前处于“${MOTION_STATE_LABEL[state]}”，不能${MOTION_ACTION_LABEL[action]}`, { state, action, allowed }),
  notEditable: (state: keyof typeof ELECTION_STATE_LABEL, allowed: string[]) =>
    err(VoteErrorCode.STEP_OUT_OF_ORDER, `选举已进入“${ELECTION_STATE_LABEL[state]}”，候选人、名额和不计入应到会人数的党员只能在报告到会人数之前修改`, {
      rule: 'E14',
      state,
      allowed,
    }),
  meetingNotForVote: (message: string) => err(VoteErrorCode.MEETING_NOT_FOR_VOTE, message),
  meetingCancelled: () => err(VoteErrorCode.MEETING_CANCELLED, '会议已取消'),
  meetingEnded: () => err(VoteErrorCode.MEETING_ENDED, '会议已结束，不能再安排选举或表决；请选择尚未结束的会议'),
  candidateCount: (message: string, details: unknown) => err(VoteErrorCode.CANDIDATE_COUNT, message, { rule: 'E4', ...(details as object) }),
  candidateIneligible: (names: Array<{ memberId: string; name: string; reason: string }>) =>
    err(VoteErrorCode.CANDIDATE_INELIGIBLE, `以下人员不能作为候选人：${names.map((n) => `${n.name}（${n.reason}）`).join('、')}`, {
      rule: 'E1',
      candidates: names,
    }),
  candidateDuplicate: () => err(VoteErrorCode.CANDIDATE_DUPLICATE, '候选人名单中有重复的人员'),
  surnameUnknown: (names: string[]) =>
    err(VoteErrorCode.SURNAME_UNKNOWN, `无法确定以下候选人姓氏的笔画数，请填写姓氏笔画数：${names.join('、')}`, { rule: 'E5', names }),
  approvedOrderRequired: (names: string[]) =>
    err(VoteErrorCode.APPROVED_ORDER_REQUIRED, `书记、副书记候选人须按上级批准的顺序排列，请填写以下候选人的顺序：${names.join('、')}`, { rule: 'E5', names }),
  committeeElectionInvalid: (message: string) => err(VoteErrorCode.COMMITTEE_ELECTION_INVALID, message, { rule: 'E14' }),
  exclusionInvalid: (problems: string[]) => err(VoteErrorCode.EXCLUSION_INVALID, `不能不计入应到会人数：${problems.join('；')}`, { rule: 'E2', problems }),
  exclusionNotOnRoll: () => err(VoteErrorCode.EXCLUSION_NOT_ON_ROLL, '该党员不是本次选举有选举权的党员', { rule: 'E2' }),
  quorumNotMet: (q: Quorum) => err(VoteErrorCode.QUORUM_NOT_MET, q.message, { rule: q.rule, quorum: q }),
  voteNotPassed: (what: string, present: number) =>
    err(VoteErrorCode.VOTE_NOT_PASSED, `${what}未获通过：赞成票须超过到会有表决权人数（${present} 人）的一半`, { present }),
  voteCountsInvalid: (present: number) => err(VoteErrorCode.VOTE_COUNTS_INVALID, `表决票数合计不能超过到会有表决权的人数（${present} 人）`, { present }),
  scrutineerIsCandidate: (ids: string[]) => err(VoteErrorCode.SCRUTINEER_IS_CANDIDATE, '监票人不能由候选人担任', { rule: 'E13', memberIds: ids }),
  scrutineerNotAttendee: (ids: string[]) =>
    err(VoteErrorCode.SCRUTINEER_NOT_ATTENDEE, '监票人、计票人须是参加本次会议的本组织党员', { rule: 'E13', memberIds: ids }),
  notAScrutineer: () => err(VoteErrorCode.NOT_A_SCRUTINEER, '只有监票人可以签字', { rule: 'E13' }),
  digestMismatch: () => err(VoteErrorCode.DIGEST_MISMATCH, '签字的摘要与公布的计票记录不一致，请刷新后核对', { rule: 'E13' }),
  alreadySigned: () => err(VoteErrorCode.ALREADY_SIGNED, '您已签字'),
  seatsNotReducible: () => err(VoteErrorCode.SEATS_NOT_REDUCIBLE, '没有人当选，不能以减少名额的方式结束选举，请另行选举', { rule: 'E12' }),
  notHigherOrganisation: () => err(VoteErrorCode.NOT_HIGHER_ORGANISATION, '书记、副书记的选举结果须由上级党组织批复', { rule: 'E14' }),
  applicantInvalid: (message: string) => err(VoteErrorCode.APPLICANT_INVALID, message, { rule: 'V2' }),
  opinionNotVoter: () => err(VoteErrorCode.OPINION_NOT_VOTER, '书面意见只能由本组织有表决权的正式党员提交', { rule: 'V2' }),
  opinionTooLate: () => err(VoteErrorCode.OPINION_TOO_LATE, '表决已开始，不能再记录书面意见', { rule: 'V2' }),
  opinionNotAllowed: () => err(VoteErrorCode.OPINION_NOT_ALLOWED, '只有接收预备党员和预备党员转正的表决计入书面意见', { rule: 'V2' }),
  tokenMalformed: () => err(VoteErrorCode.BALLOT_TOKEN_MALFORMED, '无法识别的投票二维码'),
  tokenForged: () => err(VoteErrorCode.BALLOT_TOKEN_FORGED, '投票二维码无效'),
  tokenExpired: () => err(VoteErrorCode.BALLOT_TOKEN_EXPIRED, '投票二维码已过期，请重新扫描大屏上的二维码'),
  passInvalid: () => err(VoteErrorCode.BALLOT_PASS_INVALID, '选票凭证无效，请重新扫码领取选票'),
  passExpired: () => err(VoteErrorCode.BALLOT_PASS_EXPIRED, '选票已超时，请重新扫码领取选票'),
  notAMember: () => err(VoteErrorCode.NOT_A_MEMBER, '当前账号未关联党员身份，不能投票'),
  notEligible: () => err(VoteErrorCode.NOT_ELIGIBLE, '您不在本次投票的选举人名单中', { rule: 'E1' }),
  notCheckedIn: () => err(VoteErrorCode.NOT_CHECKED_IN, '请先签到：只有到会的党员才能投票，不能委托他人投票', { rule: 'E6' }),
  alreadyVoted: () => err(VoteErrorCode.ALREADY_VOTED, '您已投过票', { rule: 'E6' }),
  votingClosed: () => err(VoteErrorCode.VOTING_CLOSED, '当前不在投票时间'),
  /** A code of a round that is over while a later round (run-off, 另行选举, re-vote) exists. */
  newRoundStarted: () => err(VoteErrorCode.VOTING_CLOSED, '这张二维码属于已经结束的一轮投票，新一轮投票已经开始，请扫描大屏上的新二维码', { newRound: true }),
  ballotFormInvalid: (problems: Array<{ code: string; message: string; candidateId: string }>) =>
    err(VoteErrorCode.BALLOT_FORM_INVALID, `选票填写不符合要求：${[...new Set(problems.map((p) => p.message))].join('；')}`, { rule: 'E7', problems }),
  assistanceInvalid: (message: string) => err(VoteErrorCode.ASSISTANCE_INVALID, message, { rule: 'E6' }),
  recordNotPublished: () => err(VoteErrorCode.RECORD_NOT_PUBLISHED, '计票完成后才公布选票记录'),
};

import type {
  AdoptRulesDto,
  ApproveScrutineersDto,
  CancelVoteDto,
  BallotCode,
  BallotView,
  CastBallotDto,
  CastResult,
  CreateElectionDto,
  CreateMotionDto,
  ElectionDetail,
  ElectionPage,
  ExclusionInputDto,
  MotionDetail,
  MotionPage,
  PublishedRecord,
  ReceiptCheck,
  RecordApprovalDto,
  ReduceSeatsDto,
  SignResultDto,
  StartAdditionalDto,
  VoterRoll,
  VoteScreen,
  WrittenOpinionInputDto,
} from '@dangjian/shared';
import type { ElectionListQuerySchema, ElectionStepPath, MotionListQuerySchema, MotionStepPath } from '@dangjian/shared';
import { SCREEN_TOKEN_PARAM } from '@dangjian/shared';
import type { QueryOf } from './query';
import { request } from './client';

/*
 * Elections (E1–E14), motions (V1–V3) and the secret ballot. Steps answer the updated detail; a step
 * out of order comes back as VOTE_STEP_OUT_OF_ORDER with the server's Chinese message.
 */

const enc = encodeURIComponent;
export type VoteTarget = { kind: 'election' | 'motion'; id: string };
const base = (t: VoteTarget) => `/${t.kind === 'election' ? 'elections' : 'motions'}/${enc(t.id)}`;

export const listElections = (query: QueryOf<typeof ElectionListQuerySchema>) => request<ElectionPage>('/elections', { query });
export const listMotions = (query: QueryOf<typeof MotionListQuerySchema>) => request<MotionPage>('/motions', { query });

export const createElection = (body: CreateElectionDto) => request<ElectionDetail>('/elections', { method: 'POST', body, toast: false });
export const createMotion = (body: CreateMotionDto) => request<MotionDetail>('/motions', { method: 'POST', body, toast: false });

export const getElection = (id: string) => request<ElectionDetail>(base({ kind: 'election', id }));
export const getMotion = (id: string) => request<MotionDetail>(base({ kind: 'motion', id }));
/** E1–E3 (or V1–V3): the roll and the quorum, shown before voting opens. */
export const getRoll = (t: VoteTarget) => request<VoterRoll>(`${base(t)}/roll`, { toast: false });

/** The E14 step names as the endpoints spell them, from the shared transition table's actions. */
export type StepPath = ElectionStepPath;

/** Steps show their failure in place (the page's notice), so nothing toasts. */
export const electionStep = (
  id: string,
  step: StepPath,
  body: AdoptRulesDto | ApproveScrutineersDto | SignResultDto | StartAdditionalDto | ReduceSeatsDto | RecordApprovalDto | CancelVoteDto | object = {},
) => request<ElectionDetail>(`${base({ kind: 'election', id })}/steps/${step}`, { method: 'POST', body, toast: false });
export const motionStep = (id: string, step: MotionStepPath, body: CancelVoteDto | object = {}) =>
  request<MotionDetail>(`${base({ kind: 'motion', id })}/steps/${step}`, { method: 'POST', body, toast: false });

/** E2: leave a member out of 应到会 (draft only); answers the updated detail. */
export const addExclusion = (id: string, body: ExclusionInputDto) =>
  request<ElectionDetail>(`${base({ kind: 'election', id })}/exclusions`, { method: 'POST', body, toast: false });
export const removeExclusion = (id: string, memberId: string) =>
  request<ElectionDetail>(`${base({ kind: 'election', id })}/exclusions/${enc(memberId)}`, { method: 'DELETE', toast: false });
/** V2: an absent voting member's written opinion (draft only). */
export const addOpinion = (id: string, body: WrittenOpinionInputDto) =>
  request<MotionDetail>(`${base({ kind: 'motion', id })}/opinions`, { method: 'POST', body, toast: false });
export const removeOpinion = (id: string, memberId: string) =>
  request<MotionDetail>(`${base({ kind: 'motion', id })}/opinions/${enc(memberId)}`, { method: 'DELETE', toast: false });

const screenOpts = (screenToken: string | null) =>
  screenToken ? { auth: false, toast: false, query: { [SCREEN_TOKEN_PARAM]: screenToken } } : { toast: false };
export const getBallotCode = (t: VoteTarget, screenToken: string | null) => request<BallotCode>(`${base(t)}/ballot-code`, screenOpts(screenToken));
export const getVoteScreen = (t: VoteTarget, screenToken: string | null) => request<VoteScreen>(`${base(t)}/screen`, screenOpts(screenToken));

/** The member's side: every outcome is shown on the ballot page itself. */
export const openBallot = (token: string) => request<BallotView>('/ballots/open', { method: 'POST', body: { token }, toast: false });
export const castBallot = (body: CastBallotDto) => request<CastResult>('/ballots/cast', { method: 'POST', body, toast: false });
export const getRecord = (boxId: string) => request<PublishedRecord>(`/ballots/boxes/${enc(boxId)}/record`, { toast: false });
export const checkReceipt = (boxId: string, receipt: string) =>
  request<ReceiptCheck>(`/ballots/boxes/${enc(boxId)}/receipts/${enc(receipt)}`, { toast: false });

export const resultSheetPath = (id: string) => `/elections/${enc(id)}/result.xlsx`;
export const resultPagePath = (id: string) => `/elections/${enc(id)}/result.html`;

import type {
  BallotMark,
  CancelVoteDto,
  CandidateMode,
  ExclusionInputDto,
  ExclusionReason,
  RecordApprovalDto,
  RecordedVote,
  ReduceSeatsDto,
  StartAdditionalDto,
  WrittenOpinionInputDto,
} from '@dangjian/shared';
import { candidateCountProblem } from '@dangjian/shared';

/*
 * The phone forms for the election and motion steps that need more than a button (E2, E12, E14, V2):
 * each check answers the first problem in Chinese (shown in place) or the request body as the server expects it.
 */

export type Built<T> = { ok: true; body: T } | { ok: false; error: string };
const fail = <T>(error: string): Built<T> => ({ ok: false, error });
const ok = <T>(body: T): Built<T> => ({ ok: true, body });

/** A real calendar date written YYYY-MM-DD. */
export function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const optionalNote = (note: string) => (note.trim() ? { note: note.trim() } : {});

// ---- E2: exclusion from 应到会 ----

export type ExclusionForm = {
  memberId: string | null;
  reason: ExclusionReason | null;
  note: string;
  approvedBy: string;
  reference: string;
  approvedOn: string;
  vote: RecordedVote;
  heldOn: string;
};

export const emptyExclusion = (date: string): ExclusionForm => ({
  memberId: null,
  reason: null,
  note: '',
  approvedBy: '',
  reference: '',
  approvedOn: date,
  vote: { for: 0, against: 0, abstain: 0 },
  heldOn: date,
});

/** E2: a listed reason, the higher organisation's approval (by, reference, date) and a passed branch-meeting vote. */
export function buildExclusion(f: ExclusionForm): Built<ExclusionInputDto> {
  if (!f.memberId) return fail('请选择不计入应到会人数的党员');
  if (!f.reason) return fail('请选择不计入的原因');
  if (f.approvedBy.trim().length < 2) return fail('请填写批准的上级党组织（至少 2 个字）');
  if (!f.reference.trim()) return fail('请填写上级批准文号');
  if (!isDate(f.approvedOn)) return fail('上级批准日期应为 YYYY-MM-DD');
  if (!isDate(f.heldOn)) return fail('支部党员大会表决日期应为 YYYY-MM-DD');
  const cast = f.vote.for + f.vote.against + f.vote.abstain;
  if (cast === 0) return fail('请填写支部党员大会的表决结果');
  if (f.vote.for * 2 <= cast) return fail('支部党员大会表决未通过（赞成须超过投票人数的一半）');
  return ok({
    memberId: f.memberId,
    reason: f.reason,
    ...optionalNote(f.note),
    higherApproval: { approvedBy: f.approvedBy.trim(), reference: f.reference.trim(), approvedOn: f.approvedOn.trim() },
    meetingVote: { ...f.vote, heldOn: f.heldOn.trim() },
  });
}

// ---- E12: 另行选举 and 减少名额 ----

/** E12 另行选举: new candidates (each with an introduction) for the shortfall, E4 applied again. */
export function buildAdditional(intros: Record<string, string>, order: string[], shortfall: number, mode: CandidateMode): Built<StartAdditionalDto> {
  const ids = order.filter((id) => id in intros);
  if (!ids.length) return fail('请选择另行选举的候选人');
  const blank = ids.find((id) => (intros[id] ?? '').trim().length < 2);
  if (blank) return fail('请填写每位候选人的简介（至少 2 个字）');
  const problem = shortfall > 0 ? candidateCountProblem(shortfall, ids.length, mode) : null;
  if (problem) return fail(problem);
  return ok({ candidates: ids.map((memberId) => ({ memberId, introduction: (intros[memberId] ?? '').trim() })) });
}

/** E12 减少名额: the recorded consent of more than half of the voters present. */
export function buildReduceSeats(consent: RecordedVote, present: number | null): Built<ReduceSeatsDto> {
  const cast = consent.for + consent.against + consent.abstain;
  if (cast === 0) return fail('请填写到会选举人对减少名额的表决结果');
  if (present !== null && cast > present) return fail(`表决人数（${cast}）不能多于实到人数（${present}）`);
  const base = present ?? cast;
  if (consent.for * 2 <= base) return fail(`须经到会选举人过半数同意（赞成须超过 ${base} 人的一半）`);
  return ok({ consent });
}

// ---- E14: higher approval, cancelling ----

export type ApprovalForm = { approved: boolean | null; reference: string; approvedOn: string; note: string };
export const emptyApproval = (date: string): ApprovalForm => ({ approved: null, reference: '', approvedOn: date, note: '' });

export function buildApproval(f: ApprovalForm): Built<RecordApprovalDto> {
  if (f.approved === null) return fail('请选择上级批复结果（批准或不批准）');
  if (!f.reference.trim()) return fail('请填写批复文号');
  if (!isDate(f.approvedOn)) return fail('批复日期应为 YYYY-MM-DD');
  return ok({ approved: f.approved, reference: f.reference.trim(), approvedOn: f.approvedOn.trim(), ...optionalNote(f.note) });
}

export function buildCancel(reason: string): Built<CancelVoteDto> {
  return reason.trim().length < 2 ? fail('请填写原因（至少 2 个字）') : ok({ reason: reason.trim() });
}

// ---- V2: written opinions ----

export type OpinionForm = { memberId: string | null; choice: BallotMark | null; submittedOn: string; note: string };
export const emptyOpinion = (date: string): OpinionForm => ({ memberId: null, choice: null, submittedOn: date, note: '' });

export function buildOpinion(f: OpinionForm): Built<WrittenOpinionInputDto> {
  if (!f.memberId) return fail('请选择提交书面意见的党员');
  if (!f.choice) return fail('请选择书面意见（赞成、不赞成或弃权）');
  if (!isDate(f.submittedOn)) return fail('提交日期应为 YYYY-MM-DD');
  return ok({ memberId: f.memberId, choice: f.choice, submittedOn: f.submittedOn.trim(), ...optionalNote(f.note) });
}

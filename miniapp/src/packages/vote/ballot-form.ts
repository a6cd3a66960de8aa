import type { BallotCandidate, BallotMark, CastBallotDto } from '@dangjian/shared';
import { BALLOT_PROBLEM_MESSAGE, ballotFormProblems, ballotInvalidWarning } from '@dangjian/shared';

/*
 * The ballot page's logic, kept pure so it is unit-tested: marks per candidate (E7), write-ins only
 * in place of 不赞成, and the E8 warning from the shared rule before submitting.
 */

export type BallotForm = {
  marks: Record<string, BallotMark | undefined>;
  /** Write-in (另选他人) names by the candidate they replace. */
  writeIns: Record<string, string | undefined>;
};

export const emptyForm = (): BallotForm => ({ marks: {}, writeIns: {} });

/** E7: a write-in stands only next to 不赞成; any other mark drops it. */
export function setMark(form: BallotForm, candidateId: string, mark: BallotMark): BallotForm {
  const writeIns = { ...form.writeIns };
  if (mark !== 'against') delete writeIns[candidateId];
  return { marks: { ...form.marks, [candidateId]: mark }, writeIns };
}

/** E7: only in place of 不赞成; otherwise the form is left unchanged. */
export function setWriteIn(form: BallotForm, candidateId: string, name: string): BallotForm {
  if (form.marks[candidateId] !== 'against') return form;
  return { ...form, writeIns: { ...form.writeIns, [candidateId]: name } };
}

export const canWriteIn = (form: BallotForm, candidateId: string, writeInsAllowed: boolean) => writeInsAllowed && form.marks[candidateId] === 'against';

/** What goes to the server: marks in ballot order, write-ins with a name only. */
export function toBallotInput(form: BallotForm, candidates: ReadonlyArray<BallotCandidate>): Required<Pick<CastBallotDto, 'marks' | 'writeIns'>> {
  const marks = candidates.flatMap((c) => {
    const mark = form.marks[c.id];
    return mark ? [{ candidateId: c.id, mark }] : [];
  });
  const writeIns = candidates.flatMap((c) => {
    const name = form.writeIns[c.id]?.trim();
    return name && form.marks[c.id] === 'against' ? [{ replaces: c.id, name }] : [];
  });
  return { marks, writeIns };
}

export type BallotReview = {
  counts: Record<BallotMark, number>;
  writeIns: number;
  /** Candidates left without a mark: counted as 弃权. */
  unmarked: string[];
  /** E7: what the server would refuse; submitting is blocked until fixed. */
  problems: string[];
  /** E8: the ballot would be counted as invalid; the member may still submit it. */
  invalidWarning: string | null;
};

export function reviewBallot(form: BallotForm, candidates: ReadonlyArray<BallotCandidate>, seats: number, writeInsAllowed: boolean): BallotReview {
  const input = toBallotInput(form, candidates);
  const counts: Record<BallotMark, number> = { for: 0, against: 0, abstain: 0 };
  for (const m of input.marks) counts[m.mark] += 1;
  const byId = new Map(candidates.map((c) => [c.id, c.name]));
  const problems = ballotFormProblems(input, candidates, writeInsAllowed).map((p) => {
    const who = byId.get(p.candidateId);
    return who ? `${who}：${BALLOT_PROBLEM_MESSAGE[p.code]}` : BALLOT_PROBLEM_MESSAGE[p.code];
  });
  return {
    counts,
    writeIns: input.writeIns.length,
    unmarked: candidates.filter((c) => !form.marks[c.id]).map((c) => c.name),
    problems,
    invalidWarning: ballotInvalidWarning(input, seats),
  };
}

/** Receipts are kept on the phone so the member can look them up after counting. */
export type KeptReceipt = { boxId: string; receipt: string; title: string; at: string };

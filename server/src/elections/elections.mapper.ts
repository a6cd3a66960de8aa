import {
  EXCLUSION_REASON_LABEL,
  needsHigherApproval,
  orderCandidates,
  surnameStrokes,
  type ElectionCandidate,
  type ElectionRound,
  type ElectionTally,
  type Exclusion,
  type RecordedDecision,
} from '@dangjian/shared';
import type { RecordedDecisionJson } from './election.entities.js';
import type { BoxRow, SignatureRow } from './ballots.repository.js';
import type { CandidateRow, ElectionRow, ExclusionRow } from './elections.repository.js';

export const iso = (d: Date | string) => new Date(d).toISOString();

/** E5: the candidates in ballot order (stroke count; 书记/副书记 in the approved order). Unresolvable ones go last. */
export function orderedCandidates(e: Pick<ElectionRow, 'kind'>, list: CandidateRow[]): CandidateRow[] {
  const r = orderCandidates(list, needsHigherApproval(e.kind));
  const placed = new Set(r.ordered.map((c) => c.id));
  return [...r.ordered, ...list.filter((c) => !placed.has(c.id))];
}

export function mapCandidate(c: CandidateRow, order: number): ElectionCandidate {
  return {
    id: c.id,
    memberId: c.memberId,
    name: c.name,
    introduction: c.introduction,
    order,
    surnameStrokes: surnameStrokes(c.name, c.surnameStrokes),
    approvedOrder: c.approvedOrder,
    writeIn: c.writeIn,
    status: c.status,
    electedInRound: c.electedInRound,
  };
}

export const mapDecision = (d: RecordedDecisionJson | null): RecordedDecision | null =>
  d ? { vote: d.vote, present: d.present, passed: d.passed, at: d.at } : null;

export function mapExclusion(x: ExclusionRow): Exclusion {
  return {
    member: { memberId: x.memberId, name: x.name },
    reason: x.reason,
    reasonLabel: EXCLUSION_REASON_LABEL[x.reason],
    note: x.note,
    higherApproval: { approvedBy: x.approvedBy, reference: x.approvalRef, approvedOn: x.approvedOn },
    meetingVote: x.meetingVote,
    recordedAt: iso(x.createdAt),
  };
}

export function mapRound(b: BoxRow, signatures: SignatureRow[]): ElectionRound {
  const counted = b.state === 'counted';
  return {
    number: b.roundNo,
    kind: b.roundKind === 'motion' ? 'regular' : b.roundKind,
    boxId: b.id,
    state: b.state,
    seats: b.seats,
    candidateIds: b.candidateIds,
    required: b.requiredCount,
    presentAtOpen: b.presentAtOpen,
    presentAtClose: b.presentAtClose,
    issued: b.issued,
    collected: b.collected,
    // No partial results: the tally exists only once counted.
    tally: counted ? (b.tally as ElectionTally) : null,
    digest: counted ? b.digest : null,
    signatures: signatures.map((s) => ({ memberId: s.memberId, name: s.name, role: s.role, digest: s.digest, signedAt: iso(s.signedAt) })),
    openedAt: b.openedAt ? iso(b.openedAt) : null,
    closedAt: b.closedAt ? iso(b.closedAt) : null,
  };
}

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { MemberFlag, MemberStatus } from '../member.js';
import type { ElectionAction } from '../elections.js';
import {
  ELECTION_RULE_SETS,
  ElectionState,
  EXCLUSION_REASON_LABEL,
  needsHigherApproval,
  type BallotMark,
  type CandidateMode,
  type ElectionBallotContent,
  type ElectionKind,
  type ElectionRuleSetId,
  type ElectionTally,
  type IneligibleReason,
  type MajorityBase,
  type MotionBallotContent,
  type Quorum,
  type RecordedVote,
  type TallyRow,
  type WriteIn,
} from '../elections.js';
import { surnameCharKey } from './election-surnames.js';
import type { TransitionTable } from './vote-machine.js';

/*
 * Election rules E1–E14 as pure functions: the server enforces them, the mini-program shows them
 * (and warns before an E8-invalid ballot is cast). Counts are integers; "more than half" and
 * "more than 4/5" are compared by multiplication, never by division or floating point.
 */

// ---- E14: the meeting order as a transition table ----

/**
 * report attendance and quorum → adopt the 选举办法 → announce candidates → approve scrutineers →
 * issue ballots (open) → vote → close → compare collected with issued (E9: void → vote again) → count
 * → scrutineers sign → announce; then a run-off (E11), 另行选举 or fewer seats (E12), and for 书记/副书记
 * the higher organisation's approval.
 */
export const ELECTION_TRANSITIONS: TransitionTable<ElectionState, ElectionAction> = {
  draft: { report_attendance: ['attendance_reported'], cancel: ['cancelled'] },
  attendance_reported: { adopt_rules: ['rules_adopted'], cancel: ['cancelled'] },
  rules_adopted: { announce_candidates: ['candidates_announced'], cancel: ['cancelled'] },
  candidates_announced: { approve_scrutineers: ['scrutineers_approved'], cancel: ['cancelled'] },
  scrutineers_approved: { open_voting: ['voting_open'], cancel: ['cancelled'] },
  voting_open: { close_voting: ['voting_closed'] },
  voting_closed: { verify_ballots: ['verified', 'void'] },
  void: { rerun: ['scrutineers_approved'] },
  verified: { count: ['counted'] },
  // Each scrutineer signs; the last signature moves the election on.
  counted: { sign: ['counted', 'signed'] },
  signed: { announce: ['completed', 'pending_approval', 'runoff_required', 'shortfall'] },
  runoff_required: { start_runoff: ['scrutineers_approved'] },
  shortfall: { start_additional: ['scrutineers_approved'], reduce_seats: ['completed', 'pending_approval'] },
  pending_approval: { record_approval: ['approved', 'not_approved'] },
  completed: {},
  approved: {},
  not_approved: {},
  cancelled: {},
};
export const ELECTION_INITIAL_STATE: ElectionState = 'draft';
export const ELECTION_STATES = ElectionState.options;

// ---- E1: who votes and stands ----

/**
 * E1: only full members vote or stand; not probationary members, not under 留党察看, not with rights
 * suspended. 流动党员 vote only where their formal relationship is: a guest at the meeting never does.
 */
export function electionIneligibility(m: { isGuest: boolean; status: MemberStatus; flags: ReadonlyArray<MemberFlag> }): IneligibleReason | null {
  if (m.isGuest) return 'guest';
  if (m.status !== 'full') return 'probationary';
  if (m.flags.includes('disciplinary_probation')) return 'disciplinary_probation';
  if (m.flags.includes('rights_suspended')) return 'rights_suspended';
  return null;
}

// ---- E2: 应到会 and its exclusions ----

export type ExclusionRecord = {
  /** An ExclusionReason, or a reason in the meeting's own words. */
  reason: string;
  higherApproval: { approvedBy: string; reference: string; approvedOn: string } | null;
  meetingVote: (RecordedVote & { heldOn: string }) | null;
};

/** E2: what an exclusion lacks (empty: it stands): a listed reason, the higher approval and a passed branch-meeting vote. */
export function exclusionProblems(e: ExclusionRecord): string[] {
  const problems: string[] = [];
  if (!(e.reason in EXCLUSION_REASON_LABEL)) problems.push('不计入应到会人数须属于规定的情形之一');
  if (!e.higherApproval || !e.higherApproval.approvedBy.trim() || !e.higherApproval.reference.trim()) problems.push('须经上级党组织批准（记录批准机关和文号）');
  if (!e.meetingVote) problems.push('须经支部党员大会表决通过');
  else if (!majorityOfVotesCast(e.meetingVote)) problems.push('支部党员大会表决未通过（赞成票须超过投票人数的一半）');
  return problems;
}

/** A branch-meeting vote recorded without a known attendance: more than half of the votes cast are 赞成. */
export const majorityOfVotesCast = (v: RecordedVote) => v.for * 2 > v.for + v.against + v.abstain;

/** E2: 应到会 = members with the vote minus the exclusions that stand. */
export function requiredAttendance(eligible: ReadonlyArray<string>, standingExclusions: ReadonlyArray<string>): number {
  const out = new Set(standingExclusions);
  return eligible.filter((id) => !out.has(id)).length;
}

// ---- E3: quorum ----

/** E3: more than 4/5 of 应到会 present (10 → 9; 5 → 5). Integer arithmetic: present × 5 > required × 4. */
export function electionQuorumMet(required: number, present: number): boolean {
  return required > 0 && present * 5 > required * 4;
}

/** E3: the fewest present that satisfy the quorum. */
export const electionQuorumMinimum = (required: number) => Math.floor((required * 4) / 5) + 1;

export function electionQuorum(required: number, present: number): Quorum {
  const minimum = electionQuorumMinimum(required);
  const met = electionQuorumMet(required, present);
  return {
    rule: 'E3',
    required,
    present,
    minimum,
    met,
    message: met
      ? `应到会 ${required} 人，实到会 ${present} 人，超过应到会人数的五分之四，可以进行选举`
      : `应到会 ${required} 人，实到会 ${present} 人，须超过五分之四（至少 ${minimum} 人）方可进行选举`,
  };
}

// ---- E4: candidates against seats ----

/** E4: 差额 elections need candidates − seats ≥ ceil(20% × seats) (3 → 4, 5 → 6, 7 → 9); 等额 exactly the seats. */
export function minimumCandidates(seats: number, mode: CandidateMode): number {
  return mode === 'equal' ? seats : seats + Math.ceil(seats / 5);
}

/** E4: null when the count is right, else why not (Chinese). */
export function candidateCountProblem(seats: number, candidates: number, mode: CandidateMode): string | null {
  if (mode === 'equal') return candidates === seats ? null : `等额选举的候选人数应等于应选名额（${seats} 名），现有 ${candidates} 名`;
  const min = minimumCandidates(seats, mode);
  return candidates >= min ? null : `差额选举的候选人数应多于应选人数的 20%（应选 ${seats} 名，候选人至少 ${min} 名），现有 ${candidates} 名`;
}

/** E4: 委员 and 代表 are always 差额; 书记/副书记 follow the rule set's default unless set. */
export function defaultCandidateMode(kind: ElectionKind, ruleSet: ElectionRuleSetId): CandidateMode {
  return kind === 'secretary' || kind === 'deputy_secretary' ? ELECTION_RULE_SETS[ruleSet].secretaryMode : 'competitive';
}

/** Which modes an election of this kind may use. */
export const candidateModeAllowed = (kind: ElectionKind, mode: CandidateMode) => mode === 'competitive' || kind === 'secretary' || kind === 'deputy_secretary';

// ---- E5: ballot order ----

/** The surname: a compound surname (复姓) when a name of three or more characters starts with one. */
export function surnameOf(name: string, compound: ReadonlyArray<string>): string {
  const chars = [...name.trim()];
  if (chars.length >= 3 && compound.includes(chars.slice(0, 2).join(''))) return chars.slice(0, 2).join('');
  return chars[0] ?? '';
}

/** E5: the surname's first character's stroke count, from the table or the given override. */
export function surnameStrokes(name: string, override?: number | null): number | null {
  const first = [...name.trim()][0];
  if (!first) return null;
  return surnameCharKey(first)?.strokes ?? override ?? null;
}

type SortKey = number[];
function nameKey(name: string, override: number | null | undefined): SortKey | null {
  const chars = [...name.trim()];
  const key: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const known = surnameCharKey(c);
    if (known) key.push(known.strokes, known.rank);
    else if (i === 0) {
      if (override == null) return null;
      // A surname the table lacks, with its stroke count given: after the known ones of that count.
      key.push(override, 10_000 + c.codePointAt(0)!);
    } else key.push(999, c.codePointAt(0)!);
  }
  return key;
}

const compareKeys = (a: SortKey, b: SortKey) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
};

export type OrderableCandidate = { name: string; approvedOrder?: number | null; surnameStrokes?: number | null };

/**
 * E5: candidates by surname stroke count (姓氏笔画): fewer strokes first, equal counts by the stroke
 * order of the surname (横竖撇点折), then the following characters likewise. 书记/副书记 candidates
 * (`useApprovedOrder`) in the approved order. `unknown`: names whose surname is neither in the table
 * nor given a stroke count (the order is then not decided).
 */
export function orderCandidates<T extends OrderableCandidate>(
  list: ReadonlyArray<T>,
  useApprovedOrder: boolean,
): { ordered: T[]; unknown: string[]; missingApprovedOrder: string[] } {
  if (useApprovedOrder) {
    const missing = list.length > 1 ? list.filter((c) => c.approvedOrder == null).map((c) => c.name) : [];
    const ordered = [...list].sort((a, b) => (a.approvedOrder ?? 0) - (b.approvedOrder ?? 0));
    return { ordered, unknown: [], missingApprovedOrder: missing };
  }
  const keyed = list.map((c) => ({ c, key: nameKey(c.name, c.surnameStrokes) }));
  const unknown = keyed.filter((k) => !k.key).map((k) => k.c.name);
  const ordered = keyed
    .filter((k): k is { c: T; key: SortKey } => !!k.key)
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((k) => k.c);
  return { ordered, unknown, missingApprovedOrder: [] };
}

// ---- E7, E8: the ballot ----

export type BallotFormProblem =
  | { code: 'unknown_candidate'; candidateId: string }
  | { code: 'duplicate_mark'; candidateId: string }
  | { code: 'write_in_not_against'; candidateId: string; mark: BallotMark }
  | { code: 'write_in_duplicate'; candidateId: string }
  | { code: 'write_in_is_candidate'; candidateId: string; name: string }
  | { code: 'write_in_not_allowed'; candidateId: string };

export type BallotInput = {
  marks: ReadonlyArray<{ candidateId: string; mark: BallotMark }>;
  writeIns: ReadonlyArray<{ replaces: string; name: string }>;
};

export const BALLOT_PROBLEM_MESSAGE: Record<BallotFormProblem['code'], string> = {
  unknown_candidate: '选票上没有该候选人',
  duplicate_mark: '同一候选人只能作一个标记',
  write_in_not_against: '只有对不赞成的候选人才可以另选他人（弃权或赞成时不能另选）',
  write_in_duplicate: '同一候选人处只能另选一人',
  write_in_is_candidate: '另选的人已在候选人名单中，请直接对其作标记',
  write_in_not_allowed: '本轮投票不能另选他人',
};

/**
 * E7: what the ballot form does not allow (the server refuses such a ballot; nothing is stored). Per
 * candidate one mark (a candidate left without one counts as 弃权); a write-in (另选他人) only in place
 * of a 不赞成 mark — next to 弃权 or 赞成 it is refused.
 */
export function ballotFormProblems(b: BallotInput, candidates: ReadonlyArray<{ id: string; name: string }>, writeInsAllowed = true): BallotFormProblem[] {
  const ids = new Set(candidates.map((c) => c.id));
  const names = new Set(candidates.map((c) => c.name.trim()));
  const problems: BallotFormProblem[] = [];
  const marks = new Map<string, BallotMark>();
  for (const m of b.marks) {
    if (!ids.has(m.candidateId)) problems.push({ code: 'unknown_candidate', candidateId: m.candidateId });
    else if (marks.has(m.candidateId)) problems.push({ code: 'duplicate_mark', candidateId: m.candidateId });
    else marks.set(m.candidateId, m.mark);
  }
  const written = new Set<string>();
  for (const w of b.writeIns) {
    if (!writeInsAllowed) problems.push({ code: 'write_in_not_allowed', candidateId: w.replaces });
    else if (!ids.has(w.replaces)) problems.push({ code: 'unknown_candidate', candidateId: w.replaces });
    else if (written.has(w.replaces)) problems.push({ code: 'write_in_duplicate', candidateId: w.replaces });
    else if ((marks.get(w.replaces) ?? 'abstain') !== 'against')
      problems.push({ code: 'write_in_not_against', candidateId: w.replaces, mark: marks.get(w.replaces) ?? 'abstain' });
    else if (names.has(w.name.trim())) problems.push({ code: 'write_in_is_candidate', candidateId: w.replaces, name: w.name.trim() });
    written.add(w.replaces);
  }
  return problems;
}

/**
 * The stored form: a mark for every candidate of the ballot (弃权 where none was made), write-ins in
 * candidate order with trimmed names. Two voters who mark the same way store the same content.
 */
export function normaliseBallot(b: BallotInput, candidateIds: ReadonlyArray<string>): ElectionBallotContent {
  const given = new Map(b.marks.map((m) => [m.candidateId, m.mark]));
  const marks: Record<string, BallotMark> = {};
  for (const id of candidateIds) marks[id] = given.get(id) ?? 'abstain';
  const pos = new Map(candidateIds.map((id, i) => [id, i]));
  const writeIns = [...b.writeIns].map((w) => ({ replaces: w.replaces, name: w.name.trim() })).sort((x, y) => pos.get(x.replaces)! - pos.get(y.replaces)!);
  return { marks, writeIns };
}

/** E8: valid unless (赞成 + write-ins) > seats; 不赞成 and 弃权 do not count toward that. */
export function ballotValid(b: ElectionBallotContent, seats: number): boolean {
  const yes = Object.values(b.marks).filter((m) => m === 'for').length;
  return yes + b.writeIns.length <= seats;
}

/** E8 for the mini-program's warning before submitting: null, or what makes it invalid. */
export function ballotInvalidWarning(b: BallotInput, seats: number): string | null {
  const yes = b.marks.filter((m) => m.mark === 'for').length + b.writeIns.length;
  return yes > seats ? `赞成票和另选他人合计 ${yes} 人，超过应选名额 ${seats} 名，这张选票将作为无效票（仍会被保存和公布）` : null;
}

// ---- E9, E10: void and the threshold ----

/** E9: more ballots collected than issued (voters who voted): the election is void and is held again. */
export const electionVoid = (collected: number, issued: number) => collected > issued;

/** E10: elected with 赞成 more than half of the base; exactly half is not. */
export const passesMajority = (votes: number, base: number) => base > 0 && votes * 2 > base;
/** E10: the fewest 赞成 that pass. */
export const majorityThreshold = (base: number) => Math.floor(base / 2) + 1;

/** E10: the base under the rule set: 应到会有选举权人数 or 实到会有选举权人数. */
export function majorityBaseCount(base: MajorityBase, counts: { required: number; present: number }): number {
  return base === 'required' ? counts.required : counts.present;
}

// ---- E11, E12: the result ----

export type TallyInput = {
  /** The ballot's candidates, in ballot order. */
  candidates: ReadonlyArray<{ id: string; name: string }>;
  seats: number;
  ballots: ReadonlyArray<ElectionBallotContent>;
  /** Ballots issued: voters marked as having voted (E9). */
  issued: number;
  majorityBase: MajorityBase;
  base: number;
  /** A run-off among tied candidates (E11): ranked by votes, no threshold. */
  plurality?: boolean;
};

/**
 * E8–E12. Invalid ballots are counted as such and never toward anyone; candidates (and write-ins)
 * pass with 赞成 > half of the base (E10); more passing than seats are taken by votes, and a tie at the
 * cut-off goes to a run-off among the tied only (E11); fewer passing leave a shortfall that is never
 * filled from below the threshold (E12). A void round (E9) elects nobody.
 */
export function tallyElection(input: TallyInput): ElectionTally {
  const ids = input.candidates.map((c) => c.id);
  return tallyPacked({ ...input, ballots: input.ballots.map((b) => packBallot(b, ids, input.seats)) });
}

/**
 * A ballot as counting reads it (issue 12: 10,000 ballots counted in well under 100 ms): its marks
 * packed one letter per candidate of the box, in the box's order — `F` 赞成, `A` 不赞成, `S` 弃权, `-`
 * not marked (counts as 弃权, and is left out of the published record) — its write-ins, and E8 validity.
 */
export type PackedBallot = { code: string; writeIns: ReadonlyArray<WriteIn>; valid: boolean };

const MARK_LETTER: Record<BallotMark, string> = { for: 'F', against: 'A', abstain: 'S' };
const FOR = 'F'.charCodeAt(0);
const AGAINST = 'A'.charCodeAt(0);

/** The packed form of a stored ballot (the server packs in SQL, `BallotsRepository.packedBallots`). */
export function packBallot(b: ElectionBallotContent, candidateIds: ReadonlyArray<string>, seats: number): PackedBallot {
  let code = '';
  for (const id of candidateIds) {
    const mark = b.marks[id];
    code += mark === undefined ? '-' : MARK_LETTER[mark];
  }
  return { code, writeIns: b.writeIns, valid: ballotValid(b, seats) };
}

/** E8 (ballotValid) on a packed ballot's marks: 赞成 + write-ins ≤ seats. */
export function packedValid(code: string, writeIns: number, seats: number): boolean {
  let yes = writeIns;
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === FOR) yes++;
  return yes <= seats;
}

/** tallyElection on packed ballots (`code` in the order of `candidates`). */
export function tallyPacked(input: Omit<TallyInput, 'ballots'> & { ballots: ReadonlyArray<PackedBallot> }): ElectionTally {
  const { candidates, seats, ballots, issued, base } = input;
  const plurality = input.plurality ?? false;
  const collected = ballots.length;
  const validBallots = ballots.filter((b) => b.valid);
  const head = {
    issued,
    collected,
    valid: validBallots.length,
    invalid: collected - validBallots.length,
    majorityBase: input.majorityBase,
    base,
    threshold: majorityThreshold(base),
    plurality,
    seats,
  };
  if (electionVoid(collected, issued)) return { ...head, void: true, rows: [], elected: [], runoff: null, shortfall: 0 };

  const rows = new Map<string, Omit<TallyRow, 'passed' | 'outcome'>>();
  for (const c of candidates) rows.set(`c:${c.id}`, { key: `c:${c.id}`, candidateId: c.id, name: c.name, writeIn: false, for: 0, against: 0, abstain: 0 });
  // The candidates' rows looked up once, not once per ballot (10,000 ballots × 9 candidates, issue 12).
  const candidateRows = candidates.map((c) => rows.get(`c:${c.id}`)!);
  for (const b of validBallots) {
    // Index loops over char codes: this runs 90,000 times in a count, mostly before V8 optimises it.
    for (let i = 0; i < candidateRows.length; i++) {
      const row = candidateRows[i]!;
      const letter = b.code.charCodeAt(i);
      if (letter === FOR) row.for++;
      else if (letter === AGAINST) row.against++;
      else row.abstain++;
    }
    for (const w of b.writeIns) {
      const key = `w:${w.name}`;
      const row = rows.get(key) ?? { key, candidateId: null, name: w.name, writeIn: true, for: 0, against: 0, abstain: 0 };
      row.for++;
      rows.set(key, row);
    }
  }
  const all = [...rows.values()].map((r) => ({ ...r, passed: plurality ? true : passesMajority(r.for, base) }));
  // Write-ins after the candidates, by votes then name: only for display; ranking below ignores order among equals.
  const ordered = [...all.filter((r) => !r.writeIn), ...all.filter((r) => r.writeIn).sort((a, b) => b.for - a.for || (a.name < b.name ? -1 : 1))];
  const contenders = ordered.filter((r) => r.passed).sort((a, b) => b.for - a.for);

  let elected: string[];
  let runoff: ElectionTally['runoff'] = null;
  if (contenders.length <= seats) {
    elected = contenders.map((r) => r.key);
  } else {
    const cutoff = contenders[seats - 1]!.for;
    const above = contenders.filter((r) => r.for > cutoff);
    const tied = contenders.filter((r) => r.for === cutoff);
    if (above.length + tied.length <= seats) elected = [...above, ...tied].map((r) => r.key);
    else {
      elected = above.map((r) => r.key);
      runoff = { keys: tied.map((r) => r.key), seats: seats - above.length };
    }
  }
  const electedSet = new Set(elected);
  const runoffSet = new Set(runoff?.keys ?? []);
  const shortfall = Math.max(0, seats - elected.length - (runoff?.seats ?? 0));
  return {
    ...head,
    void: false,
    rows: ordered.map((r) => ({ ...r, outcome: electedSet.has(r.key) ? 'elected' : runoffSet.has(r.key) ? 'runoff' : 'not_elected' })),
    elected,
    runoff,
    shortfall,
  };
}

// ---- E12, E13: recorded votes of the meeting ----

/** Counts of a show-of-hands vote cannot exceed those present to vote. */
export const recordedVoteFits = (v: RecordedVote, present: number) => v.for + v.against + v.abstain <= present;

/** E13 (scrutineers), 选举办法, E12 (seat reduction): passed with 赞成 from more than half of the voters present. */
export const recordedVotePasses = (v: RecordedVote, present: number) => present > 0 && v.for * 2 > present;

/** E13: scrutineers must not be candidates. Returns the offending ids. */
export function scrutineersWhoAreCandidates(scrutineerIds: ReadonlyArray<string>, candidateMemberIds: ReadonlyArray<string | null>): string[] {
  const cands = new Set(candidateMemberIds.filter((x): x is string => !!x));
  return scrutineerIds.filter((id) => cands.has(id));
}

// ---- E14 ----

/** The state `announce` leads to from a counted, signed round. */
export function stateAfterAnnounce(kind: ElectionKind, t: Pick<ElectionTally, 'void' | 'runoff' | 'shortfall'>): ElectionState {
  if (t.runoff) return 'runoff_required';
  if (t.shortfall > 0) return 'shortfall';
  return needsHigherApproval(kind) ? 'pending_approval' : 'completed';
}

// ---- The published record (E6 receipts) ----

type RecordBallot = { election: ElectionBallotContent | null; motion: MotionBallotContent | null; valid: boolean };

/**
 * The exact text whose SHA-256 the scrutineers sign: JSON of the box id, the sorted receipts and the
 * ballots in their published order, with keys in a fixed order. Anyone holding the record can recompute it.
 */
export function canonicalRecordText(r: { boxId: string; receipts: ReadonlyArray<string>; ballots: ReadonlyArray<RecordBallot> }): string {
  return [...canonicalRecordChunks(r)].join('');
}

/**
 * The same text in pieces, one per ballot, so a server can hash a large box's record as it reads it
 * (issue 12) without building one multi-megabyte string; joined, they are exactly canonicalRecordText.
 */
export function* canonicalRecordChunks(r: { boxId: string; receipts: ReadonlyArray<string>; ballots: Iterable<RecordBallot> }): Generator<string> {
  yield* recordChunks(r.boxId, r.receipts, r.ballots, (b) => JSON.stringify(canonicalBallot(b)));
}

/**
 * The same pieces from packed ballots (`candidateIds`: the box's, in the order of the codes): what
 * counting hashes, without building each ballot's marks as an object first.
 */
export function* canonicalPackedChunks(r: {
  boxId: string;
  receipts: ReadonlyArray<string>;
  candidateIds: ReadonlyArray<string>;
  ballots: Iterable<PackedBallot>;
}): Generator<string> {
  // canonicalBallot lists marks sorted by candidate id: each candidate's `["id","mark"]` made once,
  // found by the letter's char code (this runs 90,000 times in a count, mostly before V8 optimises it).
  const sorted = r.candidateIds
    .map((id, i) => {
      const text: string[] = [];
      for (const [mark, letter] of Object.entries(MARK_LETTER)) text[letter.charCodeAt(0)] = JSON.stringify([id, mark]);
      return { id, i, text };
    })
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  yield* recordChunks(r.boxId, r.receipts, r.ballots, (b) => {
    let marks = '';
    for (let k = 0; k < sorted.length; k++) {
      const { i, text } = sorted[k]!;
      const mark = text[b.code.charCodeAt(i)];
      if (mark !== undefined) marks = marks ? `${marks},${mark}` : mark;
    }
    const writeIns = b.writeIns.length ? JSON.stringify(b.writeIns.map((w) => [w.replaces, w.name])) : '[]';
    return `{"marks":[${marks}],"writeIns":${writeIns},"valid":${b.valid}}`;
  });
}

function* recordChunks<B>(boxId: string, receipts: ReadonlyArray<string>, ballots: Iterable<B>, text: (b: B) => string): Generator<string> {
  yield `{"box":${JSON.stringify(boxId)},"receipts":${JSON.stringify(receipts)},"ballots":[`;
  let first = true;
  for (const b of ballots) {
    yield (first ? '' : ',') + text(b);
    first = false;
  }
  yield ']}';
}

function canonicalBallot(b: RecordBallot) {
  if (b.election) {
    const marks = Object.keys(b.election.marks)
      .sort()
      .map((k) => [k, b.election!.marks[k]]);
    return { marks, writeIns: b.election.writeIns.map((w) => [w.replaces, w.name]), valid: b.valid };
  }
  return { choice: b.motion?.choice ?? null, valid: b.valid };
}

/** SHA-256 (hex) of the canonical record text. */
export const recordDigest = (text: string) => bytesToHex(sha256(utf8ToBytes(text)));

import fc from 'fast-check';
import { ELECTION_RULE_SETS, ElectionAction, type BallotMark, type ElectionBallotContent } from '../elections.js';
import { COMPOUND_SURNAMES, SURNAME_TABLE_SIZE, surnameCharKey } from './election-surnames.js';
import {
  ballotFormProblems,
  ballotInvalidWarning,
  ballotValid,
  candidateCountProblem,
  candidateModeAllowed,
  canonicalPackedChunks,
  canonicalRecordChunks,
  canonicalRecordText,
  defaultCandidateMode,
  ELECTION_INITIAL_STATE,
  ELECTION_STATES,
  ELECTION_TRANSITIONS,
  electionIneligibility,
  electionQuorum,
  electionQuorumMet,
  electionQuorumMinimum,
  electionVoid,
  exclusionProblems,
  majorityBaseCount,
  majorityOfVotesCast,
  majorityThreshold,
  minimumCandidates,
  normaliseBallot,
  orderCandidates,
  packBallot,
  packedValid,
  passesMajority,
  recordDigest,
  recordedVoteFits,
  recordedVotePasses,
  requiredAttendance,
  scrutineersWhoAreCandidates,
  stateAfterAnnounce,
  surnameOf,
  surnameStrokes,
  tallyElection,
  type TallyInput,
} from './election-rules.js';
import { allowedActions, assertTableSound, StepOutOfOrderError, transition, unreachableStates, type TransitionTable } from './vote-machine.js';

// Demo and bench surnames (server/src/demo/demo-data.ts SURNAMES; bench/lib/province.ts): all must be in the table.
const DEMO_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';

describe('E1 eligibility', () => {
  const full = { isGuest: false, status: 'full' as const, flags: [] };
  it('full members vote and stand', () => expect(electionIneligibility(full)).toBeNull());
  it('probationary members do not', () => expect(electionIneligibility({ ...full, status: 'probationary' })).toBe('probationary'));
  it('留党察看 and suspended rights do not', () => {
    expect(electionIneligibility({ ...full, flags: ['disciplinary_probation'] })).toBe('disciplinary_probation');
    expect(electionIneligibility({ ...full, flags: ['rights_suspended'] })).toBe('rights_suspended');
  });
  it('流动党员 vote where their relationship is, never as guests elsewhere', () => {
    expect(electionIneligibility({ ...full, flags: ['mobile'] })).toBeNull();
    expect(electionIneligibility({ ...full, isGuest: true, flags: ['mobile'] })).toBe('guest');
  });
  it('lost contact does not by itself take the vote away', () => expect(electionIneligibility({ ...full, flags: ['lost_contact'] })).toBeNull());
});

describe('E2 应到会 and exclusions', () => {
  const ok = {
    reason: 'abroad' as const,
    higherApproval: { approvedBy: '园区联合党委', reference: '园党〔2025〕3号', approvedOn: '2025-05-01' },
    meetingVote: { for: 20, against: 2, abstain: 1, heldOn: '2025-05-10' },
  };
  it('an exclusion with a listed reason, the higher approval and a passed meeting vote stands', () => expect(exclusionProblems(ok)).toEqual([]));
  it('an unlisted reason, a missing approval or a missing / failed vote does not', () => {
    expect(exclusionProblems({ ...ok, reason: 'busy' })).toHaveLength(1);
    expect(exclusionProblems({ ...ok, higherApproval: null })).toHaveLength(1);
    expect(exclusionProblems({ ...ok, higherApproval: { ...ok.higherApproval, reference: ' ' } })).toHaveLength(1);
    expect(exclusionProblems({ ...ok, meetingVote: null })).toHaveLength(1);
    // Exactly half of the votes cast is not a majority.
    expect(exclusionProblems({ ...ok, meetingVote: { for: 5, against: 3, abstain: 2, heldOn: '2025-05-10' } })).toHaveLength(1);
    expect(exclusionProblems({ reason: 'x', higherApproval: null, meetingVote: null })).toHaveLength(3);
  });
  it('majority of votes cast: more than half', () => {
    expect(majorityOfVotesCast({ for: 6, against: 5, abstain: 0 })).toBe(true);
    expect(majorityOfVotesCast({ for: 5, against: 5, abstain: 0 })).toBe(false);
  });
  it('应到会 = members with the vote minus the exclusions that stand', () => {
    expect(requiredAttendance(['a', 'b', 'c', 'd'], ['b'])).toBe(3);
    expect(requiredAttendance(['a', 'b'], ['x'])).toBe(2);
  });
});

describe('E3 quorum: strictly more than 4/5', () => {
  it.each([
    [10, 9, true],
    [10, 8, false],
    [5, 5, true],
    [5, 4, false],
    [1, 1, true],
    [6, 5, true],
    [6, 4, false],
    [100, 81, true],
    [100, 80, false],
    [0, 0, false],
  ])('应到会 %i, present %i → %s', (required, present, met) => {
    expect(electionQuorumMet(required, present)).toBe(met);
    expect(electionQuorum(required, present).met).toBe(met);
  });
  it('the minimum is the first count that meets it', () => {
    expect(electionQuorumMinimum(10)).toBe(9);
    expect(electionQuorumMinimum(5)).toBe(5);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (n) => {
        const min = electionQuorumMinimum(n);
        return electionQuorumMet(n, min) && !electionQuorumMet(n, min - 1);
      }),
    );
  });
});

describe('E4 candidates against seats', () => {
  it.each([
    [3, 4],
    [5, 6],
    [7, 9],
    [1, 2],
    [10, 12],
    [11, 14],
  ])('差额: %i seats need at least %i candidates', (seats, min) => {
    expect(minimumCandidates(seats, 'competitive')).toBe(min);
    expect(candidateCountProblem(seats, min, 'competitive')).toBeNull();
    expect(candidateCountProblem(seats, min - 1, 'competitive')).toMatch(/至少/);
  });
  it('等额: exactly the seats', () => {
    expect(candidateCountProblem(1, 1, 'equal')).toBeNull();
    expect(candidateCountProblem(1, 2, 'equal')).not.toBeNull();
    expect(candidateCountProblem(2, 1, 'equal')).not.toBeNull();
  });
  it('secretary/deputy default to 等额 (rule set), 委员 and 代表 are 差额', () => {
    expect(defaultCandidateMode('secretary', '2020-v1')).toBe('equal');
    expect(defaultCandidateMode('deputy_secretary', '1990-v1')).toBe('equal');
    expect(defaultCandidateMode('committee', '2020-v1')).toBe('competitive');
    expect(candidateModeAllowed('committee', 'equal')).toBe(false);
    expect(candidateModeAllowed('delegates', 'equal')).toBe(false);
    expect(candidateModeAllowed('secretary', 'competitive')).toBe(true);
  });
  it('integer: candidates − seats ≥ ceil(seats / 5) for every seat count', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), (s) => minimumCandidates(s, 'competitive') - s === Math.ceil((20 * s) / 100)));
  });
});

describe('E5 surname stroke order', () => {
  it('the table covers ~500 surnames, every demo and bench surname, and the compound surnames', () => {
    expect(SURNAME_TABLE_SIZE).toBeGreaterThanOrEqual(500);
    for (const c of DEMO_SURNAMES) expect(surnameCharKey(c)).not.toBeNull();
    for (const s of COMPOUND_SURNAMES) for (const c of s) expect(surnameCharKey(c)).not.toBeNull();
  });
  it('knows the stroke counts', () => {
    expect(surnameCharKey('丁')?.strokes).toBe(2);
    expect(surnameCharKey('王')?.strokes).toBe(4);
    expect(surnameCharKey('张')?.strokes).toBe(7);
    expect(surnameCharKey('黄')?.strokes).toBe(11);
    expect(surnameCharKey('瞿')?.strokes).toBe(18);
    expect(surnameStrokes('李明')).toBe(7);
    expect(surnameStrokes('𠀀明', 9)).toBe(9);
    expect(surnameStrokes('𠀀明')).toBeNull();
  });
  it('orders by strokes, then first stroke 横竖撇点折', () => {
    const names = ['张伟', '王芳', '丁一', '黄磊', '于洋', '马超', '方亮', '石敏'];
    const { ordered } = orderCandidates(
      names.map((name) => ({ name })),
      false,
    );
    // 丁2 | 于3(横) 马3(折) | 王4(横) 方4(点) | 石5 | 张7 | 黄11
    expect(ordered.map((c) => c.name)).toEqual(['丁一', '于洋', '马超', '王芳', '方亮', '石敏', '张伟', '黄磊']);
  });
  it('same stroke count: 横 before 竖 before 撇 before 点 before 折', () => {
    // 5 strokes: 石(横) 申(竖) 白(撇) 冯(点) 司(折)
    const { ordered } = orderCandidates(
      ['司强', '冯军', '白洁', '申杰', '石磊'].map((name) => ({ name })),
      false,
    );
    expect(ordered.map((c) => c.name)).toEqual(['石磊', '申杰', '白洁', '冯军', '司强']);
  });
  it('compound surnames sort by their characters; the same surname by the next characters', () => {
    expect(surnameOf('欧阳修文', COMPOUND_SURNAMES)).toBe('欧阳');
    expect(surnameOf('欧阳', COMPOUND_SURNAMES)).toBe('欧');
    const { ordered } = orderCandidates(
      ['欧明', '欧阳娜', '王五'].map((name) => ({ name })),
      false,
    );
    expect(ordered.map((c) => c.name)).toEqual(['王五', '欧阳娜', '欧明']);
  });
  it('an unknown surname is reported unless its stroke count is given', () => {
    const r = orderCandidates([{ name: '𠀀甲' }, { name: '王乙' }], false);
    expect(r.unknown).toEqual(['𠀀甲']);
    const given = orderCandidates([{ name: '𠀀甲', surnameStrokes: 3 }, { name: '王乙' }, { name: '马丙' }], false);
    expect(given.unknown).toEqual([]);
    expect(given.ordered.map((c) => c.name)).toEqual(['马丙', '𠀀甲', '王乙']);
  });
  it('secretary candidates in the approved order; missing orders are reported', () => {
    const r = orderCandidates(
      [
        { name: '丁一', approvedOrder: 2 },
        { name: '黄磊', approvedOrder: 1 },
      ],
      true,
    );
    expect(r.ordered.map((c) => c.name)).toEqual(['黄磊', '丁一']);
    expect(orderCandidates([{ name: '丁一' }, { name: '黄磊', approvedOrder: 1 }], true).missingApprovedOrder).toEqual(['丁一']);
    expect(orderCandidates([{ name: '丁一' }], true).missingApprovedOrder).toEqual([]);
  });
  it('the order does not depend on the input order', () => {
    const pool = [...DEMO_SURNAMES].map((s, i) => ({ name: `${s}${'明华'[i % 2]}` }));
    fc.assert(
      fc.property(fc.shuffledSubarray(pool, { minLength: 2, maxLength: 20 }), fc.integer(), (list, seed) => {
        const shuffled = [...list].sort((a, b) => ((a.name.codePointAt(0)! * 31 + seed) % 97) - ((b.name.codePointAt(0)! * 31 + seed) % 97));
        return JSON.stringify(orderCandidates(list, false).ordered) === JSON.stringify(orderCandidates(shuffled, false).ordered);
      }),
    );
  });
});

const A = 'a0000000-0000-4000-8000-000000000001';
const B = 'a0000000-0000-4000-8000-000000000002';
const C = 'a0000000-0000-4000-8000-000000000003';
const CANDS = [
  { id: A, name: '丁一' },
  { id: B, name: '王二' },
  { id: C, name: '张三' },
];

describe('E7 ballot form', () => {
  it('one mark per candidate; write-in only in place of 不赞成', () => {
    expect(ballotFormProblems({ marks: [{ candidateId: A, mark: 'against' }], writeIns: [{ replaces: A, name: '李四' }] }, CANDS)).toEqual([]);
  });
  it('a write-in next to 弃权 (or with no mark, which is 弃权) is rejected', () => {
    expect(ballotFormProblems({ marks: [{ candidateId: A, mark: 'abstain' }], writeIns: [{ replaces: A, name: '李四' }] }, CANDS)).toEqual([
      { code: 'write_in_not_against', candidateId: A, mark: 'abstain' },
    ]);
    expect(ballotFormProblems({ marks: [], writeIns: [{ replaces: A, name: '李四' }] }, CANDS)[0]?.code).toBe('write_in_not_against');
  });
  it('a write-in next to 赞成 is rejected too', () => {
    expect(ballotFormProblems({ marks: [{ candidateId: A, mark: 'for' }], writeIns: [{ replaces: A, name: '李四' }] }, CANDS)[0]?.code).toBe(
      'write_in_not_against',
    );
  });
  it('unknown candidates, double marks, two write-ins for one place, a listed candidate written in, write-ins in a run-off', () => {
    const X = 'a0000000-0000-4000-8000-00000000000f';
    expect(ballotFormProblems({ marks: [{ candidateId: X, mark: 'for' }], writeIns: [] }, CANDS)[0]?.code).toBe('unknown_candidate');
    expect(
      ballotFormProblems(
        {
          marks: [
            { candidateId: A, mark: 'for' },
            { candidateId: A, mark: 'against' },
          ],
          writeIns: [],
        },
        CANDS,
      )[0]?.code,
    ).toBe('duplicate_mark');
    const twice = {
      marks: [{ candidateId: A, mark: 'against' as const }],
      writeIns: [
        { replaces: A, name: '李四' },
        { replaces: A, name: '赵五' },
      ],
    };
    expect(ballotFormProblems(twice, CANDS)[0]?.code).toBe('write_in_duplicate');
    expect(ballotFormProblems({ marks: [{ candidateId: A, mark: 'against' }], writeIns: [{ replaces: A, name: '王二' }] }, CANDS)[0]?.code).toBe(
      'write_in_is_candidate',
    );
    expect(ballotFormProblems({ marks: [{ candidateId: A, mark: 'against' }], writeIns: [{ replaces: A, name: '李四' }] }, CANDS, false)[0]?.code).toBe(
      'write_in_not_allowed',
    );
  });
  it('normalises: every candidate marked (弃权 by default), write-ins in ballot order, names trimmed', () => {
    const n = normaliseBallot(
      {
        marks: [
          { candidateId: C, mark: 'against' },
          { candidateId: A, mark: 'against' },
        ],
        writeIns: [
          { replaces: C, name: ' 赵五 ' },
          { replaces: A, name: '李四' },
        ],
      },
      [A, B, C],
    );
    expect(n).toEqual({
      marks: { [A]: 'against', [B]: 'abstain', [C]: 'against' },
      writeIns: [
        { replaces: A, name: '李四' },
        { replaces: C, name: '赵五' },
      ],
    });
  });
});

describe('E8 validity', () => {
  const b = (marks: BallotMark[], writeIns = 0): ElectionBallotContent => ({
    marks: Object.fromEntries(marks.map((m, i) => [CANDS[i]!.id, m])),
    writeIns: Array.from({ length: writeIns }, (_, i) => ({ replaces: CANDS[i]!.id, name: `另选${i}` })),
  });
  it('赞成 + write-ins up to the seats is valid; one more is invalid', () => {
    expect(ballotValid(b(['for', 'for', 'against']), 2)).toBe(true);
    expect(ballotValid(b(['for', 'for', 'for']), 2)).toBe(false);
    expect(ballotValid(b(['against', 'for', 'for'], 1), 2)).toBe(false);
    expect(ballotValid(b(['against', 'for', 'abstain'], 1), 2)).toBe(true);
  });
  it('不赞成 and 弃权 never make a ballot invalid', () => {
    expect(ballotValid(b(['against', 'against', 'against']), 1)).toBe(true);
    expect(ballotValid(b(['abstain', 'abstain', 'abstain']), 1)).toBe(true);
  });
  it('the mini-program warning says the same', () => {
    expect(
      ballotInvalidWarning(
        {
          marks: [
            { candidateId: A, mark: 'for' },
            { candidateId: B, mark: 'for' },
          ],
          writeIns: [],
        },
        1,
      ),
    ).toMatch(/无效票/);
    expect(ballotInvalidWarning({ marks: [{ candidateId: A, mark: 'for' }], writeIns: [] }, 1)).toBeNull();
  });
});

describe('E9 void', () => {
  it('more collected than issued is void; equal or fewer is not', () => {
    expect(electionVoid(11, 10)).toBe(true);
    expect(electionVoid(10, 10)).toBe(false);
    expect(electionVoid(9, 10)).toBe(false);
  });
  it('a void round elects nobody and shows no counts', () => {
    const t = tallyElection({ candidates: CANDS, seats: 1, ballots: [ballotFor([A]), ballotFor([A])], issued: 1, majorityBase: 'required', base: 2 });
    expect(t.void).toBe(true);
    expect(t.elected).toEqual([]);
    expect(t.rows).toEqual([]);
  });
});

const ballotFor = (yes: string[], seatsFor: ReadonlyArray<{ id: string }> = CANDS): ElectionBallotContent => ({
  marks: Object.fromEntries(seatsFor.map((c) => [c.id, yes.includes(c.id) ? 'for' : 'against'])),
  writeIns: [],
});
const many = (n: number, yes: string[]) => Array.from({ length: n }, () => ballotFor(yes));

describe('E10 majority', () => {
  it('more than half passes; exactly half does not', () => {
    expect(passesMajority(6, 10)).toBe(true);
    expect(passesMajority(5, 10)).toBe(false);
    expect(passesMajority(5, 9)).toBe(true);
    expect(passesMajority(4, 9)).toBe(false);
    expect(passesMajority(0, 0)).toBe(false);
    expect(majorityThreshold(10)).toBe(6);
    expect(majorityThreshold(9)).toBe(5);
  });
  it('the base is a versioned rule-set parameter: 2020 → 应到会, 1990 → 实到会', () => {
    expect(ELECTION_RULE_SETS['2020-v1'].majorityBase).toBe('required');
    expect(ELECTION_RULE_SETS['1990-v1'].majorityBase).toBe('present');
    expect(majorityBaseCount('required', { required: 20, present: 17 })).toBe(20);
    expect(majorityBaseCount('present', { required: 20, present: 17 })).toBe(17);
  });
  it('base 应到会 (20): 10 votes of 17 present are exactly half of 20 → not elected', () => {
    const ballots = [...many(10, [A]), ...many(7, [B])];
    const required = tallyElection({ candidates: CANDS, seats: 1, ballots, issued: 17, majorityBase: 'required', base: 20 });
    expect(required.threshold).toBe(11);
    expect(required.elected).toEqual([]);
    expect(required.shortfall).toBe(1);
    // Same ballots, base 实到会 (17): 10 > 8.5 → elected.
    const present = tallyElection({ candidates: CANDS, seats: 1, ballots, issued: 17, majorityBase: 'present', base: 17 });
    expect(present.threshold).toBe(9);
    expect(present.elected).toEqual([`c:${A}`]);
  });
  it('base 实到会: exactly half of those present is not elected', () => {
    const t = tallyElection({ candidates: CANDS, seats: 1, ballots: [...many(8, [A]), ...many(8, [B])], issued: 16, majorityBase: 'present', base: 16 });
    expect(t.elected).toEqual([]);
    expect(t.rows.find((r) => r.candidateId === A)?.passed).toBe(false);
  });
});

describe('E11 more passing than seats', () => {
  it('takes the most votes', () => {
    // 10 voters, 2 seats, base 10: A 7, B 7, C 6 all pass (> 5); A and B are elected, C is not.
    const t = tallyElection({
      candidates: CANDS,
      seats: 2,
      ballots: [...many(4, [A, B]), ...many(3, [A, C]), ...many(3, [B, C])],
      issued: 10,
      majorityBase: 'required',
      base: 10,
    });
    expect(t.rows.map((r) => [r.for, r.passed, r.outcome])).toEqual([
      [7, true, 'elected'],
      [7, true, 'elected'],
      [6, true, 'not_elected'],
    ]);
    expect(t.runoff).toBeNull();
    expect(t.shortfall).toBe(0);
  });
  it('a tie at the cut-off goes to a run-off among the tied only (no lottery)', () => {
    // A 7, B 6, C 6: A elected, B and C tie for the last seat.
    const tie = tallyElection({
      candidates: CANDS,
      seats: 2,
      ballots: [...many(3, [A, B]), ...many(3, [A, C]), ...many(3, [B, C]), ballotFor([A])],
      issued: 10,
      majorityBase: 'required',
      base: 10,
    });
    expect(tie.elected).toEqual([`c:${A}`]);
    expect(tie.runoff).toEqual({ keys: [`c:${B}`, `c:${C}`], seats: 1 });
    expect(tie.shortfall).toBe(0);
    expect(tie.rows.map((r) => r.outcome)).toEqual(['elected', 'runoff', 'runoff']);
  });
  it('a run-off ranks by votes without a threshold', () => {
    const two = CANDS.slice(1);
    const t = tallyElection({
      candidates: two,
      seats: 1,
      ballots: [
        ...many(3, [B]).map((b) => ({ marks: { [B]: b.marks[B]!, [C]: 'against' as const }, writeIns: [] })),
        { marks: { [B]: 'against', [C]: 'for' }, writeIns: [] },
      ],
      issued: 4,
      majorityBase: 'required',
      base: 50,
      plurality: true,
    });
    expect(t.elected).toEqual([`c:${B}`]);
  });
  it('a tie across all seats elects all the tied when they fit', () => {
    const t = tallyElection({ candidates: CANDS, seats: 2, ballots: [...many(6, [A, B])], issued: 6, majorityBase: 'required', base: 6 });
    expect(t.elected.sort()).toEqual([`c:${A}`, `c:${B}`].sort());
  });
});

describe('E12 shortfall', () => {
  it('never fills a seat from below the threshold', () => {
    const t = tallyElection({ candidates: CANDS, seats: 2, ballots: [...many(6, [A]), ...many(4, [B])], issued: 10, majorityBase: 'required', base: 10 });
    expect(t.elected).toEqual([`c:${A}`]);
    expect(t.shortfall).toBe(1);
    expect(t.rows.find((r) => r.candidateId === B)).toMatchObject({ for: 4, passed: false, outcome: 'not_elected' });
  });
  it('announce leads to run-off, shortfall, approval or completion', () => {
    expect(stateAfterAnnounce('committee', { void: false, runoff: { keys: ['a', 'b'], seats: 1 }, shortfall: 0 })).toBe('runoff_required');
    expect(stateAfterAnnounce('committee', { void: false, runoff: null, shortfall: 1 })).toBe('shortfall');
    expect(stateAfterAnnounce('committee', { void: false, runoff: null, shortfall: 0 })).toBe('completed');
    expect(stateAfterAnnounce('secretary', { void: false, runoff: null, shortfall: 0 })).toBe('pending_approval');
    expect(stateAfterAnnounce('deputy_secretary', { void: false, runoff: null, shortfall: 0 })).toBe('pending_approval');
  });
  it('seat reduction needs consent of more than half of the voters', () => {
    expect(recordedVotePasses({ for: 11, against: 5, abstain: 4 }, 20)).toBe(true);
    expect(recordedVotePasses({ for: 10, against: 5, abstain: 5 }, 20)).toBe(false);
    // Voters who did not raise a hand count in the base: 11 of 23 is not more than half.
    expect(recordedVotePasses({ for: 11, against: 5, abstain: 4 }, 23)).toBe(false);
  });
});

describe('E13 scrutineers', () => {
  it('must not be candidates', () => {
    expect(scrutineersWhoAreCandidates(['m1', 'm2'], ['m2', null, 'm3'])).toEqual(['m2']);
    expect(scrutineersWhoAreCandidates(['m1'], ['m2'])).toEqual([]);
  });
  it('are approved by a recorded vote: more than half of those present; counts cannot exceed them', () => {
    expect(recordedVotePasses({ for: 10, against: 0, abstain: 0 }, 19)).toBe(true);
    expect(recordedVotePasses({ for: 10, against: 0, abstain: 0 }, 20)).toBe(false);
    expect(recordedVoteFits({ for: 10, against: 5, abstain: 5 }, 20)).toBe(true);
    expect(recordedVoteFits({ for: 10, against: 6, abstain: 5 }, 20)).toBe(false);
  });
});

describe('E14 transition table', () => {
  it('every state is reachable from draft and every target is known', () => {
    expect(unreachableStates(ELECTION_TRANSITIONS, ELECTION_INITIAL_STATE, ELECTION_STATES)).toEqual([]);
    expect(() => assertTableSound('election', ELECTION_TRANSITIONS, ELECTION_INITIAL_STATE, ELECTION_STATES)).not.toThrow();
  });
  it('follows the meeting order', () => {
    const path = [
      ['report_attendance', 'attendance_reported'],
      ['adopt_rules', 'rules_adopted'],
      ['announce_candidates', 'candidates_announced'],
      ['approve_scrutineers', 'scrutineers_approved'],
      ['open_voting', 'voting_open'],
      ['close_voting', 'voting_closed'],
      ['verify_ballots', 'verified'],
      ['count', 'counted'],
      ['sign', 'signed'],
      ['announce', 'completed'],
    ] as const;
    let s = ELECTION_INITIAL_STATE;
    for (const [a, to] of path) s = transition(ELECTION_TRANSITIONS, s, a, to);
    expect(s).toBe('completed');
  });
  it('a step out of order is refused with the allowed steps', () => {
    expect(() => transition(ELECTION_TRANSITIONS, 'draft', 'open_voting')).toThrow(StepOutOfOrderError);
    try {
      transition(ELECTION_TRANSITIONS, 'rules_adopted', 'count');
    } catch (e) {
      expect(e).toMatchObject({ state: 'rules_adopted', action: 'count', allowed: ['announce_candidates', 'cancel'] });
    }
    // A listed action with an unlisted target is out of order too.
    expect(() => transition(ELECTION_TRANSITIONS, 'voting_closed', 'verify_ballots', 'counted')).toThrow(StepOutOfOrderError);
    // An action with several targets needs one.
    expect(() => transition(ELECTION_TRANSITIONS, 'voting_closed', 'verify_ballots')).toThrow(/needs a target/);
  });
  it('no voting after cancellation; nothing after completion', () => {
    expect(allowedActions(ELECTION_TRANSITIONS, 'cancelled')).toEqual([]);
    expect(allowedActions(ELECTION_TRANSITIONS, 'completed')).toEqual([]);
    expect(allowedActions(ELECTION_TRANSITIONS, 'voting_open')).toEqual(['close_voting']);
  });
  it('only known actions appear in the table', () => {
    for (const actions of Object.values(ELECTION_TRANSITIONS)) for (const a of Object.keys(actions)) expect(ElectionAction.options).toContain(a);
  });
  it('a table with an unreachable state is refused', () => {
    type S = 'a' | 'b' | 'c';
    const broken: TransitionTable<S, 'go'> = { a: { go: ['b'] }, b: {}, c: { go: ['a'] } };
    expect(unreachableStates(broken, 'a', ['a', 'b', 'c'])).toEqual(['c']);
    expect(() => assertTableSound('broken', broken, 'a', ['a', 'b', 'c'])).toThrow(/unreachable states c/);
    const unknownTarget = { a: { go: ['z'] }, b: {}, c: {} } as unknown as TransitionTable<S, 'go'>;
    expect(() => assertTableSound('unknown', unknownTarget, 'a', ['a', 'b', 'c'])).toThrow(/unknown target state z/);
  });
});

describe('published record digest', () => {
  it('is SHA-256 of a canonical text that does not depend on key order', () => {
    const a = canonicalRecordText({
      boxId: 'x',
      receipts: ['R1'],
      ballots: [{ election: { marks: { [B]: 'for', [A]: 'against' }, writeIns: [] }, motion: null, valid: true }],
    });
    const b = canonicalRecordText({
      boxId: 'x',
      receipts: ['R1'],
      ballots: [{ election: { marks: { [A]: 'against', [B]: 'for' }, writeIns: [] }, motion: null, valid: true }],
    });
    expect(a).toBe(b);
    expect(recordDigest('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(recordDigest(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashed in pieces (a large box, issue 12) is the same text as one JSON document', () => {
    const ballots = [
      { election: { marks: { [B]: 'for' as const, [A]: 'against' as const }, writeIns: [{ replaces: A, name: '另选' }] }, motion: null, valid: false },
      { election: null, motion: { choice: 'abstain' as const }, valid: true },
      { election: null, motion: null, valid: true },
    ];
    for (const n of [0, 1, 3]) {
      const r = { boxId: 'b"1', receipts: ['R1', 'R2'], ballots: ballots.slice(0, n) };
      const whole = JSON.stringify({
        box: r.boxId,
        receipts: r.receipts,
        ballots: r.ballots.map((b) =>
          b.election
            ? {
                marks: Object.keys(b.election.marks)
                  .sort()
                  .map((k) => [k, b.election.marks[k as keyof typeof b.election.marks]]),
                writeIns: b.election.writeIns.map((w) => [w.replaces, w.name]),
                valid: b.valid,
              }
            : { choice: b.motion?.choice ?? null, valid: b.valid },
        ),
      });
      expect([...canonicalRecordChunks(r)].join('')).toBe(whole);
      expect(canonicalRecordText(r)).toBe(whole);
    }
  });
});

// ---- Property-based tests of the tally ----

const arbElection = fc
  .record({
    candidates: fc.integer({ min: 1, max: 9 }),
    seats: fc.integer({ min: 1, max: 7 }),
    voters: fc.integer({ min: 0, max: 60 }),
    extraBase: fc.integer({ min: 0, max: 30 }),
  })
  .chain(({ candidates, seats, voters, extraBase }) => {
    const ids = Array.from({ length: candidates }, (_, i) => `c000000${i}-0000-4000-8000-000000000000`);
    const ballot = fc.record({
      marks: fc.tuple(...ids.map(() => fc.constantFrom<BallotMark>('for', 'against', 'abstain'))),
      writeIn: fc.array(fc.tuple(fc.integer({ min: 0, max: candidates - 1 }), fc.constantFrom('李四', '赵五', '钱六')), { maxLength: 2 }),
    });
    return fc.record({
      ids: fc.constant(ids),
      seats: fc.constant(Math.min(seats, candidates)),
      base: fc.constant(voters + extraBase),
      plurality: fc.boolean(),
      ballots: fc.array(ballot, { minLength: voters, maxLength: voters }).map((bs) =>
        bs.map((b) => {
          const marks: Record<string, BallotMark> = Object.fromEntries(ids.map((id, i) => [id, b.marks[i]!]));
          const seen = new Set<number>();
          const writeIns = b.writeIn
            .filter(([i]) => marks[ids[i]!] === 'against' && !seen.has(i) && (seen.add(i), true))
            .map(([i, name]) => ({ replaces: ids[i]!, name }));
          return { marks, writeIns } satisfies ElectionBallotContent;
        }),
      ),
    });
  });

const run = (
  e: { ids: string[]; seats: number; base: number; plurality: boolean; ballots: ElectionBallotContent[] },
  ballots = e.ballots,
): ReturnType<typeof tallyElection> => {
  const input: TallyInput = {
    candidates: e.ids.map((id, i) => ({ id, name: `候选人${i}` })),
    seats: e.seats,
    ballots,
    issued: e.ballots.length,
    majorityBase: 'required',
    base: e.base,
    plurality: e.plurality,
  };
  return tallyElection(input);
};

describe('packed ballots (counting, issue 12)', () => {
  it('hash to the same record text as the ballots themselves, with the same E8 validity, unmarked candidates and write-ins included', () => {
    fc.assert(
      fc.property(arbElection, fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }), fc.boolean(), (e, dropped, reversed) => {
        // The box's order need not be the sorted one; a candidate may be left unmarked (stored ballots from before normalising).
        const boxOrder = reversed ? [...e.ids].reverse() : e.ids;
        const ballots = e.ballots.map((b, n) => ({
          marks: Object.fromEntries(Object.entries(b.marks).filter((_, i) => !(dropped[i] && n % 2 === 0))),
          writeIns: n === 0 ? [...b.writeIns, { replaces: e.ids[0]!, name: '引号"与\\斜杠' }] : b.writeIns,
        }));
        const packed = ballots.map((b) => packBallot(b, boxOrder, e.seats));
        if (packed.some((p, n) => p.valid !== packedValid(p.code, ballots[n]!.writeIns.length, e.seats))) return false;
        const text = canonicalRecordText({
          boxId: 'box',
          receipts: ['R2', 'R1'],
          ballots: ballots.map((b) => ({ election: b, motion: null, valid: ballotValid(b, e.seats) })),
        });
        return [...canonicalPackedChunks({ boxId: 'box', receipts: ['R2', 'R1'], candidateIds: boxOrder, ballots: packed })].join('') === text;
      }),
    );
  });
});

describe('tally properties', () => {
  it('the counts add up: valid + invalid = collected; per candidate 赞成 + 不赞成 + 弃权 = valid', () => {
    fc.assert(
      fc.property(arbElection, (e) => {
        const t = run(e);
        if (t.valid + t.invalid !== t.collected) return false;
        return t.rows.filter((r) => !r.writeIn).every((r) => r.for + r.against + r.abstain === t.valid);
      }),
    );
  });
  it('no candidate below the threshold is ever elected, and never more than the seats', () => {
    fc.assert(
      fc.property(arbElection, (e) => {
        const t = run({ ...e, plurality: false });
        const rows = new Map(t.rows.map((r) => [r.key, r]));
        return (
          t.elected.length <= e.seats &&
          t.elected.every((k) => passesMajority(rows.get(k)!.for, e.base)) &&
          (t.runoff?.keys ?? []).every((k) => passesMajority(rows.get(k)!.for, e.base))
        );
      }),
    );
  });
  it('elected + run-off seats + shortfall = seats', () => {
    fc.assert(
      fc.property(arbElection, (e) => {
        const t = run(e);
        return t.elected.length + (t.runoff?.seats ?? 0) + t.shortfall === e.seats;
      }),
    );
  });
  it('a run-off holds only candidates tied at the cut-off, and more of them than seats left', () => {
    fc.assert(
      fc.property(arbElection, (e) => {
        const t = run(e);
        if (!t.runoff) return true;
        const votes = new Set(t.runoff.keys.map((k) => t.rows.find((r) => r.key === k)!.for));
        const cut = [...votes][0]!;
        const electedAbove = t.elected.every((k) => t.rows.find((r) => r.key === k)!.for > cut);
        return votes.size === 1 && t.runoff.keys.length > t.runoff.seats && electedAbove;
      }),
    );
  });
  it('shuffling the ballots never changes the result', () => {
    fc.assert(
      fc.property(arbElection, fc.integer(), (e, seed) => {
        const shuffled = [...e.ballots]
          .map((b, i) => ({ b, k: (i * 7919 + seed) % 104_729 }))
          .sort((x, y) => x.k - y.k)
          .map((x) => x.b);
        return JSON.stringify(run(e)) === JSON.stringify(run(e, shuffled));
      }),
    );
  });
  it('invalid ballots never count toward any candidate: adding invalid ballots changes only the invalid count', () => {
    fc.assert(
      fc.property(arbElection, fc.integer({ min: 1, max: 5 }), (e, extra) => {
        if (e.ids.length <= e.seats) return true;
        // All 赞成: more than the seats → invalid (E8).
        const invalid: ElectionBallotContent = { marks: Object.fromEntries(e.ids.map((id) => [id, 'for'])), writeIns: [] };
        const before = run(e);
        const after = tallyElection({
          candidates: e.ids.map((id, i) => ({ id, name: `候选人${i}` })),
          seats: e.seats,
          ballots: [...e.ballots, ...Array.from({ length: extra }, () => invalid)],
          issued: e.ballots.length + extra,
          majorityBase: 'required',
          base: e.base,
          plurality: e.plurality,
        });
        return (
          after.invalid === before.invalid + extra &&
          JSON.stringify(after.rows) === JSON.stringify(before.rows) &&
          JSON.stringify(after.elected) === JSON.stringify(before.elected)
        );
      }),
    );
  });
});

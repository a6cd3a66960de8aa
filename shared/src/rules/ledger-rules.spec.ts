import {
  coverage,
  creditCodeCheckChar,
  gapReasons,
  instructorVisited,
  isValidCreditCode,
  lastMonths,
  meetsTarget,
  monthEnd,
  monthlyTrend,
  dayMonthsBefore,
  orgCoverage,
  rate,
  visitSlots,
  workCovered,
  type LedgerFacts,
} from './ledger-rules.js';

const own = { kind: 'branch', isJoint: false, isTemporary: false, since: '2025-01-01' };
const joint = { kind: 'branch', isJoint: true, isTemporary: false, since: '2025-01-01' };
const params = { minEmployees: 0, visitsPerYear: 4 };
const facts = (over: Partial<LedgerFacts> = {}): LedgerFacts => ({
  id: 'e',
  employees: 20,
  listedOn: '2025-01-01',
  leftOn: null,
  links: [],
  fullMembers: 0,
  officers: [],
  visits: [],
  ...over,
});
const instructor = { role: 'instructor' as const, userId: 'u1', startsOn: '2025-01-01', endsOn: null };
const liaison = { role: 'liaison' as const, userId: 'u2', startsOn: '2025-01-01', endsOn: null };

describe('K1 unified social credit code (GB 32100-2015)', () => {
  it.each(['91110108551385082Q', '9144030071526726XG', '91330100716105852F'])('accepts the published code %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });
  it('rejects a wrong check character, every other character of the alphabet', () => {
    const base = '91110108551385082';
    for (const c of '0123456789ABCDEFGHJKLMNPRTUWXY') expect(isValidCreditCode(base + c)).toBe(false);
  });
  it('a check value of 0 is the character 0 (31 − 0 wraps), not an out-of-range index', () => {
    // Find a body whose weighted sum is a multiple of 31 by varying the last body character.
    const body = Array.from('0123456789ABCDEFGHJKLMNPQRTUWXY')
      .map((c) => `9111010855138508${c}`)
      .find((b) => creditCodeCheckChar(b) === '0');
    expect(body).toBeDefined();
    expect(isValidCreditCode(`${body}0`)).toBe(true);
  });
  it.each([
    ['17 characters', '91110108551385082'],
    ['19 characters', '91110108551385082QQ'],
    ['lower case', '91110108551385082q'],
    ['a letter outside the alphabet (I)', '9111010855138508IQ'],
    ['a letter outside the alphabet (O)', 'O1110108551385082Q'],
    ['empty', ''],
  ])('rejects %s', (_, code) => expect(isValidCreditCode(code)).toBe(false));
});

describe('K2 organisation coverage', () => {
  it('own beats joint; joint alone is joint; nothing is none', () => {
    expect(orgCoverage([joint, own])).toBe('own');
    expect(orgCoverage([joint])).toBe('joint');
    expect(orgCoverage([])).toBe('none');
  });
  it('a 党小组, a temporary branch (S4) and a joint park committee (O1) do not cover; a joint general branch does', () => {
    expect(orgCoverage([{ ...own, kind: 'group' }])).toBe('none');
    expect(orgCoverage([{ ...joint, kind: 'committee' }])).toBe('none');
    expect(orgCoverage([{ ...joint, kind: 'general_branch' }])).toBe('joint');
    expect(orgCoverage([{ ...own, kind: 'committee' }])).toBe('own');
    expect(orgCoverage([{ ...own, isTemporary: true }])).toBe('none');
  });
  it('a link counts from its day on, not the day before', () => {
    expect(orgCoverage([own], '2024-12-31')).toBe('none');
    expect(orgCoverage([own], '2025-01-01')).toBe('own');
  });
  it('the rate counts listed enterprises only, from the listing day to the day before leaving', () => {
    const entries = [facts({ links: [own] }), facts({ listedOn: '2025-03-02' }), facts({ leftOn: '2025-03-01' })];
    expect(coverage(entries, '2025-03-01', params)).toMatchObject({ enterprises: 1, orgCovered: 1, orgRate: 100 });
    expect(coverage(entries, '2025-02-28', params)).toMatchObject({ enterprises: 2, orgCovered: 1, orgRate: 50 });
    expect(coverage(entries, '2025-03-02', params)).toMatchObject({ enterprises: 2, orgRate: 50 });
  });
  it('[?] denominator: with minEmployees only enterprises at or above it count; unknown size counts as 0', () => {
    const entries = [facts({ employees: 9 }), facts({ employees: 10, links: [own] }), facts({ employees: null })];
    expect(coverage(entries, '2025-06-01', { ...params, minEmployees: 10 })).toMatchObject({ enterprises: 1, orgRate: 100 });
    expect(coverage(entries, '2025-06-01', params)).toMatchObject({ enterprises: 3 });
  });
  it('an empty ledger has no rate (null), and meets no target', () => {
    expect(coverage([], '2025-06-01', params)).toEqual({ enterprises: 0, orgCovered: 0, workCovered: 0, orgRate: null, workRate: null });
    expect(meetsTarget(null, 0)).toBe(false);
  });
  it('rates keep one decimal; meeting a target is ≥', () => {
    expect(rate(2, 3)).toBe(66.7);
    expect(rate(1, 3)).toBe(33.3);
    expect(meetsTarget(90, 90)).toBe(true);
    expect(meetsTarget(89.9, 90)).toBe(false);
  });
});

describe('K3 work coverage and S1 visit period', () => {
  const visited = (visitedOn: string, userId = 'u1') => facts({ officers: [instructor], visits: [{ userId, visitedOn }] });
  it('an appointed instructor’s visit at most three months before the day covers; exactly three months before does not', () => {
    expect(instructorVisited(visited('2025-03-30'), '2025-06-30', 4)).toBe(false);
    expect(instructorVisited(visited('2025-03-31'), '2025-06-30', 4)).toBe(true);
    expect(instructorVisited(visited('2025-06-30'), '2025-06-30', 4)).toBe(true);
    expect(instructorVisited(visited('2025-07-01'), '2025-06-30', 4)).toBe(false);
  });
  it('the period follows visitsPerYear: yearly covers 12 months', () => {
    const long = (visitedOn: string) => facts({ officers: [{ ...instructor, startsOn: '2020-01-01' }], visits: [{ userId: 'u1', visitedOn }] });
    expect(instructorVisited(long('2024-07-01'), '2025-06-30', 1)).toBe(true);
    expect(instructorVisited(long('2024-06-30'), '2025-06-30', 1)).toBe(false);
  });
  it('a visit by a liaison officer, or by someone outside the term, does not count', () => {
    expect(instructorVisited(facts({ officers: [liaison], visits: [{ userId: 'u2', visitedOn: '2025-06-01' }] }), '2025-06-30', 4)).toBe(false);
    const ended = facts({ officers: [{ ...instructor, endsOn: '2025-05-31' }], visits: [{ userId: 'u1', visitedOn: '2025-06-01' }] });
    expect(instructorVisited(ended, '2025-06-30', 4)).toBe(false);
    expect(instructorVisited(visited('2025-06-01', 'someone'), '2025-06-30', 4)).toBe(false);
  });
  it('organisation coverage is work coverage too', () => {
    expect(workCovered(facts({ links: [joint] }), '2025-06-30', 4)).toBe(true);
    expect(workCovered(facts(), '2025-06-30', 4)).toBe(false);
    expect(coverage([facts({ links: [own] }), visited('2025-06-01'), facts()], '2025-06-30', params)).toMatchObject({
      orgCovered: 1,
      workCovered: 2,
      orgRate: 33.3,
      workRate: 66.7,
    });
  });
});

describe('gaps (K2, K3, S1)', () => {
  const day = '2025-06-30';
  it('a fully served enterprise has none', () => {
    expect(
      gapReasons(facts({ links: [own], fullMembers: 5, officers: [instructor, liaison], visits: [{ userId: 'u1', visitedOn: '2025-06-01' }] }), day, 4),
    ).toEqual([]);
  });
  it('an uncovered enterprise without officers lists every reason', () => {
    expect(gapReasons(facts({ fullMembers: 3 }), day, 4)).toEqual(['no_organisation', 'needs_own_branch', 'no_instructor', 'no_liaison', 'not_visited']);
  });
  it('O2: 3 full members but only a joint branch still needs its own branch; 2 do not', () => {
    expect(gapReasons(facts({ links: [joint], fullMembers: 3 }), day, 4)).toContain('needs_own_branch');
    expect(gapReasons(facts({ links: [joint], fullMembers: 2 }), day, 4)).not.toContain('needs_own_branch');
    expect(gapReasons(facts({ links: [own], fullMembers: 30 }), day, 4)).not.toContain('needs_own_branch');
  });
  it('an officer whose term has ended, or not begun, is not appointed', () => {
    const f = facts({
      officers: [
        { ...instructor, endsOn: '2025-06-29' },
        { ...liaison, startsOn: '2025-07-01' },
      ],
    });
    expect(gapReasons(f, day, 4)).toEqual(expect.arrayContaining(['no_instructor', 'no_liaison']));
  });
});

describe('months and trend', () => {
  it('dayMonthsBefore clamps the day and crosses years', () => {
    expect(dayMonthsBefore('2025-05-31', 3)).toBe('2025-02-28');
    expect(dayMonthsBefore('2024-05-31', 3)).toBe('2024-02-29');
    expect(dayMonthsBefore('2025-02-15', 3)).toBe('2024-11-15');
    expect(dayMonthsBefore('2025-01-01', 12)).toBe('2024-01-01');
  });
  it('monthEnd and lastMonths', () => {
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2025-12')).toBe('2025-12-31');
    expect(lastMonths('2025-02-10', 3)).toEqual(['2024-12', '2025-01', '2025-02']);
  });
  it('each month is taken at its last day, the current month at today', () => {
    const entries = [facts({ listedOn: '2025-01-15', links: [{ ...own, since: '2025-03-01' }] }), facts({ listedOn: '2025-02-28' })];
    const t = monthlyTrend(entries, ['2025-01', '2025-02', '2025-03'], '2025-03-10', params);
    expect(t.map((m) => [m.month, m.enterprises, m.orgRate])).toEqual([
      ['2025-01', 1, 0],
      ['2025-02', 2, 0],
      ['2025-03', 2, 50],
    ]);
  });
});

describe('S1 visit plan', () => {
  const term = [{ startsOn: '2025-01-01', endsOn: null }];
  it('quarterly: four periods, done / overdue / due / upcoming by today', () => {
    const slots = visitSlots(term, ['2025-02-10'], 2025, 4, '2025-08-01');
    expect(slots.map((s) => [s.from, s.to, s.state])).toEqual([
      ['2025-01-01', '2025-03-31', 'done'],
      ['2025-04-01', '2025-06-30', 'overdue'],
      ['2025-07-01', '2025-09-30', 'due'],
      ['2025-10-01', '2025-12-31', 'upcoming'],
    ]);
  });
  it('the last day of a period is still due, the next day overdue', () => {
    expect(visitSlots(term, [], 2025, 4, '2025-03-31')[0]!.state).toBe('due');
    expect(visitSlots(term, [], 2025, 4, '2025-04-01')[0]!.state).toBe('overdue');
  });
  it('only periods overlapping the term are planned', () => {
    expect(visitSlots([{ startsOn: '2025-05-15', endsOn: '2025-07-01' }], [], 2025, 4, '2025-01-01').map((s) => s.from)).toEqual(['2025-04-01', '2025-07-01']);
  });
  it.each([1, 2, 3, 4, 6, 12])('%i visits a year cover the year without gaps', (n) => {
    const slots = visitSlots(term, [], 2025, n, '2025-01-01');
    expect(slots).toHaveLength(n);
    expect(slots[0]!.from).toBe('2025-01-01');
    expect(slots.at(-1)!.to).toBe('2025-12-31');
  });
});

import {
  PDCA_TASK_ACTION_ACTOR,
  PDCA_TASK_ACTIONS,
  PDCA_TASK_MACHINE_STATES,
  PDCA_TASK_STATES,
  PDCA_TASK_TRANSITIONS,
  averageScore,
  canEnterScore,
  isBelowThreshold,
  itemAverages,
  mayAct,
  PDCA_ACTORS,
  periodLabel,
  PDCA_PLAN_ACTION_ACTOR,
  PDCA_PLAN_ACTIONS,
  PDCA_PLAN_MACHINE_STATES,
  PDCA_PLAN_STATES,
  PDCA_PLAN_TRANSITIONS,
  rankByAverage,
  rubricTotal,
  scoreSheetProblem,
  sheetTotal,
  PDCA_TALK_ACTION_ACTOR,
  PDCA_TALK_ACTIONS,
  PDCA_TALK_MACHINE_STATES,
  PDCA_TALK_TRANSITIONS,
  type PdcaActor,
  type PdcaRubricItem,
} from './pdca-rules.js';
import { assertTableSound, type TransitionTable } from './vote-machine.js';

/** What each table must say: state → action → (the only actor allowed, the target). Anything absent is refused. */
const PDCA_PLAN_EXPECTED: Record<string, Record<string, [PdcaActor, string]>> = {
  new: { create: ['committee', 'draft'] },
  draft: { publish: ['committee', 'published'] },
  published: { start_scoring: ['committee', 'scoring'] },
  scoring: { report: ['committee', 'reported'] },
  reported: { close: ['committee', 'closed'] },
  closed: {},
};
const PDCA_TASK_EXPECTED: Record<string, Record<string, [PdcaActor, string]>> = {
  new: { assign: ['committee', 'assigned'] },
  assigned: { submit: ['branch', 'submitted'], score: ['committee', 'scored'] },
  submitted: { return: ['committee', 'returned'], accept: ['committee', 'accepted'] },
  returned: { submit: ['branch', 'submitted'], score: ['committee', 'scored'] },
  accepted: { score: ['committee', 'scored'] },
  scored: {},
};
const PDCA_TALK_EXPECTED: Record<string, Record<string, [PdcaActor, string]>> = {
  new: { open: ['committee', 'pending'] },
  pending: { hold: ['committee', 'held'] },
  held: {},
};

function everyCell<S extends string, A extends string>(
  name: string,
  table: TransitionTable<S, A>,
  actors: Record<A, PdcaActor>,
  states: readonly S[],
  actions: readonly A[],
  expected: Record<string, Record<string, [PdcaActor, string]>>,
) {
  const cases = states.flatMap((s) => actions.flatMap((a) => PDCA_ACTORS.map((r) => [s, a, r] as const)));
  it.each(cases)(`${name} (K6): in %s, %s by %s`, (state, action, actor) => {
    const want = expected[state]?.[action];
    const allowed = want !== undefined && want[0] === actor;
    expect(mayAct(table, actors, state, action, actor)).toBe(allowed);
    if (allowed) expect(table[state][action]).toEqual([want[1]]);
  });
}

describe('PDCA tables (K6): every action in every state by every role', () => {
  it('each table is sound: every state reachable from new, every target known', () => {
    expect(() => assertTableSound('pdca_plan', PDCA_PLAN_TRANSITIONS, 'new', PDCA_PLAN_MACHINE_STATES)).not.toThrow();
    expect(() => assertTableSound('pdca_assignment', PDCA_TASK_TRANSITIONS, 'new', PDCA_TASK_MACHINE_STATES)).not.toThrow();
    expect(() => assertTableSound('pdca_talk', PDCA_TALK_TRANSITIONS, 'new', PDCA_TALK_MACHINE_STATES)).not.toThrow();
  });
  everyCell('plan', PDCA_PLAN_TRANSITIONS, PDCA_PLAN_ACTION_ACTOR, PDCA_PLAN_MACHINE_STATES, PDCA_PLAN_ACTIONS, PDCA_PLAN_EXPECTED);
  everyCell('assignment', PDCA_TASK_TRANSITIONS, PDCA_TASK_ACTION_ACTOR, PDCA_TASK_MACHINE_STATES, PDCA_TASK_ACTIONS, PDCA_TASK_EXPECTED);
  everyCell('talk', PDCA_TALK_TRANSITIONS, PDCA_TALK_ACTION_ACTOR, PDCA_TALK_MACHINE_STATES, PDCA_TALK_ACTIONS, PDCA_TALK_EXPECTED);
});

describe('scorers enter scores (K6 绩效考评)', () => {
  const cases = PDCA_PLAN_STATES.flatMap((p) => PDCA_TASK_STATES.map((a) => [p, a] as const));
  it.each(cases)('plan %s, task %s', (plan, task) => {
    const open = plan === 'scoring' && ['assigned', 'returned', 'accepted'].includes(task);
    expect(canEnterScore(plan, task)).toBe(open);
  });
});

const RUBRIC: PdcaRubricItem[] = [
  { key: 'org', title: '组织建设', description: '', maxScore: 40 },
  { key: 'study', title: '学习教育', description: '', maxScore: 30 },
  { key: 'serve', title: '服务群众', description: '', maxScore: 30.5 },
];

describe('score sheets', () => {
  it('full marks sum the items', () => expect(rubricTotal(RUBRIC)).toBe(100.5));

  it('accepts 0 and the maximum, in steps of 0.5', () => {
    expect(scoreSheetProblem(RUBRIC, { org: 0, study: 30, serve: 30.5 })).toBeNull();
    expect(scoreSheetProblem(RUBRIC, { org: 39.5, study: 0.5, serve: 12 })).toBeNull();
  });

  it('refuses a missing item, one above its maximum or below 0, a finer step, an unknown item', () => {
    expect(scoreSheetProblem(RUBRIC, { org: 10, study: 10 })).toBe('请为“服务群众”打分');
    expect(scoreSheetProblem(RUBRIC, { org: 40.5, study: 10, serve: 10 })).toBe('“组织建设”的得分应在 0 到 40 分之间');
    expect(scoreSheetProblem(RUBRIC, { org: -0.5, study: 10, serve: 10 })).toBe('“组织建设”的得分应在 0 到 40 分之间');
    expect(scoreSheetProblem(RUBRIC, { org: 10.2, study: 10, serve: 10 })).toBe('“组织建设”的得分最小单位为 0.5 分');
    expect(scoreSheetProblem(RUBRIC, { org: 10, study: 10, serve: 10, x: 1 })).toBe('评分项不属于该考评细则');
  });

  it('a sheet totals its items', () => expect(sheetTotal({ org: 35.5, study: 20, serve: 0.5 })).toBe(56));
});

describe('averages, threshold, ranks', () => {
  it('the branch score is the mean of the scorers, two decimals; none before a sheet', () => {
    expect(averageScore([])).toBeNull();
    expect(averageScore([80])).toBe(80);
    expect(averageScore([80, 85, 90.5])).toBe(85.17);
  });

  it('item averages over the sheets that have them', () => {
    expect(
      itemAverages(RUBRIC, [
        { org: 30, study: 20, serve: 10 },
        { org: 31, study: 21, serve: 10 },
      ]),
    ).toEqual({ org: 30.5, study: 20.5, serve: 10 });
    expect(itemAverages(RUBRIC, [])).toEqual({ org: null, study: null, serve: null });
  });

  it('K6: strictly below the threshold is called in; exactly at it passes', () => {
    expect(isBelowThreshold(59.99, 60)).toBe(true);
    expect(isBelowThreshold(60, 60)).toBe(false);
    expect(isBelowThreshold(60.01, 60)).toBe(false);
  });

  it('ranks share on equal averages; unscored come last without a rank', () => {
    const ranked = rankByAverage([
      { id: 'a', average: 80 },
      { id: 'b', average: null },
      { id: 'c', average: 90 },
      { id: 'd', average: 80 },
      { id: 'e', average: 70 },
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['c', 1],
      ['a', 2],
      ['d', 2],
      ['e', 4],
      ['b', null],
    ]);
  });

  it('period labels', () => {
    expect(periodLabel(2026, null)).toBe('2026年度');
    expect(periodLabel(2026, 1)).toBe('2026年第一季度');
    expect(periodLabel(2026, 4)).toBe('2026年第四季度');
  });
});

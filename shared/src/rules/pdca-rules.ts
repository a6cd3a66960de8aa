import type { TransitionTable } from './vote-machine.js';

/*
 * PDCA evaluation (K6, issue 15): 党委统筹 (the committee plans tasks and a rubric) → 党群部组织 (assigns
 * them to branches) → 党支部落实 / 党员执行 (branches submit what they did, with evidence) → 绩效考评 (several
 * scorers score each branch against the rubric, averaged) → 汇报党委 (the results as a sheet and a PDF);
 * a branch below the threshold → 约谈 of its secretary, recorded. Three tables, one engine.
 */

/** The plan: drafted and edited, published to the branches, scored, reported upward, closed when every talk is held. */
export const PDCA_PLAN_STATES = ['draft', 'published', 'scoring', 'reported', 'closed'] as const;
export type PdcaPlanState = (typeof PDCA_PLAN_STATES)[number];
export type PdcaPlanMachineState = 'new' | PdcaPlanState;
export const PDCA_PLAN_MACHINE_STATES: readonly PdcaPlanMachineState[] = ['new', ...PDCA_PLAN_STATES];
export const PDCA_PLAN_ACTIONS = ['create', 'publish', 'start_scoring', 'report', 'close'] as const;
export type PdcaPlanAction = (typeof PDCA_PLAN_ACTIONS)[number];

export const PDCA_PLAN_TRANSITIONS: TransitionTable<PdcaPlanMachineState, PdcaPlanAction> = {
  new: { create: ['draft'] },
  draft: { publish: ['published'] },
  published: { start_scoring: ['scoring'] },
  scoring: { report: ['reported'] },
  reported: { close: ['closed'] },
  closed: {},
};

export const PDCA_PLAN_STATE_LABEL: Record<PdcaPlanMachineState, string> = {
  new: '未创建',
  draft: '草稿',
  published: '落实中',
  scoring: '考评中',
  reported: '已汇报',
  closed: '已结束',
};

/**
 * One branch's task: submitted with evidence, returned for more or accepted by the committee, then
 * scored. A branch that never submits is scored as it stands (the committee's `score` from assigned or
 * returned) — that is how a lagging branch reaches the 约谈 list.
 */
export const PDCA_TASK_STATES = ['assigned', 'submitted', 'returned', 'accepted', 'scored'] as const;
export type PdcaTaskState = (typeof PDCA_TASK_STATES)[number];
export type PdcaTaskMachineState = 'new' | PdcaTaskState;
export const PDCA_TASK_MACHINE_STATES: readonly PdcaTaskMachineState[] = ['new', ...PDCA_TASK_STATES];
export const PDCA_TASK_ACTIONS = ['assign', 'submit', 'return', 'accept', 'score'] as const;
export type PdcaTaskAction = (typeof PDCA_TASK_ACTIONS)[number];

export const PDCA_TASK_TRANSITIONS: TransitionTable<PdcaTaskMachineState, PdcaTaskAction> = {
  new: { assign: ['assigned'] },
  assigned: { submit: ['submitted'], score: ['scored'] },
  submitted: { return: ['returned'], accept: ['accepted'] },
  returned: { submit: ['submitted'], score: ['scored'] },
  accepted: { score: ['scored'] },
  scored: {},
};

export const PDCA_TASK_STATE_LABEL: Record<PdcaTaskMachineState, string> = {
  new: '未分派',
  assigned: '待落实',
  submitted: '已提交',
  returned: '已退回',
  accepted: '已验收',
  scored: '已评分',
};

/** 约谈: opened for each branch below the threshold when the plan is reported; held once, with what was said. */
export const PDCA_TALK_STATES = ['pending', 'held'] as const;
export type PdcaTalkState = (typeof PDCA_TALK_STATES)[number];
export type PdcaTalkMachineState = 'new' | PdcaTalkState;
export const PDCA_TALK_MACHINE_STATES: readonly PdcaTalkMachineState[] = ['new', ...PDCA_TALK_STATES];
export const PDCA_TALK_ACTIONS = ['open', 'hold'] as const;
export type PdcaTalkAction = (typeof PDCA_TALK_ACTIONS)[number];

export const PDCA_TALK_TRANSITIONS: TransitionTable<PdcaTalkMachineState, PdcaTalkAction> = {
  new: { open: ['pending'] },
  pending: { hold: ['held'] },
  held: {},
};

export const PDCA_TALK_STATE_LABEL: Record<PdcaTalkMachineState, string> = { new: '未列入', pending: '待约谈', held: '已约谈' };

/**
 * Who may take each step. `committee`: pdca.manage on the plan's committee (党委统筹, 党群部组织, 绩效考评,
 * 汇报党委); `branch`: pdca.submit on the assigned branch itself (党支部落实). Scorers enter scores
 * (`canEnterScore`) but take no step: the committee finalises each branch's average.
 */
export type PdcaActor = 'committee' | 'branch' | 'scorer' | 'other';
export const PDCA_ACTORS: readonly PdcaActor[] = ['committee', 'branch', 'scorer', 'other'];

export const PDCA_PLAN_ACTION_ACTOR: Record<PdcaPlanAction, PdcaActor> = {
  create: 'committee',
  publish: 'committee',
  start_scoring: 'committee',
  report: 'committee',
  close: 'committee',
};
export const PDCA_TASK_ACTION_ACTOR: Record<PdcaTaskAction, PdcaActor> = {
  assign: 'committee',
  submit: 'branch',
  return: 'committee',
  accept: 'committee',
  score: 'committee',
};
export const PDCA_TALK_ACTION_ACTOR: Record<PdcaTalkAction, PdcaActor> = { open: 'committee', hold: 'committee' };

/** The step is the actor's and the table allows it now. */
export function mayAct<S extends string, A extends string>(
  table: TransitionTable<S, A>,
  actors: Record<A, PdcaActor>,
  state: S,
  action: A,
  actor: PdcaActor,
): boolean {
  return actors[action] === actor && Boolean(table[state]?.[action]?.length);
}

/** Only a draft is edited (tasks, rubric, threshold, branches, scorers): what branches were given stays as given. */
export const isPlanEditable = (s: PdcaPlanState) => s === 'draft';
/** Branches see their task once it is published; a draft is the committee's alone. */
export const isPlanVisibleToBranches = (s: PdcaPlanState) => s !== 'draft';
/** Submissions close when scoring starts. */
export const maySubmit = (plan: PdcaPlanState) => plan === 'published';

/**
 * A scorer enters or changes scores while the plan is being scored and the branch's task is decided
 * (accepted, or never submitted / returned and left so) but not yet finalised.
 */
export const canEnterScore = (plan: PdcaPlanState, assignment: PdcaTaskState) =>
  plan === 'scoring' && (assignment === 'accepted' || assignment === 'assigned' || assignment === 'returned');

export type PdcaRubricItem = { key: string; title: string; description: string; maxScore: number };

/** The rubric's full marks. */
export const rubricTotal = (items: ReadonlyArray<Pick<PdcaRubricItem, 'maxScore'>>) => round1(items.reduce((s, i) => s + i.maxScore, 0));

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Why a scorer's sheet is refused, in Chinese; null when every item has a score within 0…max in steps of 0.5. */
export function scoreSheetProblem(items: ReadonlyArray<PdcaRubricItem>, scores: Readonly<Record<string, number>>): string | null {
  for (const key of Object.keys(scores)) if (!items.some((i) => i.key === key)) return '评分项不属于该考评细则';
  for (const i of items) {
    const v = scores[i.key];
    if (v === undefined) return `请为“${i.title}”打分`;
    if (!Number.isFinite(v) || v < 0 || v > i.maxScore) return `“${i.title}”的得分应在 0 到 ${i.maxScore} 分之间`;
    if (Math.round(v * 2) !== v * 2) return `“${i.title}”的得分最小单位为 0.5 分`;
  }
  return null;
}

/** One scorer's total. */
export const sheetTotal = (scores: Readonly<Record<string, number>>) => round1(Object.values(scores).reduce((s, v) => s + v, 0));

/** 绩效考评: the branch's score is the mean of its scorers' totals, to two decimals; null before anyone scored. */
export function averageScore(totals: ReadonlyArray<number>): number | null {
  if (!totals.length) return null;
  return round2(totals.reduce((s, v) => s + v, 0) / totals.length);
}

/** The mean of one rubric item over the scorers (the report's columns). */
export function itemAverages(items: ReadonlyArray<PdcaRubricItem>, sheets: ReadonlyArray<Readonly<Record<string, number>>>): Record<string, number | null> {
  return Object.fromEntries(items.map((i) => [i.key, averageScore(sheets.map((s) => s[i.key]).filter((v): v is number => v !== undefined))]));
}

/** K6: a branch whose average is strictly below the threshold is called in (约谈); exactly at it passes. */
export const isBelowThreshold = (average: number, threshold: number) => average < threshold;

/** 2026年度 / 2026年第一季度. */
export function periodLabel(year: number, quarter: number | null): string {
  return quarter ? `${year}年第${'一二三四'[quarter - 1]}季度` : `${year}年度`;
}

/** Rank by average, highest first; equal averages share a rank (1, 2, 2, 4). */
export function rankByAverage<T extends { average: number | null }>(rows: ReadonlyArray<T>): Array<T & { rank: number | null }> {
  const sorted = [...rows].sort((a, b) => (b.average ?? -1) - (a.average ?? -1));
  return sorted.map((r) => ({ ...r, rank: r.average === null ? null : 1 + sorted.filter((o) => o.average !== null && o.average > r.average!).length }));
}

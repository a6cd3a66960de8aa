import type { TransitionTable } from './vote-machine.js';

/*
 * P3: the points ledger's pure rules. The database function `points_award()` enforces the same caps
 * under a lock (server/src/points, migration 1795354000000); these mirror it for previews and tests.
 */

/** P3: points an award may still give: never above the rule's amount, the day's cap or the year's cap; never negative. */
export function pointsRoom(r: { points: number; dailyCap: number; yearlyCap: number | null }, earnedToday: number, earnedThisYear: number): number {
  const yearRoom = r.yearlyCap === null ? r.points : r.yearlyCap - earnedThisYear;
  return Math.max(0, Math.min(r.points, r.dailyCap - earnedToday, yearRoom));
}

/** P3: the version of an activity's rule in force on `day`: the latest effective on or before it. */
export function ruleInForce<R extends { effectiveFrom: string }>(versions: ReadonlyArray<R>, day: string): R | null {
  let best: R | null = null;
  for (const v of versions) if (v.effectiveFrom <= day && (!best || v.effectiveFrom > best.effectiveFrom)) best = v;
  return best;
}

/** P3: why a new rule version cannot be saved, or null. Amount ≤ daily cap ≤ yearly cap; never effective in the past. */
export function ruleVersionProblem(r: { points: number; dailyCap: number; yearlyCap: number | null; effectiveFrom: string }, today: string): string | null {
  if (r.effectiveFrom < today) return '生效日期不能早于今天（已发放的积分不能改动）';
  if (r.dailyCap < r.points) return '每日上限不能小于每次分值';
  if (r.yearlyCap !== null && r.yearlyCap < r.dailyCap) return '每年上限不能小于每日上限';
  return null;
}

// ---- Deductions (扣分): proposed by the branch, decided by an approver (P3) ----

export const DEDUCTION_STATES = ['proposed', 'approved', 'rejected'] as const;
export type DeductionState = (typeof DEDUCTION_STATES)[number];
/** `new`: before the proposal exists (never stored). */
export type DeductionMachineState = 'new' | DeductionState;
export const DEDUCTION_MACHINE_STATES: readonly DeductionMachineState[] = ['new', ...DEDUCTION_STATES];
export const DEDUCTION_ACTIONS = ['propose', 'approve', 'reject'] as const;
export type DeductionAction = (typeof DEDUCTION_ACTIONS)[number];
export const DEDUCTION_INITIAL_STATE: DeductionMachineState = 'new';

export const DEDUCTION_TRANSITIONS: TransitionTable<DeductionMachineState, DeductionAction> = {
  new: { propose: ['proposed'] },
  proposed: { approve: ['approved'], reject: ['rejected'] },
  approved: {},
  rejected: {},
};

export const DEDUCTION_STATE_LABEL: Record<DeductionMachineState, string> = {
  new: '未提出',
  proposed: '待审批',
  approved: '已扣分',
  rejected: '未通过',
};

/** P3: the approver is someone other than the proposer (four eyes). */
export const mayApproveDeduction = (proposedBy: string | null, approver: string) => proposedBy !== approver;

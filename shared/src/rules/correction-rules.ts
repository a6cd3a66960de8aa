import type { TransitionTable } from './vote-machine.js';

/*
 * A member's request to correct their own profile (档案更正, issue 13): the member asks, whoever manages
 * the member's branch (its secretary, or an org worker of a committee above — member.manage) approves it,
 * which applies the change in the same step, or returns it with a reason. The member may withdraw it
 * while it waits. A returned or withdrawn request stays as history; the member asks again with a new one.
 */
/** The states a stored request can be in. */
export const CORRECTION_STATES = ['pending', 'approved', 'returned', 'withdrawn'] as const;
export type CorrectionState = (typeof CORRECTION_STATES)[number];
/** `new`: before the request exists (the creating step `request` starts from it; never stored). */
export type CorrectionMachineState = 'new' | CorrectionState;
export const CORRECTION_MACHINE_STATES: readonly CorrectionMachineState[] = ['new', ...CORRECTION_STATES];
export const CORRECTION_ACTIONS = ['request', 'approve', 'return', 'withdraw'] as const;
export type CorrectionAction = (typeof CORRECTION_ACTIONS)[number];
export const CORRECTION_INITIAL_STATE: CorrectionMachineState = 'new';

export const CORRECTION_TRANSITIONS: TransitionTable<CorrectionMachineState, CorrectionAction> = {
  new: { request: ['pending'] },
  pending: { approve: ['approved'], return: ['returned'], withdraw: ['withdrawn'] },
  approved: {},
  returned: {},
  withdrawn: {},
};

export const CORRECTION_STATE_LABEL: Record<CorrectionMachineState, string> = {
  new: '未提交',
  pending: '待审核',
  approved: '已更正',
  returned: '已退回',
  withdrawn: '已撤回',
};

/** One open request per member (also a partial unique index): a second one would race the first's approval. */
export const isOpenCorrection = (s: CorrectionState) => s === 'pending';

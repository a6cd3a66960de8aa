/*
 * Organisational relationship transfer (组织关系转接, DOMAIN T1–T8, M2): the workflow as transition
 * tables (one per kind, same states and actions), who may take each action, and the pure guards
 * (T3 fees, T4 validity, T6 overdue, T7 one open transfer). The server runs the tables through
 * `transition` (vote-machine.ts) and refuses to start when a state is unreachable.
 */
import { addMonths, monthIndex } from './fee-rules.js';
import { transition, type TransitionTable } from './vote-machine.js';

/** T1 kinds. */
export const TRANSFER_KINDS = ['internal', 'outbound', 'inbound', 'certificate', 'mobile'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];
export const TRANSFER_KIND_LABEL: Record<TransferKind, string> = {
  internal: '系统内转接',
  outbound: '转出至系统外',
  inbound: '从系统外转入',
  certificate: '党员证明信',
  mobile: '流动党员登记',
};

/**
 * `new` is never stored: it is where every transfer starts (the state before the first step).
 * Open states (T7): pending_branch, pending_committee, returned, letter_issued, accepted.
 */
export const TRANSFER_STATES = [
  'new',
  'pending_branch',
  'pending_committee',
  'returned',
  'letter_issued',
  'accepted',
  'completed',
  'refused',
  'withdrawn',
] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];
export type StoredTransferState = Exclude<TransferState, 'new'>;
export const TRANSFER_INITIAL_STATE: TransferState = 'new';
export const TRANSFER_STATE_LABEL: Record<TransferState, string> = {
  new: '新建',
  pending_branch: '待党支部同意',
  pending_committee: '待党委审批',
  returned: '已退回修改',
  letter_issued: '已开具介绍信',
  accepted: '已接收，待报到',
  completed: '已办结',
  refused: '已拒绝',
  withdrawn: '已撤回',
};
/** T7: a member has at most one transfer in one of these states. */
export const OPEN_TRANSFER_STATES: ReadonlyArray<StoredTransferState> = ['pending_branch', 'pending_committee', 'returned', 'letter_issued', 'accepted'];
export const isOpenTransferState = (s: string): boolean => (OPEN_TRANSFER_STATES as ReadonlyArray<string>).includes(s);

export const TRANSFER_ACTIONS = [
  /** The member applies (→ the branch must agree). */
  'apply',
  /** The sending branch starts it for the member (its agreement is implied). */
  'initiate',
  /** A receiving committee registers a member arriving with a paper letter and assigns a branch (inbound). */
  'register',
  'branch_agree',
  /** The sending 基层党委 approves and issues the letter (T3 guard, T4 letter). */
  'approve',
  /** The receiving 基层党委 accepts and assigns a branch (T5: the member moves here, internal only). */
  'accept',
  /** The receipt 回执 is recorded: by the receiving committee (internal) or the sending one (outbound: completes). */
  'record_receipt',
  /** 报到: the member reports at the new branch (or its worker records it). */
  'report',
  'refuse',
  'return',
  'resubmit',
  'withdraw',
] as const;
export type TransferAction = (typeof TRANSFER_ACTIONS)[number];
export const TRANSFER_ACTION_LABEL: Record<TransferAction, string> = {
  apply: '申请转接',
  initiate: '党支部发起',
  register: '登记转入',
  branch_agree: '党支部同意',
  approve: '党委审批并开具介绍信',
  accept: '接收并分配党支部',
  record_receipt: '登记回执',
  report: '报到',
  refuse: '拒绝',
  return: '退回修改',
  resubmit: '修改后重新提交',
  withdraw: '撤回',
};

/** Who may take an action on a transfer. A caller may hold several of these at once. */
export const TRANSFER_ACTORS = ['member', 'applicant', 'sending_branch', 'sending_committee', 'receiving_committee'] as const;
export type TransferActor = (typeof TRANSFER_ACTORS)[number];
export const TRANSFER_ACTOR_LABEL: Record<TransferActor, string> = {
  member: '党员本人',
  applicant: '申请人',
  sending_branch: '转出党支部',
  sending_committee: '转出基层党委',
  receiving_committee: '接收基层党委',
};

type Table = TransitionTable<TransferState, TransferAction>;
const before = {
  refuse: ['refused'],
  return: ['returned'],
  withdraw: ['withdrawn'],
} as const;
/** The steps every kind that leaves the sending side shares up to the committee's approval. */
const sendingSide = (afterApproval: StoredTransferState): Table => ({
  new: { apply: ['pending_branch'], initiate: ['pending_committee'] },
  pending_branch: { branch_agree: ['pending_committee'], ...before },
  pending_committee: { approve: [afterApproval], ...before },
  // T7: the applicant corrects and resubmits to whoever was first asked (the branch, or the committee
  // when the branch started it).
  returned: { resubmit: ['pending_branch', 'pending_committee'], withdraw: ['withdrawn'] },
  letter_issued: {},
  accepted: {},
  completed: {},
  refused: {},
  withdrawn: {},
});

/** The states a kind can be in (the others are unreachable for it by design). */
export const TRANSFER_KIND_STATES: Record<TransferKind, ReadonlyArray<TransferState>> = {
  internal: ['new', 'pending_branch', 'pending_committee', 'returned', 'letter_issued', 'accepted', 'completed', 'refused', 'withdrawn'],
  mobile: ['new', 'pending_branch', 'pending_committee', 'returned', 'letter_issued', 'accepted', 'completed', 'refused', 'withdrawn'],
  outbound: ['new', 'pending_branch', 'pending_committee', 'returned', 'letter_issued', 'completed', 'refused', 'withdrawn'],
  certificate: ['new', 'pending_branch', 'pending_committee', 'returned', 'completed', 'refused', 'withdrawn'],
  inbound: ['new', 'accepted', 'completed'],
};

/** Keeps only the rows of the kind's states, so a state the kind never uses is not in its table. */
const only = (kind: TransferKind, t: Table): Table =>
  Object.fromEntries(Object.entries(t).filter(([state]) => TRANSFER_KIND_STATES[kind].includes(state as TransferState))) as Table;

/** The transition table of each kind (T1, T2, T7). Refusal and return always carry a reason. */
export const TRANSFER_TRANSITIONS: Record<TransferKind, Table> = {
  internal: only('internal', {
    ...sendingSide('letter_issued'),
    letter_issued: { accept: ['accepted'], refuse: ['refused'], withdraw: ['withdrawn'] },
    accepted: { record_receipt: ['accepted'], report: ['completed'] },
  }),
  mobile: only('mobile', {
    // M2: accepted at the host organisation without moving the relationship.
    ...sendingSide('letter_issued'),
    letter_issued: { accept: ['accepted'], refuse: ['refused'], withdraw: ['withdrawn'] },
    accepted: { record_receipt: ['accepted'], report: ['completed'] },
  }),
  outbound: only('outbound', {
    // Completes when the receipt from the organisation elsewhere is recorded; only then does the
    // member leave the platform's active roll (never "none" before).
    ...sendingSide('letter_issued'),
    letter_issued: { record_receipt: ['completed'], withdraw: ['withdrawn'] },
  }),
  certificate: only('certificate', sendingSide('completed')),
  inbound: only('inbound', {
    new: { register: ['accepted'] },
    pending_branch: {},
    pending_committee: {},
    returned: {},
    letter_issued: {},
    accepted: { record_receipt: ['accepted'], report: ['completed'] },
    completed: {},
    refused: {},
    withdrawn: {},
  }),
};

/** Who may take each action (T2; the sending side never acts for the receiving side and the reverse). */
export const TRANSFER_ACTION_ACTORS: Record<TransferAction, ReadonlyArray<TransferActor>> = {
  apply: ['member'],
  initiate: ['sending_branch'],
  register: ['receiving_committee'],
  branch_agree: ['sending_branch'],
  approve: ['sending_committee'],
  accept: ['receiving_committee'],
  record_receipt: ['receiving_committee'],
  report: ['member', 'receiving_committee'],
  refuse: ['sending_branch', 'sending_committee', 'receiving_committee'],
  return: ['sending_branch', 'sending_committee'],
  resubmit: ['applicant'],
  withdraw: ['applicant'],
};
/**
 * Who may take `action` in `state`: refusal and return belong to the side that must act now (a
 * receiving committee cannot refuse for the sending branch); outbound receipts come back to the
 * sending committee (the organisation elsewhere is not on the platform).
 */
export function actionActors(kind: TransferKind, state: TransferState, action: TransferAction): ReadonlyArray<TransferActor> {
  if (action === 'refuse' || action === 'return') {
    const side = awaitingActor(kind, state);
    return side && TRANSFER_ACTION_ACTORS[action].includes(side) ? [side] : [];
  }
  if (kind === 'outbound' && action === 'record_receipt') return ['sending_committee'];
  return TRANSFER_ACTION_ACTORS[action];
}

/** Actions that must carry a reason (T2 "no refusal without a reason", T7 returns). */
export const REASON_REQUIRED: ReadonlyArray<TransferAction> = ['refuse', 'return'];

/** Who must act next in a state: the side the 待办 queue of which holds the transfer. */
export function awaitingActor(kind: TransferKind, state: TransferState): TransferActor | null {
  switch (state) {
    case 'pending_branch':
      return 'sending_branch';
    case 'pending_committee':
      return 'sending_committee';
    case 'returned':
      return 'applicant';
    case 'letter_issued':
      return kind === 'outbound' ? 'sending_committee' : 'receiving_committee';
    case 'accepted':
      return 'member';
    case 'new':
    case 'refused':
    case 'withdrawn':
    case 'completed':
      return null;
  }
}

export type TransferStepCheck =
  { ok: true; to: StoredTransferState } | { ok: false; code: 'TRANSFER_STEP_OUT_OF_ORDER' | 'TRANSFER_NOT_YOUR_STEP' | 'TRANSFER_REASON_REQUIRED' };

/**
 * One step: is `action` allowed from `state` for this kind, may one of `actors` take it, and is a
 * reason given where one is required. `target` picks among several next states (resubmit).
 */
export function checkTransferStep(input: {
  kind: TransferKind;
  state: TransferState;
  action: TransferAction;
  actors: ReadonlyArray<TransferActor>;
  reason?: string | null;
  target?: TransferState;
}): TransferStepCheck {
  const table = TRANSFER_TRANSITIONS[input.kind];
  let to: TransferState;
  try {
    to = transition(table, input.state, input.action, input.target ?? defaultTarget(table, input.state, input.action));
  } catch {
    return { ok: false, code: 'TRANSFER_STEP_OUT_OF_ORDER' };
  }
  const allowed = actionActors(input.kind, input.state, input.action);
  if (!input.actors.some((a) => allowed.includes(a))) return { ok: false, code: 'TRANSFER_NOT_YOUR_STEP' };
  if (REASON_REQUIRED.includes(input.action) && !(input.reason && input.reason.trim().length >= 2)) return { ok: false, code: 'TRANSFER_REASON_REQUIRED' };
  return { ok: true, to: to as StoredTransferState };
}
const defaultTarget = (table: Table, state: TransferState, action: TransferAction): TransferState | undefined => table[state]?.[action]?.[0];

/** The actions one of `actors` may take now (for the UI's buttons and the 待办 queue). */
export function availableTransferActions(kind: TransferKind, state: TransferState, actors: ReadonlyArray<TransferActor>): TransferAction[] {
  const row = TRANSFER_TRANSITIONS[kind][state] ?? {};
  return (Object.keys(row) as TransferAction[]).filter((a) => actionActors(kind, state, a).some((x) => actors.includes(x)));
}

/** Where `resubmit` goes: back to whoever was first asked. */
export const resubmitTarget = (startedBy: 'member' | 'branch'): StoredTransferState => (startedBy === 'member' ? 'pending_branch' : 'pending_committee');

// ---------------------------------------------------------------------------------------------
// T3 fees

/**
 * T3: fees must be paid through the month of transfer-out. Returns the months still owed: from the
 * month after `paidUntil` (or the first billable month) through `transferMonth`, less the months
 * already settled (`settledMonths`: paid, reduced or exempt). A month paid after an unpaid one is not
 * owed (issue 13: the refusal listed a paid month among the owed ones). Empty means the guard passes.
 */
export function monthsOwedForTransfer(
  paidUntil: string | null,
  transferMonth: string,
  firstBillableMonth?: string,
  settledMonths: readonly string[] = [],
): string[] {
  const first = paidUntil ? addMonths(paidUntil, 1) : (firstBillableMonth ?? transferMonth);
  const settled = new Set(settledMonths);
  const out: string[] = [];
  for (let m = first; monthIndex(m) <= monthIndex(transferMonth); m = addMonths(m, 1)) if (!settled.has(m)) out.push(m);
  return out;
}
export const feesPaidForTransfer = (paidUntil: string | null, transferMonth: string): boolean =>
  paidUntil !== null && monthIndex(paidUntil) >= monthIndex(transferMonth);

// ---------------------------------------------------------------------------------------------
// T4 letter

export const LETTER_VALIDITY_MIN_DAYS = 1;
export const LETTER_VALIDITY_MAX_DAYS = 90;
export const LETTER_VALIDITY_DEFAULT_DAYS = 30;
export const isValidLetterValidity = (days: number) => Number.isInteger(days) && days >= LETTER_VALIDITY_MIN_DAYS && days <= LETTER_VALIDITY_MAX_DAYS;

/** `〔2026〕第0001号`: the committee's yearly sequence, four digits at least. */
export const formatLetterNumber = (year: number, seq: number) => `〔${year}〕第${String(seq).padStart(4, '0')}号`;

/** The last day the letter is valid (YYYY-MM-DD): the issue date counts as day one. */
export function letterValidUntil(issuedOn: string, validityDays: number): string {
  const t = Date.parse(`${issuedOn}T00:00:00Z`) + (validityDays - 1) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// T6 / T8 overdue predicates (dates YYYY-MM-DD, China time)

/** The same day `n` months later (clamped to the month's last day): 2026-01-31 + 1 → 2026-02-28. */
export function addMonthsToDate(d: string, n: number): string {
  const month = addMonths(d.slice(0, 7), n);
  const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  return `${month}-${String(Math.min(Number(d.slice(8, 10)), last)).padStart(2, '0')}`;
}

/** T6: a letter not yet used (receipt/acceptance) past its last valid day. */
export const letterExpired = (validUntil: string, today: string): boolean => today > validUntil;
/** T6: accepted but no receipt or no report one month after acceptance. */
export const acceptanceOverdue = (acceptedOn: string, today: string, done: { receipt: boolean; reported: boolean }): boolean =>
  (!done.receipt || !done.reported) && today > addMonthsToDate(acceptedOn, 1);
/** T6: in transit with more than six months without organisational life (last attended meeting, else since the transfer started). */
export const transitWithoutOrgLife = (lastOrgLifeOn: string, today: string): boolean => today > addMonthsToDate(lastOrgLifeOn, 6);
/** T8: lost contact for six months or more → 停止党籍 review case. */
export const lostContactTooLong = (lostSince: string, today: string): boolean => today >= addMonthsToDate(lostSince, 6);

/** T6 overdue: the deadline of the current step, if it has one (used for the 逾期 queue). */
export function transferDueOn(state: TransferState, at: { validUntil?: string | null; acceptedOn?: string | null }): string | null {
  if (state === 'letter_issued' && at.validUntil) return at.validUntil;
  if (state === 'accepted' && at.acceptedOn) return addMonthsToDate(at.acceptedOn, 1);
  return null;
}

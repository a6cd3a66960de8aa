import { isWorkingDay } from './development-rules.js';
import type { TransitionTable } from './vote-machine.js';

/*
 * Enterprise requests (诉求, 红e 帮帮团; issue 18, S2–S3): an enterprise contact, a member or an officer
 * files a request with the committee; the committee routes it to one of its departments; a handler of
 * that department accepts it, asks back (the requester answers), replies and resolves it; the requester
 * confirms and rates it, or reopens it within REOPEN_DAYS. S3: nothing is deleted — a withdrawn or
 * rejected request stays with its reason.
 */

export const REQUEST_STATES = ['submitted', 'routed', 'in_progress', 'awaiting_info', 'resolved', 'closed', 'withdrawn', 'rejected'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
/** `new`: before the request exists (the creating step `file` starts from it; never stored). */
export type RequestMachineState = 'new' | RequestState;
export const REQUEST_MACHINE_STATES: readonly RequestMachineState[] = ['new', ...REQUEST_STATES];
export const REQUEST_INITIAL_STATE: RequestMachineState = 'new';

export const REQUEST_ACTIONS = ['file', 'route', 'reject', 'return', 'accept', 'ask', 'answer', 'reply', 'resolve', 'confirm', 'reopen', 'withdraw'] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** Who may take an action: the one who filed it, the committee (request.manage over it), a handler of the department it is routed to. */
export const REQUEST_ACTORS = ['requester', 'committee', 'handler'] as const;
export type RequestActor = (typeof REQUEST_ACTORS)[number];

export const REQUEST_TRANSITIONS: TransitionTable<RequestMachineState, RequestAction> = {
  new: { file: ['submitted'] },
  submitted: { route: ['routed'], reject: ['rejected'], withdraw: ['withdrawn'] },
  // The committee may route again (another department) until a handler accepts.
  routed: { route: ['routed'], accept: ['in_progress'], return: ['submitted'], withdraw: ['withdrawn'] },
  in_progress: { ask: ['awaiting_info'], reply: ['in_progress'], resolve: ['resolved'], return: ['submitted'], withdraw: ['withdrawn'] },
  awaiting_info: { answer: ['in_progress'], withdraw: ['withdrawn'] },
  resolved: { confirm: ['closed'], reopen: ['in_progress'] },
  closed: {},
  withdrawn: {},
  rejected: {},
};

export const REQUEST_ACTION_ACTOR: Record<RequestAction, RequestActor> = {
  file: 'requester',
  route: 'committee',
  reject: 'committee',
  return: 'handler',
  accept: 'handler',
  ask: 'handler',
  answer: 'requester',
  reply: 'handler',
  resolve: 'handler',
  confirm: 'requester',
  reopen: 'requester',
  withdraw: 'requester',
};

export const REQUEST_STATE_LABEL: Record<RequestMachineState, string> = {
  new: '未提交',
  submitted: '待分派',
  routed: '待受理',
  in_progress: '办理中',
  awaiting_info: '待补充',
  resolved: '待确认',
  closed: '已办结',
  withdrawn: '已撤回',
  rejected: '不予受理',
};

export const REQUEST_ACTION_LABEL: Record<RequestAction, string> = {
  file: '提交诉求',
  route: '分派',
  reject: '不予受理',
  return: '退回重新分派',
  accept: '受理',
  ask: '请补充材料',
  answer: '补充说明',
  reply: '答复',
  resolve: '办结',
  confirm: '确认并评价',
  reopen: '重新办理',
  withdraw: '撤回',
};

export const REQUEST_ACTOR_LABEL: Record<RequestActor, string> = { requester: '提出人', committee: '党委', handler: '承办部门' };

/** Actions that need a written text (a reason, a question, an answer, a reply); the rest take none or a rating. */
export const REQUEST_TEXT_ACTIONS: ReadonlySet<RequestAction> = new Set(['reject', 'return', 'ask', 'answer', 'reply', 'resolve', 'reopen', 'withdraw']);

export const isOpenRequest = (s: RequestState) => s !== 'closed' && s !== 'withdrawn' && s !== 'rejected';

/** What `actors` may do in `state`, by the table and the actor column (the detail page's buttons). */
export function requestActionsFor(state: RequestMachineState, actors: ReadonlyArray<RequestActor>): RequestAction[] {
  return (Object.keys(REQUEST_TRANSITIONS[state]) as RequestAction[]).filter((a) => actors.includes(REQUEST_ACTION_ACTOR[a]));
}

// ---------------------------------------------------------------------------------------------
// Categories and deadlines (S2)

export const REQUEST_CATEGORIES = ['policy', 'talent', 'finance', 'premises', 'licensing', 'ip', 'party_building', 'other'] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];
export const REQUEST_CATEGORY_LABEL: Record<RequestCategory, string> = {
  policy: '政策咨询',
  talent: '人才引进',
  finance: '融资税费',
  premises: '办公场地与园区',
  licensing: '审批办证',
  ip: '知识产权保护',
  party_building: '党建工作',
  other: '其他',
};

/**
 * S2 [?]: a first response (a handler accepts, or the committee rejects) and a resolution within the
 * category's deadlines in working days, counted from the day after filing. The official text could not
 * be confirmed, so these are a versioned rule set with the defaults the issue names (3 and 15).
 */
export type RequestDeadlines = { firstResponseDays: number; resolveDays: number };
export const REQUEST_RULESET_VERSION = '2026-12';
export const REQUEST_DEFAULT_DEADLINES: RequestDeadlines = { firstResponseDays: 3, resolveDays: 15 };
export const REQUEST_CATEGORY_DEADLINES: Record<RequestCategory, RequestDeadlines> = {
  policy: { firstResponseDays: 3, resolveDays: 10 },
  talent: REQUEST_DEFAULT_DEADLINES,
  finance: REQUEST_DEFAULT_DEADLINES,
  premises: REQUEST_DEFAULT_DEADLINES,
  licensing: { firstResponseDays: 3, resolveDays: 20 },
  ip: REQUEST_DEFAULT_DEADLINES,
  party_building: { firstResponseDays: 2, resolveDays: 10 },
  other: REQUEST_DEFAULT_DEADLINES,
};

/** Calendar days after resolution in which the requester may reopen instead of confirming. */
export const REQUEST_REOPEN_DAYS = 7;

const addDays = (d: string, n: number): string => {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
};

/** Beyond the official calendar (its last year), Monday–Friday count as working days. */
const working = (d: string): boolean => {
  const w = isWorkingDay(d);
  if (w !== undefined) return w;
  const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
};

/** The last day of a deadline of `days` working days counted from the day after `filedOn` (YYYY-MM-DD, China). */
export function requestDueOn(filedOn: string, days: number): string {
  let d = filedOn;
  for (let n = 0; n < days;) {
    d = addDays(d, 1);
    if (working(d)) n += 1;
  }
  return d;
}

export function requestDueDates(category: RequestCategory, filedOn: string): { firstResponseDueOn: string; resolveDueOn: string } {
  const r = REQUEST_CATEGORY_DEADLINES[category];
  return { firstResponseDueOn: requestDueOn(filedOn, r.firstResponseDays), resolveDueOn: requestDueOn(filedOn, r.resolveDays) };
}

/** Overdue once China's today is past the due day (the due day itself still counts as in time). */
export const isPastDue = (dueOn: string, today: string) => today > dueOn;

/** States in which the first-response clock runs (nobody has taken it up yet). */
export const awaitsFirstResponse = (s: RequestState) => s === 'submitted' || s === 'routed';
/** States in which the resolution clock runs (open and not yet resolved). */
export const awaitsResolution = (s: RequestState) => isOpenRequest(s) && s !== 'resolved';

/** May the requester still reopen a request resolved at `resolvedAt`? */
export function canReopen(resolvedAt: Date, now: Date): boolean {
  return now.getTime() - resolvedAt.getTime() <= REQUEST_REOPEN_DAYS * 24 * 3600 * 1000;
}

/** Which escalations are due now (each is raised once per request). */
export function dueEscalations(
  r: { state: RequestState; firstResponseDueOn: string; resolveDueOn: string; responseEscalated: boolean; resolutionEscalated: boolean },
  today: string,
): Array<'first_response' | 'resolution'> {
  const out: Array<'first_response' | 'resolution'> = [];
  if (!r.responseEscalated && awaitsFirstResponse(r.state) && isPastDue(r.firstResponseDueOn, today)) out.push('first_response');
  if (!r.resolutionEscalated && awaitsResolution(r.state) && isPastDue(r.resolveDueOn, today)) out.push('resolution');
  return out;
}

export const ESCALATION_LABEL: Record<'first_response' | 'resolution', string> = { first_response: '超期未响应', resolution: '超期未办结' };

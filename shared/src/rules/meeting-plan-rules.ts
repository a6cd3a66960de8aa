import type { OrgKind } from '../org.js';
import { MEETING_TYPE_LABEL, type CompliancePeriod, type ComplianceRequirement, type MeetingPlanState, type MeetingType } from '../meetings.js';
import type { CalendarGap, MeetingPlanAction, MeetingPlanEntryInput } from '../meeting-plans.js';
import { MEETING_RULES_V1, type MeetingRuleSet } from './meeting-rules.js';
import type { TransitionTable } from './vote-machine.js';

/*
 * The yearly plan (年度计划) and the calendar's gaps, as pure functions over the C1 rule set
 * (MEETING_RULES_V1 and complianceOf in meeting-rules.ts): nothing here restates a frequency.
 */

// ---- The plan's workflow ----

export const MEETING_PLAN_STATES: ReadonlyArray<MeetingPlanState> = ['draft', 'submitted', 'acknowledged', 'returned'];
export const MEETING_PLAN_INITIAL: MeetingPlanState = 'draft';

/**
 * The branch submits its plan to the organisation above (报上级党组织), which acknowledges it or returns
 * it with a reason; a returned plan is adjusted and submitted again; an acknowledged one may be reopened
 * by the branch when the year's work changes (and is then submitted again).
 */
export const MEETING_PLAN_TRANSITIONS: TransitionTable<MeetingPlanState, MeetingPlanAction> = {
  draft: { submit: ['submitted'] },
  submitted: { acknowledge: ['acknowledged'], return: ['returned'] },
  returned: { submit: ['submitted'] },
  acknowledged: { reopen: ['draft'] },
};

/** Who takes each step: the branch (meeting.manage there) or the organisation above it. */
export const MEETING_PLAN_ACTOR: Record<MeetingPlanAction, 'branch' | 'higher'> = {
  submit: 'branch',
  reopen: 'branch',
  acknowledge: 'higher',
  return: 'higher',
};

/** The entries may change only while the branch holds the plan. */
export const meetingPlanEditable = (state: MeetingPlanState) => state === 'draft' || state === 'returned';

// ---- Drafting from C1 ----

/** The months a period's bucket starts in, in a year: 1..12, 1/4/7/10, 1/7 or 12. */
function draftMonths(period: CompliancePeriod): number[] {
  switch (period) {
    case 'month':
      return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    case 'quarter':
      return [1, 4, 7, 10];
    case 'half_year':
      return [1, 7];
    case 'year':
      // 组织生活会 and 民主评议 review the year's work: drafted for its last month.
      return [12];
  }
}

export type PlanOrg = { kind: OrgKind; fullMemberCount: number; groups: ReadonlyArray<{ id: string; name: string }> };

/**
 * C1 → a draft plan: `min` meetings of every applicable requirement in each of its periods (per group
 * for the 党小组会; no 支委会 below the O4 committee size), by month and then in the rule set's order.
 * The secretary moves them afterwards; compliance still counts by period, not by the planned month.
 */
export function draftMeetingPlan(p: { org: PlanOrg; year: number; rules?: MeetingRuleSet }): MeetingPlanEntryInput[] {
  const rules = p.rules ?? MEETING_RULES_V1;
  const out: MeetingPlanEntryInput[] = [];
  for (const rule of rules.requirements) {
    if (rule.type === 'committee_meeting' && p.org.kind === 'branch' && p.org.fullMemberCount < rules.committeeMinFullMembers) continue;
    const targets: Array<string | null> = rule.perGroup ? p.org.groups.map((g) => g.id) : [null];
    for (const groupId of targets)
      for (const month of draftMonths(rule.period)) for (let i = 0; i < rule.min; i++) out.push({ month, type: rule.type, groupId, topic: '' });
  }
  const order = new Map(rules.requirements.map((r, i) => [r.type, i]));
  return out.sort((a, b) => a.month - b.month || order.get(a.type)! - order.get(b.type)!);
}

/** What is wrong with one entry of a branch's plan (O8: a 党小组会 names one of the branch's groups, nothing else does), or null. */
export function planEntryProblem(e: { type: MeetingType; groupId: string | null }, groups: ReadonlyArray<{ id: string }>): string | null {
  if (e.type === 'group_meeting') {
    if (!e.groupId) return '党小组会需指定党小组';
    if (!groups.some((g) => g.id === e.groupId)) return '所选党小组不属于本支部';
    return null;
  }
  return e.groupId ? `${MEETING_TYPE_LABEL[e.type]}不应指定党小组` : null;
}

// ---- The calendar's gaps ----

const PERIOD_WORD: Record<CompliancePeriod, string> = { month: '本月', quarter: '本季度', half_year: '本半年', year: '本年度' };

export type MonthGap = Omit<CalendarGap, 'organisationId' | 'organisationName'>;

/**
 * C1 gaps of one month for one branch, from its compliance (complianceOf with held and scheduled
 * counts): each applicable requirement whose period contains the month and has fewer held plus
 * scheduled meetings than its minimum. Over periods are `missed` ("本月未召开"), others `unscheduled`
 * ("本月尚未安排"). `plan` gives a topic planned for the type in that month, if any.
 */
export function monthGaps(p: {
  requirements: ReadonlyArray<ComplianceRequirement>;
  month: string;
  today: string;
  plan?: ReadonlyArray<{ month: number; type: MeetingType; groupId: string | null; topic: string }> | null;
}): MonthGap[] {
  const first = `${p.month}-01`;
  const monthNo = Number(p.month.slice(5, 7));
  const gaps: MonthGap[] = [];
  for (const r of p.requirements) {
    if (!r.applicable) continue;
    const b = r.buckets.find((x) => x.from <= first && first <= x.to);
    if (!b || b.held + b.scheduled >= r.min) continue;
    const state = b.to < p.today ? 'missed' : 'unscheduled';
    const name = `${MEETING_TYPE_LABEL[r.type]}${r.group ? `（${r.group.name}）` : ''}`;
    const topic = p.plan?.find((e) => e.month === monthNo && e.type === r.type && e.groupId === (r.group?.id ?? null) && e.topic)?.topic ?? null;
    gaps.push({
      type: r.type,
      group: r.group,
      period: r.period,
      label: b.label,
      from: b.from,
      to: b.to,
      min: r.min,
      held: b.held,
      scheduled: b.scheduled,
      state,
      text: `${PERIOD_WORD[r.period]}${state === 'missed' ? '未召开' : '尚未安排'}：${name}`,
      plannedTopic: topic,
    });
  }
  return gaps;
}

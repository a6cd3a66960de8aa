import { assertTableSound } from './vote-machine.js';
import { complianceOf } from './meeting-rules.js';
import { meetingRules, MEETING_RULES_V1 } from './meeting-rules.js';
import {
  draftMeetingPlan,
  MEETING_PLAN_INITIAL,
  MEETING_PLAN_STATES,
  MEETING_PLAN_TRANSITIONS,
  meetingPlanEditable,
  monthGaps,
  planEntryProblem,
} from './meeting-plan-rules.js';

const BRANCH = { id: 'b', kind: 'branch' as const, fullMemberCount: 9, groups: [{ id: 'g1', name: '第一党小组' }] };
const at = (iso: string) => new Date(iso);

describe('the yearly plan (年度计划)', () => {
  it('has a sound transition table: draft → submitted → acknowledged / returned → submitted; acknowledged reopens', () => {
    expect(() => assertTableSound('meeting plan', MEETING_PLAN_TRANSITIONS, MEETING_PLAN_INITIAL, MEETING_PLAN_STATES)).not.toThrow();
    expect(MEETING_PLAN_STATES.filter(meetingPlanEditable)).toEqual(['draft', 'returned']);
  });

  it('C1: drafts every required meeting of the year, by month', () => {
    const d = draftMeetingPlan({ org: BRANCH, year: 2025 });
    const count = (type: string) => d.filter((e) => e.type === type).length;
    expect(count('general_assembly')).toBe(4);
    expect(count('committee_meeting')).toBe(12);
    expect(count('group_meeting')).toBe(12);
    expect(count('theme_day')).toBe(12);
    expect(count('party_lecture')).toBe(4);
    expect(count('life_meeting')).toBe(1);
    expect(count('democratic_review')).toBe(1);
    expect(d.filter((e) => e.type === 'general_assembly').map((e) => e.month)).toEqual([1, 4, 7, 10]);
    expect(d.filter((e) => e.type === 'life_meeting').map((e) => e.month)).toEqual([12]);
    expect(d.every((e) => (e.type === 'group_meeting' ? e.groupId === 'g1' : e.groupId === null))).toBe(true);
    // Sorted by month, then in the rule set's order.
    expect(d.slice(0, 5).map((e) => e.type)).toEqual(['general_assembly', 'committee_meeting', 'group_meeting', 'theme_day', 'party_lecture']);
  });

  it('C1/O4: no 支委会 below 7 full members; the 党课 follows the rule-set parameter; one 党小组会 per group', () => {
    const small = draftMeetingPlan({ org: { ...BRANCH, fullMemberCount: 6, groups: [] }, year: 2025 });
    expect(small.some((e) => e.type === 'committee_meeting' || e.type === 'group_meeting')).toBe(false);
    const monthly = draftMeetingPlan({ org: BRANCH, year: 2025, rules: meetingRules({ partyLecturePeriod: 'month' }) });
    expect(monthly.filter((e) => e.type === 'party_lecture')).toHaveLength(12);
    const half = draftMeetingPlan({ org: BRANCH, year: 2025, rules: meetingRules({ partyLecturePeriod: 'half_year' }) });
    expect(half.filter((e) => e.type === 'party_lecture').map((e) => e.month)).toEqual([1, 7]);
    const two = draftMeetingPlan({ org: { ...BRANCH, groups: [...BRANCH.groups, { id: 'g2', name: '第二党小组' }] }, year: 2025 });
    expect(two.filter((e) => e.type === 'group_meeting')).toHaveLength(24);
  });

  it('O8: a 党小组会 names one of the branch’s groups, other types none', () => {
    expect(planEntryProblem({ type: 'group_meeting', groupId: 'g1' }, BRANCH.groups)).toBeNull();
    expect(planEntryProblem({ type: 'group_meeting', groupId: null }, BRANCH.groups)).toMatch(/指定党小组/);
    expect(planEntryProblem({ type: 'group_meeting', groupId: 'other' }, BRANCH.groups)).toMatch(/不属于本支部/);
    expect(planEntryProblem({ type: 'theme_day', groupId: 'g1' }, BRANCH.groups)).toMatch(/不应指定/);
    expect(planEntryProblem({ type: 'theme_day', groupId: null }, BRANCH.groups)).toBeNull();
  });
});

describe('compliance: plan vs scheduled vs held (C1)', () => {
  it('counts held, scheduled and planned per bucket; planned is null without a plan', () => {
    const now = at('2025-06-10T04:00:00Z');
    const meetings = [
      { type: 'theme_day' as const, organisationId: 'b', startsAt: at('2025-06-01T02:00:00Z'), cancelled: false },
      { type: 'theme_day' as const, organisationId: 'b', startsAt: at('2025-06-20T02:00:00Z'), cancelled: false },
      { type: 'theme_day' as const, organisationId: 'b', startsAt: at('2025-07-20T02:00:00Z'), cancelled: true },
    ];
    const plan = [
      { type: 'theme_day' as const, month: 6, groupId: null },
      { type: 'theme_day' as const, month: 7, groupId: null },
      { type: 'group_meeting' as const, month: 6, groupId: 'g1' },
    ];
    const r = complianceOf({ org: BRANCH, meetings, plan, year: 2025, now });
    const theme = r.requirements.find((x) => x.type === 'theme_day')!;
    expect(theme.buckets[5]).toMatchObject({ label: '2025-06', held: 1, scheduled: 1, planned: 1, state: 'met' });
    expect(theme.buckets[6]).toMatchObject({ held: 0, scheduled: 0, planned: 1 });
    expect(r.requirements.find((x) => x.type === 'group_meeting')!.buckets[5]!.planned).toBe(1);
    expect(r.requirements.find((x) => x.type === 'general_assembly')!.buckets[1]!.planned).toBe(0);
    const bare = complianceOf({ org: BRANCH, meetings, year: 2025, now });
    expect(bare.requirements[0]!.buckets[0]!.planned).toBeNull();
  });
});

describe('calendar gaps (C1)', () => {
  const now = at('2025-06-10T04:00:00Z');
  const gapsFor = (month: string, meetings: Parameters<typeof complianceOf>[0]['meetings'], plan?: Parameters<typeof monthGaps>[0]['plan']) =>
    monthGaps({ requirements: complianceOf({ org: BRANCH, meetings, year: 2025, now }).requirements, month, today: '2025-06-10', plan });

  it('lists each requirement of the month’s periods with too few held or scheduled meetings', () => {
    const gaps = gapsFor('2025-06', []);
    expect(gaps.map((g) => g.text)).toEqual([
      '本季度尚未安排：党员大会',
      '本月尚未安排：支委会',
      '本月尚未安排：党小组会（第一党小组）',
      '本月尚未安排：主题党日',
      '本季度尚未安排：党课',
      '本年度尚未安排：组织生活会',
      '本年度尚未安排：民主评议党员',
    ]);
    expect(gaps[2]!.group).toEqual({ id: 'g1', name: '第一党小组' });
  });

  it('a scheduled (future) meeting closes the gap as well as a held one; a cancelled one does not', () => {
    const gaps = gapsFor('2025-06', [
      { type: 'committee_meeting', organisationId: 'b', startsAt: at('2025-06-20T02:00:00Z'), cancelled: false },
      { type: 'general_assembly', organisationId: 'b', startsAt: at('2025-04-20T02:00:00Z'), cancelled: false },
      { type: 'theme_day', organisationId: 'b', startsAt: at('2025-06-21T02:00:00Z'), cancelled: true },
    ]);
    expect(gaps.map((g) => g.type)).not.toContain('committee_meeting');
    expect(gaps.map((g) => g.type)).not.toContain('general_assembly');
    expect(gaps.find((g) => g.type === 'theme_day')).toMatchObject({ state: 'unscheduled', held: 0, scheduled: 0, label: '2025-06' });
  });

  it('a past month’s shortfall is "未召开"; the plan’s topic travels with the gap', () => {
    const may = gapsFor('2025-05', [], [{ month: 5, type: 'theme_day', groupId: null, topic: '学习党章' }]);
    expect(may.find((g) => g.type === 'theme_day')).toMatchObject({ state: 'missed', text: '本月未召开：主题党日', plannedTopic: '学习党章' });
    // The quarter (Q2) is not over yet on 10 June.
    expect(may.find((g) => g.type === 'general_assembly')!.state).toBe('unscheduled');
    expect(may.find((g) => g.type === 'committee_meeting')!.plannedTopic).toBeNull();
  });

  it('O4: no 支委会 gap for a branch below 7 full members', () => {
    const r = complianceOf({ org: { ...BRANCH, fullMemberCount: 5 }, meetings: [], year: 2025, now, rules: MEETING_RULES_V1 });
    expect(monthGaps({ requirements: r.requirements, month: '2025-06', today: '2025-06-10' }).map((g) => g.type)).not.toContain('committee_meeting');
  });
});

import type { AttendanceRate, OrgCompliance, ComplianceRequirement } from '@dangjian/shared';
import { BRANCH_ID, ORG_ID } from '@test/fixtures';
import { bucketLabel, caseReason, orgComplianceView, presetRange, rateView } from './shape';

const bucket = (label: string, state: 'met' | 'missing' | 'due' | 'upcoming', held = 0) => ({
  label,
  from: '2025-01-01',
  to: '2025-01-31',
  held,
  scheduled: 0,
  planned: null,
  state,
});
const req = (overrides: Partial<ComplianceRequirement>): ComplianceRequirement => ({
  type: 'theme_day',
  period: 'month',
  min: 1,
  group: null,
  applicable: true,
  note: null,
  buckets: [],
  met: 0,
  missing: 0,
  ...overrides,
});

describe('compliance shaping', () => {
  it('names the periods in Chinese', () => {
    expect(['2025-03', '2025-Q2', '2025-H1', '2025-H2', '2025', 'x'].map(bucketLabel)).toEqual(['3月', '二季度', '上半年', '下半年', '全年', 'x']);
  });

  it('puts the rules with gaps first, marks each period, and sets the rules that do not bind aside', () => {
    const org: OrgCompliance = {
      orgId: BRANCH_ID,
      name: '第一党支部',
      kind: 'branch',
      plan: null,
      missing: 1,
      requirements: [
        req({ type: 'general_assembly', period: 'quarter', buckets: [bucket('2025-Q1', 'met', 1), bucket('2025-Q2', 'due')], met: 1 }),
        req({ type: 'committee_meeting', applicable: false, note: '正式党员不足 7 人，不设支委会' }),
        req({
          type: 'group_meeting',
          group: { id: ORG_ID, name: '第一党小组' },
          buckets: [bucket('2025-01', 'met', 2), bucket('2025-02', 'missing'), bucket('2025-03', 'upcoming')],
          met: 1,
          missing: 1,
        }),
      ],
    };
    const v = orgComplianceView(org);
    expect(v.verdict).toBe('missing');
    expect(v.verdictText).toBe('缺 1 期');
    expect(v.requirements.map((r) => r.title)).toEqual(['党小组会（第一党小组）', '党员大会']);
    expect(v.requirements[0]?.buckets.map((b) => `${b.label}${b.stateLabel}`)).toEqual(['1月已开', '2月缺', '3月未到']);
    expect(v.requirements[1]).toMatchObject({ rule: '每季度至少 1 次', due: 1 });
    expect(v.notApplicable).toEqual([expect.objectContaining({ title: '支委会', note: '正式党员不足 7 人，不设支委会' })]);

    expect(orgComplianceView({ ...org, missing: 0, requirements: [org.requirements[0]!] }).verdictText).toBe('本期待开 1 项');
    expect(orgComplianceView({ ...org, missing: 0, requirements: [] }).verdict).toBe('ok');
  });
});

describe('attendance-rate shaping', () => {
  it('ranges a preset on the China calendar up to today', () => {
    const now = new Date('2025-05-31T17:00:00Z'); // 1 June in China
    expect(presetRange('month', now)).toEqual({ from: '2025-06-01', to: '2025-06-01' });
    expect(presetRange('quarter', now)).toEqual({ from: '2025-04-01', to: '2025-06-01' });
    expect(presetRange('year', now)).toEqual({ from: '2025-01-01', to: '2025-06-01' });
    expect(presetRange('all', now)).toEqual({});
  });

  it('lists the children lowest rate first, without meetings last', () => {
    const t = (rate: number | null, meetings = 2) => ({
      meetings,
      expected: rate === null ? 0 : 10,
      present: rate === null ? 0 : rate * 10,
      onLeave: 0,
      absent: 0,
      rate,
    });
    const r: AttendanceRate = {
      orgId: ORG_ID,
      name: '园区联合党委',
      from: null,
      to: null,
      total: t(0.75),
      children: [
        { ...t(null, 0), orgId: '1', name: '甲支部', kind: 'branch' },
        { ...t(0.9), orgId: '2', name: '乙支部', kind: 'branch' },
        { ...t(0.6), orgId: '3', name: '丙支部', kind: 'branch' },
      ],
    };
    const v = rateView(r);
    expect(v.total).toMatchObject({ rateText: '75%', percent: 75, detail: '2 场 · 应到 10 · 出席 7.5 · 请假 0 · 缺席 0' });
    expect(v.children.map((c) => `${c.name} ${c.rateText}`)).toEqual(['丙支部 60%', '乙支部 90%', '甲支部 —']);
    expect(v.children[2]).toMatchObject({ noData: true, percent: 0, detail: '期间未开会' });
  });
});

describe('review-case shaping', () => {
  it('says why a C5 case was opened', () => {
    expect(caseReason({ kind: 'no_org_life_6_months', details: { lastAttendedAt: '2024-12-31T18:00:00Z', cutoff: '2025-07-01T00:00:00+08:00' } })).toEqual([
      '最后一次参加组织生活：2025年1月1日',
      '截至 2025年7月1日 已满六个月',
    ]);
    expect(caseReason({ kind: 'no_org_life_6_months', details: { lastAttendedAt: null, since: '2024-10-01' } })).toEqual([
      '没有参加组织生活的记录',
      '自 2024年10月1日 起计算',
    ]);
    expect(caseReason({ kind: 'other', details: {} })).toEqual([]);
  });
});

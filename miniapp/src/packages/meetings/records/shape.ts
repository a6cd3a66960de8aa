import {
  MEETING_PLAN_STATE_LABEL,
  MEETING_TYPE_LABEL,
  type AttendanceRate,
  type BucketState,
  type CompliancePeriod,
  type ComplianceRequirement,
  type OrgCompliance,
  type ReviewCase,
} from '@dangjian/shared';
import type { TagTone } from '@/components/Card';
import { chinaDateAndTime, formatDate, formatRate } from '@/utils/format';

// ---- C1 compliance ----

export const BUCKET_STATE: Record<BucketState, { label: string; tone: TagTone }> = {
  met: { label: '已开', tone: 'success' },
  missing: { label: '缺', tone: 'primary' },
  due: { label: '本期待开', tone: 'warning' },
  upcoming: { label: '未到', tone: 'neutral' },
};

const PERIOD_LABEL: Record<CompliancePeriod, string> = { month: '每月', quarter: '每季度', half_year: '每半年', year: '每年' };
const QUARTER = ['', '一季度', '二季度', '三季度', '四季度'];

/** '2025-03' → '3月', '2025-Q2' → '二季度', '2025-H1' → '上半年', '2025' → '全年'. */
export function bucketLabel(label: string): string {
  const month = /^\d{4}-(\d{2})$/.exec(label);
  if (month) return `${Number(month[1])}月`;
  const quarter = /^\d{4}-Q([1-4])$/.exec(label);
  if (quarter) return QUARTER[Number(quarter[1])] ?? label;
  const half = /^\d{4}-H([12])$/.exec(label);
  if (half) return half[1] === '1' ? '上半年' : '下半年';
  if (/^\d{4}$/.test(label)) return '全年';
  return label;
}

export type RequirementView = {
  key: string;
  title: string;
  /** '每月至少 1 次' */
  rule: string;
  applicable: boolean;
  note: string | null;
  met: number;
  missing: number;
  /** Periods still open this year and not yet met. */
  due: number;
  buckets: Array<{
    key: string;
    label: string;
    state: BucketState;
    stateLabel: string;
    tone: TagTone;
    held: number;
    scheduled: number;
    planned: number | null;
  }>;
  /** Plan against schedule and record over the year ('计划 12 · 已排 1 · 已开 5'); null without a yearly plan. */
  progress: string | null;
};

export function requirementView(r: ComplianceRequirement): RequirementView {
  const title = `${MEETING_TYPE_LABEL[r.type]}${r.group ? `（${r.group.name}）` : ''}`;
  return {
    key: `${r.type}:${r.group?.id ?? ''}`,
    title,
    rule: `${PERIOD_LABEL[r.period]}至少 ${r.min} 次`,
    applicable: r.applicable,
    note: r.note,
    met: r.met,
    missing: r.missing,
    due: r.buckets.filter((b) => b.state === 'due').length,
    buckets: r.buckets.map((b) => ({
      key: b.label,
      label: bucketLabel(b.label),
      state: b.state,
      stateLabel: BUCKET_STATE[b.state].label,
      tone: BUCKET_STATE[b.state].tone,
      held: b.held,
      scheduled: b.scheduled,
      planned: b.planned,
    })),
    progress: progressOf(r),
  };
}

/** '计划 12 · 已排 1 · 已开 5' over the year, when the branch has a yearly plan. */
export function progressOf(r: Pick<ComplianceRequirement, 'buckets'>): string | null {
  if (r.buckets.some((b) => b.planned === null)) return null;
  const sum = (f: (b: ComplianceRequirement['buckets'][number]) => number) => r.buckets.reduce((n, b) => n + f(b), 0);
  return `计划 ${sum((b) => b.planned ?? 0)} · 已排 ${sum((b) => b.scheduled)} · 已开 ${sum((b) => b.held)}`;
}

export type OrgComplianceView = {
  orgId: string;
  name: string;
  missing: number;
  /** 'missing' when a period is over with too few meetings; 'due' when only this period is open; else 'ok'. */
  verdict: 'missing' | 'due' | 'ok';
  verdictText: string;
  /** The yearly plan's state in words ('年度计划：已报上级'), or that there is none. */
  planText: string;
  /** Binding rules, those with gaps first; the rules that do not bind the organisation come last. */
  requirements: RequirementView[];
  notApplicable: RequirementView[];
};

export function orgComplianceView(org: OrgCompliance): OrgComplianceView {
  const all = org.requirements.map(requirementView);
  const binding = all.filter((r) => r.applicable);
  // Stable sort: missing first, then due, then the rest in the server's order.
  const rank = (r: RequirementView) => (r.missing > 0 ? 0 : r.due > 0 ? 1 : 2);
  const requirements = binding
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
    .map((x) => x.r);
  const due = binding.reduce((n, r) => n + r.due, 0);
  const verdict = org.missing > 0 ? 'missing' : due > 0 ? 'due' : 'ok';
  const verdictText = verdict === 'missing' ? `缺 ${org.missing} 期` : verdict === 'due' ? `本期待开 ${due} 项` : '均已达标';
  const planText = org.plan ? `年度计划：${MEETING_PLAN_STATE_LABEL[org.plan.state]}` : '未制定年度计划';
  return {
    orgId: org.orgId,
    name: org.name,
    missing: org.missing,
    verdict,
    verdictText,
    planText,
    requirements,
    notApplicable: all.filter((r) => !r.applicable),
  };
}

// ---- Attendance rates ----

export type RatePreset = 'month' | 'quarter' | 'year' | 'all';

/** China calendar range of a preset up to today; 'all' has no bounds. */
export function presetRange(preset: RatePreset, now: Date = new Date()): { from?: string; to?: string } {
  if (preset === 'all') return {};
  const today = chinaDateAndTime(now).date;
  const [y, m] = today.split('-').map(Number) as [number, number];
  const startMonth = preset === 'year' ? 1 : preset === 'quarter' ? Math.floor((m - 1) / 3) * 3 + 1 : m;
  return { from: `${y}-${String(startMonth).padStart(2, '0')}-01`, to: today };
}

export type RateRow = {
  key: string;
  name: string;
  rateText: string;
  /** Width of the bar, 0–100. */
  percent: number;
  detail: string;
  /** Nothing expected in the period (no meetings held). */
  noData: boolean;
};

type Totals = AttendanceRate['total'];

export function rateRow(key: string, name: string, t: Totals): RateRow {
  const noData = t.rate === null;
  return {
    key,
    name,
    rateText: noData ? '—' : formatRate(t.rate),
    percent: noData ? 0 : Math.max(0, Math.min(100, Math.round((t.rate ?? 0) * 100))),
    detail: t.meetings === 0 ? '期间未开会' : `${t.meetings} 场 · 应到 ${t.expected} · 出席 ${t.present} · 请假 ${t.onLeave} · 缺席 ${t.absent}`,
    noData,
  };
}

/** The subtree's total, and its direct children lowest rate first (those without meetings last). */
export function rateView(r: AttendanceRate): { total: RateRow; children: RateRow[] } {
  const children = r.children
    .map((c, i) => ({ row: rateRow(c.orgId, c.name, c), rate: c.rate, i }))
    .sort((a, b) => {
      if (a.rate === null || b.rate === null) return (a.rate === null ? 1 : 0) - (b.rate === null ? 1 : 0) || a.i - b.i;
      return a.rate - b.rate || a.i - b.i;
    })
    .map((x) => x.row);
  return { total: rateRow(r.orgId, r.name, r.total), children };
}

// ---- C5 review cases ----

/** A date or an instant (read on the China calendar) as '2025年3月1日'. */
const dateOf = (v: unknown) => {
  if (typeof v !== 'string' || !v) return null;
  const d = new Date(v);
  return formatDate(v.includes('T') && !Number.isNaN(d.getTime()) ? chinaDateAndTime(d).date : v);
};

/** Why a case was opened, in words: C5 carries `lastAttendedAt`, `since`, `cutoff`. */
export function caseReason(c: Pick<ReviewCase, 'kind' | 'details'>): string[] {
  const lines: string[] = [];
  if (c.kind === 'no_org_life_6_months') {
    const last = dateOf(c.details.lastAttendedAt);
    const since = dateOf(c.details.since);
    const cutoff = dateOf(c.details.cutoff);
    lines.push(last ? `最后一次参加组织生活：${last}` : '没有参加组织生活的记录');
    if (!last && since) lines.push(`自 ${since} 起计算`);
    if (cutoff) lines.push(`截至 ${cutoff} 已满六个月`);
  }
  return lines;
}

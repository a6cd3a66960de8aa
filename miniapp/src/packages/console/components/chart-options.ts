import {
  INDEX_KEYS,
  INDEX_LABEL,
  type AttendancePoint,
  type CoverageTrend,
  type FeeCollectionPoint,
  type IndexBranchScores,
  type StudyHoursPoint,
} from '@dangjian/shared';
import type { ChartOption } from './echarts';

/*
 * ECharts options of the console's charts, built from the server's series (pure: tested without a
 * canvas). Other modules chart their data through `trendOption` (coverage, index trends) and
 * `radarOption` (the five indexes, K5): see docs/modules/console.md.
 */

const RED = '#c8161d';
const GOLD = '#e9b949';
const GREY = '#8a8f99';
const PALETTE = [RED, GOLD, '#2e6fd8', '#2e8b57', '#8e44ad', GREY];

/** 2025-06 → "6月"; January shows its year ("2025年1月") so a year's turn is visible on the axis. */
export const monthLabel = (month: string) => {
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${month.slice(0, 4)}年1月` : `${m}月`;
};
/** Basis points as a percentage with one decimal (9876 → 98.8); null stays null (a gap in the line). */
export const percent = (bp: number | null) => (bp === null ? null : Math.round(bp / 10) / 10);
const yuan = (fen: number) => Math.round(fen) / 100;

const base = (dark: boolean) => ({
  color: PALETTE,
  textStyle: { color: dark ? '#d9e2f2' : '#1f2329' },
  grid: { left: 48, right: 48, top: 40, bottom: 28 },
  tooltip: { trigger: 'axis' },
  legend: { top: 4, textStyle: { color: dark ? '#d9e2f2' : '#646a73' } },
});
type Axis = Record<string, unknown>;
/** Axis labels, names and grid lines readable on the page's background (the hall's screen is dark). */
function themed(option: { xAxis?: Axis | Axis[]; yAxis?: Axis | Axis[] } & Record<string, unknown>, dark: boolean): ChartOption {
  const text = dark ? '#b8c7e0' : '#646a73';
  const style = (a: Axis): Axis => ({
    ...a,
    axisLabel: { ...(a.axisLabel as Axis | undefined), color: text },
    nameTextStyle: { color: text },
    splitLine: { lineStyle: { color: dark ? 'rgba(255, 255, 255, 0.12)' : '#e8e9eb' } },
  });
  const each = (a: Axis | Axis[] | undefined) => (Array.isArray(a) ? a.map(style) : a && style(a));
  return { ...option, xAxis: each(option.xAxis), yAxis: each(option.yAxis) };
}
const percentAxis = (name: string) => ({ type: 'value', name, min: 0, max: 100, axisLabel: { formatter: '{value}%' } });

/** 党费收缴: billed and paid (元, bars) and the collection rate (%, line, right axis). */
export function feeRateOption(points: FeeCollectionPoint[], dark = false): ChartOption {
  return themed(
    {
      ...base(dark),
      xAxis: { type: 'category', data: points.map((p) => monthLabel(p.month)) },
      yAxis: [{ type: 'value', name: '元' }, percentAxis('收缴率')],
      series: [
        { name: '应交', type: 'bar', itemStyle: { color: GREY }, data: points.map((p) => yuan(p.dueFen)) },
        { name: '已交', type: 'bar', itemStyle: { color: GOLD }, data: points.map((p) => yuan(p.paidFen)) },
        { name: '收缴率', type: 'line', yAxisIndex: 1, itemStyle: { color: RED }, connectNulls: false, data: points.map((p) => percent(p.rateBp)) },
      ],
    },
    dark,
  );
}

/** 参会率: meetings held (bars) and the share of expected attendees who checked in (%, line). */
export function attendanceOption(points: AttendancePoint[], dark = false): ChartOption {
  return themed(
    {
      ...base(dark),
      xAxis: { type: 'category', data: points.map((p) => monthLabel(p.month)) },
      yAxis: [{ type: 'value', name: '场次', minInterval: 1 }, percentAxis('参会率')],
      series: [
        { name: '会议场次', type: 'bar', itemStyle: { color: GOLD }, data: points.map((p) => p.meetings) },
        { name: '参会率', type: 'line', yAxisIndex: 1, itemStyle: { color: RED }, data: points.map((p) => percent(p.rateBp)) },
      ],
    },
    dark,
  );
}

/** 学习时长: hours studied (bars) and how many members studied (line). */
export function studyHoursOption(points: StudyHoursPoint[], dark = false): ChartOption {
  return themed(
    {
      ...base(dark),
      xAxis: { type: 'category', data: points.map((p) => monthLabel(p.month)) },
      yAxis: [
        { type: 'value', name: '学时' },
        { type: 'value', name: '人数', minInterval: 1 },
      ],
      series: [
        { name: '学时', type: 'bar', itemStyle: { color: RED }, data: points.map((p) => p.hours) },
        { name: '学习人数', type: 'line', yAxisIndex: 1, itemStyle: { color: GOLD }, data: points.map((p) => p.learners) },
      ],
    },
    dark,
  );
}

/** Lines over months (coverage rates, index scores); values null where a month has none. */
export function trendOption(months: string[], series: Array<{ name: string; values: Array<number | null> }>, unit: '%' | '分', dark = false): ChartOption {
  return themed(
    {
      ...base(dark),
      xAxis: { type: 'category', data: months.map(monthLabel) },
      yAxis: unit === '%' ? percentAxis('') : { type: 'value', name: unit },
      series: series.map((s) => ({ name: s.name, type: 'line', data: s.values })),
    },
    dark,
  );
}

/**
 * 覆盖率走势 (K2, K3 against K4): organisation and work coverage per month as lines, each year's
 * target as a dashed line of the same colour, so a month below its target shows at a glance.
 */
export function coverageTrendOption(trend: CoverageTrend, dark = false): ChartOption {
  const months = trend.months.map((m) => m.month);
  const option = trendOption(
    months,
    [
      { name: '组织覆盖率', values: trend.months.map((m) => m.orgRate) },
      { name: '工作覆盖率', values: trend.months.map((m) => m.workRate) },
    ],
    '%',
    dark,
  ) as { series: Array<Record<string, unknown>> } & ChartOption;
  const target = (name: string, value: number, color: string) => ({
    name,
    type: 'line',
    symbol: 'none',
    lineStyle: { type: 'dashed', width: 1.5, color },
    itemStyle: { color },
    data: months.map(() => value),
  });
  option.series = [
    { ...option.series[0], itemStyle: { color: RED } },
    { ...option.series[1], itemStyle: { color: GOLD } },
    target(`组织覆盖目标 ${trend.target.orgTarget}%`, trend.target.orgTarget, RED),
    target(`工作覆盖目标 ${trend.target.workTarget}%`, trend.target.workTarget, GOLD),
  ];
  return option;
}

/** 五个指数走势 (K5): one line per index over the branch's twelve months, 0–100. */
export function indexTrendOption(trend: IndexBranchScores['trend'], dark = false): ChartOption {
  const option = trendOption(
    trend.months,
    trend.rows.map((r) => ({ name: r.label, values: r.values })),
    '分',
    dark,
  ) as { yAxis: Record<string, unknown>; grid: Record<string, unknown> } & ChartOption;
  // Five legend entries: room under them for the axis name.
  return { ...option, grid: { ...option.grid, top: 60 }, yAxis: { ...option.yAxis, min: 0, max: 100 } };
}

/**
 * 五个指数雷达 (K5): the branch's month, and the month before when it has scores, on the five axes of
 * 100. A score not computed draws at 0 (the tooltip names the month, the table beside says "—").
 */
export function indexRadarOption(data: Pick<IndexBranchScores, 'month' | 'scores'>, dark = false): ChartOption {
  const byKey = new Map(data.scores.map((s) => [s.indexKey, s]));
  const series = [{ name: monthLabel(data.month), values: INDEX_KEYS.map((k) => byKey.get(k)?.score ?? 0) }];
  if (data.scores.some((s) => s.previous !== null)) series.push({ name: '上月', values: INDEX_KEYS.map((k) => byKey.get(k)?.previous ?? 0) });
  return radarOption(
    INDEX_KEYS.map((k) => ({ name: INDEX_LABEL[k].replace('指数', ''), max: 100 })),
    series,
    dark,
  );
}

/** A radar of scores on the same axes (the five indexes of K5: 创新/发展/成长/活力/幸福). */
export function radarOption(axes: Array<{ name: string; max: number }>, series: Array<{ name: string; values: number[] }>, dark = false): ChartOption {
  return {
    ...base(dark),
    tooltip: { trigger: 'item' },
    // Below the legend, so the top axis's name is not under it.
    radar: { indicator: axes, radius: '62%', center: ['50%', '57%'] },
    series: [{ type: 'radar', data: series.map((s) => ({ name: s.name, value: s.values })) }],
  };
}

import type { AttendancePoint, FeeCollectionPoint, StudyHoursPoint } from '@dangjian/shared';
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

/** A radar of scores on the same axes (the five indexes of K5: 创新/发展/成长/活力/幸福). */
export function radarOption(axes: Array<{ name: string; max: number }>, series: Array<{ name: string; values: number[] }>, dark = false): ChartOption {
  return {
    ...base(dark),
    tooltip: { trigger: 'item' },
    radar: { indicator: axes, radius: '65%' },
    series: [{ type: 'radar', data: series.map((s) => ({ name: s.name, value: s.values })) }],
  };
}

import type { CoverageTrend, IndexBranchScores } from '@dangjian/shared';
import { attendanceOption, coverageTrendOption, feeRateOption, indexRadarOption, indexTrendOption, monthLabel, percent, radarOption } from './chart-options';

type Series = { series: Array<{ name: string; data: unknown[]; lineStyle?: { type?: string } }> };
const target = { year: 2026, orgTarget: 90, workTarget: 95, visitsPerYear: 4, minEmployees: 0, isSet: false };
const scores = (month: string, now: Array<number | null>, before: Array<number | null>): Pick<IndexBranchScores, 'month' | 'scores'> => ({
  month,
  scores: (['innovation', 'development', 'growth', 'vitality', 'happiness'] as const).map((k, i) => ({
    indexKey: k,
    label: k,
    score: now[i]!,
    previous: before[i]!,
    delta: null,
    rank: null,
    of: null,
    version: null,
  })),
});

describe('console chart options', () => {
  it('labels months and marks the turn of the year', () => {
    expect(monthLabel('2025-06')).toBe('6月');
    expect(monthLabel('2026-01')).toBe('2026年1月');
  });

  it('turns basis points into percentages with one decimal, a missing rate into a gap', () => {
    expect(percent(10_000)).toBe(100);
    expect(percent(6667)).toBe(66.7);
    expect(percent(0)).toBe(0);
    expect(percent(null)).toBeNull();
  });

  it('charts fees as bars in yuan and the collection rate as a line on the right axis', () => {
    const o = feeRateOption([
      { month: '2025-05', dueFen: 10_000, paidFen: 10_000, rateBp: 10_000 },
      { month: '2025-06', dueFen: 0, paidFen: 0, rateBp: null },
    ]) as { series: Array<{ name: string; data: unknown[]; yAxisIndex?: number }> };
    expect(o.series.map((s) => s.name)).toEqual(['应交', '已交', '收缴率']);
    expect(o.series[0]!.data).toEqual([100, 0]);
    expect(o.series[2]).toMatchObject({ yAxisIndex: 1, data: [100, null] });
  });

  it('charts attendance and a radar of indexes', () => {
    const a = attendanceOption([{ month: '2025-06', meetings: 2, expected: 3, present: 2, rateBp: 6667 }]) as { series: Array<{ data: unknown[] }> };
    expect(a.series[1]!.data).toEqual([66.7]);
    const r = radarOption([{ name: '创新', max: 100 }], [{ name: '本月', values: [80] }]) as { radar: { indicator: unknown[] } };
    expect(r.radar.indicator).toEqual([{ name: '创新', max: 100 }]);
  });

  it('charts coverage by month against each target as a dashed line (K2–K4), an empty month as a gap', () => {
    const trend: CoverageTrend = {
      months: [
        { month: '2025-12', enterprises: 0, orgCovered: 0, workCovered: 0, orgRate: null, workRate: null },
        { month: '2026-01', enterprises: 10, orgCovered: 8, workCovered: 9, orgRate: 80, workRate: 90 },
      ],
      target,
    };
    const o = coverageTrendOption(trend) as Series & { xAxis: { data: string[] }; yAxis: { max: number } };
    expect(o.xAxis.data).toEqual(['12月', '2026年1月']);
    expect(o.yAxis.max).toBe(100);
    expect(o.series.map((s) => s.name)).toEqual(['组织覆盖率', '工作覆盖率', '组织覆盖目标 90%', '工作覆盖目标 95%']);
    expect(o.series[0]!.data).toEqual([null, 80]);
    expect(o.series[1]!.data).toEqual([null, 90]);
    expect(o.series[2]).toMatchObject({ data: [90, 90], lineStyle: { type: 'dashed' } });
    expect(o.series[3]!.data).toEqual([95, 95]);
  });

  it('charts the five index trends of a branch on a 0–100 axis (K5)', () => {
    const o = indexTrendOption({
      months: ['2026-05', '2026-06'],
      rows: [
        { indexKey: 'innovation', label: '创新指数', values: [null, 60] },
        { indexKey: 'vitality', label: '活力指数', values: [70, 75.5] },
      ],
    }) as Series & { yAxis: { min: number; max: number; name: string } };
    expect(o.series.map((s) => s.name)).toEqual(['创新指数', '活力指数']);
    expect(o.series[0]!.data).toEqual([null, 60]);
    expect(o.yAxis).toMatchObject({ min: 0, max: 100, name: '分' });
  });

  it('draws the five indexes as a radar of the month and, when it has scores, the month before', () => {
    const r = indexRadarOption(scores('2026-06', [80, 60, null, 70, 90], [70, null, null, 65, 85])) as {
      radar: { indicator: Array<{ name: string; max: number }> };
      series: Array<{ data: Array<{ name: string; value: number[] }> }>;
    };
    expect(r.radar.indicator.map((a) => a.name)).toEqual(['创新', '发展', '成长', '活力', '幸福']);
    expect(r.radar.indicator.every((a) => a.max === 100)).toBe(true);
    expect(r.series[0]!.data).toEqual([
      { name: '6月', value: [80, 60, 0, 70, 90] },
      { name: '上月', value: [70, 0, 0, 65, 85] },
    ]);
    const first = indexRadarOption(scores('2026-06', [80, 60, 50, 70, 90], [null, null, null, null, null])) as { series: Array<{ data: unknown[] }> };
    expect(first.series[0]!.data).toHaveLength(1);
  });
});

import { attendanceOption, feeRateOption, monthLabel, percent, radarOption } from './chart-options';

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
});

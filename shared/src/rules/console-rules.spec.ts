import { chartMonths, denseSeries, hoursOfMs } from './console-rules.js';

describe('console chart series (issue 15)', () => {
  it('counts months back from the current month in China, the current month last', () => {
    // 2025-06-30 17:00 UTC is already 1 July in China.
    expect(chartMonths(3, new Date('2025-06-30T17:00:00Z'))).toEqual(['2025-05', '2025-06', '2025-07']);
    expect(chartMonths(3, new Date('2025-06-30T15:59:59Z'))).toEqual(['2025-04', '2025-05', '2025-06']);
    expect(chartMonths(1, new Date('2025-06-10T04:00:00Z'))).toEqual(['2025-06']);
  });

  it('crosses the turn of the year', () => {
    expect(chartMonths(3, new Date('2026-01-15T04:00:00Z'))).toEqual(['2025-11', '2025-12', '2026-01']);
    expect(chartMonths(24, new Date('2026-01-15T04:00:00Z'))[0]).toBe('2024-02');
  });

  it('refuses a count that is not a positive integer', () => {
    expect(() => chartMonths(0)).toThrow(RangeError);
    expect(() => chartMonths(1.5)).toThrow(RangeError);
  });

  it('fills every month without a row, keeps rows in the months order, drops rows outside', () => {
    const empty = (month: string) => ({ month, n: 0 });
    expect(
      denseSeries(
        ['2025-04', '2025-05', '2025-06'],
        [
          { month: '2025-06', n: 2 },
          { month: '2025-04', n: 1 },
          { month: '2024-01', n: 9 },
        ],
        empty,
      ),
    ).toEqual([
      { month: '2025-04', n: 1 },
      { month: '2025-05', n: 0 },
      { month: '2025-06', n: 2 },
    ]);
    expect(denseSeries([], [{ month: '2025-06', n: 2 }], empty)).toEqual([]);
  });

  it('rounds credited time to a tenth of an hour', () => {
    expect(hoursOfMs(0)).toBe(0);
    expect(hoursOfMs(5_400_000)).toBe(1.5);
    expect(hoursOfMs(179_999)).toBe(0);
    expect(hoursOfMs(180_000)).toBe(0.1);
    expect(hoursOfMs(3_600_000 * 32)).toBe(32);
  });
});

import {
  combine,
  contributions,
  explainChange,
  formulaText,
  monthsEnding,
  normalise,
  previousMonth,
  rangeText,
  roundScore,
  weights,
  type FormulaPart,
} from './index-rules.js';

const part = (metric: string, weight: number, value: number, low = 0, high = 10): FormulaPart => ({
  metric,
  weight,
  low,
  high,
  value,
  normalised: normalise(value, low, high),
});

describe('K5 normalise', () => {
  it('is 0 at and below low, 1 at and above high, linear between', () => {
    expect(normalise(0, 0, 2)).toBe(0);
    expect(normalise(-1, 0, 2)).toBe(0);
    expect(normalise(1, 0, 2)).toBe(0.5);
    expect(normalise(2, 0, 2)).toBe(1);
    expect(normalise(2.0001, 0, 2)).toBe(1);
    expect(normalise(1.9999, 0, 2)).toBeLessThan(1);
  });

  it('high below low means fewer is better', () => {
    expect(normalise(10, 10, 0)).toBe(0);
    expect(normalise(0, 10, 0)).toBe(1);
    expect(normalise(2.5, 10, 0)).toBe(0.75);
    expect(normalise(-3, 10, 0)).toBe(1);
    expect(normalise(11, 10, 0)).toBe(0);
  });

  it('refuses an empty range', () => {
    expect(() => normalise(1, 3, 3)).toThrow(RangeError);
  });
});

describe('K5 weights and combine', () => {
  it('shares are weight over the sum', () => {
    expect(weights([{ weight: 1 }, { weight: 3 }])).toEqual([0.25, 0.75]);
    expect(weights([{ weight: 7 }])).toEqual([1]);
  });

  it('refuses no weights, a zero sum and a negative weight', () => {
    expect(() => weights([])).toThrow(RangeError);
    expect(() => weights([{ weight: 0 }])).toThrow(RangeError);
    expect(() => weights([{ weight: 2 }, { weight: -1 }])).toThrow(RangeError);
  });

  it('a zero weight beside a positive one counts for nothing', () => {
    expect(
      combine([
        { weight: 0, normalised: 1 },
        { weight: 5, normalised: 0 },
      ]),
    ).toBe(0);
  });

  it('scores 0 to 100, rounded to one decimal', () => {
    expect(combine([{ weight: 1, normalised: 0 }])).toBe(0);
    expect(combine([{ weight: 1, normalised: 1 }])).toBe(100);
    expect(
      combine([
        { weight: 40, normalised: 1 },
        { weight: 60, normalised: 0.5 },
      ]),
    ).toBe(70);
    expect(
      combine([
        { weight: 1, normalised: 1 },
        { weight: 2, normalised: 0 },
      ]),
    ).toBe(33.3);
    expect(
      combine([
        { weight: 2, normalised: 1 },
        { weight: 1, normalised: 0 },
      ]),
    ).toBe(66.7);
  });

  it('the same weights scaled give the same score', () => {
    const a = combine([
      { weight: 1, normalised: 0.3 },
      { weight: 3, normalised: 0.9 },
    ]);
    const b = combine([
      { weight: 10, normalised: 0.3 },
      { weight: 30, normalised: 0.9 },
    ]);
    expect(a).toBe(b);
  });

  it('contributions add up to the score (within rounding)', () => {
    const parts = [part('a', 40, 2, 0, 2), part('b', 60, 1, 0, 4)];
    const c = contributions(parts);
    expect(c).toEqual([40, 15]);
    expect(roundScore(c[0]! + c[1]!)).toBe(combine(parts));
  });
});

describe('K5 why the score changed', () => {
  it('deltas per metric, the largest change first', () => {
    const prev = [part('meetings', 50, 2, 0, 2), part('study', 50, 5)];
    const cur = [part('meetings', 50, 1, 0, 2), part('study', 50, 6)];
    const rows = explainChange(cur, prev);
    expect(rows.map((r) => r.metric)).toEqual(['meetings', 'study']);
    expect(rows[0]).toEqual({ metric: 'meetings', value: 1, previousValue: 2, contribution: 25, contributionDelta: -25 });
    expect(rows[1]).toEqual({ metric: 'study', value: 6, previousValue: 5, contribution: 30, contributionDelta: 5 });
  });

  it('no previous month: values without deltas', () => {
    const rows = explainChange([part('a', 1, 5)], null);
    expect(rows).toEqual([{ metric: 'a', value: 5, previousValue: null, contribution: 50, contributionDelta: null }]);
  });

  it('a metric new in this version has no delta; a dropped one is not listed', () => {
    const rows = explainChange([part('a', 1, 10), part('new', 1, 0)], [part('a', 1, 10), part('gone', 1, 10)]);
    expect(rows.find((r) => r.metric === 'new')).toMatchObject({ previousValue: null, contributionDelta: null });
    expect(rows.map((r) => r.metric)).not.toContain('gone');
    // The weights changed with the version: 'a' was 50 of 100 then and is 50 of 100 now.
    expect(rows.find((r) => r.metric === 'a')!.contributionDelta).toBe(0);
  });
});

describe('K5 texts', () => {
  it('writes the formula with shares in percent', () => {
    const label = (m: string) => ({ a: '组织生活', b: '发展党员' })[m] ?? m;
    expect(
      formulaText(
        [
          { metric: 'a', weight: 2, low: 0, high: 1 },
          { metric: 'b', weight: 3, low: 0, high: 1 },
        ],
        label,
      ),
    ).toBe('得分 = 100 × (40% × 组织生活 + 60% × 发展党员)');
  });

  it('says the range both ways', () => {
    expect(rangeText({ low: 0, high: 2 }, '次')).toBe('0次及以下得 0 分，2次及以上得满分，其间按比例');
    expect(rangeText({ low: 5, high: 0 }, '件')).toContain('越少越好');
  });
});

describe('months', () => {
  it('previous month across a year', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-10')).toBe('2026-09');
    expect(previousMonth('2026-12')).toBe('2026-11');
  });

  it('months ending with a month, oldest first', () => {
    expect(monthsEnding('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(monthsEnding('2026-02', 1)).toEqual(['2026-02']);
  });
});

/*
 * K5 Five indexes (创新/发展/成长/活力/幸福, 创承汇): no official formula exists, so an index is data —
 * a list of metrics, each with a weight and a normalisation range. These are the pure formula
 * functions; the server's set-based SQL computes the same thing for 50,000 organisations at once
 * (server/src/indexes/indexes.repository.ts) and keeps the parts, which these functions explain.
 */

export const INDEX_KEYS = ['innovation', 'development', 'growth', 'vitality', 'happiness'] as const;
export type IndexKey = (typeof INDEX_KEYS)[number];
export const INDEX_LABEL: Record<IndexKey, string> = {
  innovation: '创新指数',
  development: '发展指数',
  growth: '成长指数',
  vitality: '活力指数',
  happiness: '幸福指数',
};

/** One metric of an index: `low` scores 0, `high` scores full, linear between, clamped outside. `high < low`: lower is better. */
export type FormulaTerm = { metric: string; weight: number; low: number; high: number };

/** K5: a metric's value on a 0–1 scale. */
export function normalise(value: number, low: number, high: number): number {
  if (high === low) throw new RangeError('normalise: high and low must differ');
  const n = (value - low) / (high - low);
  return n <= 0 ? 0 : n >= 1 ? 1 : n;
}

/** K5: each term's share of the score: weight ÷ the sum of the weights. */
export function weights(terms: ReadonlyArray<Pick<FormulaTerm, 'weight'>>): number[] {
  const total = terms.reduce((s, t) => s + t.weight, 0);
  if (!(total > 0) || terms.some((t) => t.weight < 0)) throw new RangeError('weights: need non-negative weights with a positive sum');
  return terms.map((t) => t.weight / total);
}

/** Rounded to one decimal, as the score is stored (numeric(5,1)). */
export const roundScore = (x: number) => Math.round(x * 10) / 10;

/** K5: the index score 0–100: 100 × Σ weightᵢ·normalisedᵢ ÷ Σ weightᵢ. */
export function combine(parts: ReadonlyArray<{ weight: number; normalised: number }>): number {
  const shares = weights(parts);
  return roundScore(100 * parts.reduce((s, p, i) => s + shares[i]! * p.normalised, 0));
}

/** One term with the value the score was computed from (a snapshot's `parts`). */
export type FormulaPart = FormulaTerm & { value: number; normalised: number };

/** What a term contributed to the score, in points of 100. */
export function contributions(parts: ReadonlyArray<FormulaPart>): number[] {
  const shares = weights(parts);
  return parts.map((p, i) => roundScore(100 * shares[i]! * p.normalised));
}

export type FormulaPartChange = { metric: string; value: number; previousValue: number | null; contribution: number; contributionDelta: number | null };

/**
 * "Why did this score change": per metric of this month's formula, the value and contribution against
 * the previous month's. A metric the previous formula did not have (a new version) has no delta.
 * Sorted by the size of the change, largest first, so the reason reads first.
 */
export function explainChange(current: ReadonlyArray<FormulaPart>, previous: ReadonlyArray<FormulaPart> | null): FormulaPartChange[] {
  const cur = contributions(current);
  const prevContrib = previous && previous.length ? contributions(previous) : [];
  const rows = current.map((p, i) => {
    const j = previous ? previous.findIndex((q) => q.metric === p.metric) : -1;
    const prev = j >= 0 ? previous![j]! : null;
    return {
      metric: p.metric,
      value: p.value,
      previousValue: prev ? prev.value : null,
      contribution: cur[i]!,
      contributionDelta: prev ? roundScore(cur[i]! - prevContrib[j]!) : null,
    };
  });
  return rows.sort((a, b) => Math.abs(b.contributionDelta ?? 0) - Math.abs(a.contributionDelta ?? 0));
}

/** The formula as people read it, e.g. "得分 = 100 × (40% × 组织生活达标 + 60% × 发展党员)". */
export function formulaText(terms: ReadonlyArray<FormulaTerm>, label: (metric: string) => string): string {
  const shares = weights(terms);
  return `得分 = 100 × (${terms.map((t, i) => `${roundScore(shares[i]! * 100)}% × ${label(t.metric)}`).join(' + ')})`;
}

/** A term's normalisation in words, e.g. "0 次得 0 分，2 次及以上得满分". */
export function rangeText(t: Pick<FormulaTerm, 'low' | 'high'>, unit: string): string {
  return t.high > t.low
    ? `${t.low}${unit}及以下得 0 分，${t.high}${unit}及以上得满分，其间按比例`
    : `${t.low}${unit}及以上得 0 分，${t.high}${unit}及以下得满分，其间按比例（越少越好）`;
}

/** 'YYYY-MM' of the month before. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The `count` months ending with `month`, oldest first. */
export function monthsEnding(month: string, count: number): string[] {
  const out = [month];
  while (out.length < count) out.unshift(previousMonth(out[0]!));
  return out;
}

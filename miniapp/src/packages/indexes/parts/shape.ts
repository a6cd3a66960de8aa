import { INDEX_KEYS, INDEX_LABEL, formatMonthCn, previousMonth, type IndexKey, type RankingSort } from '@dangjian/shared';

/** The sort options of the ranking: 综合 (the average of the five) first. */
export const SORT_OPTIONS: ReadonlyArray<{ value: RankingSort; label: string }> = [
  { value: 'overall', label: '综合' },
  ...INDEX_KEYS.map((k) => ({ value: k, label: INDEX_LABEL[k].replace('指数', '') })),
];

export const SHORT_LABEL: Record<IndexKey, string> = Object.fromEntries(INDEX_KEYS.map((k) => [k, INDEX_LABEL[k].replace('指数', '')])) as Record<
  IndexKey,
  string
>;

export const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
export { formatMonthCn, previousMonth };

/** A score as read: "72.5", or "—" when not computed. */
export const scoreText = (s: number | null | undefined) => (s === null || s === undefined ? '—' : s.toFixed(1));

/** "+3.5" / "−2.0" / "持平" / "" (no previous month). */
export function deltaText(d: number | null): string {
  if (d === null) return '';
  if (d === 0) return '持平';
  return `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(1)}`;
}

/** Width of a CSS bar for a 0–100 score. */
export const barWidth = (s: number | null) => `${Math.max(0, Math.min(100, s ?? 0))}%`;

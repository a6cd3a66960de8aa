import { addMonths, chinaMonth } from './fee-rules.js';

/*
 * Pure helpers of the console's chart series (issue 15). Series are dense: a month without bills,
 * meetings or study is a point with zeros and a null rate, so every chart has the same x axis.
 */

/** The `n` months ending with the current month in China, oldest first. */
export function chartMonths(n: number, now: Date = new Date()): string[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`months must be a positive integer: ${n}`);
  const last = chinaMonth(now);
  return Array.from({ length: n }, (_, i) => addMonths(last, i - n + 1));
}

/** One point per month of `months`: the row for that month, or `empty(month)` where there is none. */
export function denseSeries<T extends { month: string }>(months: readonly string[], rows: readonly T[], empty: (month: string) => T): T[] {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return months.map((m) => byMonth.get(m) ?? empty(m));
}

/** Credited milliseconds as study hours (学时) with one decimal, as the study pages show them. */
export const hoursOfMs = (ms: number): number => Math.round(ms / 360_000) / 10;

import type { CaseResult } from './load.js';

export type BenchFlags = Record<string, string | boolean>;
export type BenchContext = { flags: BenchFlags; log: (message: string) => void };
/** `summary` becomes the closing JSON line (with `bench` and `cores` added); `cases` the table. */
export type BenchOutcome = { cases: CaseResult[]; summary: Record<string, unknown>; details?: string[] };
/** Each `bench/<name>.bench.ts` default-exports one of these. */
export type Bench = { description: string; run: (ctx: BenchContext) => Promise<BenchOutcome> };

export const flagNumber = (flags: BenchFlags, name: string, fallback: number) => {
  const v = flags[name];
  const n = typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

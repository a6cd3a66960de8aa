import type { CaseResult } from './load.js';

/** A fixed-width table of the cases, for people. */
export function table(cases: CaseResult[]): string {
  const head = ['case', 'via', 'p50 ms', 'p99 ms', 'req/s', 'requests', 'errors'];
  const rows = cases.map((c) => [c.name, c.via, c.p50.toFixed(1), c.p99.toFixed(1), String(c.rps), String(c.requests), String(c.errors)]);
  // CJK characters take two columns in a terminal.
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
  const cols = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const pad = (s: string, i: number) => (i === 0 ? s + ' '.repeat(cols[i]! - width(s)) : ' '.repeat(cols[i]! - width(s)) + s);
  const line = (r: string[]) => r.map(pad).join('  ');
  return [line(head), cols.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

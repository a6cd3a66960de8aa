import { fenFromDb } from './fee.entities.js';

/** One organisation's (or subtree's) bill totals for a month. */
export type AggregateRow = {
  path: string;
  bills: number;
  dueFen: number;
  paidFen: number;
  settled: number;
  paid: number;
  reduced: number;
  exempt: number;
};

/** One organisation's own monthly aggregate, as fee_org_month holds it (money as pg's int8 text). */
export type OrgMonthRow = { path: string; bills: number; due: string; paid_fen: string; settled: number; paid: number; reduced: number; exempt: number };

/** The month's aggregate rows of a subtree: one index-only range scan of (month, org_path). */
export const ORG_MONTH_ROWS_SQL = `SELECT org_path::text AS path, bills, due_fen AS due, paid_fen, settled, paid, reduced, exempt
  FROM fee_org_month WHERE month = $2::date AND org_path >= $1::ltree AND org_path < ltree_subtree_end($1::ltree)`;

/**
 * Rolls each organisation's own figures up to every ancestor from `rootPath` down: the whole tree's
 * subtree totals in one pass over the rows (~34,000 for a province, ~150,000 additions). Done here
 * rather than with SQL's subpath + GROUP BY, which sorted 150,000 text keys on disk and took 1.8 s.
 * Sums stay exact integers (checked).
 */
export function rollUpTree(rows: OrgMonthRow[], rootPath: string): Map<string, AggregateRow> {
  const out = new Map<string, AggregateRow>();
  const rootLen = rootPath.length;
  for (const r of rows) {
    const due = fenFromDb(r.due);
    const paidFen = fenFromDb(r.paid_fen);
    let end = rootLen;
    for (;;) {
      const key = r.path.slice(0, end);
      let a = out.get(key);
      if (!a) out.set(key, (a = { path: key, bills: 0, dueFen: 0, paidFen: 0, settled: 0, paid: 0, reduced: 0, exempt: 0 }));
      a.bills += r.bills;
      a.dueFen += due;
      a.paidFen += paidFen;
      a.settled += r.settled;
      a.paid += r.paid;
      a.reduced += r.reduced;
      a.exempt += r.exempt;
      if (end === r.path.length) break;
      const dot = r.path.indexOf('.', end + 1);
      end = dot < 0 ? r.path.length : dot;
    }
  }
  for (const a of out.values()) if (!Number.isSafeInteger(a.dueFen) || !Number.isSafeInteger(a.paidFen)) throw new RangeError('amount out of range');
  return out;
}

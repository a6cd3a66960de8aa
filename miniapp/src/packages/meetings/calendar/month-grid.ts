import type { CalendarGap, CalendarMeeting } from '@dangjian/shared';

/*
 * The month grid of the 三会一课 calendar, as pure functions: weeks from Monday (the Chinese
 * calendar's first column), the dots of each day and the gaps grouped for the page.
 */

export type GridDay = { date: string; day: number; inMonth: boolean };

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

export const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** 'YYYY-MM' shifted by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** '2025-06' → '2025年6月'. */
export const monthTitle = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** '2025-06-20' → '6月20日 周五'. */
export function dayTitle(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${WEEKDAYS[(d.getUTCDay() + 6) % 7]}`;
}

/** Whole weeks (Monday first) covering the month; days of the neighbouring months are marked out of it. */
export function monthGrid(month: string): GridDay[][] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1, 1));
  const start = new Date(first.getTime() - ((first.getUTCDay() + 6) % 7) * 86_400_000);
  const last = new Date(Date.UTC(y, m, 0));
  const weeks: GridDay[][] = [];
  for (let d = start; d <= last || weeks[weeks.length - 1]?.length !== 7; d = new Date(d.getTime() + 86_400_000)) {
    if (!weeks.length || weeks[weeks.length - 1]!.length === 7) weeks.push([]);
    weeks[weeks.length - 1]!.push({ date: ymd(d), day: d.getUTCDate(), inMonth: d.getUTCMonth() === m - 1 });
  }
  return weeks;
}

export type DayMarks = { mine: number; others: number };

/** Per date: the caller's own meetings and the organisation's others; cancelled meetings draw no dot. */
export function dayMarks(meetings: ReadonlyArray<CalendarMeeting>): Map<string, DayMarks> {
  const out = new Map<string, DayMarks>();
  for (const m of meetings) {
    if (m.status === 'cancelled') continue;
    const v = out.get(m.date) ?? { mine: 0, others: 0 };
    if (m.mine) v.mine++;
    else v.others++;
    out.set(m.date, v);
  }
  return out;
}

/** Gaps by branch (a committee worker may see several), missed ones first within each. */
export function gapsByOrg(gaps: ReadonlyArray<CalendarGap>): Array<{ orgId: string; orgName: string; gaps: CalendarGap[] }> {
  const out: Array<{ orgId: string; orgName: string; gaps: CalendarGap[] }> = [];
  for (const g of gaps) {
    let o = out.find((x) => x.orgId === g.organisationId);
    if (!o) out.push((o = { orgId: g.organisationId, orgName: g.organisationName, gaps: [] }));
    o.gaps.push(g);
  }
  for (const o of out) o.gaps.sort((a, b) => (a.state === b.state ? 0 : a.state === 'missed' ? -1 : 1));
  return out;
}

/*
 * Committee oversight (DOMAIN.md K1–K4) and visits to enterprises (S1) as pure functions: the server
 * computes coverage with them and the mini-program explains it with the same code.
 */

/** GB 32100-2015: the 31 characters of a 统一社会信用代码 (no I, O, S, V, Z), each worth its index. */
const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** K1: the check character of the first 17 characters, or null when one is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARS.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * CREDIT_CODE_WEIGHTS[i]!;
  }
  return CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31]!;
}

/** K1: 18 characters of the alphabet whose last one is the GB 32100-2015 check character. */
export function isValidCreditCode(code: string): boolean {
  return code.length === 18 && creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/** How an organisation covers an enterprise (K2). */
export type OrgCoverage = 'own' | 'joint' | 'none';
export type CoveringLink = { kind: string; isJoint: boolean; isTemporary: boolean; since: string };

/**
 * K2: its own basic organisation (a committee, general branch or branch that is not joint) covers it;
 * else a joint branch (O3) that lists it. A 党小组 is not a basic organisation, a temporary branch (S4)
 * ends with its project, and a joint (park or industry) committee oversees its enterprises without
 * being their organisation (O1) — none of them covers. `asOf`: only links in place by then count.
 */
export function orgCoverage(links: ReadonlyArray<CoveringLink>, asOf?: string): OrgCoverage {
  const live = links.filter((l) => l.kind !== 'group' && !l.isTemporary && !(l.kind === 'committee' && l.isJoint) && (asOf === undefined || l.since <= asOf));
  if (live.some((l) => !l.isJoint)) return 'own';
  return live.length > 0 ? 'joint' : 'none';
}

export const OfficerRole = ['instructor', 'liaison'] as const;
export type OfficerRole = (typeof OfficerRole)[number];
export type Term = { role: OfficerRole; userId: string; startsOn: string; endsOn: string | null };

export const termCovers = (t: Pick<Term, 'startsOn' | 'endsOn'>, day: string) => t.startsOn <= day && (t.endsOn === null || t.endsOn >= day);

/** S1: visits per year must split the year into whole months. Default quarterly. */
export const VISITS_PER_YEAR_OPTIONS = [1, 2, 3, 4, 6, 12] as const;
export const DEFAULT_VISITS_PER_YEAR = 4;
/** K4 defaults (湖里's 百日攻坚), in per cent. */
export const DEFAULT_ORG_TARGET = 90;
export const DEFAULT_WORK_TARGET = 95;

/** YYYY-MM-DD `months` months before `day` (day of month clamped). */
export function dayMonthsBefore(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export type LedgerFacts = {
  id: string;
  employees: number | null;
  listedOn: string;
  leftOn: string | null;
  links: ReadonlyArray<CoveringLink>;
  /** Full members on the roll working there, plus declared members not yet transferred in (K1). */
  fullMembers: number;
  officers: ReadonlyArray<Term>;
  /** Visits, each with who made it. */
  visits: ReadonlyArray<{ userId: string; visitedOn: string }>;
};

export type CoverageParams = { minEmployees: number; visitsPerYear: number };

/** In the ledger on `day` (K2's denominator: listed, not left, and at least `minEmployees` when set). */
export const counted = (e: Pick<LedgerFacts, 'employees' | 'listedOn' | 'leftOn'>, day: string, p: Pick<CoverageParams, 'minEmployees'>) =>
  e.listedOn <= day && (e.leftOn === null || e.leftOn > day) && (p.minEmployees <= 0 || (e.employees ?? 0) >= p.minEmployees);

/**
 * K3/S1: an instructor appointed on the visit's day visited within the S1 period ending on `day`
 * (a quarter by default: the visit is at most 12 ÷ visitsPerYear months old).
 */
export function instructorVisited(e: Pick<LedgerFacts, 'officers' | 'visits'>, day: string, visitsPerYear: number): boolean {
  const from = dayMonthsBefore(day, 12 / visitsPerYear);
  return e.visits.some(
    (v) => v.visitedOn > from && v.visitedOn <= day && e.officers.some((t) => t.role === 'instructor' && t.userId === v.userId && termCovers(t, v.visitedOn)),
  );
}

/** K3: covered by an organisation, or by an appointed instructor's visit in the period. */
export const workCovered = (e: LedgerFacts, day: string, visitsPerYear: number) =>
  orgCoverage(e.links, day) !== 'none' || instructorVisited(e, day, visitsPerYear);

/** Why an enterprise shows on the gaps list (K2, K3, S1). */
export const GapReason = ['no_organisation', 'needs_own_branch', 'no_instructor', 'no_liaison', 'not_visited'] as const;
export type GapReason = (typeof GapReason)[number];
export const GAP_REASON_LABEL: Record<GapReason, string> = {
  no_organisation: '未建党组织，也未纳入联合党支部',
  needs_own_branch: '正式党员满 3 人，应单独建立党支部',
  no_instructor: '未选派党建指导员',
  no_liaison: '未选派驻企联络员',
  not_visited: '本周期内党建指导员未走访',
};

/** The reasons `e` is a gap on `day`; empty when nothing is missing. */
export function gapReasons(e: LedgerFacts, day: string, visitsPerYear: number): GapReason[] {
  const reasons: GapReason[] = [];
  const cov = orgCoverage(e.links, day);
  if (cov === 'none') reasons.push('no_organisation');
  // K2 with O2: enough full members for a branch of its own, even when a joint branch covers it.
  if (cov !== 'own' && e.fullMembers >= 3) reasons.push('needs_own_branch');
  const active = e.officers.filter((t) => termCovers(t, day));
  if (!active.some((t) => t.role === 'instructor')) reasons.push('no_instructor');
  if (!active.some((t) => t.role === 'liaison')) reasons.push('no_liaison');
  if (!instructorVisited(e, day, visitsPerYear)) reasons.push('not_visited');
  return reasons;
}

export type CoverageCounts = { enterprises: number; orgCovered: number; workCovered: number; orgRate: number | null; workRate: number | null };

/** Per cent with one decimal; null when the ledger is empty (no rate, not 0 %). */
export const rate = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/** K2/K3 rates of `entries` on `day`. */
export function coverage(entries: ReadonlyArray<LedgerFacts>, day: string, p: CoverageParams): CoverageCounts {
  let enterprises = 0;
  let org = 0;
  let work = 0;
  for (const e of entries) {
    if (!counted(e, day, p)) continue;
    enterprises++;
    if (orgCoverage(e.links, day) !== 'none') {
      org++;
      work++;
    } else if (instructorVisited(e, day, p.visitsPerYear)) work++;
  }
  return { enterprises, orgCovered: org, workCovered: work, orgRate: rate(org, enterprises), workRate: rate(work, enterprises) };
}

/** K4: a rate meets its target; an empty ledger meets nothing. */
export const meetsTarget = (value: number | null, target: number) => value !== null && value >= target;

/** Last day of month `YYYY-MM`. */
export const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/** The `count` months up to and including the month of `today`, oldest first, as YYYY-MM. */
export function lastMonths(today: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => dayMonthsBefore(`${today.slice(0, 7)}-01`, count - 1 - i).slice(0, 7));
}

/** Trend: each month's rates as of its last day (the current month as of today). */
export function monthlyTrend(entries: ReadonlyArray<LedgerFacts>, months: ReadonlyArray<string>, today: string, p: CoverageParams) {
  return months.map((month) => {
    const end = monthEnd(month);
    return { month, ...coverage(entries, end < today ? end : today, p) };
  });
}

export type VisitSlot = { from: string; to: string; visits: number; state: 'done' | 'overdue' | 'due' | 'upcoming' };

/**
 * S1: a year's visit plan for one officer at one enterprise — the year split into `visitsPerYear`
 * periods, those overlapping the officer's term(s) planned; a planned period with a visit is done,
 * one that ended before `today` without a visit overdue, the current one due, later ones upcoming.
 */
export function visitSlots(
  terms: ReadonlyArray<Pick<Term, 'startsOn' | 'endsOn'>>,
  visits: ReadonlyArray<string>,
  year: number,
  visitsPerYear: number,
  today: string,
): VisitSlot[] {
  const step = 12 / visitsPerYear;
  const slots: VisitSlot[] = [];
  for (let i = 0; i < visitsPerYear; i++) {
    const from = `${year}-${String(i * step + 1).padStart(2, '0')}-01`;
    const to = monthEnd(`${year}-${String((i + 1) * step).padStart(2, '0')}`);
    if (!terms.some((t) => t.startsOn <= to && (t.endsOn === null || t.endsOn >= from))) continue;
    const n = visits.filter((v) => v >= from && v <= to).length;
    const state = n > 0 ? 'done' : to < today ? 'overdue' : from <= today ? 'due' : 'upcoming';
    slots.push({ from, to, visits: n, state });
  }
  return slots;
}

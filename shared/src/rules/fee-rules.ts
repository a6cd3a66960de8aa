/*
 * Party fee rules F1–F7 (中组发〔2008〕3号 党费收缴、使用和管理的规定; 组电明字〔2017〕5号) as pure functions.
 * The server stores and enforces them, the mini-program shows them.
 *
 * Money is integer fen (分) everywhere. Every multiplication and division of money here goes
 * through `mulDivRoundHalfUp`, which works on BigInt: no floating-point value is ever on the path
 * (a unit test stubs Math and toFixed and scans this file to keep it that way). Rounding is
 * explicit: half up to the fen (0.5 分 and above rounds up; fees are never negative, so "half up"
 * and "half away from zero" agree).
 */

import type { FeeBillStatus, FeeCategory } from '../fees.js';
import { assertUnreachable } from '../assert-unreachable.js';

// ---------------------------------------------------------------------------------------------
// Integer money

/** The largest amount the rules accept anywhere (100,000,000 yuan): far below 2^53 fen. */
export const MAX_FEN = 10_000_000_000;

const isFen = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= MAX_FEN;

/**
 * round_half_up(a × b / d) in BigInt. BigInt(x) throws a RangeError for a non-integer, so a
 * fractional amount can never slip in.
 */
export function mulDivRoundHalfUp(a: number, b: number, d: number): number {
  const num = BigInt(a) * BigInt(b);
  const den = BigInt(d);
  if (den <= 0n) throw new RangeError('divisor must be positive');
  if (num < 0n) throw new RangeError('amounts are never negative');
  const q = (num * 2n + den) / (den * 2n);
  const out = Number(q);
  if (!Number.isSafeInteger(out)) throw new RangeError('amount out of range');
  return out;
}

/** Percent in basis points (1 bp = 0.01 %) of an amount in fen, rounded half up to the fen. */
export const percentOfFen = (fen: number, rateBp: number): number => mulDivRoundHalfUp(fen, rateBp, 10_000);

/** The one way to show money: yuan with two decimals, e.g. 1500 → "15.00", -5 → "-0.05". */
export function formatYuan(fen: number): string {
  const big = BigInt(fen);
  const neg = big < 0n;
  const digits = (neg ? -big : big).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** "15.00 元" — formatYuan with the unit, for sentences. */
export const formatYuanWithUnit = (fen: number): string => `${formatYuan(fen)} 元`;

/**
 * Yuan as people type it ("3000", "3000.5", "3,000.01", "¥15") → fen, by string arithmetic only.
 * null when it is not an amount with at most two decimals.
 */
export function parseYuan(text: string | number): number | null {
  const s = String(text)
    .trim()
    .replace(/^[¥￥]/, '')
    .replace(/,/g, '')
    .replace(/元$/, '')
    .trim();
  const m = /^(\d{1,12})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  const fen = BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  const out = Number(fen);
  return out <= MAX_FEN ? out : null;
}

/** A share of a whole in basis points (9876 = 98.76 %), rounded half up; null when the whole is 0. */
export const rateBp = (part: number, whole: number): number | null => (whole === 0 ? null : mulDivRoundHalfUp(part, 10_000, whole));

/** 9876 → "98.76%"; null → "—". */
export function formatRate(bp: number | null): string {
  if (bp === null) return '—';
  const digits = String(bp).padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}%`;
}

// ---------------------------------------------------------------------------------------------
// Months ('YYYY-MM', China calendar)

/** 'YYYY-MM' → a running month number (year × 12 + month − 1), for differences and order. */
export function monthIndex(month: string): number {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const mm = Number.parseInt(m[2]!, 10);
  if (mm < 1 || mm > 12) throw new RangeError(`not a month: ${month}`);
  return Number.parseInt(m[1]!, 10) * 12 + mm - 1;
}
export function monthFromIndex(i: number): string {
  const mm = i % 12;
  const yy = (i - mm) / 12;
  return `${String(yy).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}`;
}
export const addMonths = (month: string, n: number): string => monthFromIndex(monthIndex(month) + n);
/** Months from `from` to `to` (positive when `to` is later). */
export const monthsBetween = (from: string, to: string): number => monthIndex(to) - monthIndex(from);
export const monthOfDate = (date: string): string => date.slice(0, 7);
export const yearOfMonth = (month: string): number => Number.parseInt(month.slice(0, 4), 10);
/** The current month in China. */
export function chinaMonth(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(now).slice(0, 7);
}
/** "2025年03月" as the transfer letter writes it (T3, T4). */
export const formatMonthCn = (month: string): string => `${month.slice(0, 4)}年${month.slice(5, 7)}月`;

// ---------------------------------------------------------------------------------------------
// The rule set (versioned parameters)

export type FeeRateBracket = {
  /** Inclusive upper bound of the base in fen; null = no upper bound. */
  upToFen: number | null;
  rateBp: number;
};

/**
 * The fee rule set. Every value DOMAIN.md marks configurable is a parameter here; the defaults are
 * the regulation's. Changing a value means a new `version`.
 */
export type FeePolicy = {
  version: string;
  /** F1: one rate on the whole monthly base (not progressive). */
  salariedBrackets: FeeRateBracket[];
  /** F3: retirees, on the basic pension. */
  retireeBrackets: FeeRateBracket[];
  /** F3: students, unemployed, members living on relief: a flat amount per month. */
  flatMonthlyFen: number;
  /** 中组发〔2008〕3号 一(三): farmers pay 0.20 to 1.00 yuan per month, set per member by the branch. */
  farmerMinFen: number;
  farmerMaxFen: number;
  /** F4: monthly cap unless the member chooses to pay more. */
  monthlyCapFen: number;
  /** F4: the base is fixed for the year at its start, or a salary change recomputes from that month. */
  baseRule: 'fixed_for_year' | 'recompute_on_change';
  /**
   * F4 "probationary members pay from admission": 中组发〔2008〕3号 一 — 预备党员从支部大会通过其为
   * 预备党员之日起交纳党费. The admission day lies in the admission month, so that month is the first
   * billable one (default). 'month_after_admission' is the other reading some committees use.
   */
  probationaryFrom: 'admission_month' | 'month_after_admission';
  /** F5: back-payment covers at most this many months before the current one. */
  backPaymentMaxMonths: number;
  /** F5: a single voluntary payment of at least this much is 大额党费, forwarded upward. */
  largePaymentFen: number;
  /** F6: this many consecutive unpaid (ended) months raise a review case. */
  unpaidMonthsForReview: number;
};

export const DEFAULT_FEE_POLICY: FeePolicy = {
  version: '中组发〔2008〕3号/组电明字〔2017〕5号',
  salariedBrackets: [
    { upToFen: 300_000, rateBp: 50 },
    { upToFen: 500_000, rateBp: 100 },
    { upToFen: 1_000_000, rateBp: 150 },
    { upToFen: null, rateBp: 200 },
  ],
  retireeBrackets: [
    { upToFen: 500_000, rateBp: 50 },
    { upToFen: null, rateBp: 100 },
  ],
  flatMonthlyFen: 20,
  farmerMinFen: 20,
  farmerMaxFen: 100,
  monthlyCapFen: 100_000,
  baseRule: 'fixed_for_year',
  probationaryFrom: 'admission_month',
  backPaymentMaxMonths: 6,
  largePaymentFen: 100_000,
  unpaidMonthsForReview: 6,
};

/** Rule ids an explanation cites (DOMAIN F1–F4; the farmer rule is the regulation's 一(三)). */
export const FeeRule = {
  SALARIED: 'F1',
  RETIREE: 'F3-retiree',
  FLAT: 'F3-flat',
  FARMER: 'F3-farmer',
} as const;
export type FeeRule = (typeof FeeRule)[keyof typeof FeeRule];

export const FEE_RULE_LABEL: Record<FeeRule, string> = {
  F1: '在职党员按月工资收入（税后、扣除社保公积金等）分档比例交纳',
  'F3-retiree': '离退休党员按基本离退休费分档比例交纳',
  'F3-flat': '学生、下岗失业、依靠抚恤或救济生活的党员每月交纳 0.20 元',
  'F3-farmer': '农民党员每月交纳 0.20 元至 1.00 元',
};

export const rateFor = (brackets: readonly FeeRateBracket[], baseFen: number): number => {
  for (const b of brackets) if (b.upToFen === null || baseFen <= b.upToFen) return b.rateBp;
  throw new RangeError('the brackets must end with an open one');
};

// ---------------------------------------------------------------------------------------------
// The monthly fee (F1–F4)

export type FeeInput = {
  category: FeeCategory;
  /** Monthly base in fen: after-tax salary (F1, F2) or basic pension (F3). Only those two use it. */
  baseFen?: number | null;
  /** Farmers: the amount the branch set, within the policy's range. */
  farmerAmountFen?: number | null;
  /** F4: a monthly amount the member chose to pay, above the computed fee. */
  voluntaryMonthlyFen?: number | null;
};

export type FeeIssueCode = 'BASE_REQUIRED' | 'BASE_INVALID' | 'FARMER_AMOUNT_INVALID' | 'VOLUNTARY_NOT_ABOVE' | 'VOLUNTARY_INVALID';
export type FeeIssue = { field: 'baseFen' | 'farmerAmountFen' | 'voluntaryMonthlyFen'; code: FeeIssueCode; message: string };

export type FeeComputation = {
  rule: FeeRule;
  category: FeeCategory;
  baseFen: number | null;
  /** The rate applied (F1, F3), in basis points. */
  rateBp: number | null;
  /** Before the cap: base × rate, or the flat / farmer amount. */
  computedFen: number;
  capFen: number;
  /** F4: true when the cap lowered the computed fee. */
  capped: boolean;
  voluntaryMonthlyFen: number | null;
  /** What the member pays per month. */
  monthlyFeeFen: number;
  /** How it was computed, in Chinese, for the member. */
  explanation: string;
};

export class FeeRuleError extends Error {
  constructor(readonly issues: FeeIssue[]) {
    super(issues.map((i) => i.message).join('；'));
  }
}

const usesBase = (c: FeeCategory) => c === 'salaried' || c === 'retiree';

/** What is wrong with a fee input (empty when it can be computed). */
export function feeInputIssues(input: FeeInput, policy: FeePolicy = DEFAULT_FEE_POLICY): FeeIssue[] {
  const issues: FeeIssue[] = [];
  if (usesBase(input.category)) {
    if (input.baseFen === null || input.baseFen === undefined) {
      issues.push({
        field: 'baseFen',
        code: 'BASE_REQUIRED',
        message: input.category === 'salaried' ? '在职党员须填写月工资基数' : '离退休党员须填写基本离退休费',
      });
    } else if (!isFen(input.baseFen)) {
      issues.push({ field: 'baseFen', code: 'BASE_INVALID', message: '计费基数须为不小于 0 的金额（以分计的整数）' });
    }
  }
  if (input.category === 'farmer' && input.farmerAmountFen !== null && input.farmerAmountFen !== undefined) {
    if (!isFen(input.farmerAmountFen) || input.farmerAmountFen < policy.farmerMinFen || input.farmerAmountFen > policy.farmerMaxFen) {
      issues.push({
        field: 'farmerAmountFen',
        code: 'FARMER_AMOUNT_INVALID',
        message: `农民党员每月交纳 ${formatYuan(policy.farmerMinFen)} 元至 ${formatYuan(policy.farmerMaxFen)} 元`,
      });
    }
  }
  const v = input.voluntaryMonthlyFen;
  if (v !== null && v !== undefined) {
    if (!isFen(v)) issues.push({ field: 'voluntaryMonthlyFen', code: 'VOLUNTARY_INVALID', message: '自愿交纳金额须为正的金额（以分计的整数）' });
    else if (issues.length === 0) {
      const computed = computeUnchecked(input, policy);
      if (v <= computed.cappedFen) {
        issues.push({
          field: 'voluntaryMonthlyFen',
          code: 'VOLUNTARY_NOT_ABOVE',
          message: `自愿交纳金额须高于按规定计算的 ${formatYuan(computed.cappedFen)} 元`,
        });
      }
    }
  }
  return issues;
}

function computeUnchecked(input: FeeInput, policy: FeePolicy) {
  let rule: FeeRule;
  let rate: number | null = null;
  let computedFen: number;
  const baseFen = usesBase(input.category) ? (input.baseFen ?? 0) : null;
  switch (input.category) {
    case 'salaried':
      rule = FeeRule.SALARIED;
      rate = rateFor(policy.salariedBrackets, baseFen!);
      computedFen = percentOfFen(baseFen!, rate);
      break;
    case 'retiree':
      rule = FeeRule.RETIREE;
      rate = rateFor(policy.retireeBrackets, baseFen!);
      computedFen = percentOfFen(baseFen!, rate);
      break;
    case 'farmer':
      rule = FeeRule.FARMER;
      computedFen = input.farmerAmountFen ?? policy.farmerMinFen;
      break;
    case 'student':
    case 'unemployed':
    case 'relief':
      rule = FeeRule.FLAT;
      computedFen = policy.flatMonthlyFen;
      break;
    default:
      return assertUnreachable(input.category, 'fee category');
  }
  const capped = computedFen > policy.monthlyCapFen;
  return { rule, rate, baseFen, computedFen, capped, cappedFen: capped ? policy.monthlyCapFen : computedFen };
}

/**
 * The monthly fee of a member (F1, F3, F4): one rate on the whole base, capped at
 * `monthlyCapFen`; a voluntary monthly amount above that replaces it. Throws FeeRuleError on
 * invalid input (see `feeInputIssues`).
 */
export function computeMonthlyFee(input: FeeInput, policy: FeePolicy = DEFAULT_FEE_POLICY): FeeComputation {
  const issues = feeInputIssues(input, policy);
  if (issues.length) throw new FeeRuleError(issues);
  const c = computeUnchecked(input, policy);
  const voluntary = input.voluntaryMonthlyFen ?? null;
  const monthlyFeeFen = voluntary ?? c.cappedFen;
  return {
    rule: c.rule,
    category: input.category,
    baseFen: c.baseFen,
    rateBp: c.rate,
    computedFen: c.computedFen,
    capFen: policy.monthlyCapFen,
    capped: c.capped,
    voluntaryMonthlyFen: voluntary,
    monthlyFeeFen,
    explanation: explain(input.category, c, voluntary, policy),
  };
}

function explain(category: FeeCategory, c: ReturnType<typeof computeUnchecked>, voluntary: number | null, policy: FeePolicy): string {
  const parts: string[] = [];
  if (c.rate !== null) {
    const what = category === 'salaried' ? '月工资基数' : '基本离退休费';
    parts.push(`${what} ${formatYuan(c.baseFen!)} 元 × ${formatRate(c.rate)} = ${formatYuan(c.computedFen)} 元（${FEE_RULE_LABEL[c.rule]}）`);
  } else {
    parts.push(`每月 ${formatYuan(c.computedFen)} 元（${FEE_RULE_LABEL[c.rule]}）`);
  }
  if (c.capped) parts.push(`超过每月 ${formatYuan(policy.monthlyCapFen)} 元的，按 ${formatYuan(policy.monthlyCapFen)} 元交纳`);
  if (voluntary !== null) parts.push(`本人自愿每月交纳 ${formatYuan(voluntary)} 元`);
  return parts.join('；');
}

/** F2: the salaried base — pay minus income tax, social insurance, housing fund, annuity, listed subsidies and irregular bonuses. */
export type PayParts = {
  grossFen: number;
  incomeTaxFen?: number;
  socialInsuranceFen?: number;
  housingFundFen?: number;
  annuityFen?: number;
  excludedSubsidiesFen?: number;
  irregularBonusFen?: number;
};
export function baseFromPay(p: PayParts): number {
  const parts = [
    p.grossFen,
    p.incomeTaxFen ?? 0,
    p.socialInsuranceFen ?? 0,
    p.housingFundFen ?? 0,
    p.annuityFen ?? 0,
    p.excludedSubsidiesFen ?? 0,
    p.irregularBonusFen ?? 0,
  ];
  if (!parts.every(isFen)) throw new RangeError('pay parts must be amounts in fen');
  const [gross, ...deductions] = parts.map((v) => BigInt(v));
  const base = deductions.reduce((acc, d) => acc - d, gross!);
  return base > 0n ? Number(base) : 0;
}

// ---------------------------------------------------------------------------------------------
// Years, months and bills (F4–F6)

/**
 * F4: the month a newly recorded standard applies from. With the base fixed for the year it is the
 * year's January (a later record corrects the year's standard); with recompute-on-change it is the
 * month the change takes effect, inside that year.
 */
export function standardEffectiveMonth(year: number, changeMonth: string | null, policy: FeePolicy = DEFAULT_FEE_POLICY): string {
  const january = `${String(year).padStart(4, '0')}-01`;
  if (policy.baseRule === 'fixed_for_year' || !changeMonth) return january;
  if (yearOfMonth(changeMonth) !== year) throw new RangeError('the change month must lie in the year');
  return changeMonth;
}

/** F4: the first month a member is billed, from the admission (join) date. */
export function firstBillableMonth(joinDate: string, policy: FeePolicy = DEFAULT_FEE_POLICY): string {
  const m = monthOfDate(joinDate);
  return policy.probationaryFrom === 'admission_month' ? m : addMonths(m, 1);
}

/** The policy's probationary reading as a month offset from the admission month (0 or 1), for SQL. */
export const firstBillableOffset = (policy: FeePolicy = DEFAULT_FEE_POLICY): number => (policy.probationaryFrom === 'admission_month' ? 0 : 1);

/** F5: the oldest month that may still be paid in `currentMonth`. */
export const oldestPayableMonth = (currentMonth: string, policy: FeePolicy = DEFAULT_FEE_POLICY): string =>
  addMonths(currentMonth, -policy.backPaymentMaxMonths);

export type PayabilityCode = 'ok' | 'too_old' | 'future';
/** F5: whether a bill's month may be paid now (back-payment of at most N months; never ahead of time). */
export function monthPayability(billMonth: string, currentMonth: string, policy: FeePolicy = DEFAULT_FEE_POLICY): PayabilityCode {
  const back = monthsBetween(billMonth, currentMonth);
  if (back < 0) return 'future';
  return back > policy.backPaymentMaxMonths ? 'too_old' : 'ok';
}

/** paid, reduced (settled at the approved lower amount) and exempt count as settled (F7). */
export const isSettled = (status: FeeBillStatus): boolean => status !== 'unpaid';

export type MonthStatus = { month: string; status: FeeBillStatus };

/**
 * "党费已交到 YYYY年MM月" (T3): the latest month such that it and every earlier billed month are
 * settled. Billed months must follow each other: a month missing between two bills was never
 * billed, so nothing after it can be vouched for. null when the first bill is unsettled (or none).
 */
export function feesPaidUntil(bills: readonly MonthStatus[]): string | null {
  const sorted = [...bills].sort((a, b) => monthIndex(a.month) - monthIndex(b.month));
  let until: string | null = null;
  for (const b of sorted) {
    if (until !== null && monthIndex(b.month) !== monthIndex(until) + 1) break;
    if (!isSettled(b.status)) break;
    until = b.month;
  }
  return until;
}

export type UnpaidRun = { length: number; from: string | null; to: string | null };

/**
 * F6: the longest run of consecutive unpaid months that have ended (before `asOfMonth`). A month
 * without a bill breaks a run (it was not billed); the current month is still open and never counts.
 */
export function longestUnpaidRun(bills: readonly MonthStatus[], asOfMonth: string): UnpaidRun {
  const end = monthIndex(asOfMonth);
  const unpaid = [...new Set(bills.filter((b) => b.status === 'unpaid').map((b) => monthIndex(b.month)))].filter((i) => i < end).sort((a, b) => a - b);
  let best: UnpaidRun = { length: 0, from: null, to: null };
  let start = 0;
  for (let i = 0; i < unpaid.length; i++) {
    if (i > 0 && unpaid[i] !== unpaid[i - 1]! + 1) start = i;
    const length = i - start + 1;
    if (length > best.length) best = { length, from: monthFromIndex(unpaid[start]!), to: monthFromIndex(unpaid[i]!) };
  }
  return best;
}

/** F6: a review case is due (never any automatic action beyond opening it). */
export const needsFeeReview = (run: UnpaidRun, policy: FeePolicy = DEFAULT_FEE_POLICY): boolean => run.length >= policy.unpaidMonthsForReview;

/**
 * F5: the voluntary part of a payment — a voluntary payment is voluntary as a whole; for bills, the
 * part above the fee the rules compute (a member who chose to pay more per month).
 */
export function voluntaryPartFen(p: {
  kind: 'bills' | 'voluntary';
  amountFen: number;
  bills?: ReadonlyArray<{ amountDueFen: number; standardFen: number }>;
}): number {
  if (p.kind === 'voluntary') return p.amountFen;
  let total = 0n;
  for (const b of p.bills ?? []) if (b.amountDueFen > b.standardFen) total += BigInt(b.amountDueFen) - BigInt(b.standardFen);
  return Number(total);
}

/** F5: 大额党费 — a single voluntary payment of at least the threshold (1000 yuan), forwarded upward. */
export const isLargePayment = (voluntaryFen: number, policy: FeePolicy = DEFAULT_FEE_POLICY): boolean => voluntaryFen >= policy.largePaymentFen;

/** Sum of amounts in fen, exact (BigInt), checked to stay a safe integer. */
export function sumFen(values: readonly number[]): number {
  let total = 0n;
  for (const v of values) total += BigInt(v);
  const out = Number(total);
  if (!Number.isSafeInteger(out)) throw new RangeError('amount out of range');
  return out;
}

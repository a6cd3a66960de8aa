import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { jest } from '@jest/globals';
import type { FeeCategory } from '../fees.js';
import {
  addMonths,
  baseFromPay,
  chinaMonth,
  computeMonthlyFee,
  DEFAULT_FEE_POLICY,
  feeInputIssues,
  FeeRuleError,
  feesPaidUntil,
  firstBillableMonth,
  formatMonthCn,
  formatRate,
  formatYuan,
  isLargePayment,
  longestUnpaidRun,
  MAX_FEN,
  monthIndex,
  monthPayability,
  monthsBetween,
  mulDivRoundHalfUp,
  needsFeeReview,
  oldestPayableMonth,
  parseYuan,
  rateBp,
  standardEffectiveMonth,
  sumFen,
  voluntaryPartFen,
  type FeePolicy,
  type MonthStatus,
} from './fee-rules.js';

const yuan = (s: string) => parseYuan(s)!;
const fee = (category: FeeCategory, baseYuan?: string, extra: { farmerAmountFen?: number; voluntaryMonthlyFen?: number } = {}) =>
  computeMonthlyFee({ category, baseFen: baseYuan === undefined ? null : yuan(baseYuan), ...extra });

/** The reference: BigInt all the way, half up. */
const refPercent = (baseFen: number, bp: number) => Number((BigInt(baseFen) * BigInt(bp) * 2n + 10_000n) / 20_000n);

describe('money in fen', () => {
  it('formats yuan with two decimals through one function', () => {
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(20)).toBe('0.20');
    expect(formatYuan(1500)).toBe('15.00');
    expect(formatYuan(300001)).toBe('3000.01');
    expect(formatYuan(-5)).toBe('-0.05');
    expect(formatYuan(MAX_FEN)).toBe('100000000.00');
  });

  it('parses yuan by string arithmetic and refuses more than two decimals', () => {
    expect(parseYuan('3000')).toBe(300000);
    expect(parseYuan('3000.01')).toBe(300001);
    expect(parseYuan('3000.1')).toBe(300010);
    expect(parseYuan('3,000.01')).toBe(300001);
    expect(parseYuan('¥15')).toBe(1500);
    expect(parseYuan('15元')).toBe(1500);
    expect(parseYuan('0.005')).toBeNull();
    expect(parseYuan('-1')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
    expect(parseYuan('')).toBeNull();
    // 0.1 + 0.2 is not 0.3 in floating point; here it is exact.
    expect(sumFen([parseYuan('0.1')!, parseYuan('0.2')!])).toBe(parseYuan('0.3'));
  });

  it('round-trips every amount through formatYuan and parseYuan (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_FEN }), (fen) => parseYuan(formatYuan(fen)) === fen));
  });

  it('rounds half up to the fen, in BigInt, and refuses fractions', () => {
    expect(mulDivRoundHalfUp(1, 1, 2)).toBe(1); // 0.5 → 1
    expect(mulDivRoundHalfUp(1, 1, 3)).toBe(0); // 0.33 → 0
    expect(mulDivRoundHalfUp(2, 1, 3)).toBe(1); // 0.67 → 1
    expect(mulDivRoundHalfUp(3, 1, 2)).toBe(2); // 1.5 → 2
    expect(() => mulDivRoundHalfUp(1.5, 1, 1)).toThrow(RangeError);
    expect(() => mulDivRoundHalfUp(-1, 1, 1)).toThrow(RangeError);
    expect(() => mulDivRoundHalfUp(1, 1, 0)).toThrow(RangeError);
  });

  it('gives collection rates in basis points', () => {
    expect(rateBp(1, 3)).toBe(3333);
    expect(rateBp(2, 3)).toBe(6667);
    expect(rateBp(5, 5)).toBe(10000);
    expect(rateBp(0, 0)).toBeNull();
    expect(formatRate(9876)).toBe('98.76%');
    expect(formatRate(5)).toBe('0.05%');
    expect(formatRate(null)).toBe('—');
  });
});

describe('F1 salaried: one rate on the whole base', () => {
  it.each([
    ['3000', '15.00', 50],
    ['3000.01', '30.00', 100],
    ['5000', '50.00', 100],
    ['5000.01', '75.00', 150],
    ['10000', '150.00', 150],
    ['10000.01', '200.00', 200],
    ['0', '0.00', 50],
    ['0.99', '0.00', 50], // 0.495 fen → 0
    ['1', '0.01', 50], // 0.5 fen → 1 (half up)
    ['2999.99', '15.00', 50],
    ['4999.99', '50.00', 100],
    ['9999.99', '150.00', 150],
    ['20000', '400.00', 200],
  ])('F1: base %s yuan → %s yuan', (base, expected, bp) => {
    const r = fee('salaried', base);
    expect(formatYuan(r.monthlyFeeFen)).toBe(expected);
    expect(r.rateBp).toBe(bp);
    expect(r.rule).toBe('F1');
  });

  it('F1 is not progressive: the rate of the bracket applies to the whole base', () => {
    // A progressive scheme would give 3000×0.5% + 0.01×1% = 15.0001 → 15.00.
    expect(fee('salaried', '3000.01').monthlyFeeFen).toBe(3000);
  });

  it('explains the computation in Chinese', () => {
    expect(fee('salaried', '3000').explanation).toBe('月工资基数 3000.00 元 × 0.50% = 15.00 元（在职党员按月工资收入（税后、扣除社保公积金等）分档比例交纳）');
  });
});

describe('F2 the salaried base', () => {
  it('F2: leaves out income tax, social insurance, housing fund, annuity, listed subsidies and irregular bonuses', () => {
    expect(
      baseFromPay({
        grossFen: yuan('12000'),
        incomeTaxFen: yuan('290'),
        socialInsuranceFen: yuan('1260'),
        housingFundFen: yuan('1440'),
        annuityFen: 0,
        excludedSubsidiesFen: yuan('500'),
        irregularBonusFen: yuan('10'),
      }),
    ).toBe(yuan('8500'));
    expect(baseFromPay({ grossFen: 100, incomeTaxFen: 500 })).toBe(0);
    expect(() => baseFromPay({ grossFen: 1.5 })).toThrow(RangeError);
  });
});

describe('F3 retirees, flat amounts, farmers', () => {
  it.each([
    ['5000', '25.00', 50],
    ['5000.01', '50.00', 100],
    ['4000', '20.00', 50],
    ['8000', '80.00', 100],
  ])('F3: pension %s yuan → %s yuan', (base, expected, bp) => {
    const r = fee('retiree', base);
    expect(formatYuan(r.monthlyFeeFen)).toBe(expected);
    expect(r.rateBp).toBe(bp);
    expect(r.rule).toBe('F3-retiree');
  });

  it.each(['student', 'unemployed', 'relief'] as const)('F3: %s pays 0.20 yuan a month whatever the base', (category) => {
    const r = computeMonthlyFee({ category, baseFen: yuan('99999') });
    expect(r.monthlyFeeFen).toBe(20);
    expect(r.baseFen).toBeNull();
    expect(r.rule).toBe('F3-flat');
  });

  it('F3-farmer: 0.20 by default, 0.20–1.00 as the branch sets it', () => {
    expect(fee('farmer').monthlyFeeFen).toBe(20);
    expect(fee('farmer', undefined, { farmerAmountFen: 100 }).monthlyFeeFen).toBe(100);
    expect(fee('farmer', undefined, { farmerAmountFen: 50 }).monthlyFeeFen).toBe(50);
    expect(feeInputIssues({ category: 'farmer', farmerAmountFen: 19 }).map((i) => i.code)).toEqual(['FARMER_AMOUNT_INVALID']);
    expect(feeInputIssues({ category: 'farmer', farmerAmountFen: 101 }).map((i) => i.code)).toEqual(['FARMER_AMOUNT_INVALID']);
  });

  it('requires a base for salaried and retired members', () => {
    expect(() => computeMonthlyFee({ category: 'salaried' })).toThrow(FeeRuleError);
    expect(feeInputIssues({ category: 'retiree', baseFen: null }).map((i) => i.code)).toEqual(['BASE_REQUIRED']);
    expect(feeInputIssues({ category: 'salaried', baseFen: -1 }).map((i) => i.code)).toEqual(['BASE_INVALID']);
    expect(feeInputIssues({ category: 'salaried', baseFen: 100.5 }).map((i) => i.code)).toEqual(['BASE_INVALID']);
  });
});

describe('F4 cap, voluntary amounts, the year, admission', () => {
  it('F4: caps the monthly fee at 1000 yuan', () => {
    expect(fee('salaried', '50000').monthlyFeeFen).toBe(100_000); // exactly 1000.00
    expect(fee('salaried', '50000').capped).toBe(false);
    const over = fee('salaried', '50000.01');
    expect(over.computedFen).toBe(100_000); // 1000.0002 → 1000.00
    const far = fee('salaried', '80000');
    expect(far.computedFen).toBe(160_000);
    expect(far.monthlyFeeFen).toBe(100_000);
    expect(far.capped).toBe(true);
    expect(far.explanation).toContain('按 1000.00 元交纳');
  });

  it('F4: a member may choose to pay more than the computed fee, even above the cap', () => {
    const r = fee('salaried', '80000', { voluntaryMonthlyFen: yuan('1600') });
    expect(r.monthlyFeeFen).toBe(160_000);
    expect(r.explanation).toContain('本人自愿每月交纳 1600.00 元');
    expect(fee('student', undefined, { voluntaryMonthlyFen: 1000 }).monthlyFeeFen).toBe(1000);
  });

  it('F4: a "voluntary" amount not above the computed fee is refused', () => {
    expect(feeInputIssues({ category: 'salaried', baseFen: yuan('3000'), voluntaryMonthlyFen: 1500 }).map((i) => i.code)).toEqual(['VOLUNTARY_NOT_ABOVE']);
    expect(feeInputIssues({ category: 'salaried', baseFen: yuan('3000'), voluntaryMonthlyFen: 1501 })).toEqual([]);
  });

  it('F4: the base is fixed for the year at its start (default), or recomputed from the change month', () => {
    expect(standardEffectiveMonth(2025, '2025-07')).toBe('2025-01');
    expect(standardEffectiveMonth(2025, null)).toBe('2025-01');
    const recompute: FeePolicy = { ...DEFAULT_FEE_POLICY, baseRule: 'recompute_on_change' };
    expect(standardEffectiveMonth(2025, '2025-07', recompute)).toBe('2025-07');
    expect(standardEffectiveMonth(2025, null, recompute)).toBe('2025-01');
    expect(() => standardEffectiveMonth(2025, '2026-01', recompute)).toThrow(RangeError);
  });

  it('F4: probationary members pay from the month of admission (预备党员从支部大会通过之日起交纳)', () => {
    expect(firstBillableMonth('2025-03-31')).toBe('2025-03');
    expect(firstBillableMonth('2025-03-01')).toBe('2025-03');
    expect(firstBillableMonth('2025-12-15', { ...DEFAULT_FEE_POLICY, probationaryFrom: 'month_after_admission' })).toBe('2026-01');
  });
});

describe('F5 back-payment and 大额党费', () => {
  it('F5: back-payment covers at most 6 months; nothing is paid ahead', () => {
    expect(monthPayability('2025-07', '2025-07')).toBe('ok');
    expect(monthPayability('2025-01', '2025-07')).toBe('ok'); // 6 months back
    expect(monthPayability('2024-12', '2025-07')).toBe('too_old'); // 7 months back
    expect(monthPayability('2025-08', '2025-07')).toBe('future');
    expect(oldestPayableMonth('2025-03')).toBe('2024-09');
  });

  it('F5: a single voluntary payment of 1000 yuan or more is 大额党费', () => {
    expect(isLargePayment(99_999)).toBe(false);
    expect(isLargePayment(100_000)).toBe(true);
    expect(voluntaryPartFen({ kind: 'voluntary', amountFen: 100_000 })).toBe(100_000);
    // Regular bills are never voluntary, however large; the above-standard part of chosen amounts is.
    expect(voluntaryPartFen({ kind: 'bills', amountFen: 600_000, bills: Array(6).fill({ amountDueFen: 100_000, standardFen: 100_000 }) })).toBe(0);
    expect(
      voluntaryPartFen({
        kind: 'bills',
        amountFen: 320_000,
        bills: [
          { amountDueFen: 160_000, standardFen: 100_000 },
          { amountDueFen: 160_000, standardFen: 100_000 },
        ],
      }),
    ).toBe(120_000);
  });
});

describe('F6 consecutive unpaid months, T3 paid until', () => {
  const bills = (spec: string): MonthStatus[] =>
    // 'PPU-UE' from 2025-01: P paid, U unpaid, R reduced, E exempt, '-' no bill.
    [...spec].flatMap((c, i) =>
      c === '-' ? [] : [{ month: addMonths('2025-01', i), status: ({ P: 'paid', U: 'unpaid', R: 'reduced', E: 'exempt' } as const)[c as 'P'] }],
    );

  it('F6: counts only ended months, and a missing month breaks the run', () => {
    expect(longestUnpaidRun(bills('UUUUUU'), '2025-07')).toEqual({ length: 6, from: '2025-01', to: '2025-06' });
    expect(longestUnpaidRun(bills('UUUUUU'), '2025-06').length).toBe(5); // June has not ended
    expect(longestUnpaidRun(bills('UUU-UUU'), '2025-12').length).toBe(3);
    expect(longestUnpaidRun(bills('UUPUUUUUU'), '2025-12')).toEqual({ length: 6, from: '2025-04', to: '2025-09' });
    expect(needsFeeReview(longestUnpaidRun(bills('UUUUUP'), '2025-12'))).toBe(false);
    expect(needsFeeReview(longestUnpaidRun(bills('UUUUUU'), '2025-12'))).toBe(true);
    expect(longestUnpaidRun([], '2025-12')).toEqual({ length: 0, from: null, to: null });
  });

  it('T3: paid until the latest month with everything before it settled', () => {
    expect(feesPaidUntil(bills('PPRPE'))).toBe('2025-05');
    expect(feesPaidUntil(bills('PPUPP'))).toBe('2025-02');
    expect(feesPaidUntil(bills('UPP'))).toBeNull();
    expect(feesPaidUntil([])).toBeNull();
    expect(feesPaidUntil(bills('PP-PP'))).toBe('2025-02');
    expect(feesPaidUntil([...bills('PPP')].reverse())).toBe('2025-03');
    expect(formatMonthCn('2025-03')).toBe('2025年03月');
  });

  it('counts months in China time', () => {
    expect(chinaMonth(new Date('2024-12-31T16:30:00Z'))).toBe('2025-01');
    expect(monthsBetween('2024-11', '2025-02')).toBe(3);
    expect(monthIndex('2025-01') - monthIndex('2024-12')).toBe(1);
    expect(() => monthIndex('2025-13')).toThrow(RangeError);
  });
});

describe('properties', () => {
  const category = fc.constantFrom<FeeCategory>('salaried', 'retiree', 'student', 'unemployed', 'relief', 'farmer');
  const base = fc.integer({ min: 0, max: MAX_FEN });
  const input = fc.record({ category, baseFen: base, farmerAmountFen: fc.integer({ min: 20, max: 100 }) });

  it('the fee is never negative, always whole fen, and never above the cap unless voluntary', () => {
    fc.assert(
      fc.property(input, (i) => {
        const r = computeMonthlyFee(i);
        return (
          r.monthlyFeeFen >= 0 &&
          Number.isSafeInteger(r.monthlyFeeFen) &&
          Number.isSafeInteger(r.computedFen) &&
          r.monthlyFeeFen <= DEFAULT_FEE_POLICY.monthlyCapFen
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('only a voluntary choice goes above the cap, and it is then exactly that choice', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 1, max: MAX_FEN }), (i, v) => {
        const issues = feeInputIssues({ ...i, voluntaryMonthlyFen: v });
        if (issues.length) return issues.every((x) => x.code === 'VOLUNTARY_NOT_ABOVE');
        const r = computeMonthlyFee({ ...i, voluntaryMonthlyFen: v });
        return r.monthlyFeeFen === v && v > computeMonthlyFee(i).monthlyFeeFen;
      }),
      { numRuns: 3000 },
    );
  });

  it('salaried and retiree fees equal the exact integer reference (BigInt, half up), and grow with the base', () => {
    fc.assert(
      fc.property(base, base, (a, b) => {
        const ra = computeMonthlyFee({ category: 'salaried', baseFen: a });
        const expected = Math.min(refPercent(a, ra.rateBp!), DEFAULT_FEE_POLICY.monthlyCapFen);
        const rb = computeMonthlyFee({ category: 'salaried', baseFen: b });
        const monotone = a <= b ? ra.monthlyFeeFen <= rb.monthlyFeeFen : ra.monthlyFeeFen >= rb.monthlyFeeFen;
        const rr = computeMonthlyFee({ category: 'retiree', baseFen: a });
        return ra.monthlyFeeFen === expected && monotone && rr.monthlyFeeFen === Math.min(refPercent(a, rr.rateBp!), DEFAULT_FEE_POLICY.monthlyCapFen);
      }),
      { numRuns: 5000 },
    );
  });

  it('refuses any non-integer amount instead of computing with it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e9, noNaN: true }).filter((d) => !Number.isInteger(d)),
        (d) => {
          expect(() => computeMonthlyFee({ category: 'salaried', baseFen: d })).toThrow(FeeRuleError);
          expect(() => mulDivRoundHalfUp(d, 50, 10_000)).toThrow(RangeError);
          return true;
        },
      ),
    );
  });

  it('paid-until never passes an unsettled month (property)', () => {
    const status = fc.constantFrom('paid', 'unpaid', 'reduced', 'exempt' as const);
    fc.assert(
      fc.property(fc.array(status, { maxLength: 36 }), (statuses) => {
        const list = statuses.map((s, i) => ({ month: addMonths('2023-01', i), status: s }));
        const until = feesPaidUntil(list);
        const firstOpen = list.find((b) => b.status === 'unpaid');
        if (!until) return list.length === 0 || list[0]!.status === 'unpaid';
        return !firstOpen || monthIndex(until) < monthIndex(firstOpen.month);
      }),
    );
  });
});

describe('no floating point on the fee path', () => {
  afterEach(() => jest.restoreAllMocks());

  it('computes every category with Math and toFixed unavailable', () => {
    const boom = () => {
      throw new Error('floating-point helper used');
    };
    for (const name of ['round', 'floor', 'ceil', 'trunc', 'fround', 'pow'] as const) jest.spyOn(Math, name).mockImplementation(boom);
    jest.spyOn(Number.prototype, 'toFixed').mockImplementation(boom);
    jest.spyOn(Number.prototype, 'toPrecision').mockImplementation(boom);
    for (const c of ['salaried', 'retiree', 'student', 'unemployed', 'relief', 'farmer'] as const) {
      const r = computeMonthlyFee({ category: c, baseFen: 1_234_567, farmerAmountFen: 60 });
      expect(Number.isSafeInteger(r.monthlyFeeFen)).toBe(true);
      expect(r.explanation.length).toBeGreaterThan(0);
    }
    expect(formatYuan(1_234_567)).toBe('12345.67');
    expect(parseYuan('12345.67')).toBe(1_234_567);
    expect(rateBp(1, 3)).toBe(3333);
  });

  it('keeps floating-point helpers out of the rules source', () => {
    const source = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fee-rules.ts'), 'utf8');
    const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    for (const banned of ['Math.', 'toFixed', 'toPrecision', 'parseFloat', 'Number(text', '* 0.', '/ 100)']) expect(code).not.toContain(banned);
  });
});

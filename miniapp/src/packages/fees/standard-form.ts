import type { FeeCategory, FeeStandard, SetFeeStandardDto } from '@dangjian/shared';
import { formatYuan, parseYuan } from '@dangjian/shared';

/** Which amount a category is computed from (F1–F3): a monthly base, the farmer's own amount, or a flat fee. */
export type AmountKind = 'base' | 'farmer' | 'flat';
export const amountKind = (c: FeeCategory): AmountKind => (c === 'salaried' || c === 'retiree' ? 'base' : c === 'farmer' ? 'farmer' : 'flat');
export const BASE_LABEL: Record<FeeCategory, string> = {
  salaried: '税后月工资(元)',
  retiree: '基本退休费(元)',
  student: '',
  unemployed: '',
  relief: '',
  farmer: '每月金额(元)',
};

/** What the person typed, as text: amounts in yuan. */
export type StandardForm = { category: FeeCategory; amount: string; voluntary: string; note: string };

export const emptyForm = (): StandardForm => ({ category: 'salaried', amount: '', voluntary: '', note: '' });

/** The form prefilled from the member's current standard (amounts back to yuan text). */
export function formFromStandard(s: FeeStandard | null | undefined): StandardForm {
  if (!s) return emptyForm();
  const kind = amountKind(s.category);
  const amountFen = kind === 'base' ? s.baseFen : kind === 'farmer' ? s.farmerAmountFen : null;
  return {
    category: s.category,
    amount: amountFen === null ? '' : formatYuan(amountFen),
    voluntary: s.voluntaryMonthlyFen === null ? '' : formatYuan(s.voluntaryMonthlyFen),
    note: s.note ?? '',
  };
}

export type PayloadResult = { ok: true; dto: SetFeeStandardDto } | { ok: false; field: 'amount' | 'voluntary'; message: string };

/** Yuan text → integer fen through shared's parseYuan (string arithmetic, never floats); the server re-checks the rules. */
export function standardPayload(form: StandardForm, year: number): PayloadResult {
  const dto: SetFeeStandardDto = { year, category: form.category };
  const kind = amountKind(form.category);
  const amount = form.amount.trim();
  if (kind === 'base') {
    const fen = parseYuan(amount);
    if (!amount) return { ok: false, field: 'amount', message: '请填写计算基数' };
    if (fen === null) return { ok: false, field: 'amount', message: '金额格式不正确，最多两位小数' };
    dto.baseFen = fen;
  } else if (kind === 'farmer' && amount) {
    const fen = parseYuan(amount);
    if (fen === null) return { ok: false, field: 'amount', message: '金额格式不正确，最多两位小数' };
    dto.farmerAmountFen = fen;
  }
  const voluntary = form.voluntary.trim();
  if (voluntary) {
    const fen = parseYuan(voluntary);
    if (fen === null || fen <= 0) return { ok: false, field: 'voluntary', message: '自愿多交金额格式不正确' };
    dto.voluntaryMonthlyFen = fen;
  } else {
    dto.voluntaryMonthlyFen = null;
  }
  const note = form.note.trim();
  if (note) dto.note = note;
  return { ok: true, dto };
}

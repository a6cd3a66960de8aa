import { computation } from '@test/fees-fixtures';
import { amountKind, emptyForm, formFromStandard, standardPayload } from './standard-form';

const form = (patch: Partial<ReturnType<typeof emptyForm>>) => ({ ...emptyForm(), ...patch });

describe('standardPayload (yuan text → integer fen)', () => {
  it('converts the base by string arithmetic, never floats', () => {
    expect(standardPayload(form({ amount: '4500' }), 2026)).toEqual({
      ok: true,
      dto: { year: 2026, category: 'salaried', baseFen: 450000, voluntaryMonthlyFen: null },
    });
    expect(standardPayload(form({ amount: '0.29' }), 2026)).toMatchObject({ dto: { baseFen: 29 } }); // 0.29 * 100 = 28.999… in floats
    expect(standardPayload(form({ amount: '1,234.5' }), 2026)).toMatchObject({ dto: { baseFen: 123450 } });
    expect(standardPayload(form({ amount: '¥3000.01 ' }), 2026)).toMatchObject({ dto: { baseFen: 300001 } });
  });

  it('refuses a missing or malformed base and a malformed voluntary amount', () => {
    expect(standardPayload(form({ amount: '' }), 2026)).toMatchObject({ ok: false, field: 'amount' });
    expect(standardPayload(form({ amount: '12.345' }), 2026)).toMatchObject({ ok: false, field: 'amount' });
    expect(standardPayload(form({ amount: '-5' }), 2026)).toMatchObject({ ok: false, field: 'amount' });
    expect(standardPayload(form({ amount: '1e3' }), 2026)).toMatchObject({ ok: false, field: 'amount' });
    expect(standardPayload(form({ amount: '3000', voluntary: '0' }), 2026)).toMatchObject({ ok: false, field: 'voluntary' });
    expect(standardPayload(form({ amount: '3000', voluntary: 'abc' }), 2026)).toMatchObject({ ok: false, field: 'voluntary' });
  });

  it('sends the farmer amount, no base for flat categories, the voluntary amount and the note', () => {
    expect(standardPayload(form({ category: 'farmer', amount: '0.5' }), 2026)).toEqual({
      ok: true,
      dto: { year: 2026, category: 'farmer', farmerAmountFen: 50, voluntaryMonthlyFen: null },
    });
    expect(standardPayload(form({ category: 'farmer', amount: '' }), 2026)).toEqual({
      ok: true,
      dto: { year: 2026, category: 'farmer', voluntaryMonthlyFen: null },
    });
    expect(standardPayload(form({ category: 'student', amount: 'ignored', voluntary: '10', note: ' 本人申请 ' }), 2026)).toEqual({
      ok: true,
      dto: { year: 2026, category: 'student', voluntaryMonthlyFen: 1000, note: '本人申请' },
    });
    expect(amountKind('retiree')).toBe('base');
  });

  it('prefills from a standard with amounts back in yuan', () => {
    const s = {
      id: 'x',
      memberId: 'm',
      year: 2026,
      effectiveMonth: '2026-01',
      category: 'salaried' as const,
      baseFen: 300001,
      farmerAmountFen: null,
      voluntaryMonthlyFen: 5000,
      monthlyFeeFen: 5000,
      computation: computation(),
      note: null,
      recordedBy: null,
      updatedAt: '2026-01-05T00:00:00+08:00',
    };
    expect(formFromStandard(s)).toEqual({ category: 'salaried', amount: '3000.01', voluntary: '50.00', note: '' });
    expect(formFromStandard(null)).toEqual(emptyForm());
  });
});

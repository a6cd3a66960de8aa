import { render, screen } from '@testing-library/react';
import { transferFees } from '@test/transfer-fixtures';
import { FeesNotice, owedMonthsText } from './FeesNotice';

describe(owedMonthsText.name, () => {
  it('names one or two months, and a range for more', () => {
    expect(owedMonthsText(['2026-11'])).toBe('2026年11月');
    expect(owedMonthsText(['2026-10', '2026-11'])).toBe('2026年10月、2026年11月');
    expect(owedMonthsText(['2026-05', '2026-06', '2026-07', '2026-11'])).toBe('2026年05月至2026年11月');
  });
});

describe('FeesNotice', () => {
  it('offers paying only to the member, and says nothing is owed once paid (T3)', () => {
    const { rerender } = render(<FeesNotice fees={transferFees()} canPay={false} />);
    expect(screen.getByText('未交清')).toBeTruthy();
    expect(screen.queryByText('去缴纳党费')).toBeNull();
    rerender(<FeesNotice fees={transferFees({ owedMonths: [], owedFen: 0, paidThroughTransferMonth: true })} canPay />);
    expect(screen.getByText('已交清')).toBeTruthy();
    expect(screen.queryByText('尚欠党费')).toBeNull();
  });
});

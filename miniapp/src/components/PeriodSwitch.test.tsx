import { fireEvent, render, screen } from '@testing-library/react';
import { YearSwitch } from './PeriodSwitch';

describe(YearSwitch.name, () => {
  afterEach(() => jest.useRealTimers());

  it('steps back a year, and not past the current year — China’s, not the device’s (00:30 on 1 January in China is still 31 December in UTC)', () => {
    jest.useFakeTimers({ now: new Date('2026-12-31T16:30:00Z') });
    const onChange = jest.fn();
    const { rerender } = render(<YearSwitch year={2026} onChange={onChange} />);
    expect(screen.getByText('2026 年')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('下一年'));
    expect(onChange).toHaveBeenLastCalledWith(2027);
    fireEvent.click(screen.getByLabelText('上一年'));
    expect(onChange).toHaveBeenLastCalledWith(2025);
    rerender(<YearSwitch year={2027} onChange={onChange} />);
    expect(screen.getByLabelText('下一年').getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(screen.getByLabelText('下一年'));
    expect(onChange).toHaveBeenCalledTimes(2);
  });
});

import { render } from '@testing-library/react';
import { Money } from './Money';

describe('Money', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [20, '¥0.20'],
    [1500, '¥15.00'],
    [300001, '¥3000.01'],
    [100000, '¥1000.00'],
    [9_999_999_999, '¥99999999.99'],
  ])('shows %i fen as %s (integer fen through formatYuan, never a float)', (fen, text) => {
    const { container } = render(<Money fen={fen} />);
    expect(container.textContent).toBe(text);
  });

  it('refuses a fractional amount instead of rounding it', () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => render(<Money fen={15.5} />)).toThrow(RangeError);
  });
});

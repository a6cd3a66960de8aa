import { walksNameOrder } from './members.repository.js';

// The figures of `pnpm bench orgs` (1,000,000 members): which way each page is read.
describe('walksNameOrder: a subtree page off the name-order index or sorted', () => {
  const all = 1_000_000;
  it('walks the name order for the root and a city, however deep the page', () => {
    expect(walksNameOrder({ end: 1000, subtree: all, all })).toBe(true);
    expect(walksNameOrder({ end: 1000, subtree: 68_460, all })).toBe(true);
  });
  it('walks it for a district’s first pages, and sorts its later ones', () => {
    expect(walksNameOrder({ end: 20, subtree: 6_452, all })).toBe(true);
    expect(walksNameOrder({ end: 1000, subtree: 6_452, all })).toBe(false);
  });
  it('sorts a branch, and an empty subtree', () => {
    expect(walksNameOrder({ end: 20, subtree: 133, all })).toBe(false);
    expect(walksNameOrder({ end: 20, subtree: 0, all })).toBe(false);
  });
});

import { SubtreeTotals } from './subtree-totals.js';

describe(SubtreeTotals.name, () => {
  it('remembers the totals of big subtrees for a while', async () => {
    const sut = new SubtreeTotals(10_000, 1000);
    let calls = 0;
    const load = async () => ({ all: 100 + calls++, full: 90, orgs: 5000 });
    expect((await sut.get('a', load, 0)).all).toBe(100);
    expect((await sut.get('a', load, 9_999)).all).toBe(100);
    expect((await sut.get('a', load, 10_001)).all).toBe(101);
  });

  it('always asks again for small subtrees', async () => {
    const sut = new SubtreeTotals(10_000, 1000);
    let calls = 0;
    const load = async () => ({ all: calls++, full: 0, orgs: 999 });
    await sut.get('b', load, 0);
    await sut.get('b', load, 1);
    expect(calls).toBe(2);
  });

  it('keeps a bounded number of entries', async () => {
    const sut = new SubtreeTotals(10_000, 0, 2);
    let calls = 0;
    const load = async () => ({ all: calls++, full: 0, orgs: 1 });
    await sut.get('x', load, 0);
    await sut.get('y', load, 0);
    await sut.get('z', load, 0);
    await sut.get('x', load, 1);
    expect(calls).toBe(4);
  });
});

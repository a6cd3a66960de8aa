import { rollUpTree, type OrgMonthRow } from './fee-rollup.js';

const row = (path: string, bills: number, due: number, paid: number): OrgMonthRow => ({
  path,
  bills,
  due: String(due),
  paid_fen: String(paid),
  settled: 0,
  paid: 0,
  reduced: 0,
  exempt: 0,
});

describe(rollUpTree.name, () => {
  it('adds each organisation to itself and every ancestor down from the root, and nothing above it', () => {
    const out = rollUpTree([row('r.a', 2, 300, 100), row('r.a.x', 3, 4500, 1500), row('r.b', 1, 20, 20), row('r', 1, 5, 0)], 'r');
    expect(out.get('r')).toMatchObject({ bills: 7, dueFen: 4825, paidFen: 1620 });
    expect(out.get('r.a')).toMatchObject({ bills: 5, dueFen: 4800, paidFen: 1600 });
    expect(out.get('r.a.x')).toMatchObject({ bills: 3, dueFen: 4500 });
    expect(out.get('r.b')).toMatchObject({ bills: 1 });
    const sub = rollUpTree([row('r.a', 2, 300, 100), row('r.a.x', 3, 4500, 1500)], 'r.a');
    expect([...sub.keys()].sort()).toEqual(['r.a', 'r.a.x']);
  });

  it('keeps labels apart that share a prefix', () => {
    const out = rollUpTree([row('r.ab', 1, 1, 0), row('r.a', 1, 1, 0)], 'r');
    expect(out.get('r.a')!.bills).toBe(1);
    expect(out.get('r.ab')!.bills).toBe(1);
  });
});

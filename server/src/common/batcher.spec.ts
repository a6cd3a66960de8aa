import { Batcher } from './batcher.js';

type Item = { key: string; n: number };

/** A batcher whose `many` and `one` calls are recorded and settle when the test says. */
function setup(opts: { max?: number; concurrency?: number; manyFails?: boolean; oneFails?: (i: Item) => boolean } = {}) {
  const calls: Array<{ kind: 'many' | 'one'; items: Item[]; release: () => void }> = [];
  const held = (kind: 'many' | 'one', items: Item[]) =>
    new Promise<void>((release) => {
      calls.push({ kind, items, release });
    });
  const b = new Batcher<Item, string>({
    many: async (items) => {
      await held('many', items);
      if (opts.manyFails) throw new Error('batch refused');
      return items.map((i) => `many:${i.n}`);
    },
    one: async (item) => {
      await held('one', [item]);
      if (opts.oneFails?.(item)) throw new Error(`refused ${item.n}`);
      return `one:${item.n}`;
    },
    key: (i) => i.key,
    max: opts.max ?? 100,
    concurrency: opts.concurrency ?? 1,
  });
  return { b, calls };
}
const tick = () => new Promise((r) => setImmediate(r));

describe(Batcher.name, () => {
  it('sends a lone call at once, alone', async () => {
    const { b, calls } = setup();
    const p = b.submit({ key: 'a', n: 1 });
    expect(calls.map((c) => c.kind)).toEqual(['one']);
    calls[0]!.release();
    await expect(p).resolves.toBe('one:1');
  });

  it('sends the calls that arrived meanwhile together, each answered with its own result after the batch', async () => {
    const { b, calls } = setup();
    const first = b.submit({ key: 'a', n: 1 });
    const rest = [2, 3, 4].map((n) => b.submit({ key: `k${n}`, n }));
    expect(calls).toHaveLength(1); // one on its way at a time
    calls[0]!.release();
    await first;
    await tick();
    expect(calls[1]).toMatchObject({ kind: 'many', items: [{ n: 2 }, { n: 3 }, { n: 4 }] });
    let settled = false;
    void Promise.all(rest).then(() => (settled = true));
    await tick();
    expect(settled).toBe(false); // not before its statement is done
    calls[1]!.release();
    await expect(Promise.all(rest)).resolves.toEqual(['many:2', 'many:3', 'many:4']);
  });

  it('keeps two calls with the same key in different batches, and no batch above the maximum', async () => {
    const { b, calls } = setup({ max: 2 });
    void b.submit({ key: 'x', n: 0 });
    const ps = [b.submit({ key: 'a', n: 1 }), b.submit({ key: 'a', n: 2 }), b.submit({ key: 'b', n: 3 }), b.submit({ key: 'c', n: 4 })];
    for (let i = 0; i < 4; i++) {
      await tick();
      calls[i]?.release();
    }
    await Promise.all(ps);
    expect(calls.map((c) => c.items.map((i) => i.n))).toEqual([[0], [1, 3], [2, 4]]);
  });

  it('sends a batch in key order', async () => {
    const { b, calls } = setup();
    void b.submit({ key: 'x', n: 0 });
    for (const [key, n] of [
      ['c', 1],
      ['a', 2],
      ['b', 3],
    ] as const)
      void b.submit({ key, n });
    calls[0]!.release();
    await tick();
    await tick();
    expect(calls[1]!.items.map((i) => i.key)).toEqual(['a', 'b', 'c']);
  });

  it('runs more than one batch at once when allowed', async () => {
    const { b, calls } = setup({ concurrency: 2 });
    void b.submit({ key: 'a', n: 1 });
    void b.submit({ key: 'b', n: 2 });
    expect(calls).toHaveLength(2);
  });

  it('after a batch fails as a whole, runs each item alone: each gets its own answer or its own error', async () => {
    const { b, calls } = setup({ manyFails: true, oneFails: (i) => i.n === 3 });
    const first = b.submit({ key: 'a', n: 1 });
    const two = b.submit({ key: 'b', n: 2 });
    const three = b.submit({ key: 'c', n: 3 });
    calls[0]!.release();
    await first;
    await tick();
    calls[1]!.release(); // the batch of 2 and 3, refused
    await tick();
    await tick();
    expect(calls.slice(2).map((c) => [c.kind, c.items[0]!.n])).toEqual([
      ['one', 2],
      ['one', 3],
    ]);
    calls[2]!.release();
    calls[3]!.release();
    await expect(two).resolves.toBe('one:2');
    await expect(three).rejects.toThrow('refused 3');
  });

  it('without `one`, runs a lone call as a batch of one', async () => {
    const seen: number[][] = [];
    const b = new Batcher<Item, string>({
      many: async (items) => {
        seen.push(items.map((i) => i.n));
        return items.map((i) => `many:${i.n}`);
      },
    });
    await expect(b.submit({ key: 'a', n: 7 })).resolves.toBe('many:7');
    expect(seen).toEqual([[7]]);
  });
});

/**
 * Group commit for a hot write path (issue 12): calls that arrive while a batch is on its way to the
 * database wait and go together in the next one — one statement, one round trip and one commit for
 * many callers. There is no timer: a lone call goes at once, so batching only happens under load,
 * where it is what keeps the queue short.
 *
 * Each caller's promise settles after the statement that carried its item has committed, with that
 * item's own answer (acknowledge after commit). When a batch fails as a whole, every item of it is
 * run again alone (`one`), so each caller gets the answer or the error it would have had without
 * batching. Two items with the same `key` never share a batch (a statement may not touch one row
 * twice): the later one waits for the next; a batch goes in key order, so that two statements on
 * their way at once take their rows' locks in the same order and never wait on each other crosswise.
 */
type Waiting<I, O> = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void };

export class Batcher<I, O> {
  private queue: Array<Waiting<I, O>> = [];
  private inFlight = 0;

  private readonly max: number;
  private readonly concurrency: number;
  private readonly one: (item: I) => Promise<O>;

  constructor(
    private readonly opts: {
      /** Runs a batch: one answer per item, in order. */
      many: (items: I[]) => Promise<O[]>;
      /** Runs one item alone (a lone call, or after a batch failed as a whole); default: `many` of one. */
      one?: (item: I) => Promise<O>;
      /** Items with the same key go in different batches (none: any items may share one). */
      key?: (item: I) => string;
      /** Largest batch (default 200). */
      max?: number;
      /** Batches on their way at once (each holds a pool connection; default 2). */
      concurrency?: number;
    },
  ) {
    this.max = opts.max ?? 200;
    this.concurrency = opts.concurrency ?? 2;
    this.one = opts.one ?? (async (item) => (await opts.many([item]))[0]!);
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump() {
    while (this.inFlight < this.concurrency && this.queue.length > 0) {
      const { key } = this.opts;
      let batch: Array<Waiting<I, O>>;
      if (key) {
        const keyed: Array<[string, Waiting<I, O>]> = [];
        const later: Array<Waiting<I, O>> = [];
        const keys = new Set<string>();
        for (const w of this.queue) {
          const k = key(w.item);
          if (keyed.length < this.max && !keys.has(k)) {
            keys.add(k);
            keyed.push([k, w]);
          } else later.push(w);
        }
        batch = keyed.sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, w]) => w);
        this.queue = later;
      } else batch = this.queue.splice(0, this.max);
      this.inFlight++;
      void this.send(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async send(batch: Array<Waiting<I, O>>) {
    if (batch.length > 1) {
      const answers = await this.opts.many(batch.map((w) => w.item)).catch(() => null);
      if (answers) {
        batch.forEach((w, i) => w.resolve(answers[i]!));
        return;
      }
      // Failed as a whole: each alone below, for its own answer or its own error.
    }
    await Promise.all(batch.map((w) => this.one(w.item).then(w.resolve, w.reject)));
  }
}

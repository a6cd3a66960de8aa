/**
 * Short-lived memory of the member totals of big subtrees. Adding up the counters of a province's
 * 50,000 organisations costs 25–60 ms, and the root's list asks for it on every page; a total that
 * is a few seconds old is fine there (it is a display figure, nothing is decided on it). Subtrees
 * under `minOrgs` organisations — every branch, district and most committees — are always exact,
 * so what a secretary just changed shows at once where they look.
 */
export class SubtreeTotals {
  private readonly entries = new Map<string, { all: number; full: number; until: number }>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly minOrgs = 1000,
    private readonly maxEntries = 500,
  ) {}

  async get(path: string, load: () => Promise<{ all: number; full: number; orgs: number }>, now = Date.now()): Promise<{ all: number; full: number }> {
    const hit = this.entries.get(path);
    if (hit && hit.until > now) return hit;
    const fresh = await load();
    if (fresh.orgs >= this.minOrgs) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(path, { all: fresh.all, full: fresh.full, until: now + this.ttlMs });
    }
    return fresh;
  }
}

import Taro from '@tarojs/taro';

/*
 * The data table's pure parts (issue 15): filter, search, sort and page rows in memory, and the
 * column choice each table remembers in local storage.
 */

export type Cell = string | number | null;

export type Column<T> = {
  key: string;
  title: string;
  /** What sorting, search and filters compare (and the cell shows, unless `display` is given). */
  value(row: T): Cell;
  /** The cell's text when it differs from the value (money with two decimals, a label for a code). */
  display?(row: T): string;
  /** Not shown until chosen in 列设置 (remembered per table). */
  hidden?: boolean;
  /** Numbers are right-aligned and sorted as numbers. */
  numeric?: boolean;
  /** Width in CSS px; the rest share the remaining space. */
  width?: number;
};

export type FilterDef<T> = {
  key: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  test(row: T, value: string): boolean;
};

export type Sort = { key: string; dir: 'asc' | 'desc' } | null;

export type TableView = { sort: Sort; filters: Record<string, string>; search: string; page: number; pageSize: number };

export const PAGE_SIZES = [10, 20, 50, 100] as const;

const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });

/** Ascending order of two cells; empty cells last whichever the direction. */
export function compareCells(a: Cell, b: Cell): number {
  if (a === b) return 0;
  if (a === null || a === '') return 1;
  if (b === null || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** The rows the view keeps (filters, then search over the shown columns), sorted; the page is cut later. */
export function applyView<T>(rows: readonly T[], columns: ReadonlyArray<Column<T>>, filters: ReadonlyArray<FilterDef<T>>, view: TableView): T[] {
  const needle = view.search.trim().toLowerCase();
  let out = rows.filter((r) =>
    filters.every((f) => {
      const v = view.filters[f.key];
      return !v || f.test(r, v);
    }),
  );
  if (needle) out = out.filter((r) => columns.some((c) => cellText(c, r).toLowerCase().includes(needle)));
  const sort = view.sort;
  const col = sort && columns.find((c) => c.key === sort.key);
  if (sort && col) {
    const sign = sort.dir === 'asc' ? 1 : -1;
    // Stable: equal cells keep the server's order.
    out = out
      .map((r, i) => ({ r, i, v: col.value(r) }))
      .sort((x, y) => {
        const empty = (v: Cell) => v === null || v === '';
        if (empty(x.v) !== empty(y.v)) return empty(x.v) ? 1 : -1;
        return sign * compareCells(x.v, y.v) || x.i - y.i;
      })
      .map((x) => x.r);
  }
  return out;
}

/** What a cell shows: its display text, else its value; '—' for nothing. */
export function cellText<T>(c: Column<T>, row: T): string {
  if (c.display) return c.display(row);
  const v = c.value(row);
  return v === null || v === '' ? '—' : String(v);
}

/** Header click: ascending, then descending, then the server's order. */
export function nextSort(sort: Sort, key: string): Sort {
  if (!sort || sort.key !== key) return { key, dir: 'asc' };
  return sort.dir === 'asc' ? { key, dir: 'desc' } : null;
}

export const pageCount = (rows: number, pageSize: number) => Math.max(1, Math.ceil(rows / pageSize));

/** Rows of one page, 1-based; a page past the end shows the last. */
export function pageRows<T>(rows: readonly T[], page: number, pageSize: number): { rows: T[]; page: number } {
  const p = Math.min(Math.max(1, page), pageCount(rows.length, pageSize));
  return { rows: rows.slice((p - 1) * pageSize, p * pageSize), page: p };
}

const storageKey = (tableId: string) => `dj.console.columns.${tableId}`;

/** The columns shown: the person's remembered choice (unknown keys dropped), else those not hidden. */
export function loadColumnChoice<T>(tableId: string, columns: ReadonlyArray<Column<T>>): string[] {
  const known = new Set(columns.map((c) => c.key));
  try {
    const saved: unknown = Taro.getStorageSync(storageKey(tableId));
    if (Array.isArray(saved)) {
      const keys = saved.filter((k): k is string => typeof k === 'string' && known.has(k));
      if (keys.length) return keys;
    }
  } catch {
    // Storage unavailable (private mode): the defaults.
  }
  return columns.filter((c) => !c.hidden).map((c) => c.key);
}

export function saveColumnChoice(tableId: string, keys: string[]) {
  try {
    Taro.setStorageSync(storageKey(tableId), keys);
  } catch {
    // Not remembered this time; the choice still applies on the page.
  }
}

/** Shows or hides a column; the last shown column stays. Keeps the table's column order. */
export function toggleColumn<T>(shown: readonly string[], key: string, columns: ReadonlyArray<Column<T>>): string[] {
  const next = shown.includes(key) ? shown.filter((k) => k !== key) : [...shown, key];
  if (!next.length) return [...shown];
  return columns.map((c) => c.key).filter((k) => next.includes(k));
}

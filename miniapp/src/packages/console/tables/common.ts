import Taro from '@tarojs/taro';
import type { Page, Permission } from '@dangjian/shared';
import { authedUrl } from '@/api/links';
import type { OrgChoice } from '@/hooks/useOrgChoice';
import { openExternal } from '@/platform/open';
import { chinaDateAndTime } from '@/utils/format';
import type { BulkAction, TableExport } from '../components/DataTable';
import type { Column, FilterDef } from '../components/table-state';

/* What every console list definition uses: its shape, paged loading up to a cap, cells and actions. */

export type Loaded<T> = { rows: T[]; truncated: boolean };

export type TableDef<T> = {
  title: string;
  permission: Permission;
  rowKey(row: T): string;
  columns: Column<T>[];
  filters?: FilterDef<T>[];
  load(org: OrgChoice): Promise<Loaded<T>>;
  /** The page a row opens. */
  open?(row: T): string;
  bulk?: BulkAction<T>[];
  exports?(org: OrgChoice): TableExport[];
};

/** The console loads at most this many rows of a list; past that it says so (narrow it on the phone pages or export). */
export const LOAD_CAP = 2000;
const PAGE = 200;

/** Every page of a paged endpoint up to LOAD_CAP rows. */
export async function loadAll<T>(fetchPage: (page: number, pageSize: number) => Promise<Page<T>>, cap = LOAD_CAP): Promise<Loaded<T>> {
  const rows: T[] = [];
  let total = 0;
  for (let page = 1; ; page++) {
    const p = await fetchPage(page, PAGE);
    rows.push(...p.items);
    total = p.total;
    if (p.items.length < PAGE || rows.length >= Math.min(total, cap)) break;
  }
  return { rows: rows.slice(0, cap), truncated: total > cap };
}

/** 'YYYY-MM-DD HH:mm' in China: readable, and sorts in time order. */
export const stamp = (iso: string | null) => {
  if (!iso) return null;
  const { date, time } = chinaDateAndTime(new Date(iso));
  return `${date} ${time}`;
};
export const options = <K extends string>(values: readonly K[], label: Record<K, string>) => values.map((v) => ({ value: v, label: label[v] }));
export const openSheet = async (path: string) => openExternal(await authedUrl(path, { fresh: true }), 'spreadsheet');
export const copy = (text: string, what: string) =>
  void Taro.setClipboardData({ data: text }).then(() => Taro.showToast({ title: `已复制${what}`, icon: 'none' }));

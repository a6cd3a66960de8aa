import { useEffect, useMemo, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import {
  applyView,
  cellText,
  loadColumnChoice,
  nextSort,
  PAGE_SIZES,
  pageCount,
  pageRows,
  saveColumnChoice,
  toggleColumn,
  type Column,
  type FilterDef,
  type TableView,
} from './table-state';
import './DataTable.scss';

export type BulkAction<T> = { key: string; label: string; run(rows: T[]): void | Promise<void> };
export type TableExport = { key: string; label: string; run(): void | Promise<void> };

type Props<T> = {
  /** Remembers the column choice under this id; also marks the table for the browser tests. */
  tableId: string;
  rows: readonly T[];
  rowKey: (row: T) => string;
  columns: ReadonlyArray<Column<T>>;
  filters?: ReadonlyArray<FilterDef<T>>;
  bulkActions?: ReadonlyArray<BulkAction<T>>;
  exports?: ReadonlyArray<TableExport>;
  onOpen?: (row: T) => void;
  /** Shown under the table, e.g. "只载入了前 1000 条". */
  note?: string | null;
};

const ALL = '';

/**
 * The console's one data table (≥1024 px): search, filters, sorting by a header click, paging, a column
 * choice remembered per table, row selection with bulk actions and exports. Rows are all in memory (a
 * branch's or committee's list as the console loads it); paging and sorting are done here.
 */
export function DataTable<T>({ tableId, rows, rowKey, columns, filters = [], bulkActions = [], exports = [], onOpen, note }: Props<T>) {
  const [view, setView] = useState<TableView>({ sort: null, filters: {}, search: '', page: 1, pageSize: 20 });
  const [shown, setShown] = useState<string[]>(() => loadColumnChoice(tableId, columns));
  const [choosing, setChoosing] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());

  useEffect(() => setShown(loadColumnChoice(tableId, columns)), [tableId, columns]);
  // A new list (another organisation, a reload) drops a selection of rows that may be gone.
  useEffect(() => setSelected(new Set()), [rows]);

  const visible = useMemo(() => columns.filter((c) => shown.includes(c.key)), [columns, shown]);
  const kept = useMemo(() => applyView(rows, visible, filters, view), [rows, visible, filters, view]);
  const { rows: pageItems, page } = pageRows(kept, view.page, view.pageSize);
  const pages = pageCount(kept.length, view.pageSize);
  const chosen = rows.filter((r) => selected.has(rowKey(r)));
  const allOnPage = pageItems.length > 0 && pageItems.every((r) => selected.has(rowKey(r)));

  const update = (v: Partial<TableView>) => setView((old) => ({ ...old, page: 1, ...v }));
  const choose = (key: string) => {
    const next = toggleColumn(shown, key, columns);
    setShown(next);
    saveColumnChoice(tableId, next);
  };
  const toggleRow = (key: string) =>
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const togglePage = () =>
    setSelected((old) => {
      const next = new Set(old);
      for (const r of pageItems) {
        if (allOnPage) next.delete(rowKey(r));
        else next.add(rowKey(r));
      }
      return next;
    });

  const selectable = bulkActions.length > 0;
  return (
    <View className='dt' data-table={tableId}>
      <View className='dt__bar'>
        <Input
          className='dt__search'
          placeholder='搜索当前列表'
          value={view.search}
          onInput={(e) => update({ search: e.detail.value })}
          data-testid='dt-search'
        />
        {filters.map((f) => (
          <View key={f.key} className='dt__filter' data-filter={f.key}>
            <Text className='dt__filter-label'>{f.label}</Text>
            {[{ value: ALL, label: '全部' }, ...f.options].map((o) => (
              <Text
                key={o.value}
                className={`dt__chip${(view.filters[f.key] ?? ALL) === o.value ? ' dt__chip--on' : ''}`}
                onClick={() => update({ filters: { ...view.filters, [f.key]: o.value } })}
                data-option={o.value || 'all'}
              >
                {o.label}
              </Text>
            ))}
          </View>
        ))}
        <View className='dt__spacer' />
        {exports.map((x) => (
          <Text key={x.key} className='dt__btn' onClick={() => void x.run()}>
            {x.label}
          </Text>
        ))}
        <View className='dt__columns'>
          <Text className='dt__btn' onClick={() => setChoosing(!choosing)} data-testid='dt-columns'>
            列设置
          </Text>
          {choosing ? (
            <View className='dt__menu'>
              {columns.map((c) => (
                <Text key={c.key} className='dt__menu-item' onClick={() => choose(c.key)} data-column={c.key}>
                  {`${shown.includes(c.key) ? '☑' : '☐'} ${c.title}`}
                </Text>
              ))}
            </View>
          ) : null}
        </View>
      </View>

      {selectable && chosen.length > 0 ? (
        <View className='dt__bulk'>
          <Text>{`已选 ${chosen.length} 项`}</Text>
          {bulkActions.map((a) => (
            <Text key={a.key} className='dt__btn dt__btn--primary' onClick={() => void a.run(chosen)}>
              {a.label}
            </Text>
          ))}
          <Text className='dt__btn' onClick={() => setSelected(new Set())}>
            取消选择
          </Text>
        </View>
      ) : null}

      <View className='dt__table' role='table'>
        <View className='dt__row dt__row--head' role='row'>
          {selectable ? (
            <Text className='dt__check' onClick={togglePage} aria-label='全选本页'>
              {allOnPage ? '☑' : '☐'}
            </Text>
          ) : null}
          {visible.map((c) => {
            const dir = view.sort?.key === c.key ? view.sort.dir : null;
            return (
              <Text
                key={c.key}
                className={`dt__cell dt__cell--head${c.numeric ? ' dt__cell--num' : ''}`}
                style={c.width ? { flex: `0 0 ${c.width}px` } : undefined}
                onClick={() => update({ sort: nextSort(view.sort, c.key), page: view.page })}
                data-sort={dir ?? 'none'}
                data-column={c.key}
              >
                {`${c.title}${dir === 'asc' ? ' ↑' : dir === 'desc' ? ' ↓' : ''}`}
              </Text>
            );
          })}
        </View>
        {pageItems.map((r) => {
          const key = rowKey(r);
          return (
            <View key={key} role='row' className={`dt__row${selected.has(key) ? ' dt__row--selected' : ''}${onOpen ? ' dt__row--link' : ''}`}>
              {selectable ? (
                <Text className='dt__check' onClick={() => toggleRow(key)} aria-label='选择'>
                  {selected.has(key) ? '☑' : '☐'}
                </Text>
              ) : null}
              {visible.map((c) => (
                <Text
                  key={c.key}
                  className={`dt__cell${c.numeric ? ' dt__cell--num' : ''}`}
                  style={c.width ? { flex: `0 0 ${c.width}px` } : undefined}
                  onClick={onOpen ? () => onOpen(r) : undefined}
                >
                  {cellText(c, r)}
                </Text>
              ))}
            </View>
          );
        })}
        {pageItems.length === 0 ? <Text className='dt__empty'>没有符合条件的记录</Text> : null}
      </View>

      <View className='dt__pager'>
        <Text className='dt__count' data-testid='dt-count'>{`共 ${kept.length} 条${kept.length !== rows.length ? `（全部 ${rows.length} 条）` : ''}`}</Text>
        <View className='dt__spacer' />
        <View className='dt__filter'>
          <Text className='dt__filter-label'>每页</Text>
          {PAGE_SIZES.map((n) => (
            <Text key={n} className={`dt__chip${view.pageSize === n ? ' dt__chip--on' : ''}`} onClick={() => update({ pageSize: n })} data-page-size={n}>
              {n}
            </Text>
          ))}
        </View>
        <Text className={`dt__btn${page <= 1 ? ' dt__btn--off' : ''}`} onClick={() => page > 1 && setView({ ...view, page: page - 1 })} data-testid='dt-prev'>
          上一页
        </Text>
        <Text className='dt__page' data-testid='dt-page'>{`${page} / ${pages}`}</Text>
        <Text
          className={`dt__btn${page >= pages ? ' dt__btn--off' : ''}`}
          onClick={() => page < pages && setView({ ...view, page: page + 1 })}
          data-testid='dt-next'
        >
          下一页
        </Text>
      </View>
      {note ? <Text className='dt__note'>{note}</Text> : null}
    </View>
  );
}

import {
  applyView,
  compareCells,
  loadColumnChoice,
  nextSort,
  pageRows,
  saveColumnChoice,
  toggleColumn,
  type Column,
  type FilterDef,
  type TableView,
} from './table-state';

type Row = { name: string; age: number | null; org: string };
const rows: Row[] = [
  { name: '王五', age: 40, org: '甲' },
  { name: '张三', age: null, org: '乙' },
  { name: '李四', age: 30, org: '甲' },
  { name: '赵六', age: 30, org: '乙' },
];
const columns: Column<Row>[] = [
  { key: 'name', title: '姓名', value: (r) => r.name },
  { key: 'age', title: '年龄', value: (r) => r.age, numeric: true },
  { key: 'org', title: '组织', value: (r) => r.org, hidden: true },
];
const filters: FilterDef<Row>[] = [{ key: 'org', label: '组织', options: [], test: (r, v) => r.org === v }];
const view = (v: Partial<TableView>): TableView => ({ sort: null, filters: {}, search: '', page: 1, pageSize: 10, ...v });

describe('console data table', () => {
  it('sorts numbers as numbers, stably, with empty cells last in both directions', () => {
    const asc = applyView(rows, columns, filters, view({ sort: { key: 'age', dir: 'asc' } }));
    expect(asc.map((r) => r.name)).toEqual(['李四', '赵六', '王五', '张三']);
    const desc = applyView(rows, columns, filters, view({ sort: { key: 'age', dir: 'desc' } }));
    expect(desc.map((r) => r.name)).toEqual(['王五', '李四', '赵六', '张三']);
    expect(compareCells(2, 10)).toBeLessThan(0);
    expect(compareCells('第2', '第10')).toBeLessThan(0);
  });

  it('filters and searches over the columns', () => {
    expect(applyView(rows, columns, filters, view({ filters: { org: '甲' } })).map((r) => r.name)).toEqual(['王五', '李四']);
    expect(applyView(rows, columns, filters, view({ search: '张' })).map((r) => r.name)).toEqual(['张三']);
    expect(applyView(rows, columns, filters, view({ filters: { org: '' } }))).toHaveLength(4);
  });

  it('cycles a header through ascending, descending and the original order', () => {
    expect(nextSort(null, 'age')).toEqual({ key: 'age', dir: 'asc' });
    expect(nextSort({ key: 'age', dir: 'asc' }, 'age')).toEqual({ key: 'age', dir: 'desc' });
    expect(nextSort({ key: 'age', dir: 'desc' }, 'age')).toBeNull();
    expect(nextSort({ key: 'age', dir: 'desc' }, 'name')).toEqual({ key: 'name', dir: 'asc' });
  });

  it('cuts pages and clamps a page past the end to the last', () => {
    expect(pageRows(rows, 2, 3)).toEqual({ rows: [rows[3]], page: 2 });
    expect(pageRows(rows, 9, 3).page).toBe(2);
    expect(pageRows([], 1, 3)).toEqual({ rows: [], page: 1 });
  });

  it('remembers the column choice per table, in table order, never none', () => {
    expect(loadColumnChoice('t1', columns)).toEqual(['name', 'age']);
    const shown = toggleColumn(['name', 'age'], 'org', columns);
    expect(shown).toEqual(['name', 'age', 'org']);
    saveColumnChoice('t1', toggleColumn(shown, 'name', columns));
    expect(loadColumnChoice('t1', columns)).toEqual(['age', 'org']);
    expect(loadColumnChoice('t2', columns)).toEqual(['name', 'age']);
    expect(toggleColumn(['age'], 'age', columns)).toEqual(['age']);
  });
});

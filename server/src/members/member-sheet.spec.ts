import ExcelJS from 'exceljs';
import { buildTemplate, cellDate, cellText, checkXlsxContainer, parseRoster } from './member-sheet.js';

describe('member sheet', () => {
  it('reads dates in the forms people type them, and Excel dates and serials', () => {
    expect(cellDate('1990-07-01').value).toBe('1990-07-01');
    expect(cellDate('1990/7/1').value).toBe('1990-07-01');
    expect(cellDate('1990.7.1').value).toBe('1990-07-01');
    expect(cellDate('1990年7月1日').value).toBe('1990-07-01');
    expect(cellDate('19900701').value).toBe('1990-07-01');
    expect(cellDate(new Date(Date.UTC(1990, 6, 1))).value).toBe('1990-07-01');
    expect(cellDate(33055).value).toBe('1990-07-01');
    expect(cellDate('1990-02-30').error).toBeDefined();
    expect(cellDate('明年').error).toBeDefined();
    expect(cellDate(null)).toEqual({ value: null });
  });

  it('reads rich text, formulas and hyperlinks as text', () => {
    expect(cellText({ richText: [{ text: '张' }, { text: '三 ' }] })).toBe('张三');
    expect(cellText({ formula: 'A1', result: '李四' })).toBe('李四');
    expect(cellText({ text: '王五', hyperlink: 'x' })).toBe('王五');
  });

  it('accepts only zip containers that do not inflate beyond the limit', async () => {
    const template = await buildTemplate([]);
    expect(checkXlsxContainer(template)).toEqual({ ok: true });
    expect(checkXlsxContainer(template, 1000).ok).toBe(false);
    expect(checkXlsxContainer(Buffer.from('姓名,性别\n')).ok).toBe(false);
  });

  it('skips the example row of the template', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildTemplate(['一组'])) as unknown as ArrayBuffer);
    expect(parseRoster(wb, '2025-01-01')).toMatchObject({ kind: 'refused', code: 'empty' });
  });

  it('reports each problem with its Excel row and column header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('党员信息');
    ws.addRow(['姓名*', '性别*', '民族*', '出生日期*', '身份证号', '入党日期*', '党员状态*', '转正日期']);
    ws.addRow(['李华', '女', '汉族', '1949-12-31', '11010519491231002X', '1970-07-01', '正式党员', '1971-07-01']);
    ws.addRow(['', '男', '汉族', '1949-12-31', '11010519491231002X', '1970-07-01', '正式党员', '1971-07-01']);
    const parsed = parseRoster(wb, '2025-01-01');
    expect(parsed.kind).toBe('parsed');
    if (parsed.kind !== 'parsed') return;
    expect(parsed.members.map((m) => [m.row, m.name, m.gender, m.status])).toEqual([[2, '李华', 'female', 'full']]);
    expect(parsed.errors).toEqual([
      { row: 3, column: '姓名', message: '必填' },
      { row: 3, column: '身份证号', message: '身份证号码中的性别与性别不一致' },
    ]);
  });
});

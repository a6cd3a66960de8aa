import type ExcelJS from 'exceljs';
import { LEDGER_FIELD_LABEL, LedgerFieldsSchema, type MemberImportRowError } from '@dangjian/shared';
import { cellDate, cellText } from '../common/spreadsheet.js';
import { LEDGER_ROW_FIELDS, ledgerRow, type LedgerRow } from './ledger.repository.js';
import { loadExcelJs } from '../common/lazy-modules.js';

/*
 * The ledger spreadsheet (摸排表): one column list for the template, the import and the export, so an
 * exported ledger is also a valid import file (its computed columns are ignored on import). Pure.
 */

export const DATA_SHEET = '企业台账';
/** Rows whose 企业名称 starts with this are examples and are skipped. */
const EXAMPLE_PREFIX = '示例';
type Field = (typeof LEDGER_ROW_FIELDS)[number];
const REQUIRED: ReadonlySet<Field> = new Set(['name', 'creditCode']);
const DATES: ReadonlySet<Field> = new Set(['foundedOn', 'listedOn', 'leftOn']);
const NUMBERS: ReadonlySet<Field> = new Set(['employees', 'declaredMembers']);
const WIDTH: Partial<Record<Field, number>> = { name: 28, creditCode: 22, address: 30, notes: 30 };
const normaliseHeader = (h: string) => h.replace(/[\s*＊]|（必填）|\(必填\)/g, '');

/** Computed columns the export adds after the fields (never read back). */
export type ExportExtras = {
  coverage: string;
  coveringOrgs: string;
  rollMembers: number;
  rollFullMembers: number;
  instructors: string;
  liaisons: string;
  lastVisitOn: string;
  gaps: string;
};
const EXTRA_HEADERS: Record<keyof ExportExtras, string> = {
  coverage: '组织覆盖',
  coveringOrgs: '覆盖的党组织',
  rollMembers: '在册党员',
  rollFullMembers: '在册正式党员',
  instructors: '党建指导员',
  liaisons: '驻企联络员',
  lastVisitOn: '最近走访',
  gaps: '待解决',
};

export type ParsedLedger =
  { kind: 'refused'; code: 'empty' | 'too_many_rows' } | { kind: 'parsed'; rows: Array<{ row: number; value: LedgerRow }>; errors: MemberImportRowError[] };

export function parseLedger(wb: ExcelJS.Workbook, today: string, maxRows: number): ParsedLedger {
  const ws = wb.getWorksheet(DATA_SHEET) ?? wb.worksheets[0];
  if (!ws) return { kind: 'refused', code: 'empty' };
  const columnOf = new Map<Field, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const header = normaliseHeader(cellText(cell.value));
    const field = LEDGER_ROW_FIELDS.find((f) => LEDGER_FIELD_LABEL[f] === header);
    if (field) columnOf.set(field, col);
  });
  const errors: MemberImportRowError[] = [];
  for (const f of REQUIRED) if (!columnOf.has(f)) errors.push({ row: 1, column: LEDGER_FIELD_LABEL[f], message: `缺少“${LEDGER_FIELD_LABEL[f]}”列` });
  if (errors.length) return { kind: 'parsed', rows: [], errors };

  const rows: Array<{ row: number; value: LedgerRow }> = [];
  let data = 0;
  ws.eachRow((r, rowNumber) => {
    if (rowNumber === 1) return;
    const raw = (f: Field) => (columnOf.has(f) ? r.getCell(columnOf.get(f)!).value : null);
    const name = cellText(raw('name'));
    if (name.startsWith(EXAMPLE_PREFIX)) return;
    if (LEDGER_ROW_FIELDS.every((f) => cellText(raw(f)) === '')) return;
    data++;
    if (data > maxRows) return;
    const candidate: Record<string, unknown> = {};
    const rowErrors: MemberImportRowError[] = [];
    for (const f of LEDGER_ROW_FIELDS) {
      if (DATES.has(f)) {
        const d = cellDate(raw(f));
        if (d.error) rowErrors.push({ row: rowNumber, column: LEDGER_FIELD_LABEL[f], message: d.error });
        if (d.value !== null) candidate[f] = d.value;
      } else if (NUMBERS.has(f)) {
        const t = cellText(raw(f));
        if (t === '') continue;
        if (/^\d+$/.test(t)) candidate[f] = Number(t);
        else rowErrors.push({ row: rowNumber, column: LEDGER_FIELD_LABEL[f], message: '应为非负整数' });
      } else {
        const t = cellText(raw(f));
        if (t !== '' || REQUIRED.has(f)) candidate[f] = t;
      }
    }
    if (rowErrors.length === 0) {
      const parsed = LedgerFieldsSchema.safeParse(candidate);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const f = issue.path[0] as Field;
          const empty = candidate[f] === '' || candidate[f] === undefined;
          rowErrors.push({
            row: rowNumber,
            column: LEDGER_FIELD_LABEL[f] ?? null,
            message: empty && REQUIRED.has(f) ? '必填' : fieldMessage(f, issue.message),
          });
        }
      } else {
        const v = parsed.data;
        if (v.leftOn && v.leftOn < (v.listedOn ?? today)) {
          rowErrors.push({ row: rowNumber, column: LEDGER_FIELD_LABEL.leftOn, message: '注销/迁出日期不能早于纳入台账日期' });
        } else rows.push({ row: rowNumber, value: ledgerRow(v, today) });
      }
    }
    errors.push(...rowErrors);
  });
  if (data === 0) return { kind: 'refused', code: 'empty' };
  if (data > maxRows) return { kind: 'refused', code: 'too_many_rows' };
  return { kind: 'parsed', rows, errors };
}

const fieldMessage = (f: Field, zodMessage: string) => {
  if (f === 'creditCode') return '统一社会信用代码应为 18 位且校验位正确（GB 32100-2015）';
  if (f === 'name') return '企业名称最多 100 个字';
  return zodMessage.startsWith('Too big') ? '内容过长' : '格式不正确';
};

/** The template (no rows) or an export: fields first, then, for an export, the computed columns. */
export async function buildLedgerSheet(title: string, rows: Array<{ value: LedgerRow; extras?: ExportExtras }>, withExtras: boolean): Promise<Buffer> {
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = '智慧党建';
  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    ...LEDGER_ROW_FIELDS.map((f) => ({
      header: REQUIRED.has(f) ? `${LEDGER_FIELD_LABEL[f]}*` : LEDGER_FIELD_LABEL[f],
      key: f,
      width: WIDTH[f] ?? (DATES.has(f) ? 13 : 12),
      // Text format keeps the credit code and phone numbers from turning into rounded numbers.
      style: f === 'creditCode' || f === 'contactPhone' ? { numFmt: '@' } : DATES.has(f) ? { numFmt: 'yyyy-mm-dd' } : {},
    })),
    ...(withExtras ? Object.entries(EXTRA_HEADERS).map(([key, header]) => ({ header, key, width: key === 'gaps' ? 40 : 14 })) : []),
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4E4' } };
  if (!withExtras) {
    const example = ws.addRow({
      name: `${EXAMPLE_PREFIX}：某某网络科技有限公司`,
      creditCode: '91350200MA2Y1234XQ',
      industry: '软件和信息技术服务',
      employees: 120,
      foundedOn: '2018-05-20',
      address: '软件园二期观日路 1 号',
      contactName: '张经理',
      contactPhone: '0592-1234567',
      declaredMembers: 1,
    });
    example.font = { italic: true, color: { argb: 'FF888888' } };
  }
  for (const r of rows) ws.addRow({ ...r.value, ...(r.extras ?? {}) });
  ws.getCell('A1').note = title;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

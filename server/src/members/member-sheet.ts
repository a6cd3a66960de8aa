import type ExcelJS from 'exceljs';
import type { Gender, MemberStatus } from '@dangjian/shared';
import {
  Education,
  EDUCATION_LABEL,
  MEMBER_FLAG_LABEL,
  MEMBER_IMPORT_LIMITS,
  MEMBER_STATUS_LABEL,
  memberFactIssues,
  MobilePhoneSchema,
  NationalIdSchema,
  type MemberImportRowError,
  type MemberFacts,
} from '@dangjian/shared';
import type { z } from 'zod';
import { cellDate, cellText } from '../common/spreadsheet.js';
import { loadExcelJs } from '../common/lazy-modules.js';

/**
 * The roster spreadsheet: one column list shared by the import template, the import parser and the
 * export, so an exported roster (unmasked) is also a valid import file. Pure: no I/O, no access.
 */

export const DATA_SHEET = '党员信息';
export const HELP_SHEET = '说明';
export const EXPORT_SHEET = '党员名册';
/** Rows whose 姓名 starts with this are examples and are skipped. */
export const EXAMPLE_PREFIX = '示例';

type ColumnKey =
  'name' | 'gender' | 'ethnicity' | 'birthDate' | 'nationalId' | 'phone' | 'education' | 'joinDate' | 'status' | 'fullMemberDate' | 'group' | 'post';
type SheetColumn = { key: ColumnKey; header: string; required: boolean; width: number; kind: 'text' | 'date' | 'list' };

const GENDER_LABEL: Record<Gender, string> = { male: '男', female: '女' };

export const SHEET_COLUMNS: readonly SheetColumn[] = [
  { key: 'name', header: '姓名', required: true, width: 12, kind: 'text' },
  { key: 'gender', header: '性别', required: true, width: 8, kind: 'list' },
  { key: 'ethnicity', header: '民族', required: true, width: 10, kind: 'text' },
  { key: 'birthDate', header: '出生日期', required: true, width: 13, kind: 'date' },
  { key: 'nationalId', header: '身份证号', required: false, width: 22, kind: 'text' },
  { key: 'phone', header: '手机号码', required: false, width: 14, kind: 'text' },
  { key: 'education', header: '学历', required: false, width: 12, kind: 'list' },
  { key: 'joinDate', header: '入党日期', required: true, width: 13, kind: 'date' },
  { key: 'status', header: '党员状态', required: true, width: 11, kind: 'list' },
  { key: 'fullMemberDate', header: '转正日期', required: false, width: 13, kind: 'date' },
  { key: 'group', header: '党小组', required: false, width: 14, kind: 'list' },
  { key: 'post', header: '工作岗位', required: false, width: 16, kind: 'text' },
];
const headerOf = (key: ColumnKey) => SHEET_COLUMNS.find((c) => c.key === key)!.header;
/** `党员状态*` → `党员状态`: the star marks required columns in the template. */
const normaliseHeader = (h: string) => h.replace(/[\s*＊]|（必填）|\(必填\)/g, '');

const EXAMPLE: Record<ColumnKey, string> = {
  name: `${EXAMPLE_PREFIX}：李华`,
  gender: '女',
  ethnicity: '汉族',
  birthDate: '1949-12-31',
  nationalId: '11010519491231002X',
  phone: '13800138000',
  education: '本科',
  joinDate: '1970-07-01',
  status: '正式党员',
  fullMemberDate: '1971-07-01',
  group: '',
  post: '工程师',
};

const HELP_LINES = (groups: string[]) => [
  '党员信息批量导入说明',
  '',
  `1. 在“${DATA_SHEET}”工作表中逐行填写，每行一名党员；第 1 行为表头，请勿修改。`,
  `2. 带 * 的列为必填。姓名以“${EXAMPLE_PREFIX}”开头的行是示例，不会导入（可直接删除）。`,
  '3. 日期请填写为 YYYY-MM-DD（如 1990-07-01），也可以使用 Excel 日期格式。',
  '4. 身份证号请按文本填写 18 位（末位可为 X）；系统校验校验位，并核对与出生日期、性别是否一致。',
  '5. 党员状态填写“正式党员”或“预备党员”；正式党员须填写转正日期，预备党员不填。',
  '6. 入党时应年满 18 周岁；日期不能晚于今天。',
  groups.length
    ? `7. 党小组可留空；填写时须是本党支部已建立的党小组：${groups.join('、')}。`
    : '7. 党小组可留空；填写时须是导入目标党支部下已建立的党小组名称。',
  `8. 一次最多导入 ${MEMBER_IMPORT_LIMITS.maxRows} 行，文件不超过 ${MEMBER_IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB，仅支持 .xlsx 格式。`,
  '9. 同一身份证号不能重复登记（文件内和系统中都不能重复）。',
  '10. 任何一行有误时整个文件都不会导入，系统逐行列出错误（行号与 Excel 行号一致）；改正后重新上传即可。',
  '11. 身份证号码加密保存，列表中脱敏显示；手机号码用于党员绑定微信。',
];

const headerStyle = (row: ExcelJS.Row) => {
  row.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC0392B' } };
  row.alignment = { vertical: 'middle', horizontal: 'center' };
  row.height = 22;
};

type DataValidations = { add(range: string, validation: ExcelJS.DataValidation): void };
const listValidation = (values: string[], title: string): ExcelJS.DataValidation => ({
  type: 'list',
  allowBlank: true,
  formulae: [`"${values.join(',')}"`],
  showErrorMessage: true,
  errorStyle: 'error',
  errorTitle: title,
  error: `请从下拉列表中选择${title}`,
});
const colLetter = (i: number) => String.fromCharCode(65 + i);

/** The import template: headers (required ones starred), an example row, drop-down lists, a 说明 sheet. */
export async function buildTemplate(groups: string[]): Promise<Buffer> {
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = '智慧党建';
  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = SHEET_COLUMNS.map((c) => ({
    header: c.required ? `${c.header}*` : c.header,
    key: c.key,
    width: c.width,
    // Text format keeps 18-digit IDs and phone numbers from turning into rounded numbers.
    style: c.key === 'nationalId' || c.key === 'phone' ? { numFmt: '@' } : c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  headerStyle(ws.getRow(1));
  const example = ws.addRow(EXAMPLE);
  example.font = { italic: true, color: { argb: 'FF888888' } };
  const last = MEMBER_IMPORT_LIMITS.maxRows + 1;
  const dv = (ws as unknown as { dataValidations: DataValidations }).dataValidations;
  const col = (key: ColumnKey) => colLetter(SHEET_COLUMNS.findIndex((c) => c.key === key));
  dv.add(`${col('gender')}2:${col('gender')}${last}`, listValidation(Object.values(GENDER_LABEL), '性别'));
  dv.add(`${col('status')}2:${col('status')}${last}`, listValidation(Object.values(MEMBER_STATUS_LABEL), '党员状态'));
  dv.add(`${col('education')}2:${col('education')}${last}`, listValidation(Object.values(EDUCATION_LABEL), '学历'));
  // A list formula is limited to 255 characters; longer group lists are checked on import only.
  if (groups.length && groups.join(',').length < 250) dv.add(`${col('group')}2:${col('group')}${last}`, listValidation(groups, '党小组'));

  const help = wb.addWorksheet(HELP_SHEET);
  help.getColumn(1).width = 110;
  for (const line of HELP_LINES(groups)) help.addRow([line]);
  help.getRow(1).font = { bold: true, size: 14 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// Import

export type ParsedMember = {
  row: number;
  name: string;
  gender: Gender;
  ethnicity: string;
  birthDate: string;
  nationalId: string | null;
  phone: string | null;
  education: Education | null;
  joinDate: string;
  status: MemberStatus;
  fullMemberDate: string | null;
  groupName: string | null;
  post: string | null;
};

export type SheetParse =
  | { kind: 'refused'; code: 'empty' | 'too_many_rows' | 'no_sheet'; message: string }
  | { kind: 'parsed'; members: ParsedMember[]; errors: MemberImportRowError[] };

const GENDER_BY_LABEL: Record<string, Gender> = { 男: 'male', 女: 'female', male: 'male', female: 'female' };
const STATUS_BY_LABEL: Record<string, MemberStatus> = {
  正式党员: 'full',
  正式: 'full',
  预备党员: 'probationary',
  预备: 'probationary',
  full: 'full',
  probationary: 'probationary',
};
const EDUCATION_BY_LABEL: Record<string, Education> = Object.fromEntries([
  ...Object.entries(EDUCATION_LABEL).map(([k, label]) => [label, k as Education]),
  ...Education.options.map((k) => [k, k]),
  ['研究生', 'master'],
  ['博士', 'doctor'],
  ['硕士', 'master'],
]);

const firstIssue = (r: z.ZodSafeParseResult<unknown>) => (r.success ? '' : (r.error.issues[0]?.message ?? '格式不正确'));

/**
 * Reads the data sheet: header row 1 mapped by name (extra columns are ignored), then every
 * non-empty row. Each problem is reported with its Excel row number and column header.
 */
export function parseRoster(wb: ExcelJS.Workbook, today: string): SheetParse {
  const ws = wb.getWorksheet(DATA_SHEET) ?? wb.getWorksheet(EXPORT_SHEET) ?? wb.worksheets[0];
  if (!ws) return { kind: 'refused', code: 'no_sheet', message: '文件中没有工作表' };
  const errors: MemberImportRowError[] = [];
  const index = new Map<ColumnKey, number>();
  ws.getRow(1).eachCell((cell, colNumber) => {
    const h = normaliseHeader(cellText(cell.value));
    const col = SHEET_COLUMNS.find((c) => c.header === h);
    if (col && !index.has(col.key)) index.set(col.key, colNumber);
  });
  for (const c of SHEET_COLUMNS) {
    if (c.required && !index.has(c.key)) errors.push({ row: 1, column: c.header, message: `缺少“${c.header}”列（请使用导入模板）` });
  }
  if (errors.length) return { kind: 'parsed', members: [], errors };

  const dataRows: ExcelJS.Row[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const values = [...index.values()].map((i) => cellText(row.getCell(i).value));
    if (values.every((v) => v === '')) return;
    if (cellText(row.getCell(index.get('name')!).value).startsWith(EXAMPLE_PREFIX)) return;
    dataRows.push(row);
  });
  if (dataRows.length === 0) return { kind: 'refused', code: 'empty', message: '文件中没有党员数据（第 2 行起逐行填写）' };
  if (dataRows.length > MEMBER_IMPORT_LIMITS.maxRows) {
    return {
      kind: 'refused',
      code: 'too_many_rows',
      message: `一次最多导入 ${MEMBER_IMPORT_LIMITS.maxRows} 行，本文件有 ${dataRows.length} 行，请分批导入`,
    };
  }

  const members: ParsedMember[] = [];
  for (const row of dataRows) {
    const rowErrors: MemberImportRowError[] = [];
    const err = (key: ColumnKey | null, message: string) => rowErrors.push({ row: row.number, column: key ? headerOf(key) : null, message });
    const raw = (key: ColumnKey) => (index.has(key) ? row.getCell(index.get(key)!).value : null);
    const text = (key: ColumnKey) => cellText(raw(key));
    const required = (key: ColumnKey) => {
      const v = text(key);
      if (!v) err(key, '必填');
      return v;
    };
    const date = (key: ColumnKey, isRequired: boolean) => {
      const d = cellDate(raw(key));
      if (d.error) err(key, d.error);
      else if (!d.value && isRequired) err(key, '必填');
      return d.value;
    };

    const name = required('name');
    if (name.length > 50) err('name', '姓名最多 50 个字');
    const genderText = required('gender');
    const gender = GENDER_BY_LABEL[genderText];
    if (genderText && !gender) err('gender', '性别应为“男”或“女”');
    const ethnicity = required('ethnicity');
    if (ethnicity.length > 20) err('ethnicity', '民族最多 20 个字');
    const birthDate = date('birthDate', true);
    const joinDate = date('joinDate', true);
    const fullMemberDate = date('fullMemberDate', false);
    const statusText = required('status');
    const status = STATUS_BY_LABEL[statusText];
    if (statusText && !status) err('status', '党员状态应为“正式党员”或“预备党员”');

    let nationalId: string | null = null;
    const idRaw = raw('nationalId');
    if (typeof idRaw === 'number' && String(idRaw).replace(/\D/g, '').length > 15) {
      err('nationalId', '身份证号被 Excel 存成了数字，末几位已丢失：请将该列设为文本格式后重新填写');
    } else if (text('nationalId')) {
      const r = NationalIdSchema.safeParse(text('nationalId'));
      if (r.success) nationalId = r.data;
      else err('nationalId', firstIssue(r));
    }
    let phone: string | null = null;
    if (text('phone')) {
      const r = MobilePhoneSchema.safeParse(text('phone'));
      if (r.success) phone = r.data;
      else err('phone', firstIssue(r));
    }
    let education: Education | null = null;
    if (text('education')) {
      education = EDUCATION_BY_LABEL[text('education')] ?? null;
      if (!education) err('education', `学历应为：${Object.values(EDUCATION_LABEL).join('、')}`);
    }
    const post = text('post') || null;
    if (post && post.length > 100) err('post', '工作岗位最多 100 个字');

    if (gender && status && birthDate && joinDate) {
      // Cross-field checks too, except on a column that already has its own error.
      const facts: MemberFacts = { gender, birthDate, nationalId, joinDate, status, fullMemberDate };
      const flagged = new Set(rowErrors.map((e) => e.column));
      for (const issue of memberFactIssues(facts, today)) {
        if (!flagged.has(headerOf(issue.field))) err(issue.field, issue.message);
      }
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    members.push({
      row: row.number,
      name,
      gender: gender!,
      ethnicity,
      birthDate: birthDate!,
      nationalId,
      phone,
      education,
      joinDate: joinDate!,
      status: status!,
      fullMemberDate: status === 'full' ? fullMemberDate : null,
      groupName: text('group') || null,
      post,
    });
  }
  return { kind: 'parsed', members, errors };
}

export const columnHeader = headerOf;

// ---------------------------------------------------------------------------------------------
// Export

export type RosterRow = {
  name: string;
  gender: Gender;
  ethnicity: string;
  birthDate: string;
  nationalId: string | null;
  phone: string | null;
  education: Education | null;
  joinDate: string;
  status: MemberStatus;
  fullMemberDate: string | null;
  groupName: string | null;
  post: string | null;
  orgName: string;
  partyYears: number | null;
  flags: Array<keyof typeof MEMBER_FLAG_LABEL>;
};

/** The roster: the template's columns (so it can be imported elsewhere) plus organisation, 党龄 and flags. */
export async function buildRoster(title: string, rows: RosterRow[], masked: boolean): Promise<Buffer> {
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = '智慧党建';
  wb.title = title;
  const ws = wb.addWorksheet(EXPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    ...SHEET_COLUMNS.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width,
      style: c.key === 'nationalId' || c.key === 'phone' ? { numFmt: '@' } : {},
    })),
    { header: '所属党组织', key: 'orgName', width: 24 },
    { header: '党龄', key: 'partyYears', width: 8 },
    { header: '标记', key: 'flags', width: 18 },
  ];
  headerStyle(ws.getRow(1));
  for (const r of rows) {
    ws.addRow({
      name: r.name,
      gender: GENDER_LABEL[r.gender],
      ethnicity: r.ethnicity,
      birthDate: r.birthDate,
      nationalId: r.nationalId ?? '',
      phone: r.phone ?? '',
      education: r.education ? EDUCATION_LABEL[r.education] : '',
      joinDate: r.joinDate,
      status: MEMBER_STATUS_LABEL[r.status],
      fullMemberDate: r.fullMemberDate ?? '',
      group: r.groupName ?? '',
      post: r.post ?? '',
      orgName: r.orgName,
      partyYears: r.partyYears ?? '',
      flags: r.flags.map((f) => MEMBER_FLAG_LABEL[f]).join('、'),
    });
  }
  if (masked) {
    const note = wb.addWorksheet(HELP_SHEET);
    note.getColumn(1).width = 80;
    note.addRow(['本名册中的身份证号码和手机号码已脱敏。']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

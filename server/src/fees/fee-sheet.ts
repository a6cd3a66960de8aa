import type ExcelJS from 'exceljs';
import {
  chinaDateMinute,
  FEE_BILL_STATUS_LABEL,
  FEE_CATEGORY_LABEL,
  FEE_IMPORT_LIMITS,
  FeeCategory,
  feeInputIssues,
  formatRate,
  formatYuan,
  MonthSchema,
  parseYuan,
  UuidSchema,
  yearOfMonth,
  type ArrearsPage,
  type CollectionRow,
  type FeeBill,
  type FeeImportRowError,
  type FeePolicy,
  type YearlyFeeReport,
} from '@dangjian/shared';
import { cellText } from '../common/spreadsheet.js';
import { loadExcelJs } from '../common/lazy-modules.js';

/*
 * Fee spreadsheets: the standards template (pre-filled with the branch's members) and its parser,
 * and the exports. Money is written as yuan text with two decimals (formatYuan): the cells show
 * exactly what the system holds, with no float conversion on the way out. Pure: no I/O, no access.
 */

export const STANDARDS_SHEET = '党费基数';
const HELP_SHEET = '说明';

type Col = { key: 'memberId' | 'name' | 'category' | 'base' | 'farmer' | 'voluntary' | 'effectiveMonth' | 'note' | 'current'; header: string; width: number };
export const STANDARD_COLUMNS: readonly Col[] = [
  { key: 'memberId', header: '党员编号', width: 38 },
  { key: 'name', header: '姓名', width: 12 },
  { key: 'category', header: '人员类别', width: 26 },
  { key: 'base', header: '月计费基数（元）', width: 18 },
  { key: 'farmer', header: '农民党员月交额（元）', width: 20 },
  { key: 'voluntary', header: '自愿月交额（元）', width: 18 },
  { key: 'effectiveMonth', header: '生效月份', width: 12 },
  { key: 'note', header: '备注', width: 24 },
  { key: 'current', header: '当前月交党费（元，仅供参考）', width: 28 },
];
const header = (key: Col['key']) => STANDARD_COLUMNS.find((c) => c.key === key)!.header;
const CATEGORY_BY_LABEL = new Map(Object.entries(FEE_CATEGORY_LABEL).map(([k, v]) => [v, k as FeeCategory]));

export type TemplateRow = {
  memberId: string;
  name: string;
  category: FeeCategory | null;
  baseFen: number | null;
  farmerAmountFen: number | null;
  voluntaryMonthlyFen: number | null;
  monthlyFeeFen: number | null;
};

const yuanCell = (fen: number | null) => (fen === null ? '' : formatYuan(fen));

function headerStyle(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2DEDE' } };
}

const newBook = async () => {
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = '智慧党建';
  return wb;
};

/** The template for a branch and year, one row per member with what is recorded now. */
export async function buildStandardsTemplate(year: number, rows: TemplateRow[], policy: FeePolicy): Promise<Buffer> {
  const wb = await newBook();
  const ws = wb.addWorksheet(STANDARDS_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  ws.columns = STANDARD_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: '@' } }));
  headerStyle(ws.getRow(1));
  for (const r of rows) {
    ws.addRow({
      memberId: r.memberId,
      name: r.name,
      category: r.category ? FEE_CATEGORY_LABEL[r.category] : '',
      base: yuanCell(r.baseFen),
      farmer: yuanCell(r.farmerAmountFen),
      voluntary: yuanCell(r.voluntaryMonthlyFen),
      effectiveMonth: '',
      note: '',
      current: yuanCell(r.monthlyFeeFen),
    });
  }
  const dv = (ws as unknown as { dataValidations: { add: (range: string, v: unknown) => void } }).dataValidations;
  dv.add(`C2:C${Math.max(rows.length, 1) + 1000}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${Object.values(FEE_CATEGORY_LABEL).join(',')}"`],
    showErrorMessage: true,
    errorTitle: '人员类别',
    error: '请从下拉列表中选择',
  });
  const help = wb.addWorksheet(HELP_SHEET);
  help.getColumn(1).width = 110;
  for (const line of [
    `${year} 年党费计费基数与人员类别`,
    '每行一名党员：“党员编号”和“姓名”请勿修改；“人员类别”留空的行不导入。',
    '在职党员填写月工资收入扣除个人所得税、社会保险、住房公积金、企业年金及规定的补贴、不固定奖金后的数额；离退休党员填写基本离退休费。',
    `学生、下岗失业、依靠抚恤或救济生活的党员每月 ${formatYuan(policy.flatMonthlyFen)} 元，不填基数；农民党员每月 ${formatYuan(policy.farmerMinFen)}–${formatYuan(policy.farmerMaxFen)} 元，由党支部确定。`,
    `每月党费超过 ${formatYuan(policy.monthlyCapFen)} 元的按 ${formatYuan(policy.monthlyCapFen)} 元交纳；本人自愿多交的填写“自愿月交额”。`,
    policy.baseRule === 'fixed_for_year'
      ? '计费基数每年核定一次，全年适用；“生效月份”可不填。'
      : '工资变动后重新核定：“生效月份”（YYYY-MM）为新基数开始适用的月份，不填则为本月。',
    '金额以元为单位，最多两位小数。导入时逐行检查，有任何错误则整份文件不导入，并列出全部错误。',
  ]) {
    help.addRow([line]);
  }
  help.getRow(1).font = { bold: true, size: 14 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type ParsedStandard = {
  row: number;
  memberId: string;
  category: FeeCategory;
  baseFen: number | null;
  farmerAmountFen: number | null;
  voluntaryMonthlyFen: number | null;
  effectiveMonth: string | undefined;
  note: string | null;
};

export type StandardsParse =
  { kind: 'refused'; code: 'empty' | 'too_many_rows'; message: string } | { kind: 'parsed'; rows: ParsedStandard[]; errors: FeeImportRowError[] };

/**
 * Reads the standards sheet: every row checked (member of this branch, name matching, category,
 * amounts with at most two decimals, the F1–F4 rules, duplicates), all problems reported.
 */
export function parseStandards(wb: ExcelJS.Workbook, year: number, members: Map<string, { name: string }>, policy: FeePolicy): StandardsParse {
  const ws = wb.getWorksheet(STANDARDS_SHEET) ?? wb.worksheets[0];
  if (!ws) return { kind: 'refused', code: 'empty', message: '文件中没有工作表' };
  const colOf = new Map<string, number>();
  ws.getRow(1).eachCell((cell, n) => colOf.set(cellText(cell.value).replace(/[\s*＊]/g, ''), n));
  const missing = STANDARD_COLUMNS.filter((c) => c.key !== 'current' && !colOf.has(c.header.replace(/\s/g, '')));
  if (missing.length) return { kind: 'refused', code: 'empty', message: `缺少列：${missing.map((c) => c.header).join('、')}。请使用导入模板` };
  const text = (row: ExcelJS.Row, key: Col['key']) => cellText(row.getCell(colOf.get(header(key).replace(/\s/g, ''))!).value);

  const rows: ParsedStandard[] = [];
  const errors: FeeImportRowError[] = [];
  const seen = new Map<string, number>();
  let dataRows = 0;
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const categoryText = text(row, 'category');
    if (!categoryText) continue;
    dataRows += 1;
    if (dataRows > FEE_IMPORT_LIMITS.maxRows) return { kind: 'refused', code: 'too_many_rows', message: `一次最多导入 ${FEE_IMPORT_LIMITS.maxRows} 行` };
    const err = (key: Col['key'] | null, message: string) => errors.push({ row: r, column: key ? header(key) : null, message });
    const before = errors.length;

    const memberId = text(row, 'memberId').toLowerCase();
    const member = UuidSchema.safeParse(memberId).success ? members.get(memberId) : undefined;
    if (!member) err('memberId', '党员编号不是本党支部的党员（请使用本党支部的导入模板）');
    else if (member.name !== text(row, 'name')) err('name', `姓名与党员编号不符（应为“${member.name}”）`);
    const first = seen.get(memberId);
    if (first !== undefined) err('memberId', `与第 ${first} 行是同一名党员`);
    else seen.set(memberId, r);

    const category = CATEGORY_BY_LABEL.get(categoryText) ?? (FeeCategory.safeParse(categoryText).success ? (categoryText as FeeCategory) : undefined);
    if (!category) err('category', `人员类别应为：${Object.values(FEE_CATEGORY_LABEL).join('、')}`);
    const money = (key: 'base' | 'farmer' | 'voluntary') => {
      const t = text(row, key);
      if (!t) return null;
      const fen = parseYuan(t);
      if (fen === null) err(key, '金额格式不正确（以元为单位，最多两位小数）');
      return fen;
    };
    const baseFen = money('base');
    const farmerAmountFen = money('farmer');
    const voluntaryMonthlyFen = money('voluntary');
    const monthText = text(row, 'effectiveMonth');
    let effectiveMonth: string | undefined;
    if (monthText) {
      if (!MonthSchema.safeParse(monthText).success) err('effectiveMonth', '生效月份格式应为 YYYY-MM');
      else if (yearOfMonth(monthText) !== year) err('effectiveMonth', `生效月份须在 ${year} 年内`);
      else effectiveMonth = monthText;
    }
    if (errors.length > before || !category) continue;
    const input = {
      category,
      baseFen: category === 'salaried' || category === 'retiree' ? baseFen : null,
      farmerAmountFen: category === 'farmer' ? farmerAmountFen : null,
      voluntaryMonthlyFen: voluntaryMonthlyFen === 0 ? null : voluntaryMonthlyFen,
    };
    const columnOfField = { baseFen: 'base', farmerAmountFen: 'farmer', voluntaryMonthlyFen: 'voluntary' } as const;
    for (const issue of feeInputIssues(input, policy)) err(columnOfField[issue.field], issue.message);
    if (errors.length > before) continue;
    rows.push({ row: r, memberId, ...input, effectiveMonth, note: text(row, 'note') || null });
  }
  if (dataRows === 0) return { kind: 'refused', code: 'empty', message: '没有可导入的行（“人员类别”留空的行不导入）' };
  return { kind: 'parsed', rows, errors };
}

// ---------------------------------------------------------------------------------------------
// Exports

async function sheet(
  title: string,
  columns: Array<{ header: string; key: string; width: number }>,
  rows: Array<Record<string, string | number>>,
  notes: string[] = [],
) {
  const wb = await newBook();
  wb.title = title;
  const ws = wb.addWorksheet(title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns;
  headerStyle(ws.getRow(1));
  for (const r of rows) ws.addRow(r);
  if (notes.length) {
    const help = wb.addWorksheet(HELP_SHEET);
    help.getColumn(1).width = 100;
    for (const n of notes) help.addRow([n]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function billsSheet(bills: FeeBill[]): Promise<Buffer> {
  return sheet(
    '党费账单',
    [
      { header: '月份', key: 'month', width: 10 },
      { header: '姓名', key: 'name', width: 12 },
      { header: '所属党组织', key: 'org', width: 26 },
      { header: '人员类别', key: 'category', width: 22 },
      { header: '计费基数（元）', key: 'base', width: 16 },
      { header: '应交（元）', key: 'due', width: 12 },
      { header: '状态', key: 'status', width: 8 },
      { header: '交纳时间', key: 'paidAt', width: 20 },
      { header: '收据号', key: 'receipt', width: 16 },
    ],
    bills.map((b) => ({
      month: b.month,
      name: b.memberName,
      org: b.orgName,
      category: FEE_CATEGORY_LABEL[b.category],
      base: yuanCell(b.baseFen),
      due: formatYuan(b.amountDueFen),
      status: FEE_BILL_STATUS_LABEL[b.status],
      paidAt: b.paidAt ? chinaDateMinute(new Date(b.paidAt)) : '',
      receipt: b.receiptNo ?? '',
    })),
    ['金额单位为元，按系统记录的分值精确显示。'],
  );
}

export function arrearsSheet(items: ArrearsPage['items']): Promise<Buffer> {
  return sheet(
    '欠交党费',
    [
      { header: '姓名', key: 'name', width: 12 },
      { header: '所属党组织', key: 'org', width: 26 },
      { header: '未交月数', key: 'months', width: 10 },
      { header: '最长连续未交（月）', key: 'run', width: 18 },
      { header: '欠交金额（元）', key: 'amount', width: 14 },
      { header: '最早未交', key: 'oldest', width: 10 },
      { header: '最近未交', key: 'latest', width: 10 },
      { header: '可补交月数', key: 'payable', width: 12 },
      { header: '审查案件', key: 'case', width: 10 },
    ],
    items.map((a) => ({
      name: a.member.name,
      org: a.org.name,
      months: a.unpaidMonths,
      run: a.longestRun,
      amount: formatYuan(a.amountFen),
      oldest: a.oldestMonth,
      latest: a.latestMonth,
      payable: a.payableMonths,
      case: a.reviewCaseOpen ? '已立案' : '',
    })),
    ['补交党费最多补交 6 个月；连续 6 个月不交纳党费的，由党支部审查处理，系统不自动处置。'],
  );
}

export function collectionSheet(month: string, rows: Array<CollectionRow & { depth: number }>): Promise<Buffer> {
  return sheet(
    `党费收缴统计${month}`,
    [
      { header: '党组织', key: 'org', width: 40 },
      { header: '账单数', key: 'bills', width: 10 },
      { header: '应交（元）', key: 'due', width: 14 },
      { header: '已交（元）', key: 'paid', width: 14 },
      { header: '已结清', key: 'settled', width: 10 },
      { header: '未交', key: 'unpaid', width: 8 },
      { header: '减交', key: 'reduced', width: 8 },
      { header: '免交', key: 'exempt', width: 8 },
      { header: '金额收缴率', key: 'amountRate', width: 12 },
      { header: '人数收缴率', key: 'countRate', width: 12 },
    ],
    rows.map((r) => ({
      org: `${'　'.repeat(r.depth)}${r.org.name}`,
      bills: r.bills,
      due: formatYuan(r.dueFen),
      paid: formatYuan(r.paidFen),
      settled: r.settled,
      unpaid: r.unpaid,
      reduced: r.reduced,
      exempt: r.exempt,
      amountRate: formatRate(r.amountRateBp),
      countRate: formatRate(r.countRateBp),
    })),
    ['每个党组织一行，数字为该组织及其全部下级组织的合计。'],
  );
}

export function yearlySheet(r: YearlyFeeReport): Promise<Buffer> {
  const rows: Array<Record<string, string | number>> = r.months.map((m) => ({
    month: m.month,
    bills: m.bills,
    due: formatYuan(m.dueFen),
    paid: formatYuan(m.paidFen),
    settled: m.settled,
    rate: formatRate(m.amountRateBp),
  }));
  rows.push({
    month: '合计',
    bills: r.totals.bills,
    due: formatYuan(r.totals.dueFen),
    paid: formatYuan(r.totals.paidFen),
    settled: r.totals.settled,
    rate: formatRate(r.totals.amountRateBp),
  });
  return sheet(
    `${r.year}年党费收缴情况`,
    [
      { header: '月份', key: 'month', width: 10 },
      { header: '账单数', key: 'bills', width: 10 },
      { header: '应交（元）', key: 'due', width: 14 },
      { header: '已交（元）', key: 'paid', width: 14 },
      { header: '已结清', key: 'settled', width: 10 },
      { header: '金额收缴率', key: 'rate', width: 12 },
    ],
    rows,
    [
      `${r.org.name} ${r.year} 年党费收缴情况公示`,
      `经批准少交 ${r.reliefs.reduce} 人次，免交 ${r.reliefs.exempt} 人次。`,
      `自愿多交党费 ${r.voluntary.count} 笔，共 ${formatYuan(r.voluntary.amountFen)} 元；其中大额党费 ${r.large.count} 笔，共 ${formatYuan(r.large.amountFen)} 元，已报上级党组织。`,
    ],
  );
}

/** "2025-03-05 14:30" in China time. */

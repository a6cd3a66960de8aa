import { chinaDateMinute, type RequestSummary } from '@dangjian/shared';
import { loadExcelJs } from '../common/lazy-modules.js';

/** China time (no daylight saving: UTC + 8 h), minutes. */
const china = (iso: string | null) => (iso ? chinaDateMinute(new Date(iso)) : '');

const COLUMNS: Array<{ header: string; width: number; value: (r: RequestSummary) => string | number }> = [
  { header: '诉求编号', width: 18, value: (r) => r.number },
  { header: '标题', width: 30, value: (r) => r.title },
  { header: '类别', width: 14, value: (r) => r.categoryLabel },
  { header: '企业', width: 24, value: (r) => r.enterprise?.name ?? '' },
  { header: '提出人', width: 10, value: (r) => r.requester.name },
  { header: '承办部门', width: 12, value: (r) => r.department?.name ?? '' },
  { header: '状态', width: 10, value: (r) => r.stateLabel },
  { header: '提交时间', width: 18, value: (r) => china(r.filedAt) },
  { header: '响应期限', width: 12, value: (r) => r.firstResponseDueOn },
  { header: '办结期限', width: 12, value: (r) => r.resolveDueOn },
  { header: '办结时间', width: 18, value: (r) => china(r.resolvedAt) },
  { header: '是否超期', width: 8, value: (r) => (r.overdue ? '是' : '') },
  { header: '满意度', width: 8, value: (r) => r.rating ?? '' },
  { header: '撤回/不予受理理由', width: 30, value: (r) => r.closingReason ?? '' },
];

/** The request list as .xlsx (times in China time). */
export async function buildRequestSheet(rows: RequestSummary[]): Promise<Buffer> {
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = '智慧党建';
  const ws = wb.addWorksheet('企业诉求', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(COLUMNS.map((c) => c.value(r)));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

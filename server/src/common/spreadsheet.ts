import type ExcelJS from 'exceljs';
import { DateOnlySchema } from '@dangjian/shared';

/*
 * Spreadsheet helpers shared by every .xlsx import and export (member rosters, fee sheets, study
 * assignments): reading cells, checking the container before parsing, the download header.
 */

export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return isoDate(v);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v) return String(v.text).trim();
  }
  return '';
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const pad = (n: string) => n.padStart(2, '0');

/** A date cell: an Excel date, a serial number, or text such as 1990-07-01, 1990/7/1, 1990年7月1日, 19900701. */
export function cellDate(v: ExcelJS.CellValue): { value: string | null; error?: string } {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { value: null, error: '日期无效' } : { value: isoDate(v) };
  if (typeof v === 'number') {
    // Excel's 1900 date system: serial 1 = 1900-01-01, counted from 1899-12-30 for modern dates.
    if (v < 1 || v > 2958465) return { value: null, error: '日期无效' };
    return { value: isoDate(new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86_400_000)) };
  }
  const text = cellText(v);
  if (!text) return { value: null };
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const candidate = m ? `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}` : text;
  return DateOnlySchema.safeParse(candidate).success ? { value: candidate } : { value: null, error: '日期格式应为 YYYY-MM-DD' };
}

/** RFC 6266 / 5987: an ASCII fallback plus the UTF-8 name for clients that read `filename*`. */
export function attachmentDisposition(fileName: string, fallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
/**
 * An .xlsx is a zip: refuse anything else, and refuse archives that would inflate past `maxBytes`
 * (a small upload must not expand into gigabytes in memory). Reads the central directory only.
 */
export function checkXlsxContainer(buf: Buffer, maxBytes = 100 * 1024 * 1024): { ok: true } | { ok: false; message: string } {
  const notXlsx = { ok: false as const, message: '不是有效的 Excel 文件：请上传 .xlsx 格式（不支持 .xls、.csv，可在 Excel 中“另存为 Excel 工作簿”）' };
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) return notXlsx;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return notXlsx;
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return notXlsx;
    const size = buf.readUInt32LE(p + 24);
    if (size === 0xffffffff) return { ok: false, message: '文件内容过大，请分批导入' };
    total += size;
    if (total > maxBytes) return { ok: false, message: '文件内容过大，请分批导入' };
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return { ok: true };
}

import ExcelJS from 'exceljs';

let idCounter = 0;
/** A valid GB 11643 ID for a birth date and sex, different on each call (44,550 per birth date). */
export function nationalId(birthDate: string, gender: 'male' | 'female' = 'female'): string {
  const c = idCounter++;
  const area = 110101 + (Math.floor(c / 450) % 99);
  const seq = 100 + (c % 450) * 2 + (gender === 'male' ? 1 : 0);
  const first17 = `${area}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return first17 + '10X98765432'[sum % 11];
}

/** A multipart/form-data body with one file part, as wx.uploadFile and FormData send it. */
export function multipart(file: Buffer, filename = '党员名单.xlsx', field = 'file', extra: Record<string, string> = {}) {
  const boundary = `----dangjian${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(extra)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
        'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const HEADERS = ['姓名*', '性别*', '民族*', '出生日期*', '身份证号', '手机号码', '学历', '入党日期*', '党员状态*', '转正日期', '党小组', '工作岗位'];

export type SheetRow = {
  姓名?: unknown;
  性别?: unknown;
  民族?: unknown;
  出生日期?: unknown;
  身份证号?: unknown;
  手机号码?: unknown;
  学历?: unknown;
  入党日期?: unknown;
  党员状态?: unknown;
  转正日期?: unknown;
  党小组?: unknown;
  工作岗位?: unknown;
};

/** A roster row that passes every check (override what a test is about). */
export function goodRow(over: SheetRow = {}, n = 0): SheetRow {
  const birth = `198${n % 10}-0${(n % 9) + 1}-1${n % 10}`;
  return {
    姓名: `导入党员${n}`,
    性别: '女',
    民族: '汉族',
    出生日期: birth,
    身份证号: nationalId(birth, 'female'),
    手机号码: `137${String(10_000_000 + n).slice(-8)}`,
    学历: '本科',
    入党日期: '2015-07-01',
    党员状态: '正式党员',
    转正日期: '2016-07-01',
    党小组: '',
    工作岗位: '工程师',
    ...over,
  };
}

/** An .xlsx built the way a person fills the template (headers in row 1). */
export async function buildSheet(rows: SheetRow[], headers = HEADERS, sheetName = '党员信息'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(headers);
  for (const r of rows) {
    ws.addRow(headers.map((h) => (r as Record<string, unknown>)[h.replace('*', '')] ?? null));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function loadWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** A sheet's rows as trimmed texts. */
export function sheetTexts(ws: ExcelJS.Worksheet): string[][] {
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const v = cell.value;
      cells[col - 1] =
        v === null || v === undefined
          ? ''
          : v instanceof Date
            ? v.toISOString().slice(0, 10)
            : typeof v === 'object' && 'richText' in v
              ? v.richText.map((r) => r.text).join('')
              : String(v);
    });
    out.push(Array.from(cells, (c) => c ?? ''));
  });
  return out;
}

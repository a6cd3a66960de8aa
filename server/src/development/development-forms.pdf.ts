import { readFileSync } from 'node:fs';

import type { LetterFont } from '../transfers/transfer-letter.pdf.js';
import { loadPdfKit } from '../common/lazy-modules.js';

/** One row of a form: the step, its date, who recorded it, and an empty line for the signature. */
export type FormRow = { label: string; on: string; note: string; by: string };
export type FormFields = {
  title: string;
  name: string;
  gender: string;
  birthDate: string;
  branch: string;
  enterprise: string;
  stage: string;
  rows: FormRow[];
  printedOn: string;
  signers: string[];
};

const cn = (d: string) => (d ? `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日` : '');
const fontBytes = new Map<string, Buffer>();
const bytesOf = (file: string) => fontBytes.get(file) ?? fontBytes.set(file, readFileSync(file)).get(file)!;

/**
 * A development form printed for signatures (the same pdfkit machinery and CJK font as the transfer
 * letters, T4): the person, each recorded step with its date and notes, and signature lines.
 */
export async function renderDevForm(f: FormFields, font: LetterFont): Promise<Buffer> {
  const doc = new (await loadPdfKit())({ size: 'A4', margins: { top: 40, bottom: 40, left: 48, right: 48 }, info: { Title: `${f.title} ${f.name}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('cjk', bytesOf(font.file), font.family);
  doc.font('cjk');
  const width = doc.page.width - 96;
  doc.fontSize(16).text(f.title, { width, align: 'center' });
  doc.moveDown(0.6);
  doc.fontSize(10.5).text(`姓名：${f.name}    性别：${f.gender}    出生日期：${cn(f.birthDate)}`, { width });
  doc.text(`所在党支部：${f.branch}    工作单位：${f.enterprise || '—'}    当前阶段：${f.stage}`, { width });
  doc.moveDown(0.5);
  const col = [150, 90, width - 150 - 90 - 80, 80];
  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    let x = 48;
    let h = 0;
    doc.fontSize(bold ? 10.5 : 9.5);
    cells.forEach((c, i) => {
      doc.text(c, x + 3, y + 3, { width: col[i]! - 6 });
      h = Math.max(h, doc.y - y + 3);
      x += col[i]!;
    });
    h = Math.max(h, 20);
    x = 48;
    for (const w of col) {
      doc.rect(x, y, w, h).stroke('#444');
      x += w;
    }
    doc.x = 48;
    doc.y = y + h;
    if (doc.y > doc.page.height - 120) doc.addPage();
  };
  row(['步骤', '日期', '情况记录', '经办人'], true);
  for (const r of f.rows) row([r.label, cn(r.on), r.note, r.by]);
  doc.moveDown(1.2);
  for (const s of f.signers) {
    doc.fontSize(10.5).text(`${s}（签字）：____________________    ______年____月____日`, 48, undefined, { width });
    doc.moveDown(0.6);
  }
  doc
    .fontSize(8)
    .fillColor('#666')
    .text(`打印日期：${cn(f.printedOn)}`, { width, align: 'right' });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

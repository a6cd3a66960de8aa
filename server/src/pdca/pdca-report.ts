import { readFileSync } from 'node:fs';
import type { PdcaResults } from '@dangjian/shared';

import type { LetterFont } from '../transfers/transfer-letter.pdf.js';
import { loadExcelJs, loadPdfKit } from '../common/lazy-modules.js';

/*
 * 汇报党委 (K6): the results of a reported plan as a sheet (one row per branch: rank, each rubric item's
 * mean, the average, 约谈 or not, the scorers' comments; a second sheet with the 约谈 records) and as a
 * printable A4 PDF with the same table (pdfkit and the CJK font of the transfer letters).
 */

const num = (v: number | null) => (v === null ? '' : v);
const talkText = (t: PdcaResults['talks'][number]) =>
  t.state === 'held' ? `${t.heldOn ?? ''} ${t.attendees ?? ''}：${t.content ?? ''}；整改：${t.followUp ?? ''}` : t.stateLabel;

export async function resultsSheet(r: PdcaResults): Promise<Buffer> {
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = '智慧党建';
  const ws = wb.addWorksheet('考评结果');
  const items = r.plan.rubric;
  const width = 5 + items.length + 2;
  ws.columns = [{ width: 6 }, { width: 24 }, ...items.map(() => ({ width: 12 })), { width: 10 }, { width: 8 }, { width: 10 }, { width: 10 }, { width: 50 }];
  const last = ws.getColumn(width).letter;
  ws.mergeCells(`A1:${last}1`);
  ws.getCell('A1').value = `${r.plan.orgName} ${r.plan.periodLabel}“${r.plan.title}”考评结果`;
  ws.getCell('A1').font = { size: 14, bold: true };
  ws.mergeCells(`A2:${last}2`);
  ws.getCell('A2').value = `满分 ${r.plan.fullMarks} 分，约谈分数线 ${r.plan.threshold} 分（低于分数线的支部约谈支部书记）　状态：${r.plan.stateLabel}`;
  ws.addRow(['名次', '党支部', ...items.map((i) => `${i.title}（${i.maxScore}）`), '平均分', '评分人', '任务状态', '约谈', '评分意见']).font = { bold: true };
  for (const row of r.rows) {
    ws.addRow([
      num(row.rank),
      row.orgName,
      ...items.map((i) => num(row.items[i.key] ?? null)),
      num(row.average),
      row.scorers,
      row.stateLabel,
      row.below ? '是' : '',
      row.comments.join('\n'),
    ]);
  }
  const talks = wb.addWorksheet('约谈记录');
  talks.columns = [{ width: 24 }, { width: 10 }, { width: 10 }, { width: 12 }, { width: 20 }, { width: 50 }, { width: 40 }];
  talks.addRow(['党支部', '得分', '状态', '约谈日期', '参加人员', '约谈内容', '整改要求']).font = { bold: true };
  for (const t of r.talks) talks.addRow([t.orgName, t.average, t.stateLabel, t.heldOn ?? '', t.attendees ?? '', t.content ?? '', t.followUp ?? '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const fontBytes = new Map<string, Buffer>();
const bytesOf = (file: string) => fontBytes.get(file) ?? fontBytes.set(file, readFileSync(file)).get(file)!;

export async function resultsPdf(r: PdcaResults, font: LetterFont, printedOn: string): Promise<Buffer> {
  const doc = new (await loadPdfKit())({
    size: 'A4',
    layout: 'landscape',
    margins: { top: 36, bottom: 36, left: 40, right: 40 },
    info: { Title: `${r.plan.title} 考评结果` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('cjk', bytesOf(font.file), font.family);
  doc.font('cjk');
  const left = 40;
  const width = doc.page.width - 80;
  doc.fontSize(16).text(`${r.plan.orgName}`, { width, align: 'center' });
  doc.fontSize(14).text(`${r.plan.periodLabel}“${r.plan.title}”考评结果报告`, { width, align: 'center' });
  doc.moveDown(0.5);
  doc
    .fontSize(10)
    .text(
      `满分 ${r.plan.fullMarks} 分；约谈分数线 ${r.plan.threshold} 分；参评支部 ${r.rows.length} 个，其中低于分数线 ${r.rows.filter((x) => x.below).length} 个。`,
      { width },
    );
  doc.moveDown(0.4);

  const items = r.plan.rubric;
  const fixed = [34, 150, 52, 40];
  const itemW = Math.max(40, (width - fixed.reduce((s, w) => s + w, 0)) / Math.max(1, items.length));
  const col = [fixed[0]!, fixed[1]!, ...items.map(() => itemW), fixed[2]!, fixed[3]!];
  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    let x = left;
    let h = 0;
    doc.fontSize(bold ? 9.5 : 9);
    cells.forEach((c, i) => {
      doc.text(c, x + 3, y + 3, { width: col[i]! - 6 });
      h = Math.max(h, doc.y - y + 3);
      x += col[i]!;
    });
    h = Math.max(h, 18);
    x = left;
    for (const w of col) {
      doc.rect(x, y, w, h).stroke('#444');
      x += w;
    }
    doc.x = left;
    doc.y = y + h;
    if (doc.y > doc.page.height - 80) doc.addPage();
  };
  row(['名次', '党支部', ...items.map((i) => `${i.title}（${i.maxScore}）`), '平均分', '约谈'], true);
  for (const x of r.rows)
    row([String(x.rank ?? ''), x.orgName, ...items.map((i) => String(x.items[i.key] ?? '')), String(x.average ?? ''), x.below ? '是' : '']);

  if (r.talks.length) {
    doc.moveDown(0.8);
    doc.fontSize(12).text('约谈情况', left, undefined, { width });
    doc.moveDown(0.3);
    for (const t of r.talks) {
      doc.fontSize(9.5).text(`${t.orgName}（${t.average} 分）：${talkText(t)}`, left, undefined, { width });
      doc.moveDown(0.2);
    }
  }
  doc.moveDown(1);
  doc.fontSize(10).text(`${r.plan.orgName}（盖章）            ______年____月____日`, left, undefined, { width, align: 'right' });
  doc.fontSize(8).fillColor('#666').text(`打印日期：${printedOn}`, { width, align: 'right' });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

import QRCode from 'qrcode';
import { bytesOf, type LetterFont } from '../transfers/transfer-letter.pdf.js';
import { loadPdfKit } from '../common/lazy-modules.js';

/** One printed card: the P1 minimum (no photo on paper, never an ID or phone) and the printed-card QR. */
export type SheetCard = { name: string; orgName: string; statusLabel: string; partyYears: number | null; posts: string[]; verifyUrl: string };
export type CardSheet = { orgName: string; printedOn: string; validUntil: string; cards: SheetCard[] };

const RED = '#c8161d';
const COLS = 2;
const ROWS = 4;
const MARGIN = 36;
const GAP = 14;

/**
 * The branch's cards on A4 sheets, eight to a page (two columns, four rows) with crop outlines, in
 * the transfer letters' CJK font. Each QR opens the public verify page with a `p1` token that runs
 * until `validUntil`; the holder's standing is checked live at every scan (P2).
 */
export async function renderCardSheet(s: CardSheet, font: LetterFont): Promise<Buffer> {
  const qrs = await Promise.all(s.cards.map((c) => QRCode.toBuffer(c.verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 200 })));
  const doc = new (await loadPdfKit())({ size: 'A4', margin: MARGIN, info: { Title: `${s.orgName} 电子党员名片`, Author: s.orgName } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('cjk', bytesOf(font.file), font.family);
  doc.font('cjk');
  const w = (doc.page.width - 2 * MARGIN - (COLS - 1) * GAP) / COLS;
  const h = (doc.page.height - 2 * MARGIN - (ROWS - 1) * GAP) / ROWS;
  if (!s.cards.length) doc.fontSize(12).text(`${s.orgName}暂无在册党员`);
  s.cards.forEach((c, i) => {
    const slot = i % (COLS * ROWS);
    if (i > 0 && slot === 0) doc.addPage();
    const x = MARGIN + (slot % COLS) * (w + GAP);
    const y = MARGIN + Math.floor(slot / COLS) * (h + GAP);
    doc.save().roundedRect(x, y, w, h, 8).lineWidth(0.8).stroke('#bbb').restore();
    doc.save().rect(x, y, w, 26).fill(RED).restore();
    doc
      .fillColor('white')
      .fontSize(11)
      .text('电子党员名片', x + 12, y + 7, { width: w - 24 });
    doc.fillColor('black');
    const textW = w - 130;
    doc.fontSize(16).text(c.name, x + 12, y + 36, { width: textW });
    doc.fontSize(9).fillColor('#333');
    doc.text(c.orgName, x + 12, undefined, { width: textW });
    doc.text(`${c.statusLabel}${c.partyYears !== null ? ` · 党龄 ${c.partyYears} 年` : ''}`, { width: textW });
    for (const p of c.posts.slice(0, 3)) doc.text(p, { width: textW });
    doc.image(qrs[i]!, x + w - 112, y + 34, { width: 100 });
    doc
      .fontSize(7)
      .fillColor('#666')
      .text('扫码核验真伪与当前身份', x + w - 116, y + 136, { width: 108, align: 'center' });
    doc.text(`印制 ${s.printedOn} · 有效至 ${s.validUntil}`, x + 12, y + h - 18, { width: w - 24 });
    doc.fillColor('black');
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

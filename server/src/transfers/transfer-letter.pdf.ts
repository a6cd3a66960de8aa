import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import QRCode from 'qrcode';
import { loadPdfKit } from '../common/lazy-modules.js';

/** What the letter prints (T4): the snapshot taken when it was issued, plus the ID as the reader may see it. */
export type LetterFields = {
  title: string;
  number: string;
  issuingCommittee: string;
  memberName: string;
  gender: string;
  age: number;
  ethnicity: string;
  statusLabel: string;
  nationalId: string;
  fromOrgName: string;
  toOrgName: string;
  feesText: string;
  validityDays: number;
  issuedOn: string;
  validUntil: string;
  memberPhone: string;
  reason: string;
  /** 经办人 of the issuing committee. */
  handledBy: string;
};

export type LetterFont = { file: string; family?: string };
const WQY = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

/**
 * The CJK font: TRANSFER_LETTER_FONT when set (and present); else the Noto Sans Hans OTF shipped by
 * the npm package @embedpdf/fonts-sc (installed with the server, so a fresh machine has it); else
 * Debian's fonts-wqy-microhei. Null when none is found.
 */
export function resolveLetterFont(configured?: { file?: string; family?: string }): LetterFont | null {
  if (configured?.file) return existsSync(configured.file) ? { file: configured.file, family: configured.family } : null;
  try {
    const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
    const otf = path.join(path.dirname(entry), '..', 'fonts', 'NotoSansHans-Regular.otf');
    if (existsSync(otf)) return { file: otf };
  } catch {
    // not installed: fall through
  }
  return existsSync(WQY) ? { file: WQY, family: 'WenQuanYi Micro Hei' } : null;
}

/** Font files read once per process (the OTF is 8 MB; pdfkit embeds only the glyphs used). */
const fontBytes = new Map<string, Buffer>();
export const bytesOf = (file: string) => fontBytes.get(file) ?? fontBytes.set(file, readFileSync(file)).get(file)!;

const cn = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/**
 * The three parts of the official form on one A4 page, separated by cut lines: 存根 (kept by the
 * issuing committee), 介绍信 (carried by the member, with the QR code to verify it) and 回执 (returned
 * by the receiving organisation).
 */
export async function renderLetterPdf(f: LetterFields, verifyUrl: string, font: LetterFont): Promise<Buffer> {
  const qr = await QRCode.toBuffer(verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const doc = new (await loadPdfKit())({
    size: 'A4',
    margins: { top: 36, bottom: 36, left: 48, right: 48 },
    info: { Title: `${f.title} ${f.number}`, Author: f.issuingCommittee },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('cjk', bytesOf(font.file), font.family);
  doc.font('cjk');
  const width = doc.page.width - 96;
  const cut = (label: string) => {
    const y = doc.y + 6;
    doc
      .save()
      .dash(4, { space: 3 })
      .moveTo(48, y)
      .lineTo(48 + width, y)
      .stroke('#999')
      .undash()
      .restore();
    doc
      .fontSize(8)
      .fillColor('#999')
      .text(label, 48, y + 2, { width, align: 'center' })
      .fillColor('black');
    doc.moveDown(0.8);
  };
  const heading = (text: string, sub: string) => {
    doc.fontSize(15).text(text, { width, align: 'center' });
    doc.fontSize(9).text(sub, { width, align: 'right' });
    doc.moveDown(0.3);
  };
  const body = (text: string) => doc.fontSize(10.5).text(text, { width, lineGap: 3 });

  // 存根
  heading(`${f.title}（存根）`, f.number);
  body(
    `${f.memberName}同志（${f.gender}，${f.age}岁，${f.ethnicity}，${f.statusLabel}，身份证号码 ${f.nationalId}），` +
      `由${f.fromOrgName}转到${f.toOrgName}。党费已交到${f.feesText.replace(/^党费已交到\s*/, '')}。有效期 ${f.validityDays} 天。`,
  );
  body(`转接原因：${f.reason}    党员联系电话：${f.memberPhone}    经办人：${f.handledBy}`);
  doc.fontSize(9).text(`${f.issuingCommittee}    ${cn(f.issuedOn)}`, { width, align: 'right' });
  cut('- - - 沿此线剪开 - - -');

  // 介绍信: the text in a column left of the QR code.
  heading(f.title, f.number);
  const column = width - 120;
  const qrTop = doc.y;
  const text = (t: string, align: 'left' | 'right' = 'left') => doc.fontSize(10.5).text(t, 48, undefined, { width: column, lineGap: 3, align });
  text(`${f.toOrgName}：`);
  text(
    `　　兹介绍${f.memberName}同志（${f.gender}，${f.age}岁，${f.ethnicity}，${f.statusLabel}，身份证号码 ${f.nationalId}）` +
      `的党员组织关系由${f.fromOrgName}转去，请接洽。该同志党费已交到${f.feesText.replace(/^党费已交到\s*/, '')}。`,
  );
  text(`　　（有效期 ${f.validityDays} 天，至 ${cn(f.validUntil)}）`);
  text(`　　党员联系电话：${f.memberPhone}`);
  text(`经办人：${f.handledBy}`, 'right');
  text(`${f.issuingCommittee}（盖章）`, 'right');
  text(cn(f.issuedOn), 'right');
  const textEnd = doc.y;
  doc.image(qr, 48 + width - 104, qrTop + 4, { width: 100 });
  doc.fontSize(7).text('扫码核验真伪', 48 + width - 104, qrTop + 106, { width: 100, align: 'center' });
  doc.x = 48;
  doc.y = Math.max(textEnd, qrTop + 122);
  cut('- - - 沿此线剪开 - - -');

  // 回执
  heading(`${f.title}（回执）`, f.number);
  doc.fontSize(10.5).text(`${f.issuingCommittee}：`, { width });
  body(`　　${f.memberName}同志的党员组织关系已转达我处，特此回复。`);
  doc.moveDown(0.5);
  body('接收党组织（盖章）：____________________    经办人：__________    联系电话：______________');
  doc.moveDown(0.3);
  doc.fontSize(10.5).text('______年____月____日', { width, align: 'right' });

  doc.end();
  await done;
  return Buffer.concat(chunks);
}

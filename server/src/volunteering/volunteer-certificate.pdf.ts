import { hoursLabel } from '@dangjian/shared';
import { bytesOf, type LetterFont } from '../transfers/transfer-letter.pdf.js';
import { loadPdfKit } from '../common/lazy-modules.js';

export type CertificateFields = {
  name: string;
  orgName: string;
  year: number;
  totalSeconds: number;
  items: Array<{ day: string; title: string; teamName: string; seconds: number }>;
  issuedOn: string;
};

const cn = (d: string) => `${d.slice(0, 4)}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** 志愿服务证明: the year's credited hours (P4) and the activities they came from, on A4. */
export async function renderCertificatePdf(f: CertificateFields, font: LetterFont): Promise<Buffer> {
  const doc = new (await loadPdfKit())({
    size: 'A4',
    margins: { top: 64, bottom: 56, left: 64, right: 64 },
    info: { Title: `志愿服务证明 ${f.name} ${f.year}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('cjk', bytesOf(font.file), font.family);
  doc.font('cjk');
  const width = doc.page.width - 128;
  doc
    .rect(40, 40, doc.page.width - 80, doc.page.height - 80)
    .lineWidth(2)
    .stroke('#c8102e');
  doc.fontSize(24).fillColor('#c8102e').text('志愿服务证明', { width, align: 'center' }).fillColor('black');
  doc.moveDown(1.2);
  doc
    .fontSize(13)
    .text(`　　兹证明 ${f.name} 同志（${f.orgName}）于 ${f.year} 年参加志愿服务活动 ${f.items.length} 次，累计服务时长 ${hoursLabel(f.totalSeconds)}。`, {
      width,
      lineGap: 6,
    });
  doc.moveDown(0.8);
  doc.fontSize(10.5);
  for (const i of f.items) doc.text(`${cn(i.day)}　${i.teamName}　${i.title}　${hoursLabel(i.seconds)}`, { width, lineGap: 3 });
  doc.moveDown(1.5);
  doc.fontSize(11).text('服务时长按签到至签退计算，每个活动日最多计 8 小时；未签退的由组织者确认。', { width, lineGap: 3 });
  doc.moveDown(2);
  doc.fontSize(12).text(f.orgName, { width, align: 'right' });
  doc.text(cn(f.issuedOn), { width, align: 'right' });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

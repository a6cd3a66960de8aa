import { Injectable } from '@nestjs/common';
import {
  BALLOT_MARK_LABEL,
  CANDIDATE_MODE_LABEL,
  chinaDateMinute,
  ELECTION_KIND_LABEL,
  ELECTION_STATE_LABEL,
  MAJORITY_BASE_LABEL,
  ROUND_KIND_LABEL,
  SCRUTINEER_ROLE_LABEL,
  type ElectionDetail,
  type ElectionRound,
  type ElectionTally,
} from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import { ElectionsService } from './elections.service.js';
import { loadExcelJs } from '../common/lazy-modules.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
const OUTCOME_LABEL = { elected: '当选', runoff: '待再次投票', not_elected: '未当选' } as const;
/** China time, minutes. */
const cnTime = (s: string | null) => (s ? chinaDateMinute(new Date(s)) : '');

/**
 * The result sheet (计票结果报告单): per counted round the ballots issued, collected, valid and
 * invalid, the counts per candidate (赞成/不赞成/弃权, write-ins), the threshold and its base, who is
 * elected, and the scrutineers' signatures over the record's digest. As .xlsx and as a printable page.
 */
@Injectable()
export class ElectionSheetService {
  constructor(private readonly elections: ElectionsService) {}

  async xlsx(auth: AuthContext, id: string): Promise<{ data: Buffer; fileName: string }> {
    const e = await this.elections.detail(auth, id);
    const wb = new (await loadExcelJs()).Workbook();
    wb.creator = 'dangjian';
    const ws = wb.addWorksheet('计票结果');
    ws.columns = [{ width: 18 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 14 }];
    const title = ws.addRow([`${e.title} 计票结果报告单`]);
    title.font = { bold: true, size: 16 };
    ws.mergeCells(title.number, 1, title.number, 6);
    for (const [k, v] of this.header(e)) ws.addRow([k, v]);
    for (const r of e.rounds.filter((x) => x.tally)) {
      const t = r.tally!;
      ws.addRow([]);
      const h = ws.addRow([`第 ${r.number} 轮（${ROUND_KIND_LABEL[r.kind]}）`]);
      h.font = { bold: true, size: 13 };
      ws.addRow(['应到会有选举权人数', r.required ?? '', '实到会', r.presentAtClose ?? '', '应选名额', r.seats]);
      ws.addRow(['发出选票', t.issued, '收回选票', t.collected, '有效票', t.valid]);
      ws.addRow(['无效票', t.invalid, '当选票数', `${t.threshold} 票以上`, '基数', `${MAJORITY_BASE_LABEL[t.majorityBase]} ${t.base}`]);
      const head = ws.addRow(['被选举人', '赞成', '不赞成', '弃权', '另选他人', '结果']);
      head.font = { bold: true };
      for (const row of t.rows)
        ws.addRow([row.name, row.for, row.writeIn ? '' : row.against, row.writeIn ? '' : row.abstain, row.writeIn ? '是' : '', OUTCOME_LABEL[row.outcome]]);
      if (t.void) ws.addRow(['本轮收回票数多于发出票数，选举无效']);
      ws.addRow(['记录摘要 (SHA-256)', r.digest ?? '']);
      for (const s of r.signatures)
        ws.addRow([`${SCRUTINEER_ROLE_LABEL[s.role]}签字`, s.name, cnTime(s.signedAt), s.digest === r.digest ? '摘要一致' : '摘要不一致']);
    }
    ws.addRow([]);
    ws.addRow(['当选人', e.elected.map((x) => x.name).join('、') || '无']);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    return { data, fileName: `${e.title}-计票结果.xlsx` };
  }

  async html(auth: AuthContext, id: string): Promise<string> {
    const e = await this.elections.detail(auth, id);
    const h = escapeHtml;
    const rounds = e.rounds
      .filter((r) => r.tally)
      .map((r) => this.roundHtml(r, r.tally!))
      .join('\n');
    return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${h(e.title)} 计票结果报告单</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", serif; color: #111; max-width: 800px; margin: 24px auto; padding: 0 16px; line-height: 1.6; }
  h1 { text-align: center; font-size: 20pt; color: #b00; border-bottom: 2px solid #b00; padding-bottom: 8px; }
  h2 { font-size: 14pt; margin-top: 24px; }
  table { width: 100%; border-collapse: collapse; margin: 8px 0; }
  th, td { border: 1px solid #333; padding: 5px 8px; text-align: left; }
  th { background: #f6f6f6; white-space: nowrap; }
  td.n { text-align: right; font-variant-numeric: tabular-nums; }
  .digest { font-family: monospace; word-break: break-all; font-size: 9pt; }
  .elected { font-weight: bold; }
  @page { size: A4; margin: 18mm 15mm; }
  @media print { body { margin: 0; max-width: none; } h1 { color: #000; border-color: #000; } section { break-inside: avoid; } }
</style></head>
<body>
<h1>${h(e.title)}<br>计票结果报告单</h1>
<table>${this.header(e)
      .map(([k, v]) => `<tr><th>${h(k)}</th><td>${h(String(v))}</td></tr>`)
      .join('')}</table>
${rounds || '<p>尚未计票。</p>'}
<h2>当选人</h2>
<p class="elected">${e.elected.map((x) => h(x.name)).join('、') || '无'}</p>
</body></html>`;
  }

  private header(e: ElectionDetail): Array<[string, string | number]> {
    return [
      ['组织', e.organisationName],
      ['会议', e.meetingTitle],
      ['选举', `${ELECTION_KIND_LABEL[e.kind]}（${CANDIDATE_MODE_LABEL[e.candidateMode]}）`],
      ['应选名额', e.seats === e.originalSeats ? e.seats : `${e.seats}（原 ${e.originalSeats} 名，经选举人过半数同意减少）`],
      ['选举规则', e.ruleSetLabel],
      ['状态', ELECTION_STATE_LABEL[e.state]],
      [
        '监票人',
        e.scrutineers
          .filter((s) => s.role !== 'counter')
          .map((s) => `${s.name}${s.role === 'chief' ? '（总监票人）' : ''}`)
          .join('、') || '—',
      ],
      [
        '计票人',
        e.scrutineers
          .filter((s) => s.role === 'counter')
          .map((s) => s.name)
          .join('、') || '—',
      ],
      ...(e.approval
        ? [['上级批复', `${e.approval.approved ? '同意' : '不同意'}（${e.approval.reference}，${e.approval.approvedOn}）`] as [string, string]]
        : []),
    ];
  }

  private roundHtml(r: ElectionRound, t: ElectionTally): string {
    const h = escapeHtml;
    const rows = t.rows
      .map(
        (x) =>
          `<tr class="${x.outcome === 'elected' ? 'elected' : ''}"><td>${h(x.name)}${x.writeIn ? '（另选他人）' : ''}</td><td class="n">${x.for}</td><td class="n">${x.writeIn ? '' : x.against}</td><td class="n">${x.writeIn ? '' : x.abstain}</td><td>${OUTCOME_LABEL[x.outcome]}</td></tr>`,
      )
      .join('');
    const sigs = r.signatures
      .map(
        (s) =>
          `<tr><td>${h(SCRUTINEER_ROLE_LABEL[s.role])}</td><td>${h(s.name)}</td><td>${h(cnTime(s.signedAt))}</td><td>${s.digest === r.digest ? '摘要一致' : '摘要不一致'}</td></tr>`,
      )
      .join('');
    return `<section>
<h2>第 ${r.number} 轮（${h(ROUND_KIND_LABEL[r.kind])}）</h2>
<table>
<tr><th>应到会有选举权人数</th><td class="n">${r.required ?? ''}</td><th>实到会</th><td class="n">${r.presentAtClose ?? ''}</td><th>应选名额</th><td class="n">${r.seats}</td></tr>
<tr><th>发出选票</th><td class="n">${t.issued}</td><th>收回选票</th><td class="n">${t.collected}</td><th>有效票</th><td class="n">${t.valid}</td></tr>
<tr><th>无效票</th><td class="n">${t.invalid}</td><th>当选票数</th><td class="n">${t.plurality ? '得票多者' : `${t.threshold} 票以上`}</td><th>基数</th><td>${h(MAJORITY_BASE_LABEL[t.majorityBase])} ${t.base}</td></tr>
</table>
${t.void ? '<p><strong>收回票数多于发出票数，本轮选举无效。</strong></p>' : ''}
<table><tr><th>被选举人</th><th>${BALLOT_MARK_LABEL.for}</th><th>${BALLOT_MARK_LABEL.against}</th><th>${BALLOT_MARK_LABEL.abstain}</th><th>结果</th></tr>${rows}</table>
<p>记录摘要 (SHA-256)：<span class="digest">${h(r.digest ?? '')}</span></p>
<table><tr><th>监票人签字</th><th>姓名</th><th>时间</th><th>核对</th></tr>${sigs || '<tr><td colspan="4">尚未签字</td></tr>'}</table>
</section>`;
  }
}

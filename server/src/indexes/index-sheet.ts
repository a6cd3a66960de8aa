import { INDEX_KEYS, INDEX_LABEL, type IndexEnterpriseRanking, type IndexRanking } from '@dangjian/shared';
import { loadExcelJs } from '../common/lazy-modules.js';

const SOURCE_LABEL = { own: '本企业党组织', joint: '联合党支部', none: '未覆盖' } as const;
const scoreColumns = INDEX_KEYS.map((k) => ({ header: INDEX_LABEL[k], key: k, width: 10 }));

/** 指数排名 (.xlsx): the committee's branches and its ledger's enterprises of one month, by the average of the five (K5). */
export async function buildIndexSheet(branches: Omit<IndexRanking, 'canRecompute'>, enterprises: IndexEnterpriseRanking): Promise<Buffer> {
  const wb = new (await loadExcelJs()).Workbook();
  const b = wb.addWorksheet(`${branches.month} 支部排名`);
  b.columns = [
    { header: '名次', key: 'rank', width: 6 },
    { header: '支部', key: 'org', width: 32 },
    { header: '综合', key: 'overall', width: 8 },
    ...scoreColumns,
  ];
  for (const r of branches.items) b.addRow({ rank: r.rank, org: r.orgName, overall: r.overall, ...r.scores });
  const e = wb.addWorksheet(`${enterprises.month} 企业指数`);
  e.columns = [
    { header: '名次', key: 'rank', width: 6 },
    { header: '企业', key: 'name', width: 32 },
    { header: '得分来源', key: 'source', width: 14 },
    { header: '党组织', key: 'org', width: 32 },
    { header: '共用企业数', key: 'shared', width: 10 },
    { header: '综合', key: 'overall', width: 8 },
    ...scoreColumns,
  ];
  for (const r of enterprises.items)
    e.addRow({
      rank: r.rank,
      name: r.enterpriseName,
      source: SOURCE_LABEL[r.source],
      org: r.orgName ?? '',
      shared: r.sharedBy || '',
      overall: r.overall,
      ...r.scores,
    });
  for (const ws of [b, e]) ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

import {
  chinaMonth,
  GAP_REASON_LABEL,
  GapReason,
  INDEX_KEYS,
  INDEX_LABEL,
  ORG_COVERAGE_LABEL,
  PDCA_PLAN_STATE_LABEL,
  PDCA_PLAN_STATES,
  type IndexEnterpriseRow,
  type IndexRankingRow,
  type LedgerEntry,
  type PdcaPlanSummary,
} from '@dangjian/shared';
import { getEnterpriseIndexes, getIndexRanking, indexSheetUrl } from '@/api/indexes';
import { ledgerExportUrl, listLedger } from '@/api/ledger';
import { listPdcaPlans, pdcaResultsUrl } from '@/api/pdca';
import { openExternal } from '@/platform/open';
import { consoleIndexesUrl } from '../routes';
import type { TableExport } from '../components/DataTable';
import type { Column } from '../components/table-state';
import { copy, loadAll, options, type Loaded, type TableDef } from './common';

/* The committee's oversight lists (issue 15): the enterprise ledger (K1–K3), the index ranking (K5) and the PDCA plans (K6). */

const names = (list: Array<{ name: string }>) => list.map((p) => p.name).join('、');
const COVERAGE = ['own', 'joint', 'none'] as const;

export const ledger: TableDef<LedgerEntry> = {
  title: '企业台账',
  permission: 'ledger.read',
  rowKey: (e) => e.id,
  columns: [
    { key: 'name', title: '企业名称', value: (e) => e.name },
    { key: 'industry', title: '行业', value: (e) => e.industry, hidden: true, width: 120 },
    { key: 'employees', title: '职工数', value: (e) => e.employees, numeric: true, width: 80 },
    { key: 'members', title: '党员数', value: (e) => e.rollMembers + e.declaredMembers, numeric: true, width: 80 },
    { key: 'coverage', title: '组织覆盖', value: (e) => ORG_COVERAGE_LABEL[e.coverage], width: 120 },
    { key: 'instructors', title: '党建指导员', value: (e) => names(e.instructors) || '未选派', width: 100 },
    { key: 'lastVisit', title: '最近走访', value: (e) => e.lastVisitOn, width: 110 },
    { key: 'gaps', title: '待解决', value: (e) => e.gaps.map((g) => GAP_REASON_LABEL[g]).join('；') },
    { key: 'creditCode', title: '统一社会信用代码', value: (e) => e.creditCode, hidden: true, width: 190 },
    { key: 'coveringOrgs', title: '覆盖组织', value: (e) => names(e.coveringOrgs), hidden: true },
    { key: 'liaisons', title: '联络员', value: (e) => names(e.liaisons), hidden: true, width: 110 },
    { key: 'committee', title: '所属党委', value: (e) => e.committeeName, hidden: true },
    { key: 'contact', title: '联系人', value: (e) => [e.contactName, e.contactPhone].filter(Boolean).join(' '), hidden: true, width: 160 },
    { key: 'address', title: '地址', value: (e) => e.address, hidden: true },
    { key: 'foundedOn', title: '成立日期', value: (e) => e.foundedOn, hidden: true, width: 110 },
  ],
  filters: [
    { key: 'coverage', label: '组织覆盖', options: options(COVERAGE, ORG_COVERAGE_LABEL), test: (e, v) => e.coverage === v },
    { key: 'gap', label: '待解决', options: options(GapReason, GAP_REASON_LABEL), test: (e, v) => e.gaps.includes(v as GapReason) },
  ],
  load: (org) => loadAll((page, pageSize) => listLedger({ committeeId: org.orgId, page, pageSize })),
  open: (e) => `/packages/ledger/pages/detail/index?id=${e.id}`,
  bulk: [
    { key: 'copy', label: '复制企业名称', run: (rows) => copy(rows.map((e) => e.name).join('、'), '企业名称') },
    {
      key: 'contacts',
      label: '复制联系人',
      run: (rows) => copy(rows.map((e) => `${e.name} ${[e.contactName, e.contactPhone].filter(Boolean).join(' ') || '无联系人'}`).join('\n'), '联系人'),
    },
  ],
  exports: (org) => [{ key: 'ledger', label: '导出台账', run: async () => openExternal(await ledgerExportUrl(org.orgId), 'spreadsheet') }],
};

/** A ranking row with the committee and month it belongs to (a row opens that committee's 指数分析 on the branch). */
export type RankedBranch = IndexRankingRow & { committeeId: string; committeeName: string; month: string };
const BANDS = [
  { value: 'high', label: '80 分及以上', test: (s: number) => s >= 80 },
  { value: 'mid', label: '60–80 分', test: (s: number) => s >= 60 && s < 80 },
  { value: 'low', label: '60 分以下', test: (s: number) => s < 60 },
] as const;
const score = (s: number | null) => (s === null ? '—' : s.toFixed(1));
/** Both rankings of the month (支部排名, 企业指数) in one workbook. */
export const indexExports = (committeeId: string, month: string): TableExport[] => [
  { key: 'sheet', label: '导出指数排名', run: async () => openExternal(await indexSheetUrl(committeeId, month), 'spreadsheet') },
];
/** 综合 and the five indexes as number columns, for a row of either ranking. */
const scoreColumns = <T extends Pick<IndexRankingRow, 'scores' | 'overall'>>(): Column<T>[] => [
  { key: 'overall', title: '综合', value: (r) => r.overall, display: (r) => score(r.overall), numeric: true, width: 80 },
  ...INDEX_KEYS.map((k) => ({
    key: k,
    title: INDEX_LABEL[k].replace('指数', ''),
    value: (r: T) => r.scores[k],
    display: (r: T) => score(r.scores[k]),
    numeric: true,
    width: 80,
  })),
];

/** The committee's branches of a month by the average of the five (the console's 指数分析 picks the month). */
export async function loadRanking(committeeId: string, month: string): Promise<Loaded<RankedBranch>> {
  const r = await getIndexRanking({ committeeId, month, sort: 'overall', limit: 500 });
  return {
    rows: r.items.map((i) => ({ ...i, committeeId: r.committeeId, committeeName: r.committeeName, month: r.month })),
    truncated: r.total > r.items.length,
  };
}

export const indexes: TableDef<RankedBranch> = {
  title: '五个指数（本月排名）',
  permission: 'index.read',
  rowKey: (r) => r.orgId,
  columns: [
    { key: 'rank', title: '名次', value: (r) => r.rank, numeric: true, width: 70 },
    { key: 'org', title: '支部', value: (r) => r.orgName },
    ...scoreColumns<RankedBranch>(),
  ],
  filters: [
    {
      key: 'band',
      label: '综合',
      options: BANDS.map(({ value, label }) => ({ value, label })),
      test: (r, v) => r.overall !== null && !!BANDS.find((b) => b.value === v)?.test(r.overall),
    },
  ],
  load: (org) => loadRanking(org.orgId, chinaMonth()),
  open: (r) => consoleIndexesUrl(r.committeeId, r.committeeName, r.orgId),
  exports: (org) => indexExports(org.orgId, chinaMonth()),
  bulk: [
    {
      key: 'copy',
      label: '复制支部与综合分',
      run: (rows) => copy(rows.map((r) => `${r.rank}. ${r.orgName} ${score(r.overall)}`).join('\n'), '名单'),
    },
  ],
};

type RankedEnterprise = IndexEnterpriseRow & { committeeId: string; committeeName: string };
const SOURCE_LABEL: Record<IndexEnterpriseRow['source'], string> = { own: '本企业党组织', joint: '联合党支部', none: '未覆盖' };

/** K5 per enterprise: each ledger enterprise with the scores of the organisation covering it (a joint branch's are shared). */
export const enterpriseIndexes: TableDef<RankedEnterprise> = {
  title: '企业指数（本月）',
  permission: 'index.read',
  rowKey: (r) => r.enterpriseId,
  columns: [
    { key: 'rank', title: '名次', value: (r) => r.rank, numeric: true, width: 70 },
    { key: 'enterprise', title: '企业', value: (r) => r.enterpriseName },
    {
      key: 'source',
      title: '得分来源',
      value: (r) => (r.source === 'joint' ? `${SOURCE_LABEL.joint}（${r.sharedBy} 家共用）` : SOURCE_LABEL[r.source]),
      width: 200,
    },
    { key: 'org', title: '党组织', value: (r) => r.orgName, hidden: true },
    ...scoreColumns<RankedEnterprise>(),
  ],
  filters: [{ key: 'source', label: '得分来源', options: options(['own', 'joint', 'none'] as const, SOURCE_LABEL), test: (r, v) => r.source === v }],
  load: async (org) => {
    const r = await getEnterpriseIndexes({ committeeId: org.orgId, month: chinaMonth(), sort: 'overall', limit: 500 });
    return { rows: r.items.map((i) => ({ ...i, committeeId: r.committeeId, committeeName: r.committeeName })), truncated: r.total > r.items.length };
  },
  exports: (org) => indexExports(org.orgId, chinaMonth()),
  // The organisation whose scores these are, in 指数分析; an enterprise no organisation covers: its ledger entry.
  open: (r) => (r.orgId ? consoleIndexesUrl(r.committeeId, r.committeeName, r.orgId) : `/packages/ledger/pages/detail/index?id=${r.enterpriseId}`),
  bulk: [
    {
      key: 'copy',
      label: '复制企业与综合分',
      run: (rows) => copy(rows.map((r) => `${r.enterpriseName} ${score(r.overall)}`).join('\n'), '名单'),
    },
  ],
};

const tasks = (p: PdcaPlanSummary, ...states: string[]) => states.reduce((n, s) => n + (p.counts[s] ?? 0), 0);
const isReported = (p: PdcaPlanSummary) => p.state === 'reported' || p.state === 'closed';
const exportResults = (format: 'xlsx' | 'pdf') => async (rows: PdcaPlanSummary[]) => {
  // The sheet and the PDF are what went upward: only reported plans have them.
  for (const p of rows.filter(isReported)) await openExternal(await pdcaResultsUrl(p.id, format), format === 'xlsx' ? 'spreadsheet' : 'pdf');
};

export const pdca: TableDef<PdcaPlanSummary> = {
  title: 'PDCA 考评',
  permission: 'pdca.manage',
  rowKey: (p) => p.id,
  columns: [
    { key: 'title', title: '考评任务', value: (p) => p.title },
    { key: 'period', title: '周期', value: (p) => p.periodLabel, width: 120 },
    { key: 'state', title: '状态', value: (p) => p.stateLabel, width: 90 },
    { key: 'dueOn', title: '截止日期', value: (p) => p.dueOn, width: 110 },
    { key: 'branches', title: '支部数', value: (p) => tasks(p, 'assigned', 'submitted', 'returned', 'accepted', 'scored'), numeric: true, width: 80 },
    { key: 'submitted', title: '已提交', value: (p) => tasks(p, 'submitted', 'accepted', 'scored'), numeric: true, width: 80 },
    { key: 'scored', title: '已评分', value: (p) => tasks(p, 'scored'), numeric: true, width: 80 },
    { key: 'threshold', title: '约谈线', value: (p) => p.threshold, numeric: true, hidden: true, width: 80 },
    { key: 'fullMarks', title: '满分', value: (p) => p.fullMarks, numeric: true, hidden: true, width: 70 },
    { key: 'org', title: '党委', value: (p) => p.orgName, hidden: true },
  ],
  filters: [{ key: 'state', label: '状态', options: options(PDCA_PLAN_STATES, PDCA_PLAN_STATE_LABEL), test: (p, v) => p.state === v }],
  load: async (org) => ({ rows: (await listPdcaPlans(org.orgId)).items, truncated: false }),
  open: (p) => `/packages/pdca/pages/plan/index?id=${p.id}`,
  bulk: [
    { key: 'xlsx', label: '导出考评表（已汇报）', run: exportResults('xlsx') },
    { key: 'pdf', label: '导出 PDF（已汇报）', run: exportResults('pdf') },
  ],
};

import { GAP_REASON_LABEL, ORG_COVERAGE_LABEL, type LedgerEntry } from '@dangjian/shared';
import type { TagTone } from '@/components/Card';

/** Tag tone of an entry's organisation coverage (K2). */
export const COVERAGE_TONE: Record<LedgerEntry['coverage'], TagTone> = { own: 'success', joint: 'gold', none: 'warning' };
export const coverageLabel = (c: LedgerEntry['coverage']) => ORG_COVERAGE_LABEL[c];
export const gapText = (e: Pick<LedgerEntry, 'gaps'>) => e.gaps.map((g) => GAP_REASON_LABEL[g]).join('；');
/** A rate in per cent, or a dash when the ledger is empty. */
export const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
export const names = (list: Array<{ name: string }>) => (list.length ? list.map((p) => p.name).join('、') : '未选派');

import { Injectable, StreamableFile } from '@nestjs/common';
import {
  chinaMonth,
  explainChange,
  formatMonthCn,
  formulaText,
  INDEX_KEYS,
  INDEX_LABEL,
  monthIndex,
  monthsEnding,
  previousMonth,
  rangeText,
  roundScore,
  weights,
  type IndexBranchScores,
  type IndexDefinition,
  type IndexDefinitionList,
  type IndexEnterpriseRanking,
  type IndexExplainQuery,
  type IndexExplanation,
  type IndexSheetQuery,
  type IndexKey,
  type IndexMetricList,
  type IndexMonthQuery,
  type IndexRanking,
  type IndexRankingQuery,
  type IndexRankingRow,
  type PublishIndexDefinitionDto,
  type RankingSort,
  type RecomputeIndexesDto,
  type RecomputeResult,
} from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { attachmentDisposition } from '../common/spreadsheet.js';
import { XLSX_MIME } from '../common/upload.js';
import { notFound } from '../common/domain-error.js';
import { INDEX_METRIC_BY_KEY, INDEX_METRICS } from './index-metrics.js';
import { buildIndexSheet } from './index-sheet.js';
import { IndexErrors } from './indexes.errors.js';
import { IndexesRepository, type DefinitionRow } from './indexes.repository.js';

const CHINA_OFFSET_MS = 8 * 3600_000;
/** The first instant of a month in China time (no daylight saving there). */
const monthStart = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1) - CHINA_OFFSET_MS);
};
const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
const metricOf = (key: string) => INDEX_METRIC_BY_KEY.get(key) ?? { key, label: key, unit: '', description: '（该指标已下线）' };
const isUniqueViolation = (e: unknown) => ((e as { driverError?: { code?: string } }).driverError ?? (e as { code?: string })).code === '23505';
const TREND_MONTHS = 12;
/** A sheet holds the whole committee (the province's 34,000 branches fit in one worksheet). */
const SHEET_ROWS = 100_000;

/** K5 five indexes: definitions as versioned data, monthly snapshots, rankings, trends and "why it changed". */
@Injectable()
export class IndexesService {
  constructor(
    private readonly repo: IndexesRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  metrics(): IndexMetricList {
    return { items: INDEX_METRICS.map(({ key, label, unit, description }) => ({ key, label, unit, description })) };
  }

  /** The definitions in force for the committee this month, and every version it and the platform published. */
  async definitions(auth: AuthContext, committeeId: string): Promise<IndexDefinitionList> {
    const path = await this.access.requireOrg(auth, 'index.read', committeeId);
    const org = (await this.repo.org(committeeId))!;
    const current = await this.repo.inForce(path, this.month());
    const currentIds = new Set(current.map((d) => d.id));
    const history = (await this.repo.history(committeeId)).filter((d) => !currentIds.has(d.id));
    return {
      current: current.map((d) => this.definitionView(d)),
      history: history.map((d) => this.definitionView(d)),
      canEdit: org.kind === 'committee' && this.access.can(auth, 'index.manage', path),
    };
  }

  /** A new version of one index for the committee, effective from the current month or later; earlier months keep theirs. */
  async publish(auth: AuthContext, dto: PublishIndexDefinitionDto): Promise<IndexDefinition> {
    const path = await this.access.requireOrg(auth, 'index.manage', dto.committeeId);
    const org = (await this.repo.org(dto.committeeId))!;
    if (org.kind !== 'committee') throw IndexErrors.notACommittee();
    for (const t of dto.terms) if (!INDEX_METRIC_BY_KEY.has(t.metric)) throw IndexErrors.unknownMetric(t.metric);
    if (monthIndex(dto.effectiveMonth) < monthIndex(this.month())) throw IndexErrors.pastMonth(dto.effectiveMonth);
    const terms = dto.terms.map(({ metric, weight, low, high }) => ({ metric, weight, low, high }));
    let id: string;
    try {
      id = await this.repo.transaction(async (tx) => {
        const newId = await this.repo.insertDefinition(tx, { ...dto, terms, createdBy: auth.userId });
        await this.audit.record(
          auth,
          {
            action: 'index.definition.publish',
            objectType: 'index_definition',
            objectId: newId,
            orgPath: path,
            details: { indexKey: dto.indexKey, effectiveMonth: dto.effectiveMonth, terms },
          },
          tx,
        );
        return newId;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw IndexErrors.versionConflict();
      throw e;
    }
    return this.definitionView((await this.repo.definition(id))!);
  }

  /** The committee's branches ranked on one month (by one index or the average of the five). */
  async ranking(auth: AuthContext, q: IndexRankingQuery): Promise<IndexRanking> {
    const path = await this.access.requireOrg(auth, 'index.read', q.committeeId);
    return {
      ...(await this.rankingOf(q.committeeId, path, q.month ?? this.month(), q.sort, q.limit)),
      canRecompute: this.access.can(auth, 'index.manage', path),
    };
  }

  /**
   * K5 per enterprise: the committee's ledger enterprises with the scores of the organisation that
   * covers each (its own, or a joint branch's shared scores), ranked (docs/modules/indexes.md).
   */
  async enterpriseRanking(auth: AuthContext, q: IndexRankingQuery): Promise<IndexEnterpriseRanking> {
    const path = await this.access.requireOrg(auth, 'index.read', q.committeeId);
    return this.enterprisesOf(q.committeeId, path, q.month ?? this.month(), q.sort, q.limit);
  }

  /** 指数排名 (.xlsx): every branch and every ledger enterprise of the committee in the month. */
  async rankingSheet(auth: AuthContext, q: IndexSheetQuery): Promise<StreamableFile> {
    const path = await this.access.requireOrg(auth, 'index.read', q.committeeId);
    const month = q.month ?? this.month();
    const [branches, enterprises] = await Promise.all([
      this.rankingOf(q.committeeId, path, month, 'overall', SHEET_ROWS),
      this.enterprisesOf(q.committeeId, path, month, 'overall', SHEET_ROWS),
    ]);
    const buf = await buildIndexSheet(branches, enterprises);
    const name = `指数排名-${branches.committeeName}-${month}.xlsx`;
    return new StreamableFile(buf, { type: XLSX_MIME, disposition: attachmentDisposition(name, `indexes-${month}.xlsx`), length: buf.length });
  }

  private async enterprisesOf(committeeId: string, path: string, month: string, sort: RankingSort, limit: number): Promise<IndexEnterpriseRanking> {
    const org = (await this.repo.org(committeeId))!;
    const rows = await this.repo.enterpriseRanking(path, month, sort, limit);
    return {
      committeeId,
      committeeName: org.name,
      month,
      sort,
      total: rows[0]?.total ?? 0,
      scored: rows[0]?.scored ?? 0,
      items: rows.map((r) => ({
        rank: r.rank,
        enterpriseId: r.enterpriseId,
        enterpriseName: r.enterpriseName,
        source: r.orgId === null ? 'none' : r.isJoint ? 'joint' : 'own',
        orgId: r.orgId,
        orgName: r.orgName,
        sharedBy: r.orgId === null ? 0 : r.sharedBy,
        scores: { innovation: r.innovation, development: r.development, growth: r.growth, vitality: r.vitality, happiness: r.happiness },
        overall: r.overall,
      })),
    };
  }

  /**
   * For the big screen (console, read by a signed link, so no caller): the committee's top `n`
   * branches of a month by the average of the five indexes.
   */
  async topRanking(committeeId: string, month: string = this.month(), n = 10): Promise<Omit<IndexRanking, 'canRecompute'>> {
    const org = await this.repo.org(committeeId);
    if (!org) throw notFound('组织');
    return this.rankingOf(committeeId, org.path, month, 'overall', n);
  }

  /** A branch's five scores of the month with their change and rank, and twelve months of trend. */
  async branch(auth: AuthContext, orgId: string, q: IndexMonthQuery): Promise<IndexBranchScores> {
    const path = await this.access.requireOrg(auth, 'index.read', orgId);
    const org = (await this.repo.org(orgId))!;
    const month = q.month ?? this.month();
    const months = monthsEnding(month, TREND_MONTHS);
    const snaps = await this.repo.snapshots(orgId, months);
    const at = (m: string, k: IndexKey) => snaps.find((s) => s.month === m && s.indexKey === k) ?? null;
    const committee = await this.repo.nearestCommittee(path);
    const ranks = committee ? await this.repo.ranksWithin(committee.path, orgId, month) : [];
    const prev = previousMonth(month);
    return {
      orgId,
      orgName: org.name,
      month,
      scores: INDEX_KEYS.map((k) => {
        const cur = at(month, k);
        const before = at(prev, k);
        const r = ranks.find((x) => x.indexKey === k);
        return {
          indexKey: k,
          label: INDEX_LABEL[k],
          score: cur?.score ?? null,
          previous: before?.score ?? null,
          delta: cur && before ? roundScore(cur.score - before.score) : null,
          rank: r?.rank ?? null,
          of: r?.of ?? null,
          version: cur?.version ?? null,
        };
      }),
      trend: { months, rows: INDEX_KEYS.map((k) => ({ indexKey: k, label: INDEX_LABEL[k], values: months.map((m) => at(m, k)?.score ?? null) })) },
    };
  }

  /** One score explained: the formula it was computed with, each metric's value and contribution, and what changed since the month before. */
  async explain(auth: AuthContext, orgId: string, q: IndexExplainQuery): Promise<IndexExplanation> {
    await this.access.requireOrg(auth, 'index.read', orgId);
    const org = (await this.repo.org(orgId))!;
    const month = q.month ?? this.month();
    const snaps = await this.repo.snapshots(orgId, [previousMonth(month), month], q.index);
    const cur = snaps.find((s) => s.month === month) ?? null;
    const prev = snaps.find((s) => s.month !== month) ?? null;
    const definition = cur ? await this.repo.definition(cur.definitionId) : null;
    const changes = cur
      ? explainChange(cur.parts, prev?.parts ?? null).map((c) => {
          const m = metricOf(c.metric);
          return { ...c, label: m.label, unit: m.unit };
        })
      : [];
    const label = INDEX_LABEL[q.index];
    let summary = `${formatMonthCn(month)}尚未计算${label}`;
    if (cur) {
      summary = `${formatMonthCn(month)}${label} ${cur.score} 分`;
      if (prev) {
        const delta = roundScore(cur.score - prev.score);
        const top = changes.find((c) => c.contributionDelta);
        summary +=
          delta === 0
            ? '，与上月持平'
            : `，比上月${delta > 0 ? '上升' : '下降'} ${Math.abs(delta)} 分` +
              (top ? `，主要因为“${top.label}”${top.contributionDelta! > 0 ? '加' : '减'}了 ${Math.abs(top.contributionDelta!)} 分` : '');
      }
    }
    return {
      orgId,
      orgName: org.name,
      month,
      indexKey: q.index,
      indexLabel: label,
      score: cur?.score ?? null,
      previousScore: prev?.score ?? null,
      definition: definition ? this.definitionView(definition) : null,
      changes,
      summary,
    };
  }

  /** On demand by a committee worker: the month (default the current one) for the branches of the committee's subtree. */
  async recompute(auth: AuthContext, dto: RecomputeIndexesDto): Promise<RecomputeResult> {
    const path = await this.access.requireOrg(auth, 'index.manage', dto.committeeId);
    const month = dto.month ?? this.month();
    if (monthIndex(month) > monthIndex(this.month())) throw IndexErrors.futureMonth(month);
    const organisations = await this.repo.recompute(month, monthStart(month), monthStart(nextMonth(month)), path);
    return { month, organisations, computedAt: this.clock.now().toISOString() };
  }

  /** The interval job: one month for every branch on the platform. */
  recomputeAll(month: string): Promise<number> {
    return this.repo.recompute(month, monthStart(month), monthStart(nextMonth(month)), null);
  }

  month(): string {
    return chinaMonth(this.clock.now());
  }

  private async rankingOf(committeeId: string, path: string, month: string, sort: RankingSort, limit: number): Promise<Omit<IndexRanking, 'canRecompute'>> {
    const org = (await this.repo.org(committeeId))!;
    const rows = await this.repo.ranking(path, month, sort, limit);
    const items: IndexRankingRow[] = rows.map((r) => ({
      rank: r.rank,
      orgId: r.orgId,
      orgName: r.orgName,
      scores: { innovation: r.innovation, development: r.development, growth: r.growth, vitality: r.vitality, happiness: r.happiness },
      overall: r.overall,
    }));
    return {
      committeeId,
      committeeName: org.name,
      month,
      sort,
      total: rows[0]?.total ?? 0,
      items,
      computedAt: rows[0]?.computedAt ? new Date(rows[0].computedAt).toISOString() : null,
    };
  }

  private definitionView(d: DefinitionRow): IndexDefinition {
    const shares = weights(d.terms);
    return {
      id: d.id,
      indexKey: d.indexKey,
      indexLabel: INDEX_LABEL[d.indexKey],
      version: d.version,
      committeeId: d.committeeId,
      committeeName: d.committeeName,
      isDefault: d.committeeId === null,
      effectiveMonth: d.effectiveMonth,
      terms: d.terms.map((t, i) => {
        const m = metricOf(t.metric);
        return { ...t, label: m.label, unit: m.unit, description: m.description, sharePercent: roundScore(shares[i]! * 100), rangeText: rangeText(t, m.unit) };
      }),
      formula: formulaText(d.terms, (k) => metricOf(k).label),
      note: d.note,
      createdAt: new Date(d.createdAt).toISOString(),
    };
  }
}

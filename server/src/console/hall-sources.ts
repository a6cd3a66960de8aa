import { Injectable } from '@nestjs/common';
import type { HallCoverage, HallRanking } from '@dangjian/shared';
import { IndexesService } from '../indexes/indexes.service.js';
import { CoverageService } from '../ledger/coverage.service.js';
import type { HallCoverageSource, HallRankingSource, HallScope } from './hall-summaries.js';

/** Percent with one decimal (the ledger's rates) → basis points (the screen's). */
const bp = (percent: number | null) => (percent === null ? null : Math.round(percent * 100));

/** K2–K4 from the ledger: the area's organisation and work coverage against the year's targets. */
@Injectable()
export class LedgerHallCoverage implements HallCoverageSource {
  constructor(private readonly coverage: CoverageService) {}

  async hallCoverage(scope: HallScope): Promise<HallCoverage | null> {
    const s = await this.coverage.bigScreenSummary(scope.orgId);
    if (!s.enterprises) return null;
    return {
      year: s.target.year,
      enterprises: s.enterprises,
      items: [
        { key: 'org', label: '组织覆盖率', covered: s.orgCovered, rateBp: bp(s.orgRate), targetBp: s.target.orgTarget * 100 },
        { key: 'work', label: '工作覆盖率', covered: s.workCovered, rateBp: bp(s.workRate), targetBp: s.target.workTarget * 100 },
      ],
    };
  }
}

/** K5 from the indexes: the area's branches of this month by the average of the five indexes. */
@Injectable()
export class IndexesHallRanking implements HallRankingSource {
  constructor(private readonly indexes: IndexesService) {}

  async hallRanking(scope: HallScope, top: number): Promise<HallRanking | null> {
    const r = await this.indexes.topRanking(scope.orgId, undefined, top);
    const items = r.items.flatMap((i) => (i.overall === null ? [] : [{ rank: i.rank, orgId: i.orgId, name: i.orgName, score: i.overall, change: null }]));
    return items.length ? { month: r.month, indexName: '五个指数平均', items } : null;
  }
}

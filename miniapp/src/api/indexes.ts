import type {
  IndexBranchScores,
  IndexDefinition,
  IndexDefinitionList,
  IndexEnterpriseRanking,
  IndexExplainQuery,
  IndexExplanation,
  IndexMetricList,
  IndexMonthQuery,
  IndexRanking,
  IndexRankingQuerySchema,
  PublishIndexDefinitionSchema,
  RecomputeIndexesDto,
  RecomputeResult,
} from '@dangjian/shared';
import type { z } from 'zod';
import { request } from './client';
import { authedUrl } from './links';
import type { QueryOf } from './query';

/** 五个指数 (K5, server/src/indexes): rankings, a branch's scores and why, definitions. */
export const getIndexRanking = (q: QueryOf<typeof IndexRankingQuerySchema> & { limit?: number }) => request<IndexRanking>('/indexes/ranking', { query: q });

/** K5 per enterprise: the committee's ledger enterprises with the scores of the organisation covering each. */
export const getEnterpriseIndexes = (q: QueryOf<typeof IndexRankingQuerySchema> & { limit?: number }) =>
  request<IndexEnterpriseRanking>('/indexes/enterprises', { query: q });

/** 指数排名 (.xlsx): the committee's branches and enterprises of the month, as a link carrying the token. */
export const indexSheetUrl = (committeeId: string, month: string) =>
  authedUrl(`/indexes/ranking.xlsx?committeeId=${encodeURIComponent(committeeId)}&month=${month}`, { fresh: true });

export const getBranchIndexes = (orgId: string, q: IndexMonthQuery) => request<IndexBranchScores>(`/indexes/orgs/${encodeURIComponent(orgId)}`, { query: q });

export const explainIndex = (orgId: string, q: IndexExplainQuery) =>
  request<IndexExplanation>(`/indexes/orgs/${encodeURIComponent(orgId)}/explain`, { query: q });

export const getIndexDefinitions = (committeeId: string) => request<IndexDefinitionList>('/indexes/definitions', { query: { committeeId } });

export const getIndexMetrics = () => request<IndexMetricList>('/indexes/metrics');

export const publishIndexDefinition = (body: z.input<typeof PublishIndexDefinitionSchema>) =>
  request<IndexDefinition>('/indexes/definitions', { method: 'POST', body });

export const recomputeIndexes = (body: RecomputeIndexesDto) => request<RecomputeResult>('/indexes/recompute', { method: 'POST', body });

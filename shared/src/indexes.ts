import { z } from 'zod';
import { UuidSchema } from './common.js';
import { MonthSchema } from './fees.js';
import { INDEX_KEYS } from './rules/index-rules.js';

/*
 * K5 Five indexes (issue 15). Definitions are versioned data published by a committee; scores are
 * monthly snapshots per branch computed on the server; every score carries the formula it was
 * computed with and the metric values, so whoever reads it can see why.
 */

export const IndexKeySchema = z.enum(INDEX_KEYS);
/** Rankings sort by one index or by the average of the five (综合). */
export const RankingSortSchema = z.enum([...INDEX_KEYS, 'overall']);
export type RankingSort = z.infer<typeof RankingSortSchema>;

const MetricKeySchema = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { message: '指标代码格式不正确' });

export const IndexTermInputSchema = z
  .object({
    metric: MetricKeySchema,
    /** Relative weight; shares are weight ÷ the sum of the weights. */
    weight: z.number().int().min(1, { message: '权重至少为 1' }).max(100, { message: '权重至多为 100' }),
    /** The value scoring 0 and the value scoring full marks (high < low: fewer is better). */
    low: z.number().min(-1e6).max(1e6),
    high: z.number().min(-1e6).max(1e6),
  })
  .refine((t) => t.low !== t.high, { message: '满分值与零分值不能相同', path: ['high'] })
  .meta({ id: 'IndexTermInput' });
export type IndexTermInput = z.infer<typeof IndexTermInputSchema>;

export const PublishIndexDefinitionSchema = z
  .object({
    committeeId: UuidSchema,
    indexKey: IndexKeySchema,
    /** First month computed with this version: the current month or later (past snapshots keep theirs). */
    effectiveMonth: MonthSchema,
    terms: z
      .array(IndexTermInputSchema)
      .min(1, { message: '至少选择一个指标' })
      .max(12, { message: '至多 12 个指标' })
      .refine((ts) => new Set(ts.map((t) => t.metric)).size === ts.length, { message: '同一指标只能出现一次' }),
    note: z.string().trim().max(200).nullable().default(null),
  })
  .meta({ id: 'PublishIndexDefinition' });
export type PublishIndexDefinitionDto = z.infer<typeof PublishIndexDefinitionSchema>;

export const IndexMetricSchema = z.object({ key: z.string(), label: z.string(), unit: z.string(), description: z.string() }).meta({ id: 'IndexMetric' });
export type IndexMetric = z.infer<typeof IndexMetricSchema>;
export const IndexMetricListSchema = z.object({ items: z.array(IndexMetricSchema) }).meta({ id: 'IndexMetricList' });
export type IndexMetricList = z.infer<typeof IndexMetricListSchema>;

export const IndexTermSchema = z
  .object({
    metric: z.string(),
    label: z.string(),
    unit: z.string(),
    description: z.string(),
    weight: z.number(),
    /** weight ÷ Σ weights, in percent. */
    sharePercent: z.number(),
    low: z.number(),
    high: z.number(),
    /** The normalisation in words. */
    rangeText: z.string(),
  })
  .meta({ id: 'IndexTerm' });
export type IndexTerm = z.infer<typeof IndexTermSchema>;

export const IndexDefinitionSchema = z
  .object({
    id: UuidSchema,
    indexKey: IndexKeySchema,
    indexLabel: z.string(),
    version: z.number().int(),
    /** null: the platform default (K5 [?]), used by committees that published none. */
    committeeId: UuidSchema.nullable(),
    committeeName: z.string().nullable(),
    isDefault: z.boolean(),
    effectiveMonth: MonthSchema,
    terms: z.array(IndexTermSchema),
    /** e.g. "得分 = 100 × (40% × 组织生活达标 + 60% × 发展党员)". */
    formula: z.string(),
    note: z.string().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'IndexDefinition' });
export type IndexDefinition = z.infer<typeof IndexDefinitionSchema>;

export const IndexDefinitionListQuerySchema = z.object({ committeeId: UuidSchema }).meta({ id: 'IndexDefinitionListQuery' });
export type IndexDefinitionListQuery = z.infer<typeof IndexDefinitionListQuerySchema>;
export const IndexDefinitionListSchema = z
  .object({
    /** The version in force this month for each of the five indexes, then the earlier and later versions, newest first. */
    current: z.array(IndexDefinitionSchema),
    history: z.array(IndexDefinitionSchema),
    canEdit: z.boolean(),
  })
  .meta({ id: 'IndexDefinitionList' });
export type IndexDefinitionList = z.infer<typeof IndexDefinitionListSchema>;

const ScoresSchema = z.object({
  innovation: z.number().nullable(),
  development: z.number().nullable(),
  growth: z.number().nullable(),
  vitality: z.number().nullable(),
  happiness: z.number().nullable(),
});

export const IndexRankingQuerySchema = z
  .object({
    committeeId: UuidSchema,
    /** Default: the current month. */
    month: MonthSchema.optional(),
    sort: RankingSortSchema.default('overall'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .meta({ id: 'IndexRankingQuery' });
export type IndexRankingQuery = z.infer<typeof IndexRankingQuerySchema>;

export const IndexRankingRowSchema = z
  .object({
    rank: z.number().int(),
    orgId: UuidSchema,
    orgName: z.string(),
    scores: ScoresSchema,
    /** The average of the five. */
    overall: z.number().nullable(),
  })
  .meta({ id: 'IndexRankingRow' });
export type IndexRankingRow = z.infer<typeof IndexRankingRowSchema>;

export const IndexRankingSchema = z
  .object({
    committeeId: UuidSchema,
    committeeName: z.string(),
    month: MonthSchema,
    sort: RankingSortSchema,
    /** Branches with a snapshot of the month in the committee's subtree. */
    total: z.number().int(),
    items: z.array(IndexRankingRowSchema),
    computedAt: z.iso.datetime({ offset: true }).nullable(),
    canRecompute: z.boolean(),
  })
  .meta({ id: 'IndexRanking' });
export type IndexRanking = z.infer<typeof IndexRankingSchema>;

/**
 * K5 per enterprise: an enterprise carries the scores of the organisation that covers it (K2) — its own
 * (a branch; a 党委 or 总支 of its own: the average of the branches under it), else the joint branch
 * (O3) that lists it, whose scores are shared by its enterprises and not split. Same query as the
 * branch ranking: the committee's ledger, one month, sorted by one index or the average.
 */
export const IndexEnterpriseRowSchema = z
  .object({
    /** Among the enterprises with scores; null: no covering organisation, or none scored this month. */
    rank: z.number().int().nullable(),
    enterpriseId: UuidSchema,
    enterpriseName: z.string(),
    /** Whose scores: its own organisation, a joint branch, or none (not covered). */
    source: z.enum(['own', 'joint', 'none']),
    orgId: UuidSchema.nullable(),
    orgName: z.string().nullable(),
    /** Enterprises the organisation lists (a joint branch's scores are shared by all of them). */
    sharedBy: z.number().int(),
    scores: ScoresSchema,
    overall: z.number().nullable(),
  })
  .meta({ id: 'IndexEnterpriseRow' });
export type IndexEnterpriseRow = z.infer<typeof IndexEnterpriseRowSchema>;

export const IndexEnterpriseRankingSchema = z
  .object({
    committeeId: UuidSchema,
    committeeName: z.string(),
    month: MonthSchema,
    sort: RankingSortSchema,
    /** Enterprises in the ledgers of the committee's subtree (not left before the month). */
    total: z.number().int(),
    /** Of them, those with scores this month. */
    scored: z.number().int(),
    items: z.array(IndexEnterpriseRowSchema),
  })
  .meta({ id: 'IndexEnterpriseRanking' });
export type IndexEnterpriseRanking = z.infer<typeof IndexEnterpriseRankingSchema>;

/** The committee's rankings of a month as a spreadsheet: branches and enterprises (K5). */
export const IndexSheetQuerySchema = z.object({ committeeId: UuidSchema, month: MonthSchema.optional() }).meta({ id: 'IndexSheetQuery' });
export type IndexSheetQuery = z.infer<typeof IndexSheetQuerySchema>;

export const IndexMonthQuerySchema = z.object({ month: MonthSchema.optional() }).meta({ id: 'IndexMonthQuery' });
export type IndexMonthQuery = z.infer<typeof IndexMonthQuerySchema>;

export const IndexBranchScoresSchema = z
  .object({
    orgId: UuidSchema,
    orgName: z.string(),
    month: MonthSchema,
    scores: z.array(
      z.object({
        indexKey: IndexKeySchema,
        label: z.string(),
        score: z.number().nullable(),
        previous: z.number().nullable(),
        delta: z.number().nullable(),
        /** Rank among the branches of the nearest committee, of how many. */
        rank: z.number().int().nullable(),
        of: z.number().int().nullable(),
        version: z.number().int().nullable(),
      }),
    ),
    /** Twelve months ending with `month`, oldest first; a trend the console charts. */
    trend: z.object({
      months: z.array(MonthSchema),
      rows: z.array(z.object({ indexKey: IndexKeySchema, label: z.string(), values: z.array(z.number().nullable()) })),
    }),
  })
  .meta({ id: 'IndexBranchScores' });
export type IndexBranchScores = z.infer<typeof IndexBranchScoresSchema>;

export const IndexExplainQuerySchema = z.object({ month: MonthSchema.optional(), index: IndexKeySchema }).meta({ id: 'IndexExplainQuery' });
export type IndexExplainQuery = z.infer<typeof IndexExplainQuerySchema>;

export const IndexExplanationSchema = z
  .object({
    orgId: UuidSchema,
    orgName: z.string(),
    month: MonthSchema,
    indexKey: IndexKeySchema,
    indexLabel: z.string(),
    score: z.number().nullable(),
    previousScore: z.number().nullable(),
    /** The definition the score was computed with (its version, even when a newer one exists). */
    definition: IndexDefinitionSchema.nullable(),
    changes: z.array(
      z.object({
        metric: z.string(),
        label: z.string(),
        unit: z.string(),
        value: z.number(),
        previousValue: z.number().nullable(),
        contribution: z.number(),
        contributionDelta: z.number().nullable(),
      }),
    ),
    /** One plain sentence: the score, the change and its largest reason. */
    summary: z.string(),
  })
  .meta({ id: 'IndexExplanation' });
export type IndexExplanation = z.infer<typeof IndexExplanationSchema>;

export const RecomputeIndexesSchema = z.object({ committeeId: UuidSchema, month: MonthSchema.optional() }).meta({ id: 'RecomputeIndexes' });
export type RecomputeIndexesDto = z.infer<typeof RecomputeIndexesSchema>;
export const RecomputeResultSchema = z
  .object({ month: MonthSchema, organisations: z.number().int(), computedAt: z.iso.datetime({ offset: true }) })
  .meta({ id: 'RecomputeResult' });
export type RecomputeResult = z.infer<typeof RecomputeResultSchema>;

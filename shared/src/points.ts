import { z } from 'zod';
import { DateOnlySchema, UuidSchema } from './common.js';
import { DEDUCTION_STATES } from './rules/points-rules.js';
import { POINTS_ACTIVITY_LABEL, PointsActivity } from './study.js';

/*
 * 党员积分 (P3): one ledger for all of a member's activity — request and response schemas of
 * /api/v1/points/*. Ranking reuses the study leaderboard's schemas (LeaderboardQuery, Leaderboard).
 */

const Year = z.coerce.number().int().min(2000).max(2100);
/** What a ledger entry records: an activity's award, or an approved deduction (negative). */
export const PointsEntryKind = z.union([PointsActivity, z.literal('deduction')]);
export type PointsEntryKind = z.infer<typeof PointsEntryKind>;

export const PointsRuleSchema = z
  .object({
    id: UuidSchema,
    activity: PointsActivity,
    version: z.number().int(),
    effectiveFrom: DateOnlySchema,
    points: z.number().int(),
    dailyCap: z.number().int(),
    /** null: no yearly cap. */
    yearlyCap: z.number().int().nullable(),
    note: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    /** in force today, scheduled (effective later) or replaced. */
    standing: z.enum(['in_force', 'scheduled', 'replaced']),
  })
  .meta({ id: 'PointsRule' });
export type PointsRule = z.infer<typeof PointsRuleSchema>;

export const PointsRuleListSchema = z
  .object({
    today: DateOnlySchema,
    /** May the caller add versions (points.approve at the top of the tree)? */
    canEdit: z.boolean(),
    rules: z.array(PointsRuleSchema),
  })
  .meta({ id: 'PointsRuleList' });
export type PointsRuleList = z.infer<typeof PointsRuleListSchema>;

const Amount = z.coerce.number().int().min(1, { message: '分值至少为 1' }).max(100, { message: '分值不能超过 100' });
export const CreatePointsRuleVersionSchema = z
  .object({
    activity: PointsActivity,
    points: Amount,
    dailyCap: z.coerce.number().int().min(1).max(1000),
    yearlyCap: z.coerce.number().int().min(1).max(100_000).nullable(),
    effectiveFrom: DateOnlySchema,
    note: z.string().trim().max(200).optional(),
  })
  .meta({ id: 'CreatePointsRuleVersion' });
export type CreatePointsRuleVersion = z.infer<typeof CreatePointsRuleVersionSchema>;

export const PointsHistoryQuerySchema = z.object({ year: Year.optional() });
export type PointsHistoryQuery = z.infer<typeof PointsHistoryQuerySchema>;

export const PointsHistoryEntrySchema = z.object({
  id: UuidSchema,
  kind: PointsEntryKind,
  points: z.number().int(),
  day: DateOnlySchema,
  createdAt: z.string(),
  /** The rule version that gave it (null for a deduction). */
  rule: z
    .object({
      version: z.number().int(),
      effectiveFrom: DateOnlySchema,
      points: z.number().int(),
      dailyCap: z.number().int(),
      yearlyCap: z.number().int().nullable(),
    })
    .nullable(),
  /** A deduction's reason. */
  reason: z.string().nullable(),
});
export type PointsHistoryEntry = z.infer<typeof PointsHistoryEntrySchema>;

export const PointsHistorySchema = z
  .object({
    year: z.number().int(),
    yearTotal: z.number().int(),
    byKind: z.array(z.object({ kind: PointsEntryKind, points: z.number().int() })),
    /** The year's entries, newest first (at most 500). */
    entries: z.array(PointsHistoryEntrySchema),
  })
  .meta({ id: 'PointsHistory' });
export type PointsHistory = z.infer<typeof PointsHistorySchema>;

// ---- Deductions ----

export const DeductionStateSchema = z.enum(DEDUCTION_STATES);
export const PointsDeductionSchema = z
  .object({
    id: UuidSchema,
    member: z.object({ id: UuidSchema, name: z.string() }),
    org: z.object({ id: UuidSchema, name: z.string() }),
    points: z.number().int(),
    reason: z.string(),
    day: DateOnlySchema,
    state: DeductionStateSchema,
    stateLabel: z.string(),
    proposedBy: z.string().nullable(),
    proposedAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    rejectReason: z.string().nullable(),
    /** May the caller approve or reject it now? */
    canDecide: z.boolean(),
  })
  .meta({ id: 'PointsDeduction' });
export type PointsDeduction = z.infer<typeof PointsDeductionSchema>;
export const PointsDeductionListSchema = z.object({ items: z.array(PointsDeductionSchema) }).meta({ id: 'PointsDeductionList' });
export type PointsDeductionList = z.infer<typeof PointsDeductionListSchema>;

export const PointsDeductionListQuerySchema = z.object({ orgId: UuidSchema.optional(), state: DeductionStateSchema.optional() });
export type PointsDeductionListQuery = z.infer<typeof PointsDeductionListQuerySchema>;

const Reason = z.string().trim().min(2, { message: '请填写原因（至少 2 个字）' }).max(500);
export const CreatePointsDeductionSchema = z
  .object({ memberId: UuidSchema, points: Amount, reason: Reason, day: DateOnlySchema.optional() })
  .meta({ id: 'CreatePointsDeduction' });
export type CreatePointsDeduction = z.infer<typeof CreatePointsDeductionSchema>;
export const RejectPointsDeductionSchema = z.object({ reason: Reason }).meta({ id: 'RejectPointsDeduction' });
export type RejectPointsDeduction = z.infer<typeof RejectPointsDeductionSchema>;

export const pointsKindLabel = (k: PointsEntryKind): string => (k === 'deduction' ? '扣分' : POINTS_ACTIVITY_LABEL[k]);

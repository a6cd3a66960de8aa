import { z } from 'zod';
import { DateOnlySchema, UuidSchema } from './common.js';
import { PDCA_TASK_STATES, PDCA_PLAN_STATES, rubricTotal, PDCA_TALK_STATES } from './rules/pdca-rules.js';

/*
 * PDCA evaluation (K6, issue 15): plans with a rubric, branches' tasks with evidence, scores, results,
 * 约谈. The tables are in rules/pdca-rules.ts.
 */

export const PDCA_LIMITS = { rubricItemsMax: 20, branchesMax: 200, scorersMax: 15, filesMax: 12, fileMaxMb: 20, meetingsMax: 30 } as const;

export const PlanStateSchema = z.enum(PDCA_PLAN_STATES);
export const AssignmentStateSchema = z.enum(PDCA_TASK_STATES);
export const TalkStateSchema = z.enum(PDCA_TALK_STATES);

const Score = z.number().min(0).max(1000);

export const RubricItemSchema = z
  .object({
    /** Stable within the plan: scores are keyed by it. */
    key: z.string().regex(/^[a-z0-9_-]{1,20}$/, { message: '评分项编号只能是小写字母、数字、-、_' }),
    title: z.string().trim().min(1, { message: '请填写评分项' }).max(60),
    description: z.string().trim().max(500).default(''),
    maxScore: z.number().positive({ message: '满分应大于 0' }).max(100),
  })
  .meta({ id: 'PdcaRubricItem' });

const PlanFields = z.object({
  title: z.string().trim().min(2, { message: '请填写任务名称（至少 2 个字）' }).max(80),
  year: z.number().int().min(2000).max(2100),
  /** null: the whole year. */
  quarter: z.number().int().min(1).max(4).nullable(),
  /** What the branches are to do (the tasks), shown on their task page. */
  description: z.string().trim().min(1, { message: '请填写工作任务' }).max(4000),
  /** Submissions are due on this day (China time); late ones are still taken until scoring starts. */
  dueOn: DateOnlySchema,
  /** K6: an average strictly below it puts the branch on the 约谈 list. */
  threshold: Score,
  rubric: z.array(RubricItemSchema).min(1, { message: '请至少设置一个评分项' }).max(PDCA_LIMITS.rubricItemsMax),
  /** The branches the tasks go to, under the plan's committee. */
  branchIds: z.array(UuidSchema).min(1, { message: '请至少选择一个党支部' }).max(PDCA_LIMITS.branchesMax),
  /** The accounts that score (several; each branch's score is their mean). */
  scorerIds: z.array(UuidSchema).min(1, { message: '请至少选择一位评分人' }).max(PDCA_LIMITS.scorersMax),
});

/** Unique item keys, branches and scorers; the threshold within the full marks. */
function planChecks(p: z.infer<typeof PlanFields>, ctx: z.RefinementCtx) {
  const issue = (message: string, path: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
  if (new Set(p.rubric.map((i) => i.key)).size !== p.rubric.length) issue('评分项编号不能重复', 'rubric');
  if (p.threshold > rubricTotal(p.rubric)) issue('约谈分数线不能高于满分', 'threshold');
  if (new Set(p.branchIds).size !== p.branchIds.length) issue('党支部不能重复', 'branchIds');
  if (new Set(p.scorerIds).size !== p.scorerIds.length) issue('评分人不能重复', 'scorerIds');
}

export const CreatePdcaPlanSchema = PlanFields.extend({ orgId: UuidSchema }).superRefine(planChecks).meta({ id: 'CreatePdcaPlan' });
export type CreatePdcaPlanDto = z.infer<typeof CreatePdcaPlanSchema>;
/** The whole draft again (only a draft is edited). */
export const UpdatePdcaPlanSchema = PlanFields.superRefine(planChecks).meta({ id: 'UpdatePdcaPlan' });
export type UpdatePdcaPlanDto = z.infer<typeof UpdatePdcaPlanSchema>;

export const PdcaPlanListQuerySchema = z.object({ orgId: UuidSchema.optional() }).meta({ id: 'PdcaPlanListQuery' });
export type PdcaPlanListQuery = z.infer<typeof PdcaPlanListQuerySchema>;

const Named = z.object({ id: UuidSchema, name: z.string() });

export const PdcaPlanSummarySchema = z
  .object({
    id: UuidSchema,
    orgId: UuidSchema,
    orgName: z.string(),
    title: z.string(),
    year: z.number(),
    quarter: z.number().nullable(),
    periodLabel: z.string(),
    dueOn: z.string(),
    state: PlanStateSchema,
    stateLabel: z.string(),
    threshold: z.number(),
    fullMarks: z.number(),
    /** Branch tasks per state. */
    counts: z.record(z.string(), z.number()),
  })
  .meta({ id: 'PdcaPlanSummary' });
export type PdcaPlanSummary = z.infer<typeof PdcaPlanSummarySchema>;

export const PdcaPlanListSchema = z.object({ items: z.array(PdcaPlanSummarySchema) }).meta({ id: 'PdcaPlanList' });
export type PdcaPlanList = z.infer<typeof PdcaPlanListSchema>;

export const PdcaAssignmentRowSchema = z.object({
  id: UuidSchema,
  orgId: UuidSchema,
  orgName: z.string(),
  state: AssignmentStateSchema,
  stateLabel: z.string(),
  submittedAt: z.string().nullable(),
  /** Scorers who entered a sheet, of all the plan's scorers. */
  scoredBy: z.number(),
  average: z.number().nullable(),
});
export type PdcaAssignmentRow = z.infer<typeof PdcaAssignmentRowSchema>;

export const PdcaPlanDetailSchema = PdcaPlanSummarySchema.extend({
  description: z.string(),
  rubric: z.array(RubricItemSchema),
  scorers: z.array(Named),
  assignments: z.array(PdcaAssignmentRowSchema),
  /** Steps the caller may take now (publish, start_scoring, report, close). */
  actions: z.array(z.string()),
  canEdit: z.boolean(),
}).meta({ id: 'PdcaPlanDetail' });
export type PdcaPlanDetail = z.infer<typeof PdcaPlanDetailSchema>;

/** A candidate scorer or branch for the plan editor. */
export const PdcaCandidatesSchema = z.object({ branches: z.array(Named), scorers: z.array(Named.extend({ note: z.string() })) }).meta({ id: 'PdcaCandidates' });
export type PdcaCandidates = z.infer<typeof PdcaCandidatesSchema>;

export const PdcaCandidatesQuerySchema = z.object({ orgId: UuidSchema }).meta({ id: 'PdcaCandidatesQuery' });

// --- a branch's task ---

export const PdcaEvidenceFileSchema = z.object({ id: UuidSchema, name: z.string(), contentType: z.string(), sizeBytes: z.number(), url: z.string() });
export type PdcaEvidenceFile = z.infer<typeof PdcaEvidenceFileSchema>;
/** A record of the platform the branch points to (a meeting), as it read when linked. */
export const PdcaEvidenceLinkSchema = z.object({ kind: z.literal('meeting'), id: UuidSchema, label: z.string(), on: z.string() });
export type PdcaEvidenceLink = z.infer<typeof PdcaEvidenceLinkSchema>;

export const PdcaScoreSheetSchema = z.object({
  scorerId: UuidSchema,
  scorerName: z.string(),
  scores: z.record(z.string(), z.number()),
  total: z.number(),
  comment: z.string(),
  updatedAt: z.string(),
});
export type PdcaScoreSheet = z.infer<typeof PdcaScoreSheetSchema>;

export const PdcaTalkSchema = z
  .object({
    id: UuidSchema,
    assignmentId: UuidSchema,
    planId: UuidSchema,
    planTitle: z.string(),
    orgId: UuidSchema,
    orgName: z.string(),
    average: z.number(),
    state: TalkStateSchema,
    stateLabel: z.string(),
    heldOn: z.string().nullable(),
    attendees: z.string().nullable(),
    content: z.string().nullable(),
    followUp: z.string().nullable(),
    recordedBy: z.string().nullable(),
    canHold: z.boolean(),
  })
  .meta({ id: 'PdcaTalk' });
export type PdcaTalk = z.infer<typeof PdcaTalkSchema>;

export const PdcaAssignmentSchema = PdcaAssignmentRowSchema.extend({
  plan: z.object({
    id: UuidSchema,
    title: z.string(),
    periodLabel: z.string(),
    description: z.string(),
    dueOn: z.string(),
    state: PlanStateSchema,
    stateLabel: z.string(),
    orgName: z.string(),
    rubric: z.array(RubricItemSchema),
    threshold: z.number(),
    fullMarks: z.number(),
  }),
  summary: z.string().nullable(),
  links: z.array(PdcaEvidenceLinkSchema),
  files: z.array(PdcaEvidenceFileSchema),
  returnReason: z.string().nullable(),
  /** The committee sees every sheet; a scorer their own; the branch every sheet once the plan is reported. */
  sheets: z.array(PdcaScoreSheetSchema),
  talk: PdcaTalkSchema.nullable(),
  canSubmit: z.boolean(),
  canEditEvidence: z.boolean(),
  /** accept, return, score (finalise) — the committee's steps allowed now. */
  actions: z.array(z.string()),
  canScore: z.boolean(),
}).meta({ id: 'PdcaAssignment' });
export type PdcaAssignment = z.infer<typeof PdcaAssignmentSchema>;

export const PdcaMyAssignmentsQuerySchema = z
  .object({
    /** branch: my branches' tasks; scorer: the tasks I score. */
    as: z.enum(['branch', 'scorer']).default('branch'),
  })
  .meta({ id: 'PdcaMyAssignmentsQuery' });
export type PdcaMyAssignmentsQuery = z.infer<typeof PdcaMyAssignmentsQuerySchema>;

export const PdcaMyAssignmentSchema = PdcaAssignmentRowSchema.extend({
  planId: UuidSchema,
  planTitle: z.string(),
  periodLabel: z.string(),
  planState: PlanStateSchema,
  dueOn: z.string(),
  /** The caller's own sheet's total, for scorers. */
  myTotal: z.number().nullable(),
});
export const PdcaMyAssignmentListSchema = z.object({ items: z.array(PdcaMyAssignmentSchema) }).meta({ id: 'PdcaMyAssignmentList' });
export type PdcaMyAssignmentList = z.infer<typeof PdcaMyAssignmentListSchema>;

export const SubmitPdcaEvidenceSchema = z
  .object({
    summary: z.string().trim().min(10, { message: '请写明落实情况（至少 10 个字）' }).max(4000),
    /** Meetings of the branch that show the work (三会一课, 主题党日 …). */
    meetingIds: z.array(UuidSchema).max(PDCA_LIMITS.meetingsMax).default([]),
  })
  .meta({ id: 'SubmitPdcaEvidence' });
export type SubmitPdcaEvidenceDto = z.infer<typeof SubmitPdcaEvidenceSchema>;

export const ReturnPdcaAssignmentSchema = z
  .object({ reason: z.string().trim().min(2, { message: '请填写退回原因（至少 2 个字）' }).max(500) })
  .meta({ id: 'ReturnPdcaAssignment' });
export type ReturnPdcaAssignmentDto = z.infer<typeof ReturnPdcaAssignmentSchema>;

export const PdcaScoreInputSchema = z
  .object({
    scores: z.record(z.string(), z.number()),
    comment: z.string().trim().max(1000).default(''),
  })
  .meta({ id: 'PdcaScoreInput' });
export type PdcaScoreInputDto = z.infer<typeof PdcaScoreInputSchema>;

// --- results and 约谈 ---

export const PdcaResultRowSchema = z.object({
  assignmentId: UuidSchema,
  orgId: UuidSchema,
  orgName: z.string(),
  state: AssignmentStateSchema,
  stateLabel: z.string(),
  rank: z.number().nullable(),
  average: z.number().nullable(),
  items: z.record(z.string(), z.number().nullable()),
  scorers: z.number(),
  below: z.boolean(),
  comments: z.array(z.string()),
});
export type PdcaResultRow = z.infer<typeof PdcaResultRowSchema>;

export const PdcaResultsSchema = z
  .object({
    plan: PdcaPlanSummarySchema.extend({ rubric: z.array(RubricItemSchema) }),
    rows: z.array(PdcaResultRowSchema),
    talks: z.array(PdcaTalkSchema),
  })
  .meta({ id: 'PdcaResults' });
export type PdcaResults = z.infer<typeof PdcaResultsSchema>;

export const HoldPdcaTalkSchema = z
  .object({
    heldOn: DateOnlySchema,
    /** Who took part: the secretary, the committee's people. */
    attendees: z.string().trim().min(2, { message: '请填写参加人员' }).max(200),
    content: z.string().trim().min(10, { message: '请填写约谈内容（至少 10 个字）' }).max(4000),
    followUp: z.string().trim().min(2, { message: '请填写整改要求或后续安排' }).max(2000),
  })
  .meta({ id: 'HoldPdcaTalk' });
export type HoldPdcaTalkDto = z.infer<typeof HoldPdcaTalkSchema>;

export const PdcaTalkListSchema = z.object({ items: z.array(PdcaTalkSchema) }).meta({ id: 'PdcaTalkList' });
export type PdcaTalkList = z.infer<typeof PdcaTalkListSchema>;

export const PdcaFileQuerySchema = z.object({ exp: z.coerce.number().int(), sig: z.string().max(64) }).meta({ id: 'PdcaFileQuery' });

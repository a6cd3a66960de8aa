import { z } from 'zod';
import { DateOnlySchema, UuidSchema } from './common.js';
import { Education, Gender, MobilePhoneSchema, NationalIdSchema } from './member.js';
import { DEV_ACTIONS, DEV_ACTORS, DEV_STAGES, DEV_STATES } from './rules/development-rules.js';

/*
 * Member development (发展党员, DOMAIN D): request and response schemas of /api/v1/development/*.
 * The workflow (states, steps, time rules) is in rules/development-rules.ts.
 */

export const DevErrorCode = {
  STEP_OUT_OF_ORDER: 'DEV_STEP_OUT_OF_ORDER',
  RULE_VIOLATED: 'DEV_RULE_VIOLATED',
  OPEN_RECORD_EXISTS: 'DEV_OPEN_RECORD_EXISTS',
  INPUT_MISSING: 'DEV_INPUT_MISSING',
  INPUT_INVALID: 'DEV_INPUT_INVALID',
  NOT_ACTOR: 'DEV_NOT_ACTOR',
  FILE_INVALID: 'DEV_FILE_INVALID',
  NOT_A_BRANCH: 'DEV_NOT_A_BRANCH',
  FONT_UNAVAILABLE: 'DEV_FONT_UNAVAILABLE',
} as const;
export type DevErrorCode = (typeof DevErrorCode)[keyof typeof DevErrorCode];

export const DevStateSchema = z.enum(DEV_STATES);
export const DevStageSchema = z.enum(DEV_STAGES);
export const DevActionSchema = z.enum(DEV_ACTIONS);
export const DevActorSchema = z.enum(DEV_ACTORS);

/** POST /development: step 1, the application (by the applicant themself, or registered by the branch from paper). */
export const CreateDevApplicationSchema = z
  .object({
    branchId: UuidSchema,
    name: z.string().trim().min(2).max(50),
    gender: Gender,
    birthDate: DateOnlySchema,
    ethnicity: z.string().trim().min(1).max(20).default('汉族'),
    nationalId: NationalIdSchema,
    phone: MobilePhoneSchema.optional(),
    education: Education.optional(),
    post: z.string().trim().max(100).optional(),
    enterpriseId: UuidSchema.optional(),
    /** 双培: business backbone staff developed into members. */
    backbone: z.boolean().default(false),
    appliedOn: DateOnlySchema,
    /** The application letter, uploaded first through POST /development/files. */
    applicationFileId: UuidSchema.optional(),
  })
  .meta({ id: 'CreateDevApplication' });
export type CreateDevApplicationDto = z.infer<typeof CreateDevApplicationSchema>;

/**
 * POST /development/:id/steps: one step. `on` is the day it happened (≤ today, ≥ the previous step).
 * The other fields belong to particular steps; the server says which one is missing.
 */
export const DevStepSchema = z
  .object({
    action: DevActionSchema.exclude(['apply']),
    on: DateOnlySchema,
    /** Decision, talk notes, conclusion, reason for closing or for a late approval. */
    note: z.string().trim().max(2000).optional(),
    /** Stored files (思想汇报, assessment, vetting report, forms …) uploaded through POST /development/files. */
    fileIds: z.array(UuidSchema).max(20).default([]),
    /** Steps 5 and 9: contacts / sponsors (members). */
    memberIds: z.array(UuidSchema).max(5).optional(),
    /** Steps 3, 7, 12: the 支委会 (meeting) the decision was made at. */
    meetingId: UuidSchema.optional(),
    /** Steps 15 and 23: the V2 motion in the motions module. */
    motionId: UuidSchema.optional(),
    /** Steps 10, 13, 17, 24: passed / approved or not. */
    passed: z.boolean().optional(),
    /** Step 11. */
    trainingDays: z.number().min(0).max(60).optional(),
    trainingHours: z.number().min(0).max(500).optional(),
    /** Step 12: the public notice (公示). */
    noticeFrom: DateOnlySchema.optional(),
    noticeTo: DateOnlySchema.optional(),
    /** Step 13. */
    leavingWithinThreeMonths: z.boolean().optional(),
    /** Step 17 and 24: the approving 基层党委. */
    approverOrgId: UuidSchema.optional(),
    /** Step 19: the 党小组. */
    groupId: UuidSchema.optional(),
    /** Step 23. */
    outcome: z.enum(['confirm', 'extend', 'cancel']).optional(),
    extendMonths: z.number().int().min(1).max(24).optional(),
  })
  .meta({ id: 'DevStep' });
export type DevStepDto = z.input<typeof DevStepSchema>;
export type DevStepParsed = z.infer<typeof DevStepSchema>;

const Ref = z.object({ id: UuidSchema, name: z.string() });

export const DevStepRecordSchema = z
  .object({
    id: UuidSchema,
    stepNo: z.number().int().nullable(),
    action: DevActionSchema,
    actionLabel: z.string(),
    fromState: DevStateSchema,
    toState: DevStateSchema,
    on: DateOnlySchema,
    actorName: z.string(),
    note: z.string().nullable(),
    meetingId: UuidSchema.nullable(),
    motionId: UuidSchema.nullable(),
    approverOrg: Ref.nullable(),
    members: z.array(Ref),
    files: z.array(z.object({ id: UuidSchema, name: z.string().nullable(), path: z.string() })),
    at: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'DevStepRecord' });
export type DevStepRecord = z.infer<typeof DevStepRecordSchema>;

export const DevNextSchema = z.object({
  action: DevActionSchema,
  label: z.string(),
  stepNo: z.number().int().nullable(),
  actor: DevActorSchema,
  actorLabel: z.string(),
});
export const DevDeadlineSchema = z.object({ label: z.string(), due: DateOnlySchema, kind: z.enum(['before', 'after']), overdue: z.boolean() });

export const DevTrainingSchema = z
  .object({
    /** Study counts from this day (the day the person became a development target) to today. */
    since: DateOnlySchema,
    studyS: z.number().int(),
    totalS: z.number().int(),
    requiredHours: z.number(),
    requiredDays: z.number(),
    met: z.boolean(),
    /** Plain Chinese, e.g. "已完成 18/24 学时". */
    text: z.string(),
  })
  .meta({ id: 'DevTraining' });
export type DevTraining = z.infer<typeof DevTrainingSchema>;

export const DevRecordSchema = z
  .object({
    id: UuidSchema,
    name: z.string(),
    gender: Gender,
    birthDate: DateOnlySchema,
    branch: Ref,
    enterprise: Ref.nullable(),
    backbone: z.boolean(),
    state: DevStateSchema,
    stateLabel: z.string(),
    stage: DevStageSchema,
    stageLabel: z.string(),
    /** The last step done (1–25). */
    stepNo: z.number().int(),
    appliedOn: DateOnlySchema,
    activistOn: DateOnlySchema.nullable(),
    targetOn: DateOnlySchema.nullable(),
    resolvedOn: DateOnlySchema.nullable(),
    probationEndsOn: DateOnlySchema.nullable(),
    extendMonths: z.number().int(),
    /** The member record created at admission (M1). */
    memberId: UuidSchema.nullable(),
    next: z.array(DevNextSchema),
    deadlines: z.array(DevDeadlineSchema),
    overdue: z.boolean(),
    steps: z.array(DevStepRecordSchema),
    canManage: z.boolean(),
    /**
     * D11 while the concentrated training (step 11) is still to come in the development-target stage:
     * online study credited to the candidate's account since they became a development target.
     */
    training: DevTrainingSchema.nullable(),
    /** Printable forms for signatures (PDF). */
    forms: z.array(z.object({ key: z.string(), label: z.string(), path: z.string() })),
  })
  .meta({ id: 'DevRecord' });
export type DevRecord = z.infer<typeof DevRecordSchema>;

export const DevBoardItemSchema = z.object({
  id: UuidSchema,
  name: z.string(),
  branchName: z.string(),
  state: DevStateSchema,
  stateLabel: z.string(),
  stepNo: z.number().int(),
  backbone: z.boolean(),
  enterpriseName: z.string().nullable(),
  nextLabel: z.string().nullable(),
  nextDue: DateOnlySchema.nullable(),
  overdue: z.boolean(),
});
export type DevBoardItem = z.infer<typeof DevBoardItemSchema>;

export const DevBoardSchema = z
  .object({
    org: Ref,
    stages: z.array(z.object({ stage: DevStageSchema, label: z.string(), items: z.array(DevBoardItemSchema) })),
    /** 双培: backbone staff in the pipeline per enterprise against the enterprise's yearly target. */
    backbone: z.array(
      z.object({
        enterprise: Ref,
        year: z.number().int(),
        target: z.number().int().nullable(),
        inPipeline: z.number().int(),
        admittedThisYear: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'DevBoard' });
export type DevBoard = z.infer<typeof DevBoardSchema>;

export const DevOrgQuerySchema = z.object({ orgId: UuidSchema, year: z.coerce.number().int().min(2000).max(2100).optional() }).meta({ id: 'DevOrgQuery' });
export type DevOrgQuery = z.infer<typeof DevOrgQuerySchema>;

const StageCounts = z.object({
  applicant: z.number().int(),
  activist: z.number().int(),
  target: z.number().int(),
  probationary: z.number().int(),
  full: z.number().int(),
});
export const DevStatsSchema = z
  .object({
    org: Ref,
    year: z.number().int(),
    byBranch: z.array(z.object({ org: Ref, counts: StageCounts, overdue: z.number().int() })),
    byEnterprise: z.array(z.object({ enterprise: Ref, counts: StageCounts, backbone: z.number().int() })),
    overdue: z.array(z.object({ id: UuidSchema, name: z.string(), branchName: z.string(), label: z.string(), due: DateOnlySchema })),
    /** 控制总量: the committee's yearly plan against those admitted this year. */
    plan: z.object({ target: z.number().int().nullable(), admitted: z.number().int(), backboneAdmitted: z.number().int() }),
  })
  .meta({ id: 'DevStats' });
export type DevStats = z.infer<typeof DevStatsSchema>;

/** PUT /development/plans: a yearly target (a committee's plan, or an enterprise's 双培 target). */
export const DevPlanSchema = z
  .object({
    orgId: UuidSchema,
    enterpriseId: UuidSchema.nullable().default(null),
    year: z.number().int().min(2000).max(2100),
    target: z.number().int().min(0).max(100_000),
  })
  .meta({ id: 'DevPlan' });
export type DevPlanDto = z.infer<typeof DevPlanSchema>;

export const DevFileSchema = z
  .object({ id: UuidSchema, name: z.string().nullable(), contentType: z.string(), sizeBytes: z.number().int() })
  .meta({ id: 'DevFile' });
export type DevFile = z.infer<typeof DevFileSchema>;

export const DEV_ACTOR_LABEL: Record<z.infer<typeof DevActorSchema>, string> = { applicant: '申请人', branch: '党支部', committee: '上级党委' };
export const DEV_STATE_LABEL: Record<z.infer<typeof DevStateSchema>, string> = {
  new: '新建',
  applied: '已递交入党申请书',
  talked: '已谈话',
  activist: '入党积极分子',
  activist_filed: '入党积极分子（已备案）',
  cultivating: '入党积极分子（培养考察中）',
  target: '发展对象',
  target_filed: '发展对象（已备案）',
  sponsored: '发展对象（已确定入党介绍人）',
  vetted: '发展对象（已政审）',
  trained: '发展对象（已培训）',
  reviewed: '发展对象（支委会已审查）',
  pre_reviewed: '发展对象（已预审）',
  form_filled: '已填写入党志愿书',
  resolved: '支部大会已通过，待上级谈话',
  higher_talked: '待上级党委审批',
  admitted: '预备党员',
  admission_filed: '预备党员（已备案）',
  placed: '预备党员（已编入支部）',
  sworn: '预备党员（已宣誓）',
  confirmation_applied: '已申请转正',
  confirmation_resolved: '转正待审批',
  full_member: '正式党员',
  archived: '已归档',
  closed: '已终止',
};
/** The mini-program's pages. */
export const DEV_PAGES = {
  mine: '/packages/develop/pages/mine/index',
  detail: '/packages/develop/pages/detail/index',
  board: '/packages/develop/pages/board/index',
} as const;

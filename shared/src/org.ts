import { z } from 'zod';
import { DateOnlySchema, UuidSchema, pageOf, PageQuerySchema, RuleWarningSchema } from './common.js';
import { CommitteePosition } from './access.js';

/** O1: 基层党委 → 党总支 → 党支部 → 党小组. Joint (联合) committees and branches are flagged, not separate kinds. */
export const OrgKind = z.enum(['committee', 'general_branch', 'branch', 'group']);
export type OrgKind = z.infer<typeof OrgKind>;
export const ORG_KIND_LABEL: Record<OrgKind, string> = {
  committee: '党委',
  general_branch: '党总支',
  branch: '党支部',
  group: '党小组',
};

/** Which kinds may sit directly under which (O1). `null` = may be a root. */
export const ALLOWED_PARENT_KINDS: Record<OrgKind, ReadonlyArray<OrgKind | null>> = {
  committee: [null, 'committee'],
  general_branch: ['committee'],
  branch: ['committee', 'general_branch'],
  group: ['branch'],
};

export const EnterpriseSchema = z
  .object({
    id: UuidSchema,
    name: z.string(),
    creditCode: z.string().nullable(),
    industry: z.string().nullable(),
  })
  .meta({ id: 'Enterprise' });
export type Enterprise = z.infer<typeof EnterpriseSchema>;

export const CreateEnterpriseSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    /** 统一社会信用代码: 18 characters. */
    creditCode: z
      .string()
      .trim()
      .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/)
      .optional(),
    industry: z.string().trim().max(50).optional(),
  })
  .meta({ id: 'CreateEnterprise' });
export type CreateEnterpriseDto = z.infer<typeof CreateEnterpriseSchema>;

export const OrganisationSchema = z
  .object({
    id: UuidSchema,
    parentId: UuidSchema.nullable(),
    name: z.string(),
    kind: OrgKind,
    isJoint: z.boolean(),
    isTemporary: z.boolean(),
    depth: z.number().int(),
    enterpriseIds: z.array(UuidSchema),
    /** Members whose formal relationship is here (not in the subtree). */
    memberCount: z.number().int(),
    fullMemberCount: z.number().int(),
    establishedOn: DateOnlySchema.nullable(),
  })
  .meta({ id: 'Organisation' });
export type Organisation = z.infer<typeof OrganisationSchema>;

/** An ancestor as the detail shows it (breadcrumb): name and kind only. */
export const OrgRefSchema = z.object({ id: UuidSchema, name: z.string(), kind: OrgKind }).meta({ id: 'OrgRef' });
export type OrgRef = z.infer<typeof OrgRefSchema>;

export const OrganisationDetailSchema = OrganisationSchema.extend({
  subtreeMemberCount: z.number().int(),
  subtreeFullMemberCount: z.number().int(),
  childCount: z.number().int(),
  enterprises: z.array(EnterpriseSchema),
  /** O5: the approval recorded for keeping a lower level than the size suggests. */
  levelApprovalNote: z.string().nullable(),
  /** O5: the level the subtree's size suggests. */
  suggestedKind: OrgKind,
  /** O7: a 党总支, a temporary branch or a group cannot approve probationary members. */
  canApproveProbationary: z.boolean(),
  /** From the root down to the parent. */
  ancestors: z.array(OrgRefSchema),
  warnings: z.array(RuleWarningSchema),
}).meta({ id: 'OrganisationDetail' });
export type OrganisationDetail = z.infer<typeof OrganisationDetailSchema>;

export const CreateOrganisationSchema = z
  .object({
    parentId: UuidSchema.nullable(),
    name: z.string().trim().min(2).max(100),
    kind: OrgKind,
    isJoint: z.boolean().default(false),
    isTemporary: z.boolean().default(false),
    enterpriseIds: z.array(UuidSchema).max(50).default([]),
    establishedOn: DateOnlySchema.optional(),
    /** O5: choosing a lower level than the size suggests needs the approval recorded. */
    levelApprovalNote: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'CreateOrganisation' });
export type CreateOrganisationDto = z.infer<typeof CreateOrganisationSchema>;

export const UpdateOrganisationSchema = z
  .object({
    name: z.string().trim().min(2).max(100),
    /** O1/O5: e.g. a branch grown past 50 members becoming a 党总支; existing children must fit the new kind. */
    kind: OrgKind,
    isJoint: z.boolean(),
    isTemporary: z.boolean(),
    enterpriseIds: z.array(UuidSchema).max(50),
    establishedOn: DateOnlySchema.nullable(),
    /** O5: null clears it. */
    levelApprovalNote: z.string().trim().max(500).nullable(),
  })
  .partial()
  .meta({ id: 'UpdateOrganisation' });
export type UpdateOrganisationDto = z.infer<typeof UpdateOrganisationSchema>;

export const OrganisationPageSchema = pageOf(OrganisationSchema).meta({ id: 'OrganisationPage' });

export const ChildCountSchema = z
  .object({
    orgId: UuidSchema,
    name: z.string(),
    kind: OrgKind,
    memberCount: z.number().int(),
    fullMemberCount: z.number().int(),
    probationaryMemberCount: z.number().int(),
  })
  .meta({ id: 'ChildCount' });
export type ChildCount = z.infer<typeof ChildCountSchema>;

export const MoveOrganisationSchema = z.object({ parentId: UuidSchema }).meta({ id: 'MoveOrganisation' });
export type MoveOrganisationDto = z.infer<typeof MoveOrganisationSchema>;

export const SubtreeSearchQuerySchema = PageQuerySchema.extend({
  /** Part of the name; empty lists the whole subtree (by path). */
  q: z.string().trim().max(50).optional(),
  kind: OrgKind.optional(),
}).meta({ id: 'SubtreeSearchQuery' });
export type SubtreeSearchQuery = z.infer<typeof SubtreeSearchQuerySchema>;

// ---- Enterprises ----

export const EnterpriseQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
}).meta({ id: 'EnterpriseQuery' });
export type EnterpriseQuery = z.infer<typeof EnterpriseQuerySchema>;

export const UpdateEnterpriseSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    creditCode: CreateEnterpriseSchema.shape.creditCode.unwrap().nullable(),
    industry: z.string().trim().max(50).nullable(),
  })
  .partial()
  .meta({ id: 'UpdateEnterprise' });
export type UpdateEnterpriseDto = z.infer<typeof UpdateEnterpriseSchema>;

export const EnterpriseDetailSchema = EnterpriseSchema.extend({
  /** Organisations linked to it that the caller may read. */
  organisations: z.array(OrgRefSchema),
}).meta({ id: 'EnterpriseDetail' });
export type EnterpriseDetail = z.infer<typeof EnterpriseDetailSchema>;

export const EnterprisePageSchema = pageOf(EnterpriseSchema).meta({ id: 'EnterprisePage' });

// ---- Committees and terms (O4, O6, O8) ----

export const CommitteeTermSchema = z
  .object({
    id: UuidSchema,
    orgId: UuidSchema,
    startsOn: DateOnlySchema,
    endsOn: DateOnlySchema,
    approvalNote: z.string().nullable(),
    /** O6: ends N years after it starts (3 for branches and 党总支, 5 for 党委). */
    isStandardLength: z.boolean(),
  })
  .meta({ id: 'CommitteeTerm' });
export type CommitteeTerm = z.infer<typeof CommitteeTermSchema>;

export const CreateTermSchema = z
  .object({
    startsOn: DateOnlySchema,
    endsOn: DateOnlySchema,
    /** O6: required when the term is not of the standard length. */
    approvalNote: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'CreateTerm' });
export type CreateTermDto = z.infer<typeof CreateTermSchema>;

export const CommitteePositionHolderSchema = z
  .object({
    id: UuidSchema,
    orgId: UuidSchema,
    memberId: UuidSchema,
    memberName: z.string(),
    position: CommitteePosition,
    termId: UuidSchema.nullable(),
    startedOn: DateOnlySchema,
    endedOn: DateOnlySchema.nullable(),
  })
  .meta({ id: 'CommitteePositionHolder' });
export type CommitteePositionHolder = z.infer<typeof CommitteePositionHolderSchema>;

export const CommitteeSchema = z
  .object({
    orgId: UuidSchema,
    kind: OrgKind,
    /** O4: full members that count for the committee (the branch's own, or the subtree's for 党总支/党委). */
    eligibleFullMembers: z.number().int(),
    /** O4: ≥7 full members → a committee of 3–7; fewer → secretary (and deputy) only. */
    hasCommittee: z.boolean(),
    /** Positions that may still be filled now. */
    allowedPositions: z.array(CommitteePosition),
    currentTerm: CommitteeTermSchema.nullable(),
    positions: z.array(CommitteePositionHolderSchema),
    warnings: z.array(RuleWarningSchema),
  })
  .meta({ id: 'Committee' });
export type Committee = z.infer<typeof CommitteeSchema>;

export const CreatePositionSchema = z
  .object({
    memberId: UuidSchema,
    position: CommitteePosition,
    /** Defaults to the current term, if any. */
    termId: UuidSchema.optional(),
    startedOn: DateOnlySchema.optional(),
  })
  .meta({ id: 'CreatePosition' });
export type CreatePositionDto = z.infer<typeof CreatePositionSchema>;

export const TermReminderQuerySchema = z.object({ withinDays: z.coerce.number().int().min(0).max(730).default(90) }).meta({ id: 'TermReminderQuery' });
export type TermReminderQuery = z.infer<typeof TermReminderQuerySchema>;

export const TermReminderSchema = z
  .object({
    orgId: UuidSchema,
    orgName: z.string(),
    kind: OrgKind,
    termId: UuidSchema,
    startsOn: DateOnlySchema,
    endsOn: DateOnlySchema,
    /** Negative once overdue. */
    daysLeft: z.number().int(),
    status: z.enum(['expiring', 'overdue']),
  })
  .meta({ id: 'TermReminder' });
export type TermReminder = z.infer<typeof TermReminderSchema>;

/**
 * Error codes of the organisations module besides the rule codes (`OrgRuleCode` in rules/org-rules).
 * Stable: clients switch on them.
 */
export const OrgErrorCode = {
  HAS_CHILDREN: 'ORG_HAS_CHILDREN',
  HAS_MEMBERS: 'ORG_HAS_MEMBERS',
  IN_USE: 'ORG_IN_USE',
  MOVE_INTO_OWN_SUBTREE: 'ORG_MOVE_INTO_OWN_SUBTREE',
  KIND_CHANGE_NOT_ALLOWED: 'ORG_KIND_CHANGE_NOT_ALLOWED',
  GROUP_HAS_ASSIGNED_MEMBERS: 'ORG_GROUP_HAS_ASSIGNED_MEMBERS',
  ROOT_REQUIRES_PLATFORM_ADMIN: 'ORG_ROOT_REQUIRES_PLATFORM_ADMIN',
  ENTERPRISE_UNKNOWN: 'ORG_ENTERPRISE_UNKNOWN',
  ENTERPRISE_CREDIT_CODE_TAKEN: 'ENTERPRISE_CREDIT_CODE_TAKEN',
  TERM_UNKNOWN: 'ORG_TERM_UNKNOWN',
  POSITION_ENDED: 'ORG_POSITION_ENDED',
  MEMBER_UNKNOWN: 'ORG_MEMBER_UNKNOWN',
} as const;
export type OrgErrorCode = (typeof OrgErrorCode)[keyof typeof OrgErrorCode];

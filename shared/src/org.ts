import { z } from 'zod';
import { DateOnlySchema, UuidSchema, pageOf, RuleWarningSchema } from './common.js';

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
    creditCode: z.string().trim().regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/).optional(),
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

export const OrganisationDetailSchema = OrganisationSchema.extend({
  subtreeMemberCount: z.number().int(),
  childCount: z.number().int(),
  enterprises: z.array(EnterpriseSchema),
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

export const UpdateOrganisationSchema = CreateOrganisationSchema.pick({
  name: true,
  isJoint: true,
  isTemporary: true,
  enterpriseIds: true,
  establishedOn: true,
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

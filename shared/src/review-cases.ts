import { z } from 'zod';
import { PageQuerySchema, UuidSchema, pageOf } from './common.js';

/**
 * Review cases (审查/处置 cases): opened automatically by scans (C5 today; F6, T6, T8 later), never
 * closed or acted on automatically (C5: nothing is removed automatically). `kind` is open: each
 * module adds its own kinds.
 */
export const ReviewCaseKind = {
  /** C5: six consecutive months without organisational life (no attended meeting). */
  NO_ORG_LIFE_6_MONTHS: 'no_org_life_6_months',
  /** T6: in transit (open transfer) with more than six months without organisational life. */
  TRANSFER_NO_ORG_LIFE: 'transfer_no_org_life',
  /** T8: lost contact for six months or more → 停止党籍 review. */
  LOST_CONTACT_6_MONTHS: 'lost_contact_6_months',
} as const;
export const REVIEW_CASE_KIND_LABEL: Record<string, string> = {
  no_org_life_6_months: '连续六个月未参加组织生活',
  fee_unpaid_6_months: '连续六个月未交纳党费',
  transfer_no_org_life: '转接途中超过六个月未参加组织生活',
  lost_contact_6_months: '失去联系满六个月（停止党籍审查）',
};

export const ReviewCaseStatus = z.enum(['open', 'closed']);
export type ReviewCaseStatus = z.infer<typeof ReviewCaseStatus>;

export const ReviewCaseSchema = z
  .object({
    id: UuidSchema,
    kind: z.string(),
    kindLabel: z.string(),
    member: z.object({ id: UuidSchema, name: z.string() }),
    /** The member's organisation when the case was opened (the branch that handles it). */
    organisation: z.object({ id: UuidSchema, name: z.string() }),
    openedAt: z.iso.datetime({ offset: true }),
    status: ReviewCaseStatus,
    /** Why it was opened (for C5: `lastAttendedAt`, `since`, `cutoff`). */
    details: z.record(z.string(), z.unknown()),
    closedAt: z.iso.datetime({ offset: true }).nullable(),
    closedBy: z.string().nullable(),
    closeNote: z.string().nullable(),
  })
  .meta({ id: 'ReviewCase' });
export type ReviewCase = z.infer<typeof ReviewCaseSchema>;

export const ReviewCasePageSchema = pageOf(ReviewCaseSchema).meta({ id: 'ReviewCasePage' });
export type ReviewCasePage = z.infer<typeof ReviewCasePageSchema>;

export const ReviewCaseListQuerySchema = PageQuerySchema.extend({
  /** Subtree; default every subtree where the caller may read members. */
  orgId: UuidSchema.optional(),
  status: ReviewCaseStatus.optional(),
  kind: z.string().trim().min(1).max(40).optional(),
  memberId: UuidSchema.optional(),
}).meta({ id: 'ReviewCaseListQuery' });
export type ReviewCaseListQuery = z.infer<typeof ReviewCaseListQuerySchema>;

/** POST /review-cases/scan: one subtree, or every subtree where the caller manages members. */
export const ReviewScanSchema = z.object({ orgId: UuidSchema.optional() }).meta({ id: 'ReviewScan' });
export type ReviewScanDto = z.infer<typeof ReviewScanSchema>;

export const ReviewScanResultSchema = z
  .object({
    kind: z.string(),
    /** Members looked at. */
    scanned: z.number().int(),
    /** Cases newly opened (an open case of the same kind and member is never opened twice). */
    opened: z.number().int(),
    cutoff: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'ReviewScanResult' });
export type ReviewScanResult = z.infer<typeof ReviewScanResultSchema>;

export const CloseReviewCaseSchema = z
  .object({ note: z.string().trim().min(2, { message: '请填写处理结果（至少 2 个字）' }).max(1000) })
  .meta({ id: 'CloseReviewCase' });
export type CloseReviewCaseDto = z.infer<typeof CloseReviewCaseSchema>;

export const ReviewCaseErrorCode = {
  NOT_OPEN: 'REVIEW_CASE_NOT_OPEN',
} as const;
export type ReviewCaseErrorCode = (typeof ReviewCaseErrorCode)[keyof typeof ReviewCaseErrorCode];

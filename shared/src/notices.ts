import { z } from 'zod';
import { pageOf, PageQuerySchema, UuidSchema } from './common.js';
import { CommitteePosition } from './access.js';

/*
 * 通知公告 with read receipts (issue 14). The audience is a rule (subtree, one organisation, roles,
 * named members) evaluated when read, never a row per member written at publication: a notice to
 * 100,000 members publishes with one row, and receipts are written only when a member reads.
 */

export const NoticeTargetKind = z.enum(['subtree', 'organisation', 'roles', 'members']);
export type NoticeTargetKind = z.infer<typeof NoticeTargetKind>;
export const NOTICE_TARGET_LABEL: Record<NoticeTargetKind, string> = {
  subtree: '本组织及下级全体党员',
  organisation: '指定组织（支部或党小组）的党员',
  roles: '指定职务的同志',
  members: '指定党员',
};

/** Who the notice is for. `organisationId` is the subtree root or the one organisation; it must lie in the publisher's subtree. */
export const NoticeTargetSchema = z
  .object({
    kind: NoticeTargetKind,
    organisationId: UuidSchema,
    /** kind = roles: committee positions held in the subtree (书记, 组织委员 …). */
    positions: z.array(CommitteePosition).max(7).optional(),
    /** kind = members: named members (in the publisher's subtree). */
    memberIds: z.array(UuidSchema).max(500).optional(),
  })
  .refine((t) => t.kind !== 'roles' || (t.positions?.length ?? 0) > 0, { message: '请选择至少一个职务', path: ['positions'] })
  .refine((t) => t.kind !== 'members' || (t.memberIds?.length ?? 0) > 0, { message: '请选择至少一名党员', path: ['memberIds'] })
  .meta({ id: 'NoticeTarget' });
export type NoticeTarget = z.infer<typeof NoticeTargetSchema>;

export const NOTICE_LIMITS = { titleMax: 100, bodyMax: 50_000, attachmentsMax: 9, attachmentMaxMb: 20 } as const;

/** What an attachment may be: PDF, Office files (old and new formats) and images; the type is read from the bytes. */
export const NOTICE_ATTACHMENT_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/msword',
  'image/jpeg',
  'image/png',
  'image/webp',
] as const;

export const CreateNoticeSchema = z
  .object({
    /** The publishing organisation (党委 or 支部); notice.publish is needed there. */
    organisationId: UuidSchema,
    title: z.string().trim().min(1, '请填写标题').max(NOTICE_LIMITS.titleMax),
    /** Rich text (HTML); sanitised by the server to an allow-list. */
    bodyHtml: z.string().max(NOTICE_LIMITS.bodyMax).default(''),
    target: NoticeTargetSchema,
    attachmentIds: z.array(UuidSchema).max(NOTICE_LIMITS.attachmentsMax).default([]),
    pinned: z.boolean().default(false),
    requiresAck: z.boolean().default(false),
    expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
  })
  .meta({ id: 'CreateNotice' });
export type CreateNoticeDto = z.output<typeof CreateNoticeSchema>;
export type CreateNoticeInput = z.input<typeof CreateNoticeSchema>;

export const NoticeAttachmentSchema = z
  .object({ id: UuidSchema, name: z.string(), contentType: z.string(), sizeBytes: z.number().int(), /** Signed download URL. */ url: z.string() })
  .meta({ id: 'NoticeAttachment' });
export type NoticeAttachment = z.infer<typeof NoticeAttachmentSchema>;

export const NoticeSummarySchema = z
  .object({
    id: UuidSchema,
    title: z.string(),
    organisationId: UuidSchema,
    orgName: z.string(),
    publishedAt: z.iso.datetime({ offset: true }),
    publisherName: z.string(),
    pinned: z.boolean(),
    requiresAck: z.boolean(),
    expiresAt: z.iso.datetime({ offset: true }).nullable(),
    withdrawn: z.boolean(),
    /** The caller's own receipt (null for a publisher outside the audience). */
    readAt: z.iso.datetime({ offset: true }).nullable(),
    ackedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'NoticeSummary' });
export type NoticeSummary = z.infer<typeof NoticeSummarySchema>;

export const NoticeCountsSchema = z
  .object({ audience: z.number().int(), read: z.number().int(), acked: z.number().int(), unread: z.number().int() })
  .meta({ id: 'NoticeCounts' });
export type NoticeCounts = z.infer<typeof NoticeCountsSchema>;

export const NoticeDetailSchema = NoticeSummarySchema.extend({
  bodyHtml: z.string(),
  target: NoticeTargetSchema,
  targetLabel: z.string(),
  attachments: z.array(NoticeAttachmentSchema),
  /** The caller is in the audience (may read and acknowledge). */
  inAudience: z.boolean(),
  /** The caller may see receipts, remind and withdraw (notice.publish on the publishing organisation). */
  canManage: z.boolean(),
  counts: NoticeCountsSchema.nullable(),
}).meta({ id: 'NoticeDetail' });
export type NoticeDetail = z.infer<typeof NoticeDetailSchema>;

export const NoticePageSchema = pageOf(NoticeSummarySchema).extend({ unread: z.number().int(), toAck: z.number().int() }).meta({ id: 'NoticePage' });
export type NoticePage = z.infer<typeof NoticePageSchema>;

/** GET /notices: mine = notices addressed to me (pinned, then unread, then newest); published = what my organisations published. */
export const NoticeListQuerySchema = PageQuerySchema.extend({
  box: z.enum(['mine', 'published']).default('mine'),
  orgId: UuidSchema.optional(),
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
}).meta({ id: 'NoticeListQuery' });
export type NoticeListQuery = z.output<typeof NoticeListQuerySchema>;

export const ReceiptState = z.enum(['unread', 'read', 'acked']);
export type ReceiptState = z.infer<typeof ReceiptState>;
export const RECEIPT_STATE_LABEL: Record<ReceiptState, string> = { unread: '未读', read: '已读', acked: '已确认' };

export const NoticeReceiptSchema = z
  .object({
    memberId: UuidSchema,
    name: z.string(),
    orgName: z.string(),
    state: ReceiptState,
    readAt: z.iso.datetime({ offset: true }).nullable(),
    ackedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'NoticeReceipt' });
export type NoticeReceipt = z.infer<typeof NoticeReceiptSchema>;

/**
 * Receipts page: keyset on the member id (`after`) — "who has not read it" over 100,000 members
 * pages without OFFSET and without sorting the audience.
 */
export const NoticeReceiptQuerySchema = z
  .object({
    state: ReceiptState.default('unread'),
    after: UuidSchema.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .meta({ id: 'NoticeReceiptQuery' });
export type NoticeReceiptQuery = z.output<typeof NoticeReceiptQuerySchema>;
export const NoticeReceiptPageSchema = z
  .object({ items: z.array(NoticeReceiptSchema), next: UuidSchema.nullable(), counts: NoticeCountsSchema })
  .meta({ id: 'NoticeReceiptPage' });
export type NoticeReceiptPage = z.infer<typeof NoticeReceiptPageSchema>;

export const NoticeRemindResultSchema = z.object({ reminded: z.number().int() }).meta({ id: 'NoticeRemindResult' });
export type NoticeRemindResult = z.infer<typeof NoticeRemindResultSchema>;

export const NoticeErrorCode = {
  TARGET_OUTSIDE: 'NOTICE_TARGET_OUTSIDE',
  MEMBER_UNKNOWN: 'NOTICE_MEMBER_UNKNOWN',
  ATTACHMENT_UNKNOWN: 'NOTICE_ATTACHMENT_UNKNOWN',
  ATTACHMENT_TYPE: 'NOTICE_ATTACHMENT_TYPE',
  ATTACHMENT_TOO_LARGE: 'NOTICE_ATTACHMENT_TOO_LARGE',
  ATTACHMENT_MISSING: 'NOTICE_ATTACHMENT_MISSING',
  EXPIRES_IN_PAST: 'NOTICE_EXPIRES_IN_PAST',
  NOT_IN_AUDIENCE: 'NOTICE_NOT_IN_AUDIENCE',
  NO_ACK_NEEDED: 'NOTICE_NO_ACK_NEEDED',
  WITHDRAWN: 'NOTICE_WITHDRAWN',
  REMIND_TOO_SOON: 'NOTICE_REMIND_TOO_SOON',
} as const;
export type NoticeErrorCode = (typeof NoticeErrorCode)[keyof typeof NoticeErrorCode];

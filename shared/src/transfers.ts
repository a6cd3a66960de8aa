import { z } from 'zod';
import { DateOnlySchema, PageQuerySchema, UuidSchema, pageOf } from './common.js';
import { CreateMemberSchema, MobilePhoneSchema } from './member.js';
import {
  LETTER_VALIDITY_DEFAULT_DAYS,
  LETTER_VALIDITY_MAX_DAYS,
  LETTER_VALIDITY_MIN_DAYS,
  TRANSFER_ACTIONS,
  TRANSFER_ACTORS,
  TRANSFER_KINDS,
  TRANSFER_STATES,
} from './rules/transfer-rules.js';

/*
 * Organisational relationship transfer (组织关系转接, DOMAIN T1–T8): request and response schemas of
 * /api/v1/transfers/* and /api/v1/notifications/*, error codes. The workflow itself (states, actions,
 * who may act, guards) is in rules/transfer-rules.ts.
 */

export const TransferKindSchema = z.enum(TRANSFER_KINDS);
export const TransferStateSchema = z.enum(TRANSFER_STATES);
export const TransferActionSchema = z.enum(TRANSFER_ACTIONS);
export const TransferActorSchema = z.enum(TRANSFER_ACTORS);
/** The fees module's member pay page: where the T3 "what is owed" answer links to. */
export const FEES_PAY_PAGE = '/packages/fees/pages/index/index';

const Reason = z.string().trim().min(2, { message: '请填写原因（至少 2 个字）' }).max(500);
const OrgName = z.string().trim().min(2).max(100);
export const ValidityDaysSchema = z.coerce
  .number()
  .int()
  .min(LETTER_VALIDITY_MIN_DAYS, { message: `有效期为 ${LETTER_VALIDITY_MIN_DAYS}–${LETTER_VALIDITY_MAX_DAYS} 天` })
  .max(LETTER_VALIDITY_MAX_DAYS, { message: `有效期为 ${LETTER_VALIDITY_MIN_DAYS}–${LETTER_VALIDITY_MAX_DAYS} 天` });

const common = {
  /** Absent: the caller applies for themself (`apply`); present: the sending branch starts it (`initiate`). */
  memberId: UuidSchema.optional(),
  /** 转接原因 (e.g. 工作调动). */
  reason: Reason,
  /** T4: 1–90 days, default 30. */
  validityDays: ValidityDaysSchema.default(LETTER_VALIDITY_DEFAULT_DAYS),
  /** The member's contact phone written on the letter (default: the member's own). */
  memberPhone: MobilePhoneSchema.optional(),
};

/** POST /transfers: starts a transfer of any kind (T1). */
export const CreateTransferSchema = z
  .discriminatedUnion('kind', [
    /** Between two organisations on the platform: `toOrgId` is where the member is going (a branch, or a committee that assigns one). */
    z.object({ kind: z.literal('internal'), toOrgId: UuidSchema, ...common }),
    /** M2: registered at a host organisation without moving the relationship. */
    z.object({ kind: z.literal('mobile'), toOrgId: UuidSchema, ...common }),
    /** A printed letter to an organisation elsewhere. */
    z.object({ kind: z.literal('outbound'), toOrgName: OrgName, ...common }),
    /** 党员证明信 (T1: away under six months): a letter only. */
    z.object({ kind: z.literal('certificate'), toOrgName: OrgName, ...common }),
    /** A member arriving with a paper letter: registered by the receiving committee in `member.orgId` (a branch). */
    z.object({
      kind: z.literal('inbound'),
      member: CreateMemberSchema,
      fromOrgName: OrgName,
      /** The number printed on the paper letter. */
      paperLetterNumber: z.string().trim().min(1).max(50),
      reason: Reason.optional(),
    }),
  ])
  .meta({ id: 'CreateTransfer' });
export type CreateTransferDto = z.infer<typeof CreateTransferSchema>;

/**
 * POST /transfers/:id/steps: one step of the workflow. `reason` is required for refuse and return;
 * `assignOrgId` (a branch under the receiving committee) for accept when the transfer names a committee;
 * `edits` only with resubmit (the applicant corrects what was returned).
 */
export const TransferStepSchema = z
  .object({
    action: TransferActionSchema.exclude(['apply', 'initiate', 'register']),
    reason: z.string().trim().max(500).optional(),
    assignOrgId: UuidSchema.optional(),
    /** approve: the letter's validity (T4, 1–90 days); default the one asked for. */
    validityDays: ValidityDaysSchema.optional(),
    edits: z
      .object({
        toOrgId: UuidSchema.optional(),
        toOrgName: OrgName.optional(),
        reason: Reason.optional(),
        validityDays: ValidityDaysSchema.optional(),
        /** A new contact phone (M4: sealed like the member's); absent keeps the number on file. */
        memberPhone: MobilePhoneSchema.optional(),
      })
      .optional(),
  })
  .meta({ id: 'TransferStep' });
export type TransferStepDto = z.infer<typeof TransferStepSchema>;

const Ref = z.object({ id: UuidSchema, name: z.string() });

/** T3: what the member owes before the sending committee may approve, and where to pay it. */
export const TransferFeesSchema = z
  .object({
    /** 'YYYY-MM' or null. */
    paidUntil: z.string().nullable(),
    /** "党费已交到 2026年10月" as the letter writes it. */
    text: z.string(),
    /** The month of transfer-out (this month until approval; the approval's month after). */
    transferMonth: z.string(),
    paidThroughTransferMonth: z.boolean(),
    owedMonths: z.array(z.string()),
    owedFen: z.number().int(),
    /** The mini-program page where the member pays (`FEES_PAY_PAGE`). */
    payPage: z.string(),
  })
  .meta({ id: 'TransferFees' });
export type TransferFees = z.infer<typeof TransferFeesSchema>;

export const TransferStepRecordSchema = z
  .object({
    id: UuidSchema,
    action: TransferActionSchema,
    actionLabel: z.string(),
    fromState: TransferStateSchema,
    toState: TransferStateSchema,
    /** Which role the actor acted in. */
    actor: TransferActorSchema,
    actorName: z.string(),
    reason: z.string().nullable(),
    at: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'TransferStepRecord' });
export type TransferStepRecord = z.infer<typeof TransferStepRecordSchema>;

export const LetterStatus = z.enum(['valid', 'expired', 'used', 'revoked']);
export type LetterStatus = z.infer<typeof LetterStatus>;
export const LETTER_STATUS_LABEL: Record<LetterStatus, string> = { valid: '有效', expired: '已过期', used: '已使用', revoked: '已作废' };

export const TransferLetterSummarySchema = z
  .object({
    id: UuidSchema,
    /** `〔2026〕第0001号`. */
    number: z.string(),
    issuedOn: DateOnlySchema,
    validityDays: z.number().int(),
    validUntil: DateOnlySchema,
    status: LetterStatus,
    /** GET path of the PDF (stub + letter + receipt). */
    pdfPath: z.string(),
    /** What the QR code encodes. */
    verifyUrl: z.string(),
  })
  .meta({ id: 'TransferLetterSummary' });
export type TransferLetterSummary = z.infer<typeof TransferLetterSummarySchema>;

export const TransferListItemSchema = z
  .object({
    id: UuidSchema,
    kind: TransferKindSchema,
    kindLabel: z.string(),
    state: TransferStateSchema,
    stateLabel: z.string(),
    member: Ref,
    fromOrg: Ref.nullable(),
    /** On the platform, or null (outbound, certificate: see `toOrgName`). */
    toOrg: Ref.nullable(),
    /** The receiving organisation's name (also for organisations elsewhere). */
    toOrgName: z.string().nullable(),
    /** Inbound: where the paper letter came from. */
    fromOrgName: z.string().nullable(),
    /** Who must act next, or null when closed. */
    awaiting: TransferActorSchema.nullable(),
    awaitingLabel: z.string().nullable(),
    /** T6: the deadline of the current step. */
    dueOn: DateOnlySchema.nullable(),
    overdue: z.boolean(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'TransferListItem' });
export type TransferListItem = z.infer<typeof TransferListItemSchema>;

export const TransferSchema = TransferListItemSchema.extend({
  startedBy: z.enum(['member', 'branch', 'committee']),
  reason: z.string().nullable(),
  validityDays: z.number().int(),
  fromCommittee: Ref.nullable(),
  toCommittee: Ref.nullable(),
  memberPhone: z.string().nullable(),
  acceptedAt: z.iso.datetime({ offset: true }).nullable(),
  receiptAt: z.iso.datetime({ offset: true }).nullable(),
  reportedAt: z.iso.datetime({ offset: true }).nullable(),
  paperLetterNumber: z.string().nullable(),
  letter: TransferLetterSummarySchema.nullable(),
  /** T3; null for inbound transfers. */
  fees: TransferFeesSchema.nullable(),
  /** The roles the caller holds on this transfer, and what they may do now. */
  myActors: z.array(TransferActorSchema),
  availableActions: z.array(TransferActionSchema),
  steps: z.array(TransferStepRecordSchema),
}).meta({ id: 'Transfer' });
export type Transfer = z.infer<typeof TransferSchema>;

export const TransferQueue = z.enum(['todo', 'waiting', 'overdue']);
export type TransferQueue = z.infer<typeof TransferQueue>;
/**
 * The tabs' names. 待办 and `waiting` split the open transfers in scope by whose desk the next step is on,
 * so `waiting` is 待对方办理: named 未办结 ("not concluded") it read as all open ones, and 待办 3 beside
 * 未办结 2 looked contradictory (issue 13).
 */
export const TRANSFER_QUEUE_LABEL: Record<TransferQueue, string> = { todo: '待办', waiting: '待对方办理', overdue: '逾期' };

/** GET /transfers/queue: one of the three queues over the caller's subtrees (or `orgId`'s). */
export const TransferQueueQuerySchema = PageQuerySchema.extend({
  queue: TransferQueue.default('todo'),
  orgId: UuidSchema.optional(),
}).meta({ id: 'TransferQueueQuery' });
export type TransferQueueQuery = z.infer<typeof TransferQueueQuerySchema>;

export const TransferQueuePageSchema = pageOf(TransferListItemSchema)
  .extend({ counts: z.object({ todo: z.number().int(), waiting: z.number().int(), overdue: z.number().int() }) })
  .meta({ id: 'TransferQueuePage' });
export type TransferQueuePage = z.infer<typeof TransferQueuePageSchema>;

export const TransferListPageSchema = pageOf(TransferListItemSchema).meta({ id: 'TransferListPage' });
export type TransferListPage = z.infer<typeof TransferListPageSchema>;

/** GET /transfers/mobile?orgId=: 流动党员 registered at (hosted by) an organisation's subtree (M2). */
export const MobileHostQuerySchema = PageQuerySchema.extend({ orgId: UuidSchema }).meta({ id: 'MobileHostQuery' });
export type MobileHostQuery = z.infer<typeof MobileHostQuerySchema>;

/** GET /transfers/destinations?q=: organisations a member may name as destination (branches and 基层党委 on the platform). */
export const TransferDestinationQuerySchema = PageQuerySchema.extend({ q: z.string().trim().max(50).optional() }).meta({ id: 'TransferDestinationQuery' });
export type TransferDestinationQuery = z.infer<typeof TransferDestinationQuerySchema>;
export const TransferDestinationPageSchema = pageOf(z.object({ id: UuidSchema, name: z.string(), kind: z.enum(['committee', 'branch']) })).meta({
  id: 'TransferDestinationPage',
});
export type TransferDestinationPage = z.infer<typeof TransferDestinationPageSchema>;

/** The T3 check before applying: GET /transfers/fees-check?memberId= (default: the caller). */
export const TransferFeesQuerySchema = z.object({ memberId: UuidSchema.optional() }).meta({ id: 'TransferFeesQuery' });

// ---------------------------------------------------------------------------------------------
// Letters (T4)

/** GET /transfers/letters/verify?id=&sig= (public): what the QR code on a letter opens. */
export const LetterVerifyQuerySchema = z.object({ id: UuidSchema, sig: z.string().regex(/^[0-9a-f]{16,64}$/) }).meta({ id: 'LetterVerifyQuery' });
export type LetterVerifyQuery = z.infer<typeof LetterVerifyQuerySchema>;

export const LetterVerifyResultSchema = z
  .object({
    /** The signature matches a letter issued here. */
    genuine: z.boolean(),
    status: LetterStatus.nullable(),
    statusLabel: z.string(),
    /** Key fields (name masked) so the receiving side can compare with the paper; null when not genuine. */
    letter: z
      .object({
        number: z.string(),
        kindLabel: z.string(),
        memberName: z.string(),
        fromOrgName: z.string(),
        toOrgName: z.string(),
        issuedOn: DateOnlySchema,
        validUntil: DateOnlySchema,
        issuingCommittee: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'LetterVerifyResult' });
export type LetterVerifyResult = z.infer<typeof LetterVerifyResultSchema>;

/** POST /transfers/scan: the T6/T8 overdue scan over one subtree or every one the caller manages. */
export const TransferScanSchema = z.object({ orgId: UuidSchema.optional() }).meta({ id: 'TransferScan' });
export type TransferScanDto = z.infer<typeof TransferScanSchema>;
export const TransferScanResultSchema = z
  .object({
    scanned: z.number().int(),
    /** Alerts (notifications) sent for letters past validity (T6). */
    letterExpiredAlerts: z.number().int(),
    /** Alerts for acceptances without receipt or report after a month (T6). */
    acceptanceOverdueAlerts: z.number().int(),
    /** Review cases opened: in transit > 6 months without organisational life (T6). */
    transitCases: z.number().int(),
    /** Review cases opened: lost contact ≥ 6 months, 停止党籍 (T8). */
    lostContactCases: z.number().int(),
  })
  .meta({ id: 'TransferScanResult' });
export type TransferScanResult = z.infer<typeof TransferScanResultSchema>;

export const TransferErrorCode = {
  NOT_LINKED: 'TRANSFER_NOT_LINKED',
  STEP_OUT_OF_ORDER: 'TRANSFER_STEP_OUT_OF_ORDER',
  NOT_YOUR_STEP: 'TRANSFER_NOT_YOUR_STEP',
  REASON_REQUIRED: 'TRANSFER_REASON_REQUIRED',
  /** T7. */
  ALREADY_OPEN: 'TRANSFER_ALREADY_OPEN',
  /** T3. */
  FEES_UNPAID: 'TRANSFER_FEES_UNPAID',
  SAME_ORGANISATION: 'TRANSFER_SAME_ORGANISATION',
  /** accept: the branch must lie under the receiving committee. */
  ASSIGN_ORG_INVALID: 'TRANSFER_ASSIGN_ORG_INVALID',
  NO_COMMITTEE: 'TRANSFER_NO_COMMITTEE',
  EDITS_NOT_ALLOWED: 'TRANSFER_EDITS_NOT_ALLOWED',
  LETTER_NOT_ISSUED: 'TRANSFER_LETTER_NOT_ISSUED',
  /** PDF fonts: no CJK font configured or found. */
  FONT_UNAVAILABLE: 'TRANSFER_FONT_UNAVAILABLE',
} as const;
export type TransferErrorCode = (typeof TransferErrorCode)[keyof typeof TransferErrorCode];

// ---------------------------------------------------------------------------------------------
// Notifications (in-app inbox; WeChat subscribe messages through an adapter)

export const NotificationSchema = z
  .object({
    id: UuidSchema,
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    /** A mini-program route (with query) to open, or null. */
    link: z.string().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    readAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof NotificationSchema>;
export const NotificationPageSchema = pageOf(NotificationSchema).extend({ unread: z.number().int() }).meta({ id: 'NotificationPage' });
export type NotificationPage = z.infer<typeof NotificationPageSchema>;
export const NotificationQuerySchema = PageQuerySchema.extend({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
}).meta({ id: 'NotificationQuery' });
export type NotificationQuery = z.infer<typeof NotificationQuerySchema>;
export const UnreadCountSchema = z.object({ unread: z.number().int() }).meta({ id: 'UnreadCount' });
/** POST /notifications/read: these ids, or every one when `all`. */
export const MarkReadSchema = z
  .object({ ids: z.array(UuidSchema).max(200).optional(), all: z.boolean().optional() })
  .refine((b) => (b.ids?.length ?? 0) > 0 || b.all === true, { message: '请指定要标记的通知' })
  .meta({ id: 'MarkRead' });
export type MarkReadDto = z.infer<typeof MarkReadSchema>;

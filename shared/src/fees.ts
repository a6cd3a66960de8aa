import { z } from 'zod';
import { DateOnlySchema, PageQuerySchema, UuidSchema, pageOf } from './common.js';
import { MemberStatus } from './member.js';

/*
 * Party fees (DOMAIN F1–F7): request and response schemas of /api/v1/fees/*, error codes, labels.
 * Money is integer fen (分) on the wire and in the database — never a float; show it with
 * `formatYuan` (rules/fee-rules.ts). Months are 'YYYY-MM' in China time.
 */

/** Largest amount accepted anywhere (100,000,000 yuan in fen); mirrors MAX_FEN in fee-rules. */
const MAX_FEN = 10_000_000_000;

export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式应为 YYYY-MM' });
/** An amount of money in fen (integer, ≥ 0). */
export const FenSchema = z.number().int({ message: '金额以分为单位，须为整数' }).min(0).max(MAX_FEN);
const PositiveFenSchema = FenSchema.min(1, { message: '金额须大于 0' });
const YearSchema = z.coerce.number().int().min(2000).max(2100);
const Note = z.string().trim().max(500);
const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
const OrgRefSchema = z.object({ id: UuidSchema, name: z.string() });
const MemberRefSchema = z.object({ id: UuidSchema, name: z.string() });

// ---------------------------------------------------------------------------------------------
// Categories, statuses, labels

/** F1 salaried (在职), F3 retiree (离退休), student, unemployed (下岗失业), relief (抚恤/救济/低保), farmer (农民). */
export const FeeCategory = z.enum(['salaried', 'retiree', 'student', 'unemployed', 'relief', 'farmer']);
export type FeeCategory = z.infer<typeof FeeCategory>;
export const FEE_CATEGORY_LABEL: Record<FeeCategory, string> = {
  salaried: '在职党员',
  retiree: '离退休党员',
  student: '学生党员',
  unemployed: '下岗失业党员',
  relief: '依靠抚恤或救济生活的党员',
  farmer: '农民党员',
};

/**
 * unpaid; paid (the full amount); reduced (the lower amount an approved 少交 decision set, paid);
 * exempt (免交, approved). paid, reduced and exempt are settled (F7).
 */
export const FeeBillStatus = z.enum(['unpaid', 'paid', 'reduced', 'exempt']);
export type FeeBillStatus = z.infer<typeof FeeBillStatus>;
export const FEE_BILL_STATUS_LABEL: Record<FeeBillStatus, string> = { unpaid: '未交', paid: '已交', reduced: '减交', exempt: '免交' };

export const FeePaymentMethod = z.enum(['cash', 'transfer', 'wechat', 'demo']);
export type FeePaymentMethod = z.infer<typeof FeePaymentMethod>;
export const FEE_PAYMENT_METHOD_LABEL: Record<FeePaymentMethod, string> = {
  cash: '现金',
  transfer: '转账',
  wechat: '微信支付',
  demo: '演示支付（非真实付款）',
};
/** What a fee worker records by hand. */
export const RecordedPaymentMethod = z.enum(['cash', 'transfer']);

/**
 * pending (online order placed, not paid yet); paid; failed (order could not be placed);
 * refund_due (money arrived but could not be applied: amount mismatch or bills settled meanwhile —
 * refunded by hand, never applied twice).
 */
export const FeePaymentStatus = z.enum(['pending', 'paid', 'failed', 'refund_due']);
export type FeePaymentStatus = z.infer<typeof FeePaymentStatus>;
export const FEE_PAYMENT_STATUS_LABEL: Record<FeePaymentStatus, string> = { pending: '待支付', paid: '已支付', failed: '下单失败', refund_due: '待退款' };

/** A payment of monthly bills, or a voluntary payment (自愿多交) not tied to a bill. */
export const FeePaymentKind = z.enum(['bills', 'voluntary']);
export type FeePaymentKind = z.infer<typeof FeePaymentKind>;

export const FeeReliefKind = z.enum(['reduce', 'exempt']);
export type FeeReliefKind = z.infer<typeof FeeReliefKind>;
export const FEE_RELIEF_KIND_LABEL: Record<FeeReliefKind, string> = { reduce: '少交', exempt: '免交' };
export const FeeReliefStatus = z.enum(['pending', 'approved', 'rejected']);
export type FeeReliefStatus = z.infer<typeof FeeReliefStatus>;
export const FEE_RELIEF_STATUS_LABEL: Record<FeeReliefStatus, string> = { pending: '待上级审批', approved: '已批准', rejected: '未批准' };

/** The review-case kind F6 opens (review_case.kind). */
export const FEE_REVIEW_CASE_KIND = 'fee_unpaid_6_months';
export const FEE_REVIEW_CASE_LABEL = '连续六个月未交纳党费';

// ---------------------------------------------------------------------------------------------
// Policy and computation

const BracketSchema = z.object({ upToFen: FenSchema.nullable(), rateBp: z.number().int() });
/** GET /fees/policy: the rule set in force (fee-rules.ts `FeePolicy`). */
export const FeePolicySchema = z
  .object({
    version: z.string(),
    salariedBrackets: z.array(BracketSchema),
    retireeBrackets: z.array(BracketSchema),
    flatMonthlyFen: FenSchema,
    farmerMinFen: FenSchema,
    farmerMaxFen: FenSchema,
    monthlyCapFen: FenSchema,
    baseRule: z.enum(['fixed_for_year', 'recompute_on_change']),
    probationaryFrom: z.enum(['admission_month', 'month_after_admission']),
    backPaymentMaxMonths: z.number().int(),
    largePaymentFen: FenSchema,
    unpaidMonthsForReview: z.number().int(),
  })
  .meta({ id: 'FeePolicy' });

/** How a monthly fee was computed (fee-rules.ts `FeeComputation`). */
export const FeeComputationSchema = z
  .object({
    rule: z.string(),
    category: FeeCategory,
    baseFen: FenSchema.nullable(),
    rateBp: z.number().int().nullable(),
    computedFen: FenSchema,
    capFen: FenSchema,
    capped: z.boolean(),
    voluntaryMonthlyFen: FenSchema.nullable(),
    monthlyFeeFen: FenSchema,
    explanation: z.string(),
  })
  .meta({ id: 'FeeComputation' });

// ---------------------------------------------------------------------------------------------
// Standards: base and category per member and year (F1–F4)

export const FeeStandardSchema = z
  .object({
    id: UuidSchema,
    memberId: UuidSchema,
    year: z.number().int(),
    /** F4: January with the base fixed for the year; the change month with recompute-on-change. */
    effectiveMonth: MonthSchema,
    category: FeeCategory,
    baseFen: FenSchema.nullable(),
    farmerAmountFen: FenSchema.nullable(),
    voluntaryMonthlyFen: FenSchema.nullable(),
    monthlyFeeFen: FenSchema,
    computation: FeeComputationSchema,
    note: z.string().nullable(),
    recordedBy: z.string().nullable(),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'FeeStandard' });
export type FeeStandard = z.infer<typeof FeeStandardSchema>;

/** PUT /fees/standards/{memberId}: record (or correct) a member's standard for a year. */
export const SetFeeStandardSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    category: FeeCategory,
    /** Salaried: after-tax monthly pay without the F2 exclusions; retirees: basic pension. */
    baseFen: FenSchema.nullable().optional(),
    /** Farmers: 20–100 fen (default 20). */
    farmerAmountFen: FenSchema.nullable().optional(),
    /** F4: a monthly amount the member chose, above the computed fee (and the cap). */
    voluntaryMonthlyFen: PositiveFenSchema.nullable().optional(),
    /** Recompute-on-change policy only: the month the new base applies from (default: this month). */
    effectiveMonth: MonthSchema.optional(),
    note: Note.optional(),
  })
  .meta({ id: 'SetFeeStandard' });
export type SetFeeStandardDto = z.infer<typeof SetFeeStandardSchema>;

export const FeeStandardListQuerySchema = PageQuerySchema.extend({
  orgId: UuidSchema,
  year: YearSchema,
  /** Only members without a standard for the year (still billed on last year's, or not at all). */
  missing: boolQuery.default(false),
}).meta({ id: 'FeeStandardListQuery' });
export type FeeStandardListQuery = z.infer<typeof FeeStandardListQuerySchema>;

export const FeeStandardRowSchema = z
  .object({
    member: z.object({ id: UuidSchema, name: z.string(), status: MemberStatus, orgId: UuidSchema, orgName: z.string() }),
    /** The standard recorded for the year (latest when several under recompute-on-change), or null. */
    standard: FeeStandardSchema.nullable(),
  })
  .meta({ id: 'FeeStandardRow' });
export const FeeStandardPageSchema = pageOf(FeeStandardRowSchema).meta({ id: 'FeeStandardPage' });
export type FeeStandardPage = z.infer<typeof FeeStandardPageSchema>;

export const FeeStandardQuerySchema = z.object({ year: YearSchema.optional() }).meta({ id: 'FeeStandardQuery' });
export type FeeStandardQuery = z.infer<typeof FeeStandardQuerySchema>;
/** GET /fees/standards/{memberId}: the standards of one year (default: this year), oldest first. */
export const MemberFeeStandardsSchema = z
  .object({
    memberId: UuidSchema,
    memberName: z.string(),
    year: z.number().int(),
    standards: z.array(FeeStandardSchema),
    carriedOver: FeeStandardSchema.nullable(),
  })
  .meta({ id: 'MemberFeeStandards' });
export type MemberFeeStandards = z.infer<typeof MemberFeeStandardsSchema>;

// ---- .xlsx import of bases and categories (all or nothing) ----

export const FEE_IMPORT_LIMITS = { maxRows: 5000, maxFileBytes: 5 * 1024 * 1024 } as const;
export const FeeImportTemplateQuerySchema = z.object({ orgId: UuidSchema, year: YearSchema }).meta({ id: 'FeeImportTemplateQuery' });
export const FeeImportQuerySchema = z.object({ orgId: UuidSchema, year: YearSchema, dryRun: boolQuery.default(false) }).meta({ id: 'FeeImportQuery' });
export type FeeImportQuery = z.infer<typeof FeeImportQuerySchema>;
export const FeeImportRowErrorSchema = z
  .object({ row: z.number().int(), column: z.string().nullable(), message: z.string() })
  .meta({ id: 'FeeImportRowError' });
export type FeeImportRowError = z.infer<typeof FeeImportRowErrorSchema>;
export const FeeImportResultSchema = z
  .object({ ok: z.literal(true), dryRun: z.boolean(), updated: z.number().int(), year: z.number().int() })
  .meta({ id: 'FeeImportResult' });
export type FeeImportResult = z.infer<typeof FeeImportResultSchema>;
/** 422: refused as a whole; nothing changed. */
export const FeeImportReportSchema = z
  .object({ ok: z.literal(false), code: z.string(), message: z.string(), errors: z.array(FeeImportRowErrorSchema) })
  .meta({ id: 'FeeImportReport' });
export type FeeImportReport = z.infer<typeof FeeImportReportSchema>;

// ---------------------------------------------------------------------------------------------
// Bills

export const PayabilitySchema = z.enum(['ok', 'too_old', 'future']);
export const FeeBillSchema = z
  .object({
    id: UuidSchema,
    memberId: UuidSchema,
    memberName: z.string(),
    /** The organisation the member belonged to when the bill was made (T5: fees follow the formal relationship). */
    orgId: UuidSchema,
    orgName: z.string(),
    month: MonthSchema,
    category: FeeCategory,
    rule: z.string(),
    baseFen: FenSchema.nullable(),
    /** What the rules compute for the month (capped, F4), before any approved reduction. */
    standardFen: FenSchema,
    /** What is due: the standard (or the member's voluntary monthly amount), the reduced amount, or 0 when exempt. */
    amountDueFen: FenSchema,
    status: FeeBillStatus,
    statusLabel: z.string(),
    paidAt: z.iso.datetime({ offset: true }).nullable(),
    paymentId: UuidSchema.nullable(),
    receiptNo: z.string().nullable(),
    reliefId: UuidSchema.nullable(),
    /** F5 for an unpaid bill: 'ok', or 'too_old' (more than 6 months back: only an F7 decision settles it). */
    payable: PayabilitySchema.nullable(),
  })
  .meta({ id: 'FeeBill' });
export type FeeBill = z.infer<typeof FeeBillSchema>;
export const FeeBillPageSchema = pageOf(FeeBillSchema).meta({ id: 'FeeBillPage' });
export type FeeBillPage = z.infer<typeof FeeBillPageSchema>;

export const FeeBillListQuerySchema = PageQuerySchema.extend({
  orgId: UuidSchema,
  month: MonthSchema.optional(),
  status: FeeBillStatus.optional(),
}).meta({ id: 'FeeBillListQuery' });
export type FeeBillListQuery = z.infer<typeof FeeBillListQuerySchema>;
export const FeeBillExportQuerySchema = z
  .object({ orgId: UuidSchema, month: MonthSchema, status: FeeBillStatus.optional() })
  .meta({ id: 'FeeBillExportQuery' });
export type FeeBillExportQuery = z.infer<typeof FeeBillExportQuerySchema>;

export const MemberBillsQuerySchema = PageQuerySchema.extend({ year: YearSchema.optional(), status: FeeBillStatus.optional() }).meta({
  id: 'MemberBillsQuery',
});
export type MemberBillsQuery = z.infer<typeof MemberBillsQuerySchema>;

/** POST /fees/bills/generate: bills of one month for every member of a subtree (idempotent). */
export const GenerateBillsSchema = z.object({ orgId: UuidSchema, month: MonthSchema }).meta({ id: 'GenerateBills' });
export type GenerateBillsDto = z.infer<typeof GenerateBillsSchema>;
export const GenerateBillsResultSchema = z
  .object({
    month: MonthSchema,
    /** Bills made by this call (0 when run again). */
    created: z.number().int(),
    /** Members billable that month who have no standard at all yet: no bill until one is recorded. */
    missingStandard: z.number().int(),
  })
  .meta({ id: 'GenerateBillsResult' });
export type GenerateBillsResult = z.infer<typeof GenerateBillsResultSchema>;

/** "党费已交到 YYYY年MM月" (T3) for one member. */
export const FeesPaidUntilSchema = z
  .object({
    memberId: UuidSchema,
    memberName: z.string(),
    /** The latest month such that it and every earlier billed month are paid, reduced or exempt. */
    paidUntil: MonthSchema.nullable(),
    /** As the transfer letter writes it: "党费已交到 2025年03月", or "无已交党费记录". */
    text: z.string(),
    currentMonth: MonthSchema,
    /** T3: fees are paid through the current month. */
    paidThroughCurrentMonth: z.boolean(),
    unsettled: z.array(z.object({ billId: UuidSchema, month: MonthSchema, amountDueFen: FenSchema, payable: PayabilitySchema })),
  })
  .meta({ id: 'FeesPaidUntil' });
export type FeesPaidUntil = z.infer<typeof FeesPaidUntilSchema>;

// ---------------------------------------------------------------------------------------------
// Payments

const ProxyFields = {
  /** 代缴: the member who actually pays, when not the member themself (needs a proxy agreement). */
  payerMemberId: UuidSchema.optional(),
  proxyAgreementId: UuidSchema.optional(),
};
/** POST /fees/payments: a payment collected by the fee worker (cash or transfer). */
export const RecordPaymentSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('bills'),
      memberId: UuidSchema,
      billIds: z.array(UuidSchema).min(1).max(24),
      /** What was collected; must equal the bills' amounts due (a check against a wrong entry). */
      amountFen: FenSchema,
      method: RecordedPaymentMethod,
      paidOn: DateOnlySchema.optional(),
      note: Note.optional(),
      ...ProxyFields,
    }),
    z.object({
      kind: z.literal('voluntary'),
      memberId: UuidSchema,
      amountFen: PositiveFenSchema,
      method: RecordedPaymentMethod,
      paidOn: DateOnlySchema.optional(),
      note: Note.optional(),
      ...ProxyFields,
    }),
  ])
  .meta({ id: 'RecordPayment' });
export type RecordPaymentDto = z.infer<typeof RecordPaymentSchema>;

export const FeePaymentSchema = z
  .object({
    id: UuidSchema,
    /** Receipt number (收据号), e.g. DF2025-000123; null until paid. */
    receiptNo: z.string().nullable(),
    kind: FeePaymentKind,
    member: MemberRefSchema,
    /** 代缴: who paid, when not the member. */
    payer: MemberRefSchema.nullable(),
    proxyAgreementId: UuidSchema.nullable(),
    orgId: UuidSchema,
    orgName: z.string(),
    method: FeePaymentMethod,
    methodLabel: z.string(),
    status: FeePaymentStatus,
    statusLabel: z.string(),
    amountFen: FenSchema,
    /** F5: the voluntary part (all of a voluntary payment; above-standard amounts of bills). */
    voluntaryFen: FenSchema,
    /** F5: 大额党费 (voluntary part ≥ 1000 yuan), forwarded to the committee above. */
    large: z.boolean(),
    forward: z
      .object({
        org: OrgRefSchema,
        acknowledgedAt: z.iso.datetime({ offset: true }).nullable(),
        acknowledgedBy: z.string().nullable(),
        note: z.string().nullable(),
      })
      .nullable(),
    bills: z.array(z.object({ id: UuidSchema, month: MonthSchema, amountDueFen: FenSchema })),
    paidAt: z.iso.datetime({ offset: true }).nullable(),
    recordedBy: z.string().nullable(),
    note: z.string().nullable(),
    /** Online payments: our order number and WeChat's transaction id. */
    outTradeNo: z.string().nullable(),
    transactionId: z.string().nullable(),
    /** refund_due: why the money could not be applied. */
    problem: z.string().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'FeePayment' });
export type FeePayment = z.infer<typeof FeePaymentSchema>;
export const FeePaymentPageSchema = pageOf(FeePaymentSchema).meta({ id: 'FeePaymentPage' });
export type FeePaymentPage = z.infer<typeof FeePaymentPageSchema>;

export const FeePaymentListQuerySchema = PageQuerySchema.extend({
  orgId: UuidSchema,
  status: FeePaymentStatus.optional(),
  method: FeePaymentMethod.optional(),
  large: boolQuery.optional(),
  from: DateOnlySchema.optional(),
  to: DateOnlySchema.optional(),
}).meta({ id: 'FeePaymentListQuery' });
export type FeePaymentListQuery = z.infer<typeof FeePaymentListQuerySchema>;
export const MemberPaymentsQuerySchema = PageQuerySchema.meta({ id: 'MemberPaymentsQuery' });

// ---- Online payment (WeChat Pay JSAPI) ----

/** POST /fees/online-orders: the member (or an agreed proxy payer) pays bills or a voluntary amount. */
export const CreateOnlineOrderSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('bills'), memberId: UuidSchema.optional(), billIds: z.array(UuidSchema).min(1).max(24) }),
    z.object({ kind: z.literal('voluntary'), memberId: UuidSchema.optional(), amountFen: PositiveFenSchema }),
  ])
  .meta({ id: 'CreateOnlineOrder' });
export type CreateOnlineOrderDto = z.infer<typeof CreateOnlineOrderSchema>;

/** The arguments of wx.requestPayment, signed by the server (RSA-SHA256, WeChat Pay v3). */
export const RequestPaymentParamsSchema = z
  .object({ appId: z.string(), timeStamp: z.string(), nonceStr: z.string(), package: z.string(), signType: z.literal('RSA'), paySign: z.string() })
  .meta({ id: 'RequestPaymentParams' });
export type RequestPaymentParams = z.infer<typeof RequestPaymentParamsSchema>;

export const OnlineOrderSchema = z
  .object({
    payment: FeePaymentSchema,
    /** DEMO_MODE: no real WeChat Pay; confirm with POST /fees/online-orders/{id}/demo-pay instead of wx.requestPayment. */
    demo: z.boolean(),
    requestPayment: RequestPaymentParamsSchema,
  })
  .meta({ id: 'OnlineOrder' });
export type OnlineOrder = z.infer<typeof OnlineOrderSchema>;

/** The notification endpoint's answer, in WeChat Pay's format. */
export const WechatPayNotifyAckSchema = z.object({ code: z.enum(['SUCCESS', 'FAIL']), message: z.string().optional() }).meta({ id: 'WechatPayNotifyAck' });
export type WechatPayNotifyAck = z.infer<typeof WechatPayNotifyAckSchema>;

// ---- 代缴 agreements ----

export const ProxyAgreementSchema = z
  .object({
    id: UuidSchema,
    member: MemberRefSchema,
    payer: MemberRefSchema,
    /** The branch's agreement: when and what (e.g. 支委会决定). */
    decidedOn: DateOnlySchema,
    note: z.string(),
    active: z.boolean(),
    recordedBy: z.string().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    revokedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'ProxyAgreement' });
export type ProxyAgreement = z.infer<typeof ProxyAgreementSchema>;
export const CreateProxyAgreementSchema = z
  .object({
    memberId: UuidSchema,
    payerMemberId: UuidSchema,
    decidedOn: DateOnlySchema,
    note: z.string().trim().min(2, { message: '请填写党支部同意代缴的决定（至少 2 个字）' }).max(500),
  })
  .meta({ id: 'CreateProxyAgreement' });
export type CreateProxyAgreementDto = z.infer<typeof CreateProxyAgreementSchema>;
export const ProxyAgreementListQuerySchema = PageQuerySchema.extend({ orgId: UuidSchema, active: boolQuery.optional() }).meta({
  id: 'ProxyAgreementListQuery',
});
export type ProxyAgreementListQuery = z.infer<typeof ProxyAgreementListQuerySchema>;
export const ProxyAgreementPageSchema = pageOf(ProxyAgreementSchema).meta({ id: 'ProxyAgreementPage' });
export type ProxyAgreementPage = z.infer<typeof ProxyAgreementPageSchema>;

// ---------------------------------------------------------------------------------------------
// F7: reductions and exemptions (branch decision + higher approval)

export const FeeReliefSchema = z
  .object({
    id: UuidSchema,
    member: MemberRefSchema,
    org: OrgRefSchema,
    kind: FeeReliefKind,
    fromMonth: MonthSchema,
    toMonth: MonthSchema,
    /** reduce: the amount due per month instead. */
    reducedFen: FenSchema.nullable(),
    reason: z.string(),
    branchDecidedOn: DateOnlySchema,
    branchDecision: z.string(),
    status: FeeReliefStatus,
    requestedBy: z.string().nullable(),
    requestedAt: z.iso.datetime({ offset: true }),
    decidedBy: z.string().nullable(),
    decidedAt: z.iso.datetime({ offset: true }).nullable(),
    decidingOrg: OrgRefSchema.nullable(),
    decisionNote: z.string().nullable(),
  })
  .meta({ id: 'FeeRelief' });
export type FeeRelief = z.infer<typeof FeeReliefSchema>;
export const FeeReliefPageSchema = pageOf(FeeReliefSchema).meta({ id: 'FeeReliefPage' });
export type FeeReliefPage = z.infer<typeof FeeReliefPageSchema>;

export const CreateFeeReliefSchema = z
  .object({
    memberId: UuidSchema,
    kind: FeeReliefKind,
    fromMonth: MonthSchema,
    toMonth: MonthSchema,
    reducedFen: FenSchema.optional(),
    reason: z.string().trim().min(2, { message: '请填写少交或免交的理由' }).max(1000),
    branchDecidedOn: DateOnlySchema,
    branchDecision: z.string().trim().min(2, { message: '请记录党支部的研究决定' }).max(1000),
  })
  .refine((v) => v.fromMonth <= v.toMonth, { message: '起始月份不能晚于结束月份', path: ['toMonth'] })
  .refine((v) => v.kind !== 'reduce' || v.reducedFen !== undefined, { message: '少交须填写每月应交金额', path: ['reducedFen'] })
  .refine((v) => v.kind !== 'exempt' || v.reducedFen === undefined, { message: '免交不填写金额', path: ['reducedFen'] })
  .meta({ id: 'CreateFeeRelief' });
export type CreateFeeReliefDto = z.infer<typeof CreateFeeReliefSchema>;
export const DecideFeeReliefSchema = z.object({ note: z.string().trim().min(2, { message: '请填写审批意见' }).max(1000) }).meta({ id: 'DecideFeeRelief' });
export type DecideFeeReliefDto = z.infer<typeof DecideFeeReliefSchema>;
export const FeeReliefListQuerySchema = PageQuerySchema.extend({ orgId: UuidSchema, status: FeeReliefStatus.optional() }).meta({ id: 'FeeReliefListQuery' });
export type FeeReliefListQuery = z.infer<typeof FeeReliefListQuerySchema>;

// ---------------------------------------------------------------------------------------------
// F5: 大额党费 forwarded upward

export const LargePaymentListQuerySchema = PageQuerySchema.extend({ orgId: UuidSchema, acknowledged: boolQuery.optional() }).meta({
  id: 'LargePaymentListQuery',
});
export type LargePaymentListQuery = z.infer<typeof LargePaymentListQuerySchema>;
export const AcknowledgeLargePaymentSchema = z.object({ note: Note.optional() }).meta({ id: 'AcknowledgeLargePayment' });
export type AcknowledgeLargePaymentDto = z.infer<typeof AcknowledgeLargePaymentSchema>;

// ---------------------------------------------------------------------------------------------
// Oversight: arrears (F6), collection report, yearly public report (F7)

export const ArrearsRowSchema = z
  .object({
    member: z.object({ id: UuidSchema, name: z.string(), status: MemberStatus }),
    org: OrgRefSchema,
    /** Unpaid bills of months that have ended. */
    unpaidMonths: z.number().int(),
    amountFen: FenSchema,
    oldestMonth: MonthSchema,
    latestMonth: MonthSchema,
    /** F6: the longest run of consecutive unpaid months. */
    longestRun: z.number().int(),
    /** Months still payable (F5: within 6 months back). */
    payableMonths: z.number().int(),
    /** An open F6 review case exists (the branch handles it; nothing happens automatically). */
    reviewCaseOpen: z.boolean(),
  })
  .meta({ id: 'ArrearsRow' });
export const ArrearsPageSchema = pageOf(ArrearsRowSchema).meta({ id: 'ArrearsPage' });
export type ArrearsPage = z.infer<typeof ArrearsPageSchema>;
export const ArrearsQuerySchema = PageQuerySchema.extend({
  orgId: UuidSchema,
  /** Only members with at least this many unpaid (ended) months. */
  minMonths: z.coerce.number().int().min(1).max(120).default(1),
}).meta({ id: 'ArrearsQuery' });
export type ArrearsQuery = z.infer<typeof ArrearsQuerySchema>;
export const ArrearsExportQuerySchema = z
  .object({ orgId: UuidSchema, minMonths: z.coerce.number().int().min(1).max(120).default(1) })
  .meta({ id: 'ArrearsExportQuery' });
export type ArrearsExportQuery = z.infer<typeof ArrearsExportQuerySchema>;

export const FeeReviewScanSchema = z.object({ orgId: UuidSchema.optional() }).meta({ id: 'FeeReviewScan' });
export type FeeReviewScanDto = z.infer<typeof FeeReviewScanSchema>;
export const FeeReviewScanResultSchema = z
  .object({ kind: z.string(), asOfMonth: MonthSchema, scanned: z.number().int(), opened: z.number().int() })
  .meta({ id: 'FeeReviewScanResult' });
export type FeeReviewScanResult = z.infer<typeof FeeReviewScanResultSchema>;

/** Collection of one organisation's subtree for a month. Rates are basis points (9876 = 98.76 %), null without bills. */
export const CollectionRowSchema = z
  .object({
    org: z.object({ id: UuidSchema, name: z.string(), kind: z.string(), parentId: UuidSchema.nullable() }),
    bills: z.number().int(),
    dueFen: FenSchema,
    paidFen: FenSchema,
    settled: z.number().int(),
    paid: z.number().int(),
    reduced: z.number().int(),
    exempt: z.number().int(),
    unpaid: z.number().int(),
    /** Amount collected / amount due. */
    amountRateBp: z.number().int().nullable(),
    /** Settled bills / bills. */
    countRateBp: z.number().int().nullable(),
  })
  .meta({ id: 'CollectionRow' });
export type CollectionRow = z.infer<typeof CollectionRowSchema>;
export const CollectionReportSchema = z
  .object({ month: MonthSchema, total: CollectionRowSchema, children: z.array(CollectionRowSchema) })
  .meta({ id: 'CollectionReport' });
export type CollectionReport = z.infer<typeof CollectionReportSchema>;
export const CollectionQuerySchema = z.object({ orgId: UuidSchema, month: MonthSchema }).meta({ id: 'CollectionQuery' });
export type CollectionQuery = z.infer<typeof CollectionQuerySchema>;
/** Every organisation of the subtree (depth first by path), for the export and for drilling down. */
export const CollectionTreeQuerySchema = PageQuerySchema.extend({
  orgId: UuidSchema,
  month: MonthSchema,
  pageSize: z.coerce.number().int().min(1).max(1000).default(200),
}).meta({
  id: 'CollectionTreeQuery',
});
export type CollectionTreeQuery = z.infer<typeof CollectionTreeQuerySchema>;
export const CollectionTreePageSchema = pageOf(CollectionRowSchema.extend({ depth: z.number().int() })).meta({ id: 'CollectionTreePage' });
export type CollectionTreePage = z.infer<typeof CollectionTreePageSchema>;

export const YearlyReportQuerySchema = z.object({ orgId: UuidSchema, year: YearSchema }).meta({ id: 'YearlyReportQuery' });
export type YearlyReportQuery = z.infer<typeof YearlyReportQuerySchema>;
/** F7: the branch's yearly public report (党费收缴情况公示): no names, only figures. */
export const YearlyFeeReportSchema = z
  .object({
    org: OrgRefSchema,
    year: z.number().int(),
    months: z.array(
      z.object({
        month: MonthSchema,
        bills: z.number().int(),
        dueFen: FenSchema,
        paidFen: FenSchema,
        settled: z.number().int(),
        amountRateBp: z.number().int().nullable(),
      }),
    ),
    totals: z.object({ bills: z.number().int(), dueFen: FenSchema, paidFen: FenSchema, settled: z.number().int(), amountRateBp: z.number().int().nullable() }),
    reliefs: z.object({ reduce: z.number().int(), exempt: z.number().int() }),
    voluntary: z.object({ count: z.number().int(), amountFen: FenSchema }),
    large: z.object({ count: z.number().int(), amountFen: FenSchema }),
    generatedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'YearlyFeeReport' });
export type YearlyFeeReport = z.infer<typeof YearlyFeeReportSchema>;

// ---------------------------------------------------------------------------------------------
// The member's own view

export const MyFeesSchema = z
  .object({
    member: z.object({ id: UuidSchema, name: z.string(), orgId: UuidSchema, orgName: z.string() }),
    currentMonth: MonthSchema,
    /** The standard in force this month (null: the branch has not recorded one yet). */
    standard: FeeStandardSchema.nullable(),
    /** This month's bill (made on first look when a standard exists). */
    currentBill: FeeBillSchema.nullable(),
    /** Unpaid bills, oldest first, each with its F5 payability. */
    unpaid: z.array(FeeBillSchema),
    paidUntil: FeesPaidUntilSchema,
    /** How online payment works here: real WeChat Pay, the labelled demo, or not at all. */
    onlinePay: z.enum(['wechat', 'demo', 'unavailable']),
    /** 代缴: members whose fees the caller may pay (branch agreement), with their unpaid bills. */
    proxyFor: z.array(z.object({ agreementId: UuidSchema, member: MemberRefSchema, unpaid: z.array(FeeBillSchema) })),
  })
  .meta({ id: 'MyFees' });
export type MyFees = z.infer<typeof MyFeesSchema>;

// ---------------------------------------------------------------------------------------------
// Errors and audit

export const FeeErrorCode = {
  NOT_LINKED: 'FEE_NOT_LINKED',
  INPUT_INVALID: 'FEE_INPUT_INVALID',
  MONTH_NOT_IN_YEAR: 'FEE_MONTH_NOT_IN_YEAR',
  MONTH_IN_FUTURE: 'FEE_MONTH_IN_FUTURE',
  BILL_NOT_OF_MEMBER: 'FEE_BILL_NOT_OF_MEMBER',
  BILL_SETTLED: 'FEE_BILL_SETTLED',
  /** F5: a month more than 6 months back cannot be paid any more. */
  BACKPAY_LIMIT: 'FEE_BACKPAY_LIMIT',
  AMOUNT_MISMATCH: 'FEE_AMOUNT_MISMATCH',
  PROXY_AGREEMENT_REQUIRED: 'FEE_PROXY_AGREEMENT_REQUIRED',
  PROXY_SELF: 'FEE_PROXY_SELF',
  PROXY_NOT_SAME_BRANCH: 'FEE_PROXY_NOT_SAME_BRANCH',
  PROXY_EXISTS: 'FEE_PROXY_EXISTS',
  PROXY_REVOKED: 'FEE_PROXY_REVOKED',
  ONLINE_PAY_UNAVAILABLE: 'FEE_ONLINE_PAY_UNAVAILABLE',
  WECHAT_NOT_BOUND: 'FEE_WECHAT_NOT_BOUND',
  WECHATPAY_FAILED: 'FEE_WECHATPAY_FAILED',
  DEMO_ONLY: 'FEE_DEMO_ONLY',
  PAYMENT_NOT_PENDING: 'FEE_PAYMENT_NOT_PENDING',
  NOTHING_DUE: 'FEE_NOTHING_DUE',
  RELIEF_NOT_PENDING: 'FEE_RELIEF_NOT_PENDING',
  /** F7: approval needs fee.manage on an organisation above the member's branch. */
  RELIEF_APPROVER_NOT_HIGHER: 'FEE_RELIEF_APPROVER_NOT_HIGHER',
  RELIEF_SELF_APPROVAL: 'FEE_RELIEF_SELF_APPROVAL',
  RELIEF_OVERLAP: 'FEE_RELIEF_OVERLAP',
  RELIEF_AMOUNT_INVALID: 'FEE_RELIEF_AMOUNT_INVALID',
  NOT_LARGE_PAYMENT: 'FEE_NOT_LARGE_PAYMENT',
  LARGE_ALREADY_ACKNOWLEDGED: 'FEE_LARGE_ALREADY_ACKNOWLEDGED',
  ORG_NOT_BRANCH: 'FEE_ORG_NOT_BRANCH',
  IMPORT_INVALID: 'FEE_IMPORT_INVALID',
  IMPORT_FILE_INVALID: 'FEE_IMPORT_FILE_INVALID',
  IMPORT_FILE_TOO_LARGE: 'FEE_IMPORT_FILE_TOO_LARGE',
  IMPORT_TOO_MANY_ROWS: 'FEE_IMPORT_TOO_MANY_ROWS',
  IMPORT_EMPTY: 'FEE_IMPORT_EMPTY',
  EXPORT_TOO_LARGE: 'FEE_EXPORT_TOO_LARGE',
} as const;
export type FeeErrorCode = (typeof FeeErrorCode)[keyof typeof FeeErrorCode];

export const FeeAuditAction = {
  STANDARD_SET: 'fee.standard.set',
  STANDARD_IMPORT: 'fee.standard.import',
  BILLS_GENERATE: 'fee.bills.generate',
  PAYMENT_RECORD: 'fee.payment.record',
  ONLINE_ORDER: 'fee.payment.order',
  ONLINE_PAID: 'fee.payment.online_paid',
  /** An authentic notification whose amount differs from the order: refused (never applied). */
  AMOUNT_MISMATCH: 'fee.payment.amount_mismatch',
  /** Money arrived for bills another payment had settled: kept for refund, never applied twice. */
  REFUND_DUE: 'fee.payment.refund_due',
  PROXY_CREATE: 'fee.proxy.create',
  PROXY_REVOKE: 'fee.proxy.revoke',
  RELIEF_REQUEST: 'fee.relief.request',
  RELIEF_APPROVE: 'fee.relief.approve',
  RELIEF_REJECT: 'fee.relief.reject',
  LARGE_ACKNOWLEDGE: 'fee.large.acknowledge',
  REVIEW_CASE_OPEN: 'fee.review_case.open',
  EXPORT: 'fee.export',
} as const;

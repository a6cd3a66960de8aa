import { z } from 'zod';
import { DateOnlySchema, UuidSchema } from './common.js';
import { MemberStatus } from './member.js';

/*
 * 电子党员名片 (P1, P2): the member's own card, the privacy choices, the public verify result.
 * Rules and the token grammar: rules/card-rules.ts. What each view shows to whom: docs/modules/card.md.
 */

/** The member's own photo on the card (P1): one image, JPEG/PNG/WebP (checked from its first bytes), at most 2 MB. */
export const CARD_PHOTO_LIMITS = { maxBytes: 2 * 1024 * 1024, contentTypes: ['image/jpeg', 'image/png', 'image/webp'] } as const;

export const CardPostSchema = z.object({ kind: z.enum(['committee', 'vanguard']), title: z.string() });
export type CardPost = z.infer<typeof CardPostSchema>;
export const CardHonourSchema = z.object({ id: UuidSchema, title: z.string(), awardedOn: DateOnlySchema });

/** P1: what the member may add to the public view beyond the minimum (all off by default). */
export const CardPrivacySchema = z
  .object({ showStudy: z.boolean(), showPoints: z.boolean(), showVolunteer: z.boolean(), showHonours: z.boolean() })
  .meta({ id: 'CardPrivacy' });
export type CardPrivacy = z.infer<typeof CardPrivacySchema>;

export const CardQrSchema = z
  .object({
    token: z.string(),
    /** What the QR encodes: the public verify page with the token. */
    url: z.string(),
    /** The QR of `url` as SVG (the mini-program shows it as an image; the phone keeps the last one for offline use). */
    svg: z.string(),
    issuedAt: z.string(),
    /** Until when a scan says 真实有效; later it reads 离线名片 until `offlineUntil`, then 已过期. */
    freshUntil: z.string(),
    offlineUntil: z.string(),
    /** When the page fetches the next code. */
    refreshInS: z.number().int(),
  })
  .meta({ id: 'CardQr' });
export type CardQr = z.infer<typeof CardQrSchema>;

/** The fields of the public view (P1 minimum), plus the extras the member chose. Never national ID or phone. */
export const PublicCardSchema = z.object({
  name: z.string(),
  photoUrl: z.string().nullable(),
  orgName: z.string(),
  statusLabel: z.string(),
  partyYears: z.number().int().nullable(),
  posts: z.array(CardPostSchema),
  year: z.number().int(),
  studyHours: z.number().optional(),
  yearPoints: z.number().int().optional(),
  volunteerHours: z.number().optional(),
  honours: z.array(CardHonourSchema).optional(),
});
export type PublicCard = z.infer<typeof PublicCardSchema>;

/** The member's own card (everything, whatever the privacy choices). */
export const MemberCardSchema = z
  .object({
    memberId: UuidSchema,
    name: z.string(),
    photoUrl: z.string().nullable(),
    orgName: z.string(),
    status: MemberStatus,
    statusLabel: z.string(),
    fullMemberDate: DateOnlySchema.nullable(),
    partyYears: z.number().int().nullable(),
    posts: z.array(CardPostSchema),
    year: z.number().int(),
    studyHours: z.number(),
    yearPoints: z.number().int(),
    /** Volunteer hours of the year (0 until the volunteering module reports them). */
    volunteerHours: z.number(),
    honours: z.array(CardHonourSchema),
    privacy: CardPrivacySchema,
    qr: CardQrSchema,
  })
  .meta({ id: 'MemberCard' });
export type MemberCard = z.infer<typeof MemberCardSchema>;

export const CardVerifyQuerySchema = z.object({ t: z.string().min(1).max(200) });
export type CardVerifyQuery = z.infer<typeof CardVerifyQuerySchema>;

export const CardVerifyResultSchema = z
  .object({
    verdict: z.enum(['current', 'offline', 'expired', 'inactive', 'invalid']),
    label: z.string(),
    /** A sentence for the person checking. */
    detail: z.string(),
    kind: z.enum(['screen', 'print']).nullable(),
    /** When the code was signed (on-screen codes) or until when a printed card runs. */
    signedAt: z.string().nullable(),
    validUntil: z.string().nullable(),
    checkedAt: z.string(),
    /** Current standing: only for a genuine card that verifies (current or offline). */
    card: PublicCardSchema.nullable(),
  })
  .meta({ id: 'CardVerifyResult' });
export type CardVerifyResult = z.infer<typeof CardVerifyResultSchema>;

/** A 先锋岗 or an honour recorded by the branch (member.manage). */
export const CreateCardDistinctionSchema = z
  .object({
    memberId: UuidSchema,
    kind: z.enum(['vanguard', 'honour']),
    title: z.string().trim().min(2, { message: '请填写名称（至少 2 个字）' }).max(60),
    awardedOn: DateOnlySchema,
  })
  .meta({ id: 'CreateCardDistinction' });
export type CreateCardDistinction = z.infer<typeof CreateCardDistinctionSchema>;

export const CardSheetQuerySchema = z.object({ orgId: UuidSchema });
export type CardSheetQuery = z.infer<typeof CardSheetQuerySchema>;

/** One 先锋岗 duty recorded for the post's holder, and the points it gave (0 when a cap was reached). */
export const VanguardDutySchema = z.object({
  id: UuidSchema,
  performedOn: DateOnlySchema,
  note: z.string(),
  points: z.number().int(),
  recordedBy: z.string().nullable(),
});
export type VanguardDuty = z.infer<typeof VanguardDutySchema>;

export const MemberDistinctionSchema = z.object({
  id: UuidSchema,
  kind: z.enum(['vanguard', 'honour']),
  title: z.string(),
  awardedOn: DateOnlySchema,
  /** 先锋岗 only: its duties, newest first (the last 20). */
  duties: z.array(VanguardDutySchema),
});
export type MemberDistinction = z.infer<typeof MemberDistinctionSchema>;

/** A member's 先锋岗 and honours as their branch manages them (never the card's private figures or QR). */
export const MemberDistinctionsSchema = z
  .object({
    memberId: UuidSchema,
    memberName: z.string(),
    orgName: z.string(),
    /** member.manage over the member: grant and revoke. */
    canManage: z.boolean(),
    /** points.manage over the member, not the member themself: record duties. */
    canRecordDuty: z.boolean(),
    items: z.array(MemberDistinctionSchema),
  })
  .meta({ id: 'MemberDistinctions' });
export type MemberDistinctions = z.infer<typeof MemberDistinctionsSchema>;

export const MemberDistinctionsQuerySchema = z.object({ memberId: UuidSchema });
export type MemberDistinctionsQuery = z.infer<typeof MemberDistinctionsQuerySchema>;

/** 先锋岗履职: what the holder did on a day (P3 `vanguard_duty`; rules in `vanguardDutyProblem`). */
export const RecordVanguardDutySchema = z
  .object({
    performedOn: DateOnlySchema,
    note: z.string().trim().min(2, { message: '请简要写明履职内容（至少 2 个字）' }).max(200),
  })
  .meta({ id: 'RecordVanguardDuty' });
export type RecordVanguardDuty = z.infer<typeof RecordVanguardDutySchema>;

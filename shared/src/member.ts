import { z } from 'zod';
import { DateOnlySchema, UuidSchema, pageOf, PageQuerySchema } from './common.js';
import { chinaDate } from './rules/meeting-rules.js';

/** M1: the formal status. Flags below are independent of it. */
export const MemberStatus = z.enum(['full', 'probationary']);
export type MemberStatus = z.infer<typeof MemberStatus>;
export const MEMBER_STATUS_LABEL: Record<MemberStatus, string> = { full: '正式党员', probationary: '预备党员' };

export const MemberFlag = z.enum(['mobile', 'lost_contact', 'disciplinary_probation', 'rights_suspended']);
export type MemberFlag = z.infer<typeof MemberFlag>;
export const MEMBER_FLAG_LABEL: Record<MemberFlag, string> = {
  mobile: '流动党员',
  lost_contact: '失联党员',
  disciplinary_probation: '留党察看',
  rights_suspended: '权利停止',
};

/** Why a member left the platform's active roll: an outbound transfer whose 回执 came back (T1, T5). */
export const MemberLeftReason = z.enum(['transferred_out', 'deceased']);
export type MemberLeftReason = z.infer<typeof MemberLeftReason>;
export const MEMBER_LEFT_REASON_LABEL: Record<MemberLeftReason, string> = { transferred_out: '已转出', deceased: '已去世' };

export const MemberDepartureSchema = z.object({ at: z.iso.datetime(), reason: MemberLeftReason, label: z.string() }).meta({
  id: 'MemberDeparture',
  description: 'Left the platform: off member lists, counts, billing and new meeting rosters; the record stays readable by id.',
});
export type MemberDeparture = z.infer<typeof MemberDepartureSchema>;

export const Gender = z.enum(['male', 'female']);
export type Gender = z.infer<typeof Gender>;
export const Education = z.enum(['primary', 'junior_high', 'senior_high', 'vocational', 'college', 'bachelor', 'master', 'doctor']);
export type Education = z.infer<typeof Education>;
export const EDUCATION_LABEL: Record<z.infer<typeof Education>, string> = {
  primary: '小学',
  junior_high: '初中',
  senior_high: '高中',
  vocational: '中专',
  college: '大专',
  bachelor: '本科',
  master: '硕士研究生',
  doctor: '博士研究生',
};

/** GB 11643-1999 citizen ID: 17 digits + check character (ISO 7064 MOD 11-2). */
export function isValidNationalId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}
/** The birth date a valid national ID encodes (positions 7–14), as YYYY-MM-DD. */
export const nationalIdBirthDate = (id: string) => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
/** GB 11643: the 17th digit is odd for men, even for women. */
export const nationalIdGender = (id: string): Gender => (Number(id[16]) % 2 === 1 ? 'male' : 'female');
const isRealDate = (d: string) => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
};
export const NationalIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidNationalId, { message: '身份证号码格式或校验位不正确' })
  .refine((id) => isRealDate(nationalIdBirthDate(id)), { message: '身份证号码中的出生日期无效' });
export const MobilePhoneSchema = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, { message: '手机号码格式不正确' });

/** M4 masking: keep what a person needs to recognise the value, hide the rest. */
export const maskNationalId = (id: string) => `${id.slice(0, 3)}***********${id.slice(-4)}`;
export const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

export const MemberSchema = z
  .object({
    id: UuidSchema,
    orgId: UuidSchema,
    orgName: z.string(),
    groupId: UuidSchema.nullable(),
    groupName: z.string().nullable(),
    enterpriseId: UuidSchema.nullable(),
    enterpriseName: z.string().nullable(),
    name: z.string(),
    gender: Gender,
    ethnicity: z.string(),
    birthDate: DateOnlySchema,
    /** Masked unless the caller may read sensitive data and asked for it (M4). */
    phone: z.string().nullable(),
    nationalId: z.string().nullable(),
    sensitiveUnmasked: z.boolean(),
    education: Education.nullable(),
    joinDate: DateOnlySchema,
    fullMemberDate: DateOnlySchema.nullable(),
    status: MemberStatus,
    flags: z.array(MemberFlag),
    post: z.string().nullable(),
    /** M3: 党龄 in whole years, from the end of probation; null while probationary. */
    partyYears: z.number().int().nullable(),
    /** Null while on the roll; set once the member has left the platform (e.g. 已转出). */
    departure: MemberDepartureSchema.nullable(),
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof MemberSchema>;

export const MemberPageSchema = pageOf(MemberSchema)
  .extend({
    /**
     * True when `total` is a lower bound: filtered lists count at most MEMBER_COUNT_CAP matches, so a
     * search over a province-sized tree stays fast ("1000+").
     */
    totalCapped: z.boolean().optional(),
  })
  .meta({ id: 'MemberPage' });
export type MemberPage = z.infer<typeof MemberPageSchema>;
/** Filtered member lists count matches up to this many (see `totalCapped`). */
export const MEMBER_COUNT_CAP = 1000;
/** Lists page through at most this many rows (page × pageSize); beyond, narrow the filter or export. */
export const MEMBER_LIST_WINDOW = 10_000;

export const MemberListQuerySchema = PageQuerySchema.extend({
  orgId: UuidSchema,
  /** Part of a name, or an exact mobile number, or an exact national ID. */
  q: z.string().trim().max(50).optional(),
  status: MemberStatus.optional(),
  flag: MemberFlag.optional(),
  /** Include the whole subtree, not only members whose relationship is in `orgId` itself. */
  subtree: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(true),
}).meta({ id: 'MemberListQuery' });
export type MemberListQuery = z.infer<typeof MemberListQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Dates and consistency (M1, M3, M4)

/** Today's calendar date in China (the domain's dates have no time zone; China has one). */
export function chinaToday(now: Date = new Date()): string {
  return chinaDate(now);
}

/** Whole years from `from` to `to` (both YYYY-MM-DD), counting a year only once its day is reached. */
export function wholeYearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return years;
}

/** M3: 党龄 counts from the end of probation (转正); none while probationary. */
export function partyYears(m: { status: MemberStatus; fullMemberDate: string | null }, today: string = chinaToday()): number | null {
  if (m.status !== 'full' || !m.fullMemberDate) return null;
  return Math.max(0, wholeYearsBetween(m.fullMemberDate, today));
}

/** Members are admitted at 18 or older (党章 Article 1; DOMAIN D step 1). */
export const MIN_JOIN_AGE = 18;

export type MemberFacts = {
  gender: Gender;
  birthDate: string;
  nationalId?: string | null;
  joinDate: string;
  status: MemberStatus;
  fullMemberDate?: string | null;
};
export type MemberIssue = { field: keyof MemberFacts; message: string };

/**
 * Checks a member's facts against each other: the ID's birth date and sex (GB 11643), dates not in
 * the future, admission at 18 or older, and M1/M3 (a full member has a 转正 date on or after the join
 * date; a probationary member has none). The server refuses what this returns; forms show it.
 */
export function memberFactIssues(m: MemberFacts, today: string = chinaToday()): MemberIssue[] {
  const out: MemberIssue[] = [];
  if (m.nationalId) {
    if (nationalIdBirthDate(m.nationalId) !== m.birthDate) {
      out.push({ field: 'nationalId', message: '身份证号码中的出生日期与出生日期不一致' });
    }
    if (nationalIdGender(m.nationalId) !== m.gender) {
      out.push({ field: 'nationalId', message: '身份证号码中的性别与性别不一致' });
    }
  }
  if (m.birthDate > today) out.push({ field: 'birthDate', message: '出生日期不能晚于今天' });
  if (m.joinDate > today) out.push({ field: 'joinDate', message: '入党日期不能晚于今天' });
  else if (wholeYearsBetween(m.birthDate, m.joinDate) < MIN_JOIN_AGE) {
    out.push({ field: 'joinDate', message: `入党时应年满 ${MIN_JOIN_AGE} 周岁` });
  }
  if (m.status === 'full') {
    if (!m.fullMemberDate) out.push({ field: 'fullMemberDate', message: '正式党员须填写转正日期' });
    else if (m.fullMemberDate < m.joinDate) out.push({ field: 'fullMemberDate', message: '转正日期不能早于入党日期' });
    else if (m.fullMemberDate > today) out.push({ field: 'fullMemberDate', message: '转正日期不能晚于今天' });
  } else if (m.fullMemberDate) {
    out.push({ field: 'fullMemberDate', message: '预备党员没有转正日期' });
  }
  return out;
}

const addIssues = (issues: MemberIssue[], ctx: z.RefinementCtx) => {
  for (const i of issues) ctx.addIssue({ code: 'custom', path: [i.field], message: i.message });
};

// ---------------------------------------------------------------------------------------------
// Requests

const NameSchema = z.string().trim().min(1).max(50);
const EthnicitySchema = z.string().trim().min(1).max(20);
const PostSchema = z.string().trim().max(100);

/** Profile fields (PATCH): never status, flags, organisation or group, which have their own endpoints. */
export const UpdateMemberSchema = z
  .object({
    name: NameSchema,
    gender: Gender,
    ethnicity: EthnicitySchema,
    birthDate: DateOnlySchema,
    phone: MobilePhoneSchema.nullable(),
    nationalId: NationalIdSchema.nullable(),
    education: Education.nullable(),
    joinDate: DateOnlySchema,
    post: PostSchema.nullable(),
    enterpriseId: UuidSchema.nullable(),
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateMember' });
export type UpdateMemberDto = z.infer<typeof UpdateMemberSchema>;

/** M2: a member is created in a 党支部 (and optionally one of its 党小组). */
export const CreateMemberSchema = z
  .object({
    orgId: UuidSchema,
    groupId: UuidSchema.nullable().optional(),
    enterpriseId: UuidSchema.nullable().optional(),
    name: NameSchema,
    gender: Gender,
    ethnicity: EthnicitySchema.default('汉族'),
    birthDate: DateOnlySchema,
    phone: MobilePhoneSchema.nullable().optional(),
    nationalId: NationalIdSchema.nullable().optional(),
    education: Education.nullable().optional(),
    joinDate: DateOnlySchema,
    status: MemberStatus,
    /** M3: required for full members, absent for probationary ones. */
    fullMemberDate: DateOnlySchema.nullable().optional(),
    flags: z.array(MemberFlag).max(MemberFlag.options.length).default([]),
    post: PostSchema.nullable().optional(),
  })
  .superRefine((m, ctx) => addIssues(memberFactIssues(m), ctx))
  .meta({ id: 'CreateMember' });
export type CreateMemberDto = z.infer<typeof CreateMemberSchema>;

export const ReasonSchema = z.string().trim().min(2, { message: '请填写变更原因（至少 2 个字）' }).max(500);

/**
 * M1: change the status and/or the flags (the complete new set). Every change is recorded with who,
 * when and the required reason. probationary → full sets `fullMemberDate` (default: today).
 */
export const UpdateMemberStatusSchema = z
  .object({
    status: MemberStatus.optional(),
    flags: z.array(MemberFlag).max(MemberFlag.options.length).optional(),
    /** 转正日期: when becoming full, or to correct it for a full member. */
    fullMemberDate: DateOnlySchema.optional(),
    reason: ReasonSchema,
  })
  .refine((b) => b.status !== undefined || b.flags !== undefined || b.fullMemberDate !== undefined, {
    message: '请指定要变更的状态、标记或转正日期',
  })
  .meta({ id: 'UpdateMemberStatus' });
export type UpdateMemberStatusDto = z.infer<typeof UpdateMemberStatusSchema>;

/** O8: put a member into a 党小组 of their branch, or take them out (null). */
export const SetMemberGroupSchema = z.object({ groupId: UuidSchema.nullable(), reason: ReasonSchema }).meta({ id: 'SetMemberGroup' });
export type SetMemberGroupDto = z.infer<typeof SetMemberGroupSchema>;

const BoolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const MemberGetQuerySchema = z
  .object({
    /** M4: ask for the unmasked national ID and phone (needs member.readSensitive; audited). */
    unmask: BoolQuery.default(false),
  })
  .meta({ id: 'MemberGetQuery' });

export const MemberExportQuerySchema = z
  .object({
    orgId: UuidSchema,
    subtree: BoolQuery.default(true),
    status: MemberStatus.optional(),
    flag: MemberFlag.optional(),
    unmask: BoolQuery.default(false),
  })
  .meta({ id: 'MemberExportQuery' });
export type MemberExportQuery = z.infer<typeof MemberExportQuerySchema>;

export const MemberImportQuerySchema = z
  .object({
    orgId: UuidSchema,
    /** Validate only: report the rows' problems (or how many would be created) and change nothing. */
    dryRun: BoolQuery.default(false),
  })
  .meta({ id: 'MemberImportQuery' });
export type MemberImportQuery = z.infer<typeof MemberImportQuerySchema>;

export const MemberImportTemplateQuerySchema = z
  .object({
    /** When given, the 党小组 column offers this branch's groups. */
    orgId: UuidSchema.optional(),
  })
  .meta({ id: 'MemberImportTemplateQuery' });

/** Limits of one import (also stated in the template's 说明 sheet). */
export const MEMBER_IMPORT_LIMITS = { maxRows: 5000, maxFileBytes: 5 * 1024 * 1024 } as const;

export const MemberImportRowErrorSchema = z
  .object({
    /** Row number as Excel shows it (the header is row 1). */
    row: z.number().int(),
    /** Column header (e.g. 身份证号), or null for a problem with the whole row. */
    column: z.string().nullable(),
    message: z.string(),
  })
  .meta({ id: 'MemberImportRowError' });
export type MemberImportRowError = z.infer<typeof MemberImportRowErrorSchema>;

export const MemberImportResultSchema = z.object({ ok: z.literal(true), dryRun: z.boolean(), created: z.number().int() }).meta({ id: 'MemberImportResult' });
export type MemberImportResult = z.infer<typeof MemberImportResultSchema>;

/** 422: the file was refused as a whole; nothing was changed. */
export const MemberImportReportSchema = z
  .object({
    ok: z.literal(false),
    code: z.string(),
    message: z.string(),
    errors: z.array(MemberImportRowErrorSchema),
  })
  .meta({ id: 'MemberImportReport' });
export type MemberImportReport = z.infer<typeof MemberImportReportSchema>;

// ---------------------------------------------------------------------------------------------
// History (M1)

export const MemberHistoryEntrySchema = z
  .object({
    id: UuidSchema,
    /** 'status', 'flag:<flag>', 'fullMemberDate', 'group', 'organisation'. */
    field: z.string(),
    /** The field for people (党员状态, 流动党员, 转正日期, 党小组 …). */
    fieldLabel: z.string(),
    fromValue: z.string().nullable(),
    toValue: z.string().nullable(),
    /** The values for people (状态名称, 小组名称 …). */
    fromLabel: z.string().nullable(),
    toLabel: z.string().nullable(),
    reason: z.string().nullable(),
    changedBy: z.object({ userId: UuidSchema, name: z.string() }).nullable(),
    changedAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'MemberHistoryEntry' });
export type MemberHistoryEntry = z.infer<typeof MemberHistoryEntrySchema>;

export const MemberHistoryPageSchema = pageOf(MemberHistoryEntrySchema).meta({ id: 'MemberHistoryPage' });
export type MemberHistoryPage = z.infer<typeof MemberHistoryPageSchema>;

import { z } from 'zod';
import { DateOnlySchema, UuidSchema, pageOf, PageQuerySchema } from './common.js';

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

export const Gender = z.enum(['male', 'female']);
export type Gender = z.infer<typeof Gender>;
export const Education = z.enum([
  'primary',
  'junior_high',
  'senior_high',
  'vocational',
  'college',
  'bachelor',
  'master',
  'doctor',
]);
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
export const NationalIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidNationalId, { message: '身份证号码格式或校验位不正确' });
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
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof MemberSchema>;

export const MemberPageSchema = pageOf(MemberSchema).meta({ id: 'MemberPage' });

export const MemberListQuerySchema = PageQuerySchema.extend({
  orgId: UuidSchema,
  /** Name (or part of it) to search for. */
  q: z.string().trim().max(50).optional(),
  status: MemberStatus.optional(),
  flag: MemberFlag.optional(),
  /** Include the whole subtree, not only members whose relationship is in `orgId` itself. */
  subtree: z.enum(['true', 'false']).transform((v) => v === 'true').default(true),
}).meta({ id: 'MemberListQuery' });
export type MemberListQuery = z.infer<typeof MemberListQuerySchema>;

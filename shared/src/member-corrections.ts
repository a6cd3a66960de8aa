import { z } from 'zod';
import { UuidSchema } from './common.js';
import { EDUCATION_LABEL, UpdateMemberSchema, type Education, type Gender } from './member.js';
import { CORRECTION_STATES } from './rules/correction-rules.js';

/*
 * 档案更正 (issue 13): a member asks to correct their own profile; whoever manages their branch
 * approves (the change is applied in the same step) or returns it with a reason. The table is in
 * rules/correction-rules.ts.
 */

export const GENDER_LABEL: Record<Gender, string> = { male: '男', female: '女' };

/** The profile fields a member may ask to correct: what they know best. Status, dates of Party life and the national ID stay with the branch. */
export const CORRECTABLE_FIELDS = ['name', 'gender', 'ethnicity', 'birthDate', 'education', 'phone', 'enterpriseId', 'post'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];
export const CORRECTABLE_FIELD_LABEL: Record<CorrectableField, string> = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  education: '学历',
  phone: '手机号码',
  enterpriseId: '工作单位',
  post: '工作岗位',
};

/** The new values, validated as the secretary's own edit is (UpdateMemberSchema), at least one. */
export const CorrectionChangesSchema = UpdateMemberSchema.pick({
  name: true,
  gender: true,
  ethnicity: true,
  birthDate: true,
  education: true,
  phone: true,
  enterpriseId: true,
  post: true,
})
  .strict()
  .refine((c) => Object.keys(c).length > 0, { message: '请至少修改一项' });
export type CorrectionChanges = z.infer<typeof CorrectionChangesSchema>;

export const CreateProfileCorrectionSchema = z
  .object({
    changes: CorrectionChangesSchema,
    /** Why, or where the right value can be checked (e.g. 身份证、毕业证书). */
    note: z.string().trim().max(200).nullable().default(null),
  })
  .meta({ id: 'CreateProfileCorrection' });
export type CreateProfileCorrectionDto = z.infer<typeof CreateProfileCorrectionSchema>;

export const ReturnProfileCorrectionSchema = z
  .object({ reason: z.string().trim().min(2, { message: '请填写退回原因（至少 2 个字）' }).max(500) })
  .meta({ id: 'ReturnProfileCorrection' });
export type ReturnProfileCorrectionDto = z.infer<typeof ReturnProfileCorrectionSchema>;

export const CorrectionStateSchema = z.enum(CORRECTION_STATES);

export const ProfileCorrectionListQuerySchema = z
  .object({
    orgId: UuidSchema,
    /** Default: the open ones (the secretary's queue). */
    state: CorrectionStateSchema.default('pending'),
  })
  .meta({ id: 'ProfileCorrectionListQuery' });
export type ProfileCorrectionListQuery = z.infer<typeof ProfileCorrectionListQuerySchema>;

const PersonSchema = z.object({ userId: UuidSchema, name: z.string() });

export const ProfileCorrectionSchema = z
  .object({
    id: UuidSchema,
    memberId: UuidSchema,
    memberName: z.string(),
    orgId: UuidSchema,
    orgName: z.string(),
    state: CorrectionStateSchema,
    stateLabel: z.string(),
    /** Each field asked for, from → to, as people read them (labels, unit names; the phone masked, M4). */
    changes: z.array(z.object({ field: z.enum(CORRECTABLE_FIELDS), label: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
    note: z.string().nullable(),
    requestedBy: PersonSchema.nullable(),
    requestedAt: z.iso.datetime({ offset: true }),
    decidedBy: PersonSchema.nullable(),
    decidedAt: z.iso.datetime({ offset: true }).nullable(),
    returnReason: z.string().nullable(),
    /** What the caller may do now. */
    canDecide: z.boolean(),
    canWithdraw: z.boolean(),
  })
  .meta({ id: 'ProfileCorrection' });
export type ProfileCorrection = z.infer<typeof ProfileCorrectionSchema>;

export const ProfileCorrectionListSchema = z.object({ items: z.array(ProfileCorrectionSchema) }).meta({ id: 'ProfileCorrectionList' });
export type ProfileCorrectionList = z.infer<typeof ProfileCorrectionListSchema>;

/** A stored value as people read it (enterprise names are looked up by the caller). */
export function correctionValueLabel(field: CorrectableField, value: string | null): string | null {
  if (value === null || value === '') return null;
  if (field === 'gender') return GENDER_LABEL[value as Gender] ?? value;
  if (field === 'education') return EDUCATION_LABEL[value as Education] ?? value;
  return value;
}

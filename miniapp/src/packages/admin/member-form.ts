import {
  CorrectionChangesSchema,
  CORRECTABLE_FIELDS,
  CreateMemberSchema,
  UpdateMemberSchema,
  type CorrectionChanges,
  type CreateMemberDto,
  type Education,
  type Gender,
  type Member,
  type MemberStatus,
  type UpdateMemberDto,
} from '@dangjian/shared';

/**
 * The member form of the phone (secretaries add and edit; members ask for a correction): text as typed,
 * turned into the request and validated with the shared zod schema the server uses, so the form and the
 * server refuse the same things. The phone and the national ID come back masked (M4): an empty box
 * means "unchanged" when editing.
 */
export type MemberForm = {
  name: string;
  gender: Gender | '';
  ethnicity: string;
  birthDate: string;
  phone: string;
  nationalId: string;
  education: Education | '';
  joinDate: string;
  status: MemberStatus;
  fullMemberDate: string;
  post: string;
  enterpriseId: string;
};

export const FIELD_LABEL: Record<keyof MemberForm | 'orgId', string> = {
  orgId: '所属党支部',
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  phone: '手机号码',
  nationalId: '身份证号',
  education: '学历',
  joinDate: '入党日期',
  status: '党员状态',
  fullMemberDate: '转正日期',
  post: '工作岗位',
  enterpriseId: '工作单位',
};

export const emptyForm = (): MemberForm => ({
  name: '',
  gender: '',
  ethnicity: '汉族',
  birthDate: '',
  phone: '',
  nationalId: '',
  education: '',
  joinDate: '',
  status: 'probationary',
  fullMemberDate: '',
  post: '',
  enterpriseId: '',
});

/** The record as the form shows it; phone and ID left empty (only their masked forms are known). */
export const formFromMember = (m: Member): MemberForm => ({
  name: m.name,
  gender: m.gender,
  ethnicity: m.ethnicity,
  birthDate: m.birthDate,
  phone: '',
  nationalId: '',
  education: m.education ?? '',
  joinDate: m.joinDate,
  status: m.status,
  fullMemberDate: m.fullMemberDate ?? '',
  post: m.post ?? '',
  enterpriseId: m.enterpriseId ?? '',
});

export type Built<T> = { ok: true; dto: T } | { ok: false; message: string };
type Issue = { path: PropertyKey[]; message: string };

/** The first problem in words: the schema's own Chinese message, else "please fill in <field> correctly". */
export function issueMessage(issues: readonly Issue[]): string {
  const first = issues[0];
  if (!first) return '请检查填写的内容';
  const key = first.path[first.path.length - 1];
  const label = typeof key === 'string' && key in FIELD_LABEL ? FIELD_LABEL[key as keyof typeof FIELD_LABEL] : null;
  if (/[\u4e00-\u9fff]/.test(first.message)) return first.message;
  return label ? `请正确填写${label}` : '请检查填写的内容';
}

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

export function buildCreate(form: MemberForm, orgId: string): Built<CreateMemberDto> {
  if (!form.name.trim()) return { ok: false, message: '请填写姓名' };
  if (!form.gender) return { ok: false, message: '请选择性别' };
  if (!form.birthDate) return { ok: false, message: '请选择出生日期' };
  if (!form.joinDate) return { ok: false, message: '请选择入党日期' };
  const parsed = CreateMemberSchema.safeParse({
    orgId,
    name: form.name,
    gender: form.gender,
    ethnicity: form.ethnicity,
    birthDate: form.birthDate,
    phone: orNull(form.phone),
    nationalId: orNull(form.nationalId),
    education: form.education || null,
    joinDate: form.joinDate,
    status: form.status,
    fullMemberDate: form.status === 'full' ? orNull(form.fullMemberDate) : null,
    post: orNull(form.post),
    enterpriseId: form.enterpriseId || null,
  });
  return parsed.success ? { ok: true, dto: parsed.data } : { ok: false, message: issueMessage(parsed.error.issues) };
}

/** The fields that differ from the record (a cleared optional box clears the field). */
function changedFields(form: MemberForm, m: Member, fields: readonly (keyof MemberForm)[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const current = formFromMember(m);
  for (const f of fields) {
    const typed = form[f].trim();
    // Masked on the record: an empty box keeps what is there.
    if ((f === 'phone' || f === 'nationalId') && typed === '') continue;
    if (typed === current[f]) continue;
    out[f] = typed === '' ? null : typed;
  }
  return out;
}

const EDITABLE = ['name', 'gender', 'ethnicity', 'birthDate', 'phone', 'nationalId', 'education', 'joinDate', 'post', 'enterpriseId'] as const;

export function buildUpdate(form: MemberForm, m: Member): Built<UpdateMemberDto> {
  const changes = changedFields(form, m, EDITABLE);
  if (!Object.keys(changes).length) return { ok: false, message: '没有修改任何内容' };
  const parsed = UpdateMemberSchema.safeParse(changes);
  return parsed.success ? { ok: true, dto: parsed.data } : { ok: false, message: issueMessage(parsed.error.issues) };
}

export function buildCorrection(form: MemberForm, m: Member): Built<CorrectionChanges> {
  const changes = changedFields(form, m, CORRECTABLE_FIELDS);
  if (!Object.keys(changes).length) return { ok: false, message: '请修改需要更正的内容' };
  const parsed = CorrectionChangesSchema.safeParse(changes);
  return parsed.success ? { ok: true, dto: parsed.data } : { ok: false, message: issueMessage(parsed.error.issues) };
}

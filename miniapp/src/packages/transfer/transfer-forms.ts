import type { CreateTransferDto, Transfer, TransferAction, TransferStepDto } from '@dangjian/shared';
import { CreateTransferSchema, LETTER_VALIDITY_DEFAULT_DAYS, REASON_REQUIRED, TransferStepSchema } from '@dangjian/shared';

/*
 * The transfer forms as pure functions: what the member fills in to apply, what a step needs before it
 * is sent. Both end in the shared zod schemas the server validates with, so the phone refuses exactly
 * what the server would, with the schema's Chinese messages.
 */

/** The kinds a member (or the sending branch) starts; `inbound` is registered by the receiving side. */
export const APPLY_KINDS = ['internal', 'outbound', 'certificate', 'mobile'] as const;
export type ApplyKind = (typeof APPLY_KINDS)[number];

/** internal and mobile go to an organisation of the platform; the others to one typed by name (T1). */
export const onPlatform = (kind: ApplyKind) => kind === 'internal' || kind === 'mobile';

export type OrgChoice = { id: string; name: string };

export type ApplyForm = {
  kind: ApplyKind;
  /** The organisation of the platform (internal, mobile). */
  toOrg: OrgChoice | null;
  /** The organisation elsewhere (outbound, certificate). */
  toOrgName: string;
  reason: string;
  /** Typed text; T4: 1–90, default 30. */
  validityDays: string;
  /** Empty: the member's own number is written on the letter. */
  memberPhone: string;
};

export const initialApplyForm = (): ApplyForm => ({
  kind: 'internal',
  toOrg: null,
  toOrgName: '',
  reason: '',
  validityDays: String(LETTER_VALIDITY_DEFAULT_DAYS),
  memberPhone: '',
});

type Built<T> = { ok: true; dto: T } | { ok: false; message: string };

/** The first issue of a failed parse, in Chinese: the schema's own message where a person caused it. */
function firstProblem(issues: ReadonlyArray<{ message: string; path: ReadonlyArray<PropertyKey> }>): string {
  const issue = issues[0];
  if (issue && /[\u4e00-\u9fa5]/.test(issue.message)) return issue.message;
  const field = String(issue?.path[0] ?? '');
  return FIELD_PROBLEM[field] ?? '表单填写有误';
}
const FIELD_PROBLEM: Record<string, string> = {
  toOrgName: '请填写接收党组织名称（2–100 个字）',
  toOrgId: '请选择接收党组织',
  validityDays: '有效期为 1–90 天',
  assignOrgId: '请选择分配的党支部',
};

/** The apply form as `POST /transfers` wants it (T1 kinds, T4 validity), or the first problem. */
export function buildApply(f: ApplyForm, memberId?: string): Built<CreateTransferDto> {
  if (onPlatform(f.kind) && !f.toOrg) return { ok: false, message: '请选择接收党组织' };
  if (!onPlatform(f.kind) && !f.toOrgName.trim()) return { ok: false, message: '请填写接收党组织名称' };
  const destination = onPlatform(f.kind) ? { toOrgId: f.toOrg?.id } : { toOrgName: f.toOrgName.trim() };
  const parsed = CreateTransferSchema.safeParse({
    kind: f.kind,
    ...destination,
    memberId,
    reason: f.reason,
    validityDays: f.validityDays.trim() === '' ? undefined : f.validityDays.trim(),
    memberPhone: f.memberPhone.trim() || undefined,
  });
  return parsed.success ? { ok: true, dto: parsed.data } : { ok: false, message: firstProblem(parsed.error.issues) };
}

/** The actions a person takes on one transfer, in the order the buttons show them (the positive one first). */
const ACTION_ORDER: TransferAction[] = ['branch_agree', 'approve', 'accept', 'record_receipt', 'report', 'resubmit', 'return', 'refuse', 'withdraw'];
export const orderedActions = (actions: ReadonlyArray<TransferAction>) => ACTION_ORDER.filter((a) => actions.includes(a));

/** What the step needs from the person before it can be sent. */
export type StepInput = 'reason' | 'validity' | 'branch' | 'edits' | 'confirm';
export function stepInput(action: TransferAction, t: Pick<Transfer, 'toOrg' | 'toCommittee'>): StepInput {
  if (REASON_REQUIRED.includes(action)) return 'reason';
  // T4: the committee confirms the letter's validity when it approves and issues it.
  if (action === 'approve') return 'validity';
  if (action === 'accept' && needsBranch(t)) return 'branch';
  if (action === 'resubmit') return 'edits';
  return 'confirm';
}

/** accept names a branch when the member asked for the committee itself (the committee assigns one). */
export const needsBranch = (t: Pick<Transfer, 'toOrg' | 'toCommittee'>) => t.toOrg !== null && t.toCommittee !== null && t.toOrg.id === t.toCommittee.id;

/** One step as `POST /transfers/:id/steps` wants it; refusals and returns must carry a reason (T2, T7). */
export type StepExtras = { reason?: string; assignOrgId?: string; validityDays?: string; edits?: TransferStepDto['edits'] };
export function buildStep(action: TransferAction, input: StepExtras = {}): Built<TransferStepDto> {
  const reason = input.reason?.trim() ?? '';
  if (REASON_REQUIRED.includes(action) && reason.length < 2) return { ok: false, message: '请填写原因（至少 2 个字）' };
  const days = input.validityDays?.trim() || undefined;
  const parsed = TransferStepSchema.safeParse({ action, reason: reason || undefined, assignOrgId: input.assignOrgId, validityDays: days, edits: input.edits });
  return parsed.success ? { ok: true, dto: parsed.data } : { ok: false, message: firstProblem(parsed.error.issues) };
}

/** resubmit: the corrected fields, only those that changed. */
export function resubmitEdits(t: Pick<Transfer, 'kind' | 'toOrg' | 'toOrgName' | 'reason' | 'validityDays'>, f: ApplyForm): TransferStepDto['edits'] {
  const edits: NonNullable<TransferStepDto['edits']> = {};
  if (onPlatform(f.kind) && f.toOrg && f.toOrg.id !== t.toOrg?.id) edits.toOrgId = f.toOrg.id;
  if (!onPlatform(f.kind) && f.toOrgName.trim() && f.toOrgName.trim() !== t.toOrgName) edits.toOrgName = f.toOrgName.trim();
  if (f.reason.trim() && f.reason.trim() !== t.reason) edits.reason = f.reason.trim();
  const days = Number(f.validityDays);
  if (f.validityDays.trim() && days !== t.validityDays) edits.validityDays = days;
  // The transfer answers only the masked number (M4): the form starts empty and sends a number only when typed.
  if (f.memberPhone.trim()) edits.memberPhone = f.memberPhone.trim();
  return Object.keys(edits).length ? edits : undefined;
}

/** The apply form filled from a returned transfer, for correcting it; the phone left empty (empty keeps the number on file). */
export function formFromTransfer(t: Pick<Transfer, 'kind' | 'toOrg' | 'toOrgName' | 'reason' | 'validityDays'>): ApplyForm {
  const kind = (APPLY_KINDS as ReadonlyArray<string>).includes(t.kind) ? (t.kind as ApplyKind) : 'internal';
  return {
    kind,
    toOrg: t.toOrg,
    toOrgName: onPlatform(kind) ? '' : (t.toOrgName ?? ''),
    reason: t.reason ?? '',
    validityDays: String(t.validityDays),
    memberPhone: '',
  };
}

/** 登记纸质介绍信转入 (inbound): the member as the paper letter describes them, and the branch they join. */
export type RegisterForm = {
  branch: OrgChoice | null;
  name: string;
  gender: 'male' | 'female';
  ethnicity: string;
  birthDate: string;
  nationalId: string;
  phone: string;
  joinDate: string;
  status: 'full' | 'probationary';
  fullMemberDate: string;
  fromOrgName: string;
  paperLetterNumber: string;
};

export const initialRegisterForm = (branch: OrgChoice | null): RegisterForm => ({
  branch,
  name: '',
  gender: 'male',
  ethnicity: '汉族',
  birthDate: '',
  nationalId: '',
  phone: '',
  joinDate: '',
  status: 'full',
  fullMemberDate: '',
  fromOrgName: '',
  paperLetterNumber: '',
});

/** The inbound registration as `POST /transfers` wants it, checked with the member rules (M1–M3) of shared. */
export function buildRegister(f: RegisterForm): Built<CreateTransferDto> {
  if (!f.branch) return { ok: false, message: '请选择转入的党支部' };
  if (!f.name.trim()) return { ok: false, message: '请填写党员姓名' };
  if (!f.birthDate) return { ok: false, message: '请选择出生日期' };
  if (!f.joinDate) return { ok: false, message: '请选择入党日期' };
  if (f.fromOrgName.trim().length < 2) return { ok: false, message: '请填写原党组织名称' };
  if (!f.paperLetterNumber.trim()) return { ok: false, message: '请填写介绍信编号' };
  const parsed = CreateTransferSchema.safeParse({
    kind: 'inbound',
    member: {
      orgId: f.branch.id,
      name: f.name.trim(),
      gender: f.gender,
      ethnicity: f.ethnicity.trim() || undefined,
      birthDate: f.birthDate,
      nationalId: f.nationalId.trim() || null,
      phone: f.phone.trim() || null,
      joinDate: f.joinDate,
      status: f.status,
      fullMemberDate: f.status === 'full' ? f.fullMemberDate || null : null,
    },
    fromOrgName: f.fromOrgName.trim(),
    paperLetterNumber: f.paperLetterNumber.trim(),
  });
  if (parsed.success) return { ok: true, dto: parsed.data };
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[issue.path.length - 1] ?? '');
  const message = issue && /[\u4e00-\u9fa5]/.test(issue.message) ? issue.message : (REGISTER_PROBLEM[field] ?? '表单填写有误');
  return { ok: false, message };
}
const REGISTER_PROBLEM: Record<string, string> = {
  name: '请填写党员姓名',
  nationalId: '身份证号码不正确',
  phone: '手机号码格式不正确',
  ethnicity: '民族填写有误',
};

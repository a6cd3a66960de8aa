import { TO_BRANCH_ID, TO_COMMITTEE_ID, transfer } from '@test/transfer-fixtures';
import { BRANCH_ID } from '@test/fixtures';
import {
  buildApply,
  buildRegister,
  buildStep,
  formFromTransfer,
  initialApplyForm,
  initialRegisterForm,
  needsBranch,
  orderedActions,
  resubmitEdits,
  stepInput,
  type ApplyForm,
} from './transfer-forms';

const form = (over: Partial<ApplyForm> = {}): ApplyForm => ({ ...initialApplyForm(), reason: '工作调动', ...over });
const toOrg = { id: TO_COMMITTEE_ID, name: '数字经济产业园联合党委' };

describe(buildApply.name, () => {
  it('sends an internal transfer to the picked platform organisation with the default validity of 30 days (T4)', () => {
    expect(buildApply(form({ toOrg }))).toEqual({ ok: true, dto: { kind: 'internal', toOrgId: TO_COMMITTEE_ID, reason: '工作调动', validityDays: 30 } });
  });

  it('asks for a platform organisation for internal and mobile, a typed name for outbound and certificate (T1)', () => {
    expect(buildApply(form())).toEqual({ ok: false, message: '请选择接收党组织' });
    expect(buildApply(form({ kind: 'mobile' }))).toEqual({ ok: false, message: '请选择接收党组织' });
    expect(buildApply(form({ kind: 'outbound', toOrg }))).toEqual({ ok: false, message: '请填写接收党组织名称' });
    const outbound = buildApply(form({ kind: 'certificate', toOrgName: ' 上海市某区某街道党工委 ' }));
    expect(outbound).toEqual({ ok: true, dto: expect.objectContaining({ kind: 'certificate', toOrgName: '上海市某区某街道党工委' }) });
    expect(outbound.ok && 'toOrgId' in outbound.dto).toBe(false);
  });

  it.each([
    ['0', false],
    ['1', true],
    ['90', true],
    ['91', false],
  ])('T4 validity %s days → accepted %s', (days, ok) => {
    const built = buildApply(form({ toOrg, validityDays: days }));
    expect(built.ok).toBe(ok);
    if (!built.ok) expect(built.message).toBe('有效期为 1–90 天');
  });

  it('refuses a reason under two characters and a malformed phone with the shared schema’s messages', () => {
    expect(buildApply(form({ toOrg, reason: '调' }))).toEqual({ ok: false, message: '请填写原因（至少 2 个字）' });
    expect(buildApply(form({ toOrg, memberPhone: '12345' }))).toEqual({ ok: false, message: '手机号码格式不正确' });
    expect(buildApply(form({ toOrg, memberPhone: '13912345678' }))).toMatchObject({ ok: true, dto: { memberPhone: '13912345678' } });
  });
});

describe(buildStep.name, () => {
  it('refuses a refusal or a return without a reason (T2, T7) and sends one with it', () => {
    expect(buildStep('refuse', { reason: ' ' })).toEqual({ ok: false, message: '请填写原因（至少 2 个字）' });
    expect(buildStep('return')).toEqual({ ok: false, message: '请填写原因（至少 2 个字）' });
    expect(buildStep('return', { reason: ' 请补充工作单位 ' })).toEqual({ ok: true, dto: { action: 'return', reason: '请补充工作单位' } });
  });

  it('sends accept with the assigned branch and plain steps with nothing else', () => {
    expect(buildStep('accept', { assignOrgId: TO_BRANCH_ID })).toEqual({ ok: true, dto: { action: 'accept', assignOrgId: TO_BRANCH_ID } });
    expect(buildStep('approve')).toEqual({ ok: true, dto: { action: 'approve' } });
    expect(buildStep('approve', { validityDays: '60' })).toEqual({ ok: true, dto: { action: 'approve', validityDays: 60 } });
    expect(buildStep('approve', { validityDays: '91' })).toEqual({ ok: false, message: '有效期为 1–90 天' });
  });
});

describe(stepInput.name, () => {
  it('asks a reason for refuse and return, a branch for accept when the member named the committee, the form for resubmit', () => {
    const toCommittee = transfer();
    const toBranch = transfer({ toOrg: { id: TO_BRANCH_ID, name: '数智未来党支部' } });
    expect(stepInput('refuse', toCommittee)).toBe('reason');
    expect(stepInput('return', toCommittee)).toBe('reason');
    expect(needsBranch(toCommittee)).toBe(true);
    expect(stepInput('accept', toCommittee)).toBe('branch');
    expect(stepInput('accept', toBranch)).toBe('confirm');
    expect(stepInput('resubmit', toCommittee)).toBe('edits');
    expect(stepInput('approve', toCommittee)).toBe('validity');
    expect(stepInput('branch_agree', toCommittee)).toBe('confirm');
  });

  it('orders the buttons: the step forward first, refusals and withdrawal last', () => {
    expect(orderedActions(['withdraw', 'refuse', 'return', 'branch_agree'])).toEqual(['branch_agree', 'return', 'refuse', 'withdraw']);
  });
});

describe(resubmitEdits.name, () => {
  it('sends only what the applicant changed', () => {
    const t = transfer({ state: 'returned' });
    const f = formFromTransfer(t);
    expect(f).toMatchObject({ kind: 'internal', toOrg: { id: TO_COMMITTEE_ID }, reason: '工作调动', validityDays: '30', memberPhone: '' });
    expect(resubmitEdits(t, f)).toBeUndefined();
    expect(resubmitEdits(t, { ...f, reason: '工作调动至数智未来', validityDays: '60' })).toEqual({ reason: '工作调动至数智未来', validityDays: 60 });
    expect(resubmitEdits(t, { ...f, toOrg: { id: TO_BRANCH_ID, name: '数智未来党支部' } })).toEqual({ toOrgId: TO_BRANCH_ID });
  });

  it('never prefills the masked phone (M4); a typed number is sent, an empty field keeps the one on file', () => {
    const t = transfer({ state: 'returned', memberPhone: '138****5678' });
    const f = formFromTransfer(t);
    expect(f.memberPhone).toBe('');
    expect(resubmitEdits(t, f)).toBeUndefined();
    expect(resubmitEdits(t, { ...f, memberPhone: '13912345678' })).toEqual({ memberPhone: '13912345678' });
  });
});

describe(buildRegister.name, () => {
  const filled = {
    ...initialRegisterForm({ id: BRANCH_ID, name: '第一党支部' }),
    name: '周华',
    gender: 'female' as const,
    birthDate: '1990-03-07',
    joinDate: '2012-06-01',
    fullMemberDate: '2013-06-01',
    fromOrgName: '上海市某区某街道党工委',
    paperLetterNumber: '〔2026〕第0012号',
  };

  it('registers a member arriving with a paper letter into the branch (inbound)', () => {
    const built = buildRegister(filled);
    expect(built).toMatchObject({
      ok: true,
      dto: {
        kind: 'inbound',
        fromOrgName: '上海市某区某街道党工委',
        paperLetterNumber: '〔2026〕第0012号',
        member: { orgId: BRANCH_ID, name: '周华', status: 'full', fullMemberDate: '2013-06-01' },
      },
    });
  });

  it('applies the member rules of shared: a full member needs the date of becoming full; the ID must match birth date and sex', () => {
    expect(buildRegister({ ...filled, fullMemberDate: '' })).toEqual({ ok: false, message: '正式党员须填写转正日期' });
    expect(buildRegister({ ...filled, branch: null })).toEqual({ ok: false, message: '请选择转入的党支部' });
    // 11010519491231002X: born 1949-12-31, female.
    expect(buildRegister({ ...filled, nationalId: '11010519491231002X' })).toEqual({ ok: false, message: '身份证号码中的出生日期与出生日期不一致' });
    expect(buildRegister({ ...filled, status: 'probationary' })).toMatchObject({ ok: true, dto: { member: { status: 'probationary', fullMemberDate: null } } });
  });
});

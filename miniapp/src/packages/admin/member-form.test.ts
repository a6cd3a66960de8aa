import type { Member } from '@dangjian/shared';
import { buildCorrection, buildCreate, buildUpdate, emptyForm, formFromMember } from './member-form';

const member: Member = {
  id: '11111111-1111-4111-8111-111111111111',
  orgId: '22222222-2222-4222-8222-222222222222',
  orgName: '第一党支部',
  groupId: null,
  groupName: null,
  enterpriseId: null,
  enterpriseName: null,
  name: '刘小红',
  gender: 'female',
  ethnicity: '汉族',
  birthDate: '1995-05-01',
  phone: '139****0001',
  nationalId: null,
  sensitiveUnmasked: false,
  education: 'bachelor',
  joinDate: '2018-07-01',
  fullMemberDate: '2019-07-01',
  status: 'full',
  flags: [],
  post: null,
  partyYears: 6,
  departure: null,
};

describe('member form (validated with the shared schemas)', () => {
  it('a correction sends only what changed; an empty phone box keeps the masked number', () => {
    const form = { ...formFromMember(member), name: '刘晓红', education: 'master' as const };
    expect(buildCorrection(form, member)).toEqual({ ok: true, dto: { name: '刘晓红', education: 'master' } });
    expect(buildCorrection(formFromMember(member), member)).toEqual({ ok: false, message: '请修改需要更正的内容' });
  });

  it('refuses a bad phone with the schema’s own Chinese message', () => {
    const form = { ...formFromMember(member), phone: '12345' };
    expect(buildCorrection(form, member)).toEqual({ ok: false, message: '手机号码格式不正确' });
    expect(buildUpdate(form, member)).toEqual({ ok: false, message: '手机号码格式不正确' });
  });

  it('an edit clears an optional field left empty and refuses a required one left empty', () => {
    const withPost = { ...member, post: '会计' };
    expect(buildUpdate({ ...formFromMember(withPost), post: '' }, withPost)).toEqual({ ok: true, dto: { post: null } });
    expect(buildUpdate({ ...formFromMember(member), name: '' }, member)).toEqual({ ok: false, message: '请正确填写姓名' });
  });

  it('a new member: required fields first, then the facts checked together (M3)', () => {
    const orgId = member.orgId;
    expect(buildCreate(emptyForm(), orgId)).toEqual({ ok: false, message: '请填写姓名' });
    const form = { ...emptyForm(), name: '周新', gender: 'male' as const, birthDate: '2005-01-01', joinDate: '2016-07-01' };
    expect(buildCreate(form, orgId)).toEqual({ ok: false, message: '入党时应年满 18 周岁' });
    const ok = buildCreate({ ...form, birthDate: '1990-01-01' }, orgId);
    expect(ok).toMatchObject({ ok: true, dto: { orgId, name: '周新', status: 'probationary', fullMemberDate: null, flags: [] } });
    expect(buildCreate({ ...form, birthDate: '1990-01-01', status: 'full' }, orgId)).toEqual({ ok: false, message: '正式党员须填写转正日期' });
  });
});

import { emptyAssignForm, toAssignment } from './assign-form';

const ORG = '11111111-1111-4111-8111-111111111111';
const COURSE = '22222222-2222-4222-8222-222222222222';
const MEMBER = '33333333-3333-4333-8333-333333333333';
const TODAY = '2026-11-22';

describe('assign a required course (L5)', () => {
  it('asks for the course, the people and a deadline not in the past, in that order', () => {
    const f = emptyAssignForm();
    expect(toAssignment(ORG, f, TODAY)).toEqual({ ok: false, error: '请选择课程' });
    expect(toAssignment(ORG, { ...f, courseId: COURSE, target: 'members' }, TODAY)).toEqual({ ok: false, error: '请选择至少一名党员' });
    expect(toAssignment(ORG, { ...f, courseId: COURSE, target: 'group' }, TODAY)).toEqual({ ok: false, error: '请选择党小组' });
    expect(toAssignment(ORG, { ...f, courseId: COURSE, target: 'role' }, TODAY)).toEqual({ ok: false, error: '请选择职务' });
    expect(toAssignment(ORG, { ...f, courseId: COURSE }, TODAY)).toEqual({ ok: false, error: '请选择完成期限' });
    expect(toAssignment(ORG, { ...f, courseId: COURSE, deadline: '2026-11-21' }, TODAY)).toEqual({ ok: false, error: '完成期限不能早于今天' });
  });

  it('builds the request the server validates with the same schema (today is a valid deadline)', () => {
    const f = { ...emptyAssignForm(), courseId: COURSE, deadline: TODAY, note: '  年底前完成 ' };
    expect(toAssignment(ORG, f, TODAY)).toEqual({
      ok: true,
      body: { orgId: ORG, courseId: COURSE, target: { kind: 'all' }, deadline: TODAY, note: '年底前完成' },
    });
    expect(toAssignment(ORG, { ...f, target: 'members', memberIds: [MEMBER] }, TODAY)).toMatchObject({
      ok: true,
      body: { target: { kind: 'members', memberIds: [MEMBER] } },
    });
    expect(toAssignment(ORG, { ...f, target: 'role', role: 'secretary' }, TODAY)).toMatchObject({
      ok: true,
      body: { target: { kind: 'role', role: 'secretary' } },
    });
    expect(toAssignment(ORG, { ...f, target: 'group', groupId: MEMBER }, TODAY)).toMatchObject({
      ok: true,
      body: { target: { kind: 'group', groupId: MEMBER } },
    });
    // D11: the development candidates of the organisation, by stage.
    expect(toAssignment(ORG, { ...f, target: 'candidates', stages: ['target'] }, TODAY)).toMatchObject({
      ok: true,
      body: { target: { kind: 'candidates', stages: ['target'] } },
    });
    expect(toAssignment(ORG, { ...f, target: 'candidates', stages: [] }, TODAY)).toEqual({ ok: false, error: '请选择入党积极分子或发展对象' });
  });
});

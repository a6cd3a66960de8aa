import { TodoRegistry } from '../src/todos/todo-registry.js';
import { createTestApp, type TestApp } from './utils/app.js';
import { createMeeting, HOUR, T0 } from './utils/meeting-fixtures.js';
import { multipart, studyWorld } from './utils/study-fixtures.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
type Item = { source: string; id: string; title: string; page: string; overdue: boolean };

/** The to-do centre (one provider per module) and 首页 (issue 14). */
describe('to-do centre and home page', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof studyWorld>>;
  let meetingId: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await studyWorld(t);
  });
  afterAll(() => t.close());

  const todos = async (token: string, source?: string) =>
    (await t.call('GET', `/todos${source ? `?source=${source}` : ''}`, { token })).body as {
      items: Item[];
      total: number;
      bySource: Record<string, number>;
      unavailable: string[];
    };

  it('every module registers its provider in one place', () => {
    expect(t.app.get(TodoRegistry).sources.sort()).toEqual([
      'courses',
      'development',
      'enterprise-requests',
      'enterprise-visits',
      'fee-reliefs',
      'leave',
      'meeting-plans',
      'minutes',
      'news',
      'notices',
      'pdca',
      'points-deductions',
      'profile-corrections',
      'review-cases',
      'scrutineer',
      'transfers',
    ]);
  });

  it('a required course near its deadline waits for the member, not for branch B', async () => {
    const a = await t.call('POST', '/study/assignments', {
      token: w.secA.token,
      body: { orgId: w.branchA.id, courseId: w.course.id, target: { kind: 'all' }, deadline: '2025-06-20' },
    });
    expect(a.status).toBe(201);
    const mine = await todos(w.members[0]!.token, 'courses');
    expect(mine.items).toEqual([
      expect.objectContaining({
        source: 'courses',
        title: '完成必学课程：学习党章',
        overdue: false,
        page: `/packages/study/pages/course/index?id=${w.course.id}`,
      }),
    ]);
    expect((await todos(w.memberB.token)).total).toBe(0);
    w.clock.set('2025-06-22T04:00:00Z');
    expect((await todos(w.members[0]!.token, 'courses')).items[0]!.overdue).toBe(true);
    w.clock.set(T0);
  });

  it('a leave request waits for the secretary of that branch only, and opens the meeting', async () => {
    const m = await createMeeting(t, w, { title: '六月党员大会' });
    meetingId = m.id;
    const leave = await t.call('POST', `/meetings/${m.id}/leave`, { token: w.members[1]!.token, body: { reason: '出差在外' } });
    expect(leave.status).toBe(201);
    const sec = await todos(w.secA.token, 'leave');
    expect(sec.items).toEqual([expect.objectContaining({ title: '审批 甲党员2 的请假', page: `/packages/meetings/pages/detail/index?id=${m.id}` })]);
    expect((await todos(w.secB.token, 'leave')).total).toBe(0);
    expect((await todos(w.members[0]!.token, 'leave')).total).toBe(0);
  });

  it('a meeting that ended without minutes waits until the minutes are written', async () => {
    w.clock.set(new Date(T0.getTime() + 4 * HOUR));
    const before = await todos(w.secA.token, 'minutes');
    expect(before.items.map((i) => i.id)).toEqual([meetingId]);
    expect((await todos(w.secB.token, 'minutes')).total).toBe(0);
    const put = await t.call('PUT', `/meetings/${meetingId}/minutes`, { token: w.secA.token, body: { text: '会议学习了党章第一章。' } });
    expect(put.status).toBe(200);
    expect((await todos(w.secA.token, 'minutes')).total).toBe(0);
    w.clock.set(T0);
  });

  it('an open review case waits for whoever manages the member', async () => {
    const [org] = await t.ds.query(`SELECT path::text AS path FROM organisation WHERE id = $1`, [w.branchA.id]);
    await t.ds.query(`INSERT INTO review_case (kind, member_id, organisation_id, org_path, opened_at) VALUES ('no_org_life_6_months', $1, $2, $3, now())`, [
      w.members[2]!.memberId,
      w.branchA.id,
      org.path,
    ]);
    expect((await todos(w.secA.token, 'review-cases')).items[0]!.title).toBe('处理 甲党员3 的提醒事项');
    expect((await todos(w.secB.token, 'review-cases')).total).toBe(0);
  });

  it('a failing provider is reported as unavailable; the rest of the list still answers', async () => {
    t.app.get(TodoRegistry).register({ source: 'broken', list: () => Promise.reject(new Error('boom')) });
    const r = await todos(w.secA.token);
    expect(r.unavailable).toEqual(['broken']);
    expect(r.bySource.leave).toBe(1);
    const count = await t.call('GET', '/todos/count', { token: w.secA.token });
    expect(count.body).toEqual({ total: r.total, overdue: 0 });
  });

  it('首页: banners of my organisation, today’s meeting, this month’s items, latest notices, secretaries’ open work', async () => {
    const up = await t.call('POST', `/notices/files?orgId=${w.committee.id}`, { token: w.secA.token, ...multipart(PNG, 'b.png', 'image/png') });
    expect(up.status).toBe(403);
    const img = await t.call('POST', `/notices/files?orgId=${w.branchA.id}`, { token: w.secA.token, ...multipart(PNG, 'b.png', 'image/png') });
    const banner = await t.call('POST', '/home/banners', {
      token: w.secA.token,
      body: { organisationId: w.branchA.id, title: '七一主题党日', imageId: img.body.id, link: '/packages/notices/pages/list/index' },
    });
    expect(banner.status).toBe(201);
    expect(
      (await t.call('POST', '/home/banners', { token: w.members[0]!.token, body: { organisationId: w.branchA.id, title: 'x', imageId: img.body.id } })).status,
    ).toBe(403);
    await t.call('POST', '/notices', {
      token: w.secA.token,
      body: { organisationId: w.branchA.id, title: '请确认参加党员大会', target: { kind: 'subtree', organisationId: w.branchA.id }, requiresAck: true },
    });

    const home = await t.call('GET', '/home', { token: w.members[0]!.token });
    expect(home.status).toBe(200);
    expect(home.body.banners).toEqual([expect.objectContaining({ title: '七一主题党日', imageUrl: expect.stringMatching(/^\/api\/v1\/notices\/files\//) })]);
    const kinds = home.body.today.map((i: { kind: string; title: string }) => `${i.kind}:${i.title}`);
    expect(kinds).toEqual(expect.arrayContaining(['meeting:六月党员大会', 'course:完成必学课程：学习党章', 'notice:确认通知：请确认参加党员大会']));
    expect(home.body.notices[0].title).toBe('请确认参加党员大会');
    expect(home.body.todoCount).toBe(2);
    expect(home.body.secretaryWork).toEqual([]);

    const sec = await t.call('GET', '/home', { token: w.secA.token });
    expect(sec.body.secretaryWork).toEqual(
      expect.arrayContaining([
        { source: 'leave', label: '请假审批', count: 1 },
        { source: 'review-cases', label: '待处理提醒', count: 1 },
      ]),
    );

    const b = await t.call('GET', '/home', { token: w.memberB.token });
    expect(b.body.banners).toEqual([]);
    expect(b.body.notices).toEqual([]);
    expect((await t.call('DELETE', `/home/banners/${banner.body.id}`, { token: w.secB.token })).status).toBe(404);
    expect((await t.call('DELETE', `/home/banners/${banner.body.id}`, { token: w.secA.token })).status).toBe(204);
  });
});

import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from './utils/app.js';
import { beater, studyWorld } from './utils/study-fixtures.js';

async function readSheet(buf: Buffer, index: number): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[index]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))));
  return rows;
}

/** L5 assignments and oversight (.xlsx), and access from outside the subtree for every route family. */
describe('study: assignments (L5), oversight and access', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof studyWorld>>;
  let assignmentId: string;
  beforeAll(async () => {
    t = await createTestApp();
    w = await studyWorld(t);
  });
  afterAll(() => t.close());

  it('L5 assigns a required course to all members of the branch with a deadline; members see it as required', async () => {
    const a = await t.call('POST', '/study/assignments', {
      token: w.secA.token,
      body: { orgId: w.branchA.id, courseId: w.course.id, target: { kind: 'all' }, deadline: '2025-06-30' },
    });
    expect(a.status).toBe(201);
    assignmentId = a.body.id;
    // secA + 3 members
    expect(a.body).toMatchObject({ memberCount: 4, counts: { not_started: 4, done: 0, in_progress: 0, overdue: 0 } });
    const required = await t.call('GET', '/study/courses?required=true', { token: w.members[0]!.token });
    expect(required.body.items).toEqual([expect.objectContaining({ id: w.course.id, requiredBy: '2025-06-30' })]);
    // Members outside the subtree are refused, not dropped.
    const outside = await t.call('POST', '/study/assignments', {
      token: w.secA.token,
      body: { orgId: w.branchA.id, courseId: w.course.id, target: { kind: 'members', memberIds: [w.memberB.memberId] }, deadline: '2025-06-30' },
    });
    expect(outside.body.code).toBe('STUDY_MEMBER_OUTSIDE');
    const role = await t.call('POST', '/study/assignments', {
      token: w.secA.token,
      body: { orgId: w.branchA.id, courseId: w.course.id, target: { kind: 'role', role: 'secretary' }, deadline: '2025-07-31' },
    });
    expect(role.body.memberCount).toBe(1);
  });

  it('L5 oversight: done / in progress / not started / overdue per member, members below their hours, .xlsx export', async () => {
    const done = w.members[0]!;
    const b = beater(t, w, done.token);
    // Complete both lessons: the article (120 s) and the video (90 of 100 s watched).
    await b.beat(w.article.id, 0);
    b.wait(120_000);
    await b.beat(w.article.id, 0);
    b.wait(1000);
    await b.beat(w.video.id, 0);
    for (let p = 30; p <= 90; p += 30) {
      b.wait(30_000);
      await b.beat(w.video.id, p);
    }
    const started = beater(t, w, w.members[1]!.token);
    await started.beat(w.article.id, 0);
    const detail = await t.call('GET', `/study/assignments/${assignmentId}`, { token: w.secA.token });
    const state = (id: string | null) => detail.body.members.find((m: { member: { id: string } }) => m.member.id === id)?.state;
    expect(state(done.memberId)).toBe('done');
    expect(state(w.members[1]!.memberId)).toBe('in_progress');
    expect(state(w.members[2]!.memberId)).toBe('not_started');
    // After the deadline the unfinished are overdue; the finished stay done.
    w.clock.set(new Date('2025-07-01T04:00:00Z'));
    const over = await t.call('GET', `/study/oversight?orgId=${w.branchA.id}`, { token: w.secA.token });
    expect(over.status).toBe(200);
    const a = over.body.assignments.find((x: { id: string }) => x.id === assignmentId);
    expect(a.counts).toEqual({ done: 1, in_progress: 0, not_started: 0, overdue: 3 });
    expect(over.body.belowHours.length).toBe(over.body.memberCount);
    expect(over.body.belowHours.find((h: { member: { id: string } }) => h.member.id === w.secA.memberId)).toMatchObject({ requiredHours: 56 });
    const xlsx = await t.call('GET', `/study/oversight.xlsx?orgId=${w.branchA.id}`, { token: w.secA.token });
    expect(xlsx.status).toBe(200);
    const tasks = await readSheet(xlsx.raw, 0);
    expect(tasks[0]).toEqual(['课程', '截止日期', '党员', '所在组织', '状态', '已完成课时', '完成时间']);
    expect(tasks.filter((r) => r[4] === '已完成')).toHaveLength(1);
    expect(tasks.filter((r) => r[4] === '已逾期').length).toBeGreaterThanOrEqual(3);
    const hours = await readSheet(xlsx.raw, 1);
    expect(hours.length - 1).toBe(over.body.belowHours.length);
    // The committee above sees the branch's assignment in its oversight.
    const upper = await w.fx.user({ displayName: '党委组织员', roles: [{ role: 'org_worker', orgId: w.committee.id }] });
    const up = await t.call('GET', `/study/oversight?orgId=${w.committee.id}`, { token: upper.token });
    expect(up.body.assignments.map((x: { id: string }) => x.id)).toContain(assignmentId);
    w.clock.set(new Date('2025-06-10T04:00:00Z'));
  });

  it('refuses outsiders for every route family (content, quizzes, hours, points, assignments, oversight)', async () => {
    const outsider = w.secB.token;
    const member = w.members[0]!.token;
    const checks: Array<[string, string, unknown, string]> = [
      ['PATCH', `/study/courses/${w.course.id}`, { title: '改' }, outsider],
      ['PATCH', `/study/courses/${w.course.id}`, { title: '改' }, member],
      ['POST', `/study/courses/${w.course.id}/lessons`, { title: 'x', kind: 'article', bodyHtml: '<p>x</p>' }, outsider],
      ['PATCH', `/study/lessons/${w.article.id}`, { title: 'x' }, outsider],
      ['DELETE', `/study/lessons/${w.article.id}`, undefined, member],
      ['POST', '/study/courses', { title: 'x', orgId: w.branchA.id }, outsider],
      ['POST', '/study/courses', { title: 'x', orgId: null }, w.secA.token],
      ['GET', `/study/courses/${w.course.id}`, undefined, w.memberB.token],
      ['POST', `/study/courses/${w.course.id}/questions`, { kind: 'true_false', stem: 'x', answer: [0] }, outsider],
      ['POST', `/study/courses/${w.course.id}/quizzes`, { title: 'x', questionCount: 1, timeLimitS: 60, passPercent: 60 }, member],
      ['GET', `/study/members/${w.members[0]!.memberId}/hours`, undefined, outsider],
      ['POST', '/study/offline-trainings', { orgId: w.branchA.id, title: 'x', date: '2025-06-01', hours: 1, memberIds: [w.members[0]!.memberId] }, outsider],
      ['GET', `/study/offline-trainings?orgId=${w.branchA.id}`, undefined, member],
      ['GET', `/study/leaderboard?orgId=${w.branchA.id}`, undefined, w.memberB.token],
      ['POST', '/study/assignments', { orgId: w.branchA.id, courseId: w.course.id, target: { kind: 'all' }, deadline: '2025-06-30' }, outsider],
      ['GET', `/study/assignments?orgId=${w.branchA.id}`, undefined, member],
      ['GET', `/study/assignments/${assignmentId}`, undefined, outsider],
      ['GET', `/study/oversight?orgId=${w.branchA.id}`, undefined, outsider],
      ['GET', `/study/oversight.xlsx?orgId=${w.branchA.id}`, undefined, member],
    ];
    for (const [method, url, body, token] of checks) {
      const res = await t.call(method, url, { token, body });
      expect([url, method, res.status]).toEqual([url, method, 403]);
    }
    // And nothing changed.
    expect((await t.call('GET', `/study/courses/${w.course.id}`, { token: w.secA.token })).body.title).toBe('学习党章');
    // Without a session at all.
    expect((await t.call('GET', '/study/courses')).status).toBe(401);
    expect((await t.call('POST', '/study/heartbeats', { body: { lessonId: w.article.id, position: 0, deviceId: 'x', seq: 1 } })).status).toBe(401);
  });
  it('a member who left the platform (outbound transfer, T1/T5) is no longer assigned, counted, ranked or below hours', async () => {
    const gone = w.members[2]!;
    await t.ds.query(`UPDATE member SET left_at = now(), left_reason = 'transferred_out' WHERE id = $1`, [gone.memberId]);
    const a = await t.call('POST', '/study/assignments', {
      token: w.secA.token,
      body: { orgId: w.branchA.id, courseId: w.course.id, target: { kind: 'all' }, deadline: '2025-12-31' },
    });
    expect(a.status).toBe(201);
    expect(a.body.memberCount).toBe(3);
    const picked = await t.call('POST', '/study/assignments', {
      token: w.secA.token,
      body: { orgId: w.branchA.id, courseId: w.course.id, target: { kind: 'members', memberIds: [gone.memberId] }, deadline: '2025-12-31' },
    });
    expect(picked.body.code).toBe('STUDY_MEMBER_OUTSIDE');
    const over = await t.call('GET', `/study/oversight?orgId=${w.branchA.id}`, { token: w.secA.token });
    expect(over.body.memberCount).toBe(3);
    expect(over.body.belowHours.map((h: { member: { id: string } }) => h.member.id)).not.toContain(gone.memberId);
    const earlier = over.body.assignments.find((x: { id: string }) => x.id === assignmentId);
    expect(earlier.memberCount).toBe(3);
    const board = await t.call('GET', `/study/leaderboard?orgId=${w.branchA.id}&by=members`, { token: w.secA.token });
    expect(board.status).toBe(200);
    expect(JSON.stringify(board.body)).not.toContain(gone.memberId);
  });
});

import { HeartbeatCache } from '../src/study/heartbeat-cache.js';
import { createTestApp, type TestApp } from './utils/app.js';
import { beater, studyWorld } from './utils/study-fixtures.js';

/** Courses are archived (withdrawn, history kept) or deleted when nobody has studied them (409 otherwise). */
describe('study: archiving and deleting courses', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof studyWorld>>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await studyWorld(t);
  });
  afterAll(() => t.close());

  const newCourse = async (title: string) => {
    const c = await t.call('POST', '/study/courses', { token: w.secA.token, body: { title, orgId: w.branchA.id } });
    const l = await t.call('POST', `/study/courses/${c.body.id}/lessons`, {
      token: w.secA.token,
      body: { title: '图文', kind: 'article', bodyHtml: '<p>x</p>', minSeconds: 60 },
    });
    await t.call('POST', `/study/courses/${c.body.id}/questions`, { token: w.secA.token, body: { kind: 'true_false', stem: '对吗', answer: [0] } });
    const quiz = await t.call('POST', `/study/courses/${c.body.id}/quizzes`, {
      token: w.secA.token,
      body: { title: '测验', questionCount: 1, timeLimitS: 60, passPercent: 60 },
    });
    await t.call('PATCH', `/study/courses/${c.body.id}`, { token: w.secA.token, body: { status: 'published' } });
    return { id: c.body.id as string, lessonId: l.body.id as string, quizId: quiz.body.id as string };
  };
  const memberList = async (token: string) => ((await t.call('GET', '/study/courses', { token })).body.items as Array<{ id: string }>).map((c) => c.id);

  it('archiving withdraws a course from members and keeps their hours; publishing again restores it', async () => {
    const m = w.members[0]!;
    const b = beater(t, w, m.token);
    await b.beat(w.article.id, 0);
    b.wait(60_000);
    await b.beat(w.article.id, 10);
    const before = (await t.call('GET', '/study/hours', { token: m.token })).body.onlineS;
    expect(before).toBe(60);

    // The change's NOTIFY is withheld, as when under load it comes back later than the next request:
    // the heartbeat cache of this instance drops the course at once anyway (issue 12).
    const cache = t.app.get<HeartbeatCache, { changed: (payload: string) => void }>(HeartbeatCache);
    const heard = cache.changed;
    cache.changed = () => undefined;
    try {
      const archived = await t.call('PATCH', `/study/courses/${w.course.id}`, { token: w.secA.token, body: { status: 'archived' } });
      expect([archived.status, archived.body.status]).toEqual([200, 'archived']);
      b.wait(30_000);
      expect((await b.beat(w.article.id, 20)).status).toBe(403);
    } finally {
      cache.changed = heard;
    }
    expect(await memberList(m.token)).not.toContain(w.course.id);
    expect((await t.call('GET', `/study/courses/${w.course.id}`, { token: m.token })).status).toBe(403);
    expect((await t.call('GET', '/study/hours', { token: m.token })).body.onlineS).toBe(before);
    // The manager still sees it (with its lessons) and may restore it.
    const manage = (await t.call('GET', '/study/courses?manage=true', { token: w.secA.token })).body.items as Array<{ id: string; status: string }>;
    expect(manage.find((c) => c.id === w.course.id)?.status).toBe('archived');
    expect((await t.call('PATCH', `/study/courses/${w.course.id}`, { token: w.secA.token, body: { status: 'published' } })).status).toBe(200);
    expect(await memberList(m.token)).toContain(w.course.id);
    expect((await t.call('GET', `/study/lessons/${w.article.id}`, { token: m.token })).body.creditedS).toBe(60);
  });

  it('refuses to delete a studied course (progress) with 409 STUDY_COURSE_STUDIED; nothing is removed', async () => {
    const res = await t.call('DELETE', `/study/courses/${w.course.id}`, { token: w.secA.token });
    expect([res.status, res.body.code]).toEqual([409, 'STUDY_COURSE_STUDIED']);
    expect(res.body.message).toMatch(/归档/);
    expect((await t.call('GET', `/study/courses/${w.course.id}`, { token: w.secA.token })).body.lessons).toHaveLength(2);
  });

  it('refuses to delete a course with only a quiz attempt', async () => {
    const c = await newCourse('只答过题');
    expect((await t.call('POST', `/study/quizzes/${c.quizId}/attempts`, { token: w.members[1]!.token })).status).toBe(201);
    expect((await t.call('DELETE', `/study/courses/${c.id}`, { token: w.secA.token })).body.code).toBe('STUDY_COURSE_STUDIED');
  });

  it('deletes a course nobody studied (lessons, quizzes, assignments with it); outsiders and members are refused', async () => {
    const c = await newCourse('无人学习');
    expect(
      (
        await t.call('POST', '/study/assignments', {
          token: w.secA.token,
          body: { orgId: w.branchA.id, courseId: c.id, target: { kind: 'all' }, deadline: '2025-06-30' },
        })
      ).status,
    ).toBe(201);
    expect((await t.call('DELETE', `/study/courses/${c.id}`, { token: w.secB.token })).status).toBe(403);
    expect((await t.call('DELETE', `/study/courses/${c.id}`, { token: w.members[0]!.token })).status).toBe(403);
    expect((await t.call('DELETE', `/study/courses/${c.id}`, { token: w.secA.token })).status).toBe(204);
    expect((await t.call('GET', `/study/courses/${c.id}`, { token: w.secA.token })).status).toBe(404);
    const left = await t.ds.query(
      `SELECT (SELECT count(*) FROM study_lesson WHERE id = $1) + (SELECT count(*) FROM study_quiz WHERE id = $2) + (SELECT count(*) FROM study_assignment WHERE course_id = $3) AS n`,
      [c.lessonId, c.quizId, c.id],
    );
    expect(Number(left[0].n)).toBe(0);
    expect((await t.call('DELETE', `/study/courses/${c.id}`, { token: w.secA.token })).status).toBe(404);
  });
});

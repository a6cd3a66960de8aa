import fc from 'fast-check';
import { createApp } from '../src/bootstrap.js';
import { Clock } from '../src/common/clock.js';
import { createRootLogger } from '../src/common/logger.js';
import { createTestApp, type TestApp } from './utils/app.js';
import { beater, MIN, studyWorld } from './utils/study-fixtures.js';

/** L2 heartbeat crediting against cheating, completion thresholds, resume; L1 hours. */
describe('study: progress by heartbeat (L2) and hours (L1)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof studyWorld>>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await studyWorld(t);
  });
  afterAll(() => t.close());

  const hours = async (token: string) => (await t.call('GET', '/study/hours', { token })).body;

  it('L2 credits only wall-clock time: the first heartbeat starts a session, each next one credits the time since', async () => {
    const m = w.members[0]!;
    const b = beater(t, w, m.token);
    const first = await b.beat(w.article.id, 0);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ outcome: 'session_started', creditedS: 0 });
    b.wait(30_000);
    expect((await b.beat(w.article.id, 100)).body).toMatchObject({ outcome: 'credited', creditedS: 30, lessonCreditedS: 30 });
    expect((await hours(m.token)).onlineS).toBe(30);
  });

  it('L2 heartbeats faster than real time credit nothing extra', async () => {
    const m = w.members[1]!;
    const b = beater(t, w, m.token);
    await b.beat(w.article.id, 0);
    // 20 heartbeats within 1 second of server time.
    for (let i = 0; i < 20; i++) {
      b.wait(50);
      await b.beat(w.article.id, i);
    }
    expect((await hours(m.token)).onlineS).toBe(1);
  });

  it('L2 replayed heartbeats (same or older seq) credit nothing', async () => {
    const m = w.members[2]!;
    const b = beater(t, w, m.token);
    await b.beat(w.article.id, 0, { seq: 10 });
    b.wait(30_000);
    expect((await b.beat(w.article.id, 0, { seq: 11 })).body.outcome).toBe('credited');
    b.wait(30_000);
    const replay = await b.beat(w.article.id, 0, { seq: 11 });
    expect(replay.body).toMatchObject({ outcome: 'replay', creditedS: 0 });
    expect((await b.beat(w.article.id, 0, { seq: 5 })).body.outcome).toBe('replay');
    expect((await hours(m.token)).onlineS).toBe(30);
  });

  it('L2 two devices in parallel never add more than wall-clock time for the member', async () => {
    const m = await w.fx.user({ displayName: '双设备', memberId: (await w.fx.member({ orgId: w.branchA.id })).id });
    const phone = beater(t, w, m.token, 'phone');
    const pc = beater(t, w, m.token, 'pc');
    await phone.beat(w.article.id, 0);
    await pc.beat(w.video.id, 0);
    for (let i = 0; i < 10; i++) {
      phone.wait(15_000);
      await phone.beat(w.article.id, 0);
      await pc.beat(w.video.id, 0);
    }
    // 150 s of wall-clock time, whatever the number of devices.
    expect((await hours(m.token)).onlineS).toBe(150);
  });

  it('L2 concurrent heartbeats of one member are serialised by the study clock row', async () => {
    const m = await w.fx.user({ displayName: '并发', memberId: (await w.fx.member({ orgId: w.branchA.id })).id });
    await beater(t, w, m.token, 'x').beat(w.article.id, 0);
    w.clock.advance(60_000);
    const devices = Array.from({ length: 8 }, (_, i) => beater(t, w, m.token, `d${i}`));
    await Promise.all(devices.map((d) => d.beat(w.article.id, 0)));
    expect((await hours(m.token)).onlineS).toBe(60);
    // Each beat read the progress after taking the lock (fresh snapshot): no beat overwrote the 60 s with a stale total.
    expect((await t.call('GET', `/study/lessons/${w.article.id}`, { token: m.token })).body.creditedS).toBe(60);
  });

  it('L2 heartbeats of many learners at once (sharing statements under load) are each credited as if alone', async () => {
    const learners = [];
    for (let i = 0; i < 6; i++) learners.push(await w.fx.user({ displayName: `同时${i}`, memberId: (await w.fx.member({ orgId: w.branchA.id })).id }));
    // And two development candidates studying under their own accounts (D11), in the same statements.
    const accounts = [await w.fx.user({ displayName: '同时对象甲' }), await w.fx.user({ displayName: '同时对象乙' })];
    await t.ds.query(
      `WITH a AS (INSERT INTO study_assignment (organisation_id, org_path, course_id, target, deadline)
                  SELECT id, path, $1, '{"kind":"candidates"}', '2099-12-31' FROM organisation WHERE id = $2 RETURNING id)
       INSERT INTO study_assignment_account (assignment_id, user_id) SELECT a.id, u FROM a, unnest($3::uuid[]) AS u`,
      [w.course.id, w.branchA.id, accounts.map((a) => a.user.id)],
    );
    const phones = [...learners, ...accounts].map((m) => beater(t, w, m.token, 'phone'));
    for (const p of phones) await p.beat(w.article.id, 0);
    w.clock.advance(60_000);
    const pad = beater(t, w, learners[0]!.token, 'pad'); // a second device of the first learner, at the same moment
    const results = await Promise.all([...phones.map((p) => p.beat(w.article.id, 0)), pad.beat(w.article.id, 0)]);
    expect(results.every((r) => r.status === 200)).toBe(true);
    for (const m of learners) expect((await hours(m.token)).onlineS).toBe(60);
    const accountMs: Array<{ ms: string }> = await t.ds.query(
      `SELECT sum(credited_ms)::text AS ms FROM study_day WHERE user_id = ANY($1::uuid[]) GROUP BY user_id`,
      [accounts.map((a) => a.user.id)],
    );
    expect(accountMs.map((r) => r.ms)).toEqual(['60000', '60000']);
    // Unknown lessons in a shared read are refused one by one.
    const ghost = await Promise.all(phones.slice(0, 3).map((p, i) => p.beat(i === 1 ? '00000000-0000-4000-8000-000000000000' : w.article.id, 0)));
    expect(ghost.map((r) => r.status)).toEqual([200, 404, 200]);
  });

  it('L2 property (real database): no sequence of heartbeats from any number of devices credits more than wall-clock time', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            dtMs: fc.integer({ min: 0, max: 12 * MIN }),
            device: fc.integer({ min: 0, max: 3 }),
            seq: fc.integer({ min: 0, max: 8 }),
            article: fc.boolean(),
            event: fc.constantFrom(undefined, 'start', 'tick', 'stop'),
          }),
          { minLength: 1, maxLength: 25 },
        ),
        async (beats) => {
          const m = await w.fx.user({ displayName: `性质${++n}`, memberId: (await w.fx.member({ orgId: w.branchA.id })).id });
          const start = w.clock.nowMs();
          let credited = 0;
          for (const x of beats) {
            w.clock.advance(x.dtMs);
            const r = await t.call('POST', '/study/heartbeats', {
              token: m.token,
              body: { lessonId: x.article ? w.article.id : w.video.id, position: 0, deviceId: `d${x.device}`, seq: x.seq, event: x.event },
            });
            credited += r.body.creditedS;
          }
          const elapsedS = (w.clock.nowMs() - start) / 1000;
          expect(credited).toBeLessThanOrEqual(elapsedS);
          const h = await hours(m.token);
          expect(h.onlineS).toBeLessThanOrEqual(elapsedS);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('L2 a gap over 10 minutes closes the session: the gap is not credited; exactly 10 minutes is', async () => {
    const m = await w.fx.user({ displayName: '间隔', memberId: (await w.fx.member({ orgId: w.branchA.id })).id });
    const b = beater(t, w, m.token);
    await b.beat(w.article.id, 0);
    b.wait(10 * MIN + 1000);
    expect((await b.beat(w.article.id, 0)).body).toMatchObject({ outcome: 'session_started', creditedS: 0 });
    b.wait(10 * MIN);
    expect((await b.beat(w.article.id, 0)).body).toMatchObject({ outcome: 'credited', creditedS: 600 });
  });

  it("L2 a 'stop' beat (pause, page hidden) is credited, then the pause until the next beat is not", async () => {
    const m = await w.fx.user({ displayName: '暂停', memberId: (await w.fx.member({ orgId: w.branchA.id })).id });
    const send = (seq: number, event?: string) =>
      t.call('POST', '/study/heartbeats', { token: m.token, body: { lessonId: w.article.id, position: 0, deviceId: 'p', seq, event } });
    await send(1, 'start');
    w.clock.advance(60_000);
    expect((await send(2, 'stop')).body).toMatchObject({ outcome: 'credited', creditedS: 60 });
    w.clock.advance(9 * MIN);
    expect((await send(3, 'start')).body).toMatchObject({ outcome: 'session_started', creditedS: 0 });
    w.clock.advance(20_000);
    expect((await send(4, 'tick')).body.creditedS).toBe(20);
    expect((await hours(m.token)).onlineS).toBe(80);
  });

  it('L2 an article completes at its minimum seconds open, not before', async () => {
    const m = await w.fx.user({ displayName: '图文', memberId: (await w.fx.member({ orgId: w.branchA.id })).id });
    const b = beater(t, w, m.token);
    await b.beat(w.article.id, 0);
    b.wait(119_000);
    expect((await b.beat(w.article.id, 0)).body).toMatchObject({ state: 'in_progress', justCompleted: false });
    b.wait(1000);
    expect((await b.beat(w.article.id, 0)).body).toMatchObject({ state: 'done', justCompleted: true, progress: 1 });
  });

  it('L2 a video completes at 90 % watched; skipping ahead gives no watched share; resume works on any device', async () => {
    const m = await w.fx.user({ displayName: '视频', memberId: (await w.fx.member({ orgId: w.branchA.id })).id });
    const b = beater(t, w, m.token, 'phone');
    await b.beat(w.video.id, 0);
    b.wait(10_000);
    expect((await b.beat(w.video.id, 10)).body.watchedS).toBe(10);
    // A jump to 95 s after 10 s of wall-clock time is a seek, not watching.
    b.wait(10_000);
    const seek = await b.beat(w.video.id, 95);
    expect(seek.body).toMatchObject({ watchedS: 10, state: 'in_progress' });
    // Resume position is the member's, on another device.
    const other = await t.call('GET', `/study/lessons/${w.video.id}`, { token: m.token });
    expect(other.body.resumePosition).toBe(95);
    // Back to 10 s and watch to 89 s: 89 s watched, not complete; one more second completes.
    b.wait(1000);
    await b.beat(w.video.id, 10);
    for (let pos = 40; pos <= 80; pos += 30) {
      b.wait(30_000);
      await b.beat(w.video.id, pos);
    }
    b.wait(9_000);
    expect((await b.beat(w.video.id, 89)).body).toMatchObject({ watchedS: 89, state: 'in_progress' });
    b.wait(1000);
    expect((await b.beat(w.video.id, 90)).body).toMatchObject({ watchedS: 90, state: 'done', justCompleted: true });
    const course = await t.call('GET', `/study/courses/${w.course.id}`, { token: m.token });
    expect(course.body.lessons.find((l: { id: string }) => l.id === w.video.id)).toMatchObject({ state: 'done', progress: 1 });
  });

  it('L1 hours add offline training and meetings with study hours; 56 h for secretaries, 32 h for members', async () => {
    const m = w.members[0]!;
    const before = await hours(m.token);
    expect(before).toMatchObject({ requiredHours: 32, met: false });
    expect((await hours(w.secA.token)).requiredHours).toBe(56);
    const offline = await t.call('POST', '/study/offline-trainings', {
      token: w.secA.token,
      body: { orgId: w.branchA.id, title: '集中轮训', date: '2025-06-01', hours: 32, memberIds: [m.memberId] },
    });
    expect(offline.status).toBe(201);
    const after = await hours(m.token);
    expect(after).toMatchObject({ offlineS: 32 * 3600, met: true });
    // Hours do not carry over: next year starts from zero.
    expect((await t.call('GET', '/study/hours?year=2026', { token: m.token })).body).toMatchObject({ totalS: 0, met: false });
    // Outside the subtree: refused, nothing recorded.
    const outside = await t.call('POST', '/study/offline-trainings', {
      token: w.secA.token,
      body: { orgId: w.branchA.id, title: '越权', date: '2025-06-01', hours: 1, memberIds: [w.memberB.memberId] },
    });
    expect([outside.status, outside.body.code]).toEqual([400, 'STUDY_MEMBER_OUTSIDE']);
    expect(
      (
        await t.call('POST', '/study/offline-trainings', {
          token: w.secB.token,
          body: { orgId: w.branchA.id, title: 'x', date: '2025-06-01', hours: 1, memberIds: [m.memberId] },
        })
      ).status,
    ).toBe(403);
  });

  it('refuses members outside the course subtree and users who are not members', async () => {
    const b = beater(t, w, w.memberB.token);
    expect((await b.beat(w.article.id, 0)).status).toBe(403);
    expect((await t.call('GET', `/study/lessons/${w.article.id}`, { token: w.memberB.token })).status).toBe(403);
    expect((await t.call('GET', `/study/courses/${w.course.id}`, { token: w.memberB.token })).status).toBe(403);
    expect((await t.call('GET', '/study/hours', { token: w.noMember.token })).body.code).toBe('STUDY_NOT_A_MEMBER');
    expect((await t.call('GET', `/study/members/${w.members[0]!.memberId}/hours`, { token: w.secB.token })).status).toBe(403);
    expect((await t.call('GET', `/study/members/${w.members[0]!.memberId}/hours`, { token: w.members[1]!.token })).status).toBe(403);
    expect((await t.call('GET', `/study/members/${w.members[0]!.memberId}/hours`, { token: w.secA.token })).status).toBe(200);
    // Nothing was credited to the outsider.
    expect((await hours(w.memberB.token)).onlineS).toBe(0);
  });
  it('L2 on two instances of one database: heartbeats alternating between them are each credited once, and a withdrawn course is refused on both (issue 12)', async () => {
    const other = await createApp(t.config, t.url, createRootLogger('silent'));
    try {
      const clocks = [w.clock, other.get(Clock)];
      clocks[1]!.set(new Date(w.clock.nowMs()));
      const m = await w.fx.user({ displayName: '两台实例', memberId: (await w.fx.member({ orgId: w.branchA.id })).id });
      const apps = [t.app, other];
      let seq = 0;
      const beat = async (on: number) => {
        const res = await apps[on]!.getHttpAdapter()
          .getInstance()
          .inject({
            method: 'POST',
            url: '/api/v1/study/heartbeats',
            headers: { authorization: `Bearer ${m.token}` },
            // The video at its start: no watched share, so no completion and no points (those take the locked path).
            payload: { lessonId: w.video.id, position: 0, deviceId: 'phone', seq: ++seq },
          });
        return { status: res.statusCode, body: JSON.parse(res.body) as { outcome: string; lessonCreditedS: number } };
      };
      // Each instance remembers what it last wrote for the learner (HeartbeatCache): the other's writes in
      // between must make it read again (the write compares the clock), or it would credit from a stale total.
      const order = [0, 0, 1, 1, 0, 1, 0, 0, 1];
      expect((await beat(order[0]!)).body.outcome).toBe('session_started');
      for (const [i, on] of order.slice(1).entries()) {
        for (const c of clocks) c.advance(30_000);
        expect((await beat(on)).body).toMatchObject({ outcome: 'credited', lessonCreditedS: 30 * (i + 1) });
      }
      expect((await hours(m.token)).onlineS).toBe(30 * (order.length - 1));

      // Both instances keep the lesson's course in memory; archived on one, the other hears it.
      expect((await t.call('PATCH', `/study/courses/${w.course.id}`, { token: w.secA.token, body: { status: 'archived' } })).status).toBe(200);
      let refused = false;
      // The NOTIFY arrives within milliseconds; up to ~5 s for a loaded CI machine.
      for (let i = 0; i < 100 && !refused; i++) {
        for (const c of clocks) c.advance(30_000);
        refused = (await beat(1)).status === 403;
        if (!refused) await new Promise((r) => setTimeout(r, 50));
      }
      expect(refused).toBe(true);
      expect((await beat(0)).status).toBe(403);
    } finally {
      await t.call('PATCH', `/study/courses/${w.course.id}`, { token: w.secA.token, body: { status: 'published' } });
      await other.close();
    }
  });
});

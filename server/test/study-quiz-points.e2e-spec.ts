import { CheckinPointsJob } from '../src/points/checkin-points.job.js';
import { createTestApp, type TestApp } from './utils/app.js';
import { beater, MIN, studyWorld } from './utils/study-fixtures.js';

/** L3 quizzes, L4 points with daily caps and leaderboards, check-in points and meeting study hours. */
describe('study: quizzes (L3) and points (L4)', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof studyWorld>>;
  let quizId: string;
  const answers = new Map<string, number[]>();
  beforeAll(async () => {
    // The queue of check-in points is drained by hand here (CheckinPointsJob.drain), not by its timer.
    t = await createTestApp({ POINTS_CHECKIN_INTERVAL_S: '0' });
    w = await studyWorld(t);
    for (let i = 0; i < 6; i++) {
      const q = await t.call('POST', `/study/courses/${w.course.id}/questions`, {
        token: w.secA.token,
        body:
          i % 3 === 2
            ? { kind: 'multiple', stem: `多选题${i}`, options: ['甲', '乙', '丙'], answer: [0, 2], explanation: `解析${i}` }
            : i % 3 === 1
              ? { kind: 'true_false', stem: `判断题${i}`, answer: [0], explanation: `解析${i}` }
              : { kind: 'single', stem: `单选题${i}`, options: ['甲', '乙', '丙', '丁'], answer: [1], explanation: `解析${i}` },
      });
      expect(q.status).toBe(201);
      answers.set(q.body.id, q.body.answer);
    }
    const quiz = await t.call('POST', `/study/courses/${w.course.id}/quizzes`, {
      token: w.secA.token,
      body: { title: '党章测验', questionCount: 4, timeLimitS: 600, passPercent: 75 },
    });
    expect(quiz.status).toBe(201);
    quizId = quiz.body.id;
  });
  afterAll(() => t.close());

  const right = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, answers.get(id)!]));

  it('L3 question shapes are checked; a quiz needs enough questions in the bank', async () => {
    const bad = await t.call('POST', `/study/courses/${w.course.id}/questions`, {
      token: w.secA.token,
      body: { kind: 'single', stem: 'x', options: ['a', 'b'], answer: [0, 1] },
    });
    expect([bad.status, bad.body.code]).toEqual([400, 'STUDY_QUESTION_INVALID']);
    const big = await t.call('POST', `/study/courses/${w.course.id}/quizzes`, {
      token: w.secA.token,
      body: { title: 'x', questionCount: 50, timeLimitS: 600, passPercent: 60 },
    });
    expect(big.body.code).toBe('STUDY_BANK_TOO_SMALL');
    expect((await t.call('GET', `/study/courses/${w.course.id}/questions`, { token: w.members[0]!.token })).status).toBe(403);
    // Withdrawn: members cannot start it (nor see it); published again it is back.
    expect((await t.call('PATCH', `/study/quizzes/${quizId}`, { token: w.secB.token, body: { published: false } })).status).toBe(403);
    expect((await t.call('PATCH', `/study/quizzes/${quizId}`, { token: w.secA.token, body: { published: false } })).body.published).toBe(false);
    expect((await t.call('POST', `/study/quizzes/${quizId}/attempts`, { token: w.members[0]!.token })).status).toBe(404);
    expect((await t.call('PATCH', `/study/quizzes/${quizId}`, { token: w.secA.token, body: { questionCount: 7 } })).body.code).toBe('STUDY_BANK_TOO_SMALL');
    await t.call('PATCH', `/study/quizzes/${quizId}`, { token: w.secA.token, body: { published: true } });
  });

  it('L3 draws distinct questions at random, hides answers and explanations until submitted, scores at the pass mark', async () => {
    const m = w.members[0]!;
    const drawn = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const a = await t.call('POST', `/study/quizzes/${quizId}/attempts`, { token: m.token });
      expect(a.status).toBe(201);
      expect(a.body.questions).toHaveLength(4);
      expect(new Set(a.body.questions.map((q: { id: string }) => q.id)).size).toBe(4);
      for (const q of a.body.questions) {
        drawn.add(q.id);
        expect(q).not.toHaveProperty('answer');
        expect(q).not.toHaveProperty('explanation');
      }
      expect(a.body.review).toBeUndefined();
      const got = await t.call('GET', `/study/attempts/${a.body.id}`, { token: m.token });
      expect(JSON.stringify(got.body)).not.toMatch(/解析/);
      // 3 of 4 right = 75 % = the pass mark.
      const ids: string[] = a.body.questions.map((q: { id: string }) => q.id);
      const sub = await t.call('POST', `/study/attempts/${a.body.id}/submit`, {
        token: m.token,
        body: { answers: { ...right(ids.slice(0, 3)), [ids[3]!]: [3] } },
      });
      expect(sub.status).toBe(200);
      expect(sub.body).toMatchObject({ status: 'submitted', correctCount: 3, scorePercent: 75, passed: true });
      expect(sub.body.review.map((r: { explanation: string }) => r.explanation).every((e: string) => e.startsWith('解析'))).toBe(true);
      expect((await t.call('POST', `/study/attempts/${a.body.id}/submit`, { token: m.token, body: { answers: {} } })).body.code).toBe(
        'STUDY_ATTEMPT_SUBMITTED',
      );
    }
    // Random draws from a bank of 6: four draws of 4 do not all pick the same four (probability 1/15^3).
    expect(drawn.size).toBeGreaterThan(4);
    const summary = await t.call('GET', `/study/quizzes/${quizId}`, { token: m.token });
    expect(summary.body).toMatchObject({ attempts: 4, bestPercent: 75, lastPercent: 75, passed: true });
  });

  it('L3 2 of 4 right (50 %) fails a 75 % quiz; the deadline is enforced on the server', async () => {
    const m = w.members[1]!;
    const a = await t.call('POST', `/study/quizzes/${quizId}/attempts`, { token: m.token });
    const ids: string[] = a.body.questions.map((q: { id: string }) => q.id);
    const sub = await t.call('POST', `/study/attempts/${a.body.id}/submit`, { token: m.token, body: { answers: right(ids.slice(0, 2)) } });
    expect(sub.body).toMatchObject({ scorePercent: 50, passed: false });
    const late = await t.call('POST', `/study/quizzes/${quizId}/attempts`, { token: m.token });
    w.clock.advance(600_000 + 5_001);
    const refused = await t.call('POST', `/study/attempts/${late.body.id}/submit`, {
      token: m.token,
      body: { answers: right(late.body.questions.map((q: { id: string }) => q.id)) },
    });
    expect([refused.status, refused.body.code]).toEqual([409, 'STUDY_ATTEMPT_EXPIRED']);
    expect((await t.call('GET', `/study/attempts/${late.body.id}`, { token: m.token })).body.status).toBe('expired');
    // Someone else's attempt.
    expect((await t.call('GET', `/study/attempts/${late.body.id}`, { token: w.members[0]!.token })).status).toBe(403);
    expect((await t.call('POST', `/study/quizzes/${quizId}/attempts`, { token: w.memberB.token })).status).toBe(403);
  });

  it('L4 quiz points once per quiz and day; study minutes capped at 6 a day', async () => {
    const m = w.members[0]!;
    const mine = await t.call('GET', '/study/points/me', { token: m.token });
    expect(mine.body.today.find((x: { activity: string }) => x.activity === 'quiz_passed')).toMatchObject({ points: 5, cap: 10 });
    const b = beater(t, w, m.token);
    await b.beat(w.article.id, 0);
    for (let i = 0; i < 20; i++) {
      b.wait(5 * MIN);
      await b.beat(w.article.id, 0);
    }
    const after = await t.call('GET', '/study/points/me', { token: m.token });
    expect(after.body.today.find((x: { activity: string }) => x.activity === 'study_minutes')).toMatchObject({ points: 6, cap: 6 });
  });

  it('L4 caps hold under concurrent awards (database function under an advisory lock)', async () => {
    const memberId = w.members[2]!.memberId!;
    const day = '2025-06-10';
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.ds.transaction((tx) => tx.query(`SELECT study_award_points($1, 'checkin', $2, $3) AS given`, [memberId, `test:${i}`, day])),
      ),
    );
    expect(results.reduce((n, r) => n + r[0].given, 0)).toBe(4);
    const [{ sum }] = await t.ds.query(`SELECT sum(points)::int AS sum FROM points_entry WHERE member_id = $1 AND activity = 'checkin' AND day = $2`, [
      memberId,
      day,
    ]);
    expect(sum).toBe(4);
  });

  /** A 党课 of branch A open for check-in now, the member expected. */
  async function lectureWith(title: string, memberId: string): Promise<{ id: string }> {
    const [mt] = await t.ds.query(
      `INSERT INTO meeting (organisation_id, type, title, starts_at, ends_at, place, checkin_opens_at, checkin_closes_at)
       VALUES ($1, 'party_lecture', $2, $3, $4, '会议室', $3, $4) RETURNING id`,
      [w.branchA.id, title, new Date(w.clock.nowMs() - 3600_000), new Date(w.clock.nowMs() + 3600_000)],
    );
    await t.ds.query(`INSERT INTO meeting_attendee (meeting_id, member_id) VALUES ($1, $2)`, [mt.id, memberId]);
    return mt;
  }

  it('L4 a check-in earns points (queued with it, awarded off its statement); L1 a meeting with study hours counts for those who checked in', async () => {
    const m = w.members[1]!;
    const mt = await lectureWith('党课', m.memberId!);
    const set = await t.call('PUT', `/study/meetings/${mt.id}/study-hours`, { token: w.secA.token, body: { hours: 2 } });
    expect(set.status).toBe(200);
    expect((await t.call('PUT', `/study/meetings/${mt.id}/study-hours`, { token: w.secB.token, body: { hours: 9 } })).status).toBe(403);
    await t.ds.query(`INSERT INTO meeting_checkin (meeting_id, member_id, at, method, status) VALUES ($1, $2, $3, 'manual', 'confirmed')`, [
      mt.id,
      m.memberId,
      new Date(w.clock.nowMs()),
    ]);
    const drain = () => t.app.get(CheckinPointsJob).drain();
    const checkinPoints = async () =>
      (await t.call('GET', '/study/points/me', { token: m.token })).body.today.find((x: { activity: string }) => x.activity === 'checkin')?.points ?? 0;
    expect(await checkinPoints()).toBe(0); // queued, not yet awarded
    expect(await drain()).toBe(1);
    expect(await checkinPoints()).toBe(2);
    expect(await drain()).toBe(0); // nothing awarded twice
    expect(await checkinPoints()).toBe(2);
    expect((await t.call('GET', '/study/hours', { token: m.token })).body.meetingS).toBe(7200);
  });

  it('L4 check-in points follow the attendance record: taken back when the check-in is rejected or removed, given again when confirmed', async () => {
    const m = await w.fx.user({ displayName: '签到撤回', memberId: (await w.fx.member({ orgId: w.branchA.id })).id });
    const mt = await lectureWith('党课（撤回）', m.memberId!);
    const [ch] = await t.ds.query(
      `INSERT INTO meeting_checkin (meeting_id, member_id, at, method, status) VALUES ($1, $2, $3, 'manual', 'confirmed') RETURNING id`,
      [mt.id, m.memberId, new Date(w.clock.nowMs())],
    );
    const checkinPoints = async () =>
      Number((await t.ds.query(`SELECT COALESCE(sum(points), 0) AS n FROM points_entry WHERE source_key = $1`, [`checkin:${ch.id}`]))[0].n);
    await t.app.get(CheckinPointsJob).drain();
    expect(await checkinPoints()).toBe(2);
    await t.ds.query(`UPDATE meeting_checkin SET status = 'rejected' WHERE id = $1`, [ch.id]);
    expect(await checkinPoints()).toBe(0);
    await t.ds.query(`UPDATE meeting_checkin SET status = 'confirmed' WHERE id = $1`, [ch.id]);
    expect(await checkinPoints()).toBe(2);
    await t.ds.query(`UPDATE meeting_checkin SET note = 'x' WHERE id = $1`, [ch.id]);
    expect(await checkinPoints()).toBe(2);
    await t.ds.query(`DELETE FROM meeting_checkin WHERE id = $1`, [ch.id]);
    expect(await checkinPoints()).toBe(0);
    const today = (await t.call('GET', '/study/points/me', { token: m.token })).body.today.find((x: { activity: string }) => x.activity === 'checkin');
    expect(today?.points ?? 0).toBe(0);
  });

  it('L4 a queued check-in rejected before the queue is drained earns nothing; one rolled back is never queued', async () => {
    const m = await w.fx.user({ displayName: '签到排队', memberId: (await w.fx.member({ orgId: w.branchA.id })).id });
    const mt = await lectureWith('党课（排队）', m.memberId!);
    const insert = `INSERT INTO meeting_checkin (meeting_id, member_id, at, method, status) VALUES ($1, $2, $3, 'manual', 'confirmed') RETURNING id`;
    await t.ds
      .transaction(async (tx) => {
        await tx.query(insert, [mt.id, m.memberId, new Date(w.clock.nowMs())]);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await t.app.get(CheckinPointsJob).drain()).toBe(0);
    const [ch] = await t.ds.query(insert, [mt.id, m.memberId, new Date(w.clock.nowMs())]);
    await t.ds.query(`UPDATE meeting_checkin SET status = 'rejected' WHERE id = $1`, [ch.id]);
    expect(await t.app.get(CheckinPointsJob).drain()).toBe(1);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM points_entry WHERE member_id = $1`, [m.memberId]);
    expect(n).toBe(0);
  });

  it('L4 leaderboards: members of a subtree with my rank, branches of a committee; outsiders refused', async () => {
    const board = await t.call('GET', `/study/leaderboard?orgId=${w.branchA.id}`, { token: w.members[0]!.token });
    expect(board.status).toBe(200);
    expect(board.body.rows[0]).toMatchObject({ rank: 1, id: w.members[0]!.memberId });
    expect(board.body.mine).toMatchObject({ id: w.members[0]!.memberId, rank: 1 });
    const branches = await t.call('GET', `/study/leaderboard?orgId=${w.committee.id}&by=branches`, { token: w.members[0]!.token });
    expect(branches.body.rows[0]).toMatchObject({ id: w.branchA.id, rank: 1 });
    expect(branches.body.rows[0].averagePoints).toBeGreaterThan(0);
    expect(branches.body.mine).toMatchObject({ id: w.branchA.id });
    // Without orgId: the member's branch, or the committee above it for branches.
    expect((await t.call('GET', '/study/leaderboard', { token: w.members[0]!.token })).body.org.id).toBe(w.branchA.id);
    expect((await t.call('GET', '/study/leaderboard?by=branches', { token: w.members[0]!.token })).body.org.id).toBe(w.committee.id);
    expect((await t.call('GET', `/study/leaderboard?orgId=${w.branchA.id}`, { token: w.memberB.token })).status).toBe(403);
  });
});

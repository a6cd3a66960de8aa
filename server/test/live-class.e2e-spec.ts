import { createTestApp, type TestApp, type Untyped } from './utils/app.js';
import { HOUR, meetingWorld, MIN, type World } from './utils/meeting-fixtures.js';
import { fakeMedia, upload } from './utils/study-fixtures.js';

/**
 * 红色直播间 (issue 17): the host rota, attendance credited by the study heartbeat rules (L2) with a
 * driven clock and counted toward study hours (L1), moderated comments, the recording kept as a lesson,
 * the host's points, and who may see and run a class.
 */
describe('live class', () => {
  let t: TestApp;
  let w: World;
  let cls: Untyped;

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t, { membersA: 3 });
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown> = {}, token = w.secA.token) => {
    const now = w.clock.nowMs();
    return t.call<Untyped>('POST', '/live-classes', {
      token,
      body: {
        orgId: w.branchA.id,
        topic: '讲述红色故事：八女投江',
        summary: '党员轮流担任红色主播',
        startsAt: new Date(now + HOUR).toISOString(),
        endsAt: new Date(now + 2 * HOUR).toISOString(),
        streamKind: 'hls',
        streamUrl: 'https://live.example.com/party/class.m3u8',
        ...body,
      },
    });
  };
  const beat = (token: string, id: string, seq: number) =>
    t.call<Untyped>('POST', `/live-classes/${id}/heartbeat`, { token, body: { position: seq * 60, deviceId: 'phone', seq } });

  it('members take turns as 红色主播 in rota order', async () => {
    const [m1, m2] = w.members;
    expect((await create()).body.code).toBe('LIVE_NO_HOST');
    const rota = await t.call<Untyped>('PUT', `/live-classes/rota/${w.branchA.id}`, { token: w.secA.token, body: { memberIds: [m1!.memberId, m2!.memberId] } });
    expect(rota.status).toBe(200);
    expect(rota.body.nextMemberId).toBe(m1!.memberId);
    // A member of another branch cannot be on the rota.
    expect(
      (await t.call<Untyped>('PUT', `/live-classes/rota/${w.branchA.id}`, { token: w.secA.token, body: { memberIds: [w.memberB.memberId] } })).body.code,
    ).toBe('LIVE_HOST_NOT_IN_ORG');
    const first = await create();
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ host: { memberId: m1!.memberId }, phase: 'upcoming', playUrl: null, attendanceSeconds: 1800 });
    cls = first.body;
    w.clock.advance(MIN);
    const second = await create();
    expect(second.body.host.memberId).toBe(m2!.memberId);
    const seen = await t.call<Untyped>('GET', '/live-classes/rota', { token: m1!.token });
    expect(seen.body).toMatchObject({ nextMemberId: m1!.memberId, canManage: false });
    expect(seen.body.members.map((m: Untyped) => m.hostedCount)).toEqual([1, 1]);
  });

  it('access: members of the organisation watch; others see nothing; only study.manage schedules', async () => {
    expect((await create({}, w.members[0]!.token)).status).toBe(403);
    expect((await t.call('GET', `/live-classes/${cls.id}`, { token: w.memberB.token })).status).toBe(404);
    expect((await t.call('GET', `/live-classes/${cls.id}`, { token: w.secB.token })).status).toBe(404);
    expect((await beat(w.memberB.token, cls.id, 1)).status).toBe(404);
    const list = await t.call<Untyped>('GET', '/live-classes', { token: w.memberB.token });
    expect(list.body.items).toEqual([]);
    expect((await t.call('GET', `/live-classes/${cls.id}`, { token: w.members[2]!.token })).status).toBe(200);
  });

  it('L2 attendance by heartbeat only while live, credited by the study clock and counted in study hours (L1)', async () => {
    const m = w.members[2]!;
    const hoursBefore = (await t.call<Untyped>('GET', '/study/hours', { token: m.token })).body.onlineS;
    expect((await beat(m.token, cls.id, 1)).body.code).toBe('LIVE_NOT_LIVE');
    w.clock.set(new Date(Date.parse(cls.startsAt) - 5 * MIN));
    const room = await t.call<Untyped>('GET', `/live-classes/${cls.id}`, { token: m.token });
    expect(room.body).toMatchObject({ phase: 'live', playUrl: 'https://live.example.com/party/class.m3u8', myCreditedS: 0, attended: false });
    let seq = 0;
    expect((await beat(m.token, cls.id, ++seq)).body.outcome).toBe('session_started');
    for (let i = 0; i < 30; i++) {
      w.clock.advance(MIN);
      expect((await beat(m.token, cls.id, ++seq)).body.outcome).toBe('credited');
    }
    // A gap over 10 minutes is not credited (L2).
    w.clock.advance(11 * MIN);
    expect((await beat(m.token, cls.id, ++seq)).body.creditedS).toBe(0);
    const after = await t.call<Untyped>('GET', `/live-classes/${cls.id}`, { token: m.token });
    expect(after.body).toMatchObject({ myCreditedS: 1800, attended: true, attendeeCount: 1 });
    const hoursAfter = (await t.call<Untyped>('GET', '/study/hours', { token: m.token })).body.onlineS;
    expect(hoursAfter - hoursBefore).toBe(1800);
    // After the grace time the room credits nothing.
    w.clock.set(new Date(Date.parse(cls.endsAt) + 31 * MIN));
    expect((await beat(m.token, cls.id, ++seq)).body.code).toBe('LIVE_NOT_LIVE');
  });

  it('comments wait for a moderator, as on news', async () => {
    const [author, other] = [w.members[2]!, w.members[1]!];
    const posted = await t.call<Untyped>('POST', `/live-classes/${cls.id}/comments`, { token: author.token, body: { body: '深受教育！' } });
    expect(posted.status).toBe(201);
    expect(posted.body.items).toEqual([expect.objectContaining({ body: '深受教育！', state: 'pending', mine: true })]);
    expect((await t.call<Untyped>('GET', `/live-classes/${cls.id}/comments`, { token: other.token })).body.items).toEqual([]);
    const mod = await t.call<Untyped>('GET', `/live-classes/${cls.id}/comments`, { token: w.secA.token });
    expect(mod.body).toMatchObject({ canModerate: true, pendingCount: 1 });
    expect((await t.call('POST', `/live-classes/${cls.id}/comments/${mod.body.items[0].id}/approve`, { token: other.token })).status).toBe(403);
    expect((await t.call('POST', `/live-classes/${cls.id}/comments/${mod.body.items[0].id}/approve`, { token: w.secA.token })).status).toBe(200);
    expect((await t.call<Untyped>('GET', `/live-classes/${cls.id}/comments`, { token: other.token })).body.items).toHaveLength(1);
  });

  it('after the class: the recording becomes a lesson of its course, the host earns live_host points once', async () => {
    const host = w.members[0]!;
    const file = await upload(t, w.secA.token, 'video', fakeMedia.webm());
    expect(file.status).toBe(201);
    expect((await t.call<Untyped>('POST', `/live-classes/${cls.id}/close`, { token: host.token, body: {} })).status).toBe(403);
    const closed = await t.call<Untyped>('POST', `/live-classes/${cls.id}/close`, {
      token: w.secA.token,
      body: { recording: { videoFileId: file.body.id, durationS: 3600 } },
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ hostPointsAwarded: true });
    expect(closed.body.recordingLessonId).not.toBeNull();
    const course = await t.call<Untyped>('GET', `/study/courses/${cls.courseId}`, { token: w.members[1]!.token });
    expect(course.body.lessons.map((l: Untyped) => [l.title, l.kind])).toEqual([
      ['直播课堂', 'article'],
      ['直播回放', 'video'],
    ]);
    expect((await t.call<Untyped>('POST', `/live-classes/${cls.id}/close`, { token: w.secA.token, body: {} })).status).toBe(200);
    const [p] = await t.ds.query(
      `SELECT count(*)::int AS n, coalesce(sum(points), 0)::int AS pts FROM points_entry WHERE member_id = $1 AND activity = 'live_host'`,
      [host.memberId],
    );
    expect(p).toEqual({ n: 1, pts: 10 });
  });
});

import { CheckinTokens } from '../src/meetings/checkin-tokens.js';
import { createTestApp, type TestApp, type Untyped } from './utils/app.js';
import { HOUR, createMeeting, meetingWorld, type World } from './utils/meeting-fixtures.js';

/**
 * The desktop console's chart series and the committee hall's big screen (issue 15): a committee
 * sees its whole area, a branch only its own subtree; the screen opens by a signed link that refuses
 * tampered, foreign (another organisation, a meeting projector's link) and expired tokens.
 */
describe('console charts and the hall screen', () => {
  let t: TestApp;
  let w: World;
  let worker: string;
  let committeeReader: string;

  const orgPath = async (id: string) => (await t.ds.query<Array<{ path: string }>>(`SELECT path::text AS path FROM organisation WHERE id = $1`, [id]))[0]!.path;
  const fees = async (orgId: string, month: string, dueFen: number, paidFen: number) =>
    t.ds.query(`INSERT INTO fee_org_month (organisation_id, month, org_path, bills, due_fen, paid_fen) VALUES ($1, $2::date, $3::ltree, 1, $4, $5)`, [
      orgId,
      `${month}-01`,
      await orgPath(orgId),
      dueFen,
      paidFen,
    ]);

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t);
    worker = (await w.fx.user({ roles: [{ role: 'org_worker', orgId: w.committee.id }] })).token;
    committeeReader = (await w.fx.user({ roles: [{ role: 'committee_member', orgId: w.committee.id }] })).token;
    // Clock: 2025-06-10 noon in China. Fees of May and June in both branches.
    await fees(w.branchA.id, '2025-05', 10_000, 10_000);
    await fees(w.branchA.id, '2025-06', 10_000, 5_000);
    await fees(w.branchB.id, '2025-06', 30_000, 0);
    // A meeting of branch A today: its four members (the secretary is one) expected, two checked in.
    const m = await createMeeting(t, w);
    for (const u of w.members.slice(0, 2))
      await t.ds.query(`INSERT INTO meeting_checkin (meeting_id, member_id, at, method, status) VALUES ($1, $2, $3, 'manual', 'confirmed')`, [
        m.id,
        u.memberId,
        new Date(w.clock.nowMs() + HOUR),
      ]);
    // Study: 1.5 h of a member of A in June, 2 h of B's member in May.
    await t.ds.query(`INSERT INTO study_day (member_id, day, credited_ms) VALUES ($1, '2025-06-09', $2), ($3, '2025-05-20', $4)`, [
      w.members[0]!.memberId,
      1.5 * HOUR,
      w.memberB.memberId,
      2 * HOUR,
    ]);
  });
  afterAll(() => t.close());

  const charts = (token: string, orgId: string, months = 3) => t.call<Untyped>('GET', `/console/charts?orgId=${orgId}&months=${months}`, { token });

  it('a committee worker charts the whole area by month, oldest first, with a point for every month', async () => {
    w.clock.set(new Date(w.clock.nowMs() + 2 * HOUR)); // the meeting has started: it counts
    const res = await charts(worker, w.committee.id);
    expect(res.status).toBe(200);
    expect(res.body.months).toEqual(['2025-04', '2025-05', '2025-06']);
    expect(res.body.fees).toEqual([
      { month: '2025-04', dueFen: 0, paidFen: 0, rateBp: null },
      { month: '2025-05', dueFen: 10_000, paidFen: 10_000, rateBp: 10_000 },
      { month: '2025-06', dueFen: 40_000, paidFen: 5_000, rateBp: 1250 },
    ]);
    expect(res.body.attendance[2]).toEqual({ month: '2025-06', meetings: 1, expected: 4, present: 2, rateBp: 5000 });
    expect(res.body.study.map((p: Untyped) => p.hours)).toEqual([0, 2, 1.5]);
  });

  it("a branch secretary charts only the branch's subtree: the committee and the sibling branch are refused", async () => {
    const own = await charts(w.secA.token, w.branchA.id);
    expect(own.status).toBe(200);
    expect(own.body.fees[2]).toMatchObject({ dueFen: 10_000, paidFen: 5_000, rateBp: 5000 });
    expect(own.body.study.map((p: Untyped) => p.hours)).toEqual([0, 0, 1.5]);
    expect((await charts(w.secA.token, w.committee.id)).status).toBe(403);
    expect((await charts(w.secA.token, w.branchB.id)).status).toBe(403);
    expect((await charts(w.members[0]!.token, w.branchA.id)).status).toBe(403);
  });

  it('bad input answers 400 with a Chinese message', async () => {
    const res = await charts(worker, w.committee.id, 99);
    expect(res.status).toBe(400);
    expect((await t.call<Untyped>('GET', '/console/charts?orgId=nope', { token: worker })).status).toBe(400);
  });

  it('the hall screen: a link for the area (org.manage, audited) opens the counts without signing in; a read-only committee member cannot hand one out', async () => {
    expect((await t.call('POST', '/console/hall/link', { token: committeeReader, body: { orgId: w.committee.id } })).status).toBe(403);
    expect((await t.call('POST', '/console/hall/link', { token: w.secA.token, body: { orgId: w.committee.id } })).status).toBe(403);
    const link = await t.call<Untyped>('POST', '/console/hall/link', { token: worker, body: { orgId: w.committee.id } });
    expect(link.status).toBe(200);
    expect(link.body.url).toContain(`/packages/console/pages/screen/index?orgId=${w.committee.id}&s=${link.body.token}`);
    const audit = await t.ds.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'console.hall_link' AND object_id = $1`, [
      w.committee.id,
    ]);
    expect(audit[0]!.n).toBe(1);

    const screen = await t.call<Untyped>('GET', `/console/hall?orgId=${w.committee.id}&s=${encodeURIComponent(link.body.token)}`);
    expect(screen.status).toBe(200);
    expect(screen.body).toMatchObject({
      orgId: w.committee.id,
      orgName: '测试联合党委',
      counts: {
        members: 6,
        organisations: 3,
        meetingsToday: 1,
        expectedToday: 4,
        checkinsToday: 2,
        feeDueFenThisMonth: 40_000,
        feePaidFenThisMonth: 5_000,
        feeRateBpThisMonth: 1250,
        studyHoursThisMonth: 1.5,
        learnersThisMonth: 1,
      },
      coverage: null,
      ranking: null,
    });
    expect(screen.body.todayMeetings).toEqual([
      expect.objectContaining({ title: '第二季度党员大会', organisationName: '甲公司党支部', expected: 4, present: 2 }),
    ]);
    expect(screen.body.fees).toHaveLength(6);
    // The header works too (the mini-program cannot always put it in the URL).
    expect((await t.call('GET', `/console/hall?orgId=${w.committee.id}`, { headers: { 'x-screen-token': link.body.token } })).status).toBe(200);
  });

  it('the screen refuses a tampered, a foreign and a missing token; a worker signed in sees it, a sibling branch does not', async () => {
    const link = await t.call<Untyped>('POST', '/console/hall/link', { token: w.secA.token, body: { orgId: w.branchA.id } });
    expect(link.status).toBe(200);
    const token: string = link.body.token;
    const hall = (orgId: string, s?: string, auth?: string) =>
      t.call<Untyped>('GET', `/console/hall?orgId=${orgId}${s === undefined ? '' : `&s=${encodeURIComponent(s)}`}`, { token: auth });
    const refused = async (orgId: string, s: string | undefined, code: string) => {
      const res = await hall(orgId, s);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code });
      expect(res.body.message).toMatch(/大屏链接/);
    };
    const last = token.slice(-1) === 'A' ? 'B' : 'A';
    await refused(w.branchA.id, `${token.slice(0, -1)}${last}`, 'HALL_TOKEN_INVALID');
    // Another expiry written into the body breaks the signature.
    const parts = token.split('.');
    await refused(w.branchA.id, [parts[0], parts[1], parts[2], String(Number(parts[3]) + 3600), parts[4]].join('.'), 'HALL_TOKEN_INVALID');
    // Branch A's link does not open the committee or branch B.
    await refused(w.committee.id, token, 'HALL_TOKEN_INVALID');
    await refused(w.branchB.id, token, 'HALL_TOKEN_INVALID');
    // A meeting projector's link (same grammar, another key) opens nothing here.
    const projector = t.app.get(CheckinTokens).signScreen(w.branchA.id, new Date(w.clock.nowMs() + HOUR));
    await refused(w.branchA.id, projector, 'HALL_TOKEN_INVALID');
    await refused(w.branchA.id, 'garbage', 'HALL_TOKEN_INVALID');
    await refused(w.branchA.id, undefined, 'HALL_TOKEN_INVALID');

    expect((await hall(w.branchA.id, undefined, w.secA.token)).status).toBe(200);
    expect((await hall(w.branchB.id, undefined, w.secA.token)).status).toBe(403);

    expect((await hall(w.branchA.id, token)).body.counts.members).toBe(4);
    w.clock.advance(t.config.HALL_LINK_TTL_S * 1000 + 1000);
    await refused(w.branchA.id, token, 'HALL_TOKEN_EXPIRED');
  });
});

import { CheckinTokens } from '../src/meetings/checkin-tokens.js';
import { PhoneCipher } from '../src/common/sensitive-cipher.js';
import { createTestApp, type TestApp, type Untyped } from './utils/app.js';
import { HOUR, meetingWorld, MIN, type World } from './utils/meeting-fixtures.js';

/**
 * 志愿服务 (issue 17, P4): teams with members and 群众 volunteers (phone encrypted, consent recorded),
 * places enforced by the database under concurrent sign-ups with promotion from the waiting list,
 * sign-in and sign-out by the rotating QR code with a driven clock, hours capped per activity day,
 * a missing sign-out confirmed by the organiser, points, the certificate, and who may see what.
 */
describe('volunteering', () => {
  let t: TestApp;
  let w: World;
  let team: Untyped;
  let leader: World['members'][number];

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t, { membersA: 10 });
    leader = w.members[0]!;
    const res = await t.call<Untyped>('POST', '/volunteer/teams', {
      token: w.secA.token,
      body: { orgId: w.branchA.id, name: '甲公司公益救援队', description: '山地搜救与社区服务' },
    });
    expect(res.status).toBe(201);
    team = res.body;
    const asLeader = await t.call<Untyped>('POST', `/volunteer/teams/${team.id}/volunteers`, {
      token: w.secA.token,
      body: { memberId: leader.memberId, leader: true },
    });
    expect(asLeader.status).toBe(201);
  });
  afterAll(() => t.close());

  /** An activity of the team starting `inMs` after the clock, `hours` long. */
  const activity = async (body: Record<string, unknown> = {}, inMs = HOUR, hours = 3) => {
    const now = w.clock.nowMs();
    const res = await t.call<Untyped>('POST', '/volunteer/activities', {
      token: leader.token,
      body: {
        teamId: team.id,
        title: '社区防走失黄手环发放',
        place: '幸福里社区服务中心',
        startsAt: new Date(now + inMs).toISOString(),
        endsAt: new Date(now + inMs + hours * HOUR).toISOString(),
        capacity: 3,
        ...body,
      },
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const signUp = (token: string, id: string) => t.call<Untyped>('POST', `/volunteer/activities/${id}/signup`, { token });
  const code = async (id: string) => (await t.call<Untyped>('GET', `/volunteer/activities/${id}/code`, { token: leader.token })).body.token as string;
  const scan = (token: string, qr: string) => t.call<Untyped>('POST', '/volunteer/scan', { token, body: { token: qr } });

  it('a 群众 volunteer joins with phone and consent: stored encrypted, shown masked only to those running the team', async () => {
    const res = await t.call<Untyped>('POST', `/volunteer/teams/${team.id}/volunteers`, {
      token: leader.token,
      body: { name: '王阿姨', phone: '13912345678', consent: true },
    });
    expect(res.status).toBe(201);
    const v = res.body.volunteers.find((x: Untyped) => x.name === '王阿姨');
    expect(v).toMatchObject({ isMember: false, phoneMasked: '139****5678', leader: false });
    expect(v.consentAt).not.toBeNull();
    const [row] = await t.ds.query(`SELECT phone_enc, phone_masked FROM volunteer WHERE id = $1`, [v.volunteerId]);
    expect(row.phone_enc).not.toContain('13912345678');
    expect(t.app.get(PhoneCipher).open(row.phone_enc)).toBe('13912345678');
    // Without consent nothing is stored.
    const refused = await t.call<Untyped>('POST', `/volunteer/teams/${team.id}/volunteers`, {
      token: leader.token,
      body: { name: '李叔', phone: '13812345678', consent: false },
    });
    expect(refused.status).toBe(400);
    // A member of the branch sees the team, without phones.
    const seen = await t.call<Untyped>('GET', `/volunteer/teams/${team.id}`, { token: w.members[5]!.token });
    expect(seen.status).toBe(200);
    expect(seen.body.canManage).toBe(false);
    expect(seen.body.volunteers.every((x: Untyped) => x.phoneMasked === null)).toBe(true);
  });

  it('access: only leaders and volunteer.manage run the team; another branch sees nothing of it', async () => {
    const a = await activity();
    const member = w.members[5]!;
    expect(
      (
        await t.call('POST', '/volunteer/activities', {
          token: member.token,
          body: { teamId: team.id, title: 'x', place: 'y', startsAt: a.startsAt, endsAt: a.endsAt, capacity: 1 },
        })
      ).status,
    ).toBe(403);
    expect((await t.call('GET', `/volunteer/activities/${a.id}/code`, { token: member.token })).status).toBe(403);
    expect((await t.call('GET', `/volunteer/activities/${a.id}/roster`, { token: member.token })).status).toBe(403);
    for (const token of [w.memberB.token, w.secB.token]) {
      expect((await t.call('GET', `/volunteer/activities/${a.id}`, { token })).status).toBe(404);
      expect((await t.call('GET', `/volunteer/teams/${team.id}`, { token })).status).toBe(404);
      expect((await signUp(token, a.id)).status).toBe(404);
      const list = await t.call<Untyped>('GET', '/volunteer/activities', { token });
      expect(list.body.items.map((x: Untyped) => x.id)).not.toContain(a.id);
    }
    const mine = await t.call<Untyped>('GET', '/volunteer/activities', { token: member.token });
    expect(mine.body.items.map((x: Untyped) => x.id)).toContain(a.id);
  });

  it('the team is edited by those running it; a member gets 403, another branch 404, bad input 400 — changing nothing', async () => {
    const patch = (token: string, body: Untyped) => t.call<Untyped>('PATCH', `/volunteer/teams/${team.id}`, { token, body });
    expect((await patch(w.members[5]!.token, { name: '改名', description: '' })).status).toBe(403);
    for (const token of [w.memberB.token, w.secB.token]) expect((await patch(token, { name: '改名', description: '' })).status).toBe(404);
    expect((await patch(w.secA.token, { name: '  ', description: '' })).status).toBe(400);
    expect((await t.call<Untyped>('GET', `/volunteer/teams/${team.id}`, { token: w.secA.token })).body.name).toBe('甲公司公益救援队');
    const byLeader = await patch(leader.token, { name: '甲公司公益救援队', description: '山地搜救、社区服务与防走失' });
    expect(byLeader.status).toBe(200);
    expect(byLeader.body).toMatchObject({ name: '甲公司公益救援队', description: '山地搜救、社区服务与防走失', orgId: w.branchA.id });
  });

  it('capacity under concurrent sign-ups: never above the places, the rest waitlisted in order; a cancellation promotes the first', async () => {
    const a = await activity({ capacity: 3 });
    const people = w.members.slice(1, 10);
    const results = await Promise.all(people.map((m) => signUp(m.token, a.id)));
    expect(results.map((r) => r.status)).toEqual(people.map(() => 200));
    const [counts] = await t.ds.query(
      `SELECT count(*) FILTER (WHERE state = 'confirmed')::int AS confirmed, count(*) FILTER (WHERE state = 'waitlisted')::int AS waiting FROM volunteer_signup WHERE activity_id = $1`,
      [a.id],
    );
    expect(counts).toEqual({ confirmed: 3, waiting: 6 });
    const states = results.map((r) => r.body.mySignup.state);
    expect(states.filter((s) => s === 'confirmed')).toHaveLength(3);
    expect(
      results
        .map((r) => r.body.mySignup.waitPosition)
        .filter((p) => p !== null)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5, 6]);
    // Twice is refused.
    expect((await signUp(people[0]!.token, a.id)).body.code ?? 'ok').toMatch(/ALREADY_SIGNED_UP|ok/);

    const confirmed = people.filter((_, i) => states[i] === 'confirmed');
    const first = people[results.findIndex((r) => r.body.mySignup.waitPosition === 1)]!;
    const cancel = await t.call<Untyped>('DELETE', `/volunteer/activities/${a.id}/signup`, { token: confirmed[0]!.token });
    expect(cancel.status).toBe(200);
    expect(cancel.body.mySignup).toBeNull();
    expect(cancel.body.confirmedCount).toBe(3);
    const promoted = await t.call<Untyped>('GET', `/volunteer/activities/${a.id}`, { token: first.token });
    expect(promoted.body.mySignup).toMatchObject({ state: 'confirmed', waitPosition: null });
    const inbox = await t.call<Untyped>('GET', '/notifications', { token: first.token });
    expect(JSON.stringify(inbox.body)).toContain('候补转正');

    // Concurrent cancellations and sign-ups together still never pass the capacity.
    await Promise.all([
      ...confirmed.slice(1).map((m) => t.call('DELETE', `/volunteer/activities/${a.id}/signup`, { token: m.token })),
      signUp(confirmed[0]!.token, a.id),
    ]);
    const [after] = await t.ds.query(`SELECT count(*)::int AS n FROM volunteer_signup WHERE activity_id = $1 AND state = 'confirmed'`, [a.id]);
    expect(after.n).toBe(3);
  });

  it('P4 sign-in and sign-out by the rotating QR: window, stale and foreign codes refused, hours and points credited', async () => {
    const a = await activity({ capacity: 5 }, 2 * HOUR, 3);
    const m = w.members[1]!;
    const other = w.members[2]!;
    await signUp(m.token, a.id);
    // Not signed up: refused.
    expect((await scan(other.token, await code(a.id))).body.code).toBe('VOLUNTEER_NOT_SIGNED_UP');
    // Sign-in opens an hour before the start.
    expect((await scan(m.token, await code(a.id))).body).toMatchObject({ code: 'VOLUNTEER_SCAN_REFUSED', details: { reason: 'not_open' } });
    w.clock.advance(HOUR + MIN);
    // A meeting's code for the same id (another key) and a stale code are refused.
    const step = Math.floor(w.clock.nowMs() / 30_000);
    expect((await scan(m.token, w.tokens.signQr(a.id, step))).body.code).toBe('VOLUNTEER_TOKEN_INVALID');
    const stale = await code(a.id);
    w.clock.advance(61_000);
    expect((await scan(m.token, stale)).body.code).toBe('VOLUNTEER_TOKEN_EXPIRED');
    const inRes = await scan(m.token, await code(a.id));
    expect(inRes.status).toBe(200);
    expect(inRes.body).toMatchObject({ action: 'signed_in', serviceSeconds: null });
    const signedInAt = Date.parse(inRes.body.at);
    // Cannot give up a place once signed in.
    expect((await t.call<Untyped>('DELETE', `/volunteer/activities/${a.id}/signup`, { token: m.token })).body.code).toBe('VOLUNTEER_ALREADY_SIGNED_IN');

    w.clock.advance(2.5 * HOUR);
    const outRes = await scan(m.token, await code(a.id));
    expect(outRes.body).toMatchObject({ action: 'signed_out', serviceSeconds: 2.5 * 3600 });
    expect(Date.parse(outRes.body.at) - signedInAt).toBe(2.5 * HOUR);
    expect((await scan(m.token, await code(a.id))).body.details).toEqual({ reason: 'already_signed_out' });
    // Two whole hours: two points of volunteer_hours (P3).
    const [p] = await t.ds.query(`SELECT coalesce(sum(points), 0)::int AS n FROM points_entry WHERE member_id = $1 AND activity = 'volunteer_hours'`, [
      m.memberId,
    ]);
    expect(p.n).toBe(2);
    const mine = await t.call<Untyped>('GET', '/volunteer/me', { token: m.token });
    expect(mine.body.items.find((i: Untyped) => i.activityId === a.id)).toMatchObject({ serviceSeconds: 9000, awaitingSignOut: false });
  });

  it('P4 a missing sign-out: the scan window closes, the organiser confirms the time; hours capped at 8 per activity day', async () => {
    // 08:30–20:30 China time on one day.
    w.clock.set('2025-06-11T00:00:00Z');
    const a = await activity({ capacity: 5, title: '山地搜救演练' }, 30 * MIN, 12);
    const m = w.members[3]!;
    await signUp(m.token, a.id);
    w.clock.advance(30 * MIN);
    expect((await scan(m.token, await code(a.id))).body.action).toBe('signed_in');
    w.clock.advance(15 * HOUR);
    expect((await scan(m.token, await code(a.id))).body.details).toEqual({ reason: 'sign_out_closed' });
    const pending = await t.call<Untyped>('GET', '/volunteer/me', { token: m.token });
    expect(pending.body.items.find((i: Untyped) => i.activityId === a.id)).toMatchObject({ awaitingSignOut: true, serviceSeconds: null });

    const roster = await t.call<Untyped>('GET', `/volunteer/activities/${a.id}/roster`, { token: leader.token });
    const entry = roster.body.items.find((e: Untyped) => e.name && e.isMember && e.signedInAt && !e.signedOutAt);
    const startsAt = Date.parse(a.startsAt);
    // Not after the sign-out window, not before the sign-in.
    const late = await t.call<Untyped>('POST', `/volunteer/activities/${a.id}/roster/${entry.signupId}/sign-out`, {
      token: leader.token,
      body: { at: new Date(startsAt + 14 * HOUR + 1000).toISOString(), note: '' },
    });
    expect(late.body.code).toBe('VOLUNTEER_TIME_INVALID');
    expect((await t.call('POST', `/volunteer/activities/${a.id}/roster/${entry.signupId}/sign-out`, { token: m.token, body: { at: a.endsAt } })).status).toBe(
      403,
    );
    const ok = await t.call<Untyped>('POST', `/volunteer/activities/${a.id}/roster/${entry.signupId}/sign-out`, {
      token: leader.token,
      body: { at: a.endsAt, note: '队员随队返回，忘记签退' },
    });
    expect(ok.status).toBe(200);
    const confirmed = ok.body.items.find((e: Untyped) => e.signupId === entry.signupId);
    // 12 h in one China day: capped at 8 h.
    expect(confirmed).toMatchObject({ signOutConfirmedBy: leader.user.displayName, serviceSeconds: 8 * 3600 });
    const audit = await t.ds.query(`SELECT details FROM audit_log WHERE action = 'volunteer.sign_out.confirm' AND object_id = $1`, [a.id]);
    expect(audit).toHaveLength(1);
  });

  it('the organiser signs up and signs in a 群众 volunteer without the app', async () => {
    const a = await activity({ capacity: 2 }, 10 * MIN, 2);
    const teamNow = await t.call<Untyped>('GET', `/volunteer/teams/${team.id}`, { token: leader.token });
    const aunt = teamNow.body.volunteers.find((x: Untyped) => x.name === '王阿姨');
    expect((await t.call('POST', `/volunteer/activities/${a.id}/roster`, { token: leader.token, body: { volunteerId: aunt.volunteerId } })).status).toBe(201);
    const roster = await t.call<Untyped>('GET', `/volunteer/activities/${a.id}/roster`, { token: leader.token });
    const entry = roster.body.items[0];
    expect(entry).toMatchObject({ name: '王阿姨', isMember: false, phoneMasked: '139****5678', state: 'confirmed' });
    w.clock.advance(10 * MIN);
    const inRes = await t.call<Untyped>('POST', `/volunteer/activities/${a.id}/roster/${entry.signupId}/sign-in`, {
      token: leader.token,
      body: { at: new Date(w.clock.nowMs()).toISOString(), note: '现场登记' },
    });
    expect(inRes.body.items[0].signedInAt).not.toBeNull();
  });

  it('the certificate PDF lists the year’s hours', async () => {
    const res = await t.call('GET', '/volunteer/me/certificate.pdf', { token: w.members[1]!.token });
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('application/pdf');
    expect(res.raw.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await t.call('GET', '/volunteer/me/certificate.pdf', { token: w.noMember.token })).status).toBe(403);
  });

  it('a report and photos after the activity started', async () => {
    const a = await activity({}, 5 * MIN, 1);
    expect(
      (await t.call<Untyped>('PUT', `/volunteer/activities/${a.id}/report`, { token: leader.token, body: { report: '发放黄手环 40 个' } })).body.code,
    ).toBe('VOLUNTEER_ACTIVITY_NOT_ENDED');
    w.clock.advance(HOUR);
    const done = await t.call<Untyped>('PUT', `/volunteer/activities/${a.id}/report`, { token: leader.token, body: { report: '发放黄手环 40 个' } });
    expect(done.body.report).toBe('发放黄手环 40 个');
  });

  it('CheckinTokens is the meetings’ signer: its codes never open a volunteer activity (separate key)', () => {
    expect(t.app.get(CheckinTokens)).toBe(w.tokens);
  });
});

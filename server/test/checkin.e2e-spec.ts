import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { compactId } from '../src/common/hmac.js';
import { CheckinTokens } from '../src/meetings/checkin-tokens.js';
import { LiveService } from '../src/meetings/live.service.js';
import { MeetingsRepository } from '../src/meetings/meetings.repository.js';
import { loadConfig } from '../src/config/config.js';
import { createApp } from '../src/bootstrap.js';
import { createRootLogger } from '../src/common/logger.js';
import { Clock } from '../src/common/clock.js';
import { createTestApp, type TestApp } from './utils/app.js';
import { createMeeting, HOUR, meetingWorld, MIN, T0, type World } from './utils/meeting-fixtures.js';

describe('QR check-in (C3, C4)', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: 'https://dj.example.cn' });
    w = await meetingWorld(t);
  });
  afterAll(() => t.close());
  beforeEach(() => w.clock.set(T0));

  const code = async (meetingId: string, token = w.secA.token) => t.call('GET', `/meetings/${meetingId}/checkin-code`, { token });
  const scan = (memberToken: string, body: Record<string, unknown>) => t.call('POST', '/meetings/checkin', { token: memberToken, body });
  /** A meeting whose check-in window is open now (it started a minute ago). */
  async function openMeeting(body: Record<string, unknown> = {}) {
    const m = await createMeeting(t, w, {
      startsAt: new Date(w.clock.nowMs() - MIN).toISOString(),
      endsAt: new Date(w.clock.nowMs() + 2 * HOUR).toISOString(),
      ...body,
    });
    return m;
  }

  it('shows a signed, rotating QR code whose URL opens the H5 scan page', async () => {
    const m = await openMeeting();
    const res = await code(m.id);
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{22}\.\d+\.[A-Za-z0-9_-]{22}$/);
    expect(res.body.url).toBe(`https://dj.example.cn/#/checkin/scan?t=${res.body.token}`);
    expect(res.body.svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(res.body.stepSeconds).toBe(15);
    expect(res.body.window.state).toBe('open');
    expect(res.body.expiresInMs).toBeGreaterThan(0);
    expect(res.body.expiresInMs).toBeLessThanOrEqual(15_000);
    // The next step gives another token.
    w.clock.advance(15_000);
    const next = await code(m.id);
    expect(next.body.step).toBe(res.body.step + 1);
    expect(next.body.token).not.toBe(res.body.token);
  });

  it('C3: checks a member in once; a second scan answers "already checked in" with the original time', async () => {
    const m = await openMeeting();
    const c = await code(m.id);
    const first = await scan(w.members[0]!.token, { token: c.body.token });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      status: 'checked_in',
      method: 'qr',
      checkinStatus: 'confirmed',
      checkedInAt: T0.toISOString(),
      meeting: { id: m.id, title: '第二季度党员大会', place: '公司三楼会议室', organisationName: '甲公司党支部' },
      member: { id: w.members[0]!.memberId },
      message: '签到成功',
    });
    w.clock.advance(10_000);
    const again = await scan(w.members[0]!.token, { token: (await code(m.id)).body.token });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'already_checked_in', checkedInAt: T0.toISOString(), checkinId: first.body.checkinId });
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM meeting_checkin WHERE meeting_id = $1`, [m.id]);
    expect(n).toBe(1);
  });

  it('C3: 50 concurrent scans of one member give exactly one record and one first check-in', async () => {
    const m = await openMeeting();
    const c = await code(m.id);
    const results = await Promise.all(Array.from({ length: 50 }, () => scan(w.members[1]!.token, { token: c.body.token })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.status === 'checked_in')).toHaveLength(1);
    expect(results.filter((r) => r.body.status === 'already_checked_in')).toHaveLength(49);
    expect(new Set(results.map((r) => r.body.checkinId)).size).toBe(1);
    expect(new Set(results.map((r) => r.body.checkedInAt)).size).toBe(1);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM meeting_checkin WHERE meeting_id = $1 AND member_id = $2`, [m.id, w.members[1]!.memberId]);
    expect(n).toBe(1);
  });

  it('C3, C4: scans arriving together (recorded in shared statements under load) are each answered as if alone', async () => {
    const m = await openMeeting();
    const c = await code(m.id);
    const pending = await scan(w.members[2]!.token, { token: c.body.token, offline: true, scannedAt: w.clock.now().toISOString() });
    expect(pending.body.status).toBe('pending_confirmation');
    const burst = await Promise.all(
      [w.members[0], w.members[1], w.members[0], w.memberB, w.members[2], w.members[1]].map((u) => scan(u!.token, { token: c.body.token })),
    );
    expect(burst.map((r) => r.status)).toEqual([200, 200, 200, 403, 200, 200]);
    expect(burst[3]!.body.code).toBe('CHECKIN_NOT_EXPECTED');
    for (const [i, j] of [
      [0, 2],
      [1, 5],
    ] as const) {
      expect([burst[i]!.body.status, burst[j]!.body.status].sort()).toEqual(['already_checked_in', 'checked_in']);
      expect(burst[i]!.body.checkinId).toBe(burst[j]!.body.checkinId);
    }
    // The live scan replaces the pending offline one (the same row, now confirmed).
    expect(burst[4]!.body).toMatchObject({ status: 'checked_in', checkinStatus: 'confirmed', checkinId: pending.body.checkinId });
    const rows = await t.ds.query(`SELECT member_id AS "memberId", status FROM meeting_checkin WHERE meeting_id = $1 ORDER BY member_id`, [m.id]);
    expect(rows).toHaveLength(3);
    expect(rows.every((r: { status: string }) => r.status === 'confirmed')).toBe(true);
  });

  it('C3, C4: one statement for many check-ins answers each item as the single insert would', async () => {
    const m = await openMeeting();
    const repo = t.app.get(MeetingsRepository);
    const item = (memberId: string | null, status: 'confirmed' | 'pending_confirmation' = 'confirmed', at = w.clock.now()) => ({
      meetingId: m.id,
      memberId: memberId!,
      at,
      method: status === 'confirmed' ? ('qr' as const) : ('offline_qr' as const),
      status,
      tokenStep: 1,
      lat: null,
      lng: null,
      note: null,
      recordedBy: null,
    });
    const first = await repo.insertCheckin(item(w.members[0]!.memberId));
    await repo.insertCheckin(item(w.members[1]!.memberId, 'pending_confirmation'));
    const later = new Date(w.clock.nowMs() + 5000);
    const out = await repo.insertCheckins([
      item(w.members[0]!.memberId, 'confirmed', later), // already confirmed: kept, the first time wins
      item(w.memberB.memberId), // not expected
      item(w.members[1]!.memberId, 'confirmed', later), // replaces the pending one
      item(w.members[2]!.memberId, 'pending_confirmation', later), // new
    ]);
    expect(out.map((o) => [o.expected, o.written])).toEqual([
      [true, false],
      [false, false],
      [true, true],
      [true, true],
    ]);
    expect(out[0]!.row).toMatchObject({ id: first!.id, at: first!.at, status: 'confirmed' });
    expect(out[1]!.row).toBeNull();
    expect(out[2]!.row).toMatchObject({ status: 'confirmed', at: later, memberId: w.members[1]!.memberId });
    expect(out[3]!.row).toMatchObject({ status: 'pending_confirmation', memberId: w.members[2]!.memberId });
  });

  describe('tokens', () => {
    let m: { id: string };
    beforeAll(async () => {
      w.clock.set(T0);
      m = await openMeeting();
    });

    it('accepts the previous step, refuses a replayed token from two steps ago (CHECKIN_TOKEN_EXPIRED)', async () => {
      const c = await code(m.id);
      w.clock.advance(15_000);
      const prev = await scan(w.members[0]!.token, { token: c.body.token });
      expect(prev.status).toBe(200);
      w.clock.advance(15_000);
      const replay = await scan(w.members[1]!.token, { token: c.body.token });
      expect([replay.status, replay.body.code]).toEqual([422, 'CHECKIN_TOKEN_EXPIRED']);
    });

    it('refuses a token with a changed signature, meeting or step (CHECKIN_TOKEN_FORGED)', async () => {
      const c = await code(m.id);
      const [v, kid, mid, step, sig] = c.body.token.split('.');
      const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
      const other = compactId('00000000-0000-4000-8000-000000000001');
      for (const forged of [
        [v, kid, mid, step, flip(sig)].join('.'),
        [v, kid, other, step, sig].join('.'),
        [v, kid, mid, String(Number(step) - 1), sig].join('.'),
        [v, 'k9', mid, step, sig].join('.'),
      ]) {
        const res = await scan(w.members[2]!.token, { token: forged });
        expect([res.status, res.body.code]).toEqual([403, 'CHECKIN_TOKEN_FORGED']);
      }
    });

    it('refuses a token signed under another DATA_KEY (CHECKIN_TOKEN_FORGED)', async () => {
      const foreign = new CheckinTokens(loadConfig({ NODE_ENV: 'test', DATA_KEY: Buffer.alloc(32, 7).toString('base64') }));
      const step = Math.floor(w.clock.nowMs() / 15_000);
      const res = await scan(w.members[2]!.token, { token: foreign.signQr(m.id, step) });
      expect([res.status, res.body.code]).toEqual([403, 'CHECKIN_TOKEN_FORGED']);
    });

    it('refuses what is not a token (CHECKIN_TOKEN_MALFORMED), also the URL of another site', async () => {
      for (const token of ['hello', 'v1.k1.short.1.x', 'https://evil.example/#/checkin/scan?t=x']) {
        const res = await scan(w.members[2]!.token, { token });
        expect([res.status, res.body.code]).toEqual([400, 'CHECKIN_TOKEN_MALFORMED']);
      }
    });

    it('refuses a valid token of another meeting when the client names the meeting (CHECKIN_TOKEN_OTHER_MEETING)', async () => {
      const other = await openMeeting({ title: '另一场会议' });
      const c = await code(other.id);
      const res = await scan(w.members[2]!.token, { token: c.body.token, meetingId: m.id });
      expect([res.status, res.body.code]).toEqual([422, 'CHECKIN_TOKEN_OTHER_MEETING']);
    });

    it('refuses a token of a future step (CHECKIN_TOKEN_NOT_YET_VALID)', async () => {
      const step = Math.floor(w.clock.nowMs() / 15_000) + 1;
      const res = await scan(w.members[2]!.token, { token: w.tokens.signQr(m.id, step) });
      expect([res.status, res.body.code]).toEqual([422, 'CHECKIN_TOKEN_NOT_YET_VALID']);
    });

    it('rotates keys: signs with the newest id, still verifies the older ones', async () => {
      const oldCfg = loadConfig({ NODE_ENV: 'test', CHECKIN_KEY_IDS: 'k1' });
      const newCfg = loadConfig({ NODE_ENV: 'test', CHECKIN_KEY_IDS: 'k1,k2' });
      const oldTokens = new CheckinTokens(oldCfg);
      const newTokens = new CheckinTokens(newCfg);
      const signed = newTokens.signQr(m.id, 5);
      expect(signed.split('.')[1]).toBe('k2');
      expect(newTokens.verifyQr(oldTokens.signQr(m.id, 5))).toEqual({ kid: 'k1', meetingId: m.id, step: 5 });
      expect(() => oldTokens.verifyQr(signed)).toThrow(expect.objectContaining({ code: 'CHECKIN_TOKEN_FORGED' }));
    });
  });

  it('C4: refuses before the window opens and after it closes', async () => {
    const m = await createMeeting(t, w); // starts in an hour: opens in 30 minutes
    const early = await scan(w.members[0]!.token, { token: (await code(m.id)).body.token });
    expect([early.status, early.body.code]).toEqual([422, 'CHECKIN_WINDOW_NOT_OPEN']);
    w.clock.advance(30 * MIN);
    expect((await scan(w.members[0]!.token, { token: (await code(m.id)).body.token })).body.status).toBe('checked_in');
    w.clock.set(new Date(Date.parse(m.checkinClosesAt) + 1000));
    const late = await scan(w.members[1]!.token, { token: (await code(m.id)).body.token });
    expect([late.status, late.body.code]).toEqual([422, 'CHECKIN_WINDOW_CLOSED']);
  });

  it('C4: refuses a member who is not expected, and a user without a member record', async () => {
    const m = await openMeeting();
    const c = await code(m.id);
    const other = await scan(w.memberB.token, { token: c.body.token });
    expect([other.status, other.body.code]).toEqual([403, 'CHECKIN_NOT_EXPECTED']);
    const none = await scan(w.noMember.token, { token: c.body.token });
    expect([none.status, none.body.code]).toEqual([403, 'CHECKIN_NOT_A_MEMBER']);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM meeting_checkin WHERE meeting_id = $1`, [m.id]);
    expect(n).toBe(0);
  });

  it('C4: an invited 流动党员 from another branch checks in as a guest, without the vote', async () => {
    await t.ds.query(`UPDATE member SET flags = '{mobile}' WHERE id = $1`, [w.memberB.memberId]);
    const m = await openMeeting({ guestMemberIds: [w.memberB.memberId] });
    expect(m.expectedCount).toBe(5);
    const res = await scan(w.memberB.token, { token: (await code(m.id)).body.token });
    expect(res.body.status).toBe('checked_in');
    const att = await t.call('GET', `/meetings/${m.id}/attendance`, { token: w.secA.token });
    expect(att.body.present).toEqual([
      expect.objectContaining({
        member: { id: w.memberB.memberId, name: expect.any(String) },
        isGuest: true,
        canVote: false,
        organisationName: '乙公司党支部',
      }),
    ]);
    await t.ds.query(`UPDATE member SET flags = '{}' WHERE id = $1`, [w.memberB.memberId]);
  });

  it('geofence: requires a location inside the radius', async () => {
    const m = await openMeeting({ geofence: { lat: 31.2304, lng: 121.4737, radiusM: 100 } });
    const c = await code(m.id);
    const none = await scan(w.members[0]!.token, { token: c.body.token });
    expect([none.status, none.body.code]).toEqual([400, 'CHECKIN_LOCATION_REQUIRED']);
    const far = await scan(w.members[0]!.token, { token: c.body.token, location: { lat: 31.2404, lng: 121.4737 } });
    expect([far.status, far.body.code]).toEqual([403, 'CHECKIN_OUTSIDE_GEOFENCE']);
    expect(far.body.details).toMatchObject({ radiusM: 100 });
    expect(far.body.details.distanceM).toBeGreaterThan(1000);
    const near = await scan(w.members[0]!.token, { token: c.body.token, location: { lat: 31.2308, lng: 121.4737, accuracyM: 20 } });
    expect(near.body.status).toBe('checked_in');
    const [row] = await t.ds.query(`SELECT lat, lng FROM meeting_checkin WHERE id = $1`, [near.body.checkinId]);
    expect(row).toEqual({ lat: 31.2308, lng: 121.4737 });
  });

  it('geofence: an offline scan without a location waits for the secretary, told the position is missing', async () => {
    const m = await openMeeting({ geofence: { lat: 31.2304, lng: 121.4737, radiusM: 100 } });
    const c = await code(m.id);
    const scannedAt = new Date(w.clock.nowMs() + 1000).toISOString();
    const res = await scan(w.members[1]!.token, { token: c.body.token, offline: true, scannedAt });
    expect([res.status, res.body.status]).toEqual([200, 'pending_confirmation']);
    const [row] = await t.ds.query(`SELECT status, note, lat FROM meeting_checkin WHERE id = $1`, [res.body.checkinId]);
    expect(row).toEqual({ status: 'pending_confirmation', note: expect.stringContaining('位置'), lat: null });
  });

  it('refuses check-in to a cancelled meeting', async () => {
    const m = await openMeeting();
    const c = await code(m.id);
    await t.call('POST', `/meetings/${m.id}/cancel`, { token: w.secA.token, body: { reason: '改期举行' } });
    const res = await scan(w.members[0]!.token, { token: c.body.token });
    expect([res.status, res.body.code]).toEqual([409, 'MEETING_CANCELLED']);
  });

  describe('offline scans (weak network)', () => {
    it('records a scan sent later as pending confirmation, never as present', async () => {
      const m = await openMeeting();
      const c = await code(m.id);
      const scannedAt = new Date(w.clock.nowMs() + 3000).toISOString();
      w.clock.advance(10 * MIN);
      const res = await scan(w.members[0]!.token, { token: c.body.token, offline: true, scannedAt });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'pending_confirmation', checkinStatus: 'pending_confirmation', method: 'offline_qr', checkedInAt: scannedAt });
      const again = await scan(w.members[0]!.token, { token: c.body.token, offline: true, scannedAt });
      expect(again.body.status).toBe('pending_confirmation');
      const att = await t.call('GET', `/meetings/${m.id}/attendance`, { token: w.secA.token });
      expect(att.body.present).toHaveLength(0);
      expect(att.body.pending.map((e: { member: { id: string } }) => e.member.id)).toEqual([w.members[0]!.memberId]);
      // The secretary confirms: present with the scan time.
      const ok = await t.call('POST', `/meetings/${m.id}/checkins/${res.body.checkinId}/confirm`, { token: w.secA.token, body: {} });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'checked_in', checkinStatus: 'confirmed', checkedInAt: scannedAt });
      const twice = await t.call('POST', `/meetings/${m.id}/checkins/${res.body.checkinId}/confirm`, { token: w.secA.token, body: {} });
      expect([twice.status, twice.body.code]).toEqual([409, 'CHECKIN_NOT_PENDING']);
      const audit = await t.ds.query(`SELECT action FROM audit_log WHERE object_id = $1 AND action LIKE 'meeting.checkin.%'`, [m.id]);
      expect(audit.map((a: { action: string }) => a.action)).toContain('meeting.checkin.confirm');
    });

    it('a rejected offline scan stays rejected for offline resubmission; a live scan still works', async () => {
      const m = await openMeeting();
      const c = await code(m.id);
      const scannedAt = w.clock.now().toISOString();
      const res = await scan(w.members[1]!.token, { token: c.body.token, offline: true, scannedAt });
      const rej = await t.call('POST', `/meetings/${m.id}/checkins/${res.body.checkinId}/reject`, { token: w.secA.token, body: { note: '当时不在会场' } });
      expect(rej.body.checkinStatus).toBe('rejected');
      const noReason = await t.call('POST', `/meetings/${m.id}/checkins/${res.body.checkinId}/reject`, { token: w.secA.token, body: {} });
      expect(noReason.status).toBe(400);
      const resend = await scan(w.members[1]!.token, { token: c.body.token, offline: true, scannedAt });
      expect([resend.status, resend.body.code]).toEqual([409, 'CHECKIN_REJECTED']);
      const live = await scan(w.members[1]!.token, { token: (await code(m.id)).body.token });
      expect(live.body.status).toBe('checked_in');
    });

    it('refuses an offline scan whose token lies outside the window, in the future, or does not fit the scan time', async () => {
      const m = await createMeeting(t, w); // opens in 30 minutes
      const early = await code(m.id);
      w.clock.advance(40 * MIN);
      const before = await scan(w.members[2]!.token, { token: early.body.token, offline: true, scannedAt: new Date(T0.getTime() + 1000).toISOString() });
      expect([before.status, before.body.code]).toEqual([422, 'CHECKIN_WINDOW_NOT_OPEN']);
      const step = Math.floor(w.clock.nowMs() / 15_000);
      const future = await scan(w.members[2]!.token, { token: w.tokens.signQr(m.id, step + 2), offline: true, scannedAt: w.clock.now().toISOString() });
      expect([future.status, future.body.code]).toEqual([422, 'CHECKIN_TOKEN_NOT_YET_VALID']);
      const now = await code(m.id);
      const mismatch = await scan(w.members[2]!.token, { token: now.body.token, offline: true, scannedAt: new Date(w.clock.nowMs() - 20 * MIN).toISOString() });
      expect([mismatch.status, mismatch.body.code]).toEqual([422, 'CHECKIN_OFFLINE_TIME_INVALID']);
      const noTime = await scan(w.members[2]!.token, { token: now.body.token, offline: true });
      expect(noTime.status).toBe(400);
    });
  });

  describe('reverse mode: personal rotating codes', () => {
    it('the secretary scans the member code (QR content or the 8 digits) and checks the member in', async () => {
      const m = await openMeeting();
      const mine = await t.call('GET', '/members/me/checkin-code', { token: w.members[0]!.token });
      expect(mine.status).toBe(200);
      expect(mine.body).toMatchObject({ memberId: w.members[0]!.memberId, periodSeconds: 30, digits: 8, algorithm: 'HMAC-SHA-256' });
      expect(mine.body.code).toMatch(/^\d{8}$/);
      expect(mine.body.content).toBe(`DJM1.${w.members[0]!.memberId!.replace(/-/g, '')}.${mine.body.code}`);
      expect(mine.body.svg).toMatch(/^<svg/);
      const res = await t.call('POST', `/meetings/${m.id}/checkin/member-code`, { token: w.secA.token, body: { code: mine.body.content } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'checked_in', method: 'personal_code', member: { id: w.members[0]!.memberId } });

      const other = await t.call('GET', '/members/me/checkin-code', { token: w.members[1]!.token });
      // 30 s later the code of the previous step still works; typed digits are looked up among the expected.
      w.clock.advance(30_000);
      const typed = await t.call('POST', `/meetings/${m.id}/checkin/member-code`, { token: w.secA.token, body: { code: other.body.code } });
      expect(typed.body).toMatchObject({ status: 'checked_in', member: { id: w.members[1]!.memberId } });
    });

    it('refuses an old or wrong code, a member not expected, and a plain member scanning', async () => {
      const m = await openMeeting();
      const mine = await t.call('GET', '/members/me/checkin-code', { token: w.members[2]!.token });
      w.clock.advance(61_000);
      const old = await t.call('POST', `/meetings/${m.id}/checkin/member-code`, { token: w.secA.token, body: { code: mine.body.content } });
      expect([old.status, old.body.code]).toEqual([400, 'CHECKIN_MEMBER_CODE_INVALID']);
      const wrong = await t.call('POST', `/meetings/${m.id}/checkin/member-code`, { token: w.secA.token, body: { code: 'not-a-code' } });
      expect(wrong.body.code).toBe('CHECKIN_MEMBER_CODE_INVALID');
      const b = await t.call('GET', '/members/me/checkin-code', { token: w.memberB.token });
      const notExpected = await t.call('POST', `/meetings/${m.id}/checkin/member-code`, { token: w.secA.token, body: { code: b.body.content } });
      expect(notExpected.body.code).toBe('CHECKIN_NOT_EXPECTED');
      const fresh = await t.call('GET', '/members/me/checkin-code', { token: w.members[2]!.token });
      const byMember = await t.call('POST', `/meetings/${m.id}/checkin/member-code`, { token: w.members[0]!.token, body: { code: fresh.body.content } });
      expect(byMember.status).toBe(403);
      const noMember = await t.call('GET', '/members/me/checkin-code', { token: w.noMember.token });
      expect(noMember.body.code).toBe('CHECKIN_NOT_A_MEMBER');
    });
  });

  describe('补签 (manual check-in)', () => {
    it('records the reason and the secretary in the audit log, after the meeting too', async () => {
      const m = await openMeeting();
      w.clock.advance(3 * HOUR);
      const res = await t.call('POST', `/meetings/${m.id}/checkins/manual`, {
        token: w.secA.token,
        body: { memberId: w.members[0]!.memberId, reason: '手机没电，会上已签纸质表' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'checked_in', method: 'manual' });
      const [a] = await t.ds.query(`SELECT actor_user_id, details FROM audit_log WHERE action = 'meeting.checkin.manual' AND object_id = $1`, [m.id]);
      expect(a.actor_user_id).toBe(w.secA.user.id);
      expect(a.details).toMatchObject({ memberId: w.members[0]!.memberId, reason: '手机没电，会上已签纸质表' });
      const again = await t.call('POST', `/meetings/${m.id}/checkins/manual`, {
        token: w.secA.token,
        body: { memberId: w.members[0]!.memberId, reason: '重复补签' },
      });
      expect(again.body.status).toBe('already_checked_in');
      const noReason = await t.call('POST', `/meetings/${m.id}/checkins/manual`, { token: w.secA.token, body: { memberId: w.members[1]!.memberId } });
      expect(noReason.status).toBe(400);
      const stranger = await t.call('POST', `/meetings/${m.id}/checkins/manual`, {
        token: w.secA.token,
        body: { memberId: w.memberB.memberId, reason: '外单位人员' },
      });
      expect(stranger.body.code).toBe('CHECKIN_NOT_EXPECTED');
    });

    it('is refused before the check-in window opens', async () => {
      const m = await createMeeting(t, w);
      const res = await t.call('POST', `/meetings/${m.id}/checkins/manual`, {
        token: w.secA.token,
        body: { memberId: w.members[0]!.memberId, reason: '提前补签' },
      });
      expect(res.body.code).toBe('CHECKIN_WINDOW_NOT_OPEN');
    });
  });

  describe('the screen: code access and screen links', () => {
    it('gives the code to managers only; a plain member, an outsider and anonymous callers are refused', async () => {
      const m = await openMeeting();
      expect((await code(m.id, w.members[0]!.token)).status).toBe(403);
      expect((await code(m.id, w.secB.token)).status).toBe(403);
      const anon = await t.call('GET', `/meetings/${m.id}/checkin-code`);
      expect([anon.status, anon.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    });

    it('a screen link opens the code and the live view of that meeting only, read-only, until it expires', async () => {
      const m = await openMeeting();
      const other = await openMeeting({ title: '另一场' });
      const link = await t.call('POST', `/meetings/${m.id}/screen-link`, { token: w.secA.token });
      expect(link.status).toBe(200);
      expect(link.body.url).toBe(`https://dj.example.cn/#/checkin/screen?id=${m.id}&s=${link.body.token}`);
      const s = link.body.token as string;
      expect((await t.call('GET', `/meetings/${m.id}/checkin-code?s=${s}`)).status).toBe(200);
      expect((await t.call('GET', `/meetings/${m.id}/checkin-code`, { headers: { 'x-screen-token': s } })).status).toBe(200);
      expect((await t.call('GET', `/meetings/${m.id}/live/snapshot?s=${s}`)).status).toBe(200);
      const wrong = await t.call('GET', `/meetings/${other.id}/checkin-code?s=${s}`);
      expect([wrong.status, wrong.body.code]).toEqual([401, 'SCREEN_TOKEN_INVALID']);
      // Another signature's end (one in 4,096 signatures already ends in AA: then the link was unchanged).
      const forged = await t.call('GET', `/meetings/${m.id}/checkin-code?s=${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`);
      expect(forged.body.code).toBe('SCREEN_TOKEN_INVALID');
      // Nothing else accepts it.
      expect((await t.call('GET', `/meetings/${m.id}/attendance?s=${s}`)).status).toBe(401);
      expect((await t.call('GET', `/meetings/${m.id}`, { token: s })).status).toBe(401);
      expect((await t.call('POST', `/meetings/${m.id}/screen-link`, { token: w.members[0]!.token })).status).toBe(403);
      expect((await t.call('POST', `/meetings/${m.id}/screen-link`, { token: w.secB.token })).status).toBe(403);
      w.clock.advance(12 * HOUR + 1000);
      const expired = await t.call('GET', `/meetings/${m.id}/checkin-code?s=${s}`);
      expect([expired.status, expired.body.code]).toEqual([401, 'SCREEN_TOKEN_EXPIRED']);
    });
  });
});

describe('live view (SSE over LISTEN/NOTIFY)', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  let closed = false;
  afterAll(async () => {
    if (!closed) await t.close();
  });

  /** Reads `snapshot` events of an SSE response. */
  function reader(res: http.IncomingMessage) {
    const events: Array<{ present: number; expected: number; arrivals: Array<{ name: string }> }> = [];
    const waiters: Array<() => void> = [];
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (block.includes('event: snapshot') && data) {
          events.push(JSON.parse(data.slice(6)));
          waiters.splice(0).forEach((f) => f());
        }
      }
    });
    const next = (count: number, withinMs = 2000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no snapshot #${count} within ${withinMs} ms`)), withinMs);
        const check = () => (events.length >= count ? (clearTimeout(timer), resolve()) : waiters.push(check));
        check();
      });
    return { events, next };
  }

  async function openStream(meetingId: string) {
    const link = await t.call('POST', `/meetings/${meetingId}/screen-link`, { token: w.secA.token });
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const req = http.get(`http://127.0.0.1:${port}/api/v1/meetings/${meetingId}/live?s=${link.body.token}`);
    const res = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
    return { req, res, ...reader(res) };
  }

  it('hears check-ins made on another server instance (NOTIFY from the check-in transaction)', async () => {
    const m = await createMeeting(t, w, { startsAt: new Date(w.clock.nowMs() - MIN).toISOString() });
    const s = await openStream(m.id);
    await s.next(1);
    // A second instance on the same database, with its own clock at the same time.
    const other = await createApp(t.config, t.url, createRootLogger('silent'));
    try {
      other.get(Clock).set(w.clock.now());
      const fastify = other.getHttpAdapter().getInstance();
      const c = await t.call('GET', `/meetings/${m.id}/checkin-code`, { token: w.secA.token });
      const res = await fastify.inject({
        method: 'POST',
        url: '/api/v1/meetings/checkin',
        headers: { authorization: `Bearer ${w.members[1]!.token}` },
        payload: { token: c.body.token },
      });
      expect(res.statusCode).toBe(200);
      await s.next(2);
      expect(s.events[1]!.present).toBe(1);
      // A burst: only the first statement in each 200 ms carries a NOTIFY, a trailing one covers the rest.
      await Promise.all(
        [w.members[0]!, w.members[2]!, w.secA].map((u) =>
          fastify.inject({
            method: 'POST',
            url: '/api/v1/meetings/checkin',
            headers: { authorization: `Bearer ${u.token}` },
            payload: { token: c.body.token },
          }),
        ),
      );
      while (s.events.at(-1)!.present < 4) await s.next(s.events.length + 1);
    } finally {
      s.req.destroy();
      await other.close();
    }
  });

  it('falls back to polling while the LISTEN connection is down, and listens again', async () => {
    const live = t.app.get(LiveService);
    const m = await createMeeting(t, w, { startsAt: new Date(w.clock.nowMs() - MIN).toISOString() });
    const s = await openStream(m.id);
    await s.next(1);
    await t.ds.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'dangjian-listen' AND datname = current_database()`);
    for (let i = 0; i < 50 && live.isListening; i++) await new Promise((r) => setTimeout(r, 20));
    expect(live.isListening).toBe(false);
    const c = await t.call('GET', `/meetings/${m.id}/checkin-code`, { token: w.secA.token });
    await t.call('POST', '/meetings/checkin', { token: w.members[0]!.token, body: { token: c.body.token } });
    // A poll may run before the check-in commits and push the unchanged count first.
    while (s.events.at(-1)!.present < 1) await s.next(s.events.length + 1);
    expect(s.events.at(-1)!.present).toBe(1);
    for (let i = 0; i < 300 && !live.isListening; i++) await new Promise((r) => setTimeout(r, 50));
    expect(live.isListening).toBe(true);
    s.req.destroy();
  });

  // How fast the count moves is measured by the benchmark (`pnpm bench checkin`), not timed here.
  it('pushes the count and the arrivals in order after each check-in; shutdown closes the stream', async () => {
    expect(t.app.get(LiveService).isListening).toBe(true);
    const m = await createMeeting(t, w, { startsAt: new Date(w.clock.nowMs() - MIN).toISOString() });
    const link = await t.call('POST', `/meetings/${m.id}/screen-link`, { token: w.secA.token });
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const req = http.get(`http://127.0.0.1:${port}/api/v1/meetings/${m.id}/live?s=${link.body.token}`);
    const res = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const { events, next } = reader(res);
    await next(1);
    expect(events[0]).toMatchObject({ present: 0, expected: 4 });
    const c = await t.call('GET', `/meetings/${m.id}/checkin-code`, { token: w.secA.token });
    await t.call('POST', '/meetings/checkin', { token: w.members[2]!.token, body: { token: c.body.token } });
    await next(2);
    w.clock.advance(1000);
    await t.call('POST', '/meetings/checkin', { token: w.members[0]!.token, body: { token: c.body.token } });
    await next(3);
    expect(events[2]!.present).toBe(2);
    expect(events[2]!.arrivals.map((a) => a.name)).toEqual(['甲党员3', '甲党员1']);
    // A snapshot names only the latest arrivals (the screen counts the others): here the latest one of two.
    const latest = await t.app.get(MeetingsRepository).live(m.id, 1);
    expect(latest).toMatchObject({ present: 2, expected: 4, pending: 0 });
    expect(latest.arrivals.map((a) => a.name)).toEqual(['甲党员1']);
    // A signed-in overseer may watch too (EventSource: ?access_token=); a plain member may not.
    const asMember = await fetch(`http://127.0.0.1:${port}/api/v1/meetings/${m.id}/live?access_token=${w.members[0]!.token}`);
    expect(asMember.status).toBe(403);
    // Graceful shutdown closes open streams instead of waiting for them.
    const ended = new Promise<void>((resolve) => res.on('end', () => resolve()));
    // Closed, not waited for: an open stream would otherwise hold app.close() past the test's timeout.
    closed = true;
    await t.close();
    await ended;
  });
});

import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from './utils/app.js';
import { branchWorld, createMeeting, HOUR, meetingWorld, MIN, T0, type World } from './utils/meeting-fixtures.js';
import { multipart } from './utils/multipart.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('meetings (C1, C2, C4)', () => {
  let t: TestApp;
  let w: World;
  const storageDir = path.join(os.tmpdir(), `dangjian-files-${process.pid}-${Date.now()}`);

  beforeAll(async () => {
    t = await createTestApp({ STORAGE_DIR: storageDir });
    w = await meetingWorld(t);
  });
  afterAll(async () => {
    await t.close();
    await rm(storageDir, { recursive: true, force: true });
  });
  beforeEach(() => w.clock.set(T0));

  describe('scheduling and expected attendees', () => {
    it('C1/O8: a 党小组会 only in a group, and no other type in a group', async () => {
      const group = await w.fx.org({ kind: 'group', parentId: w.branchA.id, name: '第一党小组' });
      const inBranch = await t.call('POST', '/meetings', {
        token: w.secA.token,
        body: {
          organisationId: w.branchA.id,
          type: 'group_meeting',
          title: '党小组会',
          startsAt: new Date(T0.getTime() + HOUR).toISOString(),
          endsAt: new Date(T0.getTime() + 2 * HOUR).toISOString(),
          place: '会议室',
        },
      });
      expect([inBranch.status, inBranch.body.code]).toEqual([422, 'MEETING_TYPE_NOT_FOR_ORG']);
      const inGroup = await t.call('POST', '/meetings', {
        token: w.secA.token,
        body: {
          organisationId: group.id,
          type: 'committee_meeting',
          title: '支委会',
          startsAt: new Date(T0.getTime() + HOUR).toISOString(),
          endsAt: new Date(T0.getTime() + 2 * HOUR).toISOString(),
          place: '会议室',
        },
      });
      expect([inGroup.status, inGroup.body.code]).toEqual([422, 'MEETING_TYPE_NOT_FOR_ORG']);
    });

    it('a group leader schedules the group’s 党小组会 (expecting its members), but nothing for the branch', async () => {
      const group = await w.fx.org({ kind: 'group', parentId: w.branchA.id, name: '第二党小组' });
      const leaderMember = await w.fx.member({ orgId: w.branchA.id, groupId: group.id, name: '组长' });
      await w.fx.member({ orgId: w.branchA.id, groupId: group.id, name: '组员' });
      const leader = await w.fx.user({ memberId: leaderMember.id, positions: [{ position: 'group_leader', orgId: group.id }] });
      const m = await createMeeting(t, { ...w, secA: leader, branchA: group }, { type: 'group_meeting', title: '六月党小组会' });
      expect(m.expectedCount).toBe(2);
      const branch = await t.call('POST', '/meetings', {
        token: leader.token,
        body: {
          organisationId: w.branchA.id,
          type: 'theme_day',
          title: '主题党日',
          startsAt: new Date(T0.getTime() + HOUR).toISOString(),
          endsAt: new Date(T0.getTime() + 2 * HOUR).toISOString(),
          place: '会议室',
        },
      });
      expect(branch.status).toBe(403);
    });

    it('C4/E1: expects the organisation’s members; the vote only for full members without restrictions', async () => {
      const branch = await w.fx.org({ kind: 'branch', parentId: w.committee.id, name: '丙公司党支部' });
      const sec = await w.fx.user({ positions: [{ position: 'secretary', orgId: branch.id }] });
      const prob = await w.fx.member({ orgId: branch.id, status: 'probationary', name: '预备党员' });
      const disc = await w.fx.member({ orgId: branch.id, flags: ['disciplinary_probation'], name: '留党察看' });
      const mobile = await w.fx.member({ orgId: branch.id, flags: ['mobile'], name: '本支部流动党员' });
      const m = await createMeeting(t, { ...w, secA: sec, branchA: branch });
      expect(m.expectedCount).toBe(4);
      const rows = await t.ds.query(`SELECT member_id, can_vote, is_guest FROM meeting_attendee WHERE meeting_id = $1`, [m.id]);
      const vote = Object.fromEntries(rows.map((r: { member_id: string; can_vote: boolean }) => [r.member_id, r.can_vote]));
      expect(vote).toEqual({ [sec.memberId!]: true, [prob.id]: false, [disc.id]: false, [mobile.id]: true });
    });

    it('subtree scope: a committee’s 党员大会 expects every member below it', async () => {
      const worker = await w.fx.user({ roles: [{ role: 'org_worker', orgId: w.committee.id }] });
      const m = await createMeeting(t, { ...w, secA: worker, branchA: w.committee }, { attendeeScope: 'subtree' });
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM member WHERE org_path <@ $1::ltree`, [w.committee.path]);
      expect(m.expectedCount).toBe(n);
    });

    it('C4: guests are 流动党员 from elsewhere or members the caller may read; never voters', async () => {
      const refused = await t.call('POST', '/meetings', {
        token: w.secA.token,
        body: {
          organisationId: w.branchA.id,
          type: 'party_lecture',
          title: '党课',
          startsAt: new Date(T0.getTime() + HOUR).toISOString(),
          endsAt: new Date(T0.getTime() + 2 * HOUR).toISOString(),
          place: '会议室',
          guestMemberIds: [w.memberB.memberId],
        },
      });
      expect([refused.status, refused.body.code]).toEqual([422, 'MEETING_GUEST_NOT_ALLOWED']);
      const unknown = await t.call('POST', '/meetings', {
        token: w.secA.token,
        body: {
          organisationId: w.branchA.id,
          type: 'party_lecture',
          title: '党课',
          startsAt: new Date(T0.getTime() + HOUR).toISOString(),
          endsAt: new Date(T0.getTime() + 2 * HOUR).toISOString(),
          place: '会议室',
          guestMemberIds: ['00000000-0000-4000-8000-000000000009'],
        },
      });
      expect(unknown.body.code).toBe('MEETING_MEMBER_UNKNOWN');
      const mobile = await w.fx.member({ orgId: w.branchB.id, flags: ['mobile'], name: '外地流动党员' });
      const m = await createMeeting(t, w, { type: 'party_lecture' });
      const add = await t.call('POST', `/meetings/${m.id}/guests`, { token: w.secA.token, body: { memberIds: [mobile.id] } });
      expect(add.body).toEqual({ added: 1, expectedCount: m.expectedCount + 1 });
      const [row] = await t.ds.query(`SELECT is_guest, can_vote FROM meeting_attendee WHERE meeting_id = $1 AND member_id = $2`, [m.id, mobile.id]);
      expect(row).toEqual({ is_guest: true, can_vote: false });
      // A member of the organisation is never turned into a guest.
      const own = await t.call('POST', `/meetings/${m.id}/guests`, { token: w.secA.token, body: { memberIds: [w.members[0]!.memberId] } });
      expect(own.body.added).toBe(0);
      const notGuest = await t.call('DELETE', `/meetings/${m.id}/guests/${w.members[0]!.memberId}`, { token: w.secA.token });
      expect(notGuest.body.code).toBe('MEETING_NOT_A_GUEST');
      const removed = await t.call('DELETE', `/meetings/${m.id}/guests/${mobile.id}`, { token: w.secA.token });
      expect(removed.body).toEqual({ added: 0, expectedCount: m.expectedCount });
    });

    it('adds members who joined after scheduling, removing no one', async () => {
      const m = await createMeeting(t, w);
      const late = await w.fx.member({ orgId: w.branchA.id, name: '新转入党员' });
      const res = await t.call('POST', `/meetings/${m.id}/attendees/refresh`, { token: w.secA.token });
      expect(res.body).toEqual({ added: 1, expectedCount: m.expectedCount + 1 });
      await t.ds.query(`DELETE FROM meeting_attendee WHERE meeting_id = $1 AND member_id = $2`, [m.id, late.id]);
    });

    it('C4: sets the default check-in window and refuses inconsistent times', async () => {
      const m = await createMeeting(t, w);
      expect(m.checkinOpensAt).toBe(new Date(Date.parse(m.startsAt) - 30 * MIN).toISOString());
      expect(m.checkinClosesAt).toBe(m.endsAt);
      const reversed = await t.call('POST', '/meetings', {
        token: w.secA.token,
        body: {
          organisationId: w.branchA.id,
          type: 'theme_day',
          title: 'x',
          startsAt: new Date(T0.getTime() + 2 * HOUR).toISOString(),
          endsAt: new Date(T0.getTime() + HOUR).toISOString(),
          place: 'x',
        },
      });
      expect([reversed.status, reversed.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      const window = await t.call('POST', '/meetings', {
        token: w.secA.token,
        body: {
          organisationId: w.branchA.id,
          type: 'theme_day',
          title: 'x',
          startsAt: new Date(T0.getTime() + HOUR).toISOString(),
          endsAt: new Date(T0.getTime() + 2 * HOUR).toISOString(),
          place: 'x',
          checkinOpensAt: new Date(T0.getTime() + 3 * HOUR).toISOString(),
          checkinClosesAt: new Date(T0.getTime() + 4 * HOUR).toISOString(),
        },
      });
      expect([window.status, window.body.code]).toEqual([422, 'MEETING_TIME_INVALID']);
      const step = await t.call('POST', '/meetings', {
        token: w.secA.token,
        body: {
          organisationId: w.branchA.id,
          type: 'theme_day',
          title: 'x',
          startsAt: new Date(T0.getTime() + HOUR).toISOString(),
          endsAt: new Date(T0.getTime() + 2 * HOUR).toISOString(),
          place: 'x',
          qrStepSeconds: 2,
        },
      });
      expect(step.status).toBe(400);
    });

    it('C2: chair and recorder must be members the secretary may read or expected attendees', async () => {
      const ok = await createMeeting(t, w, { chairMemberId: w.secA.memberId, recorderMemberId: w.members[0]!.memberId });
      const detail = await t.call('GET', `/meetings/${ok.id}`, { token: w.secA.token });
      expect(detail.body.chair).toEqual({ id: w.secA.memberId, name: expect.any(String) });
      expect(detail.body.recorder).toEqual({ id: w.members[0]!.memberId, name: '甲党员1' });
      const bad = await t.call('PATCH', `/meetings/${ok.id}`, { token: w.secA.token, body: { chairMemberId: w.memberB.memberId } });
      expect(bad.body.code).toBe('MEETING_MEMBER_UNKNOWN');
    });
  });

  describe('reading: members see only their own meetings', () => {
    it('lists meetings of the subtree for managers, the own ones for members', async () => {
      const m = await createMeeting(t, w, { title: '只在甲支部' });
      const listA = await t.call('GET', `/meetings?orgId=${w.branchA.id}&pageSize=200`, { token: w.secA.token });
      expect(listA.body.items.map((x: { id: string }) => x.id)).toContain(m.id);
      const listB = await t.call('GET', '/meetings?pageSize=200', { token: w.secB.token });
      expect(listB.body.items.map((x: { id: string }) => x.id)).not.toContain(m.id);
      expect((await t.call('GET', `/meetings?orgId=${w.branchA.id}`, { token: w.secB.token })).status).toBe(403);
      const member = await t.call('GET', '/meetings?pageSize=200', { token: w.members[0]!.token });
      expect(member.body).toMatchObject({ items: [], total: 0 });
      const mine = await t.call('GET', '/meetings/mine?upcoming=true&pageSize=200', { token: w.members[0]!.token });
      expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(m.id);
      const mineB = await t.call('GET', '/meetings/mine?pageSize=200', { token: w.memberB.token });
      expect(mineB.body.items.map((x: { id: string }) => x.id)).not.toContain(m.id);
      const scheduled = await t.call(
        'GET',
        `/meetings?orgId=${w.branchA.id}&status=scheduled&type=general_assembly&from=2025-06-10&to=2025-06-10&pageSize=200`,
        { token: w.secA.token },
      );
      expect(scheduled.body.items.every((x: { status: string; type: string }) => x.status === 'scheduled' && x.type === 'general_assembly')).toBe(true);
      expect(scheduled.body.items.map((x: { id: string }) => x.id)).toContain(m.id);
    });

    it('shows an expected member the meeting with their own standing, and refuses others', async () => {
      const m = await createMeeting(t, w);
      const own = await t.call('GET', `/meetings/${m.id}`, { token: w.members[0]!.token });
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ canManage: false, myAttendance: { state: 'upcoming', isGuest: false, canVote: true, leave: null } });
      expect((await t.call('GET', `/meetings/${m.id}`, { token: w.memberB.token })).status).toBe(403);
      expect((await t.call('GET', `/meetings/${m.id}`, { token: w.secB.token })).status).toBe(403);
      const missing = await t.call('GET', `/meetings/00000000-0000-4000-8000-000000000000`, { token: w.secA.token });
      expect(missing.status).toBe(404);
      // The committee above sees it (org.read on the subtree).
      const worker = await w.fx.user({ roles: [{ role: 'org_worker', orgId: w.committee.id }] });
      expect((await t.call('GET', `/meetings/${m.id}`, { token: worker.token })).body.canManage).toBe(true);
    });
  });

  describe('changes and cancellation', () => {
    it('moves the default window with new times before the start; no time changes once started, no changes once ended', async () => {
      const m = await createMeeting(t, w);
      const moved = await t.call('PATCH', `/meetings/${m.id}`, {
        token: w.secA.token,
        body: { startsAt: new Date(T0.getTime() + 2 * HOUR).toISOString(), place: '新会议室' },
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ place: '新会议室', checkinOpensAt: new Date(T0.getTime() + 90 * MIN).toISOString(), checkinClosesAt: m.endsAt });
      const audit = await t.ds.query(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY id`, [m.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['meeting.create', 'meeting.update']);
      w.clock.advance(2 * HOUR + MIN);
      const late = await t.call('PATCH', `/meetings/${m.id}`, { token: w.secA.token, body: { endsAt: new Date(T0.getTime() + 5 * HOUR).toISOString() } });
      expect([late.status, late.body.code]).toEqual([409, 'MEETING_ALREADY_STARTED']);
      expect((await t.call('PATCH', `/meetings/${m.id}`, { token: w.secA.token, body: { agenda: '一、学习；二、讨论' } })).status).toBe(200);
      w.clock.advance(3 * HOUR);
      const ended = await t.call('PATCH', `/meetings/${m.id}`, { token: w.secA.token, body: { title: '改名' } });
      expect(ended.body.code).toBe('MEETING_ALREADY_ENDED');
      expect((await t.call('POST', `/meetings/${m.id}/cancel`, { token: w.secA.token, body: { reason: '已经开过了' } })).body.code).toBe(
        'MEETING_ALREADY_ENDED',
      );
    });

    it('cancels with a reason; a cancelled meeting is listed as cancelled and refuses changes', async () => {
      const m = await createMeeting(t, w);
      const noReason = await t.call('POST', `/meetings/${m.id}/cancel`, { token: w.secA.token, body: {} });
      expect(noReason.status).toBe(400);
      const c = await t.call('POST', `/meetings/${m.id}/cancel`, { token: w.secA.token, body: { reason: '上级通知改期' } });
      expect(c.body).toMatchObject({ status: 'cancelled', cancelReason: '上级通知改期', completeness: { complete: false } });
      expect((await t.call('POST', `/meetings/${m.id}/cancel`, { token: w.secA.token, body: { reason: '再次取消' } })).body.code).toBe('MEETING_CANCELLED');
      expect((await t.call('PATCH', `/meetings/${m.id}`, { token: w.secA.token, body: { title: 'x' } })).body.code).toBe('MEETING_CANCELLED');
    });
  });

  describe('leave (请假)', () => {
    it('a member asks before the start; the secretary approves; one live request at a time', async () => {
      const m = await createMeeting(t, w);
      const req = await t.call('POST', `/meetings/${m.id}/leave`, { token: w.members[0]!.token, body: { reason: '出差在外地' } });
      expect(req.status).toBe(201);
      expect(req.body).toMatchObject({ status: 'pending', reason: '出差在外地', member: { id: w.members[0]!.memberId, name: '甲党员1' } });
      const dup = await t.call('POST', `/meetings/${m.id}/leave`, { token: w.members[0]!.token, body: { reason: '再请一次' } });
      expect([dup.status, dup.body.code]).toEqual([409, 'LEAVE_ALREADY_REQUESTED']);
      const list = await t.call('GET', `/meetings/${m.id}/leave-requests`, { token: w.secA.token });
      expect(list.body.map((l: { id: string }) => l.id)).toEqual([req.body.id]);
      expect((await t.call('GET', `/meetings/${m.id}/leave-requests`, { token: w.members[1]!.token })).status).toBe(403);
      const byMember = await t.call('POST', `/meetings/${m.id}/leave-requests/${req.body.id}/approve`, { token: w.members[1]!.token, body: {} });
      expect(byMember.status).toBe(403);
      const ok = await t.call('POST', `/meetings/${m.id}/leave-requests/${req.body.id}/approve`, { token: w.secA.token, body: { note: '同意' } });
      expect(ok.body).toMatchObject({ status: 'approved', decidedBy: '甲书记', decisionNote: '同意' });
      const again = await t.call('POST', `/meetings/${m.id}/leave-requests/${req.body.id}/refuse`, { token: w.secA.token, body: { note: '改为不同意' } });
      expect([again.status, again.body.code]).toEqual([409, 'LEAVE_NOT_PENDING']);
      const mine = await t.call('GET', `/meetings/${m.id}`, { token: w.members[0]!.token });
      expect(mine.body.myAttendance).toMatchObject({ state: 'on_leave', leave: { status: 'approved' } });
      expect(mine.body.onLeaveCount).toBe(1);
    });

    it('refusal needs a note; the member may withdraw and ask again; too late once started', async () => {
      const m = await createMeeting(t, w);
      const req = await t.call('POST', `/meetings/${m.id}/leave`, { token: w.members[1]!.token, body: { reason: '家中有事' } });
      expect((await t.call('POST', `/meetings/${m.id}/leave-requests/${req.body.id}/refuse`, { token: w.secA.token, body: {} })).status).toBe(400);
      const refused = await t.call('POST', `/meetings/${m.id}/leave-requests/${req.body.id}/refuse`, {
        token: w.secA.token,
        body: { note: '会议重要，请务必参加' },
      });
      expect(refused.body.status).toBe('refused');
      const second = await t.call('POST', `/meetings/${m.id}/leave`, { token: w.members[1]!.token, body: { reason: '确实无法参加' } });
      expect(second.status).toBe(201);
      const other = await t.call('POST', `/meetings/${m.id}/leave-requests/${second.body.id}/withdraw`, { token: w.members[0]!.token });
      expect(other.status).toBe(403);
      const withdrawn = await t.call('POST', `/meetings/${m.id}/leave-requests/${second.body.id}/withdraw`, { token: w.members[1]!.token });
      expect(withdrawn.body.status).toBe('withdrawn');
      expect((await t.call('POST', `/meetings/${m.id}/leave`, { token: w.memberB.token, body: { reason: '不是本支部' } })).status).toBe(403);
      w.clock.advance(HOUR);
      const late = await t.call('POST', `/meetings/${m.id}/leave`, { token: w.members[2]!.token, body: { reason: '临时有事' } });
      expect([late.status, late.body.code]).toEqual([409, 'LEAVE_TOO_LATE']);
    });
  });

  describe('the record (C2): minutes, absences, photos, completeness', () => {
    it('is complete only with minutes, chair, recorder and a reason for every absentee', async () => {
      const outer = w;
      const w2 = await branchWorld(t, outer, '丁');
      const m = await createMeeting(t, w2, { chairMemberId: w2.secA.memberId, recorderMemberId: w2.members[0]!.memberId });
      const early = await t.call('PUT', `/meetings/${m.id}/minutes`, { token: w2.secA.token, body: { text: '记录' } });
      expect([early.status, early.body.code]).toEqual([409, 'MEETING_NOT_STARTED']);
      const leave = await t.call('POST', `/meetings/${m.id}/leave`, { token: w2.members[2]!.token, body: { reason: '病假' } });
      await t.call('POST', `/meetings/${m.id}/leave-requests/${leave.body.id}/approve`, { token: w2.secA.token, body: {} });
      w2.clock.advance(HOUR);
      const code = await t.call('GET', `/meetings/${m.id}/checkin-code`, { token: w2.secA.token });
      for (const u of [w2.secA, w2.members[0]!]) await t.call('POST', '/meetings/checkin', { token: u.token, body: { token: code.body.token } });
      const minutes = await t.call('PUT', `/meetings/${m.id}/minutes`, {
        token: w2.secA.token,
        body: { text: '一、传达上级精神\n二、讨论 <b>发展党员</b> 工作' },
      });
      expect(minutes.status).toBe(200);
      expect((await t.call('PUT', `/meetings/${m.id}/minutes`, { token: w2.members[0]!.token, body: { text: 'x' } })).status).toBe(403);
      const present = await t.call('PUT', `/meetings/${m.id}/absences/${w2.members[0]!.memberId}`, { token: w2.secA.token, body: { reason: '其实到了' } });
      expect(present.body.code).toBe('MEETING_NOT_ABSENT');
      w2.clock.advance(2 * HOUR);
      const before = await t.call('GET', `/meetings/${m.id}`, { token: w2.secA.token });
      expect(before.body).toMatchObject({ status: 'ended', presentCount: 2, onLeaveCount: 1, absentCount: 1, complete: false });
      expect(before.body.completeness.missing).toEqual([
        { item: 'absence_reason', message: expect.stringContaining('丁党员2'), member: { id: w2.members[1]!.memberId, name: '丁党员2' } },
      ]);
      const reason = await t.call('PUT', `/meetings/${m.id}/absences/${w2.members[1]!.memberId}`, {
        token: w2.secA.token,
        body: { reason: '未请假，事后说明因加班' },
      });
      expect(reason.status).toBe(200);
      const after = await t.call('GET', `/meetings/${m.id}`, { token: w2.secA.token });
      expect(after.body.completeness).toEqual({ complete: true, missing: [] });
      const list = await t.call('GET', `/meetings?orgId=${w2.branchA.id}&status=ended&pageSize=200`, { token: w2.secA.token });
      expect(list.body.items.find((x: { id: string }) => x.id === m.id).complete).toBe(true);
      const att = await t.call('GET', `/meetings/${m.id}/attendance`, { token: w2.secA.token });
      expect(att.body.present.map((e: { member: { name: string } }) => e.member.name)).toHaveLength(2);
      expect(att.body.onLeave).toEqual([
        expect.objectContaining({ member: { id: w2.members[2]!.memberId, name: '丁党员3' }, state: 'on_leave', leaveReason: '病假' }),
      ]);
      expect(att.body.absent).toEqual([
        expect.objectContaining({ member: { id: w2.members[1]!.memberId, name: '丁党员2' }, state: 'absent', absenceReason: '未请假，事后说明因加班' }),
      ]);
      const actions = await t.ds.query(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY id`, [m.id]);
      expect(actions.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['meeting.minutes', 'meeting.absence_reason']));
    });

    it('stores photos on disk behind an authenticated endpoint; validates type and size', async () => {
      const m = await createMeeting(t, w, { startsAt: new Date(T0.getTime() - MIN).toISOString() });
      const up = multipart({ name: 'a.png', type: 'image/png', data: PNG }, { caption: '集体学习' });
      const res = await t.call('POST', `/meetings/${m.id}/photos`, { token: w.secA.token, ...up });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        caption: '集体学习',
        contentType: 'image/png',
        sizeBytes: PNG.length,
        url: `/api/v1/meetings/${m.id}/photos/${res.body.id}`,
      });
      const get = await t.call('GET', res.body.url, { token: w.members[0]!.token });
      expect(get.status).toBe(200);
      expect(get.headers['content-type']).toBe('image/png');
      expect(get.raw.equals(PNG)).toBe(true);
      expect((await t.call('GET', res.body.url)).status).toBe(401);
      expect((await t.call('GET', res.body.url, { token: w.memberB.token })).status).toBe(403);
      const [file] = await t.ds.query(`SELECT f.storage_key FROM stored_file f JOIN meeting_photo p ON p.file_id = f.id WHERE p.id = $1`, [res.body.id]);
      expect(existsSync(path.join(storageDir, file.storage_key))).toBe(true);
      // Declared as PNG, but not an image: refused by its bytes.
      const fake = await t.call('POST', `/meetings/${m.id}/photos`, {
        token: w.secA.token,
        ...multipart({ name: 'x.png', type: 'image/png', data: Buffer.from('not an image') }),
      });
      expect([fake.status, fake.body.code]).toEqual([422, 'MEETING_PHOTO_TYPE_NOT_ALLOWED']);
      const big = Buffer.concat([PNG, Buffer.alloc(8 * 1024 * 1024 + 10)]);
      const large = await t.call('POST', `/meetings/${m.id}/photos`, { token: w.secA.token, ...multipart({ name: 'big.png', type: 'image/png', data: big }) });
      expect([large.status, large.body.code]).toEqual([413, 'MEETING_PHOTO_TOO_LARGE']);
      const none = await t.call('POST', `/meetings/${m.id}/photos`, { token: w.secA.token, body: { x: 1 } });
      expect(none.body.code).toBe('MEETING_PHOTO_MISSING');
      expect((await t.call('POST', `/meetings/${m.id}/photos`, { token: w.members[0]!.token, ...up })).status).toBe(403);
      const detail = await t.call('GET', `/meetings/${m.id}`, { token: w.secA.token });
      expect(detail.body.photos).toHaveLength(1);
      const del = await t.call('DELETE', res.body.url, { token: w.secA.token });
      expect(del.status).toBe(204);
      expect(existsSync(path.join(storageDir, file.storage_key))).toBe(false);
      expect((await t.call('GET', res.body.url, { token: w.secA.token })).status).toBe(404);
    });
  });

  describe('access from outside the subtree is refused on every endpoint', () => {
    it('refuses the secretary of a sibling branch and plain members', async () => {
      const m = await createMeeting(t, w, { startsAt: new Date(T0.getTime() - MIN).toISOString() });
      const leave = await t.ds.query(`INSERT INTO meeting_leave (meeting_id, member_id, reason) VALUES ($1, $2, '测试') RETURNING id`, [
        m.id,
        w.members[0]!.memberId,
      ]);
      const leaveId = leave[0].id;
      const code = await t.call('GET', `/meetings/${m.id}/checkin-code`, { token: w.secA.token });
      const offline = await t.call('POST', '/meetings/checkin', {
        token: w.members[1]!.token,
        body: { token: code.body.token, offline: true, scannedAt: T0.toISOString() },
      });
      const checkinId = offline.body.checkinId;
      const photo = await t.call('POST', `/meetings/${m.id}/photos`, { token: w.secA.token, ...multipart({ name: 'a.png', type: 'image/png', data: PNG }) });
      const id = m.id;
      const mem = w.members[2]!.memberId;
      const endpoints: Array<[string, string, unknown?]> = [
        ['GET', `/meetings/${id}`],
        ['PATCH', `/meetings/${id}`, { title: '改名' }],
        ['POST', `/meetings/${id}/cancel`, { reason: '外部取消' }],
        ['POST', `/meetings/${id}/guests`, { memberIds: [mem] }],
        ['DELETE', `/meetings/${id}/guests/${mem}`],
        ['POST', `/meetings/${id}/attendees/refresh`],
        ['GET', `/meetings/${id}/leave-requests`],
        ['POST', `/meetings/${id}/leave-requests/${leaveId}/approve`, {}],
        ['POST', `/meetings/${id}/leave-requests/${leaveId}/refuse`, { note: '外部拒绝' }],
        ['PUT', `/meetings/${id}/minutes`, { text: '外部记录' }],
        ['PUT', `/meetings/${id}/absences/${mem}`, { reason: '外部登记' }],
        ['GET', `/meetings/${id}/photos/${photo.body.id}`],
        ['DELETE', `/meetings/${id}/photos/${photo.body.id}`],
        ['GET', `/meetings/${id}/attendance`],
        ['GET', `/meetings/${id}/sign-in-sheet.xlsx`],
        ['GET', `/meetings/${id}/minutes.html`],
        ['GET', `/meetings/${id}/checkin-code`],
        ['POST', `/meetings/${id}/screen-link`],
        ['GET', `/meetings/${id}/live/snapshot`],
        ['POST', `/meetings/${id}/checkin/member-code`, { code: '12345678' }],
        ['POST', `/meetings/${id}/checkins/manual`, { memberId: mem, reason: '外部补签' }],
        ['POST', `/meetings/${id}/checkins/${checkinId}/confirm`, {}],
        ['POST', `/meetings/${id}/checkins/${checkinId}/reject`, { note: '外部驳回' }],
        ['GET', `/meetings/compliance?orgId=${w.branchA.id}&year=2025`],
        ['GET', `/meetings/attendance-rate?orgId=${w.branchA.id}`],
        ['GET', `/members/${mem}/attendance`],
        ['GET', `/review-cases?orgId=${w.branchA.id}`],
        ['POST', '/review-cases/scan', { orgId: w.branchA.id }],
      ];
      for (const [method, url, body] of endpoints) {
        const outsider = await t.call(method, url, { token: w.secB.token, body });
        expect([method, url, outsider.status]).toEqual([method, url, 403]);
      }
      // A plain member of the branch may read the meeting and its photos, nothing that manages or oversees.
      const memberMay = new Set([`GET /meetings/${id}`, `GET /meetings/${id}/photos/${photo.body.id}`, `GET /meetings/${id}/minutes.html`]);
      for (const [method, url, body] of endpoints) {
        const res = await t.call(method, url, { token: w.members[0]!.token, body });
        if (memberMay.has(`${method} ${url}`)) expect([method, url, res.status]).toEqual([method, url, 200]);
        else expect([method, url, res.status]).toEqual([method, url, 403]);
      }
      // Nothing changed.
      const [row] = await t.ds.query(`SELECT title, cancelled_at, minutes FROM meeting WHERE id = $1`, [id]);
      expect(row).toEqual({ title: '第二季度党员大会', cancelled_at: null, minutes: null });
    });
  });
});

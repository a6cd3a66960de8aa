import ExcelJS from 'exceljs';
import { ReviewCasesService } from '../src/review-cases/review-cases.service.js';
import { createTestApp, type TestApp } from './utils/app.js';
import { branchWorld, createMeeting, HOUR, meetingWorld, MIN, T0, type World } from './utils/meeting-fixtures.js';

describe('attendance records, compliance (C1) and review cases (C5)', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t);
  });
  afterAll(() => t.close());
  beforeEach(() => w.clock.set(T0));

  /** A meeting of `world`'s branch held at `at` (China time noon) and ended, with `present` checked in by 补签. */
  async function held(world: World, at: string, present: Array<{ memberId: string | null }>, body: Record<string, unknown> = {}) {
    world.clock.set(at);
    const m = await createMeeting(t, world, {
      startsAt: new Date(Date.parse(at) - MIN).toISOString(),
      endsAt: new Date(Date.parse(at) + HOUR).toISOString(),
      ...body,
    });
    for (const p of present) {
      const r = await t.call('POST', `/meetings/${m.id}/checkins/manual`, { token: world.secA.token, body: { memberId: p.memberId, reason: '会上签纸质表' } });
      expect(r.body.status).toBe('checked_in');
    }
    world.clock.set(T0);
    return m;
  }

  describe('attendance per meeting, per member and per organisation', () => {
    let e: World;
    beforeAll(async () => {
      e = await branchWorld(t, w, '戊', 3);
      await held(e, '2025-05-06T04:00:00Z', [e.secA, e.members[0]!, e.members[1]!]);
      const m2 = await held(e, '2025-05-20T04:00:00Z', [e.members[0]!], { type: 'theme_day', title: '五月主题党日' });
      // 甲党员2 asked for leave in time for the second one (recorded directly: the meeting lies in the past).
      await t.ds.query(`INSERT INTO meeting_leave (meeting_id, member_id, reason, status) VALUES ($1, $2, '出差', 'approved')`, [
        m2.id,
        e.members[1]!.memberId,
      ]);
      const cancelled = await createMeeting(t, e, { title: '取消的会' });
      await t.call('POST', `/meetings/${cancelled.id}/cancel`, { token: e.secA.token, body: { reason: '取消' } });
    });

    it('a member sees their own history with totals over held meetings (cancelled ones left out)', async () => {
      const res = await t.call('GET', '/members/me/attendance?from=2025-01-01&to=2025-12-31', { token: e.members[1]!.token });
      expect(res.status).toBe(200);
      expect(res.body.totals).toEqual({ meetings: 2, expected: 2, present: 1, onLeave: 1, absent: 0, rate: 0.5 });
      expect(res.body.items.map((i: { title: string; state: string }) => [i.title, i.state])).toEqual([
        ['五月主题党日', 'on_leave'],
        ['第二季度党员大会', 'present'],
      ]);
      expect(res.body.items[1].checkedInAt).toBe(new Date(Date.parse('2025-05-06T04:00:00Z')).toISOString());
      const none = await t.call('GET', '/members/me/attendance', { token: w.noMember.token });
      expect(none.body.code).toBe('CHECKIN_NOT_A_MEMBER');
    });

    it('a secretary reads a member’s history; others are refused', async () => {
      const ok = await t.call('GET', `/members/${e.members[2]!.memberId}/attendance`, { token: e.secA.token });
      expect(ok.body.totals).toMatchObject({ meetings: 2, present: 0, absent: 2, rate: 0 });
      expect((await t.call('GET', `/members/${e.members[2]!.memberId}/attendance`, { token: e.members[0]!.token })).status).toBe(403);
      expect((await t.call('GET', `/members/${e.members[2]!.memberId}/attendance`, { token: w.secB.token })).status).toBe(403);
    });

    it('rates per organisation subtree and per direct child', async () => {
      const res = await t.call('GET', `/meetings/attendance-rate?orgId=${w.committee.id}&from=2025-05-01&to=2025-05-31`, {
        token: (await w.fx.user({ roles: [{ role: 'org_worker', orgId: w.committee.id }] })).token,
      });
      expect(res.status).toBe(200);
      const child = res.body.children.find((c: { orgId: string }) => c.orgId === e.branchA.id);
      expect(child).toMatchObject({ name: '戊', kind: 'branch', meetings: 2, expected: 8, present: 4, onLeave: 1, absent: 3, rate: 0.5 });
      expect(res.body.total.meetings).toBeGreaterThanOrEqual(2);
      const own = await t.call('GET', `/meetings/attendance-rate?orgId=${e.branchA.id}`, { token: e.secA.token });
      expect(own.body.total).toEqual({ meetings: 2, expected: 8, present: 4, onLeave: 1, absent: 3, rate: 0.5 });
    });

    it('exports the sign-in sheet (.xlsx) with present, leave and absent', async () => {
      const list = await t.call('GET', `/meetings?orgId=${e.branchA.id}&type=theme_day`, { token: e.secA.token });
      const id = list.body.items[0].id;
      const res = await t.call('GET', `/meetings/${id}/sign-in-sheet.xlsx`, { token: e.secA.token });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="sign-in-sheet.xlsx"; filename\*=UTF-8''/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('签到表')!;
      expect(String(ws.getCell('A1').value)).toBe('戊 主题党日签到表');
      expect(String(ws.getCell('A3').value)).toBe('应到 4 人，实到 1 人，请假 1 人，缺席 2 人');
      const rows = [5, 6, 7, 8].map((r) => [ws.getCell(`B${r}`).value, ws.getCell(`E${r}`).value, ws.getCell(`H${r}`).value]);
      expect(rows[0]).toEqual(['戊党员1', '已签到', '会上签纸质表']);
      expect(rows[1]).toEqual(['戊党员2', '请假', '出差']);
      expect(rows.slice(2).map((r) => r[1])).toEqual(['缺席', '缺席']);
    });

    it('prints the minutes page (HTML, print CSS, escaped content)', async () => {
      const list = await t.call('GET', `/meetings?orgId=${e.branchA.id}&type=theme_day`, { token: e.secA.token });
      const id = list.body.items[0].id;
      e.clock.set('2025-05-20T04:30:00Z');
      await t.call('PUT', `/meetings/${id}/minutes`, { token: e.secA.token, body: { text: '学习<script>alert(1)</script>党章' } });
      const res = await t.call('GET', `/meetings/${id}/minutes.html?access_token=${e.secA.token}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('@media print');
      expect(res.body).toContain('五月主题党日');
      expect(res.body).toContain('学习&lt;script&gt;alert(1)&lt;/script&gt;党章');
      expect(res.body).not.toContain('<script>');
      expect(res.body).toContain('戊党员2（出差）');
    });
  });

  describe('compliance (C1)', () => {
    it('shows per branch which required meetings happened and which are missing', async () => {
      const c = await branchWorld(t, w, '己', 7);
      const group = await w.fx.org({ kind: 'group', parentId: c.branchA.id, name: '己第一党小组' });
      const leader = await w.fx.user({
        memberId: (await w.fx.member({ orgId: c.branchA.id, groupId: group.id, name: '己组长' })).id,
        positions: [{ position: 'group_leader', orgId: group.id }],
      });
      await held(c, '2025-02-10T04:00:00Z', [], { type: 'general_assembly' });
      await held(c, '2025-04-10T04:00:00Z', [], { type: 'committee_meeting', title: '四月支委会' });
      await held({ ...c, secA: leader, branchA: group }, '2025-01-15T04:00:00Z', [], { type: 'group_meeting', title: '一月党小组会' });
      const res = await t.call('GET', `/meetings/compliance?orgId=${c.branchA.id}&year=2025`, { token: c.secA.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 1, year: 2025, rulesVersion: 1 });
      const reqs = res.body.items[0].requirements as Array<{
        type: string;
        group: { name: string } | null;
        applicable: boolean;
        buckets: Array<{ label: string; state: string; held: number }>;
      }>;
      const states = (type: string) => reqs.find((r) => r.type === type)!.buckets.map((b) => b.state);
      // Today is 10 June 2025.
      expect(states('general_assembly')).toEqual(['met', 'due', 'upcoming', 'upcoming']);
      expect(states('committee_meeting').slice(0, 7)).toEqual(['missing', 'missing', 'missing', 'met', 'missing', 'due', 'upcoming']);
      expect(states('group_meeting').slice(0, 3)).toEqual(['met', 'missing', 'missing']);
      expect(reqs.find((r) => r.type === 'group_meeting')!.group!.name).toBe('己第一党小组');
      expect(states('life_meeting')).toEqual(['due']);
      expect(reqs.find((r) => r.type === 'committee_meeting')!.applicable).toBe(true);
      const monthly = await t.call('GET', `/meetings/compliance?orgId=${c.branchA.id}&year=2025&partyLecturePeriod=month`, { token: c.secA.token });
      expect(monthly.body.items[0].requirements.find((r: { type: string }) => r.type === 'party_lecture').buckets).toHaveLength(12);
      // The committee sees every branch of its subtree.
      const worker = await w.fx.user({ roles: [{ role: 'org_worker', orgId: w.committee.id }] });
      const all = await t.call('GET', `/meetings/compliance?orgId=${w.committee.id}&year=2025&pageSize=100`, { token: worker.token });
      expect(all.body.items.map((i: { name: string }) => i.name)).toEqual(expect.arrayContaining(['甲公司党支部', '乙公司党支部', '己']));
      expect((await t.call('GET', `/meetings/compliance?orgId=${c.branchA.id}&year=2025`, { token: c.members[0]!.token })).status).toBe(403);
    });
  });

  describe('six months without organisational life (C5)', () => {
    it('opens a case per lapsed member, idempotently, never removing anything; secretaries read and close them', async () => {
      const r = await branchWorld(t, w, '庚', 3);
      // Registered long ago; 庚党员1 attended in April, the others never did.
      await t.ds.query(`UPDATE member SET created_at = '2024-01-01' WHERE organisation_id = $1`, [r.branchA.id]);
      await held(r, '2025-04-01T04:00:00Z', [r.members[0]!]);
      const scan = await t.call('POST', '/review-cases/scan', { token: r.secA.token, body: { orgId: r.branchA.id } });
      expect(scan.status).toBe(200);
      expect(scan.body).toMatchObject({ kind: 'no_org_life_6_months', scanned: 4, opened: 3, cutoff: '2024-12-10T04:00:00.000Z' });
      const again = await t.call('POST', '/review-cases/scan', { token: r.secA.token, body: { orgId: r.branchA.id } });
      expect(again.body.opened).toBe(0);
      const list = await t.call('GET', `/review-cases?orgId=${r.branchA.id}&status=open`, { token: r.secA.token });
      expect(list.body.total).toBe(3);
      expect(list.body.items[0]).toMatchObject({
        kind: 'no_org_life_6_months',
        kindLabel: '连续六个月未参加组织生活',
        status: 'open',
        organisation: { id: r.branchA.id, name: '庚' },
        details: { rule: 'C5' },
      });
      expect(list.body.items.map((i: { member: { id: string } }) => i.member.id).sort()).toEqual(
        [r.secA.memberId, r.members[1]!.memberId, r.members[2]!.memberId].sort(),
      );
      // Members stay where they are (nothing is removed automatically).
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM member WHERE organisation_id = $1`, [r.branchA.id]);
      expect(n).toBe(4);
      // Six months later without a meeting, 庚党员1 lapses too (in October: April + 6 months).
      w.clock.set('2025-10-02T04:00:00Z');
      expect((await t.call('POST', '/review-cases/scan', { token: r.secA.token, body: { orgId: r.branchA.id } })).body.opened).toBe(1);
      w.clock.set(T0);
      const id = list.body.items[0].id;
      expect((await t.call('POST', `/review-cases/${id}/close`, { token: w.secB.token, body: { note: '外部关闭' } })).status).toBe(403);
      expect((await t.call('POST', `/review-cases/${id}/close`, { token: r.members[0]!.token, body: { note: '自己关闭' } })).status).toBe(403);
      expect((await t.call('POST', `/review-cases/${id}/close`, { token: r.secA.token, body: {} })).status).toBe(400);
      const closed = await t.call('POST', `/review-cases/${id}/close`, {
        token: r.secA.token,
        body: { note: '已谈话，本人因长期出差，已安排参加流入地组织生活' },
      });
      expect(closed.body).toMatchObject({ status: 'closed', closedBy: '庚书记', closeNote: expect.stringContaining('已谈话') });
      const twice = await t.call('POST', `/review-cases/${id}/close`, { token: r.secA.token, body: { note: '再次关闭' } });
      expect([twice.status, twice.body.code]).toEqual([409, 'REVIEW_CASE_NOT_OPEN']);
      // Closed: a later scan may open a new case for the same member.
      w.clock.set('2025-10-02T04:00:00Z');
      expect((await t.call('POST', '/review-cases/scan', { token: r.secA.token, body: { orgId: r.branchA.id } })).body.opened).toBe(1);
      w.clock.set(T0);
      const audit = await t.ds.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'review_case.open' AND object_id IN (SELECT id FROM review_case WHERE organisation_id = $1)`,
        [r.branchA.id],
      );
      expect(audit[0].n).toBe(5);
      // Outsiders see none of them; plain members may not scan.
      const outside = await t.call('GET', '/review-cases?pageSize=200', { token: w.secB.token });
      expect(outside.body.items.filter((i: { organisation: { id: string } }) => i.organisation.id === r.branchA.id)).toEqual([]);
      expect((await t.call('POST', '/review-cases/scan', { token: r.members[0]!.token, body: {} })).status).toBe(403);
    });

    it('the server-wide scan (the hourly job) covers every organisation', async () => {
      const s = await branchWorld(t, w, '辛', 1);
      await t.ds.query(`UPDATE member SET created_at = '2024-01-01' WHERE organisation_id = $1`, [s.branchA.id]);
      const res = await t.app.get(ReviewCasesService).scanC5(null);
      expect(res.opened).toBeGreaterThanOrEqual(2);
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM review_case WHERE organisation_id = $1 AND status = 'open'`, [s.branchA.id]);
      expect(n).toBe(2);
    });
  });
});

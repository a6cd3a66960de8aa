import { createTestApp, type TestApp } from './utils/app.js';
import { branchWorld, createMeeting, HOUR, meetingWorld, T0, type World } from './utils/meeting-fixtures.js';

type Gap = { organisationId: string; type: string; text: string; state: string; group: { name: string } | null; plannedTopic: string | null };
type CalMeeting = { id: string; title: string; date: string; mine: boolean; status: string };
type Entry = { id: string; month: number; type: string; group: { id: string; name: string } | null; topic: string };
type Bucket = { label: string; held: number; scheduled: number; planned: number | null; state: string };

/** The calendar (C1 gaps) and yearly plans (年度计划): T0 is noon, 10 June 2025, Beijing time. */
describe('三会一课 calendar and yearly plan (C1)', () => {
  let t: TestApp;
  let w: World;
  /** Branch 己: 7 full members plus its secretary, one 党小组. */
  let c: World;
  let group: { id: string; name: string };
  let worker: Awaited<ReturnType<World['fx']['user']>>;
  const meetings: Record<string, { id: string }> = {};

  /** A meeting of `world`'s branch (or group) starting at `at` (ISO), created with the clock there. */
  async function meetingAt(world: World, at: string, body: Record<string, unknown>) {
    world.clock.set(new Date(Date.parse(at) - 2 * HOUR));
    const m = await createMeeting(t, world, { startsAt: at, endsAt: new Date(Date.parse(at) + HOUR).toISOString(), ...body });
    world.clock.set(T0);
    return m;
  }

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t);
    c = await branchWorld(t, w, '己公司党支部', 7);
    group = await w.fx.org({ kind: 'group', parentId: c.branchA.id, name: '己第一党小组' });
    worker = await w.fx.user({ displayName: '党委组织员', roles: [{ role: 'org_worker', orgId: w.committee.id }] });
    // June: a 支委会 held on the 5th, a 主题党日 scheduled for the 20th, a cancelled 党员大会; 乙's 党课.
    meetings.committee = await meetingAt(c, '2025-06-05T02:00:00Z', { type: 'committee_meeting', title: '六月支委会' });
    meetings.theme = await meetingAt(c, '2025-06-20T02:00:00Z', { type: 'theme_day', title: '六月主题党日' });
    const cancelled = await meetingAt(c, '2025-06-25T02:00:00Z', { type: 'general_assembly', title: '取消的党员大会' });
    expect((await t.call('POST', `/meetings/${cancelled.id}/cancel`, { token: c.secA.token, body: { reason: '改期另行通知' } })).status).toBe(200);
    meetings.other = await meetingAt(w, '2025-06-15T02:00:00Z', { type: 'party_lecture', title: '甲支部党课' });
  });
  afterAll(() => t.close());
  beforeEach(() => w.clock.set(T0));

  describe('the month calendar', () => {
    it('shows the secretary her branch’s meetings and the C1 requirements not yet scheduled as gaps', async () => {
      const res = await t.call('GET', '/meetings/calendar?month=2025-06', { token: c.secA.token });
      expect(res.status).toBe(200);
      const ms = res.body.meetings as CalMeeting[];
      expect(ms.map((m) => m.title)).toEqual(['六月支委会', '六月主题党日', '取消的党员大会']);
      expect(ms.map((m) => [m.date, m.status])).toEqual([
        ['2025-06-05', 'ended'],
        ['2025-06-20', 'scheduled'],
        ['2025-06-25', 'cancelled'],
      ]);
      expect(res.body.truncated).toBe(false);
      const gaps = res.body.gaps as Gap[];
      expect(gaps.every((g) => g.organisationId === c.branchA.id)).toBe(true);
      // The held 支委会 and the scheduled 主题党日 close their gaps; the cancelled 党员大会 does not.
      expect(gaps.map((g) => g.text)).toEqual([
        '本季度尚未安排：党员大会',
        '本月尚未安排：党小组会（己第一党小组）',
        '本季度尚未安排：党课',
        '本年度尚未安排：组织生活会',
        '本年度尚未安排：民主评议党员',
      ]);
      expect(gaps.every((g) => g.state === 'unscheduled')).toBe(true);
    });

    it('a past month’s shortfall is a missed gap', async () => {
      const res = await t.call('GET', '/meetings/calendar?month=2025-05', { token: c.secA.token });
      const gaps = res.body.gaps as Gap[];
      expect(gaps.find((g) => g.type === 'theme_day')).toMatchObject({ state: 'missed', text: '本月未召开：主题党日' });
      expect(gaps.find((g) => g.type === 'general_assembly')!.state).toBe('unscheduled');
    });

    it('a member sees the meetings they are expected at (mine), no gaps; nothing of another branch', async () => {
      const res = await t.call('GET', '/meetings/calendar?month=2025-06', { token: c.members[0]!.token });
      expect(res.status).toBe(200);
      // The 支委会 expects the branch's members too (attendee scope organisation), so all three are the member's.
      const ms = res.body.meetings as CalMeeting[];
      expect(ms.length).toBeGreaterThan(0);
      expect(ms.every((m) => m.mine)).toBe(true);
      expect(ms.map((m) => m.title)).not.toContain('甲支部党课');
      expect(res.body.gaps).toEqual([]);
    });

    it('access: another branch’s secretary neither sees them nor may choose the branch; the committee may', async () => {
      const b = await t.call('GET', '/meetings/calendar?month=2025-06', { token: w.secB.token });
      expect((b.body.meetings as CalMeeting[]).map((m) => m.title)).not.toContain('六月支委会');
      expect(b.body.gaps.every((g: Gap) => g.organisationId === w.branchB.id)).toBe(true);
      expect((await t.call('GET', `/meetings/calendar?month=2025-06&orgId=${c.branchA.id}`, { token: w.secB.token })).status).toBe(403);
      const committee = await t.call('GET', `/meetings/calendar?month=2025-06&orgId=${c.branchA.id}`, { token: worker.token });
      expect(committee.status).toBe(200);
      expect((committee.body.gaps as Gap[]).map((g) => g.type)).toContain('general_assembly');
      const all = await t.call('GET', `/meetings/calendar?month=2025-06&orgId=${w.committee.id}`, { token: worker.token });
      expect((all.body.meetings as CalMeeting[]).map((m) => m.title)).toEqual(expect.arrayContaining(['六月支委会', '甲支部党课']));
      // Gaps are per branch: a committee chosen as a whole lists none.
      expect(all.body.gaps).toEqual([]);
    });

    it('refuses a malformed month', async () => {
      const res = await t.call('GET', '/meetings/calendar?month=2025-13', { token: c.secA.token });
      expect(res.status).toBe(400);
    });
  });

  describe('the yearly plan', () => {
    let planId: string;

    it('C1: drafts the branch’s plan from the rule set; one per branch and year', async () => {
      const res = await t.call('POST', '/meeting-plans', { token: c.secA.token, body: { organisationId: c.branchA.id, year: 2025 } });
      expect(res.status).toBe(201);
      planId = res.body.id;
      expect(res.body).toMatchObject({ state: 'draft', year: 2025, rulesVersion: 1, partyLecturePeriod: 'quarter', canEdit: true, actions: ['submit'] });
      const entries = res.body.entries as Entry[];
      const count = (type: string) => entries.filter((e) => e.type === type).length;
      expect([count('general_assembly'), count('committee_meeting'), count('group_meeting'), count('theme_day'), count('party_lecture')]).toEqual([
        4, 12, 12, 12, 4,
      ]);
      expect([count('life_meeting'), count('democratic_review')]).toEqual([1, 1]);
      expect(entries.find((e) => e.type === 'group_meeting')!.group).toEqual({ id: group.id, name: '己第一党小组' });
      expect(res.body.entryCount).toBe(46);
      const again = await t.call('POST', '/meeting-plans', { token: c.secA.token, body: { organisationId: c.branchA.id, year: 2025 } });
      expect([again.status, again.body.code, again.body.details?.planId]).toEqual([409, 'MEETING_PLAN_EXISTS', planId]);
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'meeting_plan.draft' AND object_id = $1`, [planId]);
      expect(n).toBe(1);
    });

    it('plans are per branch; access is the branch’s subtree', async () => {
      const committee = await t.call('POST', '/meeting-plans', { token: worker.token, body: { organisationId: w.committee.id, year: 2025 } });
      expect([committee.status, committee.body.code]).toEqual([422, 'MEETING_PLAN_NOT_A_BRANCH']);
      // The committee reviews branches' plans; it does not write them.
      const forBranch = await t.call('POST', '/meeting-plans', { token: worker.token, body: { organisationId: c.branchA.id, year: 2026 } });
      expect([forBranch.status, forBranch.body.code]).toEqual([403, 'MEETING_PLAN_NOT_BRANCH']);
      expect((await t.call('POST', '/meeting-plans', { token: w.secB.token, body: { organisationId: c.branchA.id, year: 2026 } })).status).toBe(403);
      expect((await t.call('GET', `/meeting-plans/${planId}`, { token: w.secB.token })).status).toBe(403);
      expect((await t.call('GET', `/meeting-plans/${planId}`, { token: c.members[0]!.token })).status).toBe(403);
      expect((await t.call('PUT', `/meeting-plans/${planId}/entries`, { token: w.secB.token, body: { entries: [] } })).status).toBe(403);
      expect((await t.call('POST', `/meeting-plans/${planId}/submit`, { token: w.secB.token })).status).toBe(403);
      const mine = await t.call('GET', '/meeting-plans', { token: w.secB.token });
      expect(mine.body.items.map((p: { id: string }) => p.id)).not.toContain(planId);
      const subtree = await t.call('GET', `/meeting-plans?orgId=${w.committee.id}&year=2025`, { token: worker.token });
      expect(subtree.body.items.map((p: { id: string }) => p.id)).toContain(planId);
      expect((await t.call('GET', `/meeting-plans?orgId=${c.branchA.id}`, { token: w.secB.token })).status).toBe(403);
    });

    it('the secretary adjusts the entries; an invalid entry changes nothing (O8)', async () => {
      const before = (await t.call('GET', `/meeting-plans/${planId}`, { token: c.secA.token })).body.entries as Entry[];
      const bad = await t.call('PUT', `/meeting-plans/${planId}/entries`, {
        token: c.secA.token,
        body: { entries: [{ month: 6, type: 'group_meeting', groupId: null, topic: '' }] },
      });
      expect([bad.status, bad.body.code]).toEqual([422, 'MEETING_PLAN_ENTRY_INVALID']);
      const foreign = await t.call('PUT', `/meeting-plans/${planId}/entries`, {
        token: c.secA.token,
        body: { entries: [{ month: 6, type: 'group_meeting', groupId: w.branchB.id }] },
      });
      expect(foreign.status).toBe(422);
      expect(((await t.call('GET', `/meeting-plans/${planId}`, { token: c.secA.token })).body.entries as Entry[]).length).toBe(before.length);
      // The April 党员大会 moves to June with a topic; June's 主题党日 gets one.
      const next = before.map((e) => ({
        month: e.type === 'general_assembly' && e.month === 4 ? 6 : e.month,
        type: e.type,
        groupId: e.group?.id ?? null,
        topic: e.type === 'general_assembly' && e.month === 4 ? '选举支部委员会' : e.type === 'theme_day' && e.month === 6 ? '学习党章' : e.topic,
      }));
      const ok = await t.call('PUT', `/meeting-plans/${planId}/entries`, { token: c.secA.token, body: { entries: next } });
      expect(ok.status).toBe(200);
      const june = (ok.body.entries as Entry[]).filter((e) => e.month === 6).map((e) => [e.type, e.topic]);
      expect(june).toEqual(
        expect.arrayContaining([
          ['general_assembly', '选举支部委员会'],
          ['theme_day', '学习党章'],
        ]),
      );
      expect((ok.body.entries as Entry[]).filter((e) => e.type === 'general_assembly').map((e) => e.month)).toEqual([1, 6, 7, 10]);
    });

    it('the calendar carries the plan’s topic with the gap', async () => {
      const res = await t.call('GET', '/meetings/calendar?month=2025-06', { token: c.secA.token });
      expect((res.body.gaps as Gap[]).find((g) => g.type === 'general_assembly')!.plannedTopic).toBe('选举支部委员会');
    });

    it('submit → return with a reason → adjust → submit → acknowledge; only the organisation above decides', async () => {
      expect((await t.call('POST', `/meeting-plans/${planId}/submit`, { token: c.members[0]!.token })).status).toBe(403);
      const submitted = await t.call('POST', `/meeting-plans/${planId}/submit`, { token: c.secA.token });
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({ state: 'submitted', canEdit: false, actions: [], submittedBy: '己公司党支部书记' });
      const locked = await t.call('PUT', `/meeting-plans/${planId}/entries`, { token: c.secA.token, body: { entries: [] } });
      expect([locked.status, locked.body.code]).toEqual([409, 'MEETING_PLAN_NOT_EDITABLE']);
      // The branch cannot acknowledge its own plan.
      const self = await t.call('POST', `/meeting-plans/${planId}/acknowledge`, { token: c.secA.token });
      expect([self.status, self.body.code]).toEqual([403, 'MEETING_PLAN_NOT_HIGHER']);
      // The committee sees it in its to-do list.
      const todos = await t.call('GET', '/todos?source=meeting-plans', { token: worker.token });
      expect(todos.body.items).toEqual([
        expect.objectContaining({ id: `${planId}:submitted`, title: '审阅 己公司党支部 2025年度会议计划', page: expect.stringContaining(planId) }),
      ]);
      expect((await t.call('GET', '/todos?source=meeting-plans', { token: w.secB.token })).body.items).toEqual([]);
      const detail = await t.call('GET', `/meeting-plans/${planId}`, { token: worker.token });
      expect(detail.body).toMatchObject({ canEdit: false, actions: ['acknowledge', 'return'] });

      const noReason = await t.call('POST', `/meeting-plans/${planId}/return`, { token: worker.token, body: { reason: '' } });
      expect(noReason.status).toBe(400);
      const returned = await t.call('POST', `/meeting-plans/${planId}/return`, { token: worker.token, body: { reason: '党课安排过少，请补充' } });
      expect(returned.body).toMatchObject({ state: 'returned', returnReason: '党课安排过少，请补充', decidedBy: '党委组织员' });
      const [note] = await t.ds.query(`SELECT title, body, link FROM notification WHERE recipient_user_id = $1 AND kind = 'meeting_plan'`, [c.secA.user.id]);
      expect(note).toMatchObject({ title: '2025年度会议计划被退回', body: expect.stringContaining('党课安排过少') });
      const secTodos = await t.call('GET', '/todos?source=meeting-plans', { token: c.secA.token });
      expect(secTodos.body.items.map((i: { id: string }) => i.id)).toEqual([`${planId}:returned`]);
      expect((await t.call('GET', '/todos?source=meeting-plans', { token: worker.token })).body.items).toEqual([]);

      expect((await t.call('GET', `/meeting-plans/${planId}`, { token: worker.token })).body).toMatchObject({ canEdit: false, actions: [] });
      const byCommittee = await t.call('PUT', `/meeting-plans/${planId}/entries`, { token: worker.token, body: { entries: [] } });
      expect([byCommittee.status, byCommittee.body.code]).toEqual([403, 'MEETING_PLAN_NOT_BRANCH']);
      expect((await t.call('POST', `/meeting-plans/${planId}/submit`, { token: worker.token })).status).toBe(403);
      const edit = await t.call('GET', `/meeting-plans/${planId}`, { token: c.secA.token });
      expect(edit.body).toMatchObject({ canEdit: true, actions: ['submit'] });
      expect((await t.call('POST', `/meeting-plans/${planId}/submit`, { token: c.secA.token })).body.state).toBe('submitted');
      const ack = await t.call('POST', `/meeting-plans/${planId}/acknowledge`, { token: worker.token });
      expect(ack.body).toMatchObject({ state: 'acknowledged', returnReason: null });
      const twice = await t.call('POST', `/meeting-plans/${planId}/acknowledge`, { token: worker.token });
      expect([twice.status, twice.body.code]).toEqual([409, 'MEETING_PLAN_STEP_OUT_OF_ORDER']);
      const steps = await t.ds.query(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY id`, [planId]);
      expect(steps.map((s: { action: string }) => s.action)).toEqual([
        'meeting_plan.draft',
        'meeting_plan.edit',
        'meeting_plan.submit',
        'meeting_plan.return',
        'meeting_plan.submit',
        'meeting_plan.acknowledge',
      ]);
    });

    it('the compliance view compares plan, scheduled and held per period', async () => {
      const res = await t.call('GET', `/meetings/compliance?orgId=${w.committee.id}&year=2025&pageSize=100`, { token: worker.token });
      expect(res.status).toBe(200);
      const mine = res.body.items.find((i: { orgId: string }) => i.orgId === c.branchA.id);
      expect(mine.plan).toEqual({ id: planId, state: 'acknowledged' });
      const bucket = (type: string, label: string) =>
        (mine.requirements as Array<{ type: string; buckets: Bucket[] }>).find((r) => r.type === type)!.buckets.find((b) => b.label === label)!;
      expect(bucket('committee_meeting', '2025-06')).toMatchObject({ held: 1, scheduled: 0, planned: 1, state: 'met' });
      expect(bucket('theme_day', '2025-06')).toMatchObject({ held: 0, scheduled: 1, planned: 1, state: 'due' });
      expect(bucket('general_assembly', '2025-Q2')).toMatchObject({ held: 0, scheduled: 0, planned: 1, state: 'due' });
      expect(bucket('general_assembly', '2025-Q1')).toMatchObject({ held: 0, planned: 1, state: 'missing' });
      const other = res.body.items.find((i: { orgId: string }) => i.orgId === w.branchB.id);
      expect(other.plan).toBeNull();
      expect(other.requirements[0].buckets[0].planned).toBeNull();
    });

    it('the branch reopens an acknowledged plan when the year’s work changes', async () => {
      expect((await t.call('POST', `/meeting-plans/${planId}/reopen`, { token: w.secB.token })).status).toBe(403);
      const reopened = await t.call('POST', `/meeting-plans/${planId}/reopen`, { token: c.secA.token });
      expect(reopened.body).toMatchObject({ state: 'draft', canEdit: true, actions: ['submit'] });
    });
  });
});

import { Clock } from '../src/common/clock.js';
import { PointsService } from '../src/points/points.service.js';
import { StudyPointsService } from '../src/study/study-points.service.js';
import { createTestApp, type TestApp, type Untyped } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';

/**
 * 党员积分 (P3): one ledger with database-enforced daily and yearly caps (also under concurrent
 * awards), versioned rules set by the committee at the top (each entry keeps the version that gave
 * it), deductions proposed with a reason and decided by someone else, rankings, a member's history.
 */
describe('points (P3)', () => {
  let t: TestApp;
  let fx: Fixtures;
  let tree: Awaited<ReturnType<Fixtures['tree']>>;
  let points: PointsService;
  let worker: { token: string; userId: string };
  let secA: { token: string; userId: string };
  let secB: string;
  let member: { token: string; memberId: string };
  let other: { token: string; memberId: string };

  beforeAll(async () => {
    t = await createTestApp();
    fx = new Fixtures(t.ds, t.app);
    tree = await fx.tree();
    points = t.app.get(PointsService);
    t.app.get(Clock).set('2026-03-10T02:00:00Z');
    const w = await fx.user({ displayName: '党委组织员', roles: [{ role: 'org_worker', orgId: tree.committee.id }] });
    worker = { token: w.token, userId: w.user.id };
    const a = await fx.user({ displayName: '甲书记', positions: [{ position: 'secretary', orgId: tree.branchA.id }] });
    secA = { token: a.token, userId: a.user.id };
    secB = (await fx.user({ positions: [{ position: 'secretary', orgId: tree.branchB.id }] })).token;
    const m = await fx.user({ displayName: '王积分', memberOrgId: tree.branchA.id });
    member = { token: m.token, memberId: m.memberId! };
    const o = await fx.user({ memberOrgId: tree.branchA.id });
    other = { token: o.token, memberId: o.memberId! };
  });
  afterAll(() => t.close());

  const award = (memberId: string, activity: Parameters<PointsService['award']>[2], key: string, day: string) =>
    t.ds.transaction((tx) => points.award(tx, memberId, activity, key, day));
  const sum = async (memberId: string, activity: string, from: string, to: string) =>
    (
      await t.ds.query<Array<{ n: number }>>(
        `SELECT COALESCE(sum(points), 0)::int AS n FROM points_entry WHERE member_id = $1 AND activity = $2 AND day BETWEEN $3 AND $4`,
        [memberId, activity, from, to],
      )
    )[0]!.n;

  it('P3 daily cap at its boundary: awards up to the cap, nothing beyond; a source is awarded once', async () => {
    // notice_ack: 1 point, 3 a day.
    const m = (await fx.member({ orgId: tree.branchA.id })).id;
    expect(await award(m, 'notice_ack', 'cap:d:1', '2026-03-02')).toBe(1);
    expect(await award(m, 'notice_ack', 'cap:d:1', '2026-03-02')).toBe(0);
    expect(await award(m, 'notice_ack', 'cap:d:2', '2026-03-02')).toBe(1);
    expect(await award(m, 'notice_ack', 'cap:d:3', '2026-03-02')).toBe(1);
    expect(await award(m, 'notice_ack', 'cap:d:4', '2026-03-02')).toBe(0);
    expect(await award(m, 'notice_ack', 'cap:d:5', '2026-03-03')).toBe(1);
    // fee_on_time gives 3 with a daily cap of 3: a second one the same day gives nothing.
    expect(await award(m, 'fee_on_time', 'cap:f:1', '2026-03-02')).toBe(3);
    expect(await award(m, 'fee_on_time', 'cap:f:2', '2026-03-02')).toBe(0);
    expect(await sum(m, 'notice_ack', '2026-03-02', '2026-03-02')).toBe(3);
  });

  it('P3 yearly cap at its boundary: the year stops at the cap; the next year starts again', async () => {
    // fee_on_time: 3 a time, 36 a year → twelve months, the thirteenth gives nothing.
    const m = (await fx.member({ orgId: tree.branchA.id })).id;
    const given: number[] = [];
    for (let i = 1; i <= 13; i++)
      given.push(await award(m, 'fee_on_time', `year:${i}`, `2025-${String(Math.min(i, 12)).padStart(2, '0')}-${i === 13 ? '20' : '05'}`));
    expect(given.slice(0, 12)).toEqual(Array(12).fill(3));
    expect(given[12]).toBe(0);
    expect(await sum(m, 'fee_on_time', '2025-01-01', '2025-12-31')).toBe(36);
    expect(await award(m, 'fee_on_time', 'year:next', '2026-01-05')).toBe(3);
  });

  it('P3 concurrent awards never pass the daily cap nor the yearly cap', async () => {
    const m = (await fx.member({ orgId: tree.branchA.id })).id;
    // Daily: news_published 3 a time, 6 a day.
    const day = await Promise.all(Array.from({ length: 10 }, (_, i) => award(m, 'news_published', `race:d:${i}`, '2026-02-01')));
    expect(day.reduce((a, b) => a + b, 0)).toBe(6);
    expect(await sum(m, 'news_published', '2026-02-01', '2026-02-01')).toBe(6);
    // Yearly: fee_on_time 36 a year, 16 awards on 16 different days at once.
    const year = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        award(m, 'fee_on_time', `race:y:${i}`, `2024-${String((i % 12) + 1).padStart(2, '0')}-${String(10 + Math.floor(i / 12)).padStart(2, '0')}`),
      ),
    );
    expect(year.reduce((a, b) => a + b, 0)).toBe(36);
    expect(await sum(m, 'fee_on_time', '2024-01-01', '2024-12-31')).toBe(36);
  });

  it('StudyPointsService.award still works for existing callers (delegates to the one ledger)', async () => {
    const m = (await fx.member({ orgId: tree.branchA.id })).id;
    expect(await t.ds.transaction((tx) => t.app.get(StudyPointsService).award(tx, m, 'quiz_passed', 'legacy:1', '2026-03-01'))).toBe(5);
    expect(await sum(m, 'quiz_passed', '2026-03-01', '2026-03-01')).toBe(5);
  });

  it('P3 rules are versioned by the committee: a new version from a date; entries keep the version that gave them; history shows it', async () => {
    const before = await t.call<Untyped>('GET', '/points/rules', { token: member.token });
    expect(before.status).toBe(200);
    expect(before.body.canEdit).toBe(false);
    const v1 = before.body.rules.find((r: Untyped) => r.activity === 'vanguard_duty');
    expect(v1).toMatchObject({ version: 1, points: 2, dailyCap: 4, yearlyCap: 120, standing: 'in_force' });

    // Only the committee at the top: a branch secretary and a member are refused; a past date is refused; caps must be ordered.
    const body = { activity: 'vanguard_duty', points: 5, dailyCap: 10, yearlyCap: 200, effectiveFrom: '2026-03-15', note: '加强先锋岗' };
    expect((await t.call('POST', '/points/rules', { token: secA.token, body })).status).toBe(403);
    expect((await t.call<Untyped>('POST', '/points/rules', { token: worker.token, body: { ...body, effectiveFrom: '2026-03-01' } })).body.code).toBe(
      'POINTS_RULE_INVALID',
    );
    expect((await t.call<Untyped>('POST', '/points/rules', { token: worker.token, body: { ...body, dailyCap: 4 } })).body.message).toBe(
      '每日上限不能小于每次分值',
    );
    const made = await t.call<Untyped>('POST', '/points/rules', { token: worker.token, body });
    expect(made.status).toBe(201);
    expect(made.body.canEdit).toBe(true);
    expect(made.body.rules.find((r: Untyped) => r.activity === 'vanguard_duty' && r.version === 2)).toMatchObject({
      standing: 'scheduled',
      createdBy: '党委组织员',
      effectiveFrom: '2026-03-15',
    });
    // The same date again is a conflict, not a second version.
    expect((await t.call('POST', '/points/rules', { token: worker.token, body })).status).toBe(409);

    expect(await award(member.memberId, 'vanguard_duty', 'duty:1', '2026-03-14')).toBe(2);
    expect(await award(member.memberId, 'vanguard_duty', 'duty:2', '2026-03-15')).toBe(5);
    const h = await t.call<Untyped>('GET', '/points/me/history?year=2026', { token: member.token });
    expect(h.status).toBe(200);
    const byDay = (d: string) => h.body.entries.find((e: Untyped) => e.day === d && e.kind === 'vanguard_duty');
    expect(byDay('2026-03-14').rule).toMatchObject({ version: 1, points: 2 });
    expect(byDay('2026-03-15').rule).toMatchObject({ version: 2, points: 5, dailyCap: 10, yearlyCap: 200 });
  });

  it('P3 deductions: proposed with a reason by the branch, decided by another person with points.approve; approved → a negative entry', async () => {
    expect(
      (await t.call('POST', '/points/deductions', { token: secB, body: { memberId: member.memberId, points: 5, reason: '无故缺席组织生活' } })).status,
    ).toBe(403);
    expect((await t.call('POST', '/points/deductions', { token: secA.token, body: { memberId: member.memberId, points: 5, reason: '无' } })).status).toBe(400);
    const p = await t.call<Untyped>('POST', '/points/deductions', {
      token: secA.token,
      body: { memberId: member.memberId, points: 5, reason: '无故缺席组织生活两次', day: '2026-03-09' },
    });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ state: 'proposed', stateLabel: '待审批', proposedBy: '甲书记', canDecide: false });
    // The secretary cannot approve (no points.approve); the worker sees it in 待办 and approves.
    expect((await t.call('POST', `/points/deductions/${p.body.id}/approve`, { token: secA.token })).status).toBe(403);
    const todos = await t.call<Untyped>('GET', '/todos', { token: worker.token });
    expect(todos.body.items.some((i: Untyped) => i.source === 'points-deductions' && i.id === p.body.id)).toBe(true);
    const before = (await t.call<Untyped>('GET', '/points/me/history?year=2026', { token: member.token })).body.yearTotal;
    const ok = await t.call<Untyped>('POST', `/points/deductions/${p.body.id}/approve`, { token: worker.token });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ state: 'approved', decidedBy: '党委组织员' });
    const h = (await t.call<Untyped>('GET', '/points/me/history?year=2026', { token: member.token })).body;
    expect(h.yearTotal).toBe(before - 5);
    expect(h.entries.find((e: Untyped) => e.kind === 'deduction')).toMatchObject({ points: -5, reason: '无故缺席组织生活两次', rule: null });
    // Decided once: a second decision is out of order.
    expect((await t.call<Untyped>('POST', `/points/deductions/${p.body.id}/reject`, { token: worker.token, body: { reason: '重复' } })).body.code).toBe(
      'POINTS_DEDUCTION_OUT_OF_ORDER',
    );
  });

  it('P3 four eyes: the proposer never decides their own deduction; a rejection keeps a reason and changes no points', async () => {
    const p = await t.call<Untyped>('POST', '/points/deductions', {
      token: worker.token,
      body: { memberId: other.memberId, points: 3, reason: '未按时交纳党费' },
    });
    expect(p.status).toBe(201);
    const own = await t.call<Untyped>('POST', `/points/deductions/${p.body.id}/approve`, { token: worker.token });
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('POINTS_DEDUCTION_OWN');
    const w2 = await fx.user({ roles: [{ role: 'org_worker', orgId: tree.committee.id }] });
    const r = await t.call<Untyped>('POST', `/points/deductions/${p.body.id}/reject`, { token: w2.token, body: { reason: '已补交，情有可原' } });
    expect(r.body).toMatchObject({ state: 'rejected', rejectReason: '已补交，情有可原' });
    expect(await sum(other.memberId, 'deduction', '2000-01-01', '2100-12-31')).toBe(0);
  });

  it('yearly ranking per branch (members) and per committee (branches)', async () => {
    await award(other.memberId, 'checkin', 'rank:1', '2026-03-05');
    const branch = await t.call<Untyped>('GET', '/points/ranking?by=members', { token: member.token });
    expect(branch.status).toBe(200);
    expect(branch.body.org.name).toBe('甲公司党支部');
    expect(branch.body.mine.id).toBe(member.memberId);
    const ranks = branch.body.rows.map((r: Untyped) => r.points);
    expect([...ranks].sort((a: number, b: number) => b - a)).toEqual(ranks);
    const committee = await t.call<Untyped>('GET', '/points/ranking?by=branches', { token: member.token });
    expect(committee.body.org.name).toBe('测试联合党委');
    expect(committee.body.rows.map((r: Untyped) => r.name)).toEqual(expect.arrayContaining(['甲公司党支部', '乙公司党支部']));
    // Another branch's board is not the member's to read.
    expect((await t.call('GET', `/points/ranking?by=members&orgId=${tree.branchB.id}`, { token: member.token })).status).toBe(403);
  });

  it('P3 sources: acknowledging a notice earns points by the trigger in the same transaction', async () => {
    const m = (await fx.member({ orgId: tree.branchA.id })).id;
    const [n] = await t.ds.query<Array<{ id: string }>>(
      `INSERT INTO notice (organisation_id, title, target_kind, target_org_id, requires_ack, published_at, publisher_name)
       VALUES ($1, '学习通知', 'subtree', $1, true, now(), '甲书记') RETURNING id`,
      [tree.branchA.id],
    );
    await t.ds.query(`INSERT INTO notice_receipt (notice_id, member_id, read_at, acked_at) VALUES ($1, $2, '2026-03-04T01:00:00Z', '2026-03-04T01:00:00Z')`, [
      n!.id,
      m,
    ]);
    expect(await sum(m, 'notice_ack', '2026-03-04', '2026-03-04')).toBe(1);
  });
});

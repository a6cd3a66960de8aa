import { Clock } from '../src/common/clock.js';
import { createTestApp, type TestApp, type Untyped } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';

/**
 * 先锋岗 and honours kept by the branch (P1: shown on the member's card), and 先锋岗履职 (P3
 * `vanguard_duty`): recorded for the post's holder by points.manage over them, never by the holder,
 * on a day from the grant to today (30 days back at most), credited through the ledger's caps; a
 * revoked post keeps its duties and points. Nothing of it is reachable from outside the subtree.
 */
describe('先锋岗, honours and duties (P1, P3)', () => {
  let t: TestApp;
  let fx: Fixtures;
  let tree: Awaited<ReturnType<Fixtures['tree']>>;
  let member: { token: string; memberId: string };
  let secA: { token: string; memberId: string };
  let secB: string;
  let postId: string;

  beforeAll(async () => {
    t = await createTestApp();
    fx = new Fixtures(t.ds, t.app);
    tree = await fx.tree();
    t.app.get(Clock).set('2026-05-01T02:00:00Z');
    const m = await fx.user({ memberOrgId: tree.branchA.id });
    member = { token: m.token, memberId: m.memberId! };
    const s = await fx.user({ positions: [{ position: 'secretary', orgId: tree.branchA.id }] });
    secA = { token: s.token, memberId: s.memberId! };
    secB = (await fx.user({ positions: [{ position: 'secretary', orgId: tree.branchB.id }] })).token;
  });
  afterAll(() => t.close());

  const duty = (token: string, id: string, body: Untyped) => t.call<Untyped>('POST', `/card/distinctions/${id}/duties`, { token, body });

  it('the branch grants a 先锋岗 and an honour; the member sees them on the card; the answer is never the card', async () => {
    const made = await t.call<Untyped>('POST', '/card/distinctions', {
      token: secA.token,
      body: { memberId: member.memberId, kind: 'vanguard', title: '党员先锋岗·客服中心', awardedOn: '2026-03-01' },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ memberId: member.memberId, memberName: expect.any(String), canManage: true, canRecordDuty: true });
    expect(made.body.qr).toBeUndefined();
    postId = made.body.items[0].id;
    await t.call('POST', '/card/distinctions', {
      token: secA.token,
      body: { memberId: member.memberId, kind: 'honour', title: '优秀共产党员', awardedOn: '2025-07-01' },
    });
    const list = await t.call<Untyped>('GET', `/card/distinctions?memberId=${member.memberId}`, { token: secA.token });
    expect(list.body.items.map((d: Untyped) => [d.kind, d.title])).toEqual([
      ['vanguard', '党员先锋岗·客服中心'],
      ['honour', '优秀共产党员'],
    ]);
    const card = await t.call<Untyped>('GET', '/card/me', { token: member.token });
    expect(card.body.posts).toEqual([{ kind: 'vanguard', title: '党员先锋岗·客服中心' }]);
    expect(card.body.honours).toEqual([expect.objectContaining({ title: '优秀共产党员' })]);
  });

  it('outside the subtree nothing is reachable: list, grant, revoke and duties answer 403', async () => {
    expect((await t.call('GET', `/card/distinctions?memberId=${member.memberId}`, { token: secB })).status).toBe(403);
    const grant = await t.call('POST', '/card/distinctions', {
      token: secB,
      body: { memberId: member.memberId, kind: 'honour', title: '冒名荣誉', awardedOn: '2026-01-01' },
    });
    expect(grant.status).toBe(403);
    expect((await t.call('DELETE', `/card/distinctions/${postId}`, { token: secB })).status).toBe(403);
    expect((await duty(secB, postId, { performedOn: '2026-04-30', note: '越权记录' })).status).toBe(403);
    // The member themself may neither manage nor record.
    expect((await t.call('GET', `/card/distinctions?memberId=${member.memberId}`, { token: member.token })).status).toBe(403);
    expect((await duty(member.token, postId, { performedOn: '2026-04-30', note: '自己记录' })).status).toBe(403);
    const [n] = await t.ds.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM vanguard_duty`);
    expect(n!.n).toBe(0);
  });

  it('P3 duties earn vanguard_duty points up to the daily cap (2 each, 4 a day); each entry keeps its points', async () => {
    const a = await duty(secA.token, postId, { performedOn: '2026-04-30', note: '接待来访群众' });
    expect(a.status).toBe(201);
    await duty(secA.token, postId, { performedOn: '2026-04-30', note: '整理岗位台账' });
    const c = await duty(secA.token, postId, { performedOn: '2026-04-30', note: '协助窗口值班' });
    expect(c.body.items[0].duties.map((d: Untyped) => d.points).sort()).toEqual([0, 2, 2]);
    const h = await t.call<Untyped>('GET', '/points/me/history?year=2026', { token: member.token });
    const entries = h.body.entries.filter((e: Untyped) => e.kind === 'vanguard_duty');
    expect(entries.reduce((s: number, e: Untyped) => s + e.points, 0)).toBe(4);
  });

  it("refuses the future, a day before the grant, older than 30 days, honours, bad input and the holder's own post — changing nothing", async () => {
    const honourId = (await t.call<Untyped>('GET', `/card/distinctions?memberId=${member.memberId}`, { token: secA.token })).body.items[1].id;
    for (const [id, body, status] of [
      [postId, { performedOn: '2026-05-02', note: '明天的事' }, 422],
      [postId, { performedOn: '2026-02-28', note: '设岗之前' }, 422],
      [postId, { performedOn: '2026-03-31', note: '太久以前' }, 422],
      [honourId, { performedOn: '2026-04-30', note: '荣誉不是岗位' }, 422],
      [postId, { performedOn: '2026-04-30', note: '' }, 400],
    ] as const) {
      const r = await duty(secA.token, id, body);
      expect(r.status).toBe(status);
      expect(r.body.code).toBe(status === 400 ? 'VALIDATION_FAILED' : 'CARD_VANGUARD_DUTY_INVALID');
    }
    const own = await t.call<Untyped>('POST', '/card/distinctions', {
      token: secA.token,
      body: { memberId: secA.memberId, kind: 'vanguard', title: '党员先锋岗·书记', awardedOn: '2026-01-01' },
    });
    expect(own.body.canRecordDuty).toBe(false);
    const r = await duty(secA.token, own.body.items[0].id, { performedOn: '2026-04-30', note: '给自己记一笔' });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('CARD_VANGUARD_DUTY_OWN');
    const [n] = await t.ds.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM vanguard_duty`);
    expect(n!.n).toBe(3);
  });

  it('revoking the post keeps its duties and the points they gave; it leaves the card', async () => {
    const r = await t.call<Untyped>('DELETE', `/card/distinctions/${postId}`, { token: secA.token });
    expect(r.status).toBe(200);
    expect(r.body.items.map((d: Untyped) => d.kind)).toEqual(['honour']);
    const [kept] = await t.ds.query<Array<{ n: number; title: string }>>(
      `SELECT count(*)::int AS n, min(post_title) AS title FROM vanguard_duty WHERE member_id = $1 AND distinction_id IS NULL`,
      [member.memberId],
    );
    expect(kept).toEqual({ n: 3, title: '党员先锋岗·客服中心' });
    const card = await t.call<Untyped>('GET', '/card/me', { token: member.token });
    expect(card.body.posts).toEqual([]);
    const h = await t.call<Untyped>('GET', '/points/me/history?year=2026', { token: member.token });
    expect(h.body.entries.filter((e: Untyped) => e.kind === 'vanguard_duty')).toHaveLength(2);
    expect((await duty(secA.token, postId, { performedOn: '2026-04-30', note: '已撤销的岗位' })).status).toBe(404);
  });
});

import { Clock } from '../src/common/clock.js';
import { createTestApp, type TestApp, type Untyped } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';

/**
 * The committee's service catalogue and the 党群服务中心's rooms (issue 18): kept by the committee,
 * read and booked by its members and enterprise contacts; no double booking, decided by the exclusion
 * constraint even for requests arriving at once; cancellations keep the row and free the slot.
 */
describe('service catalogue and room bookings', () => {
  let t: TestApp;
  let fx: Fixtures;
  let committee: { id: string };
  let worker: string;
  let members: Array<{ token: string; userId: string }>;
  let outsider: string;
  let room: { id: string };

  beforeAll(async () => {
    t = await createTestApp({ REQUEST_SCAN_INTERVAL_S: '0', TEMPORARY_BRANCH_SCAN_INTERVAL_S: '0' });
    fx = new Fixtures(t.ds, t.app);
    t.app.get(Clock).set('2026-12-01T00:00:00Z');
    const tree = await fx.tree();
    committee = tree.committee;
    worker = (await fx.user({ roles: [{ role: 'org_worker', orgId: committee.id }] })).token;
    members = [];
    for (let i = 0; i < 8; i++) {
      const u = await fx.user({ displayName: `党员${i}`, memberOrgId: i % 2 ? tree.branchA.id : tree.branchB.id });
      members.push({ token: u.token, userId: u.user.id });
    }
    const elsewhere = await fx.org({ kind: 'committee', name: '别的党委' });
    outsider = (await fx.user({ memberOrgId: (await fx.org({ parentId: elsewhere.id })).id })).token;
    room = (
      await t.call<Untyped>('POST', '/services/rooms', {
        token: worker,
        body: { committeeId: committee.id, name: '党群服务中心一号会议室', location: '软件园二期 A 栋 1 楼', capacity: 30 },
      })
    ).body;
  });
  afterAll(() => t.close());

  const book = (token: string, startsAt: string, endsAt: string) =>
    t.call<Untyped>('POST', '/services/bookings', { token, body: { roomId: room.id, startsAt, endsAt, purpose: '支部主题党日' } });

  it('the committee keeps policies and 红色服务通道; members read the published ones, outsiders nothing', async () => {
    const policy = await t.call<Untyped>('POST', '/services/items', {
      token: worker,
      body: {
        committeeId: committee.id,
        kind: 'policy',
        title: '软件园人才公寓申请指南',
        body: '符合条件的企业员工可申请。',
        contact: '园区人才办 0592-1234567',
      },
    });
    expect(policy.status).toBe(201);
    await t.call('POST', '/services/items', {
      token: worker,
      body: { committeeId: committee.id, kind: 'channel', title: '红色服务通道：企业开办', published: false },
    });
    const seen = await t.call<Untyped>('GET', `/services?committeeId=${committee.id}`, { token: members[0]!.token });
    expect(seen.body).toMatchObject({ canManage: false, rooms: [{ name: '党群服务中心一号会议室' }] });
    expect(seen.body.items.map((i: Untyped) => i.title)).toEqual(['软件园人才公寓申请指南']);
    expect((await t.call<Untyped>('GET', `/services?committeeId=${committee.id}`, { token: worker })).body.items).toHaveLength(2);
    expect((await t.call('GET', `/services?committeeId=${committee.id}`, { token: outsider })).status).toBe(403);
    expect(
      (await t.call('POST', '/services/items', { token: members[0]!.token, body: { committeeId: committee.id, kind: 'policy', title: '越权' } })).status,
    ).toBe(403);
  });

  it('concurrent bookings of one slot: exactly one succeeds, the others are told the slot is taken', async () => {
    const results = await Promise.all(members.map((m) => book(m.token, '2026-12-03T09:00:00+08:00', '2026-12-03T11:00:00+08:00')));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(members.length - 1);
    for (const r of refused) expect(r.body).toMatchObject({ code: 'ROOM_SLOT_TAKEN', message: '该时段已被预约，请选择其他时间' });
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM room_booking WHERE room_id = $1 AND cancelled_at IS NULL`, [room.id]);
    expect(n).toBe(1);
  });

  it('overlaps are refused, adjacent slots are fine; a cancellation keeps the row and frees the slot', async () => {
    expect((await book(members[0]!.token, '2026-12-04T09:00:00+08:00', '2026-12-04T10:00:00+08:00')).status).toBe(201);
    expect((await book(members[1]!.token, '2026-12-04T09:30:00+08:00', '2026-12-04T10:30:00+08:00')).body.code).toBe('ROOM_SLOT_TAKEN');
    const adjacent = await book(members[1]!.token, '2026-12-04T10:00:00+08:00', '2026-12-04T11:00:00+08:00');
    expect(adjacent.status).toBe(201);
    expect((await t.call('POST', `/services/bookings/${adjacent.body.id}/cancel`, { token: members[2]!.token, body: {} })).status).toBe(403);
    const cancelled = await t.call<Untyped>('POST', `/services/bookings/${adjacent.body.id}/cancel`, {
      token: members[1]!.token,
      body: { reason: '活动改期' },
    });
    expect(cancelled.body).toMatchObject({ cancelReason: '活动改期', canCancel: false });
    expect((await t.call('POST', `/services/bookings/${adjacent.body.id}/cancel`, { token: worker, body: {} })).status).toBe(409);
    expect((await book(members[2]!.token, '2026-12-04T10:00:00+08:00', '2026-12-04T11:00:00+08:00')).status).toBe(201);
    const day = await t.call<Untyped>('GET', `/services/bookings?roomId=${room.id}&day=2026-12-04`, { token: members[3]!.token });
    expect(day.body.items.map((b: Untyped) => [b.bookedBy.name, b.cancelledAt !== null])).toEqual([
      ['党员0', false],
      ['党员2', false],
      ['党员1', true],
    ]);
  });

  it('bookings outside opening hours, in the past, or by outsiders are refused', async () => {
    expect((await book(members[0]!.token, '2026-12-05T07:00:00+08:00', '2026-12-05T09:00:00+08:00')).body.code).toBe('ROOM_BOOKING_INVALID');
    expect((await book(members[0]!.token, '2026-11-30T09:00:00+08:00', '2026-11-30T10:00:00+08:00')).body.message).toBe('不能预约已经过去的时间');
    expect((await book(outsider, '2026-12-05T09:00:00+08:00', '2026-12-05T10:00:00+08:00')).status).toBe(403);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NotificationOutboxWorker, OUTBOX_MAX_ATTEMPTS } from '../src/notifications/notification-outbox.worker.js';
import { createTestApp, type TestApp } from './utils/app.js';
import type { Untyped } from './utils/app.js';
import { paidMember, steps, transferWorld, type TransferWorld } from './utils/transfer-fixtures.js';

/** A stand-in for WeChat's /cgi-bin/stable_token and /cgi-bin/message/subscribe/send on 127.0.0.1. */
async function startFakeSubscribe() {
  const sent: Array<{ token: string; body: Untyped }> = [];
  let failNext = 0;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method === 'POST' && url.pathname === '/cgi-bin/stable_token') {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const body = JSON.parse(raw);
        if (body.grant_type !== 'client_credential' || body.force_refresh) return json({ errcode: 40002, errmsg: 'invalid grant_type' });
        // The stable token: every caller gets the same one until it expires.
        json({ access_token: 'token-1', expires_in: 7200 });
      });
      return;
    }
    if (req.method === 'POST' && url.pathname === '/cgi-bin/message/subscribe/send') {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        if (failNext > 0) {
          failNext--;
          return json({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
        }
        sent.push({ token: url.searchParams.get('access_token') ?? '', body: JSON.parse(raw) });
        json({ errcode: 0, errmsg: 'ok' });
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    failNext: (n: number) => (failNext = n),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('transfers: overdue scan (T6, T8) and WeChat subscribe messages', () => {
  let t: TestApp;
  let w: TransferWorld;
  let wx: Awaited<ReturnType<typeof startFakeSubscribe>>;
  beforeAll(async () => {
    wx = await startFakeSubscribe();
    t = await createTestApp({
      WECHAT_API_BASE: wx.url,
      WECHAT_SUBSCRIBE_TEMPLATE_TRANSFER: 'tmpl-transfer',
      NOTIFY_OUTBOX_INTERVAL_S: '0',
      TRANSFER_SCAN_INTERVAL_S: '0',
    });
    w = await transferWorld(t);
  });
  afterAll(async () => {
    await t.close();
    await wx.close();
  });

  async function internal(upTo: number) {
    const m = await paidMember(t, w, w.a1.id);
    const id = (await t.call('POST', '/transfers', { token: m.token, body: { kind: 'internal', toOrgId: w.b1.id, reason: '工作调动' } })).body.id as string;
    await steps(
      t,
      id,
      (
        [
          [w.secretaryA1.token, { action: 'branch_agree' }],
          [w.workerA.token, { action: 'approve' }],
          [w.workerB.token, { action: 'accept' }],
        ] as Array<[string, Record<string, unknown>]>
      ).slice(0, upTo),
    );
    return { m, id };
  }
  const scan = (token: string) => t.call('POST', '/transfers/scan', { token, body: {} });
  const kinds = async (token: string) => (await t.call('GET', '/notifications?pageSize=100', { token })).body.items.map((n: Untyped) => n.kind);

  it('T6: a letter past its validity alerts both sides and the member, once', async () => {
    const { m, id } = await internal(2);
    await t.ds.query(
      `WITH u AS (UPDATE transfer SET due_on = current_date - 1 WHERE id = $1 RETURNING id) SELECT transfer_queue_refresh(ARRAY(SELECT id FROM u))`,
      [id],
    );
    const first = await scan(w.workerA.token);
    expect(first.status).toBe(200);
    expect(first.body.letterExpiredAlerts).toBe(1);
    for (const token of [w.workerA.token, w.workerB.token, m.token]) expect(await kinds(token)).toContain('transfer.letter_expired');
    expect((await scan(w.workerA.token)).body.letterExpiredAlerts).toBe(0);
  });

  it('T6: accepted without report one month on alerts; an outsider’s scan touches nothing of ours', async () => {
    const { id } = await internal(3);
    await t.ds.query(
      `WITH u AS (UPDATE transfer SET due_on = current_date - 1 WHERE id = $1 RETURNING id) SELECT transfer_queue_refresh(ARRAY(SELECT id FROM u))`,
      [id],
    );
    expect((await scan(w.outsider.token)).body).toMatchObject({ letterExpiredAlerts: 0, acceptanceOverdueAlerts: 0 });
    expect((await scan(w.workerB.token)).body.acceptanceOverdueAlerts).toBe(1);
    const [row] = await t.ds.query(`SELECT to_char(alerted_due_on, 'YYYY-MM-DD') = to_char(due_on, 'YYYY-MM-DD') AS done FROM transfer WHERE id = $1`, [id]);
    expect(row.done).toBe(true);
  });

  it('T6: in transit with more than six months without organisational life opens a review case', async () => {
    const { m, id } = await internal(1);
    await t.ds.query(`UPDATE transfer SET created_at = now() - interval '7 months' WHERE id = $1`, [id]);
    const res = await scan(w.workerA.token);
    expect(res.body.transitCases).toBeGreaterThanOrEqual(1);
    const cases = await t.call('GET', `/review-cases?kind=transfer_no_org_life&memberId=${m.member.id}`, { token: w.workerA.token });
    expect(cases.body.items).toHaveLength(1);
    expect(cases.body.items[0]).toMatchObject({ kindLabel: '转接途中超过六个月未参加组织生活', details: { rule: 'T6', transferId: id } });
    expect((await scan(w.workerA.token)).body.transitCases).toBe(0);
  });

  it('T8: lost contact for six months or more opens a 停止党籍 review case; two months does not', async () => {
    const long = await w.fx.member({ orgId: w.a2.id, flags: ['lost_contact'] });
    const recent = await w.fx.member({ orgId: w.a2.id, flags: ['lost_contact'] });
    const mark = (id: string, at: string) =>
      t.ds.query(
        `INSERT INTO member_status_change (member_id, field, from_value, to_value, reason, changed_at) VALUES ($1, 'flag:lost_contact', 'false', 'true', '多次联系未果', now() - $2::interval)`,
        [id, at],
      );
    await mark(long.id, '7 months');
    await mark(recent.id, '2 months');
    const res = await scan(w.workerA.token);
    expect(res.body.lostContactCases).toBe(1);
    const cases = await t.call('GET', '/review-cases?kind=lost_contact_6_months', { token: w.workerA.token });
    expect(cases.body.items.map((c: Untyped) => c.member.id)).toEqual([long.id]);
  });

  it('WeChat subscribe: written to the outbox with the step, sent after commit by the worker, retried on failure', async () => {
    const m = await paidMember(t, w, w.a1.id);
    await t.ds.query(`UPDATE user_account SET wx_openid = 'openid-secretary-a1' WHERE id = $1`, [w.secretaryA1.user.id]);
    const id = (await t.call('POST', '/transfers', { token: m.token, body: { kind: 'internal', toOrgId: w.b1.id, reason: '工作调动' } })).body.id;
    const pending = await t.ds.query(
      `SELECT o.status FROM notification_outbox o JOIN notification n ON n.id = o.notification_id WHERE n.recipient_user_id = $1`,
      [w.secretaryA1.user.id],
    );
    expect(pending.map((p: Untyped) => p.status)).toEqual(['pending']);
    // Nothing is sent before the worker runs (after commit); the first attempt fails and is retried.
    expect(wx.sent).toHaveLength(0);
    wx.failNext(1);
    const worker = t.app.get(NotificationOutboxWorker);
    expect(await worker.drain()).toMatchObject({ sent: 0, retried: 1 });
    await t.ds.query(`UPDATE notification_outbox SET next_attempt_at = now()`);
    expect(await worker.drain()).toMatchObject({ sent: 1, retried: 0 });
    expect(wx.sent).toHaveLength(1);
    expect(wx.sent[0]!.token).toBe('token-1');
    expect(wx.sent[0]!.body).toMatchObject({
      touser: 'openid-secretary-a1',
      template_id: 'tmpl-transfer',
      page: `packages/transfer/pages/detail/index?id=${id}`,
      data: {
        thing1: { value: expect.stringContaining('待党支部同意') },
        thing2: { value: expect.any(String) },
        time3: { value: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/) },
      },
    });
    expect(wx.sent[0]!.body.data.thing2.value.length).toBeLessThanOrEqual(20);
    // Sent once: another run finds nothing.
    expect(await worker.drain()).toMatchObject({ sent: 0, retried: 0, failed: 0 });
    // A message that keeps failing is given up after the last attempt.
    await t.ds.query(`UPDATE user_account SET wx_openid = 'openid-worker-a' WHERE id = $1`, [w.workerA.user.id]);
    await steps(t, id, [[w.secretaryA1.token, { action: 'branch_agree' }]]);
    wx.failNext(OUTBOX_MAX_ATTEMPTS);
    for (let i = 0; i < OUTBOX_MAX_ATTEMPTS; i++) {
      await worker.drain();
      await t.ds.query(`UPDATE notification_outbox SET next_attempt_at = now() WHERE status = 'pending'`);
    }
    const [row] = await t.ds.query(`SELECT status, attempts, last_error FROM notification_outbox ORDER BY created_at DESC LIMIT 1`);
    expect(row).toMatchObject({ status: 'failed', attempts: OUTBOX_MAX_ATTEMPTS });
    expect(row.last_error).toContain('43101');
  });
});

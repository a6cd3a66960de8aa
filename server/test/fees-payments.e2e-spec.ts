import { createVerify } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import { chinaMonth } from '@dangjian/shared';
import { createTestApp, type TestApp } from './utils/app.js';
import { startFakeWechatPay, type FakeWechatPay } from './utils/fake-wechat-pay.js';
import { ago, billsOf, feeWorld, memberWithAccount, salaried } from './utils/fee-fixtures.js';

const NOTIFY = '/fees/wechat-pay/notify';

/** Payments (F5): recorded, online through WeChat Pay v3 against a local fake, 代缴, 大额党费, concurrency, scopes. */
describe('fees: payments', () => {
  let t: TestApp;
  let pay: FakeWechatPay;
  let w: Awaited<ReturnType<typeof feeWorld>>;
  beforeAll(async () => {
    pay = await startFakeWechatPay();
    t = await createTestApp(pay.env);
    w = await feeWorld(t);
  });
  afterAll(async () => {
    await t.close();
    await pay.close();
  });

  /** A member of branch A bound to WeChat, billed this month (and back as far as F5 reaches). */
  async function payingMember(baseFen = 300_000) {
    const m = await memberWithAccount(w.fx, w.branchA.id);
    await t.ds.query(`UPDATE user_account SET wx_openid = $1 WHERE id = $2`, [`o-${m.member.id.slice(0, 8)}`, m.userId]);
    await salaried(t, w.worker.token, m.member.id, baseFen, ago(6));
    const bills = await billsOf(t, w.worker.token, m.member.id);
    const current = bills.find((b) => b.month === chinaMonth())!;
    return { ...m, bills, current };
  }

  const order = (token: string, body: unknown) => t.call('POST', '/fees/online-orders', { token, body });
  const notify = (n: { headers: Record<string, string>; body: string }) => t.call('POST', NOTIFY, { headers: n.headers, payload: n.body });
  const bill = async (id: string) => (await t.ds.query(`SELECT status, payment_id FROM fee_bill WHERE id = $1`, [id]))[0];
  const paymentsFor = async (billId: string) =>
    (
      await t.ds.query(`SELECT p.status FROM fee_payment p JOIN fee_payment_bill pb ON pb.payment_id = p.id WHERE pb.bill_id = $1 AND p.status = 'paid'`, [
        billId,
      ])
    ).length;

  describe('online (WeChat Pay JSAPI)', () => {
    it('places a JSAPI order signed with the merchant key and answers wx.requestPayment signed too', async () => {
      const m = await payingMember();
      const res = await order(m.token, { kind: 'bills', billIds: [m.current.id] });
      expect(res.status).toBe(201);
      expect(res.body.demo).toBe(false);
      expect(res.body.payment).toMatchObject({ status: 'pending', method: 'wechat', amountFen: 1500, bills: [{ id: m.current.id }] });
      const placed = pay.orders.find((o) => o.outTradeNo === res.body.payment.outTradeNo)!;
      expect(placed).toMatchObject({ amountFen: 1500, openid: `o-${m.member.id.slice(0, 8)}`, appid: pay.appid });
      const rp = res.body.requestPayment;
      expect(rp).toMatchObject({ appId: pay.appid, package: `prepay_id=${placed.prepayId}`, signType: 'RSA' });
      const signed = `${rp.appId}\n${rp.timeStamp}\n${rp.nonceStr}\n${rp.package}\n`;
      expect(createVerify('RSA-SHA256').update(signed).verify(pay.merchantPublicKey, rp.paySign, 'base64')).toBe(true);
      // Not paid until WeChat Pay says so.
      expect((await bill(m.current.id)).status).toBe('unpaid');
    });

    it('pays the bill on a verified, decrypted notification — once, however often it is replayed', async () => {
      const m = await payingMember();
      const o = (await order(m.token, { kind: 'bills', billIds: [m.current.id] })).body.payment;
      const n = pay.notification({ outTradeNo: o.outTradeNo, amountFen: o.amountFen });
      const first = await notify(n);
      expect([first.status, first.body]).toEqual([200, { code: 'SUCCESS' }]);
      expect(await bill(m.current.id)).toMatchObject({ status: 'paid', payment_id: o.id });
      // The same notification again (WeChat Pay retries), and a second one for the same order.
      expect((await notify(n)).body).toEqual({ code: 'SUCCESS' });
      expect((await notify(pay.notification({ outTradeNo: o.outTradeNo, amountFen: o.amountFen }))).body).toEqual({ code: 'SUCCESS' });
      expect(await paymentsFor(m.current.id)).toBe(1);
      const p = await t.call('GET', `/fees/payments/${o.id}`, { token: m.token });
      expect(p.body).toMatchObject({
        status: 'paid',
        method: 'wechat',
        receiptNo: expect.stringMatching(/^DF\d{4}-\d{6}$/),
        transactionId: expect.any(String),
      });
      const agg = await t.ds.query(`SELECT paid, settled, paid_fen::int AS paid_fen FROM fee_org_month WHERE organisation_id = $1 AND month = $2::date`, [
        w.branchA.id,
        `${chinaMonth()}-01`,
      ]);
      expect(agg[0].paid).toBeGreaterThanOrEqual(1);
      const audit = await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'fee.payment.online_paid' AND object_id = $1`, [o.id]);
      expect(audit[0].n).toBe(1);
    });

    it('takes the notification over real HTTP too (the exact bytes reach the signature check)', async () => {
      const m = await payingMember();
      const o = (await order(m.token, { kind: 'bills', billIds: [m.current.id] })).body.payment;
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.getHttpServer().address() as { port: number };
      const res = await pay.send(`http://127.0.0.1:${port}/api/v1${NOTIFY}`, pay.notification({ outTradeNo: o.outTradeNo, amountFen: o.amountFen }));
      expect([res.status, JSON.parse(res.body)]).toEqual([200, { code: 'SUCCESS' }]);
      expect((await bill(m.current.id)).status).toBe('paid');
    });

    it('refuses a forged signature, a stale timestamp, a body changed after signing and a signature probe', async () => {
      const m = await payingMember();
      const o = (await order(m.token, { kind: 'bills', billIds: [m.current.id] })).body.payment;
      const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      const forged = await notify(pay.notification({ outTradeNo: o.outTradeNo, amountFen: o.amountFen, signWith: stranger }));
      expect([forged.status, forged.body.code]).toEqual([401, 'FAIL']);
      const stale = await notify(pay.notification({ outTradeNo: o.outTradeNo, amountFen: o.amountFen, timestamp: Math.floor(Date.now() / 1000) - 600 }));
      expect(stale.status).toBe(401);
      const tampered = await notify(
        pay.notification({ outTradeNo: o.outTradeNo, amountFen: o.amountFen, bodyAfterSigning: (b) => b.replace('"支付成功"', '"支付成功 "') }),
      );
      expect(tampered.status).toBe(401);
      const probe = pay.notification({ outTradeNo: o.outTradeNo, amountFen: o.amountFen });
      expect((await notify({ ...probe, headers: { ...probe.headers, 'wechatpay-signature': 'WECHATPAY/SIGNTEST/abc' } })).status).toBe(401);
      const missing = await t.call('POST', NOTIFY, { headers: { 'content-type': 'application/json' }, payload: probe.body });
      expect(missing.status).toBe(401);
      expect((await bill(m.current.id)).status).toBe('unpaid');
    });

    it('refuses and audits an amount that does not match the order, and never applies it', async () => {
      const m = await payingMember();
      const o = (await order(m.token, { kind: 'bills', billIds: [m.current.id] })).body.payment;
      const n = pay.notification({ outTradeNo: o.outTradeNo, amountFen: o.amountFen - 1 });
      const res = await notify(n);
      expect([res.status, res.body]).toEqual([400, { code: 'FAIL', message: '金额与订单不符' }]);
      expect((await bill(m.current.id)).status).toBe('unpaid');
      const p = await t.call('GET', `/fees/payments/${o.id}`, { token: w.worker.token });
      expect(p.body).toMatchObject({ status: 'refund_due', problem: expect.stringContaining('金额不符') });
      const audit = await t.ds.query(`SELECT details FROM audit_log WHERE action = 'fee.payment.amount_mismatch' AND object_id = $1`, [o.id]);
      expect(audit).toHaveLength(1);
      expect(audit[0].details).toMatchObject({ orderFen: 1500, paidFen: 1499 });
      // WeChat Pay retrying the same notification gets the same answer; nothing is applied.
      expect((await notify(n)).status).toBe(400);
      expect(await paymentsFor(m.current.id)).toBe(0);
    });

    it('keeps money for a bill settled meanwhile for refund instead of paying twice', async () => {
      const m = await payingMember();
      const o = (await order(m.token, { kind: 'bills', billIds: [m.current.id] })).body.payment;
      const cash = await t.call('POST', '/fees/payments', {
        token: w.worker.token,
        body: { kind: 'bills', memberId: m.member.id, billIds: [m.current.id], amountFen: 1500, method: 'cash' },
      });
      expect(cash.status).toBe(201);
      const res = await notify(pay.notification({ outTradeNo: o.outTradeNo, amountFen: o.amountFen }));
      expect(res.body.code).toBe('SUCCESS');
      expect((await t.call('GET', `/fees/payments/${o.id}`, { token: w.worker.token })).body.status).toBe('refund_due');
      expect(await paymentsFor(m.current.id)).toBe(1);
    });

    it('pays a bill exactly once when the notification and a cash payment race', async () => {
      const m = await payingMember();
      const o = (await order(m.token, { kind: 'bills', billIds: [m.current.id] })).body.payment;
      const [n, cash] = await Promise.all([
        notify(pay.notification({ outTradeNo: o.outTradeNo, amountFen: o.amountFen })),
        t.call('POST', '/fees/payments', {
          token: w.worker.token,
          body: { kind: 'bills', memberId: m.member.id, billIds: [m.current.id], amountFen: 1500, method: 'cash' },
        }),
      ]);
      expect(n.status).toBe(200);
      expect([201, 409]).toContain(cash.status);
      expect(await paymentsFor(m.current.id)).toBe(1);
    });

    it('reports WeChat Pay refusing the order and marks it failed', async () => {
      const m = await payingMember();
      pay.failNext = { status: 400, code: 'PARAM_ERROR', message: 'bad' };
      const res = await order(m.token, { kind: 'bills', billIds: [m.current.id] });
      expect([res.status, res.body.code]).toEqual([502, 'FEE_WECHATPAY_FAILED']);
      const failed = await t.ds.query(`SELECT status FROM fee_payment WHERE member_id = $1`, [m.member.id]);
      expect(failed.map((r: { status: string }) => r.status)).toEqual(['failed']);
    });

    it("needs a WeChat binding, the member's own bills, and unpaid bills", async () => {
      const unbound = await memberWithAccount(w.fx, w.branchA.id);
      await salaried(t, w.worker.token, unbound.member.id, 300_000);
      const cur = (await billsOf(t, w.worker.token, unbound.member.id)).find((b) => b.month === chinaMonth());
      expect((await order(unbound.token, { kind: 'bills', billIds: [cur.id] })).body.code).toBe('FEE_WECHAT_NOT_BOUND');
      const m = await payingMember();
      expect((await order(m.token, { kind: 'bills', billIds: [cur.id] })).body.code).toBe('FEE_BILL_NOT_OF_MEMBER');
      expect((await order(m.token, { kind: 'bills', memberId: unbound.member.id, billIds: [cur.id] })).status).toBe(403);
      const noMember = await w.fx.user({ roles: [{ role: 'secretary', orgId: w.branchA.id }] });
      expect((await order(noMember.token, { kind: 'voluntary', amountFen: 100 })).body.code).toBe('FEE_NOT_LINKED');
    });
  });

  describe('recorded by the fee worker', () => {
    it('records cash for several months with a receipt, checking the amount collected', async () => {
      const m = await payingMember();
      const two = m.bills.slice(0, 2);
      const wrong = await t.call('POST', '/fees/payments', {
        token: w.worker.token,
        body: { kind: 'bills', memberId: m.member.id, billIds: two.map((b) => b.id), amountFen: 1500, method: 'cash' },
      });
      expect([wrong.status, wrong.body.code, wrong.body.details]).toEqual([422, 'FEE_AMOUNT_MISMATCH', { expectedFen: 3000, givenFen: 1500 }]);
      const res = await t.call('POST', '/fees/payments', {
        token: w.worker.token,
        body: { kind: 'bills', memberId: m.member.id, billIds: two.map((b) => b.id), amountFen: 3000, method: 'transfer', note: '银行转账' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        status: 'paid',
        method: 'transfer',
        methodLabel: '转账',
        amountFen: 3000,
        large: false,
        payer: null,
        recordedBy: '甲支部组织委员',
      });
      expect(res.body.bills.map((b: { id: string }) => b.id).sort()).toEqual(two.map((b) => b.id).sort());
      const again = await t.call('POST', '/fees/payments', {
        token: w.worker.token,
        body: { kind: 'bills', memberId: m.member.id, billIds: [two[0].id], amountFen: 1500, method: 'cash' },
      });
      expect([again.status, again.body.code]).toEqual([409, 'FEE_BILL_SETTLED']);
      // The member sees the receipt.
      const mine = await t.call('GET', `/fees/members/${m.member.id}/payments`, { token: m.token });
      expect(mine.body.items.map((p: { id: string }) => p.id)).toContain(res.body.id);
    });

    it('lets exactly one of concurrent payments of the same bill succeed', async () => {
      const m = await payingMember();
      const body = { kind: 'bills', memberId: m.member.id, billIds: [m.current.id], amountFen: 1500, method: 'cash' };
      const results = await Promise.all(Array.from({ length: 8 }, () => t.call('POST', '/fees/payments', { token: w.worker.token, body })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'FEE_BILL_SETTLED')).toBe(true);
      expect(results.filter((r) => r.status === 409)).toHaveLength(7);
      expect(await paymentsFor(m.current.id)).toBe(1);
    });

    it('F5: back-payment reaches 6 months; an older unpaid month is refused with a code', async () => {
      const m = await memberWithAccount(w.fx, w.branchA.id);
      await salaried(t, w.worker.token, m.member.id, 300_000, ago(7));
      for (const month of [ago(7), ago(6)]) {
        expect((await t.call('POST', '/fees/bills/generate', { token: w.worker.token, body: { orgId: w.branchA.id, month } })).status).toBe(200);
      }
      const bills = await billsOf(t, w.worker.token, m.member.id);
      const seven = bills.find((b) => b.month === ago(7));
      const six = bills.find((b) => b.month === ago(6));
      expect(seven.payable).toBe('too_old');
      expect(six.payable).toBe('ok');
      const old = await t.call('POST', '/fees/payments', {
        token: w.worker.token,
        body: { kind: 'bills', memberId: m.member.id, billIds: [seven.id, six.id], amountFen: 3000, method: 'cash' },
      });
      expect([old.status, old.body.code, old.body.details.months]).toEqual([422, 'FEE_BACKPAY_LIMIT', [ago(7)]]);
      const ok = await t.call('POST', '/fees/payments', {
        token: w.worker.token,
        body: { kind: 'bills', memberId: m.member.id, billIds: [six.id], amountFen: 1500, method: 'cash' },
      });
      expect(ok.status).toBe(201);
      expect((await bill(seven.id)).status).toBe('unpaid');
    });

    it("代缴: another member pays only under the branch's recorded agreement", async () => {
      const m = await payingMember();
      const payer = await memberWithAccount(w.fx, w.branchA.id);
      await t.ds.query(`UPDATE user_account SET wx_openid = $1 WHERE id = $2`, [`o-payer-${payer.member.id.slice(0, 6)}`, payer.userId]);
      const body = { kind: 'bills', memberId: m.member.id, billIds: [m.current.id], amountFen: 1500, method: 'cash', payerMemberId: payer.member.id };
      const without = await t.call('POST', '/fees/payments', { token: w.worker.token, body });
      expect(without.body.code).toBe('FEE_PROXY_AGREEMENT_REQUIRED');
      expect((await order(payer.token, { kind: 'bills', memberId: m.member.id, billIds: [m.current.id] })).status).toBe(403);
      const self = await t.call('POST', '/fees/proxy-agreements', {
        token: w.worker.token,
        body: { memberId: m.member.id, payerMemberId: m.member.id, decidedOn: '2025-01-10', note: '支委会同意' },
      });
      expect(self.body.code).toBe('FEE_PROXY_SELF');
      const agreement = await t.call('POST', '/fees/proxy-agreements', {
        token: w.worker.token,
        body: { memberId: m.member.id, payerMemberId: payer.member.id, decidedOn: '2025-01-10', note: '本人出国期间，经支委会研究同意由其配偶代缴' },
      });
      expect(agreement.status).toBe(201);
      expect(agreement.body).toMatchObject({ active: true, member: { id: m.member.id }, payer: { id: payer.member.id } });
      const dup = await t.call('POST', '/fees/proxy-agreements', {
        token: w.worker.token,
        body: { memberId: m.member.id, payerMemberId: payer.member.id, decidedOn: '2025-01-10', note: '重复登记' },
      });
      expect(dup.body.code).toBe('FEE_PROXY_EXISTS');
      // The payer sees whom they may pay for, and pays online.
      const mine = await t.call('GET', '/fees/me', { token: payer.token });
      expect(mine.body.proxyFor).toEqual([expect.objectContaining({ agreementId: agreement.body.id, member: { id: m.member.id, name: m.member.name } })]);
      const o = await order(payer.token, { kind: 'bills', memberId: m.member.id, billIds: [m.current.id] });
      expect(o.status).toBe(201);
      expect(o.body.payment).toMatchObject({ member: { id: m.member.id }, payer: { id: payer.member.id }, proxyAgreementId: agreement.body.id });
      await notify(pay.notification({ outTradeNo: o.body.payment.outTradeNo, amountFen: 1500 }));
      expect((await bill(m.current.id)).status).toBe('paid');
      // Revoked: no more.
      const other = m.bills.find((b) => b.month === ago(1));
      expect((await t.call('POST', `/fees/proxy-agreements/${agreement.body.id}/revoke`, { token: w.worker.token })).body.active).toBe(false);
      expect((await t.call('POST', '/fees/payments', { token: w.worker.token, body: { ...body, billIds: [other.id] } })).body.code).toBe(
        'FEE_PROXY_AGREEMENT_REQUIRED',
      );
      const list = await t.call('GET', `/fees/proxy-agreements?orgId=${w.branchA.id}`, { token: w.reader.token });
      expect(list.body.items.find((a: { id: string }) => a.id === agreement.body.id)).toMatchObject({ active: false });
      expect((await t.call('GET', `/fees/proxy-agreements?orgId=${w.branchA.id}`, { token: w.outsider.token })).status).toBe(403);
    });

    it('F5: a voluntary payment of 1000 yuan or more is 大额党费, forwarded to the committee above', async () => {
      const m = await payingMember();
      const small = await t.call('POST', '/fees/payments', {
        token: w.worker.token,
        body: { kind: 'voluntary', memberId: m.member.id, amountFen: 99_999, method: 'transfer' },
      });
      expect(small.body).toMatchObject({ large: false, forward: null, voluntaryFen: 99_999 });
      const big = await t.call('POST', '/fees/payments', {
        token: w.worker.token,
        body: { kind: 'voluntary', memberId: m.member.id, amountFen: 100_000, method: 'transfer', note: '自愿交纳' },
      });
      expect(big.status).toBe(201);
      expect(big.body).toMatchObject({ large: true, voluntaryFen: 100_000, forward: { org: { id: w.committee.id }, acknowledgedAt: null } });
      const seen = await t.call('GET', `/fees/large-payments?orgId=${w.committee.id}`, { token: w.upper.token });
      expect(seen.body.items.map((p: { id: string }) => p.id)).toContain(big.body.id);
      expect((await t.call('GET', `/fees/large-payments?orgId=${w.committee.id}`, { token: w.worker.token })).status).toBe(403);
      expect((await t.call('POST', `/fees/large-payments/${big.body.id}/acknowledge`, { token: w.worker.token, body: {} })).status).toBe(403);
      const ack = await t.call('POST', `/fees/large-payments/${big.body.id}/acknowledge`, { token: w.upper.token, body: { note: '已收到，按规定上缴' } });
      expect(ack.body.forward).toMatchObject({ acknowledgedBy: '联合党委组织员', note: '已收到，按规定上缴' });
      expect((await t.call('POST', `/fees/large-payments/${big.body.id}/acknowledge`, { token: w.upper.token, body: {} })).body.code).toBe(
        'FEE_LARGE_ALREADY_ACKNOWLEDGED',
      );
      expect((await t.call('POST', `/fees/large-payments/${small.body.id}/acknowledge`, { token: w.upper.token, body: {} })).body.code).toBe(
        'FEE_NOT_LARGE_PAYMENT',
      );
      // Regular bills at the cap are never 大额党费, however large.
      const capped = await payingMember(8_000_000);
      const six = capped.bills.slice(0, 2);
      const regular = await t.call('POST', '/fees/payments', {
        token: w.worker.token,
        body: { kind: 'bills', memberId: capped.member.id, billIds: six.map((b) => b.id), amountFen: 200_000, method: 'transfer' },
      });
      expect(regular.body).toMatchObject({ large: false, voluntaryFen: 0 });
    });

    it('scopes payments: outside the subtree and plain members are refused', async () => {
      const m = await payingMember();
      const other = await memberWithAccount(w.fx, w.branchA.id);
      const p = await t.call('POST', '/fees/payments', {
        token: w.worker.token,
        body: { kind: 'bills', memberId: m.member.id, billIds: [m.current.id], amountFen: 1500, method: 'cash' },
      });
      const refusals: Array<[string, string, string, unknown?]> = [
        [w.outsider.token, 'POST', '/fees/payments', { kind: 'voluntary', memberId: m.member.id, amountFen: 100, method: 'cash' }],
        [w.reader.token, 'POST', '/fees/payments', { kind: 'voluntary', memberId: m.member.id, amountFen: 100, method: 'cash' }],
        [m.token, 'POST', '/fees/payments', { kind: 'voluntary', memberId: m.member.id, amountFen: 100, method: 'cash' }],
        [w.outsider.token, 'GET', `/fees/payments?orgId=${w.branchA.id}`],
        [w.outsider.token, 'GET', `/fees/payments/${p.body.id}`],
        [other.token, 'GET', `/fees/payments/${p.body.id}`],
        [other.token, 'GET', `/fees/members/${m.member.id}/payments`],
        [
          w.outsider.token,
          'POST',
          '/fees/proxy-agreements',
          { memberId: m.member.id, payerMemberId: other.member.id, decidedOn: '2025-01-01', note: '同意代缴' },
        ],
      ];
      for (const [tok, method, path, body] of refusals) {
        const res = await t.call(method, path, { token: tok, body });
        expect([method, path, res.status]).toEqual([method, path, 403]);
      }
      expect((await t.call('GET', `/fees/payments/${p.body.id}`, { token: m.token })).status).toBe(200);
      const list = await t.call('GET', `/fees/payments?orgId=${w.committee.id}&method=cash`, { token: w.upper.token });
      expect(list.body.items.map((x: { id: string }) => x.id)).toContain(p.body.id);
    });
  });
});

describe('fees: online payment without WeChat Pay', () => {
  let t: TestApp;
  afterEach(() => t.close());

  it('is unavailable outside demo mode', async () => {
    t = await createTestApp();
    const w = await feeWorld(t);
    const m = await memberWithAccount(w.fx, w.branchA.id);
    const res = await t.call('POST', '/fees/online-orders', { token: m.token, body: { kind: 'voluntary', amountFen: 100 } });
    expect([res.status, res.body.code]).toEqual([503, 'FEE_ONLINE_PAY_UNAVAILABLE']);
    expect((await t.call('POST', NOTIFY, { headers: { 'content-type': 'application/json' }, payload: '{}' })).status).toBe(401);
  });

  it('is off in production when told so (WECHATPAY_OFF), even in demo mode, and the member is told to pay the branch', async () => {
    const DATA_KEY = Buffer.alloc(32, 3).toString('base64');
    const envs: Array<Record<string, string>> = [
      { NODE_ENV: 'production', DATA_KEY, WECHATPAY_OFF: 'true' },
      { DEMO_MODE: 'true', WECHATPAY_OFF: 'true' },
    ];
    for (const env of envs) {
      t = await createTestApp(env);
      const w = await feeWorld(t);
      const m = await memberWithAccount(w.fx, w.branchA.id);
      expect((await t.call('GET', '/fees/me', { token: m.token })).body.onlinePay).toBe('unavailable');
      const res = await t.call('POST', '/fees/online-orders', { token: m.token, body: { kind: 'voluntary', amountFen: 100 } });
      expect([res.status, res.body.code, res.body.message]).toEqual([503, 'FEE_ONLINE_PAY_UNAVAILABLE', expect.stringMatching(/[\u4e00-\u9fa5]/)]);
      await t.close();
    }
    t = await createTestApp();
  });

  it('pays through the labelled demo path in demo mode, via the same notification code', async () => {
    t = await createTestApp({ DEMO_MODE: 'true' });
    const w = await feeWorld(t);
    const m = await memberWithAccount(w.fx, w.branchA.id);
    await salaried(t, w.worker.token, m.member.id, 300_000);
    const mine = await t.call('GET', '/fees/me', { token: m.token });
    expect(mine.body.onlinePay).toBe('demo');
    const o = await t.call('POST', '/fees/online-orders', { token: m.token, body: { kind: 'bills', billIds: [mine.body.currentBill.id] } });
    expect(o.status).toBe(201);
    expect(o.body).toMatchObject({ demo: true, payment: { method: 'demo', methodLabel: '演示支付（非真实付款）', status: 'pending' } });
    const other = await memberWithAccount(w.fx, w.branchA.id);
    expect((await t.call('POST', `/fees/online-orders/${o.body.payment.id}/demo-pay`, { token: other.token })).status).toBe(403);
    const paid = await t.call('POST', `/fees/online-orders/${o.body.payment.id}/demo-pay`, { token: m.token });
    expect(paid.body).toMatchObject({ status: 'paid', method: 'demo' });
    expect((await t.call('POST', `/fees/online-orders/${o.body.payment.id}/demo-pay`, { token: m.token })).body.code).toBe('FEE_PAYMENT_NOT_PENDING');
    const after = await t.call('GET', '/fees/me', { token: m.token });
    expect(after.body.currentBill.status).toBe('paid');
    // Earlier months of the year are still open, so paid-until stays before them.
    expect(after.body.paidUntil.unsettled.map((u: { month: string }) => u.month)).not.toContain(chinaMonth());
  });
});

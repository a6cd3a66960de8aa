import type { OnlineOrder } from '@dangjian/shared';
import { requests, mockRoute } from '@test/mocks/taro';
import { PAYMENT_ID, feeBill, feePayment } from '@test/fees-fixtures';
import { saveTokens } from '@/api/session';
import { PayError } from '@/platform/pay.types';
import { payBills, payPlan, payableBills, type PayDeps } from './pay-flow';

const order = (demo: boolean): OnlineOrder => ({
  payment: feePayment({ status: 'pending', statusLabel: '待支付', receiptNo: null, paidAt: null, method: demo ? 'demo' : 'wechat' }),
  demo,
  requestPayment: { appId: 'wx123', timeStamp: '1763791200', nonceStr: 'n1', package: 'prepay_id=wx1', signType: 'RSA', paySign: 'c2ln' },
});

beforeEach(() => saveTokens({ accessToken: 'a', refreshToken: 'r' }));

describe('payableBills / payPlan', () => {
  it('offers the unpaid bills payable now, oldest first, with an exact integer total', () => {
    const a = feeBill({ month: '2026-11', amountDueFen: 3000 });
    const b = feeBill({ month: '2026-09', amountDueFen: 1 });
    const old = feeBill({ month: '2026-03', payable: 'too_old' });
    const exempt = feeBill({ month: '2026-10', amountDueFen: 0 });
    expect(payableBills([a, old, b, exempt]).map((x) => x.month)).toEqual(['2026-09', '2026-11']);
    const plan = payPlan({ unpaid: [a, old, b, exempt], onlinePay: 'demo' });
    expect(plan.totalFen).toBe(3001);
    expect(plan.canPay).toBe(true);
  });

  it('adds 0.10 + 0.20 yuan to exactly 30 fen', () => {
    expect(payPlan({ unpaid: [feeBill({ month: '2026-10', amountDueFen: 10 }), feeBill({ amountDueFen: 20 })], onlinePay: 'wechat' }).totalFen).toBe(30);
  });

  it('cannot pay when online payment is unavailable or nothing is payable', () => {
    expect(payPlan({ unpaid: [feeBill()], onlinePay: 'unavailable' }).canPay).toBe(false);
    expect(payPlan({ unpaid: [feeBill({ payable: 'too_old' })], onlinePay: 'wechat' }).canPay).toBe(false);
  });
});

describe('payBills', () => {
  const deps = (over: Partial<PayDeps>): PayDeps => ({
    createOnlineOrder: jest.fn(async () => order(false)),
    payOrder: jest.fn(async () => ({ outcome: 'submitted' as const })),
    getPayment: jest.fn(async () => feePayment()),
    sleep: jest.fn(async () => undefined),
    ...over,
  });

  it('on H5 in demo mode: orders the bills, confirms through the demo path, answers the paid receipt', async () => {
    mockRoute('POST /api/v1/fees/online-orders', { status: 201, body: order(true) });
    mockRoute(`POST /api/v1/fees/online-orders/${PAYMENT_ID}/demo-pay`, { status: 200, body: feePayment() });
    const result = await payBills({ billIds: ['b1', 'b2'] });
    expect(result).toEqual({ status: 'paid', payment: feePayment() });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v1/fees/online-orders', `POST /api/v1/fees/online-orders/${PAYMENT_ID}/demo-pay`]);
    expect(requests[0]?.data).toEqual({ kind: 'bills', billIds: ['b1', 'b2'] });
  });

  it('on H5 without demo mode: explains that WeChat Pay needs the mini-program', async () => {
    mockRoute('POST /api/v1/fees/online-orders', { status: 201, body: order(false) });
    await expect(payBills({ billIds: ['b1'] })).rejects.toBeInstanceOf(PayError);
  });

  it('pays for another member (代缴) by naming them', async () => {
    const d = deps({});
    await payBills({ billIds: ['b1'], memberId: 'm2' }, d);
    expect(d.createOnlineOrder).toHaveBeenCalledWith({ kind: 'bills', billIds: ['b1'], memberId: 'm2' });
  });

  it('after WeChat Pay took the money, waits for the server to confirm (the notification) before saying paid', async () => {
    const getPayment = jest
      .fn()
      .mockResolvedValueOnce(feePayment({ status: 'pending' }))
      .mockRejectedValueOnce(new Error('network'))
      .mockResolvedValueOnce(feePayment());
    const d = deps({ getPayment });
    const result = await payBills({ billIds: ['b1'] }, d);
    expect(result.status).toBe('paid');
    expect(getPayment).toHaveBeenCalledTimes(3);
    expect(getPayment).toHaveBeenCalledWith(PAYMENT_ID, { toast: false });
  });

  it('stays pending when the confirmation has not arrived after polling', async () => {
    const d = deps({ getPayment: jest.fn(async () => feePayment({ status: 'pending' })) });
    expect(await payBills({ billIds: ['b1'] }, d, { attempts: 3, intervalMs: 10 })).toEqual({ status: 'pending', paymentId: PAYMENT_ID });
    expect(d.sleep).toHaveBeenCalledTimes(3);
  });

  it('does nothing more when the person closes the payment sheet', async () => {
    const d = deps({ payOrder: jest.fn(async () => ({ outcome: 'cancelled' as const })) });
    expect(await payBills({ billIds: ['b1'] }, d)).toEqual({ status: 'cancelled' });
    expect(d.getPayment).not.toHaveBeenCalled();
  });
});

import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { saveTokens } from '@/api/session';
import { memberMe } from '@test/fixtures';
import { PAYMENT_ID, feeBill, feePayment, myFees } from '@test/fees-fixtures';
import { mockRoute, requests } from '@test/mocks/taro';
import MyFeesPage from './index';

const calls = () => requests.map((r) => `${r.method} ${r.path}`);

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  mockRoute('GET /api/v1/auth/me', { status: 200, body: memberMe });
});

describe('MyFeesPage', () => {
  it('shows this month’s fee and how the server computed it, in yuan from integer fen', async () => {
    mockRoute('GET /api/v1/fees/me', { status: 200, body: myFees() });
    const { container } = render(<MyFeesPage />);
    expect(await screen.findByText('2026年11月党费')).toBeTruthy();
    expect(container.querySelector('.my-fees__amount')?.textContent).toBe('¥30.00');
    expect(screen.getByText('在职党员')).toBeTruthy();
    expect(screen.getByText('3000.01 元/月')).toBeTruthy();
    expect(screen.getByText('1.00%')).toBeTruthy();
    expect(screen.getByText('1000.00 元')).toBeTruthy();
    expect(screen.getByText(/超过 3000 元至 5000 元/)).toBeTruthy();
    expect(screen.getByText('党费已交到 2026年10月')).toBeTruthy();
    expect(screen.getByText('缴纳 ¥30.00（1个月）')).toBeTruthy();
    expect(screen.getByText('演示支付，非真实付款')).toBeTruthy();
  });

  it('pays the payable bills through the demo path and shows the receipt, then reloads', async () => {
    const older = feeBill({ month: '2026-09', amountDueFen: 1500 });
    const tooOld = feeBill({ month: '2026-03', payable: 'too_old', amountDueFen: 1500 });
    const before = myFees();
    mockRoute('GET /api/v1/fees/me', { status: 200, body: { ...before, unpaid: [tooOld, older, ...before.unpaid] } });
    mockRoute('POST /api/v1/fees/online-orders', {
      status: 201,
      body: {
        payment: feePayment({ status: 'pending', receiptNo: null }),
        demo: true,
        requestPayment: { appId: 'wx', timeStamp: '1', nonceStr: 'n', package: 'prepay_id=x', signType: 'RSA', paySign: 's' },
      },
    });
    mockRoute(`POST /api/v1/fees/online-orders/${PAYMENT_ID}/demo-pay`, { status: 200, body: feePayment({ amountFen: 4500 }) });
    render(<MyFeesPage />);

    expect(await screen.findByText('超过6个月，不能线上补交，请联系支部')).toBeTruthy();
    mockRoute('GET /api/v1/fees/me', { status: 200, body: myFees({ unpaid: [tooOld], currentBill: feeBill({ status: 'paid', statusLabel: '已交' }) }) });
    fireEvent.click(screen.getByText('缴纳 ¥45.00（2个月）'));

    expect(await screen.findByText('缴纳成功，45.00 元，收据号 DF2026-000001')).toBeTruthy();
    const order = requests.find((r) => r.path === '/api/v1/fees/online-orders');
    expect(order?.data).toEqual({ kind: 'bills', billIds: [older.id, before.unpaid[0]?.id] });
    await waitFor(() => expect(calls().filter((c) => c === 'GET /api/v1/fees/me')).toHaveLength(2));
    expect(calls()).toContain(`POST /api/v1/fees/online-orders/${PAYMENT_ID}/demo-pay`);
  });

  it('shows a failed order in place', async () => {
    mockRoute('GET /api/v1/fees/me', { status: 200, body: myFees() });
    mockRoute('POST /api/v1/fees/online-orders', { status: 422, body: { code: 'FEE_BACKPAY_LIMIT', message: '只能补交最近6个月的党费' } });
    render(<MyFeesPage />);
    fireEvent.click(await screen.findByText('缴纳 ¥30.00（1个月）'));
    expect(await screen.findByText('只能补交最近6个月的党费')).toBeTruthy();
  });

  it('explains a missing standard and offers no payment', async () => {
    mockRoute('GET /api/v1/fees/me', { status: 200, body: myFees({ standard: null, currentBill: null, unpaid: [] }) });
    render(<MyFeesPage />);
    expect(await screen.findByText(/支部尚未登记您本年度的党费基数/)).toBeTruthy();
    expect(screen.getByText('暂无账单')).toBeTruthy();
    expect(screen.queryByText(/^缴纳 ¥/)).toBeNull();
  });

  it('pays for another member under a 代缴 agreement by naming them in the order', async () => {
    const theirs = feeBill({ memberName: '张三', memberId: '99999999-9999-4999-8999-999999999999', amountDueFen: 20 });
    mockRoute('GET /api/v1/fees/me', {
      status: 200,
      body: myFees({
        unpaid: [],
        currentBill: null,
        proxyFor: [{ agreementId: '12121212-1212-4121-8121-121212121212', member: { id: theirs.memberId, name: '张三' }, unpaid: [theirs] }],
      }),
    });
    mockRoute('POST /api/v1/fees/online-orders', {
      status: 201,
      body: {
        payment: feePayment({ status: 'pending', receiptNo: null }),
        demo: true,
        requestPayment: { appId: 'wx', timeStamp: '1', nonceStr: 'n', package: 'prepay_id=x', signType: 'RSA', paySign: 's' },
      },
    });
    mockRoute(`POST /api/v1/fees/online-orders/${PAYMENT_ID}/demo-pay`, { status: 200, body: feePayment({ amountFen: 20 }) });
    render(<MyFeesPage />);
    expect(await screen.findByText('代缴：张三')).toBeTruthy();
    fireEvent.click(screen.getByText('代缴 ¥0.20'));
    expect(await screen.findByText('缴纳成功，0.20 元，收据号 DF2026-000001')).toBeTruthy();
    expect(requests.find((r) => r.path === '/api/v1/fees/online-orders')?.data).toEqual({ kind: 'bills', billIds: [theirs.id], memberId: theirs.memberId });
  });

  it('shows the error state with a retry', async () => {
    mockRoute('GET /api/v1/fees/me', { status: 500, body: { code: 'INTERNAL', message: '服务器错误' } });
    render(<MyFeesPage />);
    expect(await screen.findByText('加载失败')).toBeTruthy();
  });
});

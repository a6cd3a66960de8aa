import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { saveTokens } from '@/api/session';
import { BRANCH_ID, secretaryMe } from '@test/fixtures';
import { feeBill, feePayment } from '@test/fees-fixtures';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import FeeBillsPage from './index';

const page = (items: unknown[]) => ({ status: 200, body: { items, total: items.length, page: 1, pageSize: 20 } });
const billCalls = () => requests.filter((r) => r.path === '/api/v1/fees/bills');

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
  setRouterParams({ orgId: BRANCH_ID, orgName: encodeURIComponent('第一党支部') });
});

describe('FeeBillsPage', () => {
  it('lists the branch’s bills of the month, filters unpaid, and records a cash payment', async () => {
    const bill = feeBill({ memberName: '张三', amountDueFen: 2050 });
    mockRoute('GET /api/v1/fees/bills', page([bill, feeBill({ memberName: '李四', status: 'paid', statusLabel: '已交', receiptNo: 'DF2026-000007' })]));
    const { container } = render(<FeeBillsPage />);
    expect(await screen.findByText('张三')).toBeTruthy();
    expect(container.querySelector('.fee-money')?.textContent).toBe('¥20.50');
    expect(screen.getByText('收据 DF2026-000007')).toBeTruthy();
    expect(billCalls()[0]?.query.get('orgId')).toBe(BRANCH_ID);
    expect(billCalls()[0]?.query.get('month')).toMatch(/^\d{4}-\d{2}$/);

    fireEvent.click(screen.getByRole('tab', { name: '未交' }));
    await waitFor(() => expect(billCalls().at(-1)?.query.get('status')).toBe('unpaid'));

    mockRoute('POST /api/v1/fees/payments', { status: 201, body: feePayment({ method: 'cash', methodLabel: '现金' }) });
    fireEvent.click(await screen.findByText('登记收款'));
    fireEvent.click(screen.getByText('现金收款'));
    await waitFor(() => expect(requests.some((r) => r.path === '/api/v1/fees/payments')).toBe(true));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('20.50 元') }));
    expect(requests.find((r) => r.path === '/api/v1/fees/payments')?.data).toEqual({
      kind: 'bills',
      memberId: bill.memberId,
      billIds: [bill.id],
      amountFen: 2050,
      method: 'cash',
    });
  });

  it('shows the empty state', async () => {
    mockRoute('GET /api/v1/fees/bills', page([]));
    render(<FeeBillsPage />);
    expect(await screen.findByText('暂无账单')).toBeTruthy();
  });
});

import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { saveTokens } from '@/api/session';
import { secretaryMe } from '@test/fixtures';
import { computation } from '@test/fees-fixtures';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import FeeStandardPage from './index';

const M = '11111111-aaaa-4aaa-8aaa-111111111111';
const std = (over: Record<string, unknown> = {}) => ({
  id: 's1',
  memberId: M,
  year: 2026,
  effectiveMonth: '2026-01',
  category: 'salaried',
  baseFen: 300001,
  farmerAmountFen: null,
  voluntaryMonthlyFen: null,
  monthlyFeeFen: 3000,
  computation: computation(),
  note: null,
  recordedBy: null,
  updatedAt: '2026-01-05T00:00:00+08:00',
  ...over,
});

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
  setRouterParams({ memberId: M, memberName: encodeURIComponent('张三'), year: '2026' });
});

describe('FeeStandardPage', () => {
  it('shows the current standard, saves the base in fen and shows the server’s computed fee', async () => {
    mockRoute(`GET /api/v1/fees/standards/${M}`, { status: 200, body: { memberId: M, memberName: '张三', year: 2026, standards: [std()], carriedOver: null } });
    const saved = std({
      baseFen: 600000,
      monthlyFeeFen: 9000,
      computation: computation({
        baseFen: 600000,
        rateBp: 150,
        computedFen: 9000,
        monthlyFeeFen: 9000,
        explanation: '在职党员：月工资基数 6000.00 元，按 1.5% 交纳，每月 90.00 元。',
      }),
    });
    mockRoute(`PUT /api/v1/fees/standards/${M}`, { status: 200, body: saved });
    const { container } = render(<FeeStandardPage />);
    expect(await screen.findByText('当前标准')).toBeTruthy();
    expect(requests.find((r) => r.path === `/api/v1/fees/standards/${M}`)?.query.get('year')).toBe('2026');
    const base = container.querySelector('input[name="amount"]') as HTMLInputElement;
    expect(base.value).toBe('3000.01');

    fireEvent.change(base, { target: { value: '6000' } });
    fireEvent.change(container.querySelector('input[name="voluntary"]')!, { target: { value: '' } });
    fireEvent.click(screen.getByText('保存'));
    await waitFor(() => expect(requests.some((r) => r.method === 'PUT')).toBe(true));
    expect(requests.find((r) => r.method === 'PUT')?.data).toEqual({ year: 2026, category: 'salaried', baseFen: 600000, voluntaryMonthlyFen: null });
    expect(await screen.findByText('保存结果：服务器计算的党费')).toBeTruthy();
    expect(screen.getByText('在职党员：月工资基数 6000.00 元，按 1.5% 交纳，每月 90.00 元。')).toBeTruthy();
  });

  it('refuses a malformed amount before sending, and shows the server’s refusal in place', async () => {
    mockRoute(`GET /api/v1/fees/standards/${M}`, { status: 200, body: { memberId: M, memberName: '张三', year: 2026, standards: [], carriedOver: null } });
    const { container } = render(<FeeStandardPage />);
    expect(await screen.findByText('尚未登记党费基数，登记前不会生成账单。')).toBeTruthy();
    fireEvent.change(container.querySelector('input[name="amount"]')!, { target: { value: '12.345' } });
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('金额格式不正确，最多两位小数')).toBeTruthy();
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);

    mockRoute(`PUT /api/v1/fees/standards/${M}`, { status: 422, body: { code: 'FEE_VOLUNTARY_NOT_ABOVE', message: '自愿交纳金额须高于应交金额' } });
    fireEvent.change(container.querySelector('input[name="amount"]')!, { target: { value: '3000' } });
    fireEvent.change(container.querySelector('input[name="voluntary"]')!, { target: { value: '1' } });
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('自愿交纳金额须高于应交金额')).toBeTruthy();
    expect(requests.find((r) => r.method === 'PUT')?.data).toEqual({ year: 2026, category: 'salaried', baseFen: 300000, voluntaryMonthlyFen: 100 });
  });
});

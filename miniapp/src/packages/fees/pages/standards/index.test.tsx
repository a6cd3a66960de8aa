import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { saveTokens } from '@/api/session';
import { pickAndUploadXlsx } from '@/platform/file-upload';
import { BRANCH_ID, secretaryMe } from '@test/fixtures';
import { computation } from '@test/fees-fixtures';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import FeeStandardsPage from './index';

jest.mock('@/platform/file-upload', () => ({ pickAndUploadXlsx: jest.fn() }));
const upload = pickAndUploadXlsx as jest.MockedFunction<typeof pickAndUploadXlsx>;

const M1 = '11111111-aaaa-4aaa-8aaa-111111111111';
const M2 = '22222222-aaaa-4aaa-8aaa-222222222222';
const row = (id: string, name: string, standard: unknown) => ({ member: { id, name, status: 'full', orgId: BRANCH_ID, orgName: '第一党支部' }, standard });
const standard = {
  id: 's1',
  memberId: M1,
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
};

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
  setRouterParams({ orgId: BRANCH_ID, orgName: encodeURIComponent('第一党支部') });
  mockRoute('GET /api/v1/fees/standards', {
    status: 200,
    body: { items: [row(M1, '张三', standard), row(M2, '李四', null)], total: 2, page: 1, pageSize: 20 },
  });
});

describe('FeeStandardsPage', () => {
  it('lists members with their standard, opens the form, and generates this month’s bills', async () => {
    const { container } = render(<FeeStandardsPage />);
    expect(await screen.findByText('张三')).toBeTruthy();
    expect(screen.getByText('未登记')).toBeTruthy();
    expect(container.querySelector('.fee-money')?.textContent).toBe('¥30.00');
    const q = requests.find((r) => r.path === '/api/v1/fees/standards')?.query;
    expect(q?.get('orgId')).toBe(BRANCH_ID);
    expect(q?.get('year')).toMatch(/^\d{4}$/);

    fireEvent.click(screen.getByText('李四'));
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: expect.stringContaining(`/packages/fees/pages/standard/index?memberId=${M2}`) }));

    mockRoute('POST /api/v1/fees/bills/generate', { status: 200, body: { month: '2026-11', created: 12, missingStandard: 1 } });
    fireEvent.click(screen.getByText(/^生成.*账单$/));
    expect(await screen.findByText('2026年11月：新生成 12 张账单，另有 1 人未登记基数，暂未生成')).toBeTruthy();
    const gen = requests.find((r) => r.path === '/api/v1/fees/bills/generate');
    expect(gen?.data).toEqual({ orgId: BRANCH_ID, month: expect.stringMatching(/^\d{4}-\d{2}$/) });
  });

  it('shows the server’s row-by-row report when the import is refused, and the count when it succeeds', async () => {
    render(<FeeStandardsPage />);
    await screen.findByText('张三');
    upload.mockResolvedValueOnce({
      status: 422,
      body: {
        ok: false,
        code: 'FEE_IMPORT_INVALID',
        message: '有 2 行数据有误，未导入',
        errors: [
          { row: 3, column: '基数', message: '金额格式不正确' },
          { row: 5, column: null, message: '找不到该党员' },
        ],
      },
    });
    fireEvent.click(screen.getByText('导入基数(.xlsx)'));
    expect(await screen.findByText('导入未完成，未做任何修改')).toBeTruthy();
    expect(screen.getByText('第 3 行 · 基数')).toBeTruthy();
    expect(screen.getByText('找不到该党员')).toBeTruthy();
    expect(upload).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`^/fees/standards/import\\?orgId=${BRANCH_ID}&year=\\d{4}$`)));

    upload.mockResolvedValueOnce({ status: 200, body: { ok: true, dryRun: false, updated: 7, year: 2026 } });
    fireEvent.click(screen.getByText('导入基数(.xlsx)'));
    expect(await screen.findByText('导入成功，已更新 7 名党员的2026年党费基数')).toBeTruthy();
    expect(screen.queryByText('导入未完成，未做任何修改')).toBeNull();
  });
});

import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { saveTokens } from '@/api/session';
import { BRANCH_ID, secretaryMe } from '@test/fixtures';
import { transferItem } from '@test/transfer-fixtures';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import TransferQueuesPage from './index';

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
  setRouterParams({ orgId: BRANCH_ID, orgName: '第一党支部' });
});

describe('TransferQueuesPage', () => {
  it('shows the three queues with their counts and opens each (T6)', async () => {
    mockRoute('GET /api/v1/transfers/queue', (req) => ({
      status: 200,
      body: {
        items:
          req.query.get('queue') === 'overdue'
            ? [transferItem({ state: 'letter_issued', stateLabel: '已开具介绍信', awaitingLabel: '接收基层党委', dueOn: '2026-11-01', overdue: true })]
            : [transferItem()],
        total: 1,
        page: 1,
        pageSize: 20,
        counts: { todo: 1, waiting: 0, overdue: 1 },
      },
    }));
    render(<TransferQueuesPage />);
    expect(await screen.findByText('待办 1')).toBeTruthy();
    expect(screen.getByText('待对方办理 0')).toBeTruthy();
    expect(screen.getByText('待转出党支部办理')).toBeTruthy();
    expect(screen.getByText('登记纸质介绍信转入')).toBeTruthy();
    fireEvent.click(screen.getByText('逾期 1'));
    expect(await screen.findByText('待接收基层党委办理 · 期限 2026年11月1日 · 已逾期')).toBeTruthy();
    await waitFor(() =>
      expect(requests.filter((r) => r.path === '/api/v1/transfers/queue').map((r) => [r.query.get('queue'), r.query.get('orgId')])).toEqual([
        ['todo', BRANCH_ID],
        ['overdue', BRANCH_ID],
      ]),
    );
  });
});

describe('TransferQueuesPage — starting a transfer for a member (T2)', () => {
  it('picks a member of the subtree and opens the form in their name', async () => {
    mockRoute('GET /api/v1/transfers/queue', {
      status: 200,
      body: { items: [], total: 0, page: 1, pageSize: 20, counts: { todo: 0, waiting: 0, overdue: 0 } },
    });
    mockRoute('GET /api/v1/members', {
      status: 200,
      body: { items: [{ id: '13131313-1313-4131-8131-131313131313', name: '周华', orgName: '第一党支部' }], total: 1, page: 1, pageSize: 50 },
    });
    render(<TransferQueuesPage />);
    expect(await screen.findByText('没有待办的转接')).toBeTruthy();
    fireEvent.click(screen.getByText('为党员发起转接'));
    fireEvent.click(await screen.findByText('周华'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/packages/transfer/pages/apply/index?memberId=13131313-1313-4131-8131-131313131313&memberName=${encodeURIComponent('周华')}`,
    });
    expect(requests.find((r) => r.path === '/api/v1/members')?.query.get('orgId')).toBe(BRANCH_ID);
  });
});

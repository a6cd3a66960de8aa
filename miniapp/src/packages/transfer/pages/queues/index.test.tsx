import { fireEvent, render, screen, waitFor } from '@testing-library/react';
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
        items: req.query.get('queue') === 'overdue' ? [transferItem({ state: 'letter_issued', stateLabel: '已开具介绍信', awaitingLabel: '接收基层党委', dueOn: '2026-11-01', overdue: true })] : [transferItem()],
        total: 1,
        page: 1,
        pageSize: 20,
        counts: { todo: 1, waiting: 0, overdue: 1 },
      },
    }));
    render(<TransferQueuesPage />);
    expect(await screen.findByText('待办 1')).toBeTruthy();
    expect(screen.getByText('未办结 0')).toBeTruthy();
    expect(screen.getByText('待转出党支部办理')).toBeTruthy();
    expect(screen.getByText('登记纸质介绍信转入')).toBeTruthy();
    fireEvent.click(screen.getByText('逾期 1'));
    expect(await screen.findByText('待接收基层党委办理 · 期限 2026年11月1日 · 已逾期')).toBeTruthy();
    await waitFor(() => expect(requests.filter((r) => r.path === '/api/v1/transfers/queue').map((r) => [r.query.get('queue'), r.query.get('orgId')])).toEqual([
      ['todo', BRANCH_ID],
      ['overdue', BRANCH_ID],
    ]));
  });
});

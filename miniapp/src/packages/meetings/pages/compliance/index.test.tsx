import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { saveTokens } from '@/api/session';
import { BRANCH_ID, secretaryMe } from '@test/fixtures';
import { firePullDownRefresh, mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import CompliancePage from './index';

const calls = () => requests.filter((r) => r.path === '/api/v1/meetings/compliance');

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
  setRouterParams({ orgId: BRANCH_ID, orgName: encodeURIComponent('第一党支部') });
});

describe('CompliancePage', () => {
  it('marks the missing and met periods of each required meeting', async () => {
    const org = {
      orgId: BRANCH_ID,
      name: '第一党支部',
      kind: 'branch',
      missing: 1,
      requirements: [
        {
          type: 'theme_day',
          period: 'month',
          min: 1,
          group: null,
          applicable: true,
          note: null,
          met: 1,
          missing: 1,
          buckets: [
            { label: '2025-01', from: '2025-01-01', to: '2025-01-31', held: 1, state: 'met' },
            { label: '2025-02', from: '2025-02-01', to: '2025-02-28', held: 0, state: 'missing' },
          ],
        },
      ],
    };
    mockRoute('GET /api/v1/meetings/compliance', { status: 200, body: { items: [org], total: 1, page: 1, pageSize: 10, year: 2025, rulesVersion: 1 } });
    render(<CompliancePage />);

    // 总览: one row per branch, a cell per meeting type; the row opens its months.
    expect(await screen.findByText('缺1')).toBeTruthy();
    fireEvent.click(document.querySelector(`[data-org="${org.orgId}"]`)!);
    expect(await screen.findByText('缺 1 期')).toBeTruthy();
    expect(screen.getByText('主题党日')).toBeTruthy();
    expect(screen.getByLabelText('2月缺')).toBeTruthy();
    expect(screen.getByLabelText('1月已开')).toBeTruthy();
    expect(calls()[0]?.query.get('orgId')).toBe(BRANCH_ID);

    act(() => firePullDownRefresh());
    await waitFor(() => expect(calls()).toHaveLength(2));
  });

  it('shows the empty and error states', async () => {
    mockRoute('GET /api/v1/meetings/compliance', { status: 200, body: { items: [], total: 0, page: 1, pageSize: 10, year: 2025, rulesVersion: 1 } });
    const { unmount } = render(<CompliancePage />);
    expect(await screen.findByText('没有需要考核的支部')).toBeTruthy();
    unmount();

    mockRoute('GET /api/v1/meetings/compliance', { status: 500, body: { message: '服务器开小差了' } });
    render(<CompliancePage />);
    expect(await screen.findByText('加载失败')).toBeTruthy();
  });
});

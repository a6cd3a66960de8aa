import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { saveTokens } from '@/api/session';
import { BRANCH_ID, secretaryMe } from '@test/fixtures';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import ReviewCasesPage from './index';

const CASE_ID = '66666666-6666-4666-8666-666666666666';
const reviewCase = {
  id: CASE_ID,
  kind: 'no_org_life_6_months',
  kindLabel: '连续六个月未参加组织生活',
  member: { id: '77777777-7777-4777-8777-777777777777', name: '张三' },
  organisation: { id: BRANCH_ID, name: '第一党支部' },
  openedAt: '2025-07-01T01:00:00Z',
  status: 'open',
  details: { lastAttendedAt: '2024-12-20T02:00:00Z', cutoff: '2025-07-01T00:00:00+08:00' },
  closedAt: null,
  closedBy: null,
  closeNote: null,
};
const page = (items: unknown[]) => ({ status: 200, body: { items, total: items.length, page: 1, pageSize: 20 } });

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
  setRouterParams({ orgId: BRANCH_ID, orgName: encodeURIComponent('第一党支部') });
});

describe('ReviewCasesPage', () => {
  it('lists the open cases, says nothing is removed automatically, and closes one with a note', async () => {
    mockRoute('GET /api/v1/review-cases', page([reviewCase]));
    mockRoute(`POST /api/v1/review-cases/${CASE_ID}/close`, { status: 200, body: { ...reviewCase, status: 'closed' } });
    render(<ReviewCasesPage />);

    expect(await screen.findByText('张三')).toBeTruthy();
    expect(screen.getByText('最后一次参加组织生活：2024年12月20日')).toBeTruthy();
    expect(screen.getByText(/不会自动处置或除名/)).toBeTruthy();
    const list = requests.filter((r) => r.path === '/api/v1/review-cases');
    expect(list[0]?.query.get('status')).toBe('open');
    expect(list[0]?.query.get('orgId')).toBe(BRANCH_ID);

    fireEvent.click(screen.getByText('办结'));
    mockRoute('GET /api/v1/review-cases', page([]));
    fireEvent.change(screen.getByRole('textbox'), { target: { value: '已谈话提醒' } });
    fireEvent.click(screen.getAllByText('办结').at(-1)!);

    await waitFor(() => expect(requests.find((r) => r.path === `/api/v1/review-cases/${CASE_ID}/close`)?.data).toEqual({ note: '已谈话提醒' }));
    expect(await screen.findByText('暂无待处理事项')).toBeTruthy();
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已办结' }));
  });

  it('runs the scan now', async () => {
    mockRoute('GET /api/v1/review-cases', page([]));
    mockRoute('POST /api/v1/review-cases/scan', {
      status: 200,
      body: { kind: 'no_org_life_6_months', scanned: 30, opened: 2, cutoff: '2025-07-01T00:00:00+08:00' },
    });
    render(<ReviewCasesPage />);
    expect(await screen.findByText('暂无待处理事项')).toBeTruthy();
    fireEvent.click(screen.getByText('立即检查'));
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '新发现 2 项' })));
    expect(requests.find((r) => r.path === '/api/v1/review-cases/scan')?.data).toEqual({ orgId: BRANCH_ID });
  });
});

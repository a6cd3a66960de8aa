import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { saveTokens } from '@/api/session';
import { BRANCH_ID, ORG_ID, orgWorkerMe } from '@test/fixtures';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import AttendanceRatePage from './index';

const calls = () => requests.filter((r) => r.path === '/api/v1/meetings/attendance-rate');
const totals = (rate: number | null) => ({ meetings: 2, expected: 20, present: 16, onLeave: 2, absent: 2, rate });

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  mockRoute('GET /api/v1/auth/me', { status: 200, body: orgWorkerMe });
  setRouterParams({});
});

describe('AttendanceRatePage', () => {
  it('shows the subtree’s rate and its organisations, for the chosen period', async () => {
    mockRoute('GET /api/v1/meetings/attendance-rate', {
      status: 200,
      body: {
        orgId: ORG_ID,
        name: '园区联合党委',
        from: null,
        to: null,
        total: totals(0.8),
        children: [{ ...totals(0.8), orgId: BRANCH_ID, name: '第一党支部', kind: 'branch' }],
      },
    });
    render(<AttendanceRatePage />);

    expect(await screen.findByText('第一党支部')).toBeTruthy();
    expect(screen.getAllByText('80%')).toHaveLength(2);
    expect(calls()[0]?.query.get('orgId')).toBe(ORG_ID);
    expect(calls()[0]?.query.get('from')).toMatch(/^\d{4}-01-01$/);

    fireEvent.click(screen.getByText('全部'));
    await waitFor(() => expect(calls().at(-1)?.query.get('from')).toBeNull());
  });
});

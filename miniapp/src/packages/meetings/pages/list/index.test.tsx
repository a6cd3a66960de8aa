import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { saveTokens } from '@/api/session';
import { BRANCH_ID, meetingSummary, MEETING_ID, secretaryMe } from '@test/fixtures';
import { fireDidShow, mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import MeetingListPage from './index';

const page = (items: unknown[]) => ({ status: 200, body: { items, total: items.length, page: 1, pageSize: 20 } });
const listCalls = () => requests.filter((r) => r.path === '/api/v1/meetings');

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
  setRouterParams({ orgId: BRANCH_ID, orgName: encodeURIComponent('第一党支部') });
});

describe('MeetingListPage', () => {
  it('lists the organisation’s meetings with their counts, filters by status, and opens one', async () => {
    mockRoute('GET /api/v1/meetings', page([meetingSummary({ status: 'ended', complete: true })]));
    render(<MeetingListPage />);

    expect(await screen.findByText('11月主题党日')).toBeTruthy();
    expect(screen.getByText('记录完整')).toBeTruthy();
    expect(screen.getByText('应到 12 · 已签到 3 · 请假 1')).toBeTruthy();
    expect(listCalls()[0]?.query.get('orgId')).toBe(BRANCH_ID);

    fireEvent.click(screen.getByText('进行中'));
    await waitFor(() => expect(listCalls().at(-1)?.query.get('status')).toBe('in_progress'));

    fireEvent.click(await screen.findByText('11月主题党日'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/meetings/pages/detail/index?id=${MEETING_ID}` });
  });

  it('leads to the organisation’s compliance, attendance rates and review cases', async () => {
    mockRoute('GET /api/v1/meetings', page([]));
    render(<MeetingListPage />);
    const q = `orgId=${BRANCH_ID}&orgName=${encodeURIComponent('第一党支部')}`;
    fireEvent.click(await screen.findByText('落实情况'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/meetings/pages/compliance/index?${q}` });
    fireEvent.click(screen.getByText('参会率'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/meetings/pages/attendance-rate/index?${q}` });
    fireEvent.click(screen.getByText('审查事项'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/meetings/pages/review-cases/index?${q}` });
  });

  it('creates a meeting for the organisation and shows it on return', async () => {
    mockRoute('GET /api/v1/meetings', page([]));
    render(<MeetingListPage />);
    expect(await screen.findByText('暂无会议')).toBeTruthy();
    act(() => fireDidShow());

    fireEvent.click(screen.getByText('新建会议'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/packages/meetings/pages/create/index?orgId=${BRANCH_ID}&orgName=${encodeURIComponent('第一党支部')}`,
    });

    mockRoute('GET /api/v1/meetings', page([meetingSummary()]));
    act(() => fireDidShow());
    expect(await screen.findByText('11月主题党日')).toBeTruthy();
  });
});

import Taro from '@tarojs/taro';
import { fireEvent, render, screen } from '@testing-library/react';
import { saveTokens } from '@/api/session';
import { SIGN_IN_PAGE } from '@/api/client';
import { memberMe, orgWorkerMe, secretaryMe } from '@test/fixtures';
import { mockRoute } from '@test/mocks/taro';
import HomePage from './index';

describe('HomePage', () => {
  it('greets the person with their organisation and opens the member roll', async () => {
    saveTokens({ accessToken: 'a', refreshToken: 'r' });
    mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
    render(<HomePage />);

    expect(await screen.findByText('党员名册')).toBeTruthy();
    expect(screen.getByText(/王书记/)).toBeTruthy();
    expect(screen.getByText('书记')).toBeTruthy();
    expect(screen.getByText('当前为演示环境，页面中的人员和组织均为虚构数据。')).toBeTruthy();

    fireEvent.click(screen.getByText('党员名册'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: expect.stringContaining('/packages/admin/pages/members/index?orgId=') });
  });

  it('shows a plain member no management entries', async () => {
    saveTokens({ accessToken: 'a', refreshToken: 'r' });
    mockRoute('GET /api/v1/auth/me', { status: 200, body: memberMe });
    render(<HomePage />);

    expect(await screen.findByText('我的档案')).toBeTruthy();
    expect(screen.queryByText('党员名册')).toBeNull();
    expect(screen.queryByText('组织架构')).toBeNull();
  });

  it('shows the secretary their branch’s open work first, today’s items, banners and the latest notices, and badges the tab', async () => {
    saveTokens({ accessToken: 'a', refreshToken: 'r' });
    mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
    mockRoute('GET /api/v1/home', {
      status: 200,
      body: {
        banners: [
          { id: 'b1', organisationId: 'o', orgName: '联合党委', title: '七一主题党日', imageUrl: '/api/v1/notices/files/x?exp=1&sig=s', link: null, sort: 0 },
        ],
        today: [
          {
            kind: 'meeting',
            id: 'm1',
            title: '六月党员大会',
            detail: '6月10日 14:00 · 三楼会议室',
            at: '2025-06-10T06:00:00Z',
            page: '/packages/checkin/pages/meeting/index?id=m1',
          },
        ],
        notices: [
          {
            id: 'n1',
            title: '请确认参加党员大会',
            organisationId: 'o',
            orgName: '第一党支部',
            publishedAt: '2025-06-10T04:00:00Z',
            publisherName: '王书记',
            pinned: false,
            requiresAck: true,
            expiresAt: null,
            withdrawn: false,
            readAt: null,
            ackedAt: null,
          },
        ],
        news: [],
        todoCount: 3,
        secretaryWork: [{ source: 'leave', label: '请假审批', count: 2 }],
      },
    });
    render(<HomePage />);

    expect(await screen.findByText('本支部待办')).toBeTruthy();
    expect(screen.getByText('请假审批')).toBeTruthy();
    expect(screen.getByText('六月党员大会')).toBeTruthy();
    expect(screen.getByText('七一主题党日')).toBeTruthy();
    expect(screen.getByText('待办 3 ›')).toBeTruthy();
    fireEvent.click(screen.getByText('请确认参加党员大会'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/notices/pages/detail/index?id=n1' });
  });

  it('shows a committee worker their committee’s work, never 本支部, and no empty 今日事项 beside a to-do count', async () => {
    saveTokens({ accessToken: 'a', refreshToken: 'r' });
    mockRoute('GET /api/v1/auth/me', { status: 200, body: orgWorkerMe });
    mockRoute('GET /api/v1/home', {
      status: 200,
      body: { banners: [], today: [], notices: [], news: [], todoCount: 3, secretaryWork: [{ source: 'transfers', label: '组织关系转接', count: 3 }] },
    });
    render(<HomePage />);

    expect(await screen.findByText('工作待办')).toBeTruthy();
    expect(screen.getAllByText('园区联合党委').some((e) => e.className === 'home__scope')).toBe(true);
    expect(screen.getByText('待办 3 ›')).toBeTruthy();
    expect(screen.getByText('组织关系转接')).toBeTruthy();
    expect(screen.queryByText('本支部待办')).toBeNull();
    expect(screen.queryByText('今日事项')).toBeNull();
  });

  it('says what an empty work section means', async () => {
    saveTokens({ accessToken: 'a', refreshToken: 'r' });
    mockRoute('GET /api/v1/auth/me', { status: 200, body: secretaryMe });
    mockRoute('GET /api/v1/home', { status: 200, body: { banners: [], today: [], notices: [], news: [], todoCount: 0, secretaryWork: [] } });
    render(<HomePage />);

    expect(await screen.findByText('本支部待办')).toBeTruthy();
    expect(screen.getByText('没有等待您办理的审批、转接或提醒')).toBeTruthy();
    expect(screen.getByText('今天没有您要参加的会议、待缴的党费或到期的学习和通知')).toBeTruthy();
  });

  it('sends a visitor without a session to sign in', () => {
    render(<HomePage />);

    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: SIGN_IN_PAGE });
  });
});

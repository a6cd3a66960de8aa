import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Notification } from '@dangjian/shared';
import { saveTokens } from '@/api/session';
import { TRANSFER_ID } from '@test/transfer-fixtures';
import { mockRoute, requests } from '@test/mocks/taro';
import InboxPage from './index';

const note = (over: Partial<Notification> = {}): Notification => ({
  id: '14141414-1414-4141-8141-141414141414',
  kind: 'transfer.step',
  title: '组织关系转接：待党支部同意',
  body: '李明的系统内转接已申请转接，待转出党支部办理',
  link: `/packages/transfer/pages/detail/index?id=${TRANSFER_ID}`,
  createdAt: '2026-11-22T02:00:00.000Z',
  readAt: null,
  ...over,
});

beforeEach(() => saveTokens({ accessToken: 'a', refreshToken: 'r' }));

describe('InboxPage', () => {
  it('marks a notification read when it is opened and follows its link', async () => {
    mockRoute('GET /api/v1/notifications', { status: 200, body: { items: [note()], total: 1, page: 1, pageSize: 20, unread: 1 } });
    mockRoute('POST /api/v1/notifications/read', { status: 200, body: { unread: 0 } });
    render(<InboxPage />);
    fireEvent.click(await screen.findByText('组织关系转接：待党支部同意'));
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/transfer/pages/detail/index?id=${TRANSFER_ID}` }));
    expect(requests.find((r) => r.method === 'POST')?.data).toEqual({ ids: [note().id] });
  });

  it('marks everything read at once, and shows nothing to do when empty', async () => {
    mockRoute('GET /api/v1/notifications', {
      status: 200,
      body: {
        items: [note(), note({ id: '15151515-1515-4151-8151-151515151515', readAt: '2026-11-22T03:00:00.000Z' })],
        total: 2,
        page: 1,
        pageSize: 20,
        unread: 1,
      },
    });
    mockRoute('POST /api/v1/notifications/read', { status: 200, body: { unread: 0 } });
    render(<InboxPage />);
    mockRoute('GET /api/v1/notifications', { status: 200, body: { items: [], total: 0, page: 1, pageSize: 20, unread: 0 } });
    fireEvent.click(await screen.findByText('全部标为已读'));
    expect(await screen.findByText('暂无消息')).toBeTruthy();
    expect(requests.find((r) => r.method === 'POST')?.data).toEqual({ all: true });
  });
});

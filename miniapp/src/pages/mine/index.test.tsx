import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { getAccessToken, saveTokens } from '@/api/session';
import { SIGN_IN_PAGE } from '@/api/client';
import { BRANCH_ID, member, memberMe } from '@test/fixtures';
import { mockRoute, requests } from '@test/mocks/taro';
import MinePage from './index';

beforeEach(() => {
  saveTokens({ accessToken: 'a', refreshToken: 'r' });
  mockRoute('GET /api/v1/auth/me', { status: 200, body: memberMe });
  mockRoute('GET /api/v1/members/me', { status: 200, body: member({ name: '李明', phone: '139****0001' }) });
});

describe('MinePage', () => {
  it('shows the masked profile, and the organisation name alone when its record is refused', async () => {
    mockRoute(`GET /api/v1/organisations/${BRANCH_ID}`, { status: 403, body: { code: 'FORBIDDEN', message: '无权查看' } });
    render(<MinePage />);

    // The profile opens from the menu.
    fireEvent.click(await screen.findByText('我的档案'));
    expect(await screen.findByText('139****0001')).toBeTruthy();
    expect(screen.getByText('党员')).toBeTruthy();
    expect(screen.getAllByText('第一党支部').length).toBeGreaterThan(0);
    await waitFor(() => expect(requests.some((r) => r.path === `/api/v1/organisations/${BRANCH_ID}`)).toBe(true));
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  it('signs out on the server, forgets the tokens and returns to sign-in', async () => {
    mockRoute('POST /api/v1/auth/sign-out', { status: 204 });
    render(<MinePage />);

    fireEvent.click(await screen.findByText('退出登录'));

    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: SIGN_IN_PAGE }));
    expect(requests.find((r) => r.path === '/api/v1/auth/sign-out')?.data).toEqual({ refreshToken: 'r' });
    expect(getAccessToken()).toBeNull();
  });
});

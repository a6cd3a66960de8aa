import Taro from '@tarojs/taro';
import { fireEvent, render, screen } from '@testing-library/react';
import { saveTokens } from '@/api/session';
import { SIGN_IN_PAGE } from '@/api/client';
import { memberMe, secretaryMe } from '@test/fixtures';
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

  it('sends a visitor without a session to sign in', () => {
    render(<HomePage />);

    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: SIGN_IN_PAGE });
  });
});

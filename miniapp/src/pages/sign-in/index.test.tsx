import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { DemoUser } from '@dangjian/shared';
import { getAccessToken } from '@/api/session';
import { secretaryMe, signInResult } from '@test/fixtures';
import { mockRoute, requests, setRouterParams } from '@test/mocks/taro';
import SignInPage, { afterSignIn } from './index';

const demoUsers: DemoUser[] = [
  { key: 'member', displayName: '李明', description: '普通党员', username: 'demo-member' },
  { key: 'secretary', displayName: '王书记', description: '第一党支部书记', username: 'demo-secretary' },
];

describe('SignInPage (H5)', () => {
  it('signs in with a demo account and opens 首页', async () => {
    mockRoute('GET /api/v1/auth/demo-users', { status: 200, body: demoUsers });
    mockRoute('POST /api/v1/auth/demo', { status: 200, body: signInResult(secretaryMe) });
    render(<SignInPage />);

    fireEvent.click(await screen.findByText('第一党支部书记'));

    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' }));
    expect(requests.find((r) => r.path === '/api/v1/auth/demo')?.data).toEqual({ key: 'secretary' });
    expect(getAccessToken()).toBe('access-1');
  });

  it('hides the picker outside demo mode and shows a refused password in the form', async () => {
    mockRoute('POST /api/v1/auth/password', { status: 401, body: { code: 'UNAUTHENTICATED', message: '用户名或密码错误' } });
    render(<SignInPage />);
    await waitFor(() => expect(requests.some((r) => r.path === '/api/v1/auth/demo-users')).toBe(true));

    fireEvent.click(screen.getByText('登录'));
    expect(screen.getByRole('alert').textContent).toBe('请输入用户名');

    fireEvent.change(screen.getByPlaceholderText('请输入用户名'), { target: { value: ' worker ' } });
    fireEvent.change(screen.getByPlaceholderText('请输入密码'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByText('登录'));

    expect((await screen.findByRole('alert')).textContent).toBe('用户名或密码错误');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('用户名或密码错误'));
    expect(screen.queryByText('演示账号')).toBeNull();
    expect(requests.find((r) => r.path === '/api/v1/auth/password')?.data).toEqual({ username: 'worker', password: 'wrong' });
    expect(Taro.reLaunch).not.toHaveBeenCalled();
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  it('comes back to the check-in a QR code opened before signing in', async () => {
    const back = '/packages/checkin/pages/scan/index?t=v1.k1.abc.1.def';
    setRouterParams({ redirect: encodeURIComponent(back) });
    mockRoute('GET /api/v1/auth/demo-users', { status: 200, body: demoUsers });
    mockRoute('POST /api/v1/auth/demo', { status: 200, body: signInResult(secretaryMe) });
    render(<SignInPage />);

    fireEvent.click(await screen.findByText('第一党支部书记'));

    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: back }));
  });
});

describe(afterSignIn.name, () => {
  it('follows only addresses inside the app', () => {
    expect(afterSignIn(undefined)).toBe('/pages/home/index');
    expect(afterSignIn(encodeURIComponent('/packages/checkin/pages/index/index'))).toBe('/packages/checkin/pages/index/index');
    expect(afterSignIn(encodeURIComponent('https://evil.example/'))).toBe('/pages/home/index');
    expect(afterSignIn(encodeURIComponent('//evil.example/pages/x'))).toBe('/pages/home/index');
    expect(afterSignIn('%E0%A4%A')).toBe('/pages/home/index');
  });
});

import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { memberMe, signInResult } from '@test/fixtures';
import { mockRoute, requests } from '@test/mocks/taro';
import { WechatSignIn } from './WechatSignIn';

const getCode = async () => 'wx-code-1';

describe(WechatSignIn.name, () => {
  it('signs in straight away when the WeChat identity is already bound', async () => {
    const session = signInResult(memberMe);
    mockRoute('POST /api/v1/auth/wechat', { status: 200, body: { status: 'signed_in', session } });
    const onSignedIn = jest.fn();
    render(<WechatSignIn getCode={getCode} onSignedIn={onSignedIn} />);

    fireEvent.click(screen.getByText('微信一键登录'));

    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(session));
    expect(requests[0]?.data).toEqual({ code: 'wx-code-1' });
  });

  it('binds a new identity with phone and 绑定码, checking them first', async () => {
    const session = signInResult(memberMe);
    mockRoute('POST /api/v1/auth/wechat', { status: 200, body: { status: 'needs_binding', bindTicket: 'ticket-1' } });
    mockRoute('POST /api/v1/auth/wechat/bind', { status: 200, body: session });
    const onSignedIn = jest.fn();
    render(<WechatSignIn getCode={getCode} onSignedIn={onSignedIn} />);
    fireEvent.click(screen.getByText('微信一键登录'));

    fireEvent.change(await screen.findByPlaceholderText('11 位手机号码'), { target: { value: '1380013800' } });
    fireEvent.change(screen.getByPlaceholderText('6 位数字'), { target: { value: '123456' } });
    fireEvent.click(screen.getByText('绑定并登录'));
    expect(screen.getByRole('alert').textContent).toBe('手机号码格式不正确');

    fireEvent.change(screen.getByPlaceholderText('11 位手机号码'), { target: { value: '13800138000' } });
    fireEvent.click(screen.getByText('绑定并登录'));

    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(session));
    expect(requests.find((r) => r.path === '/api/v1/auth/wechat/bind')?.data).toEqual({
      bindTicket: 'ticket-1',
      phone: '13800138000',
      bindingCode: '123456',
    });
  });

  it('starts over when the bind ticket has expired', async () => {
    mockRoute('POST /api/v1/auth/wechat', { status: 200, body: { status: 'needs_binding', bindTicket: 'ticket-1' } });
    mockRoute('POST /api/v1/auth/wechat/bind', {
      status: 401,
      body: { code: 'BIND_TICKET_INVALID', message: '绑定已超时，请重新登录' },
    });
    render(<WechatSignIn getCode={getCode} onSignedIn={jest.fn()} />);
    fireEvent.click(screen.getByText('微信一键登录'));
    fireEvent.change(await screen.findByPlaceholderText('11 位手机号码'), { target: { value: '13800138000' } });
    fireEvent.change(screen.getByPlaceholderText('6 位数字'), { target: { value: '123456' } });

    fireEvent.click(screen.getByText('绑定并登录'));

    expect(await screen.findByText('微信一键登录')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('绑定已超时，请重新登录');
  });
});

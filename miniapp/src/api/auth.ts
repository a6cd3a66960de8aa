import type {
  DemoSignInDto,
  DemoUser,
  Me,
  PasswordSignInDto,
  SignInResult,
  SignOutDto,
  WechatBindDto,
  WechatSignInDto,
  WechatSignInResult,
} from '@dangjian/shared';
import { request } from './client';
import { getRefreshToken } from './session';

// Sign-in calls show their errors inside the form, so they do not toast.
export const signInWithPassword = (body: PasswordSignInDto) => request<SignInResult>('/auth/password', { method: 'POST', body, auth: false, toast: false });

export const signInWithWechat = (body: WechatSignInDto) => request<WechatSignInResult>('/auth/wechat', { method: 'POST', body, auth: false, toast: false });

export const bindWechat = (body: WechatBindDto) => request<SignInResult>('/auth/wechat/bind', { method: 'POST', body, auth: false, toast: false });

/** 404s when the server is not in demo mode; the caller then shows no picker. */
export const listDemoUsers = () => request<DemoUser[]>('/auth/demo-users', { auth: false, toast: false });

export const signInAsDemoUser = (body: DemoSignInDto) => request<SignInResult>('/auth/demo', { method: 'POST', body, auth: false, toast: false });

export const getMe = () => request<Me>('/auth/me');

/** The refresh token names the session even when the access token has already expired. */
export const signOut = () => {
  const refreshToken = getRefreshToken();
  const body: SignOutDto = refreshToken ? { refreshToken } : {};
  return request<void>('/auth/sign-out', { method: 'POST', body, toast: false });
};

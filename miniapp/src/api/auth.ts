import type {
  DemoUser,
  Me,
  PasswordSignInDto,
  SignInResult,
  WechatBindDto,
  WechatSignInDto,
  WechatSignInResult,
} from '@dangjian/shared';
import { request } from './client';
import { getRefreshToken } from './session';

// Sign-in calls show their errors inside the form, so they do not toast.
export const signInWithPassword = (body: PasswordSignInDto) =>
  request<SignInResult>('/auth/password', { method: 'POST', body, auth: false, toast: false });

export const signInWithWechat = (body: WechatSignInDto) =>
  request<WechatSignInResult>('/auth/wechat', { method: 'POST', body, auth: false, toast: false });

export const bindWechat = (body: WechatBindDto) =>
  request<SignInResult>('/auth/wechat/bind', { method: 'POST', body, auth: false, toast: false });

/** 404s when the server is not in demo mode; the caller then shows no picker. */
export const listDemoUsers = () => request<DemoUser[]>('/auth/demo-users', { auth: false, toast: false });

export const signInAsDemoUser = (key: string) =>
  request<SignInResult>('/auth/demo', { method: 'POST', body: { key }, auth: false, toast: false });

export const getMe = () => request<Me>('/auth/me');

export const signOut = () =>
  request<void>('/auth/sign-out', { method: 'POST', body: { refreshToken: getRefreshToken() ?? '' }, toast: false });

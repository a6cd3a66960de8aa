import Taro from '@tarojs/taro';
import { CommonErrorCode } from '@dangjian/shared';
import { API_BASE } from '@/platform/api-base';
import { ApiError, networkError, toApiError } from './errors';
import { clearTokens, getAccessToken, getRefreshToken, saveTokens, type StoredTokens } from './session';

export const API_PREFIX = '/api/v1';
export const SIGN_IN_PAGE = '/pages/sign-in/index';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

export type RequestOptions = {
  method?: Method;
  query?: Record<string, QueryValue>;
  body?: object;
  /**
   * `false` for the sign-in calls: no token is sent, and a 401 there means wrong credentials,
   * not an ended session.
   */
  auth?: boolean;
  /** Callers that show the failure in place (forms, optional probes) turn the toast off. */
  toast?: boolean;
};

type RawResponse = { statusCode: number; data: unknown };

export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null && entry[1] !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

async function send(path: string, opts: RequestOptions, token: string | null): Promise<RawResponse> {
  const method = opts.method ?? 'GET';
  const header: Record<string, string> = { Accept: 'application/json' };
  if (token) header.Authorization = `Bearer ${token}`;
  try {
    const res = await Taro.request<unknown>({
      url: `${API_BASE}${API_PREFIX}${path}${buildQuery(opts.query)}`,
      method,
      header,
      // A JSON content type with an empty body is a 400 on the server, so writes always send an object.
      data: method === 'GET' ? undefined : (opts.body ?? {}),
      dataType: 'json',
    });
    return { statusCode: res.statusCode, data: res.data };
  } catch {
    throw networkError();
  }
}

const codeOf = (data: unknown): string | undefined =>
  typeof data === 'object' && data !== null && 'code' in data && typeof data.code === 'string' ? data.code : undefined;

const isTokenPair = (data: unknown): data is StoredTokens =>
  typeof data === 'object' &&
  data !== null &&
  'accessToken' in data &&
  typeof data.accessToken === 'string' &&
  'refreshToken' in data &&
  typeof data.refreshToken === 'string';

let refreshing: Promise<boolean> | null = null;

/** One refresh for any number of requests that found the access token expired at the same time. */
function refreshOnce(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = getRefreshToken();
    if (!refreshToken) return false;
    const res = await send('/auth/refresh', { method: 'POST', body: { refreshToken } }, null).catch(() => null);
    if (!res || res.statusCode < 200 || res.statusCode >= 300 || !isTokenPair(res.data)) return false;
    saveTokens(res.data);
    return true;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** For calls made outside `request` (file uploads): trade an expired access token for a new one, once. */
export const refreshSession = (): Promise<boolean> => refreshOnce();

let leaving = false;

/** The session is over: forget the tokens and send the person to sign in, once. */
export function endSession(): void {
  clearTokens();
  if (leaving) return;
  leaving = true;
  void Taro.reLaunch({ url: SIGN_IN_PAGE }).finally(() => {
    leaving = false;
  });
}

export const showError = (e: ApiError) => {
  void Taro.showToast({ title: e.message, icon: 'none', duration: 2500 });
};

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const auth = opts.auth ?? true;
  try {
    let res = await send(path, opts, auth ? getAccessToken() : null);
    if (auth && res.statusCode === 401 && codeOf(res.data) === CommonErrorCode.TOKEN_EXPIRED && (await refreshOnce())) {
      res = await send(path, opts, getAccessToken());
    }
    if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
    const error = toApiError(res.statusCode, res.data);
    if (auth && res.statusCode === 401) endSession();
    throw error;
  } catch (e) {
    const error = e instanceof ApiError ? e : networkError();
    if (opts.toast ?? true) showError(error);
    throw error;
  }
}

/** Test hook: module state must not leak between test cases. */
export function resetClientState(): void {
  refreshing = null;
  leaving = false;
}

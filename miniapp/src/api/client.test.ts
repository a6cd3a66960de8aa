import Taro from '@tarojs/taro';
import { mockRoute, requests } from '@test/mocks/taro';
import { ApiError } from './errors';
import { SIGN_IN_PAGE, buildQuery, request } from './client';
import { getAccessToken, getRefreshToken, saveTokens } from './session';

const expired = { status: 401, body: { code: 'TOKEN_EXPIRED', message: '登录已过期' } };

describe('request', () => {
  beforeEach(() => saveTokens({ accessToken: 'old-access', refreshToken: 'old-refresh' }));

  it('sends the bearer token to /api/v1 on the same origin and returns the body', async () => {
    mockRoute('GET /api/v1/things', { status: 200, body: [1, 2] });

    await expect(request<number[]>('/things', { query: { q: '王', page: 2, status: undefined } })).resolves.toEqual([1, 2]);

    expect(requests[0]?.url).toBe('/api/v1/things?q=%E7%8E%8B&page=2');
    expect(requests[0]?.header.Authorization).toBe('Bearer old-access');
  });

  it('sends an empty object as the body of a write without one', async () => {
    mockRoute('POST /api/v1/auth/sign-out', { status: 204 });

    await request<void>('/auth/sign-out', { method: 'POST' });

    expect(requests[0]?.data).toEqual({});
  });

  it('refreshes once on TOKEN_EXPIRED, stores the new pair and retries with it', async () => {
    mockRoute('GET /api/v1/things', (req) => (req.header.Authorization === 'Bearer new-access' ? { status: 200, body: 'ok' } : expired));
    mockRoute('POST /api/v1/auth/refresh', { status: 200, body: { accessToken: 'new-access', refreshToken: 'new-refresh', expiresIn: 900 } });

    await expect(request<string>('/things')).resolves.toBe('ok');

    const refresh = requests.find((r) => r.path === '/api/v1/auth/refresh');
    expect(refresh?.data).toEqual({ refreshToken: 'old-refresh' });
    expect(refresh?.header.Authorization).toBeUndefined();
    expect(getAccessToken()).toBe('new-access');
    expect(getRefreshToken()).toBe('new-refresh');
    expect(requests.map((r) => r.path)).toEqual(['/api/v1/things', '/api/v1/auth/refresh', '/api/v1/things']);
  });

  it('shares one refresh between requests that expire together', async () => {
    mockRoute('GET /api/v1/a', (req) => (req.header.Authorization === 'Bearer new-access' ? { status: 200, body: 'a' } : expired));
    mockRoute('GET /api/v1/b', (req) => (req.header.Authorization === 'Bearer new-access' ? { status: 200, body: 'b' } : expired));
    mockRoute('POST /api/v1/auth/refresh', { status: 200, body: { accessToken: 'new-access', refreshToken: 'new-refresh', expiresIn: 900 } });

    await expect(Promise.all([request('/a'), request('/b')])).resolves.toEqual(['a', 'b']);

    expect(requests.filter((r) => r.path === '/api/v1/auth/refresh')).toHaveLength(1);
  });

  it('ends the session when the refresh is refused', async () => {
    mockRoute('GET /api/v1/things', expired);
    mockRoute('POST /api/v1/auth/refresh', { status: 401, body: { code: 'UNAUTHENTICATED', message: '请重新登录' } });

    const error = await request('/things').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'TOKEN_EXPIRED' });
    expect(getAccessToken()).toBeNull();
    expect(getRefreshToken()).toBeNull();
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: SIGN_IN_PAGE });
    expect(requests.filter((r) => r.path === '/api/v1/things')).toHaveLength(1);
  });

  it('does not try to refresh on other 401s, and sends the person to sign in', async () => {
    mockRoute('GET /api/v1/things', { status: 401, body: { code: 'UNAUTHENTICATED', message: '请先登录' } });

    await expect(request('/things')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

    expect(requests.some((r) => r.path === '/api/v1/auth/refresh')).toBe(false);
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: SIGN_IN_PAGE });
  });

  it('treats a 401 on a sign-in call as a wrong password, not as an ended session', async () => {
    mockRoute('POST /api/v1/auth/password', { status: 401, body: { code: 'UNAUTHENTICATED', message: '用户名或密码错误' } });

    await expect(request('/auth/password', { method: 'POST', body: { username: 'a', password: 'b' }, auth: false, toast: false })).rejects.toMatchObject({
      message: '用户名或密码错误',
    });

    expect(requests[0]?.header.Authorization).toBeUndefined();
    expect(Taro.reLaunch).not.toHaveBeenCalled();
    expect(Taro.showToast).not.toHaveBeenCalled();
    expect(getAccessToken()).toBe('old-access');
  });

  it('maps an error body to ApiError and toasts its Chinese message', async () => {
    const details = { fieldErrors: { q: ['过长'] } };
    mockRoute('GET /api/v1/members', {
      status: 403,
      body: { code: 'FORBIDDEN', message: '无权查看该组织的党员', details, requestId: 'req-1' },
    });

    const error = await request('/members').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: 'FORBIDDEN', message: '无权查看该组织的党员', details, requestId: 'req-1' });
    expect((error as ApiError).isForbidden).toBe(true);
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '无权查看该组织的党员', icon: 'none' }));
  });

  it('gives a Chinese message when the failure has no error body', async () => {
    mockRoute('GET /api/v1/things', { status: 502, body: '<html>Bad Gateway</html>' });

    await expect(request('/things', { toast: false })).rejects.toMatchObject({ code: 'INTERNAL', status: 502, message: '服务暂时不可用，请稍后重试' });
    expect(Taro.showToast).not.toHaveBeenCalled();
  });

  it('reports a network failure as NETWORK', async () => {
    mockRoute('GET /api/v1/things', 'network-error');

    await expect(request('/things')).rejects.toMatchObject({ code: 'NETWORK', status: 0 });
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络连接失败，请检查网络后重试' }));
  });
});

describe(buildQuery.name, () => {
  it('drops empty values and encodes the rest', () => {
    expect(buildQuery({ a: 'x y', b: undefined, c: null, d: '', e: false, f: 0 })).toBe('?a=x%20y&e=false&f=0');
    expect(buildQuery({})).toBe('');
    expect(buildQuery(undefined)).toBe('');
  });
});

import { createTestApp, type TestApp } from './utils/app.js';
import { startFakeWechat, wechatEnv, type FakeWechat } from './utils/fake-wechat.js';

describe('sign-in rate limit (per client IP and route)', () => {
  let t: TestApp;
  let wx: FakeWechat;
  beforeAll(async () => {
    wx = await startFakeWechat();
    // TRUST_PROXY lets the test speak for several client addresses through X-Forwarded-For.
    t = await createTestApp({ AUTH_RATE_LIMIT_PER_MIN: '3', TRUST_PROXY: 'true', ...wechatEnv(wx) });
  });
  afterAll(async () => {
    await t.close();
    await wx.close();
  });

  const from = (ip: string) => ({ 'x-forwarded-for': ip });

  it('answers 429 RATE_LIMITED in the common error shape once the limit is used up', async () => {
    const body = { username: 'nobody', password: 'whatever-123' };
    for (let i = 0; i < 3; i++) {
      const res = await t.call('POST', '/auth/password', { body, headers: from('203.0.113.1') });
      expect(res.status).toBe(401);
      expect(res.headers['x-ratelimit-limit']).toBe('3');
    }
    const limited = await t.call('POST', '/auth/password', { body, headers: from('203.0.113.1') });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ code: 'RATE_LIMITED', message: expect.stringMatching(/操作过于频繁/), requestId: expect.any(String) });
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.headers['x-request-id']).toBe(limited.body.requestId);
  });

  it('counts each client address on its own', async () => {
    const body = { username: 'nobody', password: 'whatever-123' };
    for (let i = 0; i < 3; i++) await t.call('POST', '/auth/password', { body, headers: from('203.0.113.2') });
    expect((await t.call('POST', '/auth/password', { body, headers: from('203.0.113.2') })).status).toBe(429);
    expect((await t.call('POST', '/auth/password', { body, headers: from('203.0.113.3') })).status).toBe(401);
  });

  it('limits WeChat sign-in and binding as well, and leaves other routes alone', async () => {
    for (let i = 0; i < 3; i++) await t.call('POST', '/auth/wechat', { body: { code: 'invalid-code' }, headers: from('203.0.113.4') });
    expect((await t.call('POST', '/auth/wechat', { body: { code: 'invalid-code' }, headers: from('203.0.113.4') })).body.code).toBe('RATE_LIMITED');
    const bind = { bindTicket: 'v1.x.y', phone: '13900000000', bindingCode: '123456' };
    for (let i = 0; i < 3; i++) await t.call('POST', '/auth/wechat/bind', { body: bind, headers: from('203.0.113.5') });
    expect((await t.call('POST', '/auth/wechat/bind', { body: bind, headers: from('203.0.113.5') })).status).toBe(429);
    for (let i = 0; i < 6; i++) expect((await t.call('GET', '/health/live', { headers: from('203.0.113.5') })).status).toBe(200);
  });
});

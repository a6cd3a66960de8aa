import net from 'node:net';
import { createTestApp, type TestApp } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';
import { loadConfig } from '../src/config/config.js';

/** Issue 11: the edges every route shares — error shapes of Fastify's own failures, unstorable characters, headers. */
describe('hardened edges', () => {
  let t: TestApp;
  let token: string;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: 'https://dangjian.example.org' });
    const fx = new Fixtures(t.ds, t.app);
    const org = await fx.org({ name: '园区党委', kind: 'committee' });
    orgId = org.id;
    token = (await fx.user({ roles: [{ role: 'platform_admin', orgId }] })).token;
  });
  afterAll(() => t.close());

  const shaped = (body: unknown) => expect(body).toMatchObject({ code: expect.stringMatching(/^[A-Z_]+$/), message: expect.stringMatching(/[\u4e00-\u9fff]/) });

  it('malformed JSON: 400 MALFORMED_JSON in Chinese', async () => {
    const res = await t.call('POST', '/auth/password', { payload: '{"username": "a", ', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    shaped(res.body);
    expect(res.body.code).toBe('MALFORMED_JSON');
  });

  it('unsupported media type: 415 in Chinese', async () => {
    const res = await t.call('POST', '/auth/password', { payload: 'username=a', headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(415);
    shaped(res.body);
  });

  it('body over the limit: 413 in Chinese', async () => {
    const res = await t.call('POST', '/auth/password', {
      payload: JSON.stringify({ username: 'x'.repeat(3 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    shaped(res.body);
  });

  it('oversized headers: 431 in the same shape (Node parser, real socket)', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.getHttpServer().address() as net.AddressInfo;
    const raw = await new Promise<string>((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () => s.write(`GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`));
      let out = '';
      s.on('data', (d) => (out += d.toString()));
      s.on('close', () => resolve(out));
      s.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 431/);
    shaped(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)));
  });

  it('refuses a NUL byte anywhere (body, key, query, path) with 400 INVALID_CHARACTERS and changes nothing', async () => {
    const before = await t.ds.query('SELECT count(*)::int AS n FROM organisation');
    const cases = [
      await t.call('POST', '/organisations', { token, body: { name: '支部\u0000一', kind: 'branch', parentId: orgId } }),
      await t.call('POST', '/organisations', { token, body: { name: '支部一', kind: 'branch', parentId: orgId, ['x\u0000']: 1 } }),
      await t.call('GET', `/members?orgId=${orgId}&q=%00`, { token }),
      await t.call('GET', `/organisations/${orgId}%00`, { token }),
      await t.call('POST', '/auth/password', { body: { username: 'ab\u0000c', password: 'x' } }),
      await t.call('POST', '/auth/password', { payload: '{"username":"\\ud800abc","password":"x"}', headers: { 'content-type': 'application/json' } }),
    ];
    for (const res of cases) {
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('INVALID_CHARACTERS');
      shaped(res.body);
    }
    expect(await t.ds.query('SELECT count(*)::int AS n FROM organisation')).toEqual(before);
  });

  it('sends security headers with a CSP on API answers, and HSTS when PUBLIC_BASE_URL is https', async () => {
    const res = await t.call('GET', '/health/live');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const docs = await t.call('GET', '/api/v1/docs/');
    expect(docs.headers['content-security-policy']).toBeDefined();
  });

  it('no HSTS (and no upgrade-insecure-requests) on a plain-http install', async () => {
    const plain = await createTestApp({});
    try {
      const res = await plain.call('GET', '/health/live');
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(String(res.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    } finally {
      await plain.close();
    }
  });

  it('demo mode listens on 127.0.0.1 unless HOST is set', () => {
    expect(loadConfig({ DEMO_MODE: 'true' }).HOST).toBe('127.0.0.1');
    expect(loadConfig({ DEMO_MODE: 'true', HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({}).HOST).toBe('0.0.0.0');
    expect(loadConfig({ DEMO_MODE: 'true', NODE_ENV: 'production', DATA_KEY: Buffer.alloc(32).toString('base64') }).demoSignIn).toBe(false);
  });
});

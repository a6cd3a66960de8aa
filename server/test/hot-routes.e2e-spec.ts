import { AuthGuard } from '../src/auth/auth.guard.js';
import { createTestApp, type TestApp, type Untyped } from './utils/app.js';
import { studyWorld } from './utils/study-fixtures.js';

/**
 * The hot routes (check-in, ballot cast, study heartbeat) are served by a Fastify hook outside Nest's
 * pipeline (auth/hot-route.ts, issue 12). They must answer exactly as a Nest route would: the same
 * order of checks (unstorable characters, then the caller, then the body), the same error shape with
 * the request id, the same headers, and the same OpenAPI entry.
 */
const HOT = [
  { path: '/meetings/checkin', body: { token: 42 } },
  { path: '/ballots/cast', body: { boxId: 'not-a-uuid' } },
  { path: '/study/heartbeats', body: { lessonId: 'not-a-uuid', position: 0, deviceId: 'phone', seq: 1 } },
] as const;

describe('hot routes: served outside Nest, answered as Nest would', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof studyWorld>>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await studyWorld(t);
  });
  afterAll(() => t.close());

  it.each(HOT)('$path: without a token, 401 UNAUTHENTICATED in the one error shape, with the security headers', async ({ path, body }) => {
    const res = await t.call<Untyped>('POST', path, { body });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each(HOT)('$path: a stale token is refused like everywhere else', async ({ path, body }) => {
    const res = await t.call<Untyped>('POST', path, { token: 'not-a-token', body });
    expect([res.status, res.body.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it.each(HOT)('$path: a bad body is 400 VALIDATION_FAILED with its field paths, after the caller is known', async ({ path, body }) => {
    const res = await t.call<Untyped>('POST', path, { token: w.members[0]!.token, body });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toMatch(/^请求参数有误：/);
    expect(res.body.details.length).toBeGreaterThan(0);
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it.each(HOT)('$path: a NUL character is refused by the global hook before anything else', async ({ path }) => {
    const res = await t.call<Untyped>('POST', path, { body: { text: 'a\u0000b' } });
    expect([res.status, res.body.code]).toEqual([400, 'INVALID_CHARACTERS']);
  });

  it('a heartbeat is answered by the hook: Nest guard never runs for it, and runs for other routes', async () => {
    const canActivate = AuthGuard.prototype.canActivate;
    let guarded = 0;
    AuthGuard.prototype.canActivate = function (this: AuthGuard, ...args) {
      guarded++;
      return canActivate.apply(this, args);
    };
    try {
      const beat = await t.call<Untyped>('POST', '/study/heartbeats', {
        token: w.members[0]!.token,
        body: { lessonId: w.article.id, position: 0, deviceId: 'phone', seq: 1 },
      });
      expect(beat.status).toBe(200);
      expect(beat.body).toHaveProperty('progress');
      expect(guarded).toBe(0);
      expect((await t.call('GET', '/study/hours', { token: w.members[0]!.token })).status).toBe(200);
      expect(guarded).toBe(1);
    } finally {
      AuthGuard.prototype.canActivate = canActivate;
    }
  });

  it('the OpenAPI document still describes each hot route: its body and its 200 answer', async () => {
    const doc = (await t.call<Untyped>('GET', '/openapi.json')).body;
    for (const { path } of HOT) {
      const op = doc.paths[`/api/v1${path}`].post;
      expect(op.requestBody.content['application/json'].schema).toBeDefined();
      expect(Object.keys(op.responses)).toEqual(['200']);
    }
  });
});

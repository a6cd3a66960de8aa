import { SessionService } from '../src/auth/session.service.js';
import { createTestApp, type TestApp } from './utils/app.js';
import { beater, studyWorld } from './utils/study-fixtures.js';

const TTL_MS = 400;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Heartbeats reuse a caller resolved up to AUTH_CACHE_TTL_MS ago (@CachedAuth): sign-out through the
 * server ends them at once; a revocation the process did not see (another instance, the database)
 * within the TTL; other routes never use the cache.
 */
describe('study heartbeats: cached authentication, revocation still honoured', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof studyWorld>>;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_CACHE_TTL_MS: String(TTL_MS) });
    w = await studyWorld(t);
  });
  afterAll(() => t.close());

  it('sign-out ends heartbeats at once', async () => {
    const m = w.members[0]!;
    const b = beater(t, w, m.token);
    expect((await b.beat(w.article.id, 0)).status).toBe(200);
    expect((await t.call('POST', '/auth/sign-out', { token: m.token })).status).toBe(204);
    const after = await b.beat(w.article.id, 1);
    expect([after.status, after.body.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('a revocation made elsewhere (another instance, the database) reaches heartbeats within the TTL and other routes at once', async () => {
    const m = w.members[1]!;
    const b = beater(t, w, m.token);
    expect((await b.beat(w.article.id, 0)).status).toBe(200);
    await t.ds.query(`UPDATE auth_session SET revoked_at = now() WHERE user_id = (SELECT id FROM user_account WHERE member_id = $1)`, [m.memberId]);
    expect((await t.call('GET', '/study/hours', { token: m.token })).status).toBe(401);
    // Within the TTL the resolved caller may still be used (bounded staleness, documented) …
    expect([200, 401]).toContain((await b.beat(w.article.id, 1)).status);
    await sleep(TTL_MS + 50);
    // … after it, never.
    expect((await b.beat(w.article.id, 2)).status).toBe(401);
  });

  it('a password change revokes the other sessions of the user for heartbeats at once', async () => {
    const m = w.members[2]!;
    const b = beater(t, w, m.token);
    expect((await b.beat(w.article.id, 0)).status).toBe(200);
    await t.app.get(SessionService).revokeAllOf(m.user.id);
    expect((await b.beat(w.article.id, 1)).status).toBe(401);
  });
});

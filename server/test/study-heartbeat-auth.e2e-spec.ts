import { SessionService } from '../src/auth/session.service.js';
import { createTestApp, type TestApp } from './utils/app.js';
import { beater, studyWorld } from './utils/study-fixtures.js';

const TTL_MS = 400;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Heartbeats reuse a caller resolved up to AUTH_CACHE_TTL_MS ago (@HotRoute), other routes the
 * cached session (issue 12): sign-out through the server ends them at once; a revocation made
 * elsewhere (another instance, the database) reaches them by NOTIFY auth_changed; were that
 * connection down, other routes check the database and heartbeats stop within the TTL.
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

  /** Whether `call` answers 401 within a second (the rule of issue 12; no finer timing is asserted). */
  async function refusedWithinASecond(call: () => Promise<{ status: number }>) {
    for (let i = 0; i < 10; i++) {
      if ((await call()).status === 401) return true;
      await sleep(100);
    }
    return false;
  }

  it('a revocation made elsewhere (another instance, the database) reaches every route within a second (NOTIFY auth_changed)', async () => {
    const m = w.members[1]!;
    const b = beater(t, w, m.token);
    expect((await b.beat(w.article.id, 0)).status).toBe(200);
    expect((await t.call('GET', '/study/hours', { token: m.token })).status).toBe(200);
    await t.ds.query(`UPDATE auth_session SET revoked_at = now() WHERE user_id = $1`, [m.user.id]);
    expect(await refusedWithinASecond(() => t.call('GET', '/study/hours', { token: m.token }))).toBe(true);
    // The notification dropped the heartbeats' cached caller too.
    expect((await b.beat(w.article.id, 1)).status).toBe(401);
  });

  it('without the LISTEN connection, other routes check the database at once and heartbeats stop within the TTL', async () => {
    const m = w.members[1]!;
    const sessions = t.app.get(SessionService);
    const token = (await sessions.open(m.user.id, 'password')).accessToken;
    const b = beater(t, w, token);
    expect((await b.beat(w.article.id, 2)).status).toBe(200);
    await t.ds.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'dangjian-listen' AND datname = current_database()`);
    for (let i = 0; i < 50 && sessions.cachesEveryRoute; i++) await sleep(20);
    expect(sessions.cachesEveryRoute).toBe(false);
    await t.ds.query(`UPDATE auth_session SET revoked_at = now() WHERE user_id = $1`, [m.user.id]);
    expect((await t.call('GET', '/study/hours', { token })).status).toBe(401);
    // Within the TTL the resolved caller may still be used (bounded staleness, documented) …
    expect([200, 401]).toContain((await b.beat(w.article.id, 3)).status);
    await sleep(TTL_MS + 50);
    // … after it, never.
    expect((await b.beat(w.article.id, 4)).status).toBe(401);
  });

  it('a password change revokes the other sessions of the user for heartbeats at once', async () => {
    const m = w.members[2]!;
    const b = beater(t, w, m.token);
    expect((await b.beat(w.article.id, 0)).status).toBe(200);
    await t.app.get(SessionService).revokeAllOf(m.user.id);
    expect((await b.beat(w.article.id, 1)).status).toBe(401);
  });
});

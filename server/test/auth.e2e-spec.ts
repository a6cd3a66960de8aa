import { PasswordHasher } from '../src/auth/password.js';
import { createTestApp, type TestApp } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';

const PASSWORD = 'Correct-horse-42';
const hasher = new PasswordHasher();

describe('password sign-in, sessions and the own account', () => {
  let t: TestApp;
  let fx: Fixtures;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT_PER_MIN: '10000' });
    fx = new Fixtures(t.ds, t.app);
  });
  afterAll(() => t.close());

  /** A user with a username and password (plus whatever Fixtures.user is given). */
  async function passwordUser(p: Parameters<Fixtures['user']>[0] & { password?: string; hash?: string } = {}) {
    const u = await fx.user(p);
    const username = `user${++seq}`;
    await t.ds.query('UPDATE user_account SET username = $2, password_hash = $3 WHERE id = $1', [
      u.user.id,
      username,
      p.hash ?? (await hasher.hash(p.password ?? PASSWORD)),
    ]);
    return { ...u, username };
  }
  const signIn = (username: string, password = PASSWORD) => t.call('POST', '/auth/password', { body: { username, password } });
  const accountRow = async (id: string) => (await t.ds.query('SELECT * FROM user_account WHERE id = $1', [id]))[0];

  it('signs in with the right password and answers tokens plus Me', async () => {
    const { committee, branchA } = await fx.tree();
    const u = await passwordUser({
      displayName: '王书记',
      positions: [{ position: 'secretary', orgId: branchA.id }],
      roles: [{ role: 'org_worker', orgId: committee.id }],
    });
    const res = await signIn(u.username);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accessToken: expect.stringMatching(/^at_/), refreshToken: expect.stringMatching(/^rt_/), expiresIn: 7200 });
    expect(res.body.me).toMatchObject({
      userId: u.user.id,
      displayName: '王书记',
      memberId: u.memberId,
      orgId: branchA.id,
      orgName: '甲公司党支部',
      isDemo: false,
    });
    expect(res.body.me.roles).toEqual(
      expect.arrayContaining([
        { role: 'member', orgId: branchA.id, orgName: '甲公司党支部' },
        { role: 'secretary', orgId: branchA.id, orgName: '甲公司党支部' },
        { role: 'org_worker', orgId: committee.id, orgName: '测试联合党委' },
      ]),
    );
    const me = await t.call('GET', '/auth/me', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual(res.body.me);
  });

  it('accepts the username in any letter case', async () => {
    const u = await passwordUser();
    expect((await signIn(u.username.toUpperCase())).status).toBe(200);
  });

  it('answers an unknown user and a wrong password alike (INVALID_CREDENTIALS, 401)', async () => {
    const u = await passwordUser();
    const wrong = await signIn(u.username, 'Wrong-password-1');
    const unknown = await signIn('nobody-here', PASSWORD);
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '用户名或密码不正确' });
    }
    // WeChat-only accounts have no password: the same answer.
    const wx = await fx.user();
    await t.ds.query(`UPDATE user_account SET username = 'wx-only' WHERE id = $1`, [wx.user.id]);
    expect((await signIn('wx-only', '')).status).toBe(400); // empty password fails validation first
    expect((await signIn('wx-only', 'anything-1')).body.code).toBe('INVALID_CREDENTIALS');
  });

  it('takes comparable time for an unknown user and a wrong password (a dummy hash is checked)', async () => {
    const u = await passwordUser();
    const time = async (username: string) => {
      const start = process.hrtime.bigint();
      await signIn(username, 'Wrong-password-1');
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time(u.username));
      unknown.push(await time(`ghost-${i}`));
    }
    // scrypt dominates (~100 ms); without the dummy check an unknown name would answer in a few ms.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it('locks the account after 5 wrong passwords in a row for 15 minutes (ACCOUNT_LOCKED, 423), then counts afresh', async () => {
    const u = await passwordUser();
    for (let i = 1; i <= 4; i++) expect((await signIn(u.username, `Wrong-${i}-password`)).body.code).toBe('INVALID_CREDENTIALS');
    const fifth = await signIn(u.username, 'Wrong-5-password');
    expect(fifth.status).toBe(423);
    expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
    expect(fifth.body.details.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(fifth.body.details.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    // Locked: even the right password is refused, without being checked.
    const right = await signIn(u.username);
    expect(right.status).toBe(423);
    expect(right.body.code).toBe('ACCOUNT_LOCKED');
    expect((await accountRow(u.user.id)).failed_attempts).toBe(5);

    // The lock runs out: the right password works and the counter is reset.
    await t.ds.query(`UPDATE user_account SET locked_until = now() - interval '1 second' WHERE id = $1`, [u.user.id]);
    expect((await signIn(u.username)).status).toBe(200);
    const after = await accountRow(u.user.id);
    expect(after.failed_attempts).toBe(0);
    expect(after.locked_until).toBeNull();
  });

  it('counts only consecutive failures: a success resets the counter', async () => {
    const u = await passwordUser();
    for (let i = 0; i < 4; i++) await signIn(u.username, 'Wrong-password-1');
    expect((await signIn(u.username)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signIn(u.username, 'Wrong-password-1')).status).toBe(401);
    expect((await accountRow(u.user.id)).failed_attempts).toBe(4);
  });

  it('starts counting afresh when a lock has run out', async () => {
    const u = await passwordUser();
    for (let i = 0; i < 5; i++) await signIn(u.username, 'Wrong-password-1');
    await t.ds.query(`UPDATE user_account SET locked_until = now() - interval '1 second' WHERE id = $1`, [u.user.id]);
    expect((await signIn(u.username, 'Wrong-password-1')).status).toBe(401);
    expect((await accountRow(u.user.id)).failed_attempts).toBe(1);
  });

  it('checks at most 5 passwords even when guesses arrive in parallel', async () => {
    const u = await passwordUser();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(u.username, `Parallel-guess-${i}`)));
    const codes = results.map((r) => r.body.code);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS').length).toBeLessThanOrEqual(4);
    expect(codes.filter((c) => c === 'ACCOUNT_LOCKED').length).toBeGreaterThanOrEqual(8);
    expect((await accountRow(u.user.id)).failed_attempts).toBe(5);
  });

  it('refuses a disabled account (ACCOUNT_DISABLED only with the right password)', async () => {
    const u = await passwordUser();
    await t.ds.query('UPDATE user_account SET disabled_at = now() WHERE id = $1', [u.user.id]);
    expect((await signIn(u.username, 'Wrong-password-1')).body.code).toBe('INVALID_CREDENTIALS');
    const res = await signIn(u.username);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('ACCOUNT_DISABLED');
  });

  it('re-hashes an old, cheaper hash with the current cost on sign-in', async () => {
    const u = await passwordUser({ hash: await new PasswordHasher({ N: 2 ** 12, r: 8, p: 1 }).hash(PASSWORD) });
    expect((await signIn(u.username)).status).toBe(200);
    const row = await accountRow(u.user.id);
    expect(row.password_hash.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect((await signIn(u.username)).status).toBe(200);
  });

  it('stores no password and no token in clear', async () => {
    const u = await passwordUser();
    const res = await signIn(u.username);
    const row = await accountRow(u.user.id);
    expect(row.password_hash).not.toContain(PASSWORD);
    const sessions = await t.ds.query('SELECT access_hash, refresh_hash FROM auth_session WHERE user_id = $1', [u.user.id]);
    expect(JSON.stringify(sessions)).not.toContain(res.body.accessToken);
    expect(JSON.stringify(sessions)).not.toContain(res.body.refreshToken);
  });

  it('rotates refresh tokens: the old refresh token and the old access token stop working', async () => {
    const u = await passwordUser();
    const first = (await signIn(u.username)).body;
    const refreshed = await t.call('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toEqual({ accessToken: expect.stringMatching(/^at_/), refreshToken: expect.stringMatching(/^rt_/), expiresIn: 7200 });
    expect(refreshed.body.refreshToken).not.toBe(first.refreshToken);

    expect((await t.call('GET', '/auth/me', { token: first.accessToken })).status).toBe(401);
    expect((await t.call('GET', '/auth/me', { token: refreshed.body.accessToken })).status).toBe(200);
    // An unknown refresh token is merely invalid.
    const unknown = await t.call('POST', '/auth/refresh', { body: { refreshToken: 'rt_' + 'x'.repeat(43) } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe('REFRESH_INVALID');
  });

  it('reuse of a rotated refresh token revokes the whole family: the old and the newly issued pair', async () => {
    const u = await passwordUser();
    const first = (await signIn(u.username)).body;
    const second = (await t.call('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } })).body;
    const third = (await t.call('POST', '/auth/refresh', { body: { refreshToken: second.refreshToken } })).body;
    expect(third.refreshToken).toMatch(/^rt_/);
    // An attacker (or a stale client) presents the first, long rotated, token.
    const reused = await t.call('POST', '/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(reused.status).toBe(401);
    expect(reused.body).toMatchObject({ code: 'REFRESH_REUSED', message: expect.stringContaining('重新登录') });
    expect((await t.call('GET', '/auth/me', { token: third.accessToken })).status).toBe(401);
    const legit = await t.call('POST', '/auth/refresh', { body: { refreshToken: third.refreshToken } });
    expect(legit.status).toBe(401);
    // Presenting it again still says reused (the family stays dead), and other sessions are untouched.
    expect((await t.call('POST', '/auth/refresh', { body: { refreshToken: second.refreshToken } })).body.code).toBe('REFRESH_REUSED');
    const other = (await signIn(u.username)).body;
    expect((await t.call('GET', '/auth/me', { token: other.accessToken })).status).toBe(200);
    const [{ n }] = await t.ds.query('SELECT count(*)::int AS n FROM auth_refresh_rotated r JOIN auth_session s ON s.id = r.session_id WHERE s.user_id = $1', [
      u.user.id,
    ]);
    expect(n).toBe(2);
  });

  it('answers an expired access token with TOKEN_EXPIRED (401); the refresh token still works', async () => {
    const u = await passwordUser();
    const tokens = (await signIn(u.username)).body;
    await t.ds.query(`UPDATE auth_session SET access_expires_at = now() - interval '1 second' WHERE user_id = $1`, [u.user.id]);
    const res = await t.call('GET', '/auth/me', { token: tokens.accessToken });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('TOKEN_EXPIRED');
    const refreshed = await t.call('POST', '/auth/refresh', { body: { refreshToken: tokens.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect((await t.call('GET', '/auth/me', { token: refreshed.body.accessToken })).status).toBe(200);
  });

  it('refuses an expired refresh token, and refresh for a disabled account', async () => {
    const a = await passwordUser();
    const ta = (await signIn(a.username)).body;
    await t.ds.query(`UPDATE auth_session SET refresh_expires_at = now() - interval '1 second' WHERE user_id = $1`, [a.user.id]);
    expect((await t.call('POST', '/auth/refresh', { body: { refreshToken: ta.refreshToken } })).body.code).toBe('REFRESH_INVALID');

    const b = await passwordUser();
    const tb = (await signIn(b.username)).body;
    await t.ds.query('UPDATE user_account SET disabled_at = now() WHERE id = $1', [b.user.id]);
    expect((await t.call('POST', '/auth/refresh', { body: { refreshToken: tb.refreshToken } })).status).toBe(401);
    expect((await t.call('GET', '/auth/me', { token: tb.accessToken })).status).toBe(401);
  });

  it('signs out: 204, and the access token stops working at once, the refresh token too', async () => {
    const u = await passwordUser();
    const tokens = (await signIn(u.username)).body;
    const other = (await signIn(u.username)).body;
    const out = await t.call('POST', '/auth/sign-out', { token: tokens.accessToken, body: { refreshToken: tokens.refreshToken } });
    expect(out.status).toBe(204);
    const me = await t.call('GET', '/auth/me', { token: tokens.accessToken });
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('UNAUTHENTICATED');
    expect((await t.call('POST', '/auth/refresh', { body: { refreshToken: tokens.refreshToken } })).status).toBe(401);
    // Only this session: the same user's other session goes on; a sign-out without a body works too.
    expect((await t.call('GET', '/auth/me', { token: other.accessToken })).status).toBe(200);
    expect((await t.call('POST', '/auth/sign-out', { token: other.accessToken })).status).toBe(204);
    expect((await t.call('GET', '/auth/me', { token: other.accessToken })).status).toBe(401);
  });

  it('signs out with only the refresh token when the access token has expired', async () => {
    const u = await passwordUser();
    const tokens = (await signIn(u.username)).body;
    await t.ds.query(`UPDATE auth_session SET access_expires_at = now() - interval '1 second' WHERE user_id = $1`, [u.user.id]);
    const out = await t.call('POST', '/auth/sign-out', { token: tokens.accessToken, body: { refreshToken: tokens.refreshToken } });
    expect(out.status).toBe(204);
    expect((await t.call('POST', '/auth/refresh', { body: { refreshToken: tokens.refreshToken } })).status).toBe(401);
    expect((await t.call('POST', '/auth/sign-out', { body: {} })).status).toBe(401);
  });

  it('changes the own password: the current one is required, other sessions end, this one goes on', async () => {
    const u = await passwordUser();
    const mine = (await signIn(u.username)).body;
    const other = (await signIn(u.username)).body;
    const wrong = await t.call('POST', '/auth/password/change', {
      token: mine.accessToken,
      body: { currentPassword: 'nope-12345', newPassword: 'Brand-new-pass-9' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('CURRENT_PASSWORD_WRONG');
    const weak = await t.call('POST', '/auth/password/change', { token: mine.accessToken, body: { currentPassword: PASSWORD, newPassword: 'short1' } });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('VALIDATION_FAILED');
    const noDigits = await t.call('POST', '/auth/password/change', {
      token: mine.accessToken,
      body: { currentPassword: PASSWORD, newPassword: 'onlyletters-here' },
    });
    expect(noDigits.body.code).toBe('VALIDATION_FAILED');

    const ok = await t.call('POST', '/auth/password/change', { token: mine.accessToken, body: { currentPassword: PASSWORD, newPassword: 'Brand-new-pass-9' } });
    expect(ok.status).toBe(204);
    expect((await t.call('GET', '/auth/me', { token: mine.accessToken })).status).toBe(200);
    expect((await t.call('GET', '/auth/me', { token: other.accessToken })).status).toBe(401);
    expect((await signIn(u.username)).status).toBe(401);
    expect((await signIn(u.username, 'Brand-new-pass-9')).status).toBe(200);
    const [audit] = await t.ds.query(`SELECT * FROM audit_log WHERE action = 'user.changePassword' AND object_id = $1`, [u.user.id]);
    expect(audit.actor_user_id).toBe(u.user.id);
  });

  it('refuses protected auth routes without a token', async () => {
    expect((await t.call('GET', '/auth/me')).body.code).toBe('UNAUTHENTICATED');
    expect((await t.call('POST', '/auth/password/change', { body: { currentPassword: 'x', newPassword: 'Brand-new-pass-9' } })).status).toBe(401);
  });

  it('validates bodies in the common error shape', async () => {
    const res = await t.call('POST', '/auth/password', { body: { username: '' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.any(String), details: expect.any(Array) });
    expect((await t.call('POST', '/auth/refresh', { body: {} })).body.code).toBe('VALIDATION_FAILED');
  });
});

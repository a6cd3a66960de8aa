import { PasswordHasher } from '../src/auth/password.js';
import { createTestApp, type TestApp } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';

/** Demo accounts as the demo loader makes them: is_demo, username demo-<key>, a published password. */
async function demoAccounts(t: TestApp) {
  const fx = new Fixtures(t.ds, t.app);
  const committee = await fx.org({ name: '星河科技园互联网产业联合党委', kind: 'committee' });
  const branch = await fx.org({ name: '星云科技党支部', kind: 'branch', parentId: committee.id });
  const group = await fx.org({ name: '研发一组', kind: 'group', parentId: branch.id });
  const hash = await new PasswordHasher().hash('demo-pass-123');
  const make = async (key: string, displayName: string, p: Parameters<Fixtures['user']>[0]) => {
    const u = await fx.user({ displayName, ...p });
    await t.ds.query('UPDATE user_account SET username = $2, is_demo = true, password_hash = $3 WHERE id = $1', [u.user.id, `demo-${key}`, hash]);
    return u;
  };
  const users = {
    worker: await make('worker', '赵干事', { roles: [{ role: 'org_worker', orgId: committee.id }] }),
    leader: await make('leader', '孙组长', { memberOrgId: branch.id, positions: [{ position: 'group_leader', orgId: group.id }] }),
    member: await make('member', '李党员', { memberOrgId: branch.id }),
    secretary: await make('secretary', '王书记', { positions: [{ position: 'secretary', orgId: branch.id }] }),
  };
  return { committee, branch, users };
}

describe('demo sign-in (DEMO_MODE on)', () => {
  let t: TestApp;
  let demo: Awaited<ReturnType<typeof demoAccounts>>;
  beforeAll(async () => {
    t = await createTestApp({ DEMO_MODE: 'true' });
    demo = await demoAccounts(t);
  });
  afterAll(() => t.close());

  it('lists the demo accounts with Chinese descriptions from their grants, member/secretary/worker first', async () => {
    const res = await t.call('GET', '/auth/demo-users');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { key: 'member', username: 'demo-member', displayName: '李党员', description: '党员 · 星云科技党支部' },
      { key: 'secretary', username: 'demo-secretary', displayName: '王书记', description: '党支部书记 · 星云科技党支部' },
      { key: 'worker', username: 'demo-worker', displayName: '赵干事', description: '组织工作人员 · 星河科技园互联网产业联合党委' },
      { key: 'leader', username: 'demo-leader', displayName: '孙组长', description: '党小组组长 · 研发一组' },
    ]);
  });

  it('leaves out ordinary and disabled accounts', async () => {
    const fx = new Fixtures(t.ds, t.app);
    const plain = await fx.user();
    await t.ds.query(`UPDATE user_account SET username = 'demo-fake' WHERE id = $1`, [plain.user.id]); // not is_demo
    const off = await fx.user();
    await t.ds.query(`UPDATE user_account SET username = 'demo-off', is_demo = true, disabled_at = now() WHERE id = $1`, [off.user.id]);
    const keys = (await t.call('GET', '/auth/demo-users')).body.map((u: { key: string }) => u.key);
    expect(keys).not.toContain('fake');
    expect(keys).not.toContain('off');
    expect((await t.call('POST', '/auth/demo', { body: { key: 'fake' } })).status).toBe(404);
    expect((await t.call('POST', '/auth/demo', { body: { key: 'off' } })).status).toBe(404);
  });

  it('signs in as a demo account by key', async () => {
    const res = await t.call('POST', '/auth/demo', { body: { key: 'secretary' } });
    expect(res.status).toBe(200);
    expect(res.body.me).toMatchObject({ userId: demo.users.secretary.user.id, displayName: '王书记', isDemo: true, orgId: demo.branch.id });
    expect(res.body.me.roles).toContainEqual({ role: 'secretary', orgId: demo.branch.id, orgName: '星云科技党支部' });
    const [session] = await t.ds.query('SELECT method FROM auth_session WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1', [demo.users.secretary.user.id]);
    expect(session.method).toBe('demo');
    expect((await t.call('GET', '/auth/me', { token: res.body.accessToken })).body.isDemo).toBe(true);
  });

  it('answers an unknown key with NOT_FOUND', async () => {
    const res = await t.call('POST', '/auth/demo', { body: { key: 'nobody' } });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('lets demo accounts sign in with their password too', async () => {
    expect((await t.call('POST', '/auth/password', { body: { username: 'demo-member', password: 'demo-pass-123' } })).status).toBe(200);
  });
});

describe('demo sign-in (DEMO_MODE off)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DEMO_MODE: 'false' });
    await demoAccounts(t);
  });
  afterAll(() => t.close());

  it('answers both demo endpoints exactly like a route that does not exist', async () => {
    const absent = await t.call('GET', '/auth/no-such-route');
    for (const res of [await t.call('GET', '/auth/demo-users'), await t.call('POST', '/auth/demo', { body: { key: 'member' } })]) {
      expect(res.status).toBe(404);
      expect({ ...res.body, requestId: undefined }).toEqual({ ...absent.body, requestId: undefined });
    }
  });

  it('refuses demo accounts (published passwords) by password and their old sessions', async () => {
    const res = await t.call('POST', '/auth/password', { body: { username: 'demo-member', password: 'demo-pass-123' } });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_CREDENTIALS');
    const [demoUser] = await t.ds.query(`SELECT id FROM user_account WHERE username = 'demo-member'`);
    const { SessionService } = await import('../src/auth/session.service.js');
    const tokens = await t.app.get(SessionService).open(demoUser.id, 'demo');
    expect((await t.call('GET', '/auth/me', { token: tokens.accessToken })).status).toBe(401);
    expect((await t.call('POST', '/auth/refresh', { body: { refreshToken: tokens.refreshToken } })).status).toBe(401);
  });
});

describe('demo sign-in under NODE_ENV=production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DEMO_MODE: 'true', NODE_ENV: 'production', DATA_KEY: Buffer.alloc(32, 7).toString('base64') });
    await demoAccounts(t);
  });
  afterAll(() => t.close());

  it('refuses the demo picker and demo sign-in with a Chinese reason, and demo passwords too', async () => {
    for (const res of [await t.call('GET', '/auth/demo-users'), await t.call('POST', '/auth/demo', { body: { key: 'member' } })]) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'DEMO_DISABLED_IN_PRODUCTION', message: expect.stringContaining('生产环境') });
    }
    const pw = await t.call('POST', '/auth/password', { body: { username: 'demo-member', password: 'demo-pass-123' } });
    expect(pw.status).toBe(401);
  });
});

import { createTestApp, type TestApp } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';

const PASSWORD = 'Initial-pass-2024';

describe('user and role administration (role.manage, scoped)', () => {
  let t: TestApp;
  let fx: Fixtures;
  let seq = 0;
  // committee C → sub-committee S → branch SB; C → branch A, branch B; another committee C2 → branch D.
  let o: Record<'committee' | 'branchA' | 'branchB' | 'sub' | 'subBranch' | 'other' | 'otherBranch', { id: string; path: string; name: string }>;
  let workerC: Awaited<ReturnType<Fixtures['user']>>;
  let workerS: Awaited<ReturnType<Fixtures['user']>>;
  let workerOther: Awaited<ReturnType<Fixtures['user']>>;
  let admin: Awaited<ReturnType<Fixtures['user']>>;
  let secretaryA: Awaited<ReturnType<Fixtures['user']>>;
  let plain: Awaited<ReturnType<Fixtures['user']>>;

  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT_PER_MIN: '10000' });
    fx = new Fixtures(t.ds, t.app);
    const tree = await fx.tree();
    const sub = await fx.org({ name: '园区二级党委', kind: 'committee', parentId: tree.committee.id });
    const subBranch = await fx.org({ name: '丙公司党支部', kind: 'branch', parentId: sub.id });
    const other = await fx.org({ name: '另一联合党委', kind: 'committee' });
    const otherBranch = await fx.org({ name: '丁公司党支部', kind: 'branch', parentId: other.id });
    o = { ...tree, sub, subBranch, other, otherBranch };
    workerC = await fx.user({ displayName: '联合党委干事', roles: [{ role: 'org_worker', orgId: o.committee.id }] });
    workerS = await fx.user({ displayName: '二级党委干事', roles: [{ role: 'org_worker', orgId: o.sub.id }] });
    workerOther = await fx.user({ displayName: '另一党委干事', roles: [{ role: 'org_worker', orgId: o.other.id }] });
    admin = await fx.user({
      displayName: '平台管理员',
      roles: [
        { role: 'platform_admin', orgId: o.committee.id },
        { role: 'platform_admin', orgId: o.other.id },
      ],
    });
    secretaryA = await fx.user({ positions: [{ position: 'secretary', orgId: o.branchA.id }] });
    plain = await fx.user({ memberOrgId: o.branchA.id });
  });
  afterAll(() => t.close());

  const username = () => `worker${++seq}`;
  const create = (token: string, body: Record<string, unknown>) =>
    t.call('POST', '/users', { token, body: { username: username(), displayName: '新干事', password: PASSWORD, ...body } });
  const signIn = (name: string, password = PASSWORD) => t.call('POST', '/auth/password', { body: { username: name, password } });
  const audits = (action: string, objectId: string) =>
    t.ds.query('SELECT * FROM audit_log WHERE action = $1 AND object_id = $2 ORDER BY id', [action, objectId]);
  /** A password account of a member of `orgId` (created through the API by the committee worker). */
  const memberAccount = async (orgId: string, token = workerC.token) => {
    const member = await fx.member({ orgId });
    const res = await create(token, { memberId: member.id });
    expect(res.status).toBe(201);
    return { member, user: res.body, token: (await signIn(res.body.username)).body.accessToken as string };
  };

  describe('POST /users', () => {
    it('creates a worker account with a role on a committee; it can sign in and is audited', async () => {
      const res = await create(workerC.token, { role: { role: 'org_worker', orgId: o.sub.id }, displayName: '二级党委新干事' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        username: expect.stringMatching(/^worker\d+$/),
        displayName: '二级党委新干事',
        memberId: null,
        hasPassword: true,
        wechatBound: false,
        disabled: false,
        lockedUntil: null,
        positions: [],
      });
      expect(res.body.roles).toEqual([{ id: expect.any(String), role: 'org_worker', orgId: o.sub.id, orgName: '园区二级党委', grantedAt: expect.any(String) }]);
      const signedIn = await signIn(res.body.username);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.me.roles).toEqual([{ role: 'org_worker', orgId: o.sub.id, orgName: '园区二级党委' }]);
      const [created] = await audits('user.create', res.body.id);
      expect(created).toMatchObject({ actor_user_id: workerC.user.id, org_path: o.sub.path });
      expect(JSON.stringify(created)).not.toContain(PASSWORD);
      expect(await audits('role.grant', res.body.id)).toHaveLength(1);
      const [row] = await t.ds.query('SELECT password_hash FROM user_account WHERE id = $1', [res.body.id]);
      expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    });

    it('creates an account for a member in the subtree', async () => {
      const member = await fx.member({ orgId: o.branchA.id, name: '陈组织员' });
      const res = await create(workerC.token, { memberId: member.id });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ memberId: member.id, memberName: '陈组织员', orgId: o.branchA.id, orgName: '甲公司党支部', roles: [] });
      expect((await signIn(res.body.username)).body.me.memberId).toBe(member.id);
    });

    it('adds username and password to the WeChat-only account a member already has', async () => {
      const member = await fx.member({ orgId: o.branchA.id });
      const existing = await fx.user({ memberId: member.id });
      await t.ds.query(`UPDATE user_account SET wx_openid = 'o-existing-1' WHERE id = $1`, [existing.user.id]);
      const res = await create(workerC.token, { memberId: member.id });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: existing.user.id, hasPassword: true, wechatBound: true });
      const again = await create(workerC.token, { memberId: member.id });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'MEMBER_HAS_ACCOUNT', details: { userId: existing.user.id } });
    });

    it('refuses a taken username, reserved demo- names, weak passwords, and an account that lies nowhere', async () => {
      const first = await create(workerC.token, { role: { role: 'org_worker', orgId: o.committee.id } });
      const dup = await t.call('POST', '/users', {
        token: workerC.token,
        body: { username: first.body.username.toUpperCase(), displayName: 'x', password: PASSWORD, role: { role: 'org_worker', orgId: o.committee.id } },
      });
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('USERNAME_TAKEN');
      for (const body of [
        { username: 'demo-boss', role: { role: 'org_worker', orgId: o.committee.id } },
        { password: 'short1', role: { role: 'org_worker', orgId: o.committee.id } },
        { password: 'onlyletterslong', role: { role: 'org_worker', orgId: o.committee.id } },
        { password: '1234567890123', role: { role: 'org_worker', orgId: o.committee.id } },
        {},
        { role: { role: 'secretary', orgId: o.branchA.id } },
      ]) {
        const res = await create(workerC.token, body);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('puts org_worker only on committees, and platform_admin only by a platform admin', async () => {
      const onBranch = await create(workerC.token, { role: { role: 'org_worker', orgId: o.branchA.id } });
      expect(onBranch.status).toBe(422);
      expect(onBranch.body.code).toBe('ROLE_NOT_ASSIGNABLE');
      const adminByWorker = await create(workerC.token, { role: { role: 'platform_admin', orgId: o.committee.id } });
      expect(adminByWorker.status).toBe(403);
      expect((await create(admin.token, { role: { role: 'platform_admin', orgId: o.committee.id } })).status).toBe(201);
    });

    it('refuses members and organisations outside the subtree, and callers without role.manage', async () => {
      const outside = await fx.member({ orgId: o.otherBranch.id });
      const sibling = await fx.member({ orgId: o.branchA.id });
      expect((await create(workerC.token, { memberId: outside.id })).status).toBe(403);
      expect((await create(workerC.token, { role: { role: 'org_worker', orgId: o.other.id } })).status).toBe(403);
      expect((await create(workerS.token, { memberId: sibling.id })).status).toBe(403);
      expect((await create(workerS.token, { role: { role: 'org_worker', orgId: o.committee.id } })).status).toBe(403);
      for (const token of [secretaryA.token, plain.token]) {
        const res = await create(token, { memberId: sibling.id });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      expect((await t.call('POST', '/users', { body: {} })).status).toBe(401);
    });
  });

  describe('GET /users', () => {
    it('lists accounts whose member or role lies in the subtree, filtered by orgId and q', async () => {
      const inA = await memberAccount(o.branchA.id);
      const inS = await memberAccount(o.subBranch.id);
      const outside = await memberAccount(o.otherBranch.id, workerOther.token);

      const all = (await t.call('GET', '/users?pageSize=200', { token: workerC.token })).body;
      const ids = all.items.map((u: { id: string }) => u.id);
      expect(ids).toEqual(expect.arrayContaining([inA.user.id, inS.user.id, workerC.user.id, workerS.user.id]));
      expect(ids).not.toContain(outside.user.id);
      expect(ids).not.toContain(workerOther.user.id);
      expect(all.total).toBe(all.items.length);

      const sub = (await t.call('GET', '/users?pageSize=200', { token: workerS.token })).body.items.map((u: { id: string }) => u.id);
      expect(sub).toContain(inS.user.id);
      expect(sub).not.toContain(inA.user.id);
      expect(sub).not.toContain(workerC.user.id);

      const onlyA = (await t.call('GET', `/users?orgId=${o.branchA.id}&pageSize=200`, { token: workerC.token })).body.items.map((u: { id: string }) => u.id);
      expect(onlyA).toContain(inA.user.id);
      expect(onlyA).not.toContain(inS.user.id);

      const q = await t.call('GET', `/users?q=${inA.user.username}`, { token: workerC.token });
      expect(q.body.items.map((u: { id: string }) => u.id)).toEqual([inA.user.id]);

      const page = await t.call('GET', '/users?page=2&pageSize=1', { token: workerC.token });
      expect(page.body).toMatchObject({ page: 2, pageSize: 1, total: all.total });
      expect(page.body.items).toHaveLength(1);
    });

    it('shows committee positions read-only beside explicit roles', async () => {
      const sec = await fx.user({ positions: [{ position: 'secretary', orgId: o.branchB.id }] });
      const res = await t.call('GET', `/users/${sec.user.id}`, { token: workerC.token });
      expect(res.status).toBe(200);
      expect(res.body.positions).toEqual([{ role: 'secretary', orgId: o.branchB.id, orgName: '乙公司党支部' }]);
      expect(res.body.roles).toEqual([]);
    });

    it('refuses another subtree, and callers without role.manage', async () => {
      expect((await t.call('GET', `/users?orgId=${o.other.id}`, { token: workerC.token })).status).toBe(403);
      expect((await t.call('GET', `/users?orgId=${o.branchA.id}`, { token: workerS.token })).status).toBe(403);
      for (const token of [secretaryA.token, plain.token]) expect((await t.call('GET', '/users', { token })).status).toBe(403);
      const outside = await memberAccount(o.otherBranch.id, workerOther.token);
      expect((await t.call('GET', `/users/${outside.user.id}`, { token: workerC.token })).status).toBe(403);
      expect((await t.call('GET', '/users/00000000-0000-4000-8000-000000000000', { token: workerC.token })).status).toBe(404);
      expect((await t.call('GET', '/users/00000000-0000-4000-8000-000000000000', { token: plain.token })).status).toBe(403);
    });

    it('shows accounts that lie nowhere to platform admins only', async () => {
      const orphan = await fx.user({ displayName: '孤立账号' });
      const byAdmin = (await t.call('GET', '/users?pageSize=200', { token: admin.token })).body.items.map((u: { id: string }) => u.id);
      expect(byAdmin).toContain(orphan.user.id);
      const byWorker = (await t.call('GET', '/users?pageSize=200', { token: workerC.token })).body.items.map((u: { id: string }) => u.id);
      expect(byWorker).not.toContain(orphan.user.id);
      expect((await t.call('POST', `/users/${orphan.user.id}/disable`, { token: admin.token })).status).toBe(200);
    });
  });

  describe('POST /users/{id}/password', () => {
    it('resets the password, lifts a lock and ends every session', async () => {
      const target = await memberAccount(o.branchA.id);
      await t.ds.query(`UPDATE user_account SET failed_attempts = 5, locked_until = now() + interval '15 minutes' WHERE id = $1`, [target.user.id]);
      const res = await t.call('POST', `/users/${target.user.id}/password`, { token: workerC.token, body: { password: 'Reset-pass-0001' } });
      expect(res.status).toBe(204);
      expect((await t.call('GET', '/auth/me', { token: target.token })).status).toBe(401);
      expect((await signIn(target.user.username)).status).toBe(401);
      expect((await signIn(target.user.username, 'Reset-pass-0001')).status).toBe(200);
      expect(await audits('user.resetPassword', target.user.id)).toHaveLength(1);
    });

    it('refuses weak passwords and accounts without a username', async () => {
      const target = await memberAccount(o.branchA.id);
      expect((await t.call('POST', `/users/${target.user.id}/password`, { token: workerC.token, body: { password: 'weak' } })).body.code).toBe(
        'VALIDATION_FAILED',
      );
      const wxOnly = await fx.user({ memberOrgId: o.branchA.id });
      const res = await t.call('POST', `/users/${wxOnly.user.id}/password`, { token: workerC.token, body: { password: 'Reset-pass-0001' } });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('NO_USERNAME');
    });

    it('refuses accounts outside the subtree, accounts with authority outside it, and platform admins', async () => {
      const body = { password: 'Reset-pass-0001' };
      const outside = await memberAccount(o.otherBranch.id, workerOther.token);
      expect((await t.call('POST', `/users/${outside.user.id}/password`, { token: workerC.token, body })).status).toBe(403);
      const inA = await memberAccount(o.branchA.id);
      expect((await t.call('POST', `/users/${inA.user.id}/password`, { token: workerS.token, body })).status).toBe(403);
      // A member of branch A who is also a worker of the other committee: visible here, but not to be taken over from here.
      const dual = await memberAccount(o.branchA.id);
      // The other committee's worker cannot grant it (the account lies outside their subtree); a platform admin could.
      expect((await t.call('POST', `/users/${dual.user.id}/roles`, { token: workerOther.token, body: { role: 'org_worker', orgId: o.other.id } })).status).toBe(
        403,
      );
      await t.ds.query('INSERT INTO role_assignment (user_id, role, organisation_id) VALUES ($1, $2, $3)', [dual.user.id, 'org_worker', o.other.id]);
      expect((await t.call('GET', `/users/${dual.user.id}`, { token: workerC.token })).status).toBe(200);
      const refused = await t.call('POST', `/users/${dual.user.id}/password`, { token: workerC.token, body });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toContain('管辖范围之外');
      const pa = await create(admin.token, { role: { role: 'platform_admin', orgId: o.committee.id } });
      expect((await t.call('POST', `/users/${pa.body.id}/password`, { token: workerC.token, body })).status).toBe(403);
      expect((await t.call('POST', `/users/${pa.body.id}/password`, { token: admin.token, body })).status).toBe(204);
      for (const token of [secretaryA.token, plain.token]) expect((await t.call('POST', `/users/${inA.user.id}/password`, { token, body })).status).toBe(403);
    });
  });

  describe('roles', () => {
    it('grants and revokes org_worker; the grant takes effect on the next request; both are audited', async () => {
      const target = await memberAccount(o.branchA.id);
      const granted = await t.call('POST', `/users/${target.user.id}/roles`, { token: workerC.token, body: { role: 'org_worker', orgId: o.sub.id } });
      expect(granted.status).toBe(201);
      expect(granted.body).toMatchObject({ role: 'org_worker', orgId: o.sub.id, orgName: '园区二级党委' });
      expect((await t.call('GET', '/auth/me', { token: target.token })).body.roles).toContainEqual({
        role: 'org_worker',
        orgId: o.sub.id,
        orgName: '园区二级党委',
      });
      expect((await t.call('GET', '/users', { token: target.token })).status).toBe(200);

      const dup = await t.call('POST', `/users/${target.user.id}/roles`, { token: workerC.token, body: { role: 'org_worker', orgId: o.sub.id } });
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('ROLE_ALREADY_GRANTED');

      const revoked = await t.call('DELETE', `/users/${target.user.id}/roles/${granted.body.id}`, { token: workerC.token });
      expect(revoked.status).toBe(204);
      expect((await t.call('GET', '/users', { token: target.token })).status).toBe(403);
      expect(await audits('role.grant', target.user.id)).toHaveLength(1);
      const [rev] = await audits('role.revoke', target.user.id);
      expect(rev.details).toMatchObject({ role: 'org_worker', orgId: o.sub.id });
      expect((await t.call('DELETE', `/users/${target.user.id}/roles/${granted.body.id}`, { token: workerC.token })).status).toBe(404);
    });

    it('refuses committee positions, org_worker on a branch, and platform_admin from a worker', async () => {
      const target = await memberAccount(o.branchA.id);
      const url = `/users/${target.user.id}/roles`;
      expect((await t.call('POST', url, { token: workerC.token, body: { role: 'secretary', orgId: o.branchA.id } })).body.code).toBe('VALIDATION_FAILED');
      expect((await t.call('POST', url, { token: workerC.token, body: { role: 'org_worker', orgId: o.branchA.id } })).body.code).toBe('ROLE_NOT_ASSIGNABLE');
      expect((await t.call('POST', url, { token: workerC.token, body: { role: 'platform_admin', orgId: o.committee.id } })).status).toBe(403);
      const pa = await t.call('POST', url, { token: admin.token, body: { role: 'platform_admin', orgId: o.committee.id } });
      expect(pa.status).toBe(201);
      // Revoking a platform admin role is the platform admin's too.
      expect((await t.call('DELETE', `${url}/${pa.body.id}`, { token: workerC.token })).status).toBe(403);
      expect((await t.call('DELETE', `${url}/${pa.body.id}`, { token: admin.token })).status).toBe(204);
    });

    it('refuses users and organisations outside the subtree, and callers without role.manage', async () => {
      const outside = await memberAccount(o.otherBranch.id, workerOther.token);
      const inside = await memberAccount(o.branchA.id);
      expect(
        (await t.call('POST', `/users/${outside.user.id}/roles`, { token: workerC.token, body: { role: 'org_worker', orgId: o.committee.id } })).status,
      ).toBe(403);
      expect((await t.call('POST', `/users/${inside.user.id}/roles`, { token: workerC.token, body: { role: 'org_worker', orgId: o.other.id } })).status).toBe(
        403,
      );
      expect((await t.call('POST', `/users/${inside.user.id}/roles`, { token: workerS.token, body: { role: 'org_worker', orgId: o.sub.id } })).status).toBe(
        403,
      );
      for (const token of [secretaryA.token, plain.token]) {
        expect((await t.call('POST', `/users/${inside.user.id}/roles`, { token, body: { role: 'org_worker', orgId: o.committee.id } })).status).toBe(403);
      }
      // Revoking: only assignments held inside the caller's subtree.
      const foreign = await t.call('POST', `/users/${outside.user.id}/roles`, { token: workerOther.token, body: { role: 'org_worker', orgId: o.other.id } });
      expect(foreign.status).toBe(201);
      expect((await t.call('DELETE', `/users/${outside.user.id}/roles/${foreign.body.id}`, { token: workerC.token })).status).toBe(403);
      expect((await t.call('DELETE', `/users/${inside.user.id}/roles/${foreign.body.id}`, { token: workerC.token })).status).toBe(404);
      expect((await t.call('DELETE', `/users/${outside.user.id}/roles/${foreign.body.id}`, { token: plain.token })).status).toBe(403);
    });
  });

  describe('disable and enable', () => {
    it('disables an account (sessions end at once, sign-in refused) and enables it again; both audited', async () => {
      const target = await memberAccount(o.branchA.id);
      const off = await t.call('POST', `/users/${target.user.id}/disable`, { token: workerC.token });
      expect(off.status).toBe(200);
      expect(off.body.disabled).toBe(true);
      expect((await t.call('GET', '/auth/me', { token: target.token })).status).toBe(401);
      expect((await signIn(target.user.username)).body.code).toBe('ACCOUNT_DISABLED');
      const on = await t.call('POST', `/users/${target.user.id}/enable`, { token: workerC.token });
      expect(on.body.disabled).toBe(false);
      expect((await signIn(target.user.username)).status).toBe(200);
      expect(await audits('user.disable', target.user.id)).toHaveLength(1);
      expect(await audits('user.enable', target.user.id)).toHaveLength(1);
    });

    it('refuses the own account, accounts outside the subtree, and callers without role.manage', async () => {
      const self = await t.call('POST', `/users/${workerC.user.id}/disable`, { token: workerC.token });
      expect(self.status).toBe(422);
      expect(self.body.code).toBe('CANNOT_CHANGE_SELF');
      const outside = await memberAccount(o.otherBranch.id, workerOther.token);
      const inA = await memberAccount(o.branchA.id);
      expect((await t.call('POST', `/users/${outside.user.id}/disable`, { token: workerC.token })).status).toBe(403);
      expect((await t.call('POST', `/users/${inA.user.id}/disable`, { token: workerS.token })).status).toBe(403);
      expect((await t.call('POST', `/users/${workerC.user.id}/disable`, { token: workerS.token })).status).toBe(403);
      for (const token of [secretaryA.token, plain.token]) {
        expect((await t.call('POST', `/users/${inA.user.id}/disable`, { token })).status).toBe(403);
        expect((await t.call('POST', `/users/${inA.user.id}/enable`, { token })).status).toBe(403);
      }
      expect((await t.call('GET', '/auth/me', { token: inA.token })).status).toBe(200);
    });
  });
});

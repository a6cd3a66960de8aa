import { PhoneCipher } from '../src/common/sensitive-cipher.js';
import { randomBytes } from 'node:crypto';
import { BindTicketSigner } from '../src/auth/bind-ticket.js';
import { createTestApp, type TestApp } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';
import { FAKE_WECHAT_GARBAGE_CODE, FAKE_WECHAT_SLOW_CODE, startFakeWechat, wechatEnv, type FakeWechat } from './utils/fake-wechat.js';

const openid = () => `o${randomBytes(12).toString('base64url')}`;

describe('WeChat sign-in, binding codes and binding', () => {
  let t: TestApp;
  let wx: FakeWechat;
  let fx: Fixtures;
  let tree: Awaited<ReturnType<Fixtures['tree']>>;
  let secretaryA: string;

  beforeAll(async () => {
    wx = await startFakeWechat();
    t = await createTestApp({ AUTH_RATE_LIMIT_PER_MIN: '10000', ...wechatEnv(wx) });
    fx = new Fixtures(t.ds, t.app);
    tree = await fx.tree();
    secretaryA = (await fx.user({ positions: [{ position: 'secretary', orgId: tree.branchA.id }] })).token;
  });
  afterAll(async () => {
    await t.close();
    await wx.close();
  });

  const issue = (memberId: string, token = secretaryA) => t.call('POST', `/members/${memberId}/binding-code`, { token });
  const wechatSignIn = (user: { openid: string; unionid?: string }) => t.call('POST', '/auth/wechat', { body: { code: wx.issueCode(user) } });
  const ticketFor = async (user: { openid: string; unionid?: string }) => {
    const res = await wechatSignIn(user);
    expect(res.body.status).toBe('needs_binding');
    return res.body.bindTicket as string;
  };
  const bind = (bindTicket: string, phone: string, bindingCode: string) => t.call('POST', '/auth/wechat/bind', { body: { bindTicket, phone, bindingCode } });
  /** A member of branch A with a fresh binding code. */
  const memberWithCode = async () => {
    const member = await fx.member({ orgId: tree.branchA.id });
    const res = await issue(member.id);
    expect(res.status).toBe(201);
    return { member, phone: member.phone!, code: res.body.code as string };
  };

  describe('binding codes', () => {
    it('issues a 6-digit code valid 7 days, stores only its HMAC, and audits without the code', async () => {
      const member = await fx.member({ orgId: tree.branchA.id });
      const res = await issue(member.id);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ memberId: member.id, code: expect.stringMatching(/^\d{6}$/), expiresAt: expect.any(String) });
      const days = (Date.parse(res.body.expiresAt) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.99);
      expect(days).toBeLessThanOrEqual(7);
      const [row] = await t.ds.query('SELECT * FROM binding_code WHERE member_id = $1', [member.id]);
      expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.code_hash).not.toContain(res.body.code);
      const [audit] = await t.ds.query(`SELECT * FROM audit_log WHERE action = 'member.issueBindingCode' AND object_id = $1`, [member.id]);
      expect(audit.org_path).toBe(tree.branchA.path);
      expect(JSON.stringify(audit)).not.toContain(res.body.code);
    });

    it('voids the earlier unused code when a new one is issued', async () => {
      const { member, phone, code: first } = await memberWithCode();
      const second = (await issue(member.id)).body.code as string;
      const ticket = await ticketFor({ openid: openid() });
      if (first !== second) expect((await bind(ticket, phone, first)).body.code).toBe('BINDING_CODE_INVALID');
      expect((await bind(ticket, phone, second)).status).toBe(200);
    });

    it('refuses a member without a phone (MEMBER_PHONE_MISSING, 422)', async () => {
      const member = await fx.member({ orgId: tree.branchA.id, phone: null });
      const res = await issue(member.id);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('MEMBER_PHONE_MISSING');
    });

    it('is allowed to secretaries, organisation committee members and workers above; refused outside the subtree and to plain members', async () => {
      const member = await fx.member({ orgId: tree.branchA.id });
      const orgMember = await fx.user({ positions: [{ position: 'organisation_member', orgId: tree.branchA.id }] });
      const worker = await fx.user({ roles: [{ role: 'org_worker', orgId: tree.committee.id }] });
      expect((await issue(member.id, orgMember.token)).status).toBe(201);
      expect((await issue(member.id, worker.token)).status).toBe(201);

      const secretaryB = await fx.user({ positions: [{ position: 'secretary', orgId: tree.branchB.id }] });
      const propaganda = await fx.user({ positions: [{ position: 'propaganda_member', orgId: tree.branchA.id }] });
      const self = await fx.user({ memberId: member.id });
      for (const token of [secretaryB.token, propaganda.token, self.token]) {
        const res = await issue(member.id, token);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      expect((await issue(member.id, '')).status).toBe(401);
      expect((await issue('00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await issue('not-a-uuid')).body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('code2session', () => {
    it('sends appid, secret, js_code and grant_type=authorization_code', async () => {
      const code = wx.issueCode({ openid: openid() });
      await t.call('POST', '/auth/wechat', { body: { code } });
      expect(wx.requests.at(-1)).toEqual({ appid: wx.appid, secret: wx.secret, js_code: code, grant_type: 'authorization_code' });
    });

    it.each([
      ['invalid-code', 400, 'WECHAT_CODE_INVALID'],
      ['limited-code', 429, 'WECHAT_RATE_LIMITED'],
      ['risky-code', 403, 'WECHAT_USER_BLOCKED'],
      ['busy-code', 503, 'WECHAT_UNAVAILABLE'],
      [FAKE_WECHAT_GARBAGE_CODE, 502, 'WECHAT_UNAVAILABLE'],
    ])('maps WeChat answer for %s to %i %s', async (code, status, errorCode) => {
      const res = await t.call('POST', '/auth/wechat', { body: { code } });
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ code: errorCode, message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    });

    it('answers a code used twice (40163) as WECHAT_CODE_INVALID', async () => {
      const code = wx.issueCode({ openid: openid() });
      expect((await t.call('POST', '/auth/wechat', { body: { code } })).status).toBe(200);
      expect((await t.call('POST', '/auth/wechat', { body: { code } })).body.code).toBe('WECHAT_CODE_INVALID');
    });
  });

  describe('sign-in and binding', () => {
    it('binds an unbound WeChat identity with phone and code, then signs in directly', async () => {
      const { member, phone, code } = await memberWithCode();
      const user = { openid: openid(), unionid: `u-${randomBytes(4).toString('hex')}` };
      const ticket = await ticketFor(user);
      const bound = await bind(ticket, phone, code);
      expect(bound.status).toBe(200);
      expect(bound.body.me).toMatchObject({ memberId: member.id, orgId: tree.branchA.id, displayName: member.name });
      expect(bound.body.me.roles).toEqual([{ role: 'member', orgId: tree.branchA.id, orgName: tree.branchA.name }]);
      expect((await t.call('GET', '/auth/me', { token: bound.body.accessToken })).status).toBe(200);

      const [account] = await t.ds.query('SELECT * FROM user_account WHERE member_id = $1', [member.id]);
      expect(account).toMatchObject({ wx_openid: user.openid, wx_unionid: user.unionid, username: null, password_hash: null });
      const [audit] = await t.ds.query(`SELECT * FROM audit_log WHERE action = 'wechat.bind' AND object_id = $1`, [account.id]);
      expect(audit).toMatchObject({ actor_user_id: account.id, org_path: tree.branchA.path });
      expect(audit.details).toMatchObject({ memberId: member.id, accountCreated: true });

      const again = await wechatSignIn(user);
      expect(again.status).toBe(200);
      expect(again.body.status).toBe('signed_in');
      expect(again.body.session.me.memberId).toBe(member.id);
      const [session] = await t.ds.query('SELECT method FROM auth_session WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1', [account.id]);
      expect(session.method).toBe('wechat');
    });

    it('never stores WeChat session keys', async () => {
      const dump = JSON.stringify([
        await t.ds.query('SELECT * FROM user_account'),
        await t.ds.query('SELECT * FROM audit_log'),
        await t.ds.query('SELECT * FROM auth_session'),
      ]);
      expect(wx.sessionKeys.length).toBeGreaterThan(0);
      for (const key of wx.sessionKeys) expect(dump).not.toContain(key);
    });

    it('uses a code once: a second bind with it fails', async () => {
      const { phone, code } = await memberWithCode();
      expect((await bind(await ticketFor({ openid: openid() }), phone, code)).status).toBe(200);
      const res = await bind(await ticketFor({ openid: openid() }), phone, code);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('BINDING_CODE_INVALID');
    });

    it('attaches WeChat to the member account that already exists', async () => {
      const existing = await fx.user({ memberOrgId: tree.branchA.id });
      const code = (await issue(existing.memberId!)).body.code;
      const [m] = await t.ds.query('SELECT phone_enc FROM member WHERE id = $1', [existing.memberId]);
      const user = { openid: openid() };
      // M4: the number is stored sealed; the member types it in plain and is found by its blind index.
      const res = await bind(await ticketFor(user), t.app.get(PhoneCipher).decrypt(m.phone_enc), code);
      expect(res.status).toBe(200);
      expect(res.body.me.userId).toBe(existing.user.id);
      const [account] = await t.ds.query('SELECT wx_openid FROM user_account WHERE id = $1', [existing.user.id]);
      expect(account.wx_openid).toBe(user.openid);
    });

    it('moves the member to a new WeChat account when they bind again with a new code', async () => {
      const { member, phone, code } = await memberWithCode();
      const oldWx = { openid: openid() };
      expect((await bind(await ticketFor(oldWx), phone, code)).status).toBe(200);
      const second = (await issue(member.id)).body.code;
      const newWx = { openid: openid() };
      const res = await bind(await ticketFor(newWx), phone, second);
      expect(res.status).toBe(200);
      expect((await wechatSignIn(newWx)).body.status).toBe('signed_in');
      expect((await wechatSignIn(oldWx)).body.status).toBe('needs_binding');
    });

    it('answers an unknown phone, a wrong code and an expired code alike', async () => {
      const { member, phone, code } = await memberWithCode();
      const ticket = await ticketFor({ openid: openid() });
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      const responses = [await bind(ticket, '13000000000', code), await bind(ticket, phone, wrong)];
      await t.ds.query(`UPDATE binding_code SET expires_at = now() - interval '1 second' WHERE member_id = $1`, [member.id]);
      responses.push(await bind(ticket, phone, code));
      for (const res of responses) {
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ code: 'BINDING_CODE_INVALID', message: '手机号或绑定码不正确，或绑定码已失效' });
      }
    });

    it('voids a code after 5 wrong attempts (the count survives the failed requests)', async () => {
      const { member, phone, code } = await memberWithCode();
      const ticket = await ticketFor({ openid: openid() });
      const wrong = String((Number(code) + 7) % 1_000_000).padStart(6, '0');
      for (let i = 1; i <= 5; i++) {
        expect((await bind(ticket, phone, wrong)).body.code).toBe('BINDING_CODE_INVALID');
        const [row] = await t.ds.query('SELECT failed_attempts FROM binding_code WHERE member_id = $1', [member.id]);
        expect(row.failed_attempts).toBe(i);
      }
      expect((await bind(ticket, phone, code)).body.code).toBe('BINDING_CODE_INVALID');
      // A fresh code works again.
      const fresh = (await issue(member.id)).body.code;
      expect((await bind(ticket, phone, fresh)).status).toBe(200);
    });

    it('refuses forged, tampered and expired tickets (BIND_TICKET_INVALID)', async () => {
      const { phone, code } = await memberWithCode();
      const real = await ticketFor({ openid: openid() });
      const [v, , mac] = real.split('.');
      const forgedPayload = Buffer.from(JSON.stringify({ o: 'o-victim', u: null, e: Date.now() / 1000 + 600 })).toString('base64url');
      const expired = new BindTicketSigner(t.config.dataKey, 600, () => Date.now() - 601_000).sign({ openid: openid(), unionid: null });
      const otherKey = new BindTicketSigner(Buffer.alloc(32, 9)).sign({ openid: openid(), unionid: null });
      for (const ticket of [`${v}.${forgedPayload}.${mac}`, expired, otherKey, 'garbage']) {
        const res = await bind(ticket, phone, code);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('BIND_TICKET_INVALID');
      }
      // The code was not touched by any of these.
      expect((await bind(real, phone, code)).status).toBe(200);
    });

    it('refuses a WeChat identity bound to another member (WECHAT_ALREADY_BOUND) and leaves the code usable', async () => {
      const first = await memberWithCode();
      const wxUser = { openid: openid() };
      const ticket = await ticketFor(wxUser);
      expect((await bind(ticket, first.phone, first.code)).status).toBe(200);
      const second = await memberWithCode();
      const res = await bind(ticket, second.phone, second.code);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('WECHAT_ALREADY_BOUND');
      expect((await bind(await ticketFor({ openid: openid() }), second.phone, second.code)).status).toBe(200);
    });

    it('lets exactly one of two concurrent binds with one code win', async () => {
      for (let round = 0; round < 3; round++) {
        const { member, phone, code } = await memberWithCode();
        const tickets = await Promise.all([ticketFor({ openid: openid() }), ticketFor({ openid: openid() })]);
        const results = await Promise.all(tickets.map((ticket) => bind(ticket, phone, code)));
        expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
        expect(results.find((r) => r.status === 400)!.body.code).toBe('BINDING_CODE_INVALID');
        const accounts = await t.ds.query('SELECT id FROM user_account WHERE member_id = $1', [member.id]);
        expect(accounts).toHaveLength(1);
      }
    });

    it('lets one WeChat identity bind only one of two members when both binds race', async () => {
      const a = await memberWithCode();
      const b = await memberWithCode();
      const wxUser = { openid: openid() };
      const [ta, tb] = await Promise.all([ticketFor(wxUser), ticketFor(wxUser)]);
      const results = await Promise.all([bind(ta, a.phone, a.code), bind(tb, b.phone, b.code)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const rows = await t.ds.query('SELECT member_id FROM user_account WHERE wx_openid = $1', [wxUser.openid]);
      expect(rows).toHaveLength(1);
    });

    it('refuses WeChat sign-in and binding for a disabled account', async () => {
      const { member, phone, code } = await memberWithCode();
      const wxUser = { openid: openid() };
      expect((await bind(await ticketFor(wxUser), phone, code)).status).toBe(200);
      await t.ds.query('UPDATE user_account SET disabled_at = now() WHERE member_id = $1', [member.id]);
      const res = await wechatSignIn(wxUser);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ACCOUNT_DISABLED');
      const again = (await issue(member.id)).body.code;
      expect((await bind(await ticketFor({ openid: openid() }), phone, again)).body.code).toBe('ACCOUNT_DISABLED');
    });

    it('validates the binding body', async () => {
      const res = await t.call('POST', '/auth/wechat/bind', { body: { bindTicket: 'x', phone: '123', bindingCode: '12ab' } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });
  });
});

describe('WeChat unreachable or misconfigured', () => {
  let wx: FakeWechat;
  const apps: TestApp[] = [];
  beforeAll(async () => {
    wx = await startFakeWechat({ slowMs: 3000 });
  });
  afterAll(async () => {
    for (const a of apps) await a.close();
    await wx.close();
  });
  const app = async (env: Record<string, string>) => {
    const a = await createTestApp({ AUTH_RATE_LIMIT_PER_MIN: '10000', ...wechatEnv(wx), ...env });
    apps.push(a);
    return a;
  };

  it('answers WECHAT_UNAVAILABLE (502) when WeChat does not answer in time', async () => {
    const t = await app({ WECHAT_TIMEOUT_MS: '200' });
    const res = await t.call('POST', '/auth/wechat', { body: { code: FAKE_WECHAT_SLOW_CODE } });
    expect(res.status).toBe(502);
    expect(res.body.code).toBe('WECHAT_UNAVAILABLE');
  });

  it('answers WECHAT_UNAVAILABLE (502) when WeChat cannot be reached', async () => {
    const t = await app({ WECHAT_API_BASE: 'http://127.0.0.1:9' });
    const res = await t.call('POST', '/auth/wechat', { body: { code: 'any' } });
    expect(res.status).toBe(502);
    expect(res.body.code).toBe('WECHAT_UNAVAILABLE');
  });

  it('answers WECHAT_UNAVAILABLE (502), not a user error, when appid or secret are wrong', async () => {
    const t = await app({ WECHAT_SECRET: 'wrong-secret' });
    const res = await t.call('POST', '/auth/wechat', { body: { code: wx.issueCode({ openid: 'o-1' }) } });
    expect(res.status).toBe(502);
    expect(res.body.code).toBe('WECHAT_UNAVAILABLE');
    expect(wx.requests.at(-1)!.secret).toBe('wrong-secret');
  });
});

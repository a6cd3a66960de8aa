import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';

/** Enterprises and their many-to-many link with organisations (O3). */
describe('enterprises', () => {
  let t: TestApp;
  let fx: Fixtures;
  beforeAll(async () => {
    t = await createTestApp();
    fx = new Fixtures(t.app.get(DataSource), t.app);
  });
  afterAll(() => t.close());

  const CODE_A = '91110108MA01ABCD2X';
  const CODE_B = '91310115MA1K4XYW3Q';

  it('creates, reads, searches and updates enterprises, auditing each change', async () => {
    const { committee } = await fx.tree();
    const { token } = await fx.user({ roles: [{ role: 'org_worker', orgId: committee.id }] });
    const created = await t.call('POST', '/enterprises', {
      token,
      body: { name: '星云网络科技有限公司', creditCode: CODE_A.toLowerCase(), industry: '互联网' },
    });
    expect(created.status).toBe(400); // the credit code must be upper case
    const ok = await t.call('POST', '/enterprises', { token, body: { name: '星云网络科技有限公司', creditCode: CODE_A, industry: '互联网' } });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ id: expect.any(String), name: '星云网络科技有限公司', creditCode: CODE_A, industry: '互联网' });
    const dup = await t.call('POST', '/enterprises', { token, body: { name: '另一家', creditCode: CODE_A } });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('ENTERPRISE_CREDIT_CODE_TAKEN');
    expect((await t.call('POST', '/enterprises', { token, body: { name: '海川数据服务有限公司', creditCode: CODE_B } })).status).toBe(201);

    const byName = await t.call('GET', '/enterprises?q=星云', { token });
    expect(byName.body).toMatchObject({ total: 1, items: [{ id: ok.body.id }] });
    const byCode = await t.call('GET', `/enterprises?q=${CODE_B}`, { token });
    expect(byCode.body.items.map((e: { name: string }) => e.name)).toEqual(['海川数据服务有限公司']);
    const page = await t.call('GET', '/enterprises?pageSize=1&page=2', { token });
    expect(page.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page.body.items).toHaveLength(1);

    const upd = await t.call('PATCH', `/enterprises/${ok.body.id}`, { token, body: { industry: null, name: '星云科技' } });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ name: '星云科技', industry: null, creditCode: CODE_A });
    const clash = await t.call('PATCH', `/enterprises/${ok.body.id}`, { token, body: { creditCode: CODE_B } });
    expect(clash.body.code).toBe('ENTERPRISE_CREDIT_CODE_TAKEN');
    const log = await t.ds.query(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY id`, [ok.body.id]);
    expect(log.map((l: { action: string }) => l.action)).toEqual(['enterprise.create', 'enterprise.update']);
  });

  it('shows an enterprise with only the linked organisations the caller may read', async () => {
    const { committee, branchA, branchB } = await fx.tree();
    const worker = await fx.user({ roles: [{ role: 'org_worker', orgId: committee.id }] });
    const e = (await t.call('POST', '/enterprises', { token: worker.token, body: { name: '共建企业' } })).body;
    const j = await t.call('PATCH', `/organisations/${branchA.id}`, { token: worker.token, body: { enterpriseIds: [e.id] } });
    expect(j.status).toBe(200);
    await t.call('PATCH', `/organisations/${branchB.id}`, { token: worker.token, body: { enterpriseIds: [e.id] } });
    const all = await t.call('GET', `/enterprises/${e.id}`, { token: worker.token });
    expect(all.body.organisations.map((o: { id: string }) => o.id).sort()).toEqual([branchA.id, branchB.id].sort());
    const sec = await fx.user({ roles: [{ role: 'secretary', orgId: branchA.id }] });
    const mine = await t.call('GET', `/enterprises/${e.id}`, { token: sec.token });
    expect(mine.body).toMatchObject({ id: e.id, name: '共建企业', organisations: [{ id: branchA.id, name: '甲公司党支部', kind: 'branch' }] });
    // The branch secretary cannot rename an enterprise that another branch shows as well.
    const refused = await t.call('PATCH', `/enterprises/${e.id}`, { token: sec.token, body: { name: '改名' } });
    expect(refused.status).toBe(403);
    expect((await t.call('PATCH', `/enterprises/${e.id}`, { token: worker.token, body: { name: '改名企业' } })).status).toBe(200);
    expect((await t.call('GET', '/enterprises/7a1f3c1e-0000-4000-8000-000000000000', { token: sec.token })).status).toBe(404);
  });

  it('refuses plain members and callers who may only read when creating or changing', async () => {
    const { committee, branchA } = await fx.tree();
    const worker = await fx.user({ roles: [{ role: 'org_worker', orgId: committee.id }] });
    const e = (await t.call('POST', '/enterprises', { token: worker.token, body: { name: '某企业' } })).body;
    const member = await fx.user({ memberOrgId: branchA.id });
    expect((await t.call('GET', '/enterprises', { token: member.token })).status).toBe(403);
    expect((await t.call('GET', `/enterprises/${e.id}`, { token: member.token })).status).toBe(403);
    expect((await t.call('POST', '/enterprises', { token: member.token, body: { name: '成员建的企业' } })).status).toBe(403);
    const reader = await fx.user({ roles: [{ role: 'committee_member', orgId: committee.id }] });
    expect((await t.call('GET', '/enterprises', { token: reader.token })).status).toBe(200);
    expect((await t.call('POST', '/enterprises', { token: reader.token, body: { name: '读者建的企业' } })).status).toBe(403);
    expect((await t.call('PATCH', `/enterprises/${e.id}`, { token: reader.token, body: { name: '改' } })).status).toBe(403);
    expect((await t.call('GET', '/enterprises')).status).toBe(401);
  });

  it('O3 linking an enterprise to an organisation needs manage rights on that organisation', async () => {
    const { branchA, branchB } = await fx.tree();
    const sec = await fx.user({ roles: [{ role: 'secretary', orgId: branchA.id }] });
    const e = (await t.call('POST', '/enterprises', { token: sec.token, body: { name: '甲公司' } })).body;
    expect((await t.call('PATCH', `/organisations/${branchB.id}`, { token: sec.token, body: { enterpriseIds: [e.id] } })).status).toBe(403);
    const own = await t.call('PATCH', `/organisations/${branchA.id}`, { token: sec.token, body: { enterpriseIds: [e.id] } });
    expect(own.body.enterprises).toEqual([{ id: e.id, name: '甲公司', creditCode: null, industry: null }]);
  });
});

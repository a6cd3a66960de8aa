import { createTestApp, type TestApp } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';
import { nationalId } from './utils/member-helpers.js';

/** GET /audit: the audit log of the caller's subtree (audit.read), newest first (M4: reads of sensitive data are visible). */
describe('audit read API', () => {
  let t: TestApp;
  let fx: Fixtures;
  let tree: Awaited<ReturnType<Fixtures['tree']>>;
  let secA: string;
  let secB: string;
  let worker: string;
  let committeeMember: string;
  let plain: string;
  let memberA: string;
  let memberB: string;

  beforeAll(async () => {
    t = await createTestApp();
    fx = new Fixtures(t.ds, t.app);
    tree = await fx.tree();
    secA = (await fx.user({ displayName: '甲书记', positions: [{ position: 'secretary', orgId: tree.branchA.id }] })).token;
    secB = (await fx.user({ displayName: '乙书记', positions: [{ position: 'secretary', orgId: tree.branchB.id }] })).token;
    worker = (await fx.user({ roles: [{ role: 'org_worker', orgId: tree.committee.id }] })).token;
    committeeMember = (await fx.user({ positions: [{ position: 'organisation_member', orgId: tree.branchA.id }] })).token;
    plain = (await fx.user({ memberOrgId: tree.branchA.id })).token;
    const create = async (orgId: string, token: string, birthDate: string) => {
      const res = await t.call('POST', '/members', {
        token,
        body: {
          orgId,
          name: '审计对象',
          gender: 'male',
          ethnicity: '汉族',
          birthDate,
          nationalId: nationalId(birthDate, 'male'),
          joinDate: '2012-01-01',
          status: 'full',
          fullMemberDate: '2013-01-01',
        },
      });
      return res.body.id as string;
    };
    memberA = await create(tree.branchA.id, secA, '1988-01-01');
    memberB = await create(tree.branchB.id, secB, '1988-02-02');
    await t.call('GET', `/members/${memberA}?unmask=true`, { token: secA });
    await t.call('GET', `/members/${memberB}?unmask=true`, { token: secB });
    // Older entries with known times (the log is append-only: inserts are allowed, changes are not).
    await t.ds.query(
      `INSERT INTO audit_log (at, action, object_type, object_id, org_path, actor_name) VALUES
         ('2024-03-01T10:00:00+08:00', 'member.export', 'organisation', $1, $2, '甲书记'),
         ('2024-03-02T23:30:00+08:00', 'member.export', 'organisation', $1, $2, '甲书记'),
         ('2024-03-03T00:30:00+08:00', 'member.export', 'organisation', $1, $2, '甲书记')`,
      [tree.branchA.id, tree.branchA.path],
    );
  });
  afterAll(() => t.close());

  const read = (query: string, token: string) => t.call('GET', `/audit?${query}`, { token });

  it('shows a branch secretary the entries of their branch only, newest first, with actor and organisation', async () => {
    const res = await read(`orgId=${tree.branchA.id}`, secA);
    expect(res.status).toBe(200);
    const items = res.body.items as Array<{ at: string; orgId: string; objectId: string; action: string; actor: { name: string } }>;
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(items.every((i) => i.orgId === tree.branchA.id)).toBe(true);
    expect(items.some((i) => i.objectId === memberB)).toBe(false);
    expect(items.map((i) => i.at)).toEqual([...items.map((i) => i.at)].sort().reverse());
    const unmask = items.find((i) => i.action === 'member.sensitive.read')!;
    expect(unmask).toMatchObject({ objectId: memberA, actor: { name: '甲书记' }, orgName: '甲公司党支部' });
    expect(res.body).toMatchObject({ total: items.length, totalCapped: false, page: 1, pageSize: 20 });
  });

  it('without orgId: every subtree where the caller may read the log', async () => {
    const a = await read('action=member.sensitive.read', secA);
    expect(a.body.items.map((i: { objectId: string }) => i.objectId)).toEqual([memberA]);
    const all = await read('action=member.sensitive.read', worker);
    expect(all.body.items.map((i: { objectId: string }) => i.objectId).sort()).toEqual([memberA, memberB].sort());
  });

  it('filters by exact action, by action prefix and by object', async () => {
    const creates = await read(`orgId=${tree.committee.id}&action=member.create`, worker);
    expect(creates.body.items.map((i: { objectId: string }) => i.objectId).sort()).toEqual([memberA, memberB].sort());
    const prefix = await read(`orgId=${tree.branchA.id}&action=${encodeURIComponent('member.*')}`, secA);
    expect(new Set(prefix.body.items.map((i: { action: string }) => i.action))).toEqual(new Set(['member.create', 'member.sensitive.read', 'member.export']));
    const byObject = await read(`orgId=${tree.committee.id}&objectId=${memberB}`, worker);
    expect(byObject.body.items.map((i: { action: string }) => i.action).sort()).toEqual(['member.create', 'member.sensitive.read']);
    expect((await read('action=DROP%20TABLE', worker)).status).toBe(400);
  });

  it('filters by time: dates are whole days in China time, instants are exact', async () => {
    const day2 = await read(`orgId=${tree.branchA.id}&from=2024-03-02&to=2024-03-02`, secA);
    expect(day2.body.items.map((i: { at: string }) => i.at)).toEqual(['2024-03-02T15:30:00.000Z']);
    const range = await read(`orgId=${tree.branchA.id}&from=2024-03-01&to=2024-03-03`, secA);
    expect(range.body.total).toBe(3);
    const instant = await read(
      `orgId=${tree.branchA.id}&from=${encodeURIComponent('2024-03-01T10:00:00+08:00')}&to=${encodeURIComponent('2024-03-02T23:30:00+08:00')}`,
      secA,
    );
    expect(instant.body.total).toBe(2);
  });

  it('pages', async () => {
    const p1 = await read(`orgId=${tree.branchA.id}&pageSize=2&page=1`, secA);
    const p2 = await read(`orgId=${tree.branchA.id}&pageSize=2&page=2`, secA);
    expect(p1.body.items).toHaveLength(2);
    const ids1 = p1.body.items.map((i: { id: string }) => i.id);
    expect(p2.body.items.some((i: { id: string }) => ids1.includes(i.id))).toBe(false);
    expect(p2.body.items[0].at <= p1.body.items[1].at).toBe(true);
  });

  it('refuses a sibling branch secretary, members without audit.read and a plain member', async () => {
    expect((await read(`orgId=${tree.branchA.id}`, secB)).status).toBe(403);
    expect((await read(`orgId=${tree.committee.id}`, secA)).status).toBe(403);
    expect((await read(`orgId=${tree.branchA.id}`, committeeMember)).status).toBe(403);
    expect((await read('', committeeMember)).status).toBe(403);
    expect((await read(`orgId=${tree.branchA.id}`, plain)).status).toBe(403);
    expect((await read('', plain)).status).toBe(403);
  });
});

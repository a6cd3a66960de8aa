import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';
import type { OrganisationEntity } from '../src/organisations/organisation.entity.js';

/** The organisation tree: reading, scope, creating, changing, moving, deleting (O1–O3, O5, O7, O8). */
describe('organisations', () => {
  let t: TestApp;
  let fx: Fixtures;
  let admin: string;
  let root: OrganisationEntity;
  beforeAll(async () => {
    t = await createTestApp();
    fx = new Fixtures(t.app.get(DataSource), t.app);
    root = await fx.org({ name: '平台根', kind: 'committee' });
    admin = (await fx.user({ roles: [{ role: 'platform_admin', orgId: root.id }] })).token;
  });

  /** committee → branch A, branch B under the platform administrator's root. */
  const tree = async () => {
    const committee = await fx.org({ name: '测试联合党委', kind: 'committee', parentId: root.id });
    const branchA = await fx.org({ name: '甲公司党支部', kind: 'branch', parentId: committee.id });
    const branchB = await fx.org({ name: '乙公司党支部', kind: 'branch', parentId: committee.id });
    return { committee, branchA, branchB };
  };
  /** An organisation under the administrator's root unless a parent is given. */
  const org = (p: Parameters<Fixtures['org']>[0] = {}) => fx.org({ parentId: root.id, ...p });
  afterAll(() => t.close());

  const audits = async (objectId: string) =>
    await t.ds.query<
      Array<{
        action: string;
        org_path: string | null;
        details: Record<string, unknown>;
      }>
    >(`SELECT action, org_path::text AS org_path, details FROM audit_log WHERE object_id = $1 ORDER BY id`, [objectId]);

  describe('reading and scope', () => {
    it("lists the caller's scope roots without roots covered by a wider grant", async () => {
      const { committee, branchA, branchB } = await fx.tree();
      const other = await fx.org({ name: '其他党委', kind: 'committee' });
      const { token } = await fx.user({
        roles: [
          { role: 'org_worker', orgId: committee.id },
          { role: 'secretary', orgId: branchA.id },
          { role: 'secretary', orgId: other.id },
        ],
      });
      const res = await t.call('GET', '/organisations', { token });
      expect(res.status).toBe(200);
      expect(res.body.map((o: { id: string }) => o.id).sort()).toEqual([committee.id, other.id].sort());
      const c = res.body.find((o: { id: string }) => o.id === committee.id);
      expect(c).toMatchObject({ name: '测试联合党委', kind: 'committee', parentId: null, depth: 0, enterpriseIds: [], memberCount: 0 });
      void branchB;
    });

    it('a plain member sees their own organisation as their root and may read its detail only', async () => {
      const { committee, branchA, branchB } = await fx.tree();
      const { token } = await fx.user({ memberOrgId: branchA.id });
      const roots = await t.call('GET', '/organisations', { token });
      expect(roots.body.map((o: { id: string }) => o.id)).toEqual([branchA.id]);
      const own = await t.call('GET', `/organisations/${branchA.id}`, { token });
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ id: branchA.id, memberCount: 1, ancestors: [{ id: committee.id, name: '测试联合党委', kind: 'committee' }] });
      for (const path of [
        `/organisations/${branchB.id}`,
        `/organisations/${committee.id}`,
        `/organisations/${branchA.id}/children`,
        `/organisations/${branchA.id}/child-counts`,
      ]) {
        expect((await t.call('GET', path, { token })).status).toBe(403);
      }
    });

    it("refuses every read outside the caller's subtree", async () => {
      const { committee, branchA, branchB } = await fx.tree();
      const { token } = await fx.user({ positions: [{ position: 'secretary', orgId: branchA.id }] });
      for (const path of ['', '/children', '/child-counts', '/subtree', '/committee', '/terms', '/term-reminders']) {
        expect((await t.call('GET', `/organisations/${branchB.id}${path}`, { token })).status).toBe(403);
        expect((await t.call('GET', `/organisations/${committee.id}${path}`, { token })).status).toBe(403);
      }
      expect((await t.call('GET', `/organisations/${branchA.id}`, { token })).status).toBe(200);
    });

    it('answers 404 for an unknown organisation to a caller with some scope, 401 without a token, 400 for a bad id', async () => {
      expect((await t.call('GET', '/organisations/7a1f3c1e-0000-4000-8000-000000000000', { token: admin })).status).toBe(404);
      expect((await t.call('GET', '/organisations')).status).toBe(401);
      const bad = await t.call('GET', '/organisations/not-a-uuid', { token: admin });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    });

    it('gives the detail with subtree counts, children, enterprises and warnings', async () => {
      const { committee, branchA, branchB } = await tree();
      for (let i = 0; i < 3; i++) await fx.member({ orgId: branchA.id });
      await fx.member({ orgId: branchA.id, status: 'probationary' });
      await fx.member({ orgId: branchB.id });
      await fx.member({ orgId: committee.id });
      const res = await t.call('GET', `/organisations/${committee.id}`, { token: admin });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: committee.id,
        memberCount: 1,
        fullMemberCount: 1,
        subtreeMemberCount: 6,
        subtreeFullMemberCount: 5,
        childCount: 2,
        enterprises: [],
        suggestedKind: 'branch',
        canApproveProbationary: true,
        ancestors: [{ id: root.id, name: '平台根', kind: 'committee' }],
      });
      expect(res.body.warnings.map((w: { code: string }) => w.code)).toEqual(['ORG_NO_SECRETARY']);
      const b = await t.call('GET', `/organisations/${branchB.id}`, { token: admin });
      // O2: a branch with fewer than 3 full members.
      expect(b.body.warnings).toContainEqual({ rule: 'O2', code: 'ORG_BRANCH_TOO_FEW_FULL_MEMBERS', message: expect.stringContaining('3') });
    });

    it("lists children and counts members per child over the child's whole subtree", async () => {
      const { committee, branchA } = await tree();
      const gb = await org({ name: '丙总支', kind: 'general_branch', parentId: committee.id });
      const b1 = await org({ name: '丙一支部', kind: 'branch', parentId: gb.id });
      const b2 = await org({ name: '丙二支部', kind: 'branch', parentId: gb.id });
      await fx.member({ orgId: b1.id });
      await fx.member({ orgId: b1.id, status: 'probationary' });
      await fx.member({ orgId: b2.id });
      await fx.member({ orgId: gb.id });
      await fx.member({ orgId: branchA.id, status: 'probationary' });
      const kids = await t.call('GET', `/organisations/${committee.id}/children`, { token: admin });
      expect(kids.status).toBe(200);
      expect(kids.body.map((o: { name: string }) => o.name)).toEqual(
        ['丙总支', '乙公司党支部', '甲公司党支部'].sort((a, b) => (a === '丙总支' ? -1 : b === '丙总支' ? 1 : a.localeCompare(b))),
      );
      const counts = await t.call('GET', `/organisations/${committee.id}/child-counts`, { token: admin });
      expect(counts.status).toBe(200);
      const byId = Object.fromEntries(counts.body.map((c: { orgId: string }) => [c.orgId, c]));
      expect(byId[gb.id]).toEqual({ orgId: gb.id, name: '丙总支', kind: 'general_branch', memberCount: 4, fullMemberCount: 3, probationaryMemberCount: 1 });
      expect(byId[branchA.id]).toMatchObject({ memberCount: 1, fullMemberCount: 0, probationaryMemberCount: 1 });
      expect(counts.body).toHaveLength(3);
      const leaf = await t.call('GET', `/organisations/${b2.id}/child-counts`, { token: admin });
      expect(leaf.body).toEqual([]);
    });

    it("O8 counts a branch's groups by the members assigned to them", async () => {
      const branch = await org({ kind: 'branch' });
      const g1 = await org({ name: '第一党小组', kind: 'group', parentId: branch.id });
      const g2 = await org({ name: '第二党小组', kind: 'group', parentId: branch.id });
      await fx.member({ orgId: branch.id, groupId: g1.id });
      await fx.member({ orgId: branch.id, groupId: g1.id, status: 'probationary' });
      await fx.member({ orgId: branch.id });
      const counts = await t.call('GET', `/organisations/${branch.id}/child-counts`, { token: admin });
      expect(counts.body).toEqual([
        { orgId: g1.id, name: '第一党小组', kind: 'group', memberCount: 2, fullMemberCount: 1, probationaryMemberCount: 1 },
        { orgId: g2.id, name: '第二党小组', kind: 'group', memberCount: 0, fullMemberCount: 0, probationaryMemberCount: 0 },
      ]);
      const group = await t.call('GET', `/organisations/${g1.id}`, { token: admin });
      expect(group.body).toMatchObject({ memberCount: 2, subtreeMemberCount: 2, suggestedKind: 'group', canApproveProbationary: false });
      expect(group.body.warnings.map((w: { code: string }) => w.code)).toEqual(['ORG_GROUP_WITHOUT_LEADER']);
    });

    it('searches by name inside the subtree, paged, escaping wildcards', async () => {
      const { committee, branchA } = await tree();
      const outside = await org({ name: '外部研发党支部', kind: 'committee' });
      for (let i = 1; i <= 5; i++) await org({ name: `研发${i}部党支部`, kind: 'branch', parentId: committee.id });
      await org({ name: '100%研发党支部', kind: 'branch', parentId: committee.id });
      const p1 = await t.call('GET', `/organisations/${committee.id}/subtree?q=研发&pageSize=4`, { token: admin });
      expect(p1.status).toBe(200);
      expect(p1.body).toMatchObject({ total: 6, page: 1, pageSize: 4 });
      expect(p1.body.items).toHaveLength(4);
      const p2 = await t.call('GET', `/organisations/${committee.id}/subtree?q=研发&pageSize=4&page=2`, { token: admin });
      expect(p2.body.items).toHaveLength(2);
      const all = [...p1.body.items, ...p2.body.items].map((o: { id: string }) => o.id);
      expect(all).not.toContain(outside.id);
      const pct = await t.call('GET', `/organisations/${committee.id}/subtree?q=${encodeURIComponent('%')}`, { token: admin });
      expect(pct.body.items.map((o: { name: string }) => o.name)).toEqual(['100%研发党支部']);
      const kind = await t.call('GET', `/organisations/${committee.id}/subtree?kind=committee`, { token: admin });
      expect(kind.body.items.map((o: { id: string }) => o.id)).toEqual([committee.id]);
      void branchA;
    });
  });

  describe('creating', () => {
    it('creates a branch under a committee in scope, with warnings for a new branch, and audits it', async () => {
      const { committee } = await tree();
      const { token } = await fx.user({ roles: [{ role: 'org_worker', orgId: committee.id }] });
      const res = await t.call('POST', '/organisations', {
        token,
        body: { parentId: committee.id, name: '丁公司党支部', kind: 'branch', establishedOn: '2024-07-01' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ parentId: committee.id, name: '丁公司党支部', kind: 'branch', depth: 2, establishedOn: '2024-07-01', isJoint: false });
      expect(res.body.warnings.map((w: { code: string }) => w.code)).toEqual(['ORG_BRANCH_TOO_FEW_FULL_MEMBERS', 'ORG_NO_SECRETARY']);
      const [entry] = await audits(res.body.id);
      expect(entry).toMatchObject({ action: 'organisation.create', org_path: `${committee.path}.${res.body.id.replaceAll('-', '')}` });
    });

    it('a root needs a platform administrator', async () => {
      const { committee } = await tree();
      const { token } = await fx.user({ roles: [{ role: 'org_worker', orgId: committee.id }] });
      const refused = await t.call('POST', '/organisations', { token, body: { parentId: null, name: '新的省委', kind: 'committee' } });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('ORG_ROOT_REQUIRES_PLATFORM_ADMIN');
      const ok = await t.call('POST', '/organisations', { token: admin, body: { parentId: null, name: '新的省委', kind: 'committee' } });
      expect(ok.status).toBe(201);
      expect(ok.body.depth).toBe(0);
    });

    it("refuses creating outside the caller's scope, and for callers who may only read", async () => {
      const { committee, branchA, branchB } = await tree();
      const sec = await fx.user({ roles: [{ role: 'secretary', orgId: branchA.id }] });
      const other = await t.call('POST', '/organisations', { token: sec.token, body: { parentId: branchB.id, name: '乙一组', kind: 'group' } });
      expect(other.status).toBe(403);
      const reader = await fx.user({ roles: [{ role: 'committee_member', orgId: committee.id }] });
      expect((await t.call('POST', '/organisations', { token: reader.token, body: { parentId: committee.id, name: '新支部', kind: 'branch' } })).status).toBe(
        403,
      );
      const member = await fx.user({ memberOrgId: branchA.id });
      expect((await t.call('POST', '/organisations', { token: member.token, body: { parentId: branchA.id, name: '甲一组', kind: 'group' } })).status).toBe(403);
      const own = await t.call('POST', '/organisations', { token: sec.token, body: { parentId: branchA.id, name: '甲一组', kind: 'group' } });
      expect(own.status).toBe(201);
    });

    it.each([
      ['general_branch', null],
      ['branch', null],
      ['group', null],
      ['group', 'committee'],
      ['branch', 'branch'],
      ['general_branch', 'general_branch'],
      ['committee', 'branch'],
    ] as const)('O1 refuses a %s under %s', async (kind, parentKind) => {
      const parent = parentKind ? await org({ kind: parentKind }) : null;
      const res = await t.call('POST', '/organisations', { token: admin, body: { parentId: parent?.id ?? null, name: '不合规组织', kind } });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'ORG_PARENT_KIND_NOT_ALLOWED', details: { rule: 'O1' } });
    });

    it('O3 links enterprises; a non-joint branch over two enterprises is refused; a joint one over six is warned', async () => {
      const { committee } = await tree();
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push((await t.call('POST', '/enterprises', { token: admin, body: { name: `企业${i}` } })).body.id);
      const refused = await t.call('POST', '/organisations', {
        token: admin,
        body: { parentId: committee.id, name: '多企业支部', kind: 'branch', enterpriseIds: ids.slice(0, 2) },
      });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('ORG_MULTI_ENTERPRISE_NOT_JOINT');
      const joint = await t.call('POST', '/organisations', {
        token: admin,
        body: { parentId: committee.id, name: '联合党支部', kind: 'branch', isJoint: true, enterpriseIds: ids },
      });
      expect(joint.status).toBe(201);
      expect(joint.body.enterprises).toHaveLength(6);
      expect(joint.body.enterpriseIds).toEqual([...ids].sort());
      expect(joint.body.warnings).toContainEqual(expect.objectContaining({ rule: 'O3', code: 'ORG_JOINT_TOO_MANY_ENTERPRISES' }));
      const unknown = await t.call('POST', '/organisations', {
        token: admin,
        body: { parentId: committee.id, name: '未知企业支部', kind: 'branch', enterpriseIds: ['7a1f3c1e-0000-4000-8000-000000000000'] },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.code).toBe('ORG_ENTERPRISE_UNKNOWN');
      const group = await t.call('POST', '/organisations', { token: admin, body: { parentId: joint.body.id, name: '联合小组', kind: 'group', isJoint: true } });
      expect(group.body.code).toBe('ORG_GROUP_CANNOT_BE_JOINT');
    });

    it('O7 a general branch or a temporary branch cannot approve probationary members', async () => {
      const { committee } = await tree();
      const temp = await t.call('POST', '/organisations', {
        token: admin,
        body: { parentId: committee.id, name: '临时党支部', kind: 'branch', isTemporary: true },
      });
      expect(temp.body).toMatchObject({ isTemporary: true, canApproveProbationary: false });
      const gb = await t.call('POST', '/organisations', { token: admin, body: { parentId: committee.id, name: '某党总支', kind: 'general_branch' } });
      expect(gb.body.canApproveProbationary).toBe(false);
    });

    it('validates the body with the shared schema', async () => {
      const res = await t.call('POST', '/organisations', { token: admin, body: { parentId: null, name: 'x', kind: 'cell' } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('changing', () => {
    it('renames, marks joint with enterprises, and audits before/after', async () => {
      const { branchA } = await tree();
      const e1 = (await t.call('POST', '/enterprises', { token: admin, body: { name: '甲公司' } })).body.id;
      const e2 = (await t.call('POST', '/enterprises', { token: admin, body: { name: '乙公司' } })).body.id;
      const refused = await t.call('PATCH', `/organisations/${branchA.id}`, { token: admin, body: { enterpriseIds: [e1, e2] } });
      expect(refused.body.code).toBe('ORG_MULTI_ENTERPRISE_NOT_JOINT');
      const res = await t.call('PATCH', `/organisations/${branchA.id}`, {
        token: admin,
        body: { name: '甲乙联合党支部', isJoint: true, enterpriseIds: [e1, e2] },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: '甲乙联合党支部', isJoint: true });
      expect(res.body.enterprises.map((e: { name: string }) => e.name).sort()).toEqual(['乙公司', '甲公司'].sort());
      const unlink = await t.call('PATCH', `/organisations/${branchA.id}`, { token: admin, body: { enterpriseIds: [e1] } });
      expect(unlink.body.enterpriseIds).toEqual([e1]);
      const log = await audits(branchA.id);
      expect(log.map((l) => l.action)).toEqual(['organisation.update', 'organisation.update']);
      expect(log[0]!.details).toMatchObject({ before: { name: '甲公司党支部', isJoint: false }, after: { name: '甲乙联合党支部' } });
      expect(log[0]!.org_path).toBe(branchA.path);
    });

    it('O5 a branch of 50+ members is warned; changing kind below the suggestion needs approval', async () => {
      const { committee } = await tree();
      const big = await org({ name: '大支部', kind: 'general_branch', parentId: committee.id });
      const sub = await org({ name: '大支部一支部', kind: 'branch', parentId: big.id });
      await t.ds.query(`UPDATE organisation SET member_count = 60, full_member_count = 60 WHERE id = $1`, [sub.id]);
      const toBranch = await t.call('PATCH', `/organisations/${big.id}`, { token: admin, body: { kind: 'branch' } });
      // Its child branch cannot sit under a branch (O1) whatever the size.
      expect(toBranch.body.code).toBe('ORG_CHILD_KIND_CONFLICT');
      expect(toBranch.status).toBe(409);

      const b = await org({ name: '超员支部', kind: 'branch', parentId: committee.id });
      await t.ds.query(`UPDATE organisation SET member_count = 60, full_member_count = 60 WHERE id = $1`, [b.id]);
      const detail = await t.call('GET', `/organisations/${b.id}`, { token: admin });
      expect(detail.body.suggestedKind).toBe('general_branch');
      expect(detail.body.warnings.map((w: { code: string }) => w.code)).toEqual(
        expect.arrayContaining(['ORG_BRANCH_TOO_MANY_MEMBERS', 'ORG_LEVEL_BELOW_SUGGESTED', 'ORG_BRANCH_LARGE_WITHOUT_GROUPS']),
      );
      const up = await t.call('PATCH', `/organisations/${b.id}`, { token: admin, body: { kind: 'general_branch' } });
      expect(up.status).toBe(200);
      const down = await t.call('PATCH', `/organisations/${b.id}`, { token: admin, body: { kind: 'branch' } });
      expect(down.status).toBe(422);
      expect(down.body).toMatchObject({ code: 'ORG_LEVEL_APPROVAL_REQUIRED', details: { rule: 'O5' } });
      const approved = await t.call('PATCH', `/organisations/${b.id}`, {
        token: admin,
        body: { kind: 'branch', levelApprovalNote: '区委组织部 2025 年 3 号批复' },
      });
      expect(approved.status).toBe(200);
      expect(approved.body.levelApprovalNote).toBe('区委组织部 2025 年 3 号批复');
      expect(approved.body.warnings.map((w: { code: string }) => w.code)).not.toContain('ORG_LEVEL_BELOW_SUGGESTED');
      const group = await org({ kind: 'group', parentId: b.id });
      expect((await t.call('PATCH', `/organisations/${group.id}`, { token: admin, body: { kind: 'branch' } })).body.code).toBe('ORG_KIND_CHANGE_NOT_ALLOWED');
    });

    it('refuses changes outside scope and by readers', async () => {
      const { committee, branchA, branchB } = await tree();
      const sec = await fx.user({ positions: [{ position: 'secretary', orgId: branchA.id }] });
      expect((await t.call('PATCH', `/organisations/${branchB.id}`, { token: sec.token, body: { name: '被改名' } })).status).toBe(403);
      expect((await t.call('PATCH', `/organisations/${committee.id}`, { token: sec.token, body: { name: '被改名' } })).status).toBe(403);
      const reader = await fx.user({ positions: [{ position: 'propaganda_member', orgId: branchA.id }] });
      expect((await t.call('PATCH', `/organisations/${branchA.id}`, { token: reader.token, body: { name: '被改名' } })).status).toBe(403);
      expect((await t.call('PATCH', `/organisations/${branchA.id}`, { token: sec.token, body: { name: '新名字支部' } })).status).toBe(200);
    });
  });

  describe('moving', () => {
    it('moves a subtree with its members (paths follow) and audits it', async () => {
      const { committee, branchA } = await tree();
      const other = await org({ name: '另一党委', kind: 'committee', parentId: committee.id });
      const group = await org({ kind: 'group', parentId: branchA.id });
      const m = await fx.member({ orgId: branchA.id });
      const res = await t.call('POST', `/organisations/${branchA.id}/move`, { token: admin, body: { parentId: other.id } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ parentId: other.id, depth: 3, ancestors: [{ id: root.id }, { id: committee.id }, { id: other.id }] });
      const [row] = await t.ds.query(`SELECT path::text AS p FROM organisation WHERE id = $1`, [branchA.id]);
      expect(row.p).toBe(`${other.path}.${branchA.id.replaceAll('-', '')}`);
      const [g] = await t.ds.query(`SELECT path::text AS p FROM organisation WHERE id = $1`, [group.id]);
      expect(g.p.startsWith(`${row.p}.`)).toBe(true);
      const [mm] = await t.ds.query(`SELECT org_path::text AS p FROM member WHERE id = $1`, [m.id]);
      expect(mm.p).toBe(row.p);
      const [entry] = await audits(branchA.id);
      expect(entry).toMatchObject({ action: 'organisation.move', org_path: row.p, details: { fromParentId: committee.id, toParentId: other.id } });
    });

    it('keeps every subtree total equal to the sum below it (issue 12) through member changes and moves', async () => {
      const { committee, branchA, branchB } = await tree();
      const other = await org({ name: '第三党委', kind: 'committee', parentId: root.id });
      const inner = await org({ name: '下属党委', kind: 'committee', parentId: other.id });
      const [a1, , b1] = [
        await fx.member({ orgId: branchA.id }),
        await fx.member({ orgId: branchA.id, status: 'probationary' }),
        await fx.member({ orgId: branchB.id }),
      ];
      await t.ds.query(`UPDATE member SET status = 'probationary' WHERE id = $1`, [a1.id]);
      await t.ds.query(`UPDATE member SET organisation_id = $2 WHERE id = $1`, [b1.id, branchA.id]);
      expect((await t.call('POST', `/organisations/${branchA.id}/move`, { token: admin, body: { parentId: inner.id } })).status).toBe(200);
      await fx.member({ orgId: branchB.id });
      const wrong = await t.ds.query(
        `SELECT a.name, a.desc_member_count, a.desc_full_member_count, s.total, s.full
           FROM organisation a
           CROSS JOIN LATERAL (SELECT COALESCE(sum(d.member_count), 0)::int AS total, COALESCE(sum(d.full_member_count), 0)::int AS full
                                 FROM organisation d WHERE d.path <@ a.path AND d.id <> a.id) s
          WHERE a.desc_member_count <> s.total OR a.desc_full_member_count <> s.full`,
      );
      expect(wrong).toEqual([]);
      // Read through the API: the child counts of the root and of the new parent.
      const counts = (await t.call('GET', `/organisations/${other.id}/child-counts`, { token: admin })).body;
      expect(counts.find((c: { orgId: string }) => c.orgId === inner.id)).toMatchObject({ memberCount: 3, fullMemberCount: 1, probationaryMemberCount: 2 });
      const top = (await t.call('GET', `/organisations/${root.id}/child-counts`, { token: admin })).body;
      expect(top.find((c: { orgId: string }) => c.orgId === committee.id)).toMatchObject({ memberCount: 1, fullMemberCount: 1 });
    });

    it('refuses moving under its own subtree, or against the kind rules', async () => {
      const { committee, branchA, branchB } = await tree();
      const inner = await org({ kind: 'committee', parentId: committee.id });
      const self = await t.call('POST', `/organisations/${committee.id}/move`, { token: admin, body: { parentId: committee.id } });
      expect(self.body.code).toBe('ORG_MOVE_INTO_OWN_SUBTREE');
      const below = await t.call('POST', `/organisations/${committee.id}/move`, { token: admin, body: { parentId: inner.id } });
      expect(below.status).toBe(422);
      expect(below.body.code).toBe('ORG_MOVE_INTO_OWN_SUBTREE');
      const kind = await t.call('POST', `/organisations/${branchA.id}/move`, { token: admin, body: { parentId: branchB.id } });
      expect(kind.body.code).toBe('ORG_PARENT_KIND_NOT_ALLOWED');
    });

    it('needs manage rights at both ends', async () => {
      const { committee, branchA } = await tree();
      const other = await org({ kind: 'committee' });
      const worker = await fx.user({ roles: [{ role: 'org_worker', orgId: committee.id }] });
      expect((await t.call('POST', `/organisations/${branchA.id}/move`, { token: worker.token, body: { parentId: other.id } })).status).toBe(403);
      const sec = await fx.user({ roles: [{ role: 'secretary', orgId: branchA.id }] });
      const inner = await org({ kind: 'committee', parentId: committee.id });
      expect((await t.call('POST', `/organisations/${branchA.id}/move`, { token: sec.token, body: { parentId: inner.id } })).status).toBe(403);
      expect((await t.call('POST', `/organisations/${branchA.id}/move`, { token: worker.token, body: { parentId: inner.id } })).status).toBe(200);
    });

    it('O8 refuses moving a group that still has members assigned', async () => {
      const { branchA, branchB } = await tree();
      const group = await org({ kind: 'group', parentId: branchA.id });
      const m = await fx.member({ orgId: branchA.id, groupId: group.id });
      const res = await t.call('POST', `/organisations/${group.id}/move`, { token: admin, body: { parentId: branchB.id } });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ORG_GROUP_HAS_ASSIGNED_MEMBERS');
      await t.ds.query(`UPDATE member SET group_id = NULL WHERE id = $1`, [m.id]);
      expect((await t.call('POST', `/organisations/${group.id}/move`, { token: admin, body: { parentId: branchB.id } })).status).toBe(200);
    });

    it('keeps paths consistent when children are created while their subtree moves', async () => {
      const { committee, branchA } = await tree();
      const targets = [await org({ kind: 'committee', parentId: committee.id }), await org({ kind: 'committee', parentId: committee.id })];
      const ops: Array<Promise<unknown>> = [];
      for (let i = 0; i < 6; i++) {
        ops.push(t.call('POST', `/organisations/${branchA.id}/move`, { token: admin, body: { parentId: targets[i % 2]!.id } }));
        ops.push(t.call('POST', '/organisations', { token: admin, body: { parentId: branchA.id, name: `并发小组${i}`, kind: 'group' } }));
      }
      await Promise.all(ops);
      const bad = await t.ds.query(`SELECT c.id FROM organisation c JOIN organisation p ON p.id = c.parent_id WHERE c.path <> p.path || org_label(c.id)`);
      expect(bad).toEqual([]);
    });
  });

  describe('deleting', () => {
    it('deletes an empty leaf and audits it', async () => {
      const { committee } = await tree();
      const leaf = await org({ kind: 'branch', parentId: committee.id });
      const res = await t.call('DELETE', `/organisations/${leaf.id}`, { token: admin });
      expect(res.status).toBe(204);
      expect(await t.ds.query(`SELECT 1 FROM organisation WHERE id = $1`, [leaf.id])).toEqual([]);
      const [entry] = await audits(leaf.id);
      expect(entry).toMatchObject({ action: 'organisation.delete', org_path: leaf.path });
    });

    it('refuses with 409 while it has children or members, and changes nothing', async () => {
      const { committee, branchA } = await tree();
      const withChild = await t.call('DELETE', `/organisations/${committee.id}`, { token: admin });
      expect(withChild.status).toBe(409);
      expect(withChild.body.code).toBe('ORG_HAS_CHILDREN');
      await fx.member({ orgId: branchA.id });
      const withMember = await t.call('DELETE', `/organisations/${branchA.id}`, { token: admin });
      expect(withMember.status).toBe(409);
      expect(withMember.body.code).toBe('ORG_HAS_MEMBERS');
      const group = await org({ kind: 'group', parentId: branchA.id });
      const m = await fx.member({ orgId: branchA.id, groupId: group.id });
      expect((await t.call('DELETE', `/organisations/${group.id}`, { token: admin })).body.code).toBe('ORG_HAS_MEMBERS');
      expect(await t.ds.query(`SELECT 1 FROM organisation WHERE id = ANY($1)`, [[committee.id, branchA.id, group.id]])).toHaveLength(3);
      void m;
    });

    it('refuses deleting outside scope', async () => {
      const { branchA, branchB } = await tree();
      const sec = await fx.user({ roles: [{ role: 'secretary', orgId: branchA.id }] });
      expect((await t.call('DELETE', `/organisations/${branchB.id}`, { token: sec.token })).status).toBe(403);
      const member = await fx.user({ memberOrgId: branchB.id });
      const leaf = await org({ kind: 'group', parentId: branchB.id });
      expect((await t.call('DELETE', `/organisations/${leaf.id}`, { token: member.token })).status).toBe(403);
    });
  });

  it('documents every endpoint in the OpenAPI document', async () => {
    const doc = (await t.call('GET', '/openapi.json')).body;
    for (const p of [
      '/api/v1/organisations',
      '/api/v1/organisations/{id}',
      '/api/v1/organisations/{id}/children',
      '/api/v1/organisations/{id}/child-counts',
      '/api/v1/organisations/{id}/subtree',
      '/api/v1/organisations/{id}/move',
      '/api/v1/organisations/{id}/committee',
      '/api/v1/organisations/{id}/committee/positions',
      '/api/v1/organisations/{id}/committee/positions/{positionId}',
      '/api/v1/organisations/{id}/terms',
      '/api/v1/organisations/{id}/term-reminders',
      '/api/v1/enterprises',
      '/api/v1/enterprises/{id}',
    ]) {
      expect(doc.paths[p]).toBeDefined();
    }
  });
});

import { createTestApp, type TestApp } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';
import { nationalId } from './utils/member-helpers.js';

/**
 * Members API (DOMAIN M1–M4): create, read (masked / unmasked), profile, status with history,
 * groups, list, and the scope of every endpoint.
 */
describe('members', () => {
  let t: TestApp;
  let fx: Fixtures;
  let tree: Awaited<ReturnType<Fixtures['tree']>>;
  let secA: string; // secretary of branch A
  let secB: string; // secretary of sibling branch B
  let worker: string; // org worker of the committee (whole subtree)
  let committeeMember: string; // 宣传委员 of branch A: member.read only
  let plain: { token: string; memberId: string };

  beforeAll(async () => {
    t = await createTestApp();
    fx = new Fixtures(t.ds, t.app);
    tree = await fx.tree();
    secA = (await fx.user({ positions: [{ position: 'secretary', orgId: tree.branchA.id }] })).token;
    secB = (await fx.user({ positions: [{ position: 'secretary', orgId: tree.branchB.id }] })).token;
    worker = (await fx.user({ roles: [{ role: 'org_worker', orgId: tree.committee.id }] })).token;
    committeeMember = (await fx.user({ positions: [{ position: 'propaganda_member', orgId: tree.branchA.id }] })).token;
    const p = await fx.user({ memberOrgId: tree.branchA.id });
    plain = { token: p.token, memberId: p.memberId! };
  });
  afterAll(() => t.close());

  const newMember = (over: Record<string, unknown> = {}) => {
    const birthDate = (over.birthDate as string) ?? '1990-03-15';
    const gender = (over.gender as 'male' | 'female') ?? 'male';
    return {
      orgId: tree.branchA.id,
      name: '张建国',
      gender,
      ethnicity: '汉族',
      birthDate,
      phone: '13912345678',
      nationalId: nationalId(birthDate, gender),
      education: 'bachelor',
      joinDate: '2015-06-20',
      status: 'full',
      fullMemberDate: '2016-06-20',
      post: '研发工程师',
      ...over,
    };
  };
  const create = async (over: Record<string, unknown> = {}, token = secA) => {
    const res = await t.call('POST', '/members', { token, body: newMember(over) });
    if (res.status !== 201) throw new Error(`create failed ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  describe('create (M2)', () => {
    it('creates a member in a branch and answers the masked record (M4)', async () => {
      const body = newMember({ name: '李红梅', gender: 'female', birthDate: '1988-08-08' });
      const res = await t.call('POST', '/members', { token: secA, body });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        orgId: tree.branchA.id,
        orgName: '甲公司党支部',
        name: '李红梅',
        status: 'full',
        phone: '139****5678',
        nationalId: `${body.nationalId.slice(0, 3)}***********${body.nationalId.slice(-4)}`,
        sensitiveUnmasked: false,
        fullMemberDate: '2016-06-20',
        flags: [],
      });
      expect(res.body.partyYears).toBeGreaterThanOrEqual(8);
    });

    it('M2: refuses an organisation that is not a branch', async () => {
      const res = await t.call('POST', '/members', { token: worker, body: newMember({ orgId: tree.committee.id }) });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('MEMBER_ORG_NOT_BRANCH');
    });

    it('O8: accepts a group of the branch and refuses a group of another branch', async () => {
      const groupA = await fx.org({ kind: 'group', parentId: tree.branchA.id, name: '研发党小组' });
      const groupB = await fx.org({ kind: 'group', parentId: tree.branchB.id, name: '销售党小组' });
      const ok = await t.call('POST', '/members', { token: secA, body: newMember({ groupId: groupA.id }) });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ groupId: groupA.id, groupName: '研发党小组' });
      const bad = await t.call('POST', '/members', { token: worker, body: newMember({ groupId: groupB.id }) });
      expect(bad.status).toBe(422);
      expect(bad.body.code).toBe('MEMBER_GROUP_NOT_IN_BRANCH');
    });

    it('M4: validates the national ID check digit and its consistency with birth date and sex', async () => {
      const good = nationalId('1990-03-15', 'male');
      const badDigit = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      const r1 = await t.call('POST', '/members', { token: secA, body: newMember({ nationalId: badDigit }) });
      expect(r1.status).toBe(400);
      expect(r1.body.details[0]).toMatchObject({ path: ['nationalId'], message: expect.stringContaining('校验位') });
      const r2 = await t.call('POST', '/members', { token: secA, body: newMember({ nationalId: good, birthDate: '1990-03-16' }) });
      expect(r2.status).toBe(400);
      expect(r2.body.message).toContain('出生日期');
      const r3 = await t.call('POST', '/members', { token: secA, body: newMember({ nationalId: good, gender: 'female' }) });
      expect(r3.status).toBe(400);
      expect(r3.body.message).toContain('性别');
    });

    it('M1/M3: a full member needs a 转正 date, a probationary member has none', async () => {
      expect((await t.call('POST', '/members', { token: secA, body: newMember({ fullMemberDate: null }) })).status).toBe(400);
      const prob = await t.call('POST', '/members', { token: secA, body: newMember({ status: 'probationary', fullMemberDate: '2016-06-20' }) });
      expect(prob.status).toBe(400);
      const ok = await create({ status: 'probationary', fullMemberDate: undefined, joinDate: '2024-01-10' });
      expect(ok).toMatchObject({ status: 'probationary', fullMemberDate: null, partyYears: null });
    });

    it('M4: the same national ID twice is refused with 409 through the blind index', async () => {
      const id = nationalId('1985-01-01', 'female');
      await create({ nationalId: id, gender: 'female', birthDate: '1985-01-01' });
      const again = await t.call('POST', '/members', {
        token: worker,
        body: newMember({ nationalId: id, gender: 'female', birthDate: '1985-01-01', orgId: tree.branchB.id }),
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('MEMBER_NATIONAL_ID_TAKEN');
      // Lower-case x is the same ID.
      const x = nationalId('1985-01-02', 'female');
      if (x.endsWith('X')) {
        await create({ nationalId: x, gender: 'female', birthDate: '1985-01-02' });
        expect(
          (await t.call('POST', '/members', { token: secA, body: newMember({ nationalId: x.toLowerCase(), gender: 'female', birthDate: '1985-01-02' }) }))
            .status,
        ).toBe(409);
      }
    });

    it('M4: encrypts the national ID at rest (no plaintext in the row) with a blind index and a masked form', async () => {
      const id = nationalId('1979-11-30', 'male');
      const m = await create({ nationalId: id, birthDate: '1979-11-30' });
      const [row] = await t.ds.query('SELECT * FROM member WHERE id = $1', [m.id]);
      const rowText = JSON.stringify(row);
      expect(rowText).not.toContain(id);
      expect(rowText).not.toContain(id.slice(6, 14) + id.slice(14, 17));
      expect(row.national_id_enc.split('.')).toHaveLength(3);
      expect(row.national_id_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.national_id_masked).toBe(`${id.slice(0, 3)}***********${id.slice(-4)}`);
      // The audit log never holds it either.
      const audit = await t.ds.query(`SELECT details::text AS d FROM audit_log WHERE object_id = $1`, [m.id]);
      expect(audit.map((a: { d: string }) => a.d).join()).not.toContain(id);
    });

    it('refuses admission before 18 and dates in the future', async () => {
      const young = await t.call('POST', '/members', {
        token: secA,
        body: newMember({ birthDate: '2000-01-01', nationalId: nationalId('2000-01-01', 'male'), joinDate: '2017-12-31', fullMemberDate: '2018-12-31' }),
      });
      expect(young.status).toBe(400);
      expect(young.body.message).toContain('18');
    });

    it('refuses a sibling branch secretary, a committee member without manage rights and a plain member', async () => {
      for (const token of [secB, committeeMember, plain.token]) {
        const res = await t.call('POST', '/members', { token, body: newMember() });
        expect(res.status).toBe(403);
      }
    });
  });

  describe('read and unmask (M4)', () => {
    let member: { id: string };
    let id: string;
    beforeAll(async () => {
      id = nationalId('1992-02-02', 'female');
      member = await create({ nationalId: id, gender: 'female', birthDate: '1992-02-02', phone: '13700001111', name: '王敏' });
    });

    it('masks by default, for every reader', async () => {
      for (const token of [secA, worker, committeeMember]) {
        const res = await t.call('GET', `/members/${member.id}`, { token });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ phone: '137****1111', nationalId: `${id.slice(0, 3)}***********${id.slice(-4)}`, sensitiveUnmasked: false });
      }
    });

    it('unmasks for member.readSensitive, says so, and audits the read before answering', async () => {
      const before = Number(
        (await t.ds.query(`SELECT count(*) FROM audit_log WHERE action = 'member.sensitive.read' AND object_id = $1`, [member.id]))[0].count,
      );
      const res = await t.call('GET', `/members/${member.id}?unmask=true`, { token: secA });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ phone: '13700001111', nationalId: id, sensitiveUnmasked: true });
      const rows = await t.ds.query(`SELECT * FROM audit_log WHERE action = 'member.sensitive.read' AND object_id = $1 ORDER BY id`, [member.id]);
      expect(rows).toHaveLength(before + 1);
      expect(rows.at(-1)).toMatchObject({ object_type: 'member', request_id: res.headers['x-request-id'] });
      expect(JSON.stringify(rows.at(-1).details)).not.toContain(id);
    });

    it('refuses unmask without member.readSensitive (403) and writes no audit entry', async () => {
      const count = async () => Number((await t.ds.query(`SELECT count(*) FROM audit_log WHERE action = 'member.sensitive.read'`))[0].count);
      const before = await count();
      for (const token of [committeeMember, secB]) {
        const res = await t.call('GET', `/members/${member.id}?unmask=true`, { token });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      expect(await count()).toBe(before);
    });

    it('lets a member read their own record, masked, and never unmasked', async () => {
      const me = await t.call('GET', '/members/me', { token: plain.token });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: plain.memberId, sensitiveUnmasked: false });
      expect(me.body.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
      const own = await t.call('GET', `/members/${plain.memberId}`, { token: plain.token });
      expect(own.status).toBe(200);
      expect(own.body.id).toBe(plain.memberId);
      const unmasked = await t.call('GET', `/members/${plain.memberId}?unmask=true`, { token: plain.token });
      expect(unmasked.status).toBe(403);
    });

    it('refuses a sibling branch secretary and a plain member reading someone else', async () => {
      expect((await t.call('GET', `/members/${member.id}`, { token: secB })).status).toBe(403);
      expect((await t.call('GET', `/members/${member.id}`, { token: plain.token })).status).toBe(403);
    });

    it('answers /members/me with 404 for an account without a member record', async () => {
      const res = await t.call('GET', '/members/me', { token: worker });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('MEMBER_NOT_LINKED');
    });

    it('answers 404 for an unknown member to a reader, 403 to someone without any scope', async () => {
      expect((await t.call('GET', '/members/00000000-0000-4000-8000-000000000000', { token: secA })).status).toBe(404);
      expect((await t.call('GET', '/members/00000000-0000-4000-8000-000000000000', { token: plain.token })).status).toBe(403);
    });
  });

  describe('profile (PATCH)', () => {
    it('changes profile fields, re-encrypts a new national ID, and keeps facts consistent', async () => {
      const m = await create({ birthDate: '1991-05-05', nationalId: nationalId('1991-05-05', 'male') });
      const newId = nationalId('1991-05-05', 'male');
      const res = await t.call('PATCH', `/members/${m.id}`, {
        token: secA,
        body: { name: '张建军', phone: '13811112222', nationalId: newId, education: 'master', post: null },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        name: '张建军',
        phone: '138****2222',
        education: 'master',
        post: null,
        nationalId: `${newId.slice(0, 3)}***********${newId.slice(-4)}`,
      });
      const unmasked = await t.call('GET', `/members/${m.id}?unmask=true`, { token: secA });
      expect(unmasked.body.nationalId).toBe(newId);
      // A birth date that contradicts the stored ID is refused.
      const bad = await t.call('PATCH', `/members/${m.id}`, { token: secA, body: { birthDate: '1991-05-06' } });
      expect(bad.status).toBe(422);
      expect(bad.body.code).toBe('MEMBER_FACTS_INCONSISTENT');
      const audit = await t.ds.query(`SELECT details FROM audit_log WHERE action = 'member.update' AND object_id = $1`, [m.id]);
      expect(audit[0].details.fields).toEqual(expect.arrayContaining(['name', 'nationalId']));
      expect(JSON.stringify(audit)).not.toContain(newId);
    });

    it('refuses status, flags, organisation and group fields (they have their own endpoints)', async () => {
      const m = await create({});
      for (const body of [{ status: 'probationary' }, { flags: ['mobile'] }, { orgId: tree.branchB.id }, { groupId: null }, { fullMemberDate: '2017-01-01' }]) {
        const res = await t.call('PATCH', `/members/${m.id}`, { token: secA, body });
        expect(res.status).toBe(400);
      }
    });

    it('M4: refuses an ID already registered to another member (409)', async () => {
      const id = nationalId('1993-03-03', 'male');
      await create({ nationalId: id, birthDate: '1993-03-03' });
      const other = await create({ birthDate: '1993-03-03', nationalId: nationalId('1993-03-03', 'male') });
      const res = await t.call('PATCH', `/members/${other.id}`, { token: secA, body: { nationalId: id } });
      expect(res.status).toBe(409);
    });

    it('refuses a sibling branch secretary, a committee member and a plain member (even on themselves)', async () => {
      const m = await create({});
      for (const token of [secB, committeeMember, plain.token]) {
        expect((await t.call('PATCH', `/members/${m.id}`, { token, body: { name: '改名' } })).status).toBe(403);
      }
      expect((await t.call('PATCH', `/members/${plain.memberId}`, { token: plain.token, body: { name: '改名' } })).status).toBe(403);
    });
  });

  describe('status, flags and history (M1, M3)', () => {
    it('M1/M3: probationary → full sets the 转正 date, starts 党龄, and records who, when and why', async () => {
      const m = await create({ status: 'probationary', fullMemberDate: undefined, joinDate: '2020-07-01' });
      const res = await t.call('POST', `/members/${m.id}/status`, {
        token: secA,
        body: { status: 'full', fullMemberDate: '2021-07-01', reason: '预备期满，支部大会讨论通过转正' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'full', fullMemberDate: '2021-07-01' });
      expect(res.body.partyYears).toBeGreaterThanOrEqual(3);
      const history = await t.call('GET', `/members/${m.id}/history`, { token: secA });
      expect(history.status).toBe(200);
      expect(history.body.total).toBe(2);
      const byField = Object.fromEntries(history.body.items.map((i: { field: string }) => [i.field, i]));
      expect(byField.status).toMatchObject({
        fieldLabel: '党员状态',
        fromValue: 'probationary',
        toValue: 'full',
        fromLabel: '预备党员',
        toLabel: '正式党员',
        reason: '预备期满，支部大会讨论通过转正',
      });
      expect(byField.status.changedBy).toMatchObject({ userId: expect.any(String), name: expect.any(String) });
      expect(Date.now() - Date.parse(byField.status.changedAt)).toBeLessThan(60_000);
      expect(byField.fullMemberDate).toMatchObject({ fromValue: null, toValue: '2021-07-01' });
      const audit = await t.ds.query(`SELECT details FROM audit_log WHERE action = 'member.status' AND object_id = $1`, [m.id]);
      expect(audit[0].details.reason).toBe('预备期满，支部大会讨论通过转正');
    });

    it('M3: the 转正 date defaults to today', async () => {
      const m = await create({ status: 'probationary', fullMemberDate: undefined, joinDate: '2023-07-01' });
      const res = await t.call('POST', `/members/${m.id}/status`, { token: secA, body: { status: 'full', reason: '按期转正' } });
      expect(res.body.fullMemberDate).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()));
      expect(res.body.partyYears).toBe(0);
    });

    it('M1: a reason is required', async () => {
      const m = await create({});
      for (const body of [{ flags: ['mobile'] }, { flags: ['mobile'], reason: ' ' }]) {
        const res = await t.call('POST', `/members/${m.id}/status`, { token: secA, body });
        expect(res.status).toBe(400);
      }
      expect((await t.call('POST', `/members/${m.id}/status`, { token: secA, body: { reason: '无变更内容' } })).status).toBe(400);
    });

    it('M1: full → probationary is refused; a 转正 date before joining is refused', async () => {
      const m = await create({});
      const back = await t.call('POST', `/members/${m.id}/status`, { token: secA, body: { status: 'probationary', reason: '误操作' } });
      expect(back.status).toBe(422);
      expect(back.body.code).toBe('MEMBER_STATUS_TRANSITION_NOT_ALLOWED');
      const p = await create({ status: 'probationary', fullMemberDate: undefined, joinDate: '2022-01-01' });
      const early = await t.call('POST', `/members/${p.id}/status`, { token: secA, body: { status: 'full', fullMemberDate: '2021-12-31', reason: '转正' } });
      expect(early.status).toBe(422);
      const noDateForProb = await t.call('POST', `/members/${p.id}/status`, { token: secA, body: { fullMemberDate: '2023-01-01', reason: '补录' } });
      expect(noDateForProb.status).toBe(422);
    });

    it('M1: flags are set and cleared with one history entry per flag; a repeat changes nothing', async () => {
      const m = await create({});
      const set = await t.call('POST', `/members/${m.id}/status`, {
        token: secA,
        body: { flags: ['mobile', 'lost_contact'], reason: '外出务工，暂时联系不上' },
      });
      expect(set.status).toBe(200);
      expect(set.body.flags).toEqual(['mobile', 'lost_contact']);
      const again = await t.call('POST', `/members/${m.id}/status`, { token: secA, body: { flags: ['lost_contact', 'mobile'], reason: '重复提交' } });
      expect(again.status).toBe(200);
      const clear = await t.call('POST', `/members/${m.id}/status`, { token: secA, body: { flags: ['mobile'], reason: '已恢复联系' } });
      expect(clear.body.flags).toEqual(['mobile']);
      const history = await t.call('GET', `/members/${m.id}/history`, { token: secA });
      const entries = history.body.items.map((i: { field: string; toValue: string; reason: string }) => [i.field, i.toValue, i.reason]);
      expect(entries).toHaveLength(3);
      expect(entries[0]).toEqual(['flag:lost_contact', 'false', '已恢复联系']);
      expect(entries.slice(1)).toEqual(
        expect.arrayContaining([
          ['flag:lost_contact', 'true', '外出务工，暂时联系不上'],
          ['flag:mobile', 'true', '外出务工，暂时联系不上'],
        ]),
      );
      expect(history.body.total).toBe(3);
      expect(history.body.items[0]).toMatchObject({ field: 'flag:lost_contact', fieldLabel: '失联党员', fromLabel: '是', toLabel: '否' });
    });

    it('refuses unknown flags', async () => {
      const m = await create({});
      expect((await t.call('POST', `/members/${m.id}/status`, { token: secA, body: { flags: ['expelled'], reason: '测试' } })).status).toBe(400);
      await expect(t.ds.query(`UPDATE member SET flags = '{expelled}' WHERE id = $1`, [m.id])).rejects.toThrow(/CHK_member_flags/);
    });

    it('history: a member may read their own; others outside the subtree may not', async () => {
      const own = await t.call('GET', `/members/${plain.memberId}/history`, { token: plain.token });
      expect(own.status).toBe(200);
      const m = await create({});
      for (const token of [secB, plain.token]) {
        expect((await t.call('GET', `/members/${m.id}/history`, { token })).status).toBe(403);
      }
      expect((await t.call('GET', `/members/${m.id}/history`, { token: committeeMember })).status).toBe(200);
    });

    it('status: refuses a sibling branch secretary, a committee member and a plain member', async () => {
      const m = await create({});
      for (const token of [secB, committeeMember, plain.token]) {
        const res = await t.call('POST', `/members/${m.id}/status`, { token, body: { flags: ['mobile'], reason: '测试' } });
        expect(res.status).toBe(403);
      }
      expect((await t.call('GET', `/members/${m.id}`, { token: secA })).body.flags).toEqual([]);
    });
  });

  describe('groups (O8, M1)', () => {
    it('puts a member into a group of their branch and out again, with history', async () => {
      const g1 = await fx.org({ kind: 'group', parentId: tree.branchA.id, name: '第一党小组' });
      const g2 = await fx.org({ kind: 'group', parentId: tree.branchA.id, name: '第二党小组' });
      const m = await create({});
      const put1 = await t.call('PUT', `/members/${m.id}/group`, { token: secA, body: { groupId: g1.id, reason: '按部门编组' } });
      expect(put1.status).toBe(200);
      expect(put1.body).toMatchObject({ groupId: g1.id, groupName: '第一党小组' });
      await t.call('PUT', `/members/${m.id}/group`, { token: secA, body: { groupId: g2.id, reason: '调整部门' } });
      const out = await t.call('PUT', `/members/${m.id}/group`, { token: secA, body: { groupId: null, reason: '不再编入党小组' } });
      expect(out.body).toMatchObject({ groupId: null, groupName: null });
      const history = await t.call('GET', `/members/${m.id}/history`, { token: secA });
      expect(history.body.items.map((i: { fromLabel: string; toLabel: string }) => [i.fromLabel, i.toLabel])).toEqual([
        ['第二党小组', '无'],
        ['第一党小组', '第二党小组'],
        ['无', '第一党小组'],
      ]);
    });

    it('refuses a group of another branch, a branch, and a missing reason', async () => {
      const gB = await fx.org({ kind: 'group', parentId: tree.branchB.id });
      const m = await create({});
      const other = await t.call('PUT', `/members/${m.id}/group`, { token: worker, body: { groupId: gB.id, reason: '测试' } });
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('MEMBER_GROUP_NOT_IN_BRANCH');
      expect((await t.call('PUT', `/members/${m.id}/group`, { token: secA, body: { groupId: tree.branchA.id, reason: '测试' } })).status).toBe(422);
      expect((await t.call('PUT', `/members/${m.id}/group`, { token: secA, body: { groupId: null } })).status).toBe(400);
    });

    it('O8: a 组长 reads the members of their group, and only those', async () => {
      const g = await fx.org({ kind: 'group', parentId: tree.branchA.id, name: '组长测试党小组' });
      const leader = await fx.user({ memberOrgId: tree.branchA.id, positions: [{ position: 'group_leader', orgId: g.id }] });
      const inGroup = await create({});
      await t.call('PUT', `/members/${inGroup.id}/group`, { token: secA, body: { groupId: g.id, reason: '编入党小组' } });
      const outside = await create({});
      expect((await t.call('GET', `/members/${inGroup.id}`, { token: leader.token })).status).toBe(200);
      expect((await t.call('GET', `/members/${outside.id}`, { token: leader.token })).status).toBe(403);
      // Reading is all a 组长 may do: no sensitive data, no changes.
      expect((await t.call('GET', `/members/${inGroup.id}?unmask=true`, { token: leader.token })).status).toBe(403);
      expect((await t.call('PUT', `/members/${inGroup.id}/group`, { token: leader.token, body: { groupId: null, reason: '测试' } })).status).toBe(403);
    });

    it('refuses a sibling branch secretary, a committee member and a plain member', async () => {
      const g = await fx.org({ kind: 'group', parentId: tree.branchA.id });
      const m = await create({});
      for (const token of [secB, committeeMember, plain.token]) {
        expect((await t.call('PUT', `/members/${m.id}/group`, { token, body: { groupId: g.id, reason: '测试' } })).status).toBe(403);
      }
    });
  });
});

describe('member list', () => {
  let t: TestApp;
  let fx: Fixtures;
  let tree: Awaited<ReturnType<Fixtures['tree']>>;
  let secA: string;
  let secB: string;
  let worker: string;
  let plainToken: string;
  let general: { id: string };
  let branchC: { id: string };

  beforeAll(async () => {
    t = await createTestApp();
    fx = new Fixtures(t.ds, t.app);
    tree = await fx.tree();
    general = await fx.org({ kind: 'general_branch', parentId: tree.committee.id, name: '研发总支' });
    branchC = await fx.org({ kind: 'branch', parentId: general.id, name: '丙支部' });
    secA = (await fx.user({ positions: [{ position: 'secretary', orgId: tree.branchA.id }] })).token;
    secB = (await fx.user({ positions: [{ position: 'secretary', orgId: tree.branchB.id }] })).token;
    worker = (await fx.user({ roles: [{ role: 'org_worker', orgId: tree.committee.id }] })).token;
    plainToken = (await fx.user({ memberOrgId: tree.branchA.id, displayName: '普通党员' })).token;
    // branch A: 3 named members + the secretary's and the plain member's records; B: 2 + its secretary; C: 2.
    await fx.member({ orgId: tree.branchA.id, name: '张伟', phone: '13600000001' });
    await fx.member({ orgId: tree.branchA.id, name: '张三丰', status: 'probationary', phone: '13600000002' });
    await fx.member({ orgId: tree.branchA.id, name: '李伟', flags: ['mobile'], phone: '13600000003' });
    await fx.member({ orgId: tree.branchB.id, name: '王芳', phone: '13600000004' });
    await fx.member({ orgId: tree.branchB.id, name: '赵伟', flags: ['lost_contact'], phone: '13600000005' });
    await fx.member({ orgId: branchC.id, name: '陈静', phone: '13600000006' });
    await fx.member({ orgId: branchC.id, name: 'Alice 张', phone: '13600000007' });
  });
  afterAll(() => t.close());

  const list = (query: string, token = worker) => t.call('GET', `/members?${query}`, { token });
  const names = (res: { body: { items: Array<{ name: string }> } }) => res.body.items.map((i) => i.name);

  it('lists a branch in name order with an exact total from the organisation counts', async () => {
    const res = await list(`orgId=${tree.branchA.id}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(5);
    expect(res.body.totalCapped).toBe(false);
    const n = names(res);
    expect([...n].sort()).toEqual(n);
    expect(res.body.items[0].phone).toMatch(/\*{4}/);
  });

  it('lists a whole subtree, or only the organisation itself (subtree=false)', async () => {
    expect((await list(`orgId=${tree.committee.id}`)).body.total).toBe(10);
    expect((await list(`orgId=${general.id}`)).body.total).toBe(2);
    expect((await list(`orgId=${general.id}&subtree=false`)).body.total).toBe(0);
    expect(names(await list(`orgId=${branchC.id}&subtree=false`))).toEqual(['Alice 张', '陈静']);
  });

  it('pages through the list', async () => {
    const p1 = await list(`orgId=${tree.committee.id}&pageSize=4&page=1`);
    const p2 = await list(`orgId=${tree.committee.id}&pageSize=4&page=2`);
    const p3 = await list(`orgId=${tree.committee.id}&pageSize=4&page=3`);
    expect(p1.body.items).toHaveLength(4);
    expect(p3.body.items).toHaveLength(2);
    const ids = [...p1.body.items, ...p2.body.items, ...p3.body.items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(10);
    expect((await list(`orgId=${tree.committee.id}&pageSize=200&page=51`)).status).toBe(400);
  });

  it('filters by status (totals from the counts) and by flag (M1)', async () => {
    const prob = await list(`orgId=${tree.committee.id}&status=probationary`);
    expect(names(prob)).toEqual(['张三丰']);
    expect(prob.body.total).toBe(1);
    expect((await list(`orgId=${tree.committee.id}&status=full`)).body.total).toBe(9);
    expect(names(await list(`orgId=${tree.committee.id}&flag=mobile`))).toEqual(['李伟']);
    expect(names(await list(`orgId=${tree.committee.id}&flag=lost_contact`))).toEqual(['赵伟']);
  });

  it('searches names by one or more characters, anywhere in the name', async () => {
    expect(names(await list(`orgId=${tree.committee.id}&q=${encodeURIComponent('伟')}`)).sort()).toEqual(['张伟', '李伟', '赵伟'].sort());
    const zhang = await list(`orgId=${tree.committee.id}&q=${encodeURIComponent('张')}`);
    expect(names(zhang).sort()).toEqual(['Alice 张', '张三丰', '张伟'].sort());
    expect(zhang.body.total).toBe(3);
    expect(names(await list(`orgId=${tree.committee.id}&q=${encodeURIComponent('三丰')}`))).toEqual(['张三丰']);
    expect(names(await list(`orgId=${tree.committee.id}&q=alice`))).toEqual(['Alice 张']);
    expect(names(await list(`orgId=${tree.branchA.id}&q=${encodeURIComponent('伟')}`)).sort()).toEqual(['张伟', '李伟'].sort());
    expect((await list(`orgId=${tree.committee.id}&q=${encodeURIComponent('%')}`)).body.total).toBe(0);
  });

  it('searches by exact phone and by exact national ID (blind index)', async () => {
    expect(names(await list(`orgId=${tree.committee.id}&q=13600000004`))).toEqual(['王芳']);
    const id = nationalId('1987-07-07', 'male');
    const created = await t.call('POST', '/members', {
      token: worker,
      body: {
        orgId: tree.branchB.id,
        name: '周杰',
        gender: 'male',
        ethnicity: '汉族',
        birthDate: '1987-07-07',
        nationalId: id,
        joinDate: '2010-07-01',
        status: 'full',
        fullMemberDate: '2011-07-01',
      },
    });
    expect(created.status).toBe(201);
    expect(names(await list(`orgId=${tree.committee.id}&q=${id}`))).toEqual(['周杰']);
    expect(names(await list(`orgId=${tree.committee.id}&q=${id.slice(0, 10)}`))).toEqual([]);
    // Outside the subtree the ID finds nothing.
    expect(names(await list(`orgId=${tree.branchA.id}&q=${id}`, secA))).toEqual([]);
  });

  it('refuses a sibling branch secretary, a plain member, and an organisation outside the scope', async () => {
    expect((await list(`orgId=${tree.branchA.id}`, secB)).status).toBe(403);
    expect((await list(`orgId=${tree.branchA.id}`, plainToken)).status).toBe(403);
    expect((await list(`orgId=${tree.committee.id}`, secA)).status).toBe(403);
    expect((await list(`orgId=${tree.branchA.id}`, secA)).status).toBe(200);
  });

  it('O8: lists the members placed in a 党小组 (for its 组长 too), though they belong to its branch (M2)', async () => {
    const group = await fx.org({ kind: 'group', parentId: tree.branchA.id, name: '一组' });
    const inGroup = await fx.member({ orgId: tree.branchA.id, name: '组员甲', groupId: group.id });
    const leader = await fx.user({ memberOrgId: tree.branchA.id, positions: [{ position: 'group_leader', orgId: group.id }] });
    const res = await list(`orgId=${group.id}`, leader.token);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([inGroup.id]);
    expect(res.body.total).toBe(1);
    expect((await list(`orgId=${tree.branchA.id}`, leader.token)).status).toBe(403);
  });

  it('caps the count of a filtered list at 1000 (totalCapped) and still pages in name order', async () => {
    const branchD = await fx.org({ kind: 'branch', parentId: tree.committee.id, name: '丁支部' });
    await t.ds.query(
      `INSERT INTO member (organisation_id, name, gender, ethnicity, birth_date, join_date, full_member_date, status, flags)
       SELECT $1, '流动' || lpad(g::text, 4, '0'), 'male', '汉族', '1990-01-01', '2015-01-01', '2016-01-01', 'full', '{mobile}'
         FROM generate_series(1, 1005) g`,
      [branchD.id],
    );
    const p1 = await list(`orgId=${tree.committee.id}&flag=mobile&pageSize=50`);
    expect(p1.body).toMatchObject({ total: 1000, totalCapped: true });
    const p2 = await list(`orgId=${tree.committee.id}&flag=mobile&pageSize=50&page=2`);
    const all = [...names(p1), ...names(p2)];
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(100);
    // Unfiltered totals stay exact (organisation counters).
    expect((await list(`orgId=${branchD.id}`)).body).toMatchObject({ total: 1005, totalCapped: false });
  });

  it('documents the member and audit endpoints in OpenAPI with the shared schemas', async () => {
    const doc = (await t.call('GET', '/openapi.json')).body;
    for (const path of [
      '/api/v1/members',
      '/api/v1/members/me',
      '/api/v1/members/{id}',
      '/api/v1/members/{id}/status',
      '/api/v1/members/{id}/history',
      '/api/v1/members/{id}/group',
      '/api/v1/members/import',
      '/api/v1/members/import-template',
      '/api/v1/members/export',
      '/api/v1/audit',
    ]) {
      expect(doc.paths[path]).toBeDefined();
    }
    expect(JSON.stringify(doc.paths['/api/v1/members'].get.responses['200'])).toContain('MemberPage');
    expect(Object.keys(doc.paths['/api/v1/members/import'].post.requestBody.content)).toEqual(
      expect.arrayContaining(['multipart/form-data', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']),
    );
  });

  it('requires orgId', async () => {
    expect((await list('')).status).toBe(400);
  });
});

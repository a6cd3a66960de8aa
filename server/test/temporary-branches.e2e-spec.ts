import { TemporaryBranchesService } from '../src/temporary-branches/temporary-branches.service.js';
import { createTestApp, type TestApp, type Untyped } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';
import { Clock } from '../src/common/clock.js';

/**
 * 临时党支部 / 战时党支部 (issue 18, S4): set up by a committee with an end date, marked 临时 in the
 * tree; members seconded without their formal relationship moving (M2) — their branch, fees and
 * transfers stay — and checking in at its meetings as guests (C4); it cannot approve members (O7);
 * dissolved at its end, its records kept.
 */
describe('temporary branches', () => {
  let t: TestApp;
  let fx: Fixtures;
  let clock: Clock;
  let tree: Awaited<ReturnType<Fixtures['tree']>>;
  let worker: string;
  let secA: string;
  let seconded: { token: string; memberId: string };
  let stay: { token: string; memberId: string };
  let branch: Untyped;

  beforeAll(async () => {
    t = await createTestApp({ REQUEST_SCAN_INTERVAL_S: '0', TEMPORARY_BRANCH_SCAN_INTERVAL_S: '0' });
    fx = new Fixtures(t.ds, t.app);
    clock = t.app.get(Clock);
    clock.set('2026-12-01T02:00:00Z');
    tree = await fx.tree();
    worker = (await fx.user({ roles: [{ role: 'org_worker', orgId: tree.committee.id }] })).token;
    secA = (await fx.user({ positions: [{ position: 'secretary', orgId: tree.branchA.id }] })).token;
    const s = await fx.user({ displayName: '选派党员', memberOrgId: tree.branchA.id });
    seconded = { token: s.token, memberId: s.memberId! };
    const o = await fx.user({ displayName: '留守党员', memberOrgId: tree.branchA.id });
    stay = { token: o.token, memberId: o.memberId! };
  });
  afterAll(() => t.close());

  it('a committee sets one up for a project with an end date; it shows in the tree as temporary and cannot approve members (O7)', async () => {
    const body = { name: '项目临时党支部', project: '试点项目', startsOn: '2026-12-01', endsOn: '2027-03-31' };
    expect((await t.call<Untyped>('POST', '/temporary-branches', { token: secA, body: { ...body, parentId: tree.committee.id } })).status).toBe(403);
    const underBranch = await t.call<Untyped>('POST', '/temporary-branches', { token: secA, body: { ...body, parentId: tree.branchA.id } });
    expect(underBranch.body.code).toBe('TEMPORARY_BRANCH_PARENT');
    const res = await t.call<Untyped>('POST', '/temporary-branches', {
      token: worker,
      body: {
        parentId: tree.committee.id,
        name: '智慧园区项目战时党支部',
        project: '智慧园区一期（120 天）',
        kind: 'wartime',
        startsOn: '2026-12-01',
        endsOn: '2027-03-30',
      },
    });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    branch = res.body;
    expect(branch).toMatchObject({ kindLabel: '战时党支部', active: true, parent: { id: tree.committee.id }, secondments: [] });
    const org = await t.call<Untyped>('GET', `/organisations/${branch.orgId}`, { token: worker });
    expect(org.body).toMatchObject({ isTemporary: true, canApproveProbationary: false });
  });

  it('M2: seconded members keep their formal branch (fees, transfers, counts); the database refuses a formal relationship in a temporary branch', async () => {
    const res = await t.call<Untyped>('POST', `/temporary-branches/${branch.orgId}/secondments`, { token: worker, body: { memberIds: [seconded.memberId] } });
    expect(res.status).toBe(200);
    expect(res.body.secondments).toEqual([expect.objectContaining({ memberId: seconded.memberId, formalOrgName: '甲公司党支部', endedOn: null })]);
    const again = await t.call<Untyped>('POST', `/temporary-branches/${branch.orgId}/secondments`, { token: worker, body: { memberIds: [seconded.memberId] } });
    expect(again.body.secondments).toHaveLength(1);
    const m = await t.call<Untyped>('GET', `/members/${seconded.memberId}`, { token: secA });
    expect(m.status).toBe(200);
    expect(m.body.orgId ?? m.body.organisationId).toBe(tree.branchA.id);
    const [counts] = await t.ds.query(`SELECT member_count AS n FROM organisation WHERE id = $1`, [branch.orgId]);
    expect(counts.n).toBe(0);
    // Fee bills and transfers start from member.organisation_id, which never changes on secondment.
    const [row] = await t.ds.query(`SELECT organisation_id FROM member WHERE id = $1`, [seconded.memberId]);
    expect(row.organisation_id).toBe(tree.branchA.id);
    await expect(t.ds.query(`UPDATE member SET organisation_id = $2 WHERE id = $1`, [seconded.memberId, branch.orgId])).rejects.toThrow(/M2/);
    // The branch secretary cannot second into a temporary branch (org.manage on it is the committee's).
    expect((await t.call('POST', `/temporary-branches/${branch.orgId}/secondments`, { token: secA, body: { memberIds: [stay.memberId] } })).status).toBe(403);
  });

  it('C4: a seconded member is expected at the temporary branch’s meetings as a guest and may check in; a member not seconded may not', async () => {
    const now = clock.nowMs();
    const meeting = await t.call<Untyped>('POST', '/meetings', {
      token: worker,
      body: {
        organisationId: branch.orgId,
        type: 'theme_day',
        title: '项目攻坚主题党日',
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 2 * 3_600_000).toISOString(),
        place: '项目现场',
      },
    });
    expect(meeting.status).toBe(201);
    const [a] = await t.ds.query(`SELECT is_guest, can_vote FROM meeting_attendee WHERE meeting_id = $1 AND member_id = $2`, [
      meeting.body.id,
      seconded.memberId,
    ]);
    expect(a).toEqual({ is_guest: true, can_vote: false });
    const code = await t.call<Untyped>('GET', `/meetings/${meeting.body.id}/checkin-code`, { token: worker });
    const ok = await t.call<Untyped>('POST', '/meetings/checkin', { token: seconded.token, body: { token: code.body.token } });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('checked_in');
    const no = await t.call<Untyped>('POST', '/meetings/checkin', { token: stay.token, body: { token: code.body.token } });
    expect(no.status).toBeGreaterThanOrEqual(400);
  });

  it('S4: dissolved at its end date by the job; the branch, secondments and meeting records are kept', async () => {
    const service = t.app.get(TemporaryBranchesService);
    try {
      clock.set('2027-03-30T15:00:00Z'); // 23:00 on the end date in China
      expect(await service.dissolveDue()).toEqual({ dissolved: 0 });
      clock.set('2027-03-30T16:00:00Z');
      expect(await service.dissolveDue()).toEqual({ dissolved: 1 });
      expect(await service.dissolveDue()).toEqual({ dissolved: 0 });
    } finally {
      clock.set('2026-12-01T02:00:00Z');
    }
    const got = await t.call<Untyped>('GET', `/temporary-branches/${branch.orgId}`, { token: worker });
    expect(got.body).toMatchObject({ active: false, secondments: [expect.objectContaining({ endedOn: '2027-03-30' })] });
    expect(got.body.dissolvedAt).not.toBeNull();
    const more = await t.call<Untyped>('POST', `/temporary-branches/${branch.orgId}/secondments`, { token: worker, body: { memberIds: [stay.memberId] } });
    expect(more.body.code).toBe('TEMPORARY_BRANCH_DISSOLVED');
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM meeting WHERE organisation_id = $1`, [branch.orgId]);
    expect(n).toBe(1);
    const list = await t.call<Untyped>('GET', `/temporary-branches?orgId=${tree.committee.id}`, { token: worker });
    expect(list.body.items.map((b: Untyped) => b.orgId)).toEqual([branch.orgId]);
    const audit = await t.ds.query(`SELECT action FROM audit_log WHERE object_id = $1 AND action LIKE 'temporary_branch.%' ORDER BY id`, [branch.orgId]);
    expect(audit.map((x: Untyped) => x.action)).toEqual(['temporary_branch.create', 'temporary_branch.second', 'temporary_branch.dissolve']);
  });
});

import { addDays, addYears, chinaToday } from '@dangjian/shared';
import { DataSource } from 'typeorm';
import type { OrganisationEntity } from '../src/organisations/organisation.entity.js';
import { createTestApp, type TestApp } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';

/** Committees (O4), groups' 组长 (O8) and terms of office (O6). */
describe('organisations: committees and terms', () => {
  let t: TestApp;
  let fx: Fixtures;
  let root: OrganisationEntity;
  let admin: string;
  const today = chinaToday();
  beforeAll(async () => {
    t = await createTestApp();
    fx = new Fixtures(t.app.get(DataSource), t.app);
    root = await fx.org({ name: '平台根', kind: 'committee' });
    admin = (await fx.user({ roles: [{ role: 'platform_admin', orgId: root.id }] })).token;
  });
  afterAll(() => t.close());

  const branchWith = async (full: number, probationary = 0) => {
    const committee = await fx.org({ kind: 'committee', parentId: root.id });
    const branch = await fx.org({ kind: 'branch', parentId: committee.id });
    const members = [];
    for (let i = 0; i < full; i++) members.push(await fx.member({ orgId: branch.id }));
    for (let i = 0; i < probationary; i++) members.push(await fx.member({ orgId: branch.id, status: 'probationary' }));
    return { committee, branch, members };
  };
  const seat = (orgId: string, memberId: string, position: string, token = admin) =>
    t.call('POST', `/organisations/${orgId}/committee/positions`, { token, body: { memberId, position } });

  describe('O4 positions', () => {
    it('O4 a branch with fewer than 7 full members has only a secretary and a deputy', async () => {
      const { branch, members } = await branchWith(6, 3);
      const c = await t.call('GET', `/organisations/${branch.id}/committee`, { token: admin });
      expect(c.body).toMatchObject({ eligibleFullMembers: 6, hasCommittee: false, allowedPositions: ['secretary', 'deputy_secretary'], positions: [] });
      expect((await seat(branch.id, members[0]!.id, 'secretary')).status).toBe(201);
      expect((await seat(branch.id, members[1]!.id, 'deputy_secretary')).status).toBe(201);
      const refused = await seat(branch.id, members[2]!.id, 'organisation_member');
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'ORG_POSITION_NOT_ALLOWED_SMALL', details: { rule: 'O4' } });
      expect((await seat(branch.id, members[3]!.id, 'committee_member')).body.code).toBe('ORG_POSITION_NOT_ALLOWED_SMALL');
    });

    it('O4 with 7 full members: a committee of 3–7 with the core seats; one secretary at a time', async () => {
      const { branch, members } = await branchWith(9);
      const [a, b, c, d, e, f, g, h] = members.map<string>((m) => m.id);
      const first = await seat(branch.id, a!, 'secretary');
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ orgId: branch.id, memberId: a, position: 'secretary', startedOn: today, endedOn: null, memberName: members[0]!.name });
      let view = await t.call('GET', `/organisations/${branch.id}/committee`, { token: admin });
      expect(view.body.hasCommittee).toBe(true);
      expect(view.body.warnings.map((w: { code: string }) => w.code)).toEqual(['ORG_COMMITTEE_TOO_SMALL', 'ORG_COMMITTEE_POSITION_MISSING']);
      const second = await seat(branch.id, b!, 'secretary');
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('ORG_POSITION_TAKEN');
      expect((await seat(branch.id, b!, 'organisation_member')).status).toBe(201);
      expect((await seat(branch.id, c!, 'propaganda_member')).status).toBe(201);
      // Combining seats: the organisation member may also be the discipline member.
      expect((await seat(branch.id, b!, 'discipline_member')).status).toBe(201);
      expect((await seat(branch.id, b!, 'discipline_member')).body.code).toBe('ORG_POSITION_ALREADY_HELD');
      view = await t.call('GET', `/organisations/${branch.id}/committee`, { token: admin });
      expect(view.body.warnings).toEqual([]);
      expect(view.body.positions.map((p: { position: string }) => p.position)).toEqual([
        'secretary',
        'organisation_member',
        'propaganda_member',
        'discipline_member',
      ]);
      expect(view.body.allowedPositions).toEqual(['deputy_secretary', 'committee_member']);
      for (const m of [d, e, f, g]) expect((await seat(branch.id, m!, 'committee_member')).status).toBe(201);
      const eighth = await seat(branch.id, h!, 'committee_member');
      expect(eighth.status).toBe(409);
      expect(eighth.body.code).toBe('ORG_COMMITTEE_FULL');
      // The branch's detail reports no O4 warning with a complete committee.
      const detail = await t.call('GET', `/organisations/${branch.id}`, { token: admin });
      expect(detail.body.warnings.filter((w: { rule: string }) => w.rule === 'O4')).toEqual([]);
    });

    it('O4 the holder must belong to the organisation, be a full member and have intact rights', async () => {
      const { committee, branch, members } = await branchWith(3, 1);
      const other = await fx.org({ kind: 'branch', parentId: committee.id });
      const outsider = await fx.member({ orgId: other.id });
      expect((await seat(branch.id, outsider.id, 'secretary')).body.code).toBe('ORG_HOLDER_NOT_IN_ORGANISATION');
      expect((await seat(branch.id, members[3]!.id, 'secretary')).body.code).toBe('ORG_HOLDER_NOT_FULL_MEMBER');
      const suspended = await fx.member({ orgId: branch.id, flags: ['disciplinary_probation'] });
      expect((await seat(branch.id, suspended.id, 'secretary')).body.code).toBe('ORG_HOLDER_RIGHTS_RESTRICTED');
      const unknown = await seat(branch.id, '7a1f3c1e-0000-4000-8000-000000000000', 'secretary');
      expect(unknown.status).toBe(400);
      expect(unknown.body.code).toBe('ORG_MEMBER_UNKNOWN');
      // A 党委's seats go to members of its subtree.
      expect((await seat(committee.id, outsider.id, 'secretary')).status).toBe(201);
    });

    it('O8 a group has a 组长 from its branch; 组长 only in groups', async () => {
      const { committee, branch, members } = await branchWith(4);
      const group = await fx.org({ kind: 'group', parentId: branch.id });
      await t.ds.query(`UPDATE member SET group_id = $1 WHERE id = $2`, [group.id, members[0]!.id]);
      expect((await seat(branch.id, members[1]!.id, 'group_leader')).body.code).toBe('ORG_POSITION_GROUP_ONLY');
      expect((await seat(group.id, members[1]!.id, 'secretary')).body.code).toBe('ORG_POSITION_NOT_FOR_GROUP');
      const other = await fx.org({ kind: 'branch', parentId: committee.id });
      const stranger = await fx.member({ orgId: other.id });
      expect((await seat(group.id, stranger.id, 'group_leader')).body.code).toBe('ORG_HOLDER_NOT_IN_ORGANISATION');
      const leader = await seat(group.id, members[0]!.id, 'group_leader');
      expect(leader.status).toBe(201);
      expect(leader.body.termId).toBeNull();
      const second = await seat(group.id, members[1]!.id, 'group_leader');
      expect(second.body).toMatchObject({ code: 'ORG_POSITION_TAKEN', details: { rule: 'O8' } });
      const view = await t.call('GET', `/organisations/${group.id}/committee`, { token: admin });
      expect(view.body).toMatchObject({ hasCommittee: false, allowedPositions: [], warnings: [] });
    });

    it("a committee position is also the holder's role: a new secretary can manage the branch", async () => {
      const { branch, members } = await branchWith(3);
      const user = await fx.user({ memberId: members[0]!.id });
      expect((await t.call('PATCH', `/organisations/${branch.id}`, { token: user.token, body: { name: '新名称党支部' } })).status).toBe(403);
      await seat(branch.id, members[0]!.id, 'secretary');
      expect((await t.call('PATCH', `/organisations/${branch.id}`, { token: user.token, body: { name: '新名称党支部' } })).status).toBe(200);
    });

    it('ends a position today, keeps the history, and frees the seat', async () => {
      const { branch, members } = await branchWith(3);
      const sec = (await seat(branch.id, members[0]!.id, 'secretary')).body;
      const ended = await t.call('DELETE', `/organisations/${branch.id}/committee/positions/${sec.id}`, { token: admin });
      expect(ended.status).toBe(200);
      expect(ended.body).toMatchObject({ id: sec.id, endedOn: today });
      const again = await t.call('DELETE', `/organisations/${branch.id}/committee/positions/${sec.id}`, { token: admin });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ORG_POSITION_ENDED');
      expect((await seat(branch.id, members[1]!.id, 'secretary')).status).toBe(201);
      const rows = await t.ds.query(`SELECT member_id, ended_on::text AS ended FROM committee_position WHERE organisation_id = $1 ORDER BY created_at`, [
        branch.id,
      ]);
      expect(rows).toEqual([
        { member_id: members[0]!.id, ended: today },
        { member_id: members[1]!.id, ended: null },
      ]);
      const log = await t.ds.query(`SELECT action, org_path::text AS p FROM audit_log WHERE object_id = $1 ORDER BY id`, [sec.id]);
      expect(log).toEqual([
        { action: 'committee.position.add', p: branch.path },
        { action: 'committee.position.end', p: branch.path },
      ]);
      const otherOrg = await fx.org({ kind: 'branch', parentId: root.id });
      expect((await t.call('DELETE', `/organisations/${otherOrg.id}/committee/positions/${sec.id}`, { token: admin })).status).toBe(404);
    });

    it('two concurrent secretaries: exactly one wins', async () => {
      const { branch, members } = await branchWith(5);
      const results = await Promise.all(members.map((m) => seat(branch.id, m.id, 'secretary')));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'ORG_POSITION_TAKEN')).toBe(true);
    });

    it('refuses seat changes outside scope, by readers and by plain members', async () => {
      const { committee, branch, members } = await branchWith(3);
      const sibling = await fx.org({ kind: 'branch', parentId: committee.id });
      const sec = await fx.user({ positions: [{ position: 'secretary', orgId: sibling.id }] });
      expect((await seat(branch.id, members[0]!.id, 'secretary', sec.token)).status).toBe(403);
      expect((await t.call('GET', `/organisations/${branch.id}/committee`, { token: sec.token })).status).toBe(403);
      const reader = await fx.user({ roles: [{ role: 'committee_member', orgId: branch.id }] });
      expect((await t.call('GET', `/organisations/${branch.id}/committee`, { token: reader.token })).status).toBe(200);
      expect((await seat(branch.id, members[0]!.id, 'secretary', reader.token)).status).toBe(403);
      const member = await fx.user({ memberId: members[1]!.id });
      expect((await seat(branch.id, members[1]!.id, 'secretary', member.token)).status).toBe(403);
      expect((await t.call('GET', `/organisations/${branch.id}/committee`, { token: member.token })).status).toBe(403);
      const pos = (await seat(branch.id, members[0]!.id, 'secretary')).body;
      expect((await t.call('DELETE', `/organisations/${branch.id}/committee/positions/${pos.id}`, { token: reader.token })).status).toBe(403);
      expect((await t.call('DELETE', `/organisations/${branch.id}/committee/positions/${pos.id}`, { token: sec.token })).status).toBe(403);
      expect((await t.call('DELETE', `/organisations/${branch.id}/committee/positions/${pos.id}`, { token: member.token })).status).toBe(403);
    });
  });

  describe('O6 terms', () => {
    it('O6 a branch term of 3 years is accepted; positions join the current term', async () => {
      const { branch, members } = await branchWith(3);
      const startsOn = addYears(today, -1);
      const res = await t.call('POST', `/organisations/${branch.id}/terms`, { token: admin, body: { startsOn, endsOn: addYears(startsOn, 3) } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ orgId: branch.id, startsOn, approvalNote: null, isStandardLength: true });
      const pos = await seat(branch.id, members[0]!.id, 'secretary');
      expect(pos.body.termId).toBe(res.body.id);
      const c = await t.call('GET', `/organisations/${branch.id}/committee`, { token: admin });
      expect(c.body.currentTerm).toMatchObject({ id: res.body.id });
      const log = await t.ds.query(`SELECT action FROM audit_log WHERE object_id = $1`, [res.body.id]);
      expect(log).toEqual([{ action: 'committee.term.create' }]);
    });

    it('O6 other lengths need an approval note and may differ by at most a year; a 党委 serves 5 years', async () => {
      const { committee, branch } = await branchWith(3);
      const post = (orgId: string, body: object) => t.call('POST', `/organisations/${orgId}/terms`, { token: admin, body });
      const s = '2020-01-01';
      const noNote = await post(branch.id, { startsOn: s, endsOn: '2023-07-01' });
      expect(noNote.status).toBe(422);
      expect(noNote.body).toMatchObject({ code: 'ORG_TERM_APPROVAL_REQUIRED', details: { rule: 'O6' } });
      expect((await post(branch.id, { startsOn: s, endsOn: '2024-06-01', approvalNote: '批准' })).body.code).toBe('ORG_TERM_LENGTH_OUT_OF_RANGE');
      const delayed = await post(branch.id, { startsOn: s, endsOn: '2023-07-01', approvalNote: '经上级党委批准延期半年换届' });
      expect(delayed.status).toBe(201);
      expect(delayed.body).toMatchObject({ isStandardLength: false, approvalNote: '经上级党委批准延期半年换届' });
      expect((await post(branch.id, { startsOn: '2019-01-01', endsOn: '2022-01-01' })).body.code).toBe('ORG_TERM_NOT_AFTER_PREVIOUS');
      expect((await post(committee.id, { startsOn: s, endsOn: '2023-01-01' })).body.code).toBe('ORG_TERM_LENGTH_OUT_OF_RANGE');
      expect((await post(committee.id, { startsOn: s, endsOn: '2025-01-01' })).status).toBe(201);
      const group = await fx.org({ kind: 'group', parentId: branch.id });
      expect((await post(group.id, { startsOn: s, endsOn: '2023-01-01' })).body.code).toBe('ORG_TERM_NOT_FOR_GROUP');
      expect((await post(branch.id, { startsOn: 'yesterday', endsOn: '2023-01-01' })).body.code).toBe('VALIDATION_FAILED');
      const list = await t.call('GET', `/organisations/${branch.id}/terms`, { token: admin });
      expect(list.body.map((x: { endsOn: string }) => x.endsOn)).toEqual(['2023-07-01']);
    });

    it('O6 reminds of terms in the subtree ending soon or overdue with no newer term', async () => {
      const { committee, branch } = await branchWith(3);
      const soon = await fx.org({ name: '即将换届支部', kind: 'branch', parentId: committee.id });
      const renewed = await fx.org({ name: '已换届支部', kind: 'branch', parentId: committee.id });
      const far = await fx.org({ name: '远期支部', kind: 'branch', parentId: committee.id });
      const term = (orgId: string, startsOn: string, endsOn: string) =>
        t.ds.query(`INSERT INTO committee_term (organisation_id, starts_on, ends_on) VALUES ($1, $2, $3)`, [orgId, startsOn, endsOn]);
      const overdueEnd = addDays(today, -10);
      await term(branch.id, addYears(overdueEnd, -3), overdueEnd);
      const soonEnd = addDays(today, 30);
      await term(soon.id, addYears(soonEnd, -3), soonEnd);
      await term(renewed.id, addYears(today, -4), addDays(today, -5));
      await term(renewed.id, addDays(today, -4), addYears(addDays(today, -4), 3));
      await term(far.id, addYears(today, -2), addYears(today, 1));
      const res = await t.call('GET', `/organisations/${committee.id}/term-reminders`, { token: admin });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        expect.objectContaining({ orgId: branch.id, endsOn: overdueEnd, daysLeft: -10, status: 'overdue' }),
        expect.objectContaining({ orgId: soon.id, orgName: '即将换届支部', kind: 'branch', endsOn: soonEnd, daysLeft: 30, status: 'expiring' }),
      ]);
      const narrow = await t.call('GET', `/organisations/${committee.id}/term-reminders?withinDays=7`, { token: admin });
      expect(narrow.body.map((r: { orgId: string }) => r.orgId)).toEqual([branch.id]);
      const wide = await t.call('GET', `/organisations/${committee.id}/term-reminders?withinDays=730`, { token: admin });
      expect(wide.body.map((r: { orgId: string }) => r.orgId)).toEqual([branch.id, soon.id, far.id]);
      expect((await t.call('GET', `/organisations/${committee.id}/term-reminders?withinDays=-1`, { token: admin })).status).toBe(400);
      // Only the subtree: the branch's own reminders.
      const own = await t.call('GET', `/organisations/${soon.id}/term-reminders`, { token: admin });
      expect(own.body.map((r: { orgId: string }) => r.orgId)).toEqual([soon.id]);
      // The detail warns too.
      const detail = await t.call('GET', `/organisations/${branch.id}`, { token: admin });
      expect(detail.body.warnings).toContainEqual(expect.objectContaining({ rule: 'O6', code: 'ORG_TERM_OVERDUE' }));
    });

    it('refuses terms outside scope and by readers', async () => {
      const { committee, branch } = await branchWith(3);
      const sibling = await fx.org({ kind: 'branch', parentId: committee.id });
      const sec = await fx.user({ roles: [{ role: 'secretary', orgId: sibling.id }] });
      const body = { startsOn: '2024-01-01', endsOn: '2027-01-01' };
      expect((await t.call('POST', `/organisations/${branch.id}/terms`, { token: sec.token, body })).status).toBe(403);
      expect((await t.call('GET', `/organisations/${branch.id}/terms`, { token: sec.token })).status).toBe(403);
      expect((await t.call('GET', `/organisations/${committee.id}/term-reminders`, { token: sec.token })).status).toBe(403);
      const reader = await fx.user({ roles: [{ role: 'committee_member', orgId: branch.id }] });
      expect((await t.call('POST', `/organisations/${branch.id}/terms`, { token: reader.token, body })).status).toBe(403);
      expect((await t.call('GET', `/organisations/${branch.id}/terms`, { token: reader.token })).status).toBe(200);
      expect((await t.call('POST', `/organisations/${branch.id}/terms`, { token: sec.token, body: {} })).status).toBe(400);
    });
  });
});

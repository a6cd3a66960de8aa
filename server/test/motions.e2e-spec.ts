import { CommitteePositionEntity } from '../src/organisations/committee-position.entity.js';
import { createTestApp, type TestApp } from './utils/app.js';
import type { Untyped } from './utils/app.js';
import { checkIn, electionWorld, openBallot, vote, type ElectionWorld, type Person } from './utils/election-fixtures.js';
import { createMeeting, HOUR, MIN } from './utils/meeting-fixtures.js';

/** Motions (V1), admission and confirmation votes with written opinions (V2), 支委会 decisions (V3), by the same secret QR ballot. */
describe('motions and admission votes (V1–V3)', () => {
  let t: TestApp;
  let w: ElectionWorld;
  let V: Person[];
  let secMemberId: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await electionWorld(t, { members: 10 });
    V = w.voters;
    secMemberId = (await t.ds.query(`SELECT member_id AS id FROM user_account WHERE id = $1`, [w.secA.user.id]))[0].id;
    // 11 full members (应到会); the 10 members check in, the secretary is absent.
    await checkIn(t, w, V);
  });
  afterAll(() => t.close());

  const step = async (id: string, name: string, token = w.secA.token, body: unknown = {}) => t.call('POST', `/motions/${id}/steps/${name}`, { token, body });
  const create = (body: Record<string, unknown>, token = w.secA.token) => t.call('POST', '/motions', { token, body: { meetingId: w.meetingId, ...body } });
  async function runVote(id: string, choices: Array<'for' | 'against' | 'abstain'>, world = w) {
    const opened = await step(id, 'open-voting');
    expect(opened.status).toBe(200);
    for (const [i, choice] of choices.entries()) {
      const r = await vote(t, world, V[i]!, `/motions/${id}`, { choice });
      expect(r.status).toBe(200);
    }
    expect((await step(id, 'close-voting')).status).toBe(200);
    const counted = await step(id, 'count');
    expect(counted.status).toBe(200);
    return counted.body;
  }

  it('V1: passes with 赞成 more than half of 应到会 voting members (11 → 6); 5 fails', async () => {
    const a = await create({ kind: 'general', title: '关于开展党建共建活动的决议', description: '与园区兄弟支部开展结对共建。' });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ kind: 'general', rule: 'V1', state: 'draft', allowedActions: ['open_voting', 'cancel'], tally: null });
    const roll = await t.call('GET', `/motions/${a.body.id}/roll`, { token: w.secA.token });
    expect(roll.body).toMatchObject({ required: 11, present: 10, quorum: { rule: 'V1', minimum: 6, met: true } });
    const done = await runVote(a.body.id, ['for', 'for', 'for', 'for', 'for', 'for', 'against', 'against', 'against', 'abstain']);
    expect(done).toMatchObject({
      state: 'counted',
      passed: true,
      tally: { rule: 'V1', required: 11, present: 10, for: 6, against: 3, abstain: 1, majorityBase: 11, threshold: 6, passed: true },
    });
    const rec = await t.call('GET', `/ballots/boxes/${done.boxId}/record`, { token: V[0]!.token });
    expect(rec.body).toMatchObject({ kind: 'motion', issued: 10, collected: 10, valid: 10, invalid: 0 });
    expect(rec.body.ballots.map((b: Untyped) => b.motion.choice).sort()).toEqual([
      'abstain',
      'against',
      'against',
      'against',
      'for',
      'for',
      'for',
      'for',
      'for',
      'for',
    ]);
    expect(rec.body.digest).toBe(done.digest);

    const b = await create({ kind: 'general', title: '关于调整党小组设置的决议' });
    const failed = await runVote(b.body.id, ['for', 'for', 'for', 'for', 'for', 'against', 'against', 'abstain', 'abstain', 'abstain']);
    expect(failed.tally).toMatchObject({ for: 5, passed: false });
    expect(failed.passed).toBe(false);
  });

  it('V1: voting cannot open without half of the voting members present', async () => {
    const m = await createMeeting(t, w, {
      startsAt: new Date(w.clock.nowMs() - MIN).toISOString(),
      endsAt: new Date(w.clock.nowMs() + 2 * HOUR).toISOString(),
    });
    await checkIn(t, w, V.slice(0, 5), m.id);
    const a = (await t.call('POST', '/motions', { token: w.secA.token, body: { meetingId: m.id, kind: 'general', title: '表决事项' } })).body;
    const refused = await step(a.id, 'open-voting');
    expect([refused.status, refused.body.code, refused.body.details.quorum.minimum]).toEqual([422, 'VOTE_QUORUM_NOT_MET', 6]);
    await checkIn(t, w, [V[5]!], m.id);
    expect((await step(a.id, 'open-voting')).status).toBe(200);
  });

  it('V2: written opinions of absent voting members are counted; one applicant per vote', async () => {
    const noApplicant = await create({ kind: 'admission', title: '接收预备党员' });
    expect(noApplicant.body.code).toBe('VALIDATION_FAILED');
    const a = await create({
      kind: 'admission',
      title: '接收郑小明同志为预备党员',
      description: '发展对象郑小明，经支委会审查……',
      applicant: { name: '郑小明' },
    });
    expect(a.body).toMatchObject({ rule: 'V2', applicant: { memberId: null, name: '郑小明' } });
    // The absent secretary's written opinion counts; a present member's does not (they vote in person).
    const ok = await t.call('POST', `/motions/${a.body.id}/opinions`, {
      token: w.secA.token,
      body: { memberId: secMemberId, choice: 'for', submittedOn: '2025-06-09', note: '因公出差' },
    });
    expect(ok.status).toBe(200);
    expect(
      (
        await t.call('POST', `/motions/${a.body.id}/opinions`, {
          token: w.secA.token,
          body: { memberId: V[9]!.memberId, choice: 'for', submittedOn: '2025-06-09' },
        })
      ).status,
    ).toBe(200);
    const pm = await w.fx.member({ orgId: w.branchA.id, name: '冯预备', status: 'probationary' });
    // A probationary member has no vote, so no written opinion.
    const late = await createMeeting(t, w, {
      startsAt: new Date(w.clock.nowMs() - MIN).toISOString(),
      endsAt: new Date(w.clock.nowMs() + 2 * HOUR).toISOString(),
    });
    const other = (
      await t.call('POST', '/motions', { token: w.secA.token, body: { meetingId: late.id, kind: 'admission', title: '接收', applicant: { name: '某某' } } })
    ).body;
    const notVoter = await t.call('POST', `/motions/${other.id}/opinions`, {
      token: w.secA.token,
      body: { memberId: pm.id, choice: 'for', submittedOn: '2025-06-09' },
    });
    expect([notVoter.status, notVoter.body.code]).toEqual([422, 'MOTION_OPINION_NOT_VOTER']);
    // Written opinions belong to V2 only.
    const general = (await create({ kind: 'general', title: '一般事项' })).body;
    expect(
      (
        await t.call('POST', `/motions/${general.id}/opinions`, {
          token: w.secA.token,
          body: { memberId: secMemberId, choice: 'for', submittedOn: '2025-06-09' },
        })
      ).body.code,
    ).toBe('MOTION_OPINION_NOT_ALLOWED');

    // 5 赞成 in the room + 1 counted written opinion = 6 > 11 / 2.
    const done = await runVote(a.body.id, ['for', 'for', 'for', 'for', 'for', 'against', 'against', 'abstain', 'abstain', 'against']);
    expect(done.tally).toMatchObject({ rule: 'V2', required: 11, present: 10, for: 5, writtenFor: 1, threshold: 6, passed: true });
    expect(done.writtenOpinions.map((o: Untyped) => [o.member.memberId === secMemberId, o.counted])).toEqual(
      expect.arrayContaining([
        [true, true],
        [false, false],
      ]),
    );
    const afterOpen = await t.call('POST', `/motions/${a.body.id}/opinions`, {
      token: w.secA.token,
      body: { memberId: secMemberId, choice: 'against', submittedOn: '2025-06-10' },
    });
    expect([afterOpen.status, afterOpen.body.code]).toEqual([409, 'MOTION_OPINION_TOO_LATE']);

    // Confirmation: the applicant must be a probationary member of the organisation.
    const full = await create({ kind: 'confirmation', title: '转正', applicant: { memberId: V[0]!.memberId } });
    expect([full.status, full.body.code]).toEqual([422, 'MOTION_APPLICANT_INVALID']);
    const outside = await create({ kind: 'confirmation', title: '转正', applicant: { memberId: w.memberB.memberId } });
    expect(outside.body.code).toBe('MOTION_APPLICANT_INVALID');
    const conf = await create({ kind: 'confirmation', title: '关于冯预备同志按期转正', applicant: { memberId: pm.id } });
    expect(conf.body).toMatchObject({ rule: 'V2', applicant: { memberId: pm.id, name: '冯预备' } });
  });

  it('V3: a 支委会 decision needs half of the committee present; only committee members vote', async () => {
    // Committee: the secretary and two members of branch A.
    for (const [p, position] of [
      [V[0]!, 'organisation_member'],
      [V[1]!, 'propaganda_member'],
    ] as const) {
      await t.ds.getRepository(CommitteePositionEntity).insert({ organisationId: w.branchA.id, memberId: p.memberId!, position, startedOn: '2024-01-01' });
    }
    const m = await createMeeting(t, w, {
      type: 'committee_meeting',
      startsAt: new Date(w.clock.nowMs() - MIN).toISOString(),
      endsAt: new Date(w.clock.nowMs() + 2 * HOUR).toISOString(),
    });
    const general = await t.call('POST', '/motions', { token: w.secA.token, body: { meetingId: m.id, kind: 'general', title: '在支委会表决党员大会事项' } });
    expect([general.status, general.body.code]).toEqual([422, 'VOTE_MEETING_NOT_FOR_VOTE']);
    const d = (await t.call('POST', '/motions', { token: w.secA.token, body: { meetingId: m.id, kind: 'committee', title: '确定入党积极分子' } })).body;
    expect(d.rule).toBe('V3');
    await checkIn(t, w, [V[0]!], m.id);
    const roll = await t.call('GET', `/motions/${d.id}/roll`, { token: w.secA.token });
    expect(roll.body).toMatchObject({ required: 3, present: 1, quorum: { rule: 'V3', minimum: 2, met: false } });
    expect((await step(d.id, 'open-voting')).body.code).toBe('VOTE_QUORUM_NOT_MET');
    await checkIn(t, w, [V[1]!, V[5]!], m.id);
    expect((await step(d.id, 'open-voting')).status).toBe(200);
    const world = { ...w, meetingId: m.id };
    // A member who is not on the committee is not on the roll.
    const outsider = await openBallot(t, world, V[5]!, `/motions/${d.id}`);
    expect(outsider.body.code).toBe('BALLOT_NOT_ELIGIBLE');
    for (const p of [V[0]!, V[1]!]) expect((await vote(t, world, p, `/motions/${d.id}`, { choice: 'for' })).status).toBe(200);
    expect((await step(d.id, 'close-voting')).status).toBe(200);
    const counted = (await step(d.id, 'count')).body;
    // 2 赞成 of a committee of 3: more than half → passes.
    expect(counted.tally).toMatchObject({ rule: 'V3', required: 3, present: 2, for: 2, majorityBase: 3, passed: true });
  });

  it('steps out of order, void counts and access from outside the subtree are refused', async () => {
    const a = (await create({ kind: 'general', title: '表决事项' })).body;
    for (const s of ['close-voting', 'count', 'rerun']) {
      const r = await step(a.id, s);
      expect([s, r.status, r.body.code]).toEqual([s, 409, 'VOTE_STEP_OUT_OF_ORDER']);
    }
    const opened = (await step(a.id, 'open-voting')).body;
    expect((await vote(t, w, V[0]!, `/motions/${a.id}`, { choice: 'for' })).status).toBe(200);
    // A motion ballot needs a choice, not candidate marks.
    const o = await openBallot(t, w, V[1]!, `/motions/${a.id}`);
    expect(o.body).toMatchObject({ kind: 'motion', election: null, motion: { kind: 'general' } });
    expect((await t.call('POST', '/ballots/cast', { token: V[1]!.token, body: { pass: o.body.pass } })).body.code).toBe('BALLOT_FORM_INVALID');
    expect((await step(a.id, 'close-voting')).status).toBe(200);
    await t.ds.query(`INSERT INTO ballot (box_id, receipt, content) VALUES ($1, 'ZZZZZ-ZZZZZ', '{"choice":"for"}')`, [opened.boxId]);
    const voided = (await step(a.id, 'count')).body;
    expect(voided).toMatchObject({ state: 'void', boxState: 'void', tally: null });
    const again = (await step(a.id, 'rerun')).body;
    expect(again.state).toBe('draft');
    const second = (await step(a.id, 'open-voting')).body;
    expect(second).toMatchObject({ rounds: 2, boxState: 'open' });
    // V[0] votes again in the new round.
    expect((await vote(t, w, V[0]!, `/motions/${a.id}`, { choice: 'for' })).status).toBe(200);

    const outsider = w.secB.token;
    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/motions/${a.id}`],
      ['GET', `/motions/${a.id}/roll`],
      ['POST', `/motions/${a.id}/opinions`, { memberId: secMemberId, choice: 'for', submittedOn: '2025-06-09' }],
      ['DELETE', `/motions/${a.id}/opinions/${secMemberId}`],
      ['POST', `/motions/${a.id}/steps/open-voting`, {}],
      ['POST', `/motions/${a.id}/steps/close-voting`, {}],
      ['POST', `/motions/${a.id}/steps/count`, {}],
      ['POST', `/motions/${a.id}/steps/rerun`, {}],
      ['POST', `/motions/${a.id}/steps/cancel`, { reason: '测试取消' }],
      ['GET', `/motions/${a.id}/ballot-code`],
      ['GET', `/motions/${a.id}/screen`],
      ['POST', '/motions', { meetingId: w.meetingId, kind: 'general', title: '越权' }],
    ];
    for (const [method, url, body] of calls) {
      const r = await t.call(method, url, { token: outsider, body });
      expect([method, url, r.status]).toEqual([method, url, 403]);
    }
    for (const [method, url, body] of calls.filter(([m]) => m !== 'GET')) {
      const r = await t.call(method, url, { token: V[3]!.token, body });
      expect([method, url, r.status]).toEqual([method, url, 403]);
    }
    expect((await t.call('GET', `/motions/${a.id}`, { token: V[3]!.token })).status).toBe(200);
    expect((await t.call('GET', `/motions?meetingId=${w.meetingId}`, { token: V[3]!.token })).body.total).toBeGreaterThan(0);
    expect((await t.call('GET', '/motions', { token: outsider })).body.items.map((x: Untyped) => x.id)).not.toContain(a.id);
    const screen = await t.call('GET', `/motions/${a.id}/screen`, { token: w.secA.token });
    expect(screen.body).toMatchObject({ kind: 'motion', state: 'voting_open', voted: 1, motionTally: null });
  });
});

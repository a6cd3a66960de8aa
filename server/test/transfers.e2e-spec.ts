import { chinaMonth, FEES_PAY_PAGE, formatLetterNumber } from '@dangjian/shared';
import { createTestApp, type TestApp } from './utils/app.js';
import type { Untyped } from './utils/app.js';
import { SensitiveCipher } from '../src/common/sensitive-cipher.js';
import { ago, billMonths, memberWithAccount, salaried } from './utils/fee-fixtures.js';
import { nationalId } from './utils/member-helpers.js';
import { paidMember, payUp, step, steps, transferWorld, type TransferWorld } from './utils/transfer-fixtures.js';

/** Relationship transfers through the API on a real database (T1–T7, M2). */
describe('transfers: workflow', () => {
  let t: TestApp;
  let w: TransferWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await transferWorld(t);
  });
  afterAll(() => t.close());

  const apply = (token: string, body: Record<string, unknown>) => t.call('POST', '/transfers', { token, body: { reason: '工作调动', ...body } });
  const orgOf = async (memberId: string) => (await t.ds.query(`SELECT organisation_id FROM member WHERE id = $1`, [memberId]))[0].organisation_id;

  it('T2/T5: member applies → branch agrees → committee approves with a letter → receiving committee accepts → member reports', async () => {
    const m = await paidMember(t, w, w.a1.id);
    const created = await apply(m.token, { kind: 'internal', toOrgId: w.committeeB.id });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'internal',
      state: 'pending_branch',
      awaiting: 'sending_branch',
      startedBy: 'member',
      toCommittee: { id: w.committeeB.id },
    });
    const id = created.body.id;

    const agreed = await steps(t, id, [[w.secretaryA1.token, { action: 'branch_agree' }]]);
    expect(agreed.state).toBe('pending_committee');
    const approved = await steps(t, id, [[w.workerA.token, { action: 'approve' }]]);
    expect(approved.state).toBe('letter_issued');
    expect(approved.letter).toMatchObject({ number: formatLetterNumber(Number(chinaMonth().slice(0, 4)), 1), validityDays: 30, status: 'valid' });
    // T5: until acceptance the member stays with the sending branch.
    expect(await orgOf(m.member.id)).toBe(w.a1.id);

    const accepted = await steps(t, id, [[w.workerB.token, { action: 'accept', assignOrgId: w.b1.id }]]);
    expect(accepted).toMatchObject({ state: 'accepted', toOrg: { id: w.b1.id }, awaiting: 'member' });
    expect(await orgOf(m.member.id)).toBe(w.b1.id);
    expect((await t.call('GET', `/transfers/${id}`, { token: m.token })).body.letter.status).toBe('used');

    const done = await steps(t, id, [[m.token, { action: 'report' }]]);
    expect(done.state).toBe('completed');
    expect(done.steps.map((s: Untyped) => [s.action, s.fromState, s.toState, s.actor])).toEqual([
      ['apply', 'new', 'pending_branch', 'member'],
      ['branch_agree', 'pending_branch', 'pending_committee', 'sending_branch'],
      ['approve', 'pending_committee', 'letter_issued', 'sending_committee'],
      ['accept', 'letter_issued', 'accepted', 'receiving_committee'],
      ['report', 'accepted', 'completed', 'member'],
    ]);
    // The member now appears in the new branch's list.
    const list = await t.call('GET', `/members?orgId=${w.b1.id}`, { token: w.secretaryB1.token });
    expect(list.body.items.map((x: Untyped) => x.id)).toContain(m.member.id);
    // Every step has its audit row.
    const audits = await t.ds.query(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY id`, [id]);
    expect(audits.map((a: Untyped) => a.action)).toEqual(['transfer.apply', 'transfer.branch_agree', 'transfer.approve', 'transfer.accept', 'transfer.report']);
  });

  it('T3: approval is refused while fees are unpaid through the month of transfer-out; the request says what is owed and where to pay', async () => {
    const m = await memberWithAccount(w.fx, w.a1.id);
    const { salaried } = await import('./utils/fee-fixtures.js');
    await salaried(t, w.workerA.token, m.member.id, 500_000);
    const created = await apply(m.token, { kind: 'internal', toOrgId: w.b1.id });
    expect(created.body.fees).toMatchObject({ paidThroughTransferMonth: false, transferMonth: chinaMonth(), payPage: FEES_PAY_PAGE });
    expect(created.body.fees.owedMonths).toContain(chinaMonth());
    expect(created.body.fees.owedFen).toBeGreaterThan(0);
    await steps(t, created.body.id, [[w.secretaryA1.token, { action: 'branch_agree' }]]);
    const refused = await step(t, w.workerA.token, created.body.id, { action: 'approve' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'TRANSFER_FEES_UNPAID', details: { rule: 'T3', payPage: FEES_PAY_PAGE } });
    expect((await t.call('GET', `/transfers/${created.body.id}`, { token: m.token })).body.state).toBe('pending_committee');
    await payUp(t, w.workerA.token, m.member.id);
    const approved = await step(t, w.workerA.token, created.body.id, { action: 'approve' });
    expect(approved.status).toBe(200);
    // The letter records "党费已交到 YYYY年MM月".
    const [letter] = await t.ds.query(`SELECT fields FROM transfer_letter WHERE transfer_id = $1`, [created.body.id]);
    expect(letter.fields.feesText).toBe(`党费已交到 ${chinaMonth().slice(0, 4)}年${chinaMonth().slice(5, 7)}月`);
  });

  it('T3: a month settled after an unpaid one is not listed as owed (issue 13)', async () => {
    const m = await memberWithAccount(w.fx, w.a1.id, { joinDate: `${ago(5)}-01` });
    await salaried(t, w.workerA.token, m.member.id, 500_000, ago(5));
    const check = async () => (await t.call('GET', `/transfers/fees-check?memberId=${m.member.id}`, { token: w.workerA.token })).body;
    const before = await check();
    expect(before.owedMonths.length).toBeGreaterThanOrEqual(3);
    // The month before this one settled (exempt), the months around it still unpaid.
    const settled = ago(1);
    await t.ds.query(`UPDATE fee_bill SET status = 'exempt' WHERE member_id = $1 AND to_char(month, 'YYYY-MM') = $2`, [m.member.id, settled]);
    const after = await check();
    expect(after.paidThroughTransferMonth).toBe(false);
    expect(after.owedMonths).toEqual(before.owedMonths.filter((x: string) => x !== settled));
    expect(after.owedMonths).toContain(chinaMonth());
  });

  it('T7: one open transfer per member (the database refuses a second, even at the same moment)', async () => {
    const m = await paidMember(t, w, w.a1.id);
    const [a, b] = await Promise.all([
      apply(m.token, { kind: 'internal', toOrgId: w.b1.id }),
      apply(m.token, { kind: 'outbound', toOrgName: '外省某公司党支部' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect([a.body.code, b.body.code]).toContain('TRANSFER_ALREADY_OPEN');
    // After withdrawal a new one may start.
    const open = a.status === 201 ? a.body : b.body;
    await steps(t, open.id, [[m.token, { action: 'withdraw' }]]);
    expect((await apply(m.token, { kind: 'certificate', toOrgName: '外地某社区党委' })).status).toBe(201);
  });

  it('T2/T7: refusal and return carry a reason; the applicant corrects and resubmits', async () => {
    const m = await paidMember(t, w, w.a1.id);
    const applied = (await apply(m.token, { kind: 'internal', toOrgId: w.a2.id, memberPhone: '13812345678' })).body;
    const id = applied.id;
    expect(applied.memberPhone).toBe('138****5678');
    const noReason = await step(t, w.secretaryA1.token, id, { action: 'return' });
    expect([noReason.status, noReason.body.code]).toEqual([422, 'TRANSFER_REASON_REQUIRED']);
    const returned = await steps(t, id, [[w.secretaryA1.token, { action: 'return', reason: '请写明转入单位' }]]);
    expect(returned).toMatchObject({ state: 'returned', awaiting: 'applicant' });
    const resubmitted = await steps(t, id, [[m.token, { action: 'resubmit', edits: { toOrgId: w.b1.id, reason: '调入乙一公司工作' } }]]);
    expect(resubmitted).toMatchObject({ state: 'pending_branch', toOrg: { id: w.b1.id }, reason: '调入乙一公司工作', toCommittee: { id: w.committeeB.id } });
    // M4: the form shows only the masked number, so a resubmit without a phone keeps the sealed one on file.
    expect(resubmitted.memberPhone).toBe('138****5678');
    const [{ enc }] = await t.ds.query(`SELECT member_phone_enc AS enc FROM transfer WHERE id = $1`, [id]);
    expect(enc).not.toContain('13812345678');
    await steps(t, id, [[w.secretaryA1.token, { action: 'return', reason: '请留新的联系电话' }]]);
    const masked = await step(t, m.token, id, { action: 'resubmit', edits: { memberPhone: '138****5678' } });
    expect(masked.status).toBe(400);
    const newPhone = await steps(t, id, [[m.token, { action: 'resubmit', edits: { memberPhone: '13987654321' } }]]);
    expect(newPhone.memberPhone).toBe('139****4321');
    const [{ enc: enc2 }] = await t.ds.query(`SELECT member_phone_enc AS enc FROM transfer WHERE id = $1`, [id]);
    expect(enc2).not.toBe(enc);
    const refused = await steps(t, id, [[w.secretaryA1.token, { action: 'refuse', reason: '尚在试用期内' }]]);
    expect(refused.state).toBe('refused');
    expect(refused.steps.at(-1)).toMatchObject({ action: 'refuse', reason: '尚在试用期内', actorName: '甲一书记' });
  });

  it("C4/T5: a member moved by an accepted transfer is no longer expected at the old branch's coming meetings (应到 equal before and after the move)", async () => {
    const m = await paidMember(t, w, w.a1.id);
    const newMeeting = async () => {
      const start = Date.now() + 7 * 24 * 3600_000;
      const r = await t.call('POST', '/meetings', {
        token: w.secretaryA1.token,
        body: {
          organisationId: w.a1.id,
          type: 'party_lecture',
          title: '党课',
          startsAt: new Date(start).toISOString(),
          endsAt: new Date(start + 3600_000).toISOString(),
          place: '会议室',
        },
      });
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    const expectedAt = async (meetingId: string) =>
      (await t.call('GET', `/meetings/${meetingId}`, { token: w.secretaryA1.token })).body.expectedCount as number;
    const before = await newMeeting();
    const n = await expectedAt(before);
    const id = (await apply(m.token, { kind: 'internal', toOrgId: w.committeeB.id })).body.id;
    await steps(t, id, [
      [w.secretaryA1.token, { action: 'branch_agree' }],
      [w.workerA.token, { action: 'approve' }],
      [w.workerB.token, { action: 'accept', assignOrgId: w.b1.id }],
    ]);
    const after = await newMeeting();
    expect(await expectedAt(after)).toBe(n - 1);
    expect(await expectedAt(before)).toBe(n - 1);
    expect(await t.ds.query(`SELECT 1 FROM meeting_attendee WHERE member_id = $1 AND meeting_id = ANY($2::uuid[])`, [m.member.id, [before, after]])).toEqual(
      [],
    );
  });

  it('T1/T5 outbound: completes on the receipt recorded by the sending committee; then the member leaves the roll (lists, counts, bills, meetings) and the record stays readable', async () => {
    const m = await paidMember(t, w, w.a1.id);
    const id = (
      await t.call('POST', '/transfers', {
        token: w.secretaryA1.token,
        body: { kind: 'outbound', memberId: m.member.id, toOrgName: '外省某市某公司党支部', reason: '调往外省工作', validityDays: 60 },
      })
    ).body.id;
    const approved = await steps(t, id, [[w.workerA.token, { action: 'approve' }]]);
    expect(approved).toMatchObject({ state: 'letter_issued', startedBy: 'branch', awaiting: 'sending_committee', letter: { validityDays: 60 } });
    // Before the receipt (T5: never "none"): on the list, counted, expected at a meeting of the branch next week.
    const listOf = () => t.call('GET', `/members?orgId=${w.a1.id}&subtree=false&pageSize=100`, { token: w.secretaryA1.token });
    const before = await listOf();
    expect(before.body.items.map((x: Untyped) => x.id)).toContain(m.member.id);
    const start = Date.now() + 7 * 24 * 3600_000;
    const meeting = await t.call('POST', '/meetings', {
      token: w.secretaryA1.token,
      body: {
        organisationId: w.a1.id,
        type: 'party_lecture',
        title: '党课',
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 3600_000).toISOString(),
        place: '会议室',
      },
    });
    expect(meeting.status).toBe(201);
    const attends = async () =>
      (await t.ds.query(`SELECT 1 FROM meeting_attendee WHERE meeting_id = $1 AND member_id = $2`, [meeting.body.id, m.member.id])).length > 0;
    expect(await attends()).toBe(true);

    const done = await steps(t, id, [[w.workerA.token, { action: 'record_receipt' }]]);
    expect(done).toMatchObject({ state: 'completed', letter: { status: 'used' } });

    // Off the list and out of the counts (the organisation counter, by trigger), not in the name search either.
    const after = await listOf();
    expect(after.body.items.map((x: Untyped) => x.id)).not.toContain(m.member.id);
    expect(after.body.total).toBe(before.body.total - 1);
    const search = await t.call('GET', `/members?orgId=${w.committeeA.id}&q=${encodeURIComponent(m.member.name)}`, { token: w.workerA.token });
    expect(search.body.items.map((x: Untyped) => x.id)).not.toContain(m.member.id);
    const [counter] = await t.ds.query(
      `SELECT member_count AS n, (SELECT count(*)::int FROM member WHERE organisation_id = $1 AND left_at IS NULL) AS actual FROM organisation WHERE id = $1`,
      [w.a1.id],
    );
    expect(counter.n).toBe(counter.actual);
    // Not expected at the coming meeting any more.
    expect(await attends()).toBe(false);

    // The committee still reads the record by id, marked 已转出; the history says where to (M1).
    const detail = await t.call('GET', `/members/${m.member.id}`, { token: w.workerA.token });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ orgId: w.a1.id, departure: { reason: 'transferred_out', label: '已转出' } });
    const history = await t.call('GET', `/members/${m.member.id}/history`, { token: w.workerA.token });
    expect(history.status).toBe(200);
    expect(history.body.items[0]).toMatchObject({
      field: 'organisation',
      fromLabel: '甲一公司党支部',
      toLabel: '系统外',
      reason: '组织关系转出至外省某市某公司党支部（回执已收到）',
    });
    // Read-only from now on; no new transfer for someone no longer here.
    const edit = await t.call('PATCH', `/members/${m.member.id}`, { token: w.workerA.token, body: { post: '工程师' } });
    expect([edit.status, edit.body.code]).toEqual([409, 'MEMBER_DEPARTED']);
    const again = await t.call('POST', '/transfers', {
      token: w.secretaryA1.token,
      body: { kind: 'outbound', memberId: m.member.id, toOrgName: '别处', reason: '再转' },
    });
    expect(again.status).toBe(409);

    // Billed through the month of departure, never after it.
    const month = chinaMonth();
    const billOfMonth = async () => (await t.ds.query(`SELECT 1 FROM fee_bill WHERE member_id = $1 AND month = $2::date`, [m.member.id, `${month}-01`])).length;
    await t.ds.query(`DELETE FROM fee_bill WHERE member_id = $1 AND month = $2::date`, [m.member.id, `${month}-01`]);
    await billMonths(t, w.workerA.token, w.a1.id, month);
    expect(await billOfMonth()).toBe(1);
    await t.ds.query(`DELETE FROM fee_bill WHERE member_id = $1 AND month = $2::date`, [m.member.id, `${month}-01`]);
    await t.ds.query(`UPDATE member SET left_at = ($2::date - interval '1 day') WHERE id = $1`, [m.member.id, `${month}-01`]);
    await billMonths(t, w.workerA.token, w.a1.id, month);
    expect(await billOfMonth()).toBe(0);

    // Coming back later is a new registration (inbound): the departed record's ID does not block it,
    // a member on the roll with the same ID does.
    const idNo = nationalId('1990-03-04', 'male');
    await t.ds.query(`UPDATE member SET national_id_hash = $2 WHERE id = $1`, [m.member.id, t.app.get(SensitiveCipher).blindIndex(idNo)]);
    const register = (letter: string) =>
      t.call('POST', '/transfers', {
        token: w.workerB.token,
        body: {
          kind: 'inbound',
          fromOrgName: '外省某市某公司党支部',
          paperLetterNumber: letter,
          member: {
            orgId: w.b1.id,
            name: m.member.name,
            gender: 'male',
            birthDate: '1990-03-04',
            nationalId: idNo,
            joinDate: '2015-07-01',
            status: 'full',
            fullMemberDate: '2016-07-01',
          },
        },
      });
    expect((await register('〔2026〕第0901号')).status).toBe(201);
    const twice = await register('〔2026〕第0902号');
    expect([twice.status, twice.body.code]).toEqual([409, 'MEMBER_NATIONAL_ID_TAKEN']);
  });

  it('accept: the receiving committee lists and assigns any branch of its subtree, also one under a 党总支; the sending side cannot list them', async () => {
    const general = await w.fx.org({ name: '乙园区党总支', kind: 'general_branch', parentId: w.committeeB.id });
    const deep = await w.fx.org({ name: '乙园区党总支第一党支部', kind: 'branch', parentId: general.id });
    const branches = await t.call('GET', `/organisations/${w.committeeB.id}/subtree?kind=branch&pageSize=50`, { token: w.workerB.token });
    expect(branches.status).toBe(200);
    expect(branches.body.items.map((o: Untyped) => o.id)).toEqual(expect.arrayContaining([w.b1.id, deep.id]));
    expect(branches.body.items.every((o: Untyped) => o.kind === 'branch')).toBe(true);
    const byName = await t.call('GET', `/organisations/${w.committeeB.id}/subtree?kind=branch&q=${encodeURIComponent('党总支第一')}`, {
      token: w.workerB.token,
    });
    expect(byName.body.items.map((o: Untyped) => o.id)).toEqual([deep.id]);
    expect([403, 404]).toContain((await t.call('GET', `/organisations/${w.committeeB.id}/subtree?kind=branch`, { token: w.workerA.token })).status);

    const m = await paidMember(t, w, w.a1.id);
    const id = (await apply(m.token, { kind: 'internal', toOrgId: w.committeeB.id })).body.id;
    await steps(t, id, [
      [w.secretaryA1.token, { action: 'branch_agree' }],
      [w.workerA.token, { action: 'approve' }],
    ]);
    const accepted = await steps(t, id, [[w.workerB.token, { action: 'accept', assignOrgId: deep.id }]]);
    expect(accepted).toMatchObject({ state: 'accepted', toOrg: { id: deep.id } });
    expect(await orgOf(m.member.id)).toBe(deep.id);
  });

  it('T1 certificate: a letter only — completes at issue, the member does not move', async () => {
    const m = await paidMember(t, w, w.a1.id);
    const id = (await apply(m.token, { kind: 'certificate', toOrgName: '某市某街道党工委' })).body.id;
    const done = await steps(t, id, [
      [w.secretaryA1.token, { action: 'branch_agree' }],
      [w.workerA.token, { action: 'approve' }],
    ]);
    expect(done).toMatchObject({ state: 'completed', letter: { status: 'valid' } });
    expect(await orgOf(m.member.id)).toBe(w.a1.id);
  });

  it('M2 mobile: accepted at a host without moving the relationship; the host lists the member', async () => {
    const m = await paidMember(t, w, w.a1.id);
    const id = (await apply(m.token, { kind: 'mobile', toOrgId: w.b1.id })).body.id;
    const accepted = await steps(t, id, [
      [w.secretaryA1.token, { action: 'branch_agree' }],
      [w.workerA.token, { action: 'approve' }],
      [w.workerB.token, { action: 'accept' }],
    ]);
    expect(accepted.state).toBe('accepted');
    expect(await orgOf(m.member.id)).toBe(w.a1.id);
    const [row] = await t.ds.query(`SELECT flags FROM member WHERE id = $1`, [m.member.id]);
    expect(row.flags).toContain('mobile');
    const hosted = await t.call('GET', `/transfers/mobile?orgId=${w.b1.id}`, { token: w.secretaryB1.token });
    expect(hosted.body.items.map((x: Untyped) => x.member.id)).toContain(m.member.id);
    // M2: the host invites the member to its organisational life as a guest (C4), who never votes there.
    const start = Date.now() + 24 * 3600_000;
    const meeting = await t.call('POST', '/meetings', {
      token: w.secretaryB1.token,
      body: {
        organisationId: w.b1.id,
        type: 'party_lecture',
        title: '党课',
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 3600_000).toISOString(),
        place: '会议室',
        guestMemberIds: [m.member.id],
      },
    });
    expect(meeting.status).toBe(201);
    const [attendee] = await t.ds.query(`SELECT is_guest, can_vote FROM meeting_attendee WHERE meeting_id = $1 AND member_id = $2`, [
      meeting.body.id,
      m.member.id,
    ]);
    expect(attendee).toEqual({ is_guest: true, can_vote: false });
  });

  it('T1 inbound: the receiving committee registers a member arriving with a paper letter in one of its branches', async () => {
    const res = await t.call('POST', '/transfers', {
      token: w.workerB.token,
      body: {
        kind: 'inbound',
        fromOrgName: '外省某县某镇党委',
        paperLetterNumber: '〔2026〕第0815号',
        member: {
          orgId: w.b1.id,
          name: '林转入',
          gender: 'male',
          birthDate: '1990-03-04',
          joinDate: '2015-07-01',
          status: 'full',
          fullMemberDate: '2016-07-01',
        },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'inbound',
      state: 'accepted',
      fromOrgName: '外省某县某镇党委',
      toOrg: { id: w.b1.id },
      paperLetterNumber: '〔2026〕第0815号',
    });
    expect(await orgOf(res.body.member.id)).toBe(w.b1.id);
    // The sending committee elsewhere is not on the platform: A cannot register into B.
    const wrong = await t.call('POST', '/transfers', {
      token: w.workerA.token,
      body: {
        kind: 'inbound',
        fromOrgName: '外地党委',
        paperLetterNumber: 'X1',
        member: {
          orgId: w.b1.id,
          name: '错登记',
          gender: 'male',
          birthDate: '1990-03-04',
          joinDate: '2015-07-01',
          status: 'full',
          fullMemberDate: '2016-07-01',
        },
      },
    });
    expect(wrong.status).toBe(403);
    // Nor the receiving branch alone: registration is the 基层党委's (T2).
    const byBranch = await t.call('POST', '/transfers', {
      token: w.secretaryB1.token,
      body: {
        kind: 'inbound',
        fromOrgName: '外地党委',
        paperLetterNumber: 'X2',
        member: {
          orgId: w.b1.id,
          name: '支部登记',
          gender: 'male',
          birthDate: '1990-03-04',
          joinDate: '2015-07-01',
          status: 'full',
          fullMemberDate: '2016-07-01',
        },
      },
    });
    expect(byBranch.status).toBe(403);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM member WHERE name = '支部登记'`))[0].n).toBe(0);
  });

  it('T4: validity 1..90 days (default 30), refused outside with a Chinese message', async () => {
    const m = await paidMember(t, w, w.a1.id);
    for (const validityDays of [0, 91]) {
      const res = await apply(m.token, { kind: 'certificate', toOrgName: '某单位党委', validityDays });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('有效期');
    }
    const ok = await apply(m.token, { kind: 'certificate', toOrgName: '某单位党委', validityDays: 90 });
    expect(ok.body.validityDays).toBe(90);
  });

  it('the queues follow an organisation that moves (copied paths rewritten by trigger)', async () => {
    const branch = await w.fx.org({ name: '甲三公司党支部', kind: 'branch', parentId: w.committeeA.id });
    const secretary = await w.fx.user({ roles: [{ role: 'secretary', orgId: branch.id }] });
    const m = await paidMember(t, w, branch.id);
    const id = (await apply(m.token, { kind: 'internal', toOrgId: w.b1.id })).body.id;
    const general = await w.fx.org({ name: '甲总支', kind: 'general_branch', parentId: w.committeeA.id });
    const moved = await t.call('POST', `/organisations/${branch.id}/move`, { token: w.workerA.token, body: { parentId: general.id } });
    expect(moved.status).toBe(200);
    const [row] = await t.ds.query(
      `SELECT from_org_path::text = o.path::text AS same, awaiting_path::text = o.path::text AS awaiting FROM transfer t JOIN organisation o ON o.id = t.from_org_id WHERE t.id = $1`,
      [id],
    );
    expect(row).toEqual({ same: true, awaiting: true });
    const todo = await t.call('GET', '/transfers/queue?queue=todo', { token: secretary.token });
    expect(todo.body.items.map((i: Untyped) => i.id)).toContain(id);
  });
});

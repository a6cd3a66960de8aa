import { chinaDate, chinaDayStart, chinaMonth, formatLetterNumber, maskNationalId } from '@dangjian/shared';
import { Clock } from '../src/common/clock.js';
import { SensitiveCipher } from '../src/common/sensitive-cipher.js';
import { nationalId } from './utils/member-helpers.js';
import { qrOfPdf } from './utils/pdf-qr.js';
import { createTestApp, type TestApp } from './utils/app.js';
import type { Untyped } from './utils/app.js';
import { paidMember, step, steps, transferWorld, type TransferWorld } from './utils/transfer-fixtures.js';

/** Access (T2), queues (T6), races (T5, T7), letters (T4) and notifications through HTTP. */
describe('transfers: access, queues, races, letters, notifications', () => {
  let t: TestApp;
  let w: TransferWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await transferWorld(t);
  });
  afterAll(() => t.close());

  const orgOf = async (memberId: string) => (await t.ds.query(`SELECT organisation_id FROM member WHERE id = $1`, [memberId]))[0].organisation_id;
  /** A paid member of A1 and an internal transfer to committee B brought to `upTo`. */
  async function transferTo(upTo: 'pending_branch' | 'pending_committee' | 'letter_issued' | 'accepted') {
    const m = await paidMember(t, w, w.a1.id);
    const res = await t.call('POST', '/transfers', { token: m.token, body: { kind: 'internal', toOrgId: w.committeeB.id, reason: '工作调动' } });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    const id = res.body.id as string;
    const path: Array<[string, Record<string, unknown>]> = [
      [w.secretaryA1.token, { action: 'branch_agree' }],
      [w.workerA.token, { action: 'approve' }],
      [w.workerB.token, { action: 'accept', assignOrgId: w.b1.id }],
    ];
    const n = { pending_branch: 0, pending_committee: 1, letter_issued: 2, accepted: 3 }[upTo];
    const body = n ? await steps(t, id, path.slice(0, n)) : res.body;
    return { m, id, body };
  }

  it('T2: the sending side cannot act for the receiving side and the reverse; outsiders see nothing; members only their own', async () => {
    const { m, id } = await transferTo('pending_committee');
    const other = await paidMember(t, w, w.a1.id);
    expect((await t.call('GET', `/transfers/${id}`, { token: w.outsider.token })).status).toBe(403);
    expect((await t.call('GET', `/transfers/${id}`, { token: other.token })).status).toBe(403);
    expect((await t.call('GET', `/transfers/${id}`, { token: m.token })).status).toBe(200);
    expect((await step(t, w.outsider.token, id, { action: 'approve' })).status).toBe(403);
    const byReceiver = await step(t, w.workerB.token, id, { action: 'approve' });
    expect([byReceiver.status, byReceiver.body.code]).toEqual([403, 'TRANSFER_NOT_YOUR_STEP']);
    const byMember = await step(t, m.token, id, { action: 'approve' });
    expect([byMember.status, byMember.body.code]).toEqual([403, 'TRANSFER_NOT_YOUR_STEP']);
    await steps(t, id, [[w.workerA.token, { action: 'approve' }]]);
    const bySender = await step(t, w.workerA.token, id, { action: 'accept', assignOrgId: w.a2.id });
    expect([bySender.status, bySender.body.code]).toEqual([403, 'TRANSFER_NOT_YOUR_STEP']);
    // The receiving branch's secretary is not the receiving committee (and is not named yet: sees nothing).
    expect((await step(t, w.secretaryB1.token, id, { action: 'accept', assignOrgId: w.b1.id })).status).toBe(403);
    // The receiving side may refuse now (with a reason); the sending side may not.
    expect((await step(t, w.workerA.token, id, { action: 'refuse', reason: '不同意' })).body.code).toBe('TRANSFER_NOT_YOUR_STEP');
    const detail = (await t.call('GET', `/transfers/${id}`, { token: w.workerB.token })).body;
    expect(detail.myActors).toEqual(['receiving_committee']);
    expect(detail.availableActions.sort()).toEqual(['accept', 'refuse']);
    // Assigning outside the receiving committee is refused.
    expect((await step(t, w.workerB.token, id, { action: 'accept', assignOrgId: w.c1.id })).body.code).toBe('TRANSFER_ASSIGN_ORG_INVALID');
    // An unknown id: 404 for someone who reads transfers somewhere.
    expect((await t.call('GET', `/transfers/00000000-0000-4000-8000-000000000000`, { token: w.workerA.token })).status).toBe(404);
  });

  it('queues: 待办 is where the next action is mine, 待对方办理 waits on the other side, 逾期 is past the deadline (T6) — scoped to the caller', async () => {
    const pc = await transferTo('pending_committee');
    const li = await transferTo('letter_issued');
    const q = async (token: string, queue: string) => (await t.call('GET', `/transfers/queue?queue=${queue}&pageSize=200`, { token })).body;
    const ids = (page: Untyped) => page.items.map((i: Untyped) => i.id);
    expect(ids(await q(w.workerA.token, 'todo'))).toContain(pc.id);
    expect(ids(await q(w.workerA.token, 'todo'))).not.toContain(li.id);
    expect(ids(await q(w.workerA.token, 'waiting'))).toContain(li.id);
    expect(ids(await q(w.workerB.token, 'todo'))).toContain(li.id);
    expect(ids(await q(w.workerB.token, 'todo'))).not.toContain(pc.id);
    // B is named as the destination: it sees the transfer coming, waiting on the sending side.
    expect(ids(await q(w.workerB.token, 'waiting'))).toContain(pc.id);
    expect(ids(await q(w.secretaryB1.token, 'waiting'))).not.toContain(pc.id);
    // Grants on two committees: one queue over both subtrees, each transfer once.
    const both = await w.fx.user({
      roles: [
        { role: 'org_worker', orgId: w.committeeA.id },
        { role: 'org_worker', orgId: w.committeeB.id },
      ],
    });
    const bothTodo = await q(both.token, 'todo');
    expect(ids(bothTodo)).toEqual(expect.arrayContaining([pc.id, li.id]));
    expect(new Set(ids(bothTodo)).size).toBe(bothTodo.items.length);
    expect(ids(await q(both.token, 'waiting'))).not.toContain(li.id);
    const outsider = await q(w.outsider.token, 'todo');
    expect(outsider.counts).toEqual({ todo: 0, waiting: 0, overdue: 0 });
    // A letter past its validity is overdue on both sides.
    await t.ds.query(
      `WITH u AS (UPDATE transfer SET due_on = current_date - 1 WHERE id = $1 RETURNING id) SELECT transfer_queue_refresh(ARRAY(SELECT id FROM u))`,
      [li.id],
    );
    expect(ids(await q(w.workerA.token, 'overdue'))).toContain(li.id);
    const b = await q(w.workerB.token, 'overdue');
    expect(ids(b)).toContain(li.id);
    expect(b.items.find((i: Untyped) => i.id === li.id)).toMatchObject({ overdue: true, awaiting: 'receiving_committee' });
    expect(b.counts.overdue).toBeGreaterThanOrEqual(1);
    // Each count is its list's total; 待办 and 待对方办理 split the open transfers in scope (issue 13).
    for (const token of [w.workerA.token, w.workerB.token, both.token, w.secretaryB1.token]) {
      const [todo, waiting, overdue] = await Promise.all([q(token, 'todo'), q(token, 'waiting'), q(token, 'overdue')]);
      expect([todo.total, waiting.total, overdue.total]).toEqual([todo.counts.todo, todo.counts.waiting, todo.counts.overdue]);
      expect([todo.items.length, waiting.items.length, overdue.items.length]).toEqual([todo.total, waiting.total, overdue.total]);
      expect(ids(todo).filter((id: string) => ids(waiting).includes(id))).toEqual([]);
    }
    // A member gets no queue.
    expect((await t.call('GET', '/transfers/queue', { token: pc.m.token })).status).toBe(403);
  });

  it('to-dos: a transfer is overdue from China’s midnight after its deadline, not from UTC’s eight hours later (T6)', async () => {
    const pc = await transferTo('pending_committee');
    const clock = t.app.get(Clock);
    const todayStart = chinaDayStart(chinaDate(new Date())).getTime();
    const yesterday = chinaDate(new Date(todayStart - 3_600_000));
    await t.ds.query(`WITH u AS (UPDATE transfer SET due_on = $2::date WHERE id = $1 RETURNING id) SELECT transfer_queue_refresh(ARRAY(SELECT id FROM u))`, [
      pc.id,
      yesterday,
    ]);
    const overdue = async () => {
      const list = await t.call('GET', '/todos?source=transfers', { token: w.workerA.token });
      return (list.body.items as Array<{ id: string; overdue: boolean }>).find((i) => i.id === pc.id)?.overdue;
    };
    try {
      clock.set(new Date(todayStart - 3_600_000)); // 23:00 China time on the deadline
      expect(await overdue()).toBe(false);
      clock.set(new Date(todayStart + 3_600_000)); // 01:00 China time the day after (still the deadline's date in UTC)
      expect(await overdue()).toBe(true);
    } finally {
      clock.reset();
    }
  });

  it('T5 race: accept against withdraw at the same moment leaves exactly one consistent outcome', async () => {
    for (let i = 0; i < 3; i++) {
      const { m, id } = await transferTo('letter_issued');
      const [acc, wd] = await Promise.all([
        step(t, w.workerB.token, id, { action: 'accept', assignOrgId: w.b1.id }),
        step(t, m.token, id, { action: 'withdraw' }),
      ]);
      expect([acc.status, wd.status].sort()).toEqual([200, 409]);
      const final = (await t.call('GET', `/transfers/${id}`, { token: m.token })).body;
      if (acc.status === 200) {
        expect(final.state).toBe('accepted');
        expect(await orgOf(m.member.id)).toBe(w.b1.id);
      } else {
        expect(final.state).toBe('withdrawn');
        expect(await orgOf(m.member.id)).toBe(w.a1.id);
        expect(final.letter.status).toBe('revoked');
      }
    }
  });

  it('T5 race: two acceptances at once — one wins, the member moves once', async () => {
    const { m, id } = await transferTo('letter_issued');
    const rs = await Promise.all([
      step(t, w.workerB.token, id, { action: 'accept', assignOrgId: w.b1.id }),
      step(t, w.workerB.token, id, { action: 'accept', assignOrgId: w.b1.id }),
    ]);
    expect(rs.map((r) => r.status).sort()).toEqual([200, 409]);
    const moves = await t.ds.query(`SELECT count(*)::int AS n FROM member_status_change WHERE member_id = $1 AND field = 'organisation'`, [m.member.id]);
    expect(moves[0].n).toBe(1);
    const accepts = await t.ds.query(`SELECT count(*)::int AS n FROM transfer_step WHERE transfer_id = $1 AND action = 'accept'`, [id]);
    expect(accepts[0].n).toBe(1);
  });

  it('T4: letters are numbered per committee and year without gaps or duplicates under concurrency', async () => {
    const before: number = (await t.ds.query(`SELECT coalesce(max(seq), 0)::int AS n FROM transfer_letter WHERE committee_id = $1`, [w.committeeA.id]))[0].n;
    const ready = await Promise.all(Array.from({ length: 6 }, () => transferTo('pending_committee')));
    const rs = await Promise.all(ready.map((r) => step(t, w.workerA.token, r.id, { action: 'approve' })));
    expect(rs.map((r) => r.status)).toEqual(Array(6).fill(200));
    const year = Number(chinaMonth().slice(0, 4));
    const numbers = rs.map((r) => r.body.letter.number).sort();
    expect(numbers).toEqual(Array.from({ length: 6 }, (_, i) => formatLetterNumber(year, before + i + 1)).sort());
  });

  it('T4: the PDF is a PDF with the QR; the QR signature verifies publicly; used and revoked letters say so', async () => {
    const { m, id, body } = await transferTo('letter_issued');
    const cipher = t.app.get(SensitiveCipher);
    const nid = nationalId('1995-05-01');
    await t.ds.query(`UPDATE member SET national_id_enc = $2, national_id_masked = $3 WHERE id = $1`, [m.member.id, cipher.encrypt(nid), maskNationalId(nid)]);
    const pdf = await t.call('GET', `/transfers/${id}/letter.pdf`, { token: w.workerA.token });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.raw.subarray(0, 5).toString()).toBe('%PDF-');
    // The printed QR code, read back from the rendered page, is the letter's verification link.
    expect(qrOfPdf(pdf.raw)).toBe(body.letter.verifyUrl);
    // M4: the committee's copy shows the full ID and phone, and that read is audited; the member's copy is masked.
    const audits = await t.ds.query(`SELECT details FROM audit_log WHERE action = 'member.read_sensitive' AND object_id = $1`, [m.member.id]);
    expect(audits).toHaveLength(1);
    expect(audits[0].details.fields).toEqual(['nationalId', 'phone']);
    // The transfer's answer and the letter's stored fields carry the phone masked only.
    expect(body.memberPhone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const [letter] = await t.ds.query(`SELECT fields FROM transfer_letter WHERE transfer_id = $1`, [id]);
    expect(letter.fields).toMatchObject({ memberPhoneMasked: body.memberPhone });
    expect(letter.fields).not.toHaveProperty('memberPhone');
    expect((await t.call('GET', `/transfers/${id}/letter.pdf`, { token: m.token })).status).toBe(200);
    expect((await t.call('GET', `/transfers/${id}/letter.pdf`, { token: w.outsider.token })).status).toBe(403);

    const url = new URL(body.letter.verifyUrl.replace('/#/', '/'));
    expect(url.pathname).toBe('/transfer/verify');
    const verify = (q: string) => t.call('GET', `/transfers/letters/verify?${q}`);
    const ok = await verify(url.searchParams.toString());
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      genuine: true,
      status: 'valid',
      letter: { number: body.letter.number, fromOrgName: w.a1.name, issuingCommittee: w.committeeA.name },
    });
    expect(ok.body.letter.memberName).not.toBe(m.member.name);
    const forged = await verify(`id=${url.searchParams.get('id')}&sig=${'0'.repeat(32)}`);
    expect(forged.body).toMatchObject({ genuine: false, letter: null });
    await steps(t, id, [[w.workerB.token, { action: 'accept', assignOrgId: w.b1.id }]]);
    expect((await verify(url.searchParams.toString())).body.status).toBe('used');

    const other = await transferTo('letter_issued');
    await steps(t, other.id, [[other.m.token, { action: 'withdraw' }]]);
    const revoked = new URL(other.body.letter.verifyUrl.replace('/#/', '/'));
    expect((await verify(revoked.searchParams.toString())).body).toMatchObject({ genuine: true, status: 'revoked', statusLabel: '已作废' });
  });

  it('notifications: the people who must act next get an in-app message in the step transaction; list, count, mark read', async () => {
    const before = (await t.call('GET', '/notifications/unread-count', { token: w.secretaryA1.token })).body.unread;
    const { m, id } = await transferTo('pending_branch');
    const inbox = await t.call('GET', '/notifications?unread=true', { token: w.secretaryA1.token });
    expect(inbox.body.unread).toBe(before + 1);
    expect(inbox.body.items[0]).toMatchObject({ kind: 'transfer.apply', link: `/packages/transfer/pages/detail/index?id=${id}`, readAt: null });
    expect(inbox.body.items[0].body).toContain(m.member.name);
    // The sending committee is told once the branch agreed; the member once the transfer is accepted.
    await steps(t, id, [[w.secretaryA1.token, { action: 'branch_agree' }]]);
    const workerInbox = await t.call('GET', '/notifications', { token: w.workerA.token });
    expect(workerInbox.body.items.some((n: Untyped) => n.kind === 'transfer.branch_agree' && n.link.endsWith(id))).toBe(true);
    await steps(t, id, [
      [w.workerA.token, { action: 'approve' }],
      [w.workerB.token, { action: 'accept', assignOrgId: w.b1.id }],
    ]);
    const memberInbox = await t.call('GET', '/notifications', { token: m.token });
    expect(memberInbox.body.items[0]).toMatchObject({ kind: 'transfer.accept' });
    // Mark read: only one's own.
    const marked = await t.call('POST', '/notifications/read', { token: w.secretaryA1.token, body: { ids: [inbox.body.items[0].id] } });
    expect(marked.body.unread).toBe(before);
    await t.call('POST', '/notifications/read', { token: m.token, body: { ids: [inbox.body.items[0].id] } });
    expect((await t.call('POST', '/notifications/read', { token: m.token, body: { all: true } })).body.unread).toBe(0);
    expect((await t.call('POST', '/notifications/read', { token: m.token, body: {} })).status).toBe(400);
  });
});

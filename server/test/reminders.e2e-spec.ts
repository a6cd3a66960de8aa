import { createTestApp, type TestApp } from './utils/app.js';
import { ago, billMonths, feeWorld, memberWithAccount, salaried } from './utils/fee-fixtures.js';

/** 催缴 and 学习提醒: access first, the member's inbox, once a day per kind, the outbox for WeChat. */
describe('reminders', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof feeWorld>>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await feeWorld(t);
  });
  afterAll(() => t.close());

  const inbox = async (token: string) =>
    (await t.call('GET', '/notifications', { token })).body.items as Array<{ kind: string; title: string; body: string; link: string }>;

  it('催缴: reminds members who owe, in their inbox, once a day; members who owe nothing are skipped', async () => {
    const owes = await memberWithAccount(w.fx, w.branchA.id);
    const paidUp = await memberWithAccount(w.fx, w.branchA.id);
    await salaried(t, w.worker.token, owes.member.id, 500_000, ago(2));
    await billMonths(t, w.worker.token, w.branchA.id, ago(2));
    const body = { kind: 'fee_arrears', orgId: w.branchA.id, memberIds: [owes.member.id, paidUp.member.id] };
    const first = await t.call('POST', '/reminders', { token: w.worker.token, body });
    expect([first.status, first.body]).toEqual([200, { sent: 1, alreadyToday: 0, skipped: 1 }]);
    const [msg] = await inbox(owes.token);
    expect(msg).toMatchObject({ kind: 'fee_arrears', title: '党费催缴', link: '/packages/fees/pages/index/index' });
    expect(msg!.body).toMatch(/^您有 \d+ 个月党费未交纳（\d{4}年\d{2}月起，共 [\d.]+ 元），请及时交纳。$/);
    expect(await inbox(paidUp.token)).toEqual([]);
    // A second tap the same day sends nothing more.
    const again = await t.call('POST', '/reminders', { token: w.worker.token, body });
    expect(again.body).toEqual({ sent: 0, alreadyToday: 1, skipped: 1 });
    expect(await inbox(owes.token)).toHaveLength(1);
    const audit = await t.call('GET', `/audit?action=reminder.fee_arrears`, { token: w.upper.token });
    if (audit.status === 200) expect(audit.body.items.length).toBeGreaterThan(0);
  });

  it('学习提醒: needs study.manage on the organisation; members outside it are refused, nothing sent', async () => {
    const m = await memberWithAccount(w.fx, w.branchA.id);
    const other = await memberWithAccount(w.fx, w.branchB.id);
    const body = { kind: 'study_hours', orgId: w.branchA.id, memberIds: [m.member.id], year: 2026 };
    // The fee worker has no study.manage; the secretary of B none on A.
    expect((await t.call('POST', '/reminders', { token: w.worker.token, body })).status).toBe(403);
    expect((await t.call('POST', '/reminders', { token: w.outsider.token, body })).status).toBe(403);
    const mixed = await t.call('POST', '/reminders', { token: w.reader.token, body: { ...body, memberIds: [m.member.id, other.member.id] } });
    expect(mixed.status).toBe(403);
    expect(await inbox(m.token)).toEqual([]);
    const ok = await t.call('POST', '/reminders', { token: w.reader.token, body });
    expect(ok.body).toEqual({ sent: 1, alreadyToday: 0, skipped: 0 });
    expect((await inbox(m.token))[0]).toMatchObject({
      kind: 'study_hours',
      title: '学习提醒',
      body: '您 2026 年的学习学时尚未达到要求，请抓紧完成学习任务。',
      link: '/pages/study/index',
    });
  });

  it('answers bad input with 400 and changes nothing', async () => {
    const res = await t.call('POST', '/reminders', { token: w.worker.token, body: { kind: 'fee_arrears', orgId: w.branchA.id, memberIds: [] } });
    expect(res.status).toBe(400);
    expect(typeof res.body.message).toBe('string');
  });
});

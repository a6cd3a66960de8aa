import { addMonths, chinaMonth, formatYuan, yearOfMonth } from '@dangjian/shared';
import { BULK_BILLING_MIN_MEMBERS, FeesRepository } from '../src/fees/fees.repository.js';
import { createTestApp, type TestApp } from './utils/app.js';
import { ago, billMonths, billsOf, feeWorld, memberWithAccount, salaried } from './utils/fee-fixtures.js';

/** Standards (F1–F4), bills, paid-until (T3): through the API on a real database. */
describe('fees: standards and bills', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof feeWorld>>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await feeWorld(t);
  });
  afterAll(() => t.close());

  const year = yearOfMonth(chinaMonth());

  it('serves the rule set in force', async () => {
    const res = await t.call('GET', '/fees/policy', { token: w.worker.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      monthlyCapFen: 100_000,
      flatMonthlyFen: 20,
      baseRule: 'fixed_for_year',
      probationaryFrom: 'admission_month',
      backPaymentMaxMonths: 6,
    });
  });

  it('F1: records a salaried standard and computes the fee in fen (3000.01 → 30.00), explained', async () => {
    const { member, token } = await memberWithAccount(w.fx, w.branchA.id);
    const res = await t.call('PUT', `/fees/standards/${member.id}`, { token: w.worker.token, body: { year, category: 'salaried', baseFen: 300_001 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ memberId: member.id, year, effectiveMonth: `${year}-01`, category: 'salaried', baseFen: 300_001, monthlyFeeFen: 3000 });
    expect(res.body.computation).toMatchObject({ rule: 'F1', rateBp: 100, computedFen: 3000, capped: false });
    expect(res.body.computation.explanation).toContain('3000.01 元 × 1.00% = 30.00 元');
    // The member sees the fee and how it was computed.
    const mine = await t.call('GET', '/fees/me', { token });
    expect(mine.status).toBe(200);
    expect(mine.body.standard.monthlyFeeFen).toBe(3000);
    expect(mine.body.currentBill).toMatchObject({ month: chinaMonth(), amountDueFen: 3000, status: 'unpaid', payable: 'ok' });
    expect(mine.body.onlinePay).toBe('unavailable');
  });

  it.each([
    [300_000, 1500],
    [300_001, 3000],
    [1_000_000, 15_000],
    [1_000_001, 20_000],
    [8_000_000, 100_000],
  ])('F1/F4: base %i fen gives %i fen a month (capped at 1000 yuan)', async (baseFen, fee) => {
    const m = await w.fx.member({ orgId: w.branchA.id });
    const res = await t.call('PUT', `/fees/standards/${m.id}`, { token: w.worker.token, body: { year, category: 'salaried', baseFen } });
    expect(res.status).toBe(200);
    expect(res.body.monthlyFeeFen).toBe(fee);
  });

  it('F3/F4: flat categories, farmers, retirees, and a voluntary amount above the cap', async () => {
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ category: 'student' }, 20],
      [{ category: 'relief' }, 20],
      [{ category: 'farmer', farmerAmountFen: 100 }, 100],
      [{ category: 'retiree', baseFen: 500_001 }, 5000],
      [{ category: 'salaried', baseFen: 8_000_000, voluntaryMonthlyFen: 150_000 }, 150_000],
    ];
    for (const [body, fee] of cases) {
      const m = await w.fx.member({ orgId: w.branchA.id });
      const res = await t.call('PUT', `/fees/standards/${m.id}`, { token: w.worker.token, body: { year, ...body } });
      expect([res.status, res.body.monthlyFeeFen]).toEqual([200, fee]);
    }
  });

  it('refuses invalid input with the rule issues, and floats at the door', async () => {
    const m = await w.fx.member({ orgId: w.branchA.id });
    const noBase = await t.call('PUT', `/fees/standards/${m.id}`, { token: w.worker.token, body: { year, category: 'salaried' } });
    expect(noBase.status).toBe(422);
    expect(noBase.body).toMatchObject({ code: 'FEE_INPUT_INVALID', details: [{ code: 'BASE_REQUIRED' }] });
    const float = await t.call('PUT', `/fees/standards/${m.id}`, { token: w.worker.token, body: { year, category: 'salaried', baseFen: 300000.5 } });
    expect(float.status).toBe(400);
    const farmer = await t.call('PUT', `/fees/standards/${m.id}`, { token: w.worker.token, body: { year, category: 'farmer', farmerAmountFen: 101 } });
    expect(farmer.body.code).toBe('FEE_INPUT_INVALID');
    const voluntary = await t.call('PUT', `/fees/standards/${m.id}`, {
      token: w.worker.token,
      body: { year, category: 'salaried', baseFen: 300_000, voluntaryMonthlyFen: 1500 },
    });
    expect(voluntary.body.details[0].code).toBe('VOLUNTARY_NOT_ABOVE');
    const bills = await t.ds.query(`SELECT count(*)::int AS n FROM fee_bill WHERE member_id = $1`, [m.id]);
    expect(bills[0].n).toBe(0);
  });

  it("F4: the year's base is fixed at its start; a correction restates the unpaid bills of the year", async () => {
    const m = await w.fx.member({ orgId: w.branchA.id });
    await salaried(t, w.worker.token, m.id, 300_000);
    const corrected = await t.call('PUT', `/fees/standards/${m.id}`, {
      token: w.worker.token,
      body: { year, category: 'salaried', baseFen: 600_000, effectiveMonth: chinaMonth() },
    });
    expect(corrected.body.effectiveMonth).toBe(`${year}-01`);
    const standards = await t.call('GET', `/fees/standards/${m.id}?year=${year}`, { token: w.worker.token });
    expect(standards.body.standards).toHaveLength(1);
    const bills = await billsOf(t, w.worker.token, m.id);
    expect(bills.filter((b) => yearOfMonth(b.month) === year).every((b) => b.amountDueFen === 9000)).toBe(true);
  });

  it("generates a month's bills per subtree idempotently, counting members without a standard", async () => {
    const outside = await t.call('POST', '/fees/bills/generate', { token: w.outsider.token, body: { orgId: w.branchA.id, month: chinaMonth() } });
    expect(outside.status).toBe(403);
    const a = await t.call('POST', '/fees/bills/generate', { token: w.worker.token, body: { orgId: w.branchA.id, month: chinaMonth() } });
    expect(a.status).toBe(200);
    const again = await t.call('POST', '/fees/bills/generate', { token: w.worker.token, body: { orgId: w.branchA.id, month: chinaMonth() } });
    expect(again.body).toMatchObject({ month: chinaMonth(), created: 0 });
    expect(again.body.missingStandard).toBeGreaterThan(0);
    const future = await t.call('POST', '/fees/bills/generate', { token: w.worker.token, body: { orgId: w.branchA.id, month: addMonths(chinaMonth(), 1) } });
    expect(future.body.code).toBe('FEE_MONTH_IN_FUTURE');
    // One bill per member and month, whatever the path.
    const dup = await t.ds.query(`SELECT member_id, month, count(*) FROM fee_bill GROUP BY 1, 2 HAVING count(*) > 1`);
    expect(dup).toEqual([]);
  });

  it('makes the same bills in bulk (hash joins, for big subtrees) as member by member', async () => {
    const repo = t.app.get(FeesRepository);
    const org = await w.fx.org({ name: '己公司党支部', kind: 'branch', parentId: w.committee.id });
    const admin = await w.fx.user({ roles: [{ role: 'secretary', orgId: org.id }] });
    const members = await Promise.all([1, 2, 3].map(() => w.fx.member({ orgId: org.id })));
    const late = await w.fx.member({ orgId: org.id, joinDate: `${addMonths(chinaMonth(), 1)}-01`.replace(/-01$/, '-02') });
    for (const [i, m] of [...members, late].entries()) {
      expect((await t.call('PUT', `/fees/standards/${m.id}`, { token: admin.token, body: { year, category: 'salaried', baseFen: 300_000 + i } })).status).toBe(
        200,
      );
    }
    await t.ds.query(`DELETE FROM fee_bill WHERE member_id = ANY($1)`, [members.map((m) => m.id)]);
    repo.bulkMinMembers = 1;
    try {
      const res = await t.call('POST', '/fees/bills/generate', { token: admin.token, body: { orgId: org.id, month: chinaMonth() } });
      expect(res.body).toMatchObject({ created: 3, missingStandard: 0 });
    } finally {
      repo.bulkMinMembers = BULK_BILLING_MIN_MEMBERS;
    }
    const bills = await t.ds.query(`SELECT member_id, amount_due_fen::int AS due FROM fee_bill WHERE organisation_id = $1 ORDER BY due`, [org.id]);
    expect(bills.map((b: { due: number }) => b.due)).toEqual([1500, 3000, 3000]);
    expect(bills.map((b: { member_id: string }) => b.member_id)).not.toContain(late.id);
  });

  it('F4: a probationary member pays from the month of admission', async () => {
    const joined = `${chinaMonth()}-01`;
    const m = await w.fx.member({ orgId: w.branchA.id, status: 'probationary', joinDate: joined, fullMemberDate: null });
    await salaried(t, w.worker.token, m.id, 400_000);
    const bills = await billsOf(t, w.worker.token, m.id);
    expect(bills.map((b) => b.month)).toEqual([chinaMonth()]);
  });

  it('T3: paid until the latest month with everything before settled', async () => {
    const { member, token } = await memberWithAccount(w.fx, w.branchA.id);
    await salaried(t, w.worker.token, member.id, 300_000, ago(3));
    const bills = (await billsOf(t, w.worker.token, member.id)).sort((x, y) => (x.month < y.month ? -1 : 1));
    // Recording a standard bills the member back as far as back-payment reaches (F5: 6 months).
    const expected = [6, 5, 4, 3, 2, 1, 0].map(ago).filter((m) => m >= `${yearOfMonth(ago(3))}-01`);
    expect(bills.map((b) => b.month)).toEqual(expected);
    const first = bills[0];
    const paid = await t.call('POST', '/fees/payments', {
      token: w.worker.token,
      body: { kind: 'bills', memberId: member.id, billIds: [first.id], amountFen: first.amountDueFen, method: 'cash' },
    });
    expect(paid.status).toBe(201);
    const until = await t.call('GET', `/fees/members/${member.id}/paid-until`, { token });
    expect(until.status).toBe(200);
    expect(until.body).toMatchObject({
      paidUntil: first.month,
      paidThroughCurrentMonth: false,
      text: `党费已交到 ${first.month.slice(0, 4)}年${first.month.slice(5)}月`,
    });
    expect(until.body.unsettled.length).toBe(bills.length - 1);
  });

  it('scopes every read and write to the subtree; members see only their own', async () => {
    const { member, token } = await memberWithAccount(w.fx, w.branchA.id);
    const other = await w.fx.member({ orgId: w.branchA.id });
    await salaried(t, w.worker.token, member.id, 300_000);
    const refusals: Array<[string, string, string, unknown?]> = [
      [w.outsider.token, 'PUT', `/fees/standards/${member.id}`, { year, category: 'student' }],
      [w.outsider.token, 'GET', `/fees/standards/${member.id}`],
      [w.outsider.token, 'GET', `/fees/standards?orgId=${w.branchA.id}&year=${year}`],
      [w.outsider.token, 'POST', '/fees/bills/generate', { orgId: w.branchA.id, month: chinaMonth() }],
      [w.outsider.token, 'GET', `/fees/bills?orgId=${w.branchA.id}`],
      [w.outsider.token, 'GET', `/fees/bills/export?orgId=${w.branchA.id}&month=${chinaMonth()}`],
      [w.outsider.token, 'GET', `/fees/members/${member.id}/bills`],
      [w.outsider.token, 'GET', `/fees/members/${member.id}/paid-until`],
      [w.outsider.token, 'GET', `/fees/members/${member.id}/payments`],
      [w.outsider.token, 'GET', `/fees/standards/import-template?orgId=${w.branchA.id}&year=${year}`],
      [w.reader.token, 'PUT', `/fees/standards/${member.id}`, { year, category: 'student' }],
      [w.reader.token, 'POST', '/fees/bills/generate', { orgId: w.branchA.id, month: chinaMonth() }],
      [token, 'GET', `/fees/members/${other.id}/bills`],
      [token, 'GET', `/fees/members/${other.id}/paid-until`],
      [token, 'GET', `/fees/standards/${other.id}`],
      [token, 'GET', `/fees/bills?orgId=${w.branchA.id}`],
      [token, 'PUT', `/fees/standards/${member.id}`, { year, category: 'student' }],
    ];
    for (const [tok, method, path, body] of refusals) {
      const res = await t.call(method, path, { token: tok, body });
      expect([method, path, res.status]).toEqual([method, path, 403]);
    }
    // …while the member reads their own, and a committee member reads the branch.
    expect((await t.call('GET', `/fees/members/${member.id}/bills`, { token })).status).toBe(200);
    expect((await t.call('GET', `/fees/standards/${member.id}`, { token })).status).toBe(200);
    expect((await t.call('GET', `/fees/bills?orgId=${w.branchA.id}`, { token: w.reader.token })).status).toBe(200);
    expect((await t.call('GET', `/fees/bills?orgId=${w.branchA.id}`, { token: w.upper.token })).status).toBe(200);
  });

  it('keeps bills from losing their member or organisation (delete guards, like RESTRICT)', async () => {
    const org = await w.fx.org({ name: '戊公司党支部', kind: 'branch', parentId: w.committee.id });
    const m = await w.fx.member({ orgId: org.id });
    const admin = await w.fx.user({ roles: [{ role: 'platform_admin', orgId: w.committee.id }] });
    expect((await t.call('PUT', `/fees/standards/${m.id}`, { token: admin.token, body: { year, category: 'student' } })).status).toBe(200);
    await expect(t.ds.query(`DELETE FROM member WHERE id = $1`, [m.id])).rejects.toMatchObject({ driverError: { code: '23503' } });
    // The member moves on; the branch that billed them still cannot be deleted.
    await t.ds.query(`UPDATE member SET organisation_id = $1 WHERE id = $2`, [w.branchB.id, m.id]);
    const del = await t.call('DELETE', `/organisations/${org.id}`, { token: admin.token });
    expect([del.status, del.body.code]).toEqual([409, 'ORG_IN_USE']);
  });

  it('lists bills of a subtree by month and status, with money as integer fen', async () => {
    await billMonths(t, w.worker.token, w.branchA.id, ago(0));
    const res = await t.call('GET', `/fees/bills?orgId=${w.committee.id}&month=${chinaMonth()}&status=unpaid&pageSize=200`, { token: w.upper.token });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const b of res.body.items) {
      expect(Number.isInteger(b.amountDueFen)).toBe(true);
      expect(b.status).toBe('unpaid');
      expect(formatYuan(b.amountDueFen)).toMatch(/^\d+\.\d{2}$/);
    }
  });
});

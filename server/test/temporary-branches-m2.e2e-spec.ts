import { chinaMonth, chinaToday } from '@dangjian/shared';
import { createTestApp, type TestApp, type Untyped } from './utils/app.js';
import { billsOf, memberWithAccount, salaried } from './utils/fee-fixtures.js';
import { nationalId } from './utils/member-helpers.js';
import { payUp, step, steps, transferWorld, type TransferWorld } from './utils/transfer-fixtures.js';

/**
 * Issue 18, S4 with M2 and O7, through the API: a member seconded to a temporary branch is billed
 * and pays in their own branch, their transfer starts from their own branch and is handled by its
 * secretary; the temporary branch is neither a transfer's destination nor a place to admit or
 * register members, and its secretary gets no hold on the seconded members' fees or transfers.
 */
describe('temporary branches: seconded members keep fees and transfers in their own branch (M2, O7)', () => {
  let t: TestApp;
  let w: TransferWorld;
  let temp: Untyped;
  let tempSecretary: { token: string };
  let seconded: Awaited<ReturnType<typeof memberWithAccount>>;
  const endsOn = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);

  const create = async (token: string, parentId: string, name: string) => {
    const res = await t.call<Untyped>('POST', '/temporary-branches', {
      token,
      body: { parentId, name, project: '智慧园区一期', kind: 'wartime', startsOn: chinaToday(), endsOn },
    });
    if (res.status !== 201) throw new Error(`temporary branch: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const second = async (token: string, orgId: string, memberId: string) => {
    const res = await t.call<Untyped>('POST', `/temporary-branches/${orgId}/secondments`, { token, body: { memberIds: [memberId] } });
    if (res.status !== 200) throw new Error(`second: ${res.status} ${JSON.stringify(res.body)}`);
  };
  const denied = (status: number) => expect([403, 404]).toContain(status);

  beforeAll(async () => {
    t = await createTestApp({ TEMPORARY_BRANCH_SCAN_INTERVAL_S: '0', REQUEST_SCAN_INTERVAL_S: '0' });
    w = await transferWorld(t);
    temp = await create(w.workerA.token, w.committeeA.id, '智慧园区项目战时党支部');
    tempSecretary = await w.fx.user({ displayName: '战时支部书记', roles: [{ role: 'secretary', orgId: temp.orgId }] });
    seconded = await memberWithAccount(w.fx, w.a1.id, { name: '选派党员' });
    await second(w.workerA.token, temp.orgId, seconded.member.id);
  });
  afterAll(() => t.close());

  it('fees: the seconded member is billed in their own branch, pays there, and the temporary branch has no bills and no hold on them', async () => {
    await salaried(t, w.secretaryA1.token, seconded.member.id, 500_000);
    // Bills made for the temporary branch's subtree do not reach the seconded member.
    const month = chinaMonth();
    expect((await t.call('POST', '/fees/bills/generate', { token: w.workerA.token, body: { orgId: temp.orgId, month } })).status).toBe(200);
    const tempBills = await t.call<Untyped>('GET', `/fees/bills?orgId=${temp.orgId}&month=${month}`, { token: w.workerA.token });
    expect(tempBills.body.items).toEqual([]);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM fee_bill WHERE organisation_id = $1`, [temp.orgId]);
    expect(n).toBe(0);

    const bills = await billsOf(t, w.secretaryA1.token, seconded.member.id);
    const current = bills.find((b) => b.month === month)!;
    expect(current).toMatchObject({ orgId: w.a1.id, orgName: '甲一公司党支部', status: 'unpaid' });
    expect(current.amountDueFen).toBeGreaterThan(0);
    const branchBills = await t.call<Untyped>('GET', `/fees/bills?orgId=${w.a1.id}&month=${month}`, { token: w.secretaryA1.token });
    expect(branchBills.body.items.map((b: Untyped) => b.memberId)).toContain(seconded.member.id);
    // The member sees the same bill, of their own branch.
    const me = await t.call<Untyped>('GET', '/fees/me', { token: seconded.token });
    expect(me.status).toBe(200);
    expect(JSON.stringify(me.body)).toContain(w.a1.id);

    // The temporary branch's secretary can neither read nor collect the seconded member's fees.
    denied((await t.call('GET', `/fees/members/${seconded.member.id}/bills`, { token: tempSecretary.token })).status);
    const byTemp = await t.call('POST', '/fees/payments', {
      token: tempSecretary.token,
      body: { kind: 'bills', memberId: seconded.member.id, billIds: [current.id], amountFen: current.amountDueFen, method: 'cash' },
    });
    denied(byTemp.status);
    expect((await billsOf(t, w.secretaryA1.token, seconded.member.id)).find((b) => b.id === current.id)!.status).toBe('unpaid');

    // Paid in the own branch, by its secretary: the bill and the branch's month count it.
    await payUp(t, w.secretaryA1.token, seconded.member.id);
    expect((await billsOf(t, w.secretaryA1.token, seconded.member.id)).find((b) => b.id === current.id)!.status).toBe('paid');
    const rows = await t.ds.query(`SELECT organisation_id FROM fee_payment_bill pb JOIN fee_bill b ON b.id = pb.bill_id WHERE b.member_id = $1`, [
      seconded.member.id,
    ]);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r: Untyped) => r.organisation_id))).toEqual(new Set([w.a1.id]));
  });

  it('transfers: the seconded member’s transfer starts from their own branch and is agreed by its secretary, not the temporary one', async () => {
    const created = await t.call<Untyped>('POST', '/transfers', {
      token: seconded.token,
      body: { kind: 'internal', toOrgId: w.b1.id, reason: '工作调动' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ fromOrg: { id: w.a1.id }, state: 'pending_branch', awaiting: 'sending_branch' });
    denied((await step(t, tempSecretary.token, created.body.id, { action: 'branch_agree' })).status);
    expect((await t.call<Untyped>('GET', `/transfers/${created.body.id}`, { token: seconded.token })).body.state).toBe('pending_branch');
    const agreed = await step(t, w.secretaryA1.token, created.body.id, { action: 'branch_agree' });
    expect(agreed.status).toBe(200);
    expect(agreed.body.state).toBe('pending_committee');
    expect((await step(t, seconded.token, created.body.id, { action: 'withdraw' })).status).toBe(200);
  });

  it('transfers: a temporary branch is not a destination — not offered, not accepted when named, not assignable on acceptance', async () => {
    const dest = await t.call<Untyped>('GET', `/transfers/destinations?q=${encodeURIComponent('战时党支部')}`, { token: seconded.token });
    expect(dest.status).toBe(200);
    expect(dest.body.items).toEqual([]);

    const other = await memberWithAccount(w.fx, w.a2.id, { name: '想转入临时支部' });
    await payUp(t, w.workerA.token, other.member.id);
    const named = await t.call<Untyped>('POST', '/transfers', { token: other.token, body: { kind: 'internal', toOrgId: temp.orgId, reason: '参加项目' } });
    expect([named.status, named.body.code]).toEqual([422, 'TRANSFER_ASSIGN_ORG_INVALID']);
    expect(named.body.message).toContain('临时党支部');

    // Bound for committee B, whose worker tries to place the member in B's own temporary branch.
    const tempB = await create(w.workerB.token, w.committeeB.id, '乙园区项目临时党支部');
    const toB = (await t.call<Untyped>('POST', '/transfers', { token: other.token, body: { kind: 'internal', toOrgId: w.committeeB.id, reason: '工作调动' } }))
      .body;
    await steps(t, toB.id, [
      [w.workerA.token, { action: 'branch_agree' }],
      [w.workerA.token, { action: 'approve' }],
    ]);
    const orgOf = async () => (await t.ds.query(`SELECT organisation_id FROM member WHERE id = $1`, [other.member.id]))[0].organisation_id;
    const intoTemp = await step(t, w.workerB.token, toB.id, { action: 'accept', assignOrgId: tempB.orgId });
    expect([intoTemp.status, intoTemp.body.code]).toEqual([422, 'TRANSFER_ASSIGN_ORG_INVALID']);
    expect(await orgOf()).toBe(w.a2.id);
  });

  it('O7/M2: a temporary branch admits nobody — no application, no member created or registered in it — and cannot approve', async () => {
    const org = await t.call<Untyped>('GET', `/organisations/${temp.orgId}`, { token: w.workerA.token });
    expect(org.body).toMatchObject({ isTemporary: true, canApproveProbationary: false });

    const birthDate = '1996-05-04';
    const application = await t.call<Untyped>('POST', '/development', {
      token: w.workerA.token,
      body: { branchId: temp.orgId, name: '项目骨干', gender: 'male', birthDate, nationalId: nationalId(birthDate, 'male'), appliedOn: chinaToday() },
    });
    expect([application.status, application.body.code]).toEqual([422, 'DEV_NOT_A_BRANCH']);
    expect(application.body.message).toContain('临时党支部');

    const member = {
      orgId: temp.orgId,
      name: '张建国',
      gender: 'male',
      ethnicity: '汉族',
      birthDate: '1990-03-15',
      nationalId: nationalId('1990-03-15', 'male'),
      joinDate: '2015-06-20',
      status: 'full',
      fullMemberDate: '2016-06-20',
    };
    const direct = await t.call<Untyped>('POST', '/members', { token: w.workerA.token, body: member });
    expect([direct.status, direct.body.code]).toEqual([422, 'MEMBER_ORG_NOT_BRANCH']);
    expect(direct.body.message).toContain('临时党支部');
    const inbound = await t.call<Untyped>('POST', '/transfers', {
      token: w.workerA.token,
      body: { kind: 'inbound', member, fromOrgName: '外省某公司党支部', paperLetterNumber: '第 001 号', reason: '工作调动' },
    });
    expect([inbound.status, inbound.body.code]).toEqual([422, 'TRANSFER_ASSIGN_ORG_INVALID']);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM member WHERE organisation_id = $1`, [temp.orgId]);
    expect(n).toBe(0);
  });
});

import { DataSource } from 'typeorm';
import type { TestApp, Untyped } from './app.js';
import { billsOf, memberWithAccount, salaried } from './fee-fixtures.js';
import { Fixtures } from './fixtures.js';

/**
 * Two 基层党委 for transfer tests: committee A (branches A1, A2) sends, committee B (branch B1)
 * receives; committee C is outside both. Workers act for each side; the secretary of A1 is the
 * sending branch.
 */
export async function transferWorld(t: TestApp) {
  const fx = new Fixtures(t.app.get(DataSource), t.app);
  const committeeA = await fx.org({ name: '甲园区联合党委', kind: 'committee' });
  const a1 = await fx.org({ name: '甲一公司党支部', kind: 'branch', parentId: committeeA.id });
  const a2 = await fx.org({ name: '甲二公司党支部', kind: 'branch', parentId: committeeA.id });
  const committeeB = await fx.org({ name: '乙园区联合党委', kind: 'committee' });
  const b1 = await fx.org({ name: '乙一公司党支部', kind: 'branch', parentId: committeeB.id });
  const committeeC = await fx.org({ name: '丙园区联合党委', kind: 'committee' });
  const c1 = await fx.org({ name: '丙一公司党支部', kind: 'branch', parentId: committeeC.id });
  const secretaryA1 = await fx.user({ displayName: '甲一书记', roles: [{ role: 'secretary', orgId: a1.id }] });
  const workerA = await fx.user({ displayName: '甲党委组织员', roles: [{ role: 'org_worker', orgId: committeeA.id }] });
  const workerB = await fx.user({ displayName: '乙党委组织员', roles: [{ role: 'org_worker', orgId: committeeB.id }] });
  const secretaryB1 = await fx.user({ displayName: '乙一书记', roles: [{ role: 'secretary', orgId: b1.id }] });
  const outsider = await fx.user({ displayName: '丙党委组织员', roles: [{ role: 'org_worker', orgId: committeeC.id }] });
  return { fx, committeeA, a1, a2, committeeB, b1, committeeC, c1, secretaryA1, workerA, workerB, secretaryB1, outsider };
}
export type TransferWorld = Awaited<ReturnType<typeof transferWorld>>;

/** A member of `orgId` with an account, fees recorded and paid through this month (T3 passes). */
export async function paidMember(t: TestApp, w: TransferWorld, orgId: string, p: { name?: string } = {}) {
  const m = await memberWithAccount(w.fx, orgId, p);
  await payUp(t, w.workerA.token, m.member.id);
  return m;
}

/** Records a salaried standard and pays every unpaid bill through this month (cash, by the fee worker). */
export async function payUp(t: TestApp, token: string, memberId: string) {
  await salaried(t, token, memberId, 500_000);
  const check = await t.call('GET', `/transfers/fees-check?memberId=${memberId}`, { token });
  if (check.status !== 200) throw new Error(`fees-check: ${check.status} ${JSON.stringify(check.body)}`);
  const unpaid = (await billsOf(t, token, memberId)).filter((b) => b.status === 'unpaid');
  if (unpaid.length === 0) return;
  const res = await t.call('POST', '/fees/payments', {
    token,
    body: { kind: 'bills', memberId, billIds: unpaid.map((b) => b.id), amountFen: unpaid.reduce((s, b) => s + b.amountDueFen, 0), method: 'cash' },
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`pay: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function step(t: TestApp, token: string, id: string, body: Record<string, unknown>) {
  return t.call('POST', `/transfers/${id}/steps`, { token, body });
}

/** Runs steps and fails loudly on the first that does not answer 200. */
export async function steps(t: TestApp, id: string, list: Array<[string, Record<string, unknown>]>) {
  let last: Untyped;
  for (const [token, body] of list) {
    const res = await step(t, token, id, body);
    if (res.status !== 200) throw new Error(`${String(body.action)}: ${res.status} ${JSON.stringify(res.body)}`);
    last = res.body;
  }
  return last;
}

import { addMonths, chinaMonth, yearOfMonth } from '@dangjian/shared';
import { DataSource } from 'typeorm';
import type { TestApp, Untyped } from './app.js';
import { Fixtures } from './fixtures.js';

/** Months relative to the current China month: ago(0) is this month. */
export const ago = (n: number) => addMonths(chinaMonth(), -n);

/**
 * The usual shape for fee tests: committee → branch A, branch B. A fee worker (组织委员) and the
 * secretary of A, a fee worker on the committee (上级), the secretary of B (outside A's subtree),
 * and members of A with accounts.
 */
export async function feeWorld(t: TestApp) {
  const fx = new Fixtures(t.app.get(DataSource), t.app);
  const tree = await fx.tree();
  const worker = await fx.user({ displayName: '甲支部组织委员', roles: [{ role: 'organisation_member', orgId: tree.branchA.id }] });
  const secretaryA = await fx.user({ displayName: '甲支部书记', roles: [{ role: 'secretary', orgId: tree.branchA.id }] });
  const upper = await fx.user({ displayName: '联合党委组织员', roles: [{ role: 'org_worker', orgId: tree.committee.id }] });
  const outsider = await fx.user({ displayName: '乙支部书记', roles: [{ role: 'secretary', orgId: tree.branchB.id }] });
  const reader = await fx.user({ displayName: '甲支部宣传委员', roles: [{ role: 'propaganda_member', orgId: tree.branchA.id }] });
  return { fx, ...tree, worker, secretaryA, upper, outsider, reader };
}

/** A member of `orgId` with a signed-in account. */
export async function memberWithAccount(fx: Fixtures, orgId: string, p: { name?: string; joinDate?: string; status?: 'full' | 'probationary' } = {}) {
  const m = await fx.member({ orgId, ...Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) });
  const u = await fx.user({ memberId: m.id, displayName: m.name });
  return { member: m, token: u.token, userId: u.user.id };
}

/** Records a salaried standard (base in fen) for every year from `fromMonth`'s to this one. */
export async function salaried(t: TestApp, token: string, memberId: string, baseFen: number, fromMonth = ago(0)) {
  let last: Untyped;
  for (let y = yearOfMonth(fromMonth); y <= yearOfMonth(chinaMonth()); y++) {
    const res = await t.call('PUT', `/fees/standards/${memberId}`, { token, body: { year: y, category: 'salaried', baseFen } });
    if (res.status !== 200) throw new Error(`standard: ${res.status} ${JSON.stringify(res.body)}`);
    last = res.body;
  }
  return last;
}

/** Bills of each month from `from` (inclusive) to this month for the subtree of `orgId`. */
export async function billMonths(t: TestApp, token: string, orgId: string, from: string) {
  for (let m = from; m <= chinaMonth(); m = addMonths(m, 1)) {
    const res = await t.call('POST', '/fees/bills/generate', { token, body: { orgId, month: m } });
    if (res.status !== 200) throw new Error(`generate ${m}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export async function billsOf(t: TestApp, token: string, memberId: string): Promise<Untyped[]> {
  const res = await t.call('GET', `/fees/members/${memberId}/bills?pageSize=100`, { token });
  if (res.status !== 200) throw new Error(`bills: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items;
}

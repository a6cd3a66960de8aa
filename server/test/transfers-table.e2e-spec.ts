import {
  actionActors,
  resubmitTarget,
  TRANSFER_ACTIONS,
  TRANSFER_KIND_STATES,
  TRANSFER_TRANSITIONS,
  type TransferActor,
  type TransferKind,
  type TransferState,
} from '@dangjian/shared';
import { createTestApp, type TestApp } from './utils/app.js';
import { paidMember, step, steps, transferWorld, type TransferWorld } from './utils/transfer-fixtures.js';

const STEP_ACTIONS = TRANSFER_ACTIONS.filter((a) => !['apply', 'initiate', 'register'].includes(a));

/**
 * Every transition of every kind's table, allowed and refused, through HTTP (T1, T2, T7): each
 * allowed action by someone who may take it (answered 200 with the table's next state) and by each
 * who may not (403 TRANSFER_NOT_YOUR_STEP); each action the table does not list (409).
 */
describe('transfers: the transition tables through the API', () => {
  let t: TestApp;
  let w: TransferWorld;
  /** Who each caller is on a transfer the member applied for (the member is also the applicant; a committee worker also acts for its branches). */
  let callers: Array<{ name: string; token: string; actors: TransferActor[] }>;
  beforeAll(async () => {
    t = await createTestApp();
    w = await transferWorld(t);
  });
  afterAll(() => t.close());

  /** Builds a transfer of `kind` in `state` by the shortest path; the member applied. */
  async function at(kind: TransferKind, state: TransferState): Promise<{ id: string; memberToken: string }> {
    if (kind === 'inbound') {
      const res = await t.call('POST', '/transfers', {
        token: w.workerB.token,
        body: {
          kind,
          fromOrgName: '外地某党委',
          paperLetterNumber: 'P-1',
          member: {
            orgId: w.b1.id,
            name: '转入者',
            gender: 'male',
            birthDate: '1990-03-04',
            joinDate: '2015-07-01',
            status: 'full',
            fullMemberDate: '2016-07-01',
          },
        },
      });
      const id = res.body.id as string;
      if (state === 'completed') await steps(t, id, [[w.workerB.token, { action: 'report' }]]);
      return { id, memberToken: '' };
    }
    const m = await paidMember(t, w, w.a1.id);
    const target = kind === 'outbound' || kind === 'certificate' ? { toOrgName: '外地某单位党委' } : { toOrgId: w.committeeB.id };
    const res = await t.call('POST', '/transfers', { token: m.token, body: { kind, reason: '工作调动', ...target } });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    const id = res.body.id as string;
    const agree: [string, object] = [w.secretaryA1.token, { action: 'branch_agree' }];
    const approve: [string, object] = [w.workerA.token, { action: 'approve' }];
    const accept: [string, object] = [w.workerB.token, { action: 'accept', assignOrgId: w.b1.id }];
    const paths: Partial<Record<TransferState, Array<[string, object]>>> = {
      pending_branch: [],
      pending_committee: [agree],
      returned: [[w.secretaryA1.token, { action: 'return', reason: '请补充材料' }]],
      letter_issued: [agree, approve],
      accepted: [agree, approve, accept],
      completed:
        kind === 'certificate'
          ? [agree, approve]
          : kind === 'outbound'
            ? [agree, approve, [w.workerA.token, { action: 'record_receipt' }]]
            : [agree, approve, accept, [m.token, { action: 'report' }]],
      refused: [[w.secretaryA1.token, { action: 'refuse', reason: '不同意' }]],
      withdrawn: [[m.token, { action: 'withdraw' }]],
    };
    await steps(t, id, paths[state] as Array<[string, Record<string, unknown>]>);
    return { id, memberToken: m.token };
  }

  const cases = (Object.keys(TRANSFER_TRANSITIONS) as TransferKind[]).flatMap((kind) =>
    TRANSFER_KIND_STATES[kind].filter((s) => s !== 'new').map((state) => [kind, state] as const),
  );

  it.each(cases)('T1/T2/T7 %s in %s: allowed actions by the right side only, the rest refused', async (kind, state) => {
    const built = await at(kind, state);
    callers = [
      { name: 'member', token: built.memberToken, actors: ['member', 'applicant'] },
      { name: 'sending branch', token: w.secretaryA1.token, actors: ['sending_branch'] },
      { name: 'sending committee', token: w.workerA.token, actors: ['sending_branch', 'sending_committee'] },
      { name: 'receiving committee', token: w.workerB.token, actors: ['receiving_committee'] },
    ].filter((c) => c.token) as typeof callers;
    const row = TRANSFER_TRANSITIONS[kind][state] ?? {};
    const seer = kind === 'inbound' ? w.workerB.token : w.workerA.token;
    for (const action of STEP_ACTIONS) {
      const body = { action, reason: '理由充分', ...(action === 'accept' ? { assignOrgId: w.b1.id } : {}) };
      const targets = row[action];
      if (!targets) {
        const res = await step(t, seer, built.id, body);
        expect([action, res.status, res.body.code]).toEqual([action, 409, 'TRANSFER_STEP_OUT_OF_ORDER']);
        continue;
      }
      const allowed = actionActors(kind, state, action);
      for (const c of callers.filter((x) => !x.actors.some((a) => allowed.includes(a)))) {
        const res = await step(t, c.token, built.id, body);
        expect([action, c.name, res.status]).toEqual([action, c.name, 403]);
      }
      const fresh = state === 'accepted' && action === 'record_receipt' ? built : await at(kind, state);
      const who = callers.find((x) => x.actors.some((a) => allowed.includes(a)))!;
      const token = who.name === 'member' ? fresh.memberToken || w.workerB.token : who.token;
      const res = await step(t, token, fresh.id, body);
      const expected = action === 'resubmit' ? resubmitTarget('member') : targets[0];
      expect([action, res.status, res.body.state]).toEqual([action, 200, expected]);
    }
  });
});

import fc from 'fast-check';
import {
  awaitingActor,
  isOpenTransferState,
  TRANSFER_KIND_STATES,
  TRANSFER_TRANSITIONS,
  type TransferAction,
  type TransferKind,
  type TransferState,
} from '@dangjian/shared';
import { createTestApp, type TestApp } from './utils/app.js';
import { paidMember, transferWorld, type TransferWorld } from './utils/transfer-fixtures.js';

const KINDS: TransferKind[] = ['internal', 'mobile', 'outbound', 'certificate'];
const ACTIONS: TransferAction[] = ['branch_agree', 'approve', 'accept', 'record_receipt', 'report', 'refuse', 'return', 'resubmit', 'withdraw'];

type Cmd =
  | { type: 'create'; member: number; kind: TransferKind; dest: number; byBranch: boolean }
  | { type: 'step'; transfer: number; action: TransferAction; actor: number; reason: boolean; assign: number }
  | { type: 'race'; a: Omit<Extract<Cmd, { type: 'step' }>, 'type'>; b: Omit<Extract<Cmd, { type: 'step' }>, 'type'> };

/**
 * M2/T5/T7 as a property: after any random sequence of transfer actions by any actors (some fired at
 * the same moment), every member belongs to exactly one organisation — the one its transfers say —
 * and every transfer is in a state its kind's table allows, reached by steps the table allows.
 */
describe('transfers: property over random action sequences (real database, HTTP)', () => {
  let t: TestApp;
  let w: TransferWorld;
  let members: Array<{ id: string; token: string }>;
  let actors: string[];
  const created: string[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    w = await transferWorld(t);
    members = [];
    for (let i = 0; i < 4; i++) {
      const m = await paidMember(t, w, i < 3 ? w.a1.id : w.a2.id);
      members.push({ id: m.member.id, token: m.token });
    }
    actors = [w.secretaryA1.token, w.workerA.token, w.workerB.token, w.secretaryB1.token, w.outsider.token];
  });
  afterAll(() => t.close());

  const stepArb = fc.record({
    transfer: fc.nat(30),
    action: fc.constantFrom(...ACTIONS),
    actor: fc.nat(8),
    reason: fc.boolean(),
    assign: fc.nat(2),
  });
  const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
    fc.record({ type: fc.constant('create' as const), member: fc.nat(3), kind: fc.constantFrom(...KINDS), dest: fc.nat(2), byBranch: fc.boolean() }),
    stepArb.map((s) => ({ type: 'step' as const, ...s })),
    stepArb.map((s) => ({ type: 'step' as const, ...s })),
    fc.record({ type: fc.constant('race' as const), a: stepArb, b: stepArb }),
  );

  async function run(cmd: Cmd): Promise<number[]> {
    if (cmd.type === 'create') {
      const m = members[cmd.member]!;
      const dest = [w.committeeB.id, w.b1.id, w.a2.id][cmd.dest]!;
      const body = cmd.kind === 'outbound' || cmd.kind === 'certificate' ? { toOrgName: '外地某党委' } : { toOrgId: dest };
      const res = await t.call('POST', '/transfers', {
        token: cmd.byBranch ? w.workerA.token : m.token,
        body: { kind: cmd.kind, reason: '工作调动', ...(cmd.byBranch ? { memberId: m.id } : {}), ...body },
      });
      if (res.status === 201) created.push(res.body.id);
      return [res.status];
    }
    const one = async (s: Omit<Extract<Cmd, { type: 'step' }>, 'type'>) => {
      if (created.length === 0) return 0;
      const id = created[s.transfer % created.length]!;
      const token = s.actor < actors.length ? actors[s.actor]! : members[(s.actor - actors.length) % members.length]!.token;
      const res = await t.call('POST', `/transfers/${id}/steps`, {
        token,
        body: {
          action: s.action,
          ...(s.reason ? { reason: '理由充分' } : {}),
          ...(s.action === 'accept' ? { assignOrgId: [w.b1.id, w.a2.id, w.c1.id][s.assign] } : {}),
        },
      });
      return res.status;
    };
    if (cmd.type === 'step') return [await one(cmd)];
    return Promise.all([one(cmd.a), one(cmd.b)]);
  }

  async function checkInvariants() {
    // Exactly one organisation per member: the original one, unless an accepted internal transfer moved it.
    const rows: Array<{ id: string; organisation_id: string | null; expected: string }> = await t.ds.query(
      `SELECT m.id, m.organisation_id,
              coalesce((SELECT tr.to_org_id FROM transfer tr WHERE tr.member_id = m.id AND tr.kind = 'internal' AND tr.accepted_at IS NOT NULL
                         ORDER BY tr.accepted_at DESC LIMIT 1), (SELECT from_org_id FROM transfer tr WHERE tr.member_id = m.id ORDER BY created_at LIMIT 1), m.organisation_id) AS expected
         FROM member m WHERE m.id = ANY($1::uuid[])`,
      [members.map((m) => m.id)],
    );
    for (const r of rows) {
      expect(r.organisation_id).not.toBeNull();
      expect(r.organisation_id).toBe(r.expected);
    }
    const transfers: Array<{ id: string; kind: TransferKind; state: TransferState; awaiting: string | null; member_id: string }> = await t.ds.query(
      `SELECT id, kind, state, awaiting, member_id FROM transfer WHERE id = ANY($1::uuid[])`,
      [created],
    );
    const openPerMember = new Map<string, number>();
    for (const tr of transfers) {
      expect(TRANSFER_KIND_STATES[tr.kind]).toContain(tr.state);
      expect(tr.awaiting).toBe(isOpenTransferState(tr.state) ? awaitingActor(tr.kind, tr.state) : null);
      if (isOpenTransferState(tr.state)) openPerMember.set(tr.member_id, (openPerMember.get(tr.member_id) ?? 0) + 1);
      // The stored steps form a path through the kind's table ending in the current state.
      const steps: Array<{ action: TransferAction; from_state: TransferState; to_state: TransferState }> = await t.ds.query(
        `SELECT action, from_state, to_state FROM transfer_step WHERE transfer_id = $1 ORDER BY at, id`,
        [tr.id],
      );
      let state: TransferState = 'new';
      for (const s of steps) {
        expect(s.from_state).toBe(state);
        expect(TRANSFER_TRANSITIONS[tr.kind][state]?.[s.action] ?? []).toContain(s.to_state);
        state = s.to_state;
      }
      expect(state).toBe(tr.state);
    }
    for (const n of openPerMember.values()) expect(n).toBe(1);
    // The queue rows follow the transfers: open ones are in the queues of both sides' organisations, closed ones nowhere.
    const [queue] = await t.ds.query(
      `SELECT count(*) FILTER (WHERE t.closed_at IS NOT NULL)::int AS closed_rows,
              (SELECT count(*) FROM transfer x WHERE x.id = ANY($1::uuid[]) AND x.closed_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM transfer_queue y WHERE y.transfer_id = x.id AND y.org_id = x.from_org_id))::int AS missing
         FROM transfer_queue q JOIN transfer t ON t.id = q.transfer_id WHERE t.id = ANY($1::uuid[])`,
      [created],
    );
    expect(queue).toEqual({ closed_rows: 0, missing: 0 });
  }

  it('M2/T5/T7: one organisation per member, table-conformant states and step paths, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmdArb, { minLength: 3, maxLength: 14 }), async (cmds) => {
        for (const c of cmds) for (const status of await run(c)) expect(status).toBeLessThan(500);
        await checkInvariants();
      }),
      { numRuns: 25, seed: 20261122 },
    );
    // The sequences did move transfers along, not only start them.
    const [moved] = await t.ds.query(`SELECT count(DISTINCT action)::int AS n FROM transfer_step WHERE action NOT IN ('apply','initiate')`);
    expect(moved.n).toBeGreaterThanOrEqual(3);
  }, 240_000);
});

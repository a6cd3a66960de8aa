import fc from 'fast-check';
import { DEV_TRANSITIONS, isOpenDevState, type DevAction, type DevState } from '@dangjian/shared';
import { createTestApp, type TestApp } from './utils/app.js';
import { devStep, nationalId, noon } from './utils/development-fixtures.js';
import { meetingWorld, type World } from './utils/meeting-fixtures.js';

const ACTIONS: DevAction[] = ['talk', 'select_activist', 'file_activist', 'assign_contacts', 'assess', 'select_target', 'file_target', 'close'];
const PEOPLE = [0, 1, 2].map((i) => ({
  name: ['钱一', '孙二', '李三'][i]!,
  birthDate: '1999-09-09',
  gender: 'female' as const,
  nationalId: nationalId('1999-09-09', 'female', 20 + i),
}));

type Step = { record: number; action: DevAction; actor: number };
type Cmd = { type: 'apply'; person: number; twice: boolean } | ({ type: 'step' } & Step) | { type: 'race'; a: Step; b: Step };

/**
 * Over random sequences of applications and steps by random actors (some fired at the same moment):
 * never two open records for one person (the database's partial unique index, even when two
 * applications race), and every record's history is a chain the transition table allows, one step
 * at a time (never a skipped step), ending in the record's state.
 */
describe('development: property over random step sequences (real database, HTTP)', () => {
  let t: TestApp;
  let w: World;
  let actors: string[];
  const records: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    w = await meetingWorld(t, { membersA: 2 });
    w.clock.set(noon('2026-06-01'));
    const worker = await w.fx.user({ displayName: '组织员', roles: [{ role: 'org_worker', orgId: w.committee.id }] });
    actors = [w.secA.token, worker.token, w.secB.token, w.noMember.token];
  });
  afterAll(() => t.close());

  // Few records and mostly the branch's own actors, so runs get past the first steps often.
  const stepArb = fc.record({ record: fc.nat(3), action: fc.constantFrom(...ACTIONS), actor: fc.constantFrom(0, 0, 1, 2, 3) });
  const cmdArb: fc.Arbitrary<Cmd> = fc.oneof(
    fc.record({ type: fc.constant('apply' as const), person: fc.nat(2), twice: fc.boolean() }),
    stepArb.map((s) => ({ type: 'step' as const, ...s })),
    stepArb.map((s) => ({ type: 'step' as const, ...s })),
    fc.record({ type: fc.constant('race' as const), a: stepArb, b: stepArb }),
  );

  const apply = (person: number) =>
    t.call('POST', '/development', { token: w.secA.token, body: { branchId: w.branchA.id, ...PEOPLE[person], appliedOn: '2026-06-01' } });
  const step = (s: Step) => {
    // Counted from the newest: early records are soon closed, and a closed record takes no step.
    const id = records[records.length - 1 - (s.record % Math.max(records.length, 1))];
    if (!id) return Promise.resolve({ status: 404 });
    return devStep(t, actors[s.actor]!, id, { action: s.action, on: '2026-06-01', note: '记录', memberIds: [w.members[0]!.memberId] });
  };

  async function run(cmd: Cmd): Promise<void> {
    if (cmd.type === 'apply') {
      const rs = await Promise.all(cmd.twice ? [apply(cmd.person), apply(cmd.person)] : [apply(cmd.person)]);
      for (const r of rs) {
        expect([201, 409]).toContain(r.status);
        if (r.status === 201) records.push(r.body.id);
      }
      return;
    }
    const rs = await Promise.all(cmd.type === 'race' ? [step(cmd.a), step(cmd.b)] : [step(cmd)]);
    // Refusals are typed 4xx answers, never a 500.
    for (const r of rs) expect(r.status).toBeLessThan(500);
  }

  async function invariants() {
    const open: Array<{ person_key: string; n: number }> = await t.ds.query(
      `SELECT person_key, count(*)::int AS n FROM development_record WHERE state NOT IN ('archived','closed') GROUP BY person_key HAVING count(*) > 1`,
    );
    expect(open).toEqual([]);
    const rows: Array<{ id: string; state: DevState }> = await t.ds.query(`SELECT id, state FROM development_record`);
    for (const r of rows) {
      const steps: Array<{ action: DevAction; from_state: DevState; to_state: DevState; step_no: number | null }> = await t.ds.query(
        `SELECT action, from_state, to_state, step_no FROM development_step WHERE record_id = $1 ORDER BY created_at, id`,
        [r.id],
      );
      let state: DevState = 'new';
      let highest = 0;
      for (const s of steps) {
        expect(s.from_state).toBe(state);
        expect(DEV_TRANSITIONS[s.from_state][s.action] ?? []).toContain(s.to_state);
        if (s.step_no !== null) {
          // One step at a time: 6 repeats in place, and 5 → 7 is the table's own order.
          expect(s.step_no).toBeLessThanOrEqual(highest + (highest === 5 ? 2 : 1));
          highest = Math.max(highest, s.step_no);
        }
        state = s.to_state;
      }
      expect(r.state).toBe(state);
      if (!isOpenDevState(state)) expect(steps.at(-1)?.action).toBe('close');
    }
  }

  it('keeps one open record per person and an unbroken chain of steps', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmdArb, { minLength: 3, maxLength: 24 }), async (cmds) => {
        for (const c of cmds) await run(c);
        await invariants();
      }),
      { numRuns: 20 },
    );
    // The runs did reach beyond the first steps and met the constraint.
    const reached: Array<{ n: number }> = await t.ds.query(`SELECT count(*)::int AS n FROM development_step WHERE step_no >= 2`);
    expect(reached[0]!.n).toBeGreaterThan(0);
  }, 300_000);
});

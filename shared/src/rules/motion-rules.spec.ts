import fc from 'fast-check';
import type { BallotMark } from '../elections.js';
import { MOTION_INITIAL_STATE, MOTION_STATES, MOTION_TRANSITIONS, motionQuorum, tallyMotion, type MotionTallyInput } from './motion-rules.js';
import { assertTableSound, StepOutOfOrderError, transition } from './vote-machine.js';

const votes = (f: number, a = 0, ab = 0): BallotMark[] => [...Array(f).fill('for'), ...Array(a).fill('against'), ...Array(ab).fill('abstain')];
const base: Omit<MotionTallyInput, 'kind' | 'required' | 'present' | 'ballots' | 'issued'> = { ruleSet: '2020-v1', written: [] };

describe('V1 党员大会 motions', () => {
  it.each([
    [10, 5, true],
    [10, 4, false],
    [9, 5, true],
    [9, 4, false],
    [1, 1, true],
    [0, 0, false],
  ])('quorum: 应到会 %i, present %i → %s (at least half)', (required, present, met) => expect(motionQuorum('general', required, present).met).toBe(met));
  it('passes with 赞成 more than half of 应到会 voting members; exactly half fails', () => {
    expect(tallyMotion({ ...base, kind: 'general', required: 10, present: 8, issued: 8, ballots: votes(6, 2) }).passed).toBe(true);
    expect(tallyMotion({ ...base, kind: 'general', required: 10, present: 8, issued: 8, ballots: votes(5, 3) }).passed).toBe(false);
    // 5 of 8 present is a majority of those present but not of 应到会 (10).
    expect(tallyMotion({ ...base, kind: 'general', required: 10, present: 8, issued: 8, ballots: votes(5, 0, 3) })).toMatchObject({
      passed: false,
      threshold: 6,
    });
  });
  it('never passes without the quorum', () => {
    const t = tallyMotion({ ...base, kind: 'general', required: 10, present: 4, issued: 4, ballots: votes(4) });
    expect(t.quorum.met).toBe(false);
    expect(t.passed).toBe(false);
  });
  it('written opinions do not count in V1', () => {
    const t = tallyMotion({ ...base, kind: 'general', required: 10, present: 6, issued: 6, ballots: votes(5, 1), written: votes(3) });
    expect(t.writtenFor).toBe(0);
    expect(t.passed).toBe(false);
  });
});

describe('V2 admission and confirmation', () => {
  it.each([
    [10, 6, true],
    [10, 5, false],
    [9, 5, true],
    [9, 4, false],
  ])('quorum: 应到会 %i, present %i → %s (more than half)', (required, present, met) => {
    expect(motionQuorum('admission', required, present).met).toBe(met);
    expect(motionQuorum('confirmation', required, present).met).toBe(met);
  });
  it('written opinions of absent voting members are counted', () => {
    // 10 full members, 6 present: 4 赞成 in the room + 2 written 赞成 = 6 > 5.
    const t = tallyMotion({ ...base, kind: 'admission', required: 10, present: 6, issued: 6, ballots: votes(4, 2), written: votes(2) });
    expect(t).toMatchObject({ for: 4, writtenFor: 2, passed: true });
    // Without them it fails.
    expect(tallyMotion({ ...base, kind: 'admission', required: 10, present: 6, issued: 6, ballots: votes(4, 2) }).passed).toBe(false);
  });
  it('exactly half of 应到会 full members fails', () => {
    expect(tallyMotion({ ...base, kind: 'confirmation', required: 10, present: 6, issued: 6, ballots: votes(3, 3), written: votes(2, 2) }).passed).toBe(false);
  });
  it('needs more than half present', () => {
    expect(tallyMotion({ ...base, kind: 'admission', required: 10, present: 5, issued: 5, ballots: votes(5), written: votes(5) }).passed).toBe(false);
  });
});

describe('V3 支委会 decisions', () => {
  it.each([
    [5, 3, true],
    [5, 2, false],
    [4, 2, true],
    [4, 1, false],
    [7, 4, true],
  ])('quorum: committee %i, present %i → %s (at least half)', (required, present, met) => expect(motionQuorum('committee', required, present).met).toBe(met));
  it('passes with 赞成 more than half of the committee (default)', () => {
    expect(tallyMotion({ ...base, kind: 'committee', required: 5, present: 3, issued: 3, ballots: votes(3) }).passed).toBe(true);
    expect(tallyMotion({ ...base, kind: 'committee', required: 5, present: 4, issued: 4, ballots: votes(2, 2) }).passed).toBe(false);
  });
});

describe('void and the machine', () => {
  it('more ballots than issued is void and never passes', () => {
    const t = tallyMotion({ ...base, kind: 'general', required: 10, present: 10, issued: 9, ballots: votes(10) });
    expect(t).toMatchObject({ void: true, passed: false });
  });
  it('every state is reachable; out-of-order steps are refused', () => {
    expect(() => assertTableSound('motion', MOTION_TRANSITIONS, MOTION_INITIAL_STATE, MOTION_STATES)).not.toThrow();
    expect(() => transition(MOTION_TRANSITIONS, 'draft', 'count')).toThrow(StepOutOfOrderError);
    expect(transition(MOTION_TRANSITIONS, 'voting_closed', 'count', 'void')).toBe('void');
    expect(transition(MOTION_TRANSITIONS, 'void', 'rerun')).toBe('draft');
  });
});

describe('motion tally properties', () => {
  const arb = fc.record({
    kind: fc.constantFrom('general' as const, 'admission' as const, 'confirmation' as const, 'committee' as const),
    required: fc.integer({ min: 0, max: 60 }),
    absentExtra: fc.integer({ min: 0, max: 20 }),
    ballots: fc.array(fc.constantFrom<BallotMark>('for', 'against', 'abstain'), { maxLength: 60 }),
    written: fc.array(fc.constantFrom<BallotMark>('for', 'against', 'abstain'), { maxLength: 10 }),
  });
  it('counts add up, shuffling changes nothing, and a pass always has its quorum and majority', () => {
    fc.assert(
      fc.property(arb, ({ kind, required, ballots, written }) => {
        const present = ballots.length;
        const input = { ...base, kind, required: Math.max(required, present), present, issued: present, ballots, written };
        const t = tallyMotion(input);
        const r = tallyMotion({ ...input, ballots: [...ballots].reverse() });
        const yes = t.for + t.writtenFor;
        return (
          t.for + t.against + t.abstain === t.collected && JSON.stringify(t) === JSON.stringify(r) && (!t.passed || (t.quorum.met && yes * 2 > t.majorityBase))
        );
      }),
    );
  });
});

import { CORRECTION_INITIAL_STATE, CORRECTION_MACHINE_STATES, CORRECTION_STATES, CORRECTION_TRANSITIONS, isOpenCorrection } from './correction-rules.js';
import { allowedActions, assertTableSound, transition } from './vote-machine.js';

describe('profile correction table', () => {
  it('every state is reachable from new (the creating step) and every target is known', () => {
    expect(() => assertTableSound('correction', CORRECTION_TRANSITIONS, CORRECTION_INITIAL_STATE, CORRECTION_MACHINE_STATES)).not.toThrow();
    expect(allowedActions(CORRECTION_TRANSITIONS, 'new')).toEqual(['request']);
  });

  it('only a pending request can be decided or withdrawn; decided ones are final', () => {
    expect(allowedActions(CORRECTION_TRANSITIONS, 'pending').sort()).toEqual(['approve', 'return', 'withdraw']);
    for (const s of ['approved', 'returned', 'withdrawn'] as const) {
      expect(allowedActions(CORRECTION_TRANSITIONS, s)).toEqual([]);
      expect(() => transition(CORRECTION_TRANSITIONS, s, 'approve')).toThrow();
    }
    expect(transition(CORRECTION_TRANSITIONS, 'pending', 'return')).toBe('returned');
  });

  it('open means pending only', () => {
    expect(CORRECTION_STATES.filter(isOpenCorrection)).toEqual(['pending']);
  });
});

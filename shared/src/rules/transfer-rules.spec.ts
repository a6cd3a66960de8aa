import fc from 'fast-check';
import {
  acceptanceOverdue,
  addMonthsToDate,
  availableTransferActions,
  awaitingActor,
  checkTransferStep,
  feesPaidForTransfer,
  formatLetterNumber,
  isOpenTransferState,
  isValidLetterValidity,
  letterExpired,
  letterValidUntil,
  lostContactTooLong,
  monthsOwedForTransfer,
  OPEN_TRANSFER_STATES,
  resubmitTarget,
  TRANSFER_ACTIONS,
  TRANSFER_ACTORS,
  TRANSFER_INITIAL_STATE,
  TRANSFER_KIND_STATES,
  TRANSFER_KINDS,
  TRANSFER_STATES,
  TRANSFER_TRANSITIONS,
  transferDueOn,
  transitWithoutOrgLife,
  type TransferAction,
  type TransferActor,
  type TransferKind,
  type TransferState,
} from './transfer-rules.js';
import { assertTableSound, unreachableStates } from './vote-machine.js';

describe('transfer tables (T1, T2, T7)', () => {
  it.each(TRANSFER_KINDS)('%s: every state of the kind is reachable and every target is known', (kind) => {
    expect(() => assertTableSound(kind, TRANSFER_TRANSITIONS[kind], TRANSFER_INITIAL_STATE, TRANSFER_KIND_STATES[kind])).not.toThrow();
    // States outside the kind's list are unreachable by design (e.g. no letter for inbound).
    const outside = TRANSFER_STATES.filter((s) => !TRANSFER_KIND_STATES[kind].includes(s));
    expect(unreachableStates(TRANSFER_TRANSITIONS[kind], TRANSFER_INITIAL_STATE, TRANSFER_STATES)).toEqual(outside);
  });

  it('the main internal path: apply → branch agrees → committee approves → receiving accepts → report → completed (T2)', () => {
    const path: Array<[TransferState, TransferAction, TransferActor, TransferState]> = [
      ['new', 'apply', 'member', 'pending_branch'],
      ['pending_branch', 'branch_agree', 'sending_branch', 'pending_committee'],
      ['pending_committee', 'approve', 'sending_committee', 'letter_issued'],
      ['letter_issued', 'accept', 'receiving_committee', 'accepted'],
      ['accepted', 'record_receipt', 'receiving_committee', 'accepted'],
      ['accepted', 'report', 'member', 'completed'],
    ];
    for (const [state, action, actor, to] of path) expect(checkTransferStep({ kind: 'internal', state, action, actors: [actor] })).toEqual({ ok: true, to });
  });

  it('outbound completes on the receipt recorded by the sending committee; certificate on approval; inbound starts accepted (T1)', () => {
    expect(checkTransferStep({ kind: 'outbound', state: 'letter_issued', action: 'record_receipt', actors: ['sending_committee'] })).toEqual({
      ok: true,
      to: 'completed',
    });
    expect(checkTransferStep({ kind: 'outbound', state: 'letter_issued', action: 'record_receipt', actors: ['receiving_committee'] }).ok).toBe(false);
    expect(checkTransferStep({ kind: 'outbound', state: 'letter_issued', action: 'accept', actors: ['receiving_committee'] })).toEqual({
      ok: false,
      code: 'TRANSFER_STEP_OUT_OF_ORDER',
    });
    expect(checkTransferStep({ kind: 'certificate', state: 'pending_committee', action: 'approve', actors: ['sending_committee'] })).toEqual({
      ok: true,
      to: 'completed',
    });
    expect(checkTransferStep({ kind: 'inbound', state: 'new', action: 'register', actors: ['receiving_committee'] })).toEqual({ ok: true, to: 'accepted' });
    expect(checkTransferStep({ kind: 'inbound', state: 'new', action: 'apply', actors: ['member'] }).ok).toBe(false);
  });

  it('refusal and return need a reason (T2, T7)', () => {
    for (const action of ['refuse', 'return'] as const) {
      expect(checkTransferStep({ kind: 'internal', state: 'pending_branch', action, actors: ['sending_branch'] })).toEqual({
        ok: false,
        code: 'TRANSFER_REASON_REQUIRED',
      });
      expect(checkTransferStep({ kind: 'internal', state: 'pending_branch', action, actors: ['sending_branch'], reason: ' ' })).toEqual({
        ok: false,
        code: 'TRANSFER_REASON_REQUIRED',
      });
      expect(checkTransferStep({ kind: 'internal', state: 'pending_branch', action, actors: ['sending_branch'], reason: '材料不全' }).ok).toBe(true);
    }
  });

  it('T7 withdrawal and return-for-correction only before acceptance; resubmit goes back to whoever was first asked', () => {
    for (const state of ['pending_branch', 'pending_committee', 'returned', 'letter_issued'] as const) {
      expect(checkTransferStep({ kind: 'internal', state, action: 'withdraw', actors: ['applicant'] }).ok).toBe(true);
    }
    for (const state of ['accepted', 'completed', 'refused', 'withdrawn'] as const) {
      expect(checkTransferStep({ kind: 'internal', state, action: 'withdraw', actors: ['applicant'] }).ok).toBe(false);
      expect(checkTransferStep({ kind: 'internal', state, action: 'return', actors: ['sending_committee'], reason: '退回' }).ok).toBe(false);
    }
    expect(resubmitTarget('member')).toBe('pending_branch');
    expect(resubmitTarget('branch')).toBe('pending_committee');
    expect(checkTransferStep({ kind: 'internal', state: 'returned', action: 'resubmit', actors: ['applicant'], target: 'pending_committee' })).toEqual({
      ok: true,
      to: 'pending_committee',
    });
    expect(checkTransferStep({ kind: 'internal', state: 'returned', action: 'resubmit', actors: ['applicant'], target: 'accepted' }).ok).toBe(false);
  });

  it('the sending side cannot act for the receiving side and the reverse (T2)', () => {
    expect(checkTransferStep({ kind: 'internal', state: 'letter_issued', action: 'accept', actors: ['sending_branch', 'sending_committee'] })).toEqual({
      ok: false,
      code: 'TRANSFER_NOT_YOUR_STEP',
    });
    expect(checkTransferStep({ kind: 'internal', state: 'pending_committee', action: 'approve', actors: ['receiving_committee'] })).toEqual({
      ok: false,
      code: 'TRANSFER_NOT_YOUR_STEP',
    });
    expect(checkTransferStep({ kind: 'internal', state: 'pending_branch', action: 'branch_agree', actors: ['member', 'applicant'] })).toEqual({
      ok: false,
      code: 'TRANSFER_NOT_YOUR_STEP',
    });
    // Refusal belongs to the side that must act now.
    expect(checkTransferStep({ kind: 'internal', state: 'pending_branch', action: 'refuse', actors: ['receiving_committee'], reason: '不接收' })).toEqual({
      ok: false,
      code: 'TRANSFER_NOT_YOUR_STEP',
    });
    expect(checkTransferStep({ kind: 'internal', state: 'letter_issued', action: 'refuse', actors: ['sending_committee'], reason: '不接收' })).toEqual({
      ok: false,
      code: 'TRANSFER_NOT_YOUR_STEP',
    });
    expect(checkTransferStep({ kind: 'internal', state: 'letter_issued', action: 'return', actors: ['receiving_committee'], reason: '退回' })).toEqual({
      ok: false,
      code: 'TRANSFER_STEP_OUT_OF_ORDER',
    });
  });

  it('property: every allowed step leads to a known state of the kind, and closed states allow nothing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TRANSFER_KINDS),
        fc.array(
          fc.tuple(fc.constantFrom(...TRANSFER_ACTIONS), fc.subarray([...TRANSFER_ACTORS]), fc.constantFrom<string | undefined>(undefined, '理由充分')),
          { maxLength: 20 },
        ),
        (kind: TransferKind, steps) => {
          let state: TransferState = 'new';
          for (const [action, actors, reason] of steps) {
            const r = checkTransferStep({ kind, state, action, actors, reason });
            if (r.ok) {
              expect(TRANSFER_KIND_STATES[kind]).toContain(r.to);
              expect(availableTransferActions(kind, state, actors)).toContain(action);
              state = r.to;
            }
          }
          if (!isOpenTransferState(state) && state !== 'new') expect(availableTransferActions(kind, state, [...TRANSFER_ACTORS])).toEqual([]);
          // An open state always names who must act next.
          if (isOpenTransferState(state)) expect(awaitingActor(kind, state)).not.toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('open states are exactly the non-terminal stored ones (T7)', () => {
    expect([...OPEN_TRANSFER_STATES].sort()).toEqual(TRANSFER_STATES.filter((s) => s !== 'new' && !['completed', 'refused', 'withdrawn'].includes(s)).sort());
  });
});

describe('T3 fees paid through the month of transfer-out', () => {
  it('boundaries', () => {
    expect(feesPaidForTransfer('2026-11', '2026-11')).toBe(true);
    expect(feesPaidForTransfer('2026-12', '2026-11')).toBe(true);
    expect(feesPaidForTransfer('2026-10', '2026-11')).toBe(false);
    expect(feesPaidForTransfer(null, '2026-11')).toBe(false);
    expect(monthsOwedForTransfer('2026-09', '2026-11')).toEqual(['2026-10', '2026-11']);
    expect(monthsOwedForTransfer('2026-11', '2026-11')).toEqual([]);
    expect(monthsOwedForTransfer('2025-12', '2026-01')).toEqual(['2026-01']);
    expect(monthsOwedForTransfer(null, '2026-11', '2026-10')).toEqual(['2026-10', '2026-11']);
  });
  it('a month settled after an unpaid one is not owed (issue 13)', () => {
    expect(monthsOwedForTransfer('2026-08', '2026-11', undefined, ['2026-07', '2026-08', '2026-10'])).toEqual(['2026-09', '2026-11']);
    expect(monthsOwedForTransfer(null, '2026-11', '2026-09', ['2026-10'])).toEqual(['2026-09', '2026-11']);
  });
  it('property: owed is empty exactly when paid through', () => {
    const month = fc.tuple(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(month, month, (paid, transfer) => expect(monthsOwedForTransfer(paid, transfer).length === 0).toBe(feesPaidForTransfer(paid, transfer))),
    );
  });
});

describe('T4 letter', () => {
  it('validity 1..90 days, default 30', () => {
    expect([0, 1, 30, 90, 91, 1.5].map(isValidLetterValidity)).toEqual([false, true, true, true, false, false]);
    expect(letterValidUntil('2026-11-22', 1)).toBe('2026-11-22');
    expect(letterValidUntil('2026-11-22', 30)).toBe('2026-12-21');
    expect(letterValidUntil('2026-12-31', 90)).toBe('2027-03-30');
  });
  it('numbered per committee and year', () => {
    expect(formatLetterNumber(2026, 1)).toBe('〔2026〕第0001号');
    expect(formatLetterNumber(2026, 12345)).toBe('〔2026〕第12345号');
  });
});

describe('T6 / T8 overdue predicates', () => {
  it('a letter past its last valid day (T6)', () => {
    expect(letterExpired('2026-11-22', '2026-11-22')).toBe(false);
    expect(letterExpired('2026-11-22', '2026-11-23')).toBe(true);
  });
  it('accepted without receipt or report after one month (T6)', () => {
    expect(acceptanceOverdue('2026-01-31', '2026-02-28', { receipt: false, reported: false })).toBe(false);
    expect(acceptanceOverdue('2026-01-31', '2026-03-01', { receipt: false, reported: false })).toBe(true);
    expect(acceptanceOverdue('2026-01-31', '2026-03-01', { receipt: true, reported: false })).toBe(true);
    expect(acceptanceOverdue('2026-01-31', '2026-03-01', { receipt: true, reported: true })).toBe(false);
  });
  it('in transit more than six months without organisational life (T6); lost contact six months or more (T8)', () => {
    expect(transitWithoutOrgLife('2026-05-22', '2026-11-22')).toBe(false);
    expect(transitWithoutOrgLife('2026-05-22', '2026-11-23')).toBe(true);
    expect(lostContactTooLong('2026-05-22', '2026-11-21')).toBe(false);
    expect(lostContactTooLong('2026-05-22', '2026-11-22')).toBe(true);
  });
  it('due dates of the 逾期 queue', () => {
    expect(transferDueOn('letter_issued', { validUntil: '2026-12-21' })).toBe('2026-12-21');
    expect(transferDueOn('accepted', { acceptedOn: '2026-08-31' })).toBe('2026-09-30');
    expect(transferDueOn('pending_branch', {})).toBeNull();
    expect(addMonthsToDate('2024-01-31', 1)).toBe('2024-02-29');
  });
});

import {
  confirmableSignOut,
  decideScan,
  DEFAULT_VOLUNTEER_RULE_SET,
  hoursLabel,
  serviceSeconds,
  signUpState,
  VOLUNTEER_RULE_SETS,
  wholeHoursCrossed,
} from './volunteer-rules.js';

const rules = VOLUNTEER_RULE_SETS[DEFAULT_VOLUNTEER_RULE_SET];
// 2026-05-10 09:00–12:00 China time.
const w = { startsAt: new Date('2026-05-10T01:00:00Z'), endsAt: new Date('2026-05-10T04:00:00Z') };
const at = (iso: string) => new Date(iso);
const none = { signedInAt: null, signedOutAt: null };

describe('P4 scan decisions', () => {
  it('sign-in opens exactly 60 minutes before the start and closes at the end', () => {
    expect(decideScan(w, rules, none, at('2026-05-10T00:00:00Z'))).toEqual({ action: 'sign_in' });
    expect(decideScan(w, rules, none, at('2026-05-09T23:59:59.999Z'))).toEqual({ action: 'refuse', reason: 'not_open' });
    expect(decideScan(w, rules, none, at('2026-05-10T04:00:00Z'))).toEqual({ action: 'sign_in' });
    expect(decideScan(w, rules, none, at('2026-05-10T04:00:00.001Z'))).toEqual({ action: 'refuse', reason: 'closed' });
  });

  it('the second scan signs out until 120 minutes after the end; later only the organiser confirms', () => {
    const signedIn = { signedInAt: at('2026-05-10T01:00:00Z'), signedOutAt: null };
    expect(decideScan(w, rules, signedIn, at('2026-05-10T02:00:00Z'))).toEqual({ action: 'sign_out' });
    expect(decideScan(w, rules, signedIn, at('2026-05-10T06:00:00Z'))).toEqual({ action: 'sign_out' });
    expect(decideScan(w, rules, signedIn, at('2026-05-10T06:00:00.001Z'))).toEqual({ action: 'refuse', reason: 'sign_out_closed' });
  });

  it('after sign-out every scan is refused', () => {
    const done = { signedInAt: at('2026-05-10T01:00:00Z'), signedOutAt: at('2026-05-10T03:00:00Z') };
    expect(decideScan(w, rules, done, at('2026-05-10T03:10:00Z'))).toEqual({ action: 'refuse', reason: 'already_signed_out' });
  });
});

describe('P4 service hours', () => {
  it('run from sign-in to sign-out', () => {
    expect(serviceSeconds(at('2026-05-10T01:00:00Z'), at('2026-05-10T04:30:00Z'), 8)).toBe(3.5 * 3600);
  });

  it('are capped at 8 h per activity day: exactly 8 h counts, one second more does not', () => {
    expect(serviceSeconds(at('2026-05-10T00:00:00Z'), at('2026-05-10T08:00:00Z'), 8)).toBe(8 * 3600);
    expect(serviceSeconds(at('2026-05-10T00:00:00Z'), at('2026-05-10T08:00:01Z'), 8)).toBe(8 * 3600);
    expect(serviceSeconds(at('2026-05-10T00:00:00Z'), at('2026-05-10T07:59:59Z'), 8)).toBe(8 * 3600 - 1);
  });

  it('cap per China calendar day: an overnight rescue 20:00–08:00 counts 4 h + 8 h', () => {
    // 20:00 China = 12:00Z; midnight China = 16:00Z; 08:00 China next day = 00:00Z.
    expect(serviceSeconds(at('2026-05-10T12:00:00Z'), at('2026-05-11T00:00:00Z'), 8)).toBe(12 * 3600);
    expect(serviceSeconds(at('2026-05-10T06:00:00Z'), at('2026-05-11T06:00:00Z'), 8)).toBe((8 + 8) * 3600);
  });

  it('the cap is the rule set parameter: every value is honoured', () => {
    for (const cap of [1, 4, 8, 12, 24]) expect(serviceSeconds(at('2026-05-10T00:00:00Z'), at('2026-05-10T15:00:00Z'), cap)).toBe(Math.min(15, cap) * 3600);
  });

  it('sign-out not after sign-in earns nothing', () => {
    expect(serviceSeconds(at('2026-05-10T01:00:00Z'), at('2026-05-10T01:00:00Z'), 8)).toBe(0);
    expect(serviceSeconds(at('2026-05-10T02:00:00Z'), at('2026-05-10T01:00:00Z'), 8)).toBe(0);
  });

  it('hours read with one decimal', () => {
    expect(hoursLabel(5400)).toBe('1.5 小时');
    expect(hoursLabel(0)).toBe('0 小时');
  });
});

describe('P4 organiser confirms a missing sign-out', () => {
  const signedInAt = at('2026-05-10T01:00:00Z');
  const now = at('2026-05-11T00:00:00Z');
  it('after the sign-in, until 120 minutes after the end, never in the future', () => {
    expect(confirmableSignOut(w, rules, signedInAt, at('2026-05-10T04:00:00Z'), now)).toBe(true);
    expect(confirmableSignOut(w, rules, signedInAt, at('2026-05-10T06:00:00Z'), now)).toBe(true);
    expect(confirmableSignOut(w, rules, signedInAt, at('2026-05-10T06:00:00.001Z'), now)).toBe(false);
    expect(confirmableSignOut(w, rules, signedInAt, signedInAt, now)).toBe(false);
    expect(confirmableSignOut(w, rules, signedInAt, at('2026-05-10T03:00:00Z'), at('2026-05-10T02:00:00Z'))).toBe(false);
  });
});

describe('points and places', () => {
  it('one award per whole hour crossed', () => {
    expect(wholeHoursCrossed(0, 3599)).toEqual([]);
    expect(wholeHoursCrossed(0, 3600)).toEqual([1]);
    expect(wholeHoursCrossed(3600, 4 * 3600 + 1)).toEqual([2, 3, 4]);
  });

  it('confirmed while places remain, waitlisted from the last place on', () => {
    expect(signUpState(0, 1)).toBe('confirmed');
    expect(signUpState(9, 10)).toBe('confirmed');
    expect(signUpState(10, 10)).toBe('waitlisted');
  });
});

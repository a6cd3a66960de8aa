import { bookingProblem } from '../service-catalogue.js';
import { assertTableSound } from './vote-machine.js';
import {
  canReopen,
  dueEscalations,
  REQUEST_ACTION_ACTOR,
  REQUEST_ACTIONS,
  REQUEST_CATEGORIES,
  REQUEST_CATEGORY_DEADLINES,
  REQUEST_INITIAL_STATE,
  REQUEST_MACHINE_STATES,
  REQUEST_REOPEN_DAYS,
  REQUEST_TRANSITIONS,
  requestActionsFor,
  requestDueDates,
  requestDueOn,
} from './request-rules.js';

describe('request rules (S2, S3)', () => {
  it('the table is sound: every state reachable from new, every target a state', () => {
    expect(() => assertTableSound('enterprise_request', REQUEST_TRANSITIONS, REQUEST_INITIAL_STATE, REQUEST_MACHINE_STATES)).not.toThrow();
  });

  it('S3: closed, withdrawn and rejected are final (nothing leads out, nothing deletes)', () => {
    for (const s of ['closed', 'withdrawn', 'rejected'] as const) expect(REQUEST_TRANSITIONS[s]).toEqual({});
  });

  it('every action has exactly one actor and appears in the table', () => {
    for (const a of REQUEST_ACTIONS) {
      expect(REQUEST_ACTION_ACTOR[a]).toBeDefined();
      expect(REQUEST_MACHINE_STATES.some((s) => REQUEST_TRANSITIONS[s][a])).toBe(true);
    }
  });

  it('the buttons per actor follow the table', () => {
    expect(requestActionsFor('submitted', ['committee'])).toEqual(['route', 'reject']);
    expect(requestActionsFor('submitted', ['requester'])).toEqual(['withdraw']);
    expect(requestActionsFor('routed', ['handler'])).toEqual(['accept', 'return']);
    expect(requestActionsFor('in_progress', ['handler'])).toEqual(['ask', 'reply', 'resolve', 'return']);
    expect(requestActionsFor('awaiting_info', ['requester'])).toEqual(['answer', 'withdraw']);
    expect(requestActionsFor('resolved', ['requester', 'committee'])).toEqual(['confirm', 'reopen']);
    expect(requestActionsFor('closed', ['requester', 'committee', 'handler'])).toEqual([]);
  });

  it.each([
    // Friday 2026-11-27 + 3 working days → Wed 2026-12-02 (the weekend does not count).
    ['2026-11-27', 3, '2026-12-02'],
    // Filed the day before National Day: 10-01..10-07 holidays, then 10-08, 10-09 and 10-10 (Sat, 调休) work.
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-09-30', 3, '2026-10-10'],
    ['2026-09-30', 4, '2026-10-12'],
    // Beyond the calendar (2027): Monday–Friday.
    ['2026-12-30', 3, '2027-01-04'],
    ['2026-12-05', 15, '2026-12-25'],
  ])('S2: filed %s, %i working days → due %s', (filed, days, due) => {
    expect(requestDueOn(filed, days)).toBe(due);
  });

  it.each(REQUEST_CATEGORIES)('S2: category %s has first response ≤ resolution deadlines', (c) => {
    const d = REQUEST_CATEGORY_DEADLINES[c];
    expect(d.firstResponseDays).toBeGreaterThan(0);
    expect(d.firstResponseDays).toBeLessThanOrEqual(d.resolveDays);
    const dates = requestDueDates(c, '2026-12-01');
    expect(dates.firstResponseDueOn <= dates.resolveDueOn).toBe(true);
  });

  it('S2 defaults are 3 and 15 working days', () => {
    expect(requestDueDates('other', '2026-12-01')).toEqual({ firstResponseDueOn: '2026-12-04', resolveDueOn: '2026-12-22' });
  });

  const base = { firstResponseDueOn: '2026-12-04', resolveDueOn: '2026-12-22', responseEscalated: false, resolutionEscalated: false };
  it.each([
    ['submitted', '2026-12-04', []],
    ['submitted', '2026-12-05', ['first_response']],
    ['routed', '2026-12-05', ['first_response']],
    ['in_progress', '2026-12-05', []],
    ['in_progress', '2026-12-23', ['resolution']],
    ['awaiting_info', '2026-12-23', ['resolution']],
    ['routed', '2026-12-23', ['first_response', 'resolution']],
    ['resolved', '2026-12-23', []],
    ['closed', '2026-12-23', []],
    ['withdrawn', '2026-12-23', []],
    ['rejected', '2026-12-23', []],
  ] as const)('escalation: %s on %s → %j', (state, today, want) => {
    expect(dueEscalations({ ...base, state }, today)).toEqual(want);
  });

  it('escalation is raised once per kind', () => {
    expect(dueEscalations({ ...base, state: 'routed', responseEscalated: true, resolutionEscalated: true }, '2026-12-30')).toEqual([]);
  });

  it(`reopen within ${REQUEST_REOPEN_DAYS} days of resolution, not after`, () => {
    const at = new Date('2026-12-01T02:00:00Z');
    expect(canReopen(at, new Date(at.getTime() + REQUEST_REOPEN_DAYS * 86_400_000))).toBe(true);
    expect(canReopen(at, new Date(at.getTime() + REQUEST_REOPEN_DAYS * 86_400_000 + 1))).toBe(false);
  });
});

describe('room booking limits', () => {
  const now = new Date('2026-12-01T00:00:00Z'); // 08:00 China
  const at = (s: string) => new Date(s);
  it.each([
    ['2026-12-02T09:00:00+08:00', '2026-12-02T10:30:00+08:00', null],
    ['2026-12-02T08:00:00+08:00', '2026-12-02T22:00:00+08:00', '单次预约不超过 8 小时'],
    ['2026-12-02T07:30:00+08:00', '2026-12-02T09:00:00+08:00', '开放时间为每天 8:00–22:00'],
    ['2026-12-02T20:00:00+08:00', '2026-12-02T22:30:00+08:00', '开放时间为每天 8:00–22:00'],
    ['2026-12-02T21:00:00+08:00', '2026-12-02T22:00:00+08:00', null],
    ['2026-12-02T09:10:00+08:00', '2026-12-02T10:00:00+08:00', '请按 30 分钟为单位预约'],
    ['2026-11-30T09:00:00+08:00', '2026-11-30T10:00:00+08:00', '不能预约已经过去的时间'],
    ['2027-03-01T09:00:00+08:00', '2027-03-01T10:00:00+08:00', '最多提前 60 天预约'],
  ])('%s – %s → %s', (s, e, want) => {
    expect(bookingProblem(at(s), at(e), now)).toBe(want);
  });
});

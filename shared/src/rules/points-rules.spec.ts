import { DEDUCTION_TRANSITIONS, mayApproveDeduction, pointsRoom, ruleInForce, ruleVersionProblem } from './points-rules.js';

describe('P3 points caps (mirrors points_award())', () => {
  const r = { points: 3, dailyCap: 6, yearlyCap: 36 };
  it('gives the amount below both caps', () => expect(pointsRoom(r, 0, 0)).toBe(3));
  it('gives only what fills the daily cap, then nothing', () => {
    expect(pointsRoom(r, 4, 4)).toBe(2);
    expect(pointsRoom(r, 6, 6)).toBe(0);
    expect(pointsRoom(r, 9, 9)).toBe(0);
  });
  it('gives only what fills the yearly cap, then nothing', () => {
    expect(pointsRoom(r, 0, 35)).toBe(1);
    expect(pointsRoom(r, 0, 36)).toBe(0);
    expect(pointsRoom(r, 0, 40)).toBe(0);
  });
  it('no yearly cap: only the daily one counts', () => expect(pointsRoom({ ...r, yearlyCap: null }, 0, 10_000)).toBe(3));
});

describe('P3 rule versions', () => {
  const v = [
    { v: 1, effectiveFrom: '2000-01-01' },
    { v: 2, effectiveFrom: '2026-03-15' },
  ];
  it('takes the latest version effective on or before the day', () => {
    expect(ruleInForce(v, '2026-03-14')?.v).toBe(1);
    expect(ruleInForce(v, '2026-03-15')?.v).toBe(2);
    expect(ruleInForce(v, '1999-12-31')).toBeNull();
  });
  it('refuses a version in the past and caps out of order', () => {
    const ok = { points: 2, dailyCap: 4, yearlyCap: 100, effectiveFrom: '2026-03-10' };
    expect(ruleVersionProblem(ok, '2026-03-10')).toBeNull();
    expect(ruleVersionProblem({ ...ok, effectiveFrom: '2026-03-09' }, '2026-03-10')).toMatch(/不能早于今天/);
    expect(ruleVersionProblem({ ...ok, dailyCap: 1 }, '2026-03-10')).toBe('每日上限不能小于每次分值');
    expect(ruleVersionProblem({ ...ok, yearlyCap: 3 }, '2026-03-10')).toBe('每年上限不能小于每日上限');
    expect(ruleVersionProblem({ ...ok, yearlyCap: null }, '2026-03-10')).toBeNull();
  });
});

describe('P3 deductions', () => {
  it('are proposed, then approved or rejected once', () => {
    expect(DEDUCTION_TRANSITIONS.new).toEqual({ propose: ['proposed'] });
    expect(DEDUCTION_TRANSITIONS.proposed).toEqual({ approve: ['approved'], reject: ['rejected'] });
    expect(DEDUCTION_TRANSITIONS.approved).toEqual({});
  });
  it('need an approver other than the proposer', () => {
    expect(mayApproveDeduction('u1', 'u1')).toBe(false);
    expect(mayApproveDeduction('u1', 'u2')).toBe(true);
    expect(mayApproveDeduction(null, 'u2')).toBe(true);
  });
});

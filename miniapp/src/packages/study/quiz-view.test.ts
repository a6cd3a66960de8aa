import { choose, optionLetter, clockSkewMs, countdownTone, formatCountdown, optionState, remainingMs, unansweredNumbers } from './quiz-view';

describe('quiz view (L3)', () => {
  it('single choice and true/false keep one answer; multiple choice toggles and keeps keys sorted', () => {
    let a = choose({}, 'q1', 'single', 1);
    a = choose(a, 'q1', 'single', 2);
    expect(a.q1).toEqual([2]);
    a = choose(a, 'q2', 'true_false', 0);
    a = choose(a, 'q2', 'true_false', 1);
    expect(a.q2).toEqual([1]);
    a = choose(a, 'q3', 'multiple', 3);
    a = choose(a, 'q3', 'multiple', 0);
    expect(a.q3).toEqual([0, 3]);
    a = choose(a, 'q3', 'multiple', 3);
    expect(a.q3).toEqual([0]);
    expect(a.q1).toEqual([2]);
  });

  it('names the unanswered questions by number, an emptied multiple choice included', () => {
    const a = choose(choose({ q1: [0] }, 'q3', 'multiple', 0), 'q3', 'multiple', 0);
    expect(unansweredNumbers(['q1', 'q2', 'q3'], a)).toEqual([2, 3]);
    expect(unansweredNumbers(['q1'], a)).toEqual([]);
  });

  it('counts down to the server deadline whatever the phone clock says, never below zero', () => {
    const deadline = '2026-11-22T08:10:00.000Z';
    // the phone is 5 minutes behind the server
    const phoneAtStart = Date.parse('2026-11-22T07:55:00.000Z');
    const skew = clockSkewMs('2026-11-22T08:00:00.000Z', phoneAtStart);
    expect(skew).toBe(300_000);
    expect(remainingMs(deadline, skew, phoneAtStart)).toBe(600_000);
    expect(remainingMs(deadline, skew, phoneAtStart + 599_000)).toBe(1_000);
    expect(remainingMs(deadline, skew, phoneAtStart + 700_000)).toBe(0);
  });

  it('formats the countdown and warns in the last minute', () => {
    expect(formatCountdown(600_000)).toBe('10:00');
    expect(formatCountdown(61_001)).toBe('01:02');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(0)).toBe('00:00');
    expect(countdownTone(60_001)).toBe('normal');
    expect(countdownTone(60_000)).toBe('warning');
  });

  it('marks the right answers and the member’s wrong choices after submission', () => {
    expect(optionState(0, [1], [0, 2])).toBe('correct');
    expect(optionState(1, [1], [0, 2])).toBe('wrong');
    expect(optionState(3, [1], [0, 2])).toBe('plain');
    expect(optionLetter(0) + optionLetter(3)).toBe('AD');
  });
});

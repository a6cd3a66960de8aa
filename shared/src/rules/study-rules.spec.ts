import fc from 'fast-check';
import {
  advanceWatched,
  answerCorrect,
  assignmentState,
  attemptOpen,
  chinaYear,
  chinaYearRange,
  creditHeartbeat,
  drawQuestions,
  formatHours,
  hoursMet,
  lessonProgress,
  mergeSegment,
  pointsWithinCap,
  questionShapeError,
  requiredHours,
  scoreAttempt,
  SESSION_GAP_MS,
  studyStepsCrossed,
  watchedSeconds,
  type Segments,
  type StudyClockState,
} from './study-rules.js';

const fresh: StudyClockState = { lastAtMs: null, seqs: {} };

describe('L2 creditHeartbeat', () => {
  it('L2 the first heartbeat starts a session and credits nothing', () => {
    expect(creditHeartbeat(fresh, { nowMs: 1000, deviceId: 'a', seq: 1 })).toMatchObject({ creditedMs: 0, outcome: 'session_started' });
  });

  it('L2 credits the wall-clock time since the previous heartbeat, up to exactly 10 minutes', () => {
    const s = creditHeartbeat(fresh, { nowMs: 0, deviceId: 'a', seq: 1 }).next;
    expect(creditHeartbeat(s, { nowMs: 30_000, deviceId: 'a', seq: 2 }).creditedMs).toBe(30_000);
    expect(creditHeartbeat(s, { nowMs: SESSION_GAP_MS, deviceId: 'a', seq: 2 }).creditedMs).toBe(SESSION_GAP_MS);
  });

  it('L2 a gap over 10 minutes closes the session: the gap is not credited', () => {
    const s = creditHeartbeat(fresh, { nowMs: 0, deviceId: 'a', seq: 1 }).next;
    expect(creditHeartbeat(s, { nowMs: SESSION_GAP_MS + 1, deviceId: 'a', seq: 2 })).toMatchObject({ creditedMs: 0, outcome: 'session_started' });
  });

  it('L2 a repeated or older seq is a replay and changes nothing', () => {
    const s = creditHeartbeat(fresh, { nowMs: 0, deviceId: 'a', seq: 5 }).next;
    const r = creditHeartbeat(s, { nowMs: 30_000, deviceId: 'a', seq: 5 });
    expect(r).toMatchObject({ creditedMs: 0, outcome: 'replay' });
    expect(r.next).toBe(s);
    expect(creditHeartbeat(s, { nowMs: 30_000, deviceId: 'a', seq: 4 }).outcome).toBe('replay');
  });

  it("L2 a 'stop' beat is credited, then closes the session: the pause is not credited", () => {
    let s = creditHeartbeat(fresh, { nowMs: 0, deviceId: 'a', seq: 1 }).next;
    const stop = creditHeartbeat(s, { nowMs: 60_000, deviceId: 'a', seq: 2, event: 'stop' });
    expect(stop.creditedMs).toBe(60_000);
    s = stop.next;
    expect(creditHeartbeat(s, { nowMs: 9 * 60_000, deviceId: 'a', seq: 3, event: 'start' })).toMatchObject({ creditedMs: 0, outcome: 'session_started' });
  });

  it('L2 two devices share one clock per member', () => {
    let s = creditHeartbeat(fresh, { nowMs: 0, deviceId: 'a', seq: 1 }).next;
    const b = creditHeartbeat(s, { nowMs: 10_000, deviceId: 'b', seq: 1 });
    expect(b.creditedMs).toBe(10_000);
    s = b.next;
    expect(creditHeartbeat(s, { nowMs: 10_000, deviceId: 'a', seq: 2 }).creditedMs).toBe(0);
  });

  it('L2 property: no sequence of heartbeats from any number of devices credits more than wall-clock time', () => {
    const hb = fc.record({
      dtMs: fc.integer({ min: 0, max: 15 * 60_000 }),
      device: fc.integer({ min: 0, max: 4 }),
      seq: fc.integer({ min: 0, max: 20 }),
      event: fc.constantFrom(undefined, 'start' as const, 'tick' as const, 'stop' as const),
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.array(hb, { maxLength: 200 }), (start, beats) => {
        let s = fresh;
        let now = start;
        let credited = 0;
        let first: number | null = null;
        for (const b of beats) {
          now += b.dtMs;
          const r = creditHeartbeat(s, { nowMs: now, deviceId: `d${b.device}`, seq: b.seq, event: b.event });
          if (r.outcome !== 'replay' && first === null) first = now;
          credited += r.creditedMs;
          s = r.next;
          expect(r.creditedMs).toBeGreaterThanOrEqual(0);
          expect(r.creditedMs).toBeLessThanOrEqual(SESSION_GAP_MS);
        }
        expect(credited).toBeLessThanOrEqual(first === null ? 0 : now - first);
      }),
    );
  });
});

describe('L2 watched segments', () => {
  it('merges overlapping and adjacent ranges', () => {
    let s: Segments = [];
    s = mergeSegment(s, 10, 20);
    s = mergeSegment(s, 30, 40);
    expect(s).toEqual([
      [10, 20],
      [30, 40],
    ]);
    s = mergeSegment(s, 20, 30);
    expect(s).toEqual([[10, 40]]);
    s = mergeSegment(s, 0, 5);
    expect(s).toEqual([
      [0, 5],
      [10, 40],
    ]);
    expect(watchedSeconds(s)).toBe(35);
  });

  it('L2 a jump ahead (seek) adds nothing to the watched share', () => {
    expect(advanceWatched([], { prevPosition: 0, position: 300, creditedS: 30, durationS: 600 })).toEqual([]);
  });

  it('L2 playback up to 2× plus slack counts; first heartbeat of a session does not', () => {
    expect(advanceWatched([], { prevPosition: 0, position: 62, creditedS: 30, durationS: 600 })).toEqual([[0, 62]]);
    expect(advanceWatched([], { prevPosition: 0, position: 63, creditedS: 30, durationS: 600 })).toEqual([]);
    expect(advanceWatched([], { prevPosition: null, position: 30, creditedS: 30, durationS: 600 })).toEqual([]);
    expect(advanceWatched([], { prevPosition: 10, position: 30, creditedS: 0, durationS: 600 })).toEqual([]);
  });

  it('L2 property: watched seconds never exceed 2× credited time plus slack per heartbeat, nor the duration', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ pos: fc.integer({ min: 0, max: 700 }), cr: fc.integer({ min: 0, max: 60 }) }), { maxLength: 80 }), (beats) => {
        let s: Segments = [];
        let prev: number | null = null;
        let budget = 0;
        for (const b of beats) {
          s = advanceWatched(s, { prevPosition: prev, position: b.pos, creditedS: b.cr, durationS: 600 });
          if (b.cr > 0) budget += b.cr * 2 + 2;
          prev = b.pos;
        }
        expect(watchedSeconds(s)).toBeLessThanOrEqual(Math.min(600, budget));
      }),
    );
  });
});

describe('L2 completion thresholds', () => {
  const video = { kind: 'video' as const, durationS: 100, watchThreshold: 0.9, minSeconds: null };
  it('L2 a video completes at 90 % watched, not one second before', () => {
    expect(lessonProgress(video, { watchedS: 89, creditedS: 1000 })).toBeLessThan(1);
    expect(lessonProgress(video, { watchedS: 90, creditedS: 0 })).toBe(1);
  });
  it('L2 an article completes at its minimum seconds open', () => {
    const article = { kind: 'article' as const, durationS: null, watchThreshold: null, minSeconds: 120 };
    expect(lessonProgress(article, { watchedS: 0, creditedS: 119 })).toBeLessThan(1);
    expect(lessonProgress(article, { watchedS: 0, creditedS: 120 })).toBe(1);
  });
  it('L2 a media lesson without a duration never completes', () => {
    expect(lessonProgress({ ...video, durationS: null }, { watchedS: 1000, creditedS: 1000 })).toBe(0);
  });
});

describe('L1 yearly hours', () => {
  it('L1 32 h for members, 56 h for secretaries and committee members', () => {
    expect(requiredHours([]).hours).toBe(32);
    expect(requiredHours(['group_leader']).hours).toBe(32);
    expect(requiredHours(['secretary']).hours).toBe(56);
    expect(requiredHours(['committee_member']).hours).toBe(56);
  });
  it('L1 met at exactly the requirement', () => {
    expect(hoursMet(32 * 3600 - 1, 32)).toBe(false);
    expect(hoursMet(32 * 3600, 32)).toBe(true);
  });
  it('L1 the year is the China calendar year (no carry-over across 1 January, UTC+8)', () => {
    expect(chinaYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(chinaYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
    expect(chinaYearRange(2027).from.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
  it('formats hours rounded down', () => {
    expect(formatHours(3599)).toBe('0.9');
    expect(formatHours(32 * 3600)).toBe('32.0');
  });
});

describe('L3 quizzes', () => {
  it('L3 single and true/false need exactly the one answer; multiple needs exactly the set', () => {
    expect(answerCorrect('single', [1], [1])).toBe(true);
    expect(answerCorrect('single', [1], [1, 2])).toBe(false);
    expect(answerCorrect('true_false', [0], [1])).toBe(false);
    expect(answerCorrect('multiple', [0, 2], [2, 0])).toBe(true);
    expect(answerCorrect('multiple', [0, 2], [0])).toBe(false);
    expect(answerCorrect('multiple', [0, 2], [0, 1, 2])).toBe(false);
    expect(answerCorrect('multiple', [0, 2], undefined)).toBe(false);
  });
  it('L3 pass mark boundary: percent ≥ pass passes', () => {
    const qs = Array.from({ length: 10 }, (_, i) => ({ id: `q${i}`, kind: 'single' as const, answer: [0] }));
    const answers = Object.fromEntries(qs.slice(0, 6).map((q) => [q.id, [0]]));
    expect(scoreAttempt(qs, answers, 60)).toMatchObject({ correctCount: 6, scorePercent: 60, passed: true });
    expect(scoreAttempt(qs, answers, 61).passed).toBe(false);
  });
  it('L3 answer keys fit the kind', () => {
    expect(questionShapeError({ kind: 'single', options: ['a', 'b'], answer: [0, 1] })).not.toBeNull();
    expect(questionShapeError({ kind: 'true_false', options: ['a', 'b', 'c'], answer: [0] })).not.toBeNull();
    expect(questionShapeError({ kind: 'multiple', options: ['a', 'b'], answer: [2] })).not.toBeNull();
    expect(questionShapeError({ kind: 'multiple', options: ['a', 'b', 'c'], answer: [0, 2] })).toBeNull();
  });
  it('L3 property: a draw is distinct and of the asked size (or the whole bank)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { maxLength: 50 }).map((a) => [...new Set(a)]),
        fc.integer({ min: 0, max: 60 }),
        (bank, n) => {
          const d = drawQuestions(bank, n);
          expect(d.length).toBe(Math.min(n, bank.length));
          expect(new Set(d).size).toBe(d.length);
          d.forEach((x) => expect(bank).toContain(x));
        },
      ),
    );
  });
  it('L3 the deadline is enforced with a 5 s grace', () => {
    const deadline = new Date('2026-01-01T00:00:00Z');
    expect(attemptOpen(deadline, new Date(deadline.getTime() + 5000))).toBe(true);
    expect(attemptOpen(deadline, new Date(deadline.getTime() + 5001))).toBe(false);
  });
});

describe('L4 points caps', () => {
  it('L4 never above the daily cap, never negative', () => {
    expect(pointsWithinCap(0, 2, 4)).toBe(2);
    expect(pointsWithinCap(3, 2, 4)).toBe(1);
    expect(pointsWithinCap(4, 2, 4)).toBe(0);
    expect(pointsWithinCap(9, 2, 4)).toBe(0);
  });
  it('L4 study minutes: one step per 5 credited minutes crossed', () => {
    expect(studyStepsCrossed(0, 299)).toEqual([]);
    expect(studyStepsCrossed(299, 300)).toEqual([1]);
    expect(studyStepsCrossed(290, 910)).toEqual([1, 2, 3]);
  });
});

describe('L5 assignment state', () => {
  it('L5 overdue only after the deadline day; done wins', () => {
    expect(assignmentState({ done: false, started: false, deadline: '2026-03-01', today: '2026-03-01' })).toBe('not_started');
    expect(assignmentState({ done: false, started: true, deadline: '2026-03-01', today: '2026-03-01' })).toBe('in_progress');
    expect(assignmentState({ done: false, started: true, deadline: '2026-03-01', today: '2026-03-02' })).toBe('overdue');
    expect(assignmentState({ done: true, started: true, deadline: '2026-03-01', today: '2026-04-01' })).toBe('done');
  });
});

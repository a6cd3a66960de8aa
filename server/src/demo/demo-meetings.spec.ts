import { addMonths, chinaDate } from '@dangjian/shared';
import { demoMeetingTimes } from './demo-meetings.js';

// The demo is loaded at any hour of any day: the browser tests and a committee's first look rely on a
// 党课 open for check-in today and on a meeting in the calendar's previous month.
const HOUR = 3_600_000;
const month = (d: Date) => chinaDate(d).slice(0, 7);

describe('demo meetings', () => {
  it('keep the 党课 on the China day of loading, its check-in open, even at 23:50 China time (C4)', () => {
    for (const at of ['2026-12-06T02:00:00Z', '2026-12-06T15:39:00Z', '2026-12-06T15:50:00Z', '2026-12-06T15:59:59Z', '2026-12-06T16:00:00Z']) {
      const now = Date.parse(at);
      const lecture = demoMeetingTimes(now).find((x) => x.spec.type === 'party_lecture')!;
      expect(chinaDate(lecture.startsAt)).toBe(chinaDate(new Date(now)));
      expect(lecture.startsAt.getTime() - 30 * 60_000).toBeLessThanOrEqual(now);
      expect(lecture.endsAt.getTime()).toBeGreaterThan(now);
    }
  });

  it('put a past meeting in the previous calendar month, whatever the date', () => {
    for (let t = Date.parse('2027-01-01T00:00:00Z'); t < Date.parse('2029-01-01T00:00:00Z'); t += 12 * HOUR) {
      const before = addMonths(month(new Date(t)), -1);
      expect(demoMeetingTimes(t).some((x) => month(x.startsAt) === before)).toBe(true);
    }
  });
});

import type { CalendarGap, CalendarMeeting } from '@dangjian/shared';
import { dayMarks, dayTitle, gapsByOrg, monthGrid, monthTitle, shiftMonth } from './month-grid';

const meeting = (date: string, mine: boolean, status: CalendarMeeting['status'] = 'scheduled') => ({ date, mine, status }) as CalendarMeeting;

describe('the month grid', () => {
  it('covers the month in whole weeks from Monday', () => {
    // 1 June 2025 is a Sunday: the first row starts on Monday 26 May.
    const weeks = monthGrid('2025-06');
    expect(weeks).toHaveLength(6);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks[0]![0]).toEqual({ date: '2025-05-26', day: 26, inMonth: false });
    expect(weeks[0]![6]).toEqual({ date: '2025-06-01', day: 1, inMonth: true });
    expect(weeks[5]![0]).toEqual({ date: '2025-06-30', day: 30, inMonth: true });
    expect(weeks.flat().filter((d) => d.inMonth)).toHaveLength(30);
    // February 2021 starts on a Monday and fills exactly four weeks.
    expect(monthGrid('2021-02')).toHaveLength(4);
    expect(
      monthGrid('2024-02')
        .flat()
        .filter((d) => d.inMonth),
    ).toHaveLength(29);
  });

  it('moves between months across years and names them', () => {
    expect([shiftMonth('2025-01', -1), shiftMonth('2025-12', 1), shiftMonth('2025-06', 0)]).toEqual(['2024-12', '2026-01', '2025-06']);
    expect(monthTitle('2025-06')).toBe('2025年6月');
    expect(dayTitle('2025-06-20')).toBe('6月20日 周五');
    expect(dayTitle('2025-06-22')).toBe('6月22日 周日');
  });

  it('counts the dots per day: mine apart, cancelled none', () => {
    const marks = dayMarks([meeting('2025-06-05', true), meeting('2025-06-05', false), meeting('2025-06-20', false, 'cancelled')]);
    expect(marks.get('2025-06-05')).toEqual({ mine: 1, others: 1 });
    expect(marks.has('2025-06-20')).toBe(false);
  });

  it('groups gaps by branch, missed first', () => {
    const gap = (organisationId: string, state: CalendarGap['state'], text: string) =>
      ({ organisationId, organisationName: organisationId, state, text }) as CalendarGap;
    const groups = gapsByOrg([gap('a', 'unscheduled', '1'), gap('b', 'missed', '2'), gap('a', 'missed', '3')]);
    expect(groups.map((g) => [g.orgId, g.gaps.map((x) => x.text)])).toEqual([
      ['a', ['3', '1']],
      ['b', ['2']],
    ]);
  });
});

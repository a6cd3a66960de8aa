import { chinaDateAndTime, chinaInstant, formatClock, formatDate, formatDateTime, formatMeetingTime, formatRate, greeting } from './format';

const now = new Date('2026-11-20T02:00:00.000Z');

describe('format', () => {
  it('formats dates', () => {
    expect(formatDate('2015-07-01')).toBe('2015年7月1日');
  });

  it('shows times in China time', () => {
    expect(formatClock('2026-11-22T05:58:07.000Z')).toBe('13:58');
    expect(formatClock('2026-11-22T05:58:07.000Z', true)).toBe('13:58:07');
    expect(formatDateTime('2026-11-22T16:30:00.000Z', now)).toBe('11月23日 周一 00:30');
    expect(formatDateTime('2025-03-01T01:00:00.000Z', now)).toBe('2025年3月1日 周六 09:00');
    expect(formatClock('not a date')).toBe('');
  });

  it('shows a meeting’s time span', () => {
    expect(formatMeetingTime('2026-11-22T06:00:00.000Z', '2026-11-22T07:30:00.000Z', now)).toBe('11月22日 周日 14:00–15:30');
    expect(formatMeetingTime('2026-11-22T06:00:00.000Z', '2026-11-23T01:00:00.000Z', now)).toBe('11月22日 周日 14:00 至 11月23日 周一 09:00');
  });

  it('converts between instants and the pickers’ China date and time', () => {
    expect(chinaDateAndTime(new Date('2026-11-22T17:05:00.000Z'))).toEqual({ date: '2026-11-23', time: '01:05' });
    expect(chinaInstant('2026-11-23', '01:05')).toBe('2026-11-23T01:05:00+08:00');
    expect(Date.parse(chinaInstant('2026-11-23', '01:05'))).toBe(Date.parse('2026-11-22T17:05:00.000Z'));
  });

  it('formats rates', () => {
    expect(formatRate(0.875)).toBe('87.5%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(null)).toBe('—');
  });
});

describe('greeting', () => {
  it('goes by the hour in Beijing, whatever zone the device is in', () => {
    // 04:30 UTC is 12:30 in Beijing
    expect(greeting(new Date('2026-12-05T04:30:00Z'))).toBe('中午好');
    expect(greeting(new Date('2026-12-04T23:30:00Z'))).toBe('早上好');
    expect(greeting(new Date('2026-12-05T12:00:00Z'))).toBe('晚上好');
  });
});

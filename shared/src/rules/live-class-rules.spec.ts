import { attendanceSeconds, livePhase, nextHost, premierePosition } from './live-class-rules.js';

describe('红色主播 rota', () => {
  it('takes turns in rota order and starts over', () => {
    expect(nextHost(['a', 'b', 'c'], null)).toBe('a');
    expect(nextHost(['a', 'b', 'c'], 'a')).toBe('b');
    expect(nextHost(['a', 'b', 'c'], 'c')).toBe('a');
  });
  it('a last host no longer on the rota: from the top; an empty rota names nobody', () => {
    expect(nextHost(['a', 'b'], 'x')).toBe('a');
    expect(nextHost([], 'a')).toBeNull();
  });
});

describe('the room credits heartbeats only while live (L2)', () => {
  const w = { startsAt: new Date('2026-06-01T12:00:00Z'), endsAt: new Date('2026-06-01T13:00:00Z') };
  it('opens 15 minutes before and closes 30 minutes after the scheduled end', () => {
    expect(livePhase(w, new Date('2026-06-01T11:44:59.999Z'))).toBe('upcoming');
    expect(livePhase(w, new Date('2026-06-01T11:45:00Z'))).toBe('live');
    expect(livePhase(w, new Date('2026-06-01T13:30:00Z'))).toBe('live');
    expect(livePhase(w, new Date('2026-06-01T13:30:00.001Z'))).toBe('ended');
  });
  it('attendance is half the scheduled length, at least a minute', () => {
    expect(attendanceSeconds(w)).toBe(1800);
    expect(attendanceSeconds({ startsAt: w.startsAt, endsAt: new Date(w.startsAt.getTime() + 60_000) })).toBe(60);
  });
  it('a premiere plays from the same point for everyone', () => {
    expect(premierePosition(w.startsAt, new Date('2026-06-01T11:00:00Z'))).toBe(0);
    expect(premierePosition(w.startsAt, new Date('2026-06-01T12:10:00Z'))).toBe(600);
  });
});

/*
 * 红色直播间: who hosts next (the rota) and when the room credits attendance. Pure functions shared
 * by the server and the mini-program.
 */

/** Members take turns as 红色主播: the one after the last host in rota order (from the top when none). */
export function nextHost(rota: readonly string[], lastHost: string | null): string | null {
  if (!rota.length) return null;
  const i = lastHost ? rota.indexOf(lastHost) : -1;
  return rota[(i + 1) % rota.length]!;
}

/** Attendance (L2 heartbeats) counts from this many minutes before the start… */
export const LIVE_OPENS_MINUTES = 15;
/** …until this many minutes after the scheduled end (a class that runs over). */
export const LIVE_GRACE_MINUTES = 30;

export type LivePhase = 'upcoming' | 'live' | 'ended';

/** The room's phase at `now`: heartbeats are credited only while it is live. */
export function livePhase(w: { startsAt: Date; endsAt: Date }, now: Date): LivePhase {
  const t = now.getTime();
  if (t < w.startsAt.getTime() - LIVE_OPENS_MINUTES * 60_000) return 'upcoming';
  if (t > w.endsAt.getTime() + LIVE_GRACE_MINUTES * 60_000) return 'ended';
  return 'live';
}

/** A premiere plays for everyone from the same point: seconds since the premiere began (0 before it). */
export const premierePosition = (premiereAt: Date, now: Date): number => Math.max(0, Math.floor((now.getTime() - premiereAt.getTime()) / 1000));

/** L2 on a live class: attended when the member was credited at least this share of the scheduled length. */
export const LIVE_ATTENDANCE_SHARE = 0.5;
export const attendanceSeconds = (w: { startsAt: Date; endsAt: Date }) =>
  Math.max(60, Math.floor(((w.endsAt.getTime() - w.startsAt.getTime()) / 1000) * LIVE_ATTENDANCE_SHARE));

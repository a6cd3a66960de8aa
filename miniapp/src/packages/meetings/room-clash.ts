import type { MeetingSummary } from '@dangjian/shared';

/** The same place, written loosely ("党员活动室" and "党员活动室 " or different spacing) counts as one room. */
const room = (place: string) => place.replace(/\s+/g, '').toLowerCase();

/**
 * Meetings in the same room whose time overlaps [startsAt, endsAt): booking the room twice is allowed
 * (rooms are not managed here) but the secretary is warned first.
 */
export function roomClashes(meetings: readonly MeetingSummary[], place: string, startsAt: string, endsAt: string, selfId?: string): MeetingSummary[] {
  const s = Date.parse(startsAt);
  const e = Date.parse(endsAt);
  return meetings.filter(
    (m) => m.id !== selfId && m.status !== 'cancelled' && room(m.place) === room(place) && Date.parse(m.startsAt) < e && Date.parse(m.endsAt) > s,
  );
}

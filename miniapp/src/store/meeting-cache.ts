import Taro from '@tarojs/taro';
import type { MeetingSummary } from '@dangjian/shared';

/**
 * The member's upcoming meetings, remembered on the device, so a scan made without network can still
 * name the meeting on its confirmation screen (the token carries only the meeting id).
 */
export type CachedMeeting = Pick<MeetingSummary, 'id' | 'title' | 'startsAt' | 'endsAt' | 'place' | 'organisationName'>;

const KEY = 'dj.meetingCache';
const MAX = 50;

function read(): CachedMeeting[] {
  const v: unknown = Taro.getStorageSync(KEY);
  return Array.isArray(v) ? (v as CachedMeeting[]) : [];
}

export function rememberMeetings(meetings: ReadonlyArray<CachedMeeting>): void {
  if (!meetings.length) return;
  const fresh = meetings.map(({ id, title, startsAt, endsAt, place, organisationName }) => ({ id, title, startsAt, endsAt, place, organisationName }));
  const ids = new Set(fresh.map((m) => m.id));
  Taro.setStorageSync(KEY, [...fresh, ...read().filter((m) => !ids.has(m.id))].slice(0, MAX));
}

export const cachedMeeting = (id: string | null | undefined): CachedMeeting | null => (id ? (read().find((m) => m.id === id) ?? null) : null);

import {
  checkinWindowState,
  meetingCompleteness,
  meetingStatus,
  type CheckinWindow,
  type Geofence,
  type LeaveRequest,
  type MeetingStatus,
  type MeetingSummary,
} from '@dangjian/shared';
import type { LeaveRow, MeetingCounts, MeetingRow } from './meetings.repository.js';

export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export const statusOf = (m: MeetingRow, now: Date): MeetingStatus => meetingStatus(m, now);

export const geofenceOf = (m: MeetingRow): Geofence | null =>
  m.geofenceLat === null || m.geofenceLng === null || m.geofenceRadiusM === null
    ? null
    : { lat: m.geofenceLat, lng: m.geofenceLng, radiusM: m.geofenceRadiusM };

export const windowOf = (m: MeetingRow, now: Date): CheckinWindow => ({
  opensAt: iso(m.checkinOpensAt),
  closesAt: iso(m.checkinClosesAt),
  state: checkinWindowState(m.checkinOpensAt, m.checkinClosesAt, now),
});

const NO_COUNTS: MeetingCounts = { expected: 0, present: 0, pending: 0, onLeave: 0, unexplained: 0 };

export function mapSummary(m: MeetingRow, counts: MeetingCounts | undefined, now: Date): MeetingSummary {
  const c = counts ?? NO_COUNTS;
  const status = statusOf(m, now);
  const completeness = meetingCompleteness({
    status,
    minutes: m.minutes,
    chairId: m.chairMemberId,
    recorderId: m.recorderMemberId,
    // Only the number matters for the flag; the detail lists the names.
    absentees: Array.from({ length: c.unexplained }, () => ({ member: { id: '', name: '' }, reason: null })),
    pendingCheckins: c.pending,
  });
  return {
    id: m.id,
    organisationId: m.organisationId,
    organisationName: m.orgName,
    type: m.type,
    title: m.title,
    startsAt: iso(m.startsAt),
    endsAt: iso(m.endsAt),
    place: m.place,
    status,
    expectedCount: c.expected,
    presentCount: c.present,
    onLeaveCount: c.onLeave,
    complete: completeness.complete,
  };
}

export const mapLeave = (l: LeaveRow): LeaveRequest => ({
  id: l.id,
  meetingId: l.meetingId,
  member: { id: l.memberId, name: l.memberName },
  reason: l.reason,
  status: l.status,
  requestedAt: iso(l.createdAt),
  decidedAt: isoOrNull(l.decidedAt),
  decidedBy: l.decidedByName,
  decisionNote: l.decisionNote,
});

const CHINA = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const CHINA_TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** '2025年5月10日 10:00' in China time. */
export const chinaDateTime = (d: Date) => CHINA.format(d);
export const chinaTime = (d: Date) => CHINA_TIME.format(d);

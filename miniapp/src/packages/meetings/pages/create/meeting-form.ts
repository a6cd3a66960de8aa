import type { AttendeeScope, CreateMeetingDto, GeoLocation, MeetingType, MemberRef, OrgKind } from '@dangjian/shared';
import { CreateMeetingSchema, MeetingType as MeetingTypeEnum, QR_STEP_SECONDS, meetingTypeAllowed } from '@dangjian/shared';
import { chinaDateAndTime, chinaInstant } from '@/utils/format';

/** Choices the form offers; the server takes any value inside the shared limits. */
export const OPENS_BEFORE_MIN = [15, 30, 60, 120] as const;
/** `null`: check-in closes when the meeting ends (C4 default). */
export const CLOSES_AFTER_START_MIN = [null, 30, 60] as const;
export const QR_STEPS = [10, QR_STEP_SECONDS.default, 30, 60] as const;
export const RADII_M = [100, 200, 500, 1000] as const;

export type MeetingForm = {
  type: MeetingType;
  title: string;
  /** China date 'YYYY-MM-DD' and times 'HH:mm' (the meeting happens within one day). */
  date: string;
  start: string;
  end: string;
  place: string;
  chair: MemberRef | null;
  recorder: MemberRef | null;
  agenda: string;
  opensBeforeMin: number;
  closesAfterStartMin: number | null;
  qrStepSeconds: number;
  attendeeScope: AttendeeScope;
  /** The geofence centre (the secretary's position in the hall), or none. */
  fence: GeoLocation | null;
  radiusM: number;
};

/** C1 types this organisation may hold: a 党小组会 only in a group, the others not in a group. */
export const typesFor = (kind: OrgKind): MeetingType[] => MeetingTypeEnum.options.filter((t) => meetingTypeAllowed(t, kind));

/**
 * Starts at the next half hour and lasts 90 minutes, so with the default window (30 minutes before the
 * start) a meeting scheduled on the spot can be checked in to at once. Never across midnight.
 */
export function defaultTimes(now: Date): { date: string; start: string; end: string } {
  const halfHour = 30 * 60_000;
  const start = new Date(Math.ceil(now.getTime() / halfHour) * halfHour);
  const end = new Date(start.getTime() + 90 * 60_000);
  const s = chinaDateAndTime(start);
  const e = chinaDateAndTime(end);
  if (e.date !== s.date) {
    const tomorrow = chinaDateAndTime(new Date(now.getTime() + 86_400_000)).date;
    return { date: tomorrow, start: '09:00', end: '10:30' };
  }
  return { date: s.date, start: s.time, end: e.time };
}

export function initialForm(kind: OrgKind, now: Date, chair: MemberRef | null): MeetingForm {
  return {
    type: typesFor(kind)[0] ?? 'other',
    title: '',
    ...defaultTimes(now),
    place: '',
    chair,
    recorder: null,
    agenda: '',
    opensBeforeMin: 30,
    closesAfterStartMin: null,
    qrStepSeconds: QR_STEP_SECONDS.default,
    attendeeScope: 'organisation',
    fence: null,
    radiusM: 200,
  };
}

const shift = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** The form as the API's request, checked by the shared schema; or the first problem, in Chinese. */
export function buildMeeting(orgId: string, f: MeetingForm): { ok: true; dto: CreateMeetingDto } | { ok: false; message: string } {
  if (!f.title.trim()) return { ok: false, message: '请填写会议主题' };
  if (!f.place.trim()) return { ok: false, message: '请填写会议地点' };
  const startsAt = chinaInstant(f.date, f.start);
  const endsAt = chinaInstant(f.date, f.end);
  if (Date.parse(endsAt) <= Date.parse(startsAt)) return { ok: false, message: '结束时间必须晚于开始时间' };
  const closesAt = f.closesAfterStartMin === null ? endsAt : shift(startsAt, f.closesAfterStartMin);
  const parsed = CreateMeetingSchema.safeParse({
    organisationId: orgId,
    type: f.type,
    title: f.title.trim(),
    startsAt,
    endsAt,
    place: f.place.trim(),
    chairMemberId: f.chair?.id ?? null,
    recorderMemberId: f.recorder?.id ?? null,
    agenda: f.agenda.trim() || undefined,
    checkinOpensAt: shift(startsAt, -f.opensBeforeMin),
    checkinClosesAt: closesAt,
    geofence: f.fence ? { lat: f.fence.lat, lng: f.fence.lng, radiusM: f.radiusM } : null,
    qrStepSeconds: f.qrStepSeconds,
    attendeeScope: f.attendeeScope,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // The shared schema's own messages are Chinese where a person can cause them; others get a generic one.
    const message = issue && /[\u4e00-\u9fa5]/.test(issue.message) ? issue.message : `${String(issue?.path[0] ?? '表单')} 填写有误`;
    return { ok: false, message };
  }
  return { ok: true, dto: parsed.data };
}

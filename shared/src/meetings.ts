import { z } from 'zod';
import { DateOnlySchema, PageQuerySchema, UuidSchema, pageOf } from './common.js';
import { CHECKIN_QR_TOKEN } from './checkin-code.js';
import { OrgKind } from './org.js';

/*
 * Meetings (三会一课) and check-in: DOMAIN C1–C5. Every request and response of the meetings,
 * check-in and attendance endpoints is defined here once; docs/modules/meetings.md lists the endpoints.
 */

const Instant = z.iso.datetime({ offset: true });

/** C1: the 三会一课 types and the other forms of organisational life. */
export const MeetingType = z.enum([
  'general_assembly',
  'committee_meeting',
  'group_meeting',
  'party_lecture',
  'theme_day',
  'life_meeting',
  'democratic_review',
  'other',
]);
export type MeetingType = z.infer<typeof MeetingType>;
export const MEETING_TYPE_LABEL: Record<MeetingType, string> = {
  general_assembly: '党员大会',
  committee_meeting: '支委会',
  group_meeting: '党小组会',
  party_lecture: '党课',
  theme_day: '主题党日',
  life_meeting: '组织生活会',
  democratic_review: '民主评议党员',
  other: '其他',
};

/** Derived from the clock and the record: only `cancelled` is stored. */
export const MeetingStatus = z.enum(['scheduled', 'in_progress', 'ended', 'cancelled']);
export type MeetingStatus = z.infer<typeof MeetingStatus>;
export const MEETING_STATUS_LABEL: Record<MeetingStatus, string> = {
  scheduled: '未开始',
  in_progress: '进行中',
  ended: '已结束',
  cancelled: '已取消',
};

/**
 * Who is expected (computed once, at creation; guests added later): the organisation's own members
 * (formal relationship there), or its whole subtree (e.g. a 党总支's 党员大会). A group meeting always
 * expects the group's members.
 */
export const AttendeeScope = z.enum(['organisation', 'subtree']);
export type AttendeeScope = z.infer<typeof AttendeeScope>;

export const GeofenceSchema = z
  .object({
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    /** Metres around the centre in which a reported location counts as inside. */
    radiusM: z.number().int().min(20).max(10_000),
  })
  .meta({ id: 'Geofence' });
export type Geofence = z.infer<typeof GeofenceSchema>;

/** A device's reported position (wx.getLocation type 'gcj02' or the browser's, as the client has it). */
export const GeoLocationSchema = z
  .object({
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    accuracyM: z.number().min(0).max(100_000).optional(),
  })
  .meta({ id: 'GeoLocation' });
export type GeoLocation = z.infer<typeof GeoLocationSchema>;

/** Check-in token steps: the QR code on the screen changes this often. */
export const QR_STEP_SECONDS = { default: 15, min: 5, max: 120 } as const;
/** Default check-in window: from 30 minutes before the start to the end (C4). */
export const DEFAULT_CHECKIN_OPENS_BEFORE_MIN = 30;
/** An offline scan may be sent up to this long after it was made (then pending confirmation). */
export const OFFLINE_CHECKIN_MAX_AGE_HOURS = 72;
/** Photos of a meeting: types, size and count. */
export const MEETING_PHOTO_LIMITS = {
  maxBytes: 8 * 1024 * 1024,
  maxPerMeeting: 30,
  contentTypes: ['image/jpeg', 'image/png', 'image/webp'],
} as const;

const TitleSchema = z.string().trim().min(1).max(100);
const PlaceSchema = z.string().trim().min(1).max(200);
const AgendaSchema = z.string().trim().max(5000);
const ReasonText = z.string().trim().min(2, { message: '请填写原因（至少 2 个字）' }).max(500);
const NoteText = z.string().trim().min(2, { message: '请填写说明（至少 2 个字）' }).max(500);

export const CreateMeetingSchema = z
  .object({
    /** The organisation holding it; for a 党小组会, the group (O8). */
    organisationId: UuidSchema,
    type: MeetingType,
    title: TitleSchema,
    startsAt: Instant,
    endsAt: Instant,
    place: PlaceSchema,
    /** C2: chair and recorder (members); may be set later, the record is complete only with both. */
    chairMemberId: UuidSchema.nullable().optional(),
    recorderMemberId: UuidSchema.nullable().optional(),
    agenda: AgendaSchema.optional(),
    /** C4: default 30 minutes before the start. */
    checkinOpensAt: Instant.optional(),
    /** C4: default the end. */
    checkinClosesAt: Instant.optional(),
    geofence: GeofenceSchema.nullable().optional(),
    qrStepSeconds: z.number().int().min(QR_STEP_SECONDS.min).max(QR_STEP_SECONDS.max).default(QR_STEP_SECONDS.default),
    attendeeScope: AttendeeScope.default('organisation'),
    /** C4: invited guests, e.g. 流动党员 from elsewhere; never voters here. */
    guestMemberIds: z.array(UuidSchema).max(500).default([]),
  })
  .refine((m) => Date.parse(m.endsAt) > Date.parse(m.startsAt), { message: '结束时间必须晚于开始时间', path: ['endsAt'] })
  .refine((m) => !m.checkinOpensAt || !m.checkinClosesAt || Date.parse(m.checkinClosesAt) > Date.parse(m.checkinOpensAt), {
    message: '签到截止时间必须晚于签到开始时间',
    path: ['checkinClosesAt'],
  })
  .meta({ id: 'CreateMeeting' });
export type CreateMeetingDto = z.infer<typeof CreateMeetingSchema>;

/** Every field optional; `null` clears chair, recorder or geofence. Times cannot change once it has started. */
export const UpdateMeetingSchema = z
  .object({
    title: TitleSchema.optional(),
    startsAt: Instant.optional(),
    endsAt: Instant.optional(),
    place: PlaceSchema.optional(),
    chairMemberId: UuidSchema.nullable().optional(),
    recorderMemberId: UuidSchema.nullable().optional(),
    agenda: AgendaSchema.optional(),
    checkinOpensAt: Instant.optional(),
    checkinClosesAt: Instant.optional(),
    geofence: GeofenceSchema.nullable().optional(),
    qrStepSeconds: z.number().int().min(QR_STEP_SECONDS.min).max(QR_STEP_SECONDS.max).optional(),
  })
  .meta({ id: 'UpdateMeeting' });
export type UpdateMeetingDto = z.infer<typeof UpdateMeetingSchema>;

export const CancelMeetingSchema = z.object({ reason: ReasonText }).meta({ id: 'CancelMeeting' });
export type CancelMeetingDto = z.infer<typeof CancelMeetingSchema>;

export const MemberRefSchema = z.object({ id: UuidSchema, name: z.string() }).meta({ id: 'MemberRef' });
export type MemberRef = z.infer<typeof MemberRefSchema>;

/** C2: what is still missing before the record is complete. */
export const CompletenessItem = z.enum(['not_held', 'minutes', 'chair', 'recorder', 'absence_reason', 'pending_checkins']);
export type CompletenessItem = z.infer<typeof CompletenessItem>;
export const CompletenessSchema = z
  .object({
    complete: z.boolean(),
    missing: z.array(
      z.object({
        item: CompletenessItem,
        message: z.string(),
        /** For `absence_reason`: the absentee. */
        member: MemberRefSchema.optional(),
      }),
    ),
  })
  .meta({ id: 'MeetingCompleteness' });
export type Completeness = z.infer<typeof CompletenessSchema>;

export const MeetingSummarySchema = z
  .object({
    id: UuidSchema,
    organisationId: UuidSchema,
    organisationName: z.string(),
    type: MeetingType,
    title: z.string(),
    startsAt: Instant,
    endsAt: Instant,
    place: z.string(),
    status: MeetingStatus,
    expectedCount: z.number().int(),
    presentCount: z.number().int(),
    onLeaveCount: z.number().int(),
    /** C2: minutes, chair, recorder and a reason for every absentee. */
    complete: z.boolean(),
  })
  .meta({ id: 'MeetingSummary' });
export type MeetingSummary = z.infer<typeof MeetingSummarySchema>;

export const MeetingPageSchema = pageOf(MeetingSummarySchema).meta({ id: 'MeetingPage' });
export type MeetingPage = z.infer<typeof MeetingPageSchema>;

export const MeetingPhotoSchema = z
  .object({
    id: UuidSchema,
    caption: z.string().nullable(),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    createdAt: Instant,
    /** Authenticated download (bearer header, or `?access_token=` for an <image> tag). */
    url: z.string(),
  })
  .meta({ id: 'MeetingPhoto' });
export type MeetingPhoto = z.infer<typeof MeetingPhotoSchema>;

export const LeaveStatus = z.enum(['pending', 'approved', 'refused', 'withdrawn']);
export type LeaveStatus = z.infer<typeof LeaveStatus>;
export const LEAVE_STATUS_LABEL: Record<LeaveStatus, string> = { pending: '待审批', approved: '已批准', refused: '未批准', withdrawn: '已撤回' };

export const LeaveRequestSchema = z
  .object({
    id: UuidSchema,
    meetingId: UuidSchema,
    member: MemberRefSchema,
    reason: z.string(),
    status: LeaveStatus,
    requestedAt: Instant,
    decidedAt: Instant.nullable(),
    decidedBy: z.string().nullable(),
    decisionNote: z.string().nullable(),
  })
  .meta({ id: 'LeaveRequest' });
export type LeaveRequest = z.infer<typeof LeaveRequestSchema>;

/** How a check-in came about. */
export const CheckinMethod = z.enum(['qr', 'personal_code', 'manual', 'offline_qr']);
export type CheckinMethod = z.infer<typeof CheckinMethod>;
export const CHECKIN_METHOD_LABEL: Record<CheckinMethod, string> = {
  qr: '扫码签到',
  personal_code: '个人签到码',
  manual: '补签',
  offline_qr: '离线扫码',
};
/** Only `confirmed` counts as present; an offline scan waits for the secretary. */
export const CheckinStatus = z.enum(['confirmed', 'pending_confirmation', 'rejected']);
export type CheckinStatus = z.infer<typeof CheckinStatus>;

/** One member's standing at one meeting. */
export const AttendanceState = z.enum(['present', 'pending_confirmation', 'on_leave', 'leave_pending', 'absent', 'upcoming']);
export type AttendanceState = z.infer<typeof AttendanceState>;
export const ATTENDANCE_STATE_LABEL: Record<AttendanceState, string> = {
  present: '已签到',
  pending_confirmation: '待确认',
  on_leave: '请假',
  leave_pending: '请假待批',
  absent: '缺席',
  upcoming: '未开始',
};

export const MyAttendanceSchema = z
  .object({
    state: AttendanceState,
    isGuest: z.boolean(),
    canVote: z.boolean(),
    checkedInAt: Instant.nullable(),
    method: CheckinMethod.nullable(),
    leave: LeaveRequestSchema.nullable(),
  })
  .meta({ id: 'MyAttendance' });
export type MyAttendance = z.infer<typeof MyAttendanceSchema>;

export const MeetingDetailSchema = MeetingSummarySchema.extend({
  organisationKind: OrgKind,
  chair: MemberRefSchema.nullable(),
  recorder: MemberRefSchema.nullable(),
  agenda: z.string(),
  checkinOpensAt: Instant,
  checkinClosesAt: Instant,
  geofence: GeofenceSchema.nullable(),
  qrStepSeconds: z.number().int(),
  attendeeScope: AttendeeScope,
  cancelledAt: Instant.nullable(),
  cancelReason: z.string().nullable(),
  minutes: z.string().nullable(),
  minutesUpdatedAt: Instant.nullable(),
  photos: z.array(MeetingPhotoSchema),
  pendingCount: z.number().int(),
  absentCount: z.number().int(),
  completeness: CompletenessSchema,
  /** The caller's own standing when they are expected here, else null. */
  myAttendance: MyAttendanceSchema.nullable(),
  /** The caller may manage it (meeting.manage on its organisation). */
  canManage: z.boolean(),
}).meta({ id: 'MeetingDetail' });
export type MeetingDetail = z.infer<typeof MeetingDetailSchema>;

const BoolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const MeetingListQuerySchema = PageQuerySchema.extend({
  /** Subtree; default every subtree where the caller may read organisations. */
  orgId: UuidSchema.optional(),
  type: MeetingType.optional(),
  status: MeetingStatus.optional(),
  /** Starting on or after this date (China time). */
  from: DateOnlySchema.optional(),
  /** Starting on or before this date (China time). */
  to: DateOnlySchema.optional(),
}).meta({ id: 'MeetingListQuery' });
export type MeetingListQuery = z.infer<typeof MeetingListQuerySchema>;

/** The caller's own meetings (expected there): newest first, or upcoming first with `upcoming=true`. */
export const MyMeetingsQuerySchema = PageQuerySchema.extend({
  upcoming: BoolQuery.optional(),
  from: DateOnlySchema.optional(),
  to: DateOnlySchema.optional(),
}).meta({ id: 'MyMeetingsQuery' });
export type MyMeetingsQuery = z.infer<typeof MyMeetingsQuerySchema>;

export const AddGuestsSchema = z.object({ memberIds: z.array(UuidSchema).min(1).max(200) }).meta({ id: 'AddGuests' });
export type AddGuestsDto = z.infer<typeof AddGuestsSchema>;

export const AttendeesChangeSchema = z.object({ added: z.number().int(), expectedCount: z.number().int() }).meta({ id: 'AttendeesChange' });
export type AttendeesChange = z.infer<typeof AttendeesChangeSchema>;

// ---- Leave (请假) ----

export const CreateLeaveSchema = z.object({ reason: ReasonText }).meta({ id: 'CreateLeave' });
export type CreateLeaveDto = z.infer<typeof CreateLeaveSchema>;
export const ApproveLeaveSchema = z.object({ note: z.string().trim().max(500).optional() }).meta({ id: 'ApproveLeave' });
export type ApproveLeaveDto = z.infer<typeof ApproveLeaveSchema>;
/** Refusing needs a note the member sees. */
export const RefuseLeaveSchema = z.object({ note: NoteText }).meta({ id: 'RefuseLeave' });
export type RefuseLeaveDto = z.infer<typeof RefuseLeaveSchema>;

// ---- Minutes, photos, absences (C2) ----

export const MinutesSchema = z.object({ text: z.string().trim().min(1).max(50_000) }).meta({ id: 'Minutes' });
export type MinutesDto = z.infer<typeof MinutesSchema>;
/** C2: the reason an absentee without approved leave was absent, recorded by the secretary. */
export const AbsenceReasonSchema = z.object({ reason: ReasonText }).meta({ id: 'AbsenceReason' });
export type AbsenceReasonDto = z.infer<typeof AbsenceReasonSchema>;

// ---- Check-in ----

export const CheckinWindowState = z.enum(['not_open', 'open', 'closed']);
export type CheckinWindowState = z.infer<typeof CheckinWindowState>;
export const CheckinWindowSchema = z.object({ opensAt: Instant, closesAt: Instant, state: CheckinWindowState }).meta({ id: 'CheckinWindow' });
export type CheckinWindow = z.infer<typeof CheckinWindowSchema>;

/**
 * A rotating QR code as a screen shows it (check-in and ballots): the signed token for the current
 * step, the URL it opens, and the code as SVG. Fetch again before `expiresInMs`.
 */
export const RotatingQrSchema = z.object({
  title: z.string(),
  token: z.string(),
  /** The QR content: `${PUBLIC_BASE_URL}/#/…?<param>=<token>`. */
  url: z.string(),
  step: z.number().int(),
  stepSeconds: z.number().int(),
  /** Until the next step begins (the token stays valid one step longer). */
  expiresInMs: z.number().int(),
  /** The QR code of `url` as an SVG document. */
  svg: z.string(),
  serverTime: Instant,
});

/** GET /meetings/{id}/checkin-code: what the screen shows (`url` is `…/#/checkin/scan?t=<token>`). */
export const CheckinCodeSchema = RotatingQrSchema.extend({
  meetingId: UuidSchema,
  window: CheckinWindowSchema,
}).meta({ id: 'CheckinCode' });
export type CheckinCode = z.infer<typeof CheckinCodeSchema>;

/** POST /meetings/{id}/screen-link: a read-only link for the projector, without a password. */
export const ScreenLinkSchema = z
  .object({
    token: z.string(),
    /** `${PUBLIC_BASE_URL}/#/checkin/screen?id=<meetingId>&s=<token>` */
    url: z.string(),
    expiresAt: Instant,
  })
  .meta({ id: 'ScreenLink' });
export type ScreenLink = z.infer<typeof ScreenLinkSchema>;

/** The query parameter carrying a screen token on the code and live endpoints (or header `x-screen-token`). */
export const SCREEN_TOKEN_PARAM = 's';
/** The QR URL's query parameter carrying the check-in token. */
export const CHECKIN_TOKEN_PARAM = 't';
/** Paths (after `#`) of the H5 pages the QR and screen links open. */
export const CHECKIN_SCAN_PATH = '/checkin/scan';
export const CHECKIN_SCREEN_PATH = '/checkin/screen';

/** The token inside a scanned check-in URL (or the token itself), else null. */
export function tokenFromScan(content: string): string | null {
  const s = content.trim();
  const m = /[?&]t=([^&#\s]+)/.exec(s);
  if (m) {
    try {
      return decodeURIComponent(m[1]!);
    } catch {
      return null;
    }
  }
  return CHECKIN_QR_TOKEN.test(s) ? s : null;
}

export const CheckinRequestSchema = z
  .object({
    /** The token of the QR code (from its URL's `t` parameter). */
    token: z.string().trim().min(1).max(300),
    /** When the client knows which meeting it is checking in to: a token of another meeting is refused. */
    meetingId: UuidSchema.optional(),
    /** Required when the meeting has a geofence. */
    location: GeoLocationSchema.optional(),
    /** A scan kept while offline and sent later: recorded as pending confirmation, never silently accepted. */
    offline: z.boolean().default(false),
    /** When the offline scan was made (device clock). */
    scannedAt: Instant.optional(),
  })
  .refine((b) => !b.offline || b.scannedAt, { message: '离线签到需要提供扫码时间', path: ['scannedAt'] })
  .meta({ id: 'CheckinRequest' });
export type CheckinRequest = z.infer<typeof CheckinRequestSchema>;

export const CheckinOutcome = z.enum(['checked_in', 'already_checked_in', 'pending_confirmation']);
export type CheckinOutcome = z.infer<typeof CheckinOutcome>;

export const CheckinMeetingRefSchema = z
  .object({
    id: UuidSchema,
    title: z.string(),
    type: MeetingType,
    startsAt: Instant,
    endsAt: Instant,
    place: z.string(),
    organisationName: z.string(),
  })
  .meta({ id: 'CheckinMeetingRef' });

/** One answer for every way of checking in; `status` tells a first check-in from a repeated one (C3). */
export const CheckinResultSchema = z
  .object({
    status: CheckinOutcome,
    checkinId: UuidSchema,
    /** C3: the first check-in's time, also when answering "already checked in". */
    checkedInAt: Instant,
    method: CheckinMethod,
    checkinStatus: CheckinStatus,
    member: MemberRefSchema,
    meeting: CheckinMeetingRefSchema,
    /** For the one confirmation screen, in Chinese. */
    message: z.string(),
  })
  .meta({ id: 'CheckinResult' });
export type CheckinResult = z.infer<typeof CheckinResultSchema>;

/** The secretary scans (or types) a member's personal rotating code. */
export const MemberCodeCheckinSchema = z.object({ code: z.string().trim().min(8).max(120) }).meta({ id: 'MemberCodeCheckin' });
export type MemberCodeCheckinDto = z.infer<typeof MemberCodeCheckinSchema>;

/** 补签 by the secretary, with the reason; audited. */
export const ManualCheckinSchema = z.object({ memberId: UuidSchema, reason: ReasonText }).meta({ id: 'ManualCheckin' });
export type ManualCheckinDto = z.infer<typeof ManualCheckinSchema>;

export const ConfirmCheckinSchema = z.object({ note: z.string().trim().max(500).optional() }).meta({ id: 'ConfirmCheckin' });
export type ConfirmCheckinDto = z.infer<typeof ConfirmCheckinSchema>;
export const RejectCheckinSchema = z.object({ note: NoteText }).meta({ id: 'RejectCheckin' });
export type RejectCheckinDto = z.infer<typeof RejectCheckinSchema>;

/** GET /members/me/checkin-code: the member's personal rotating code (reverse mode). */
export const MemberCheckinCodeSchema = z
  .object({
    memberId: UuidSchema,
    name: z.string(),
    /** 8 digits (RFC 6238, HMAC-SHA-256, 30 s). */
    code: z.string(),
    /** What the member's QR encodes: `DJM1.<memberId hex>.<code>`. */
    content: z.string(),
    svg: z.string(),
    step: z.number().int(),
    periodSeconds: z.number().int(),
    digits: z.number().int(),
    expiresInMs: z.number().int(),
    /**
     * The member's TOTP secret (hex): with `memberCheckinCode` from this package the phone computes
     * the same codes offline.
     */
    secret: z.string(),
    algorithm: z.literal('HMAC-SHA-256'),
  })
  .meta({ id: 'MemberCheckinCode' });
export type MemberCheckinCode = z.infer<typeof MemberCheckinCodeSchema>;

// ---- Attendance ----

export const AttendanceEntrySchema = z
  .object({
    member: MemberRefSchema,
    /** The member's own organisation (guests come from elsewhere). */
    organisationName: z.string(),
    isGuest: z.boolean(),
    canVote: z.boolean(),
    state: AttendanceState,
    checkinId: UuidSchema.nullable(),
    checkedInAt: Instant.nullable(),
    method: CheckinMethod.nullable(),
    /** 补签 reason, or the offline scan's note. */
    checkinNote: z.string().nullable(),
    leaveId: UuidSchema.nullable(),
    leaveReason: z.string().nullable(),
    absenceReason: z.string().nullable(),
  })
  .meta({ id: 'AttendanceEntry' });
export type AttendanceEntry = z.infer<typeof AttendanceEntrySchema>;

/** GET /meetings/{id}/attendance: present in arrival order; the others by name. */
export const MeetingAttendanceSchema = z
  .object({
    meetingId: UuidSchema,
    expected: z.number().int(),
    present: z.array(AttendanceEntrySchema),
    pending: z.array(AttendanceEntrySchema),
    onLeave: z.array(AttendanceEntrySchema),
    absent: z.array(AttendanceEntrySchema),
    /** Before the meeting has started, the not-yet-present are listed here instead of absent. */
    notYetArrived: z.array(AttendanceEntrySchema),
  })
  .meta({ id: 'MeetingAttendance' });
export type MeetingAttendance = z.infer<typeof MeetingAttendanceSchema>;

/**
 * How many of the latest arrivals a live snapshot names (the screen lists them; older ones are
 * counted in `present`): a hall of thousands costs each update the same as a hall of forty.
 */
export const LIVE_ARRIVALS_SHOWN = 40;

/** What the screen shows, pushed over SSE (`event: snapshot`) within 2 s of each check-in. */
export const LiveSnapshotSchema = z
  .object({
    meetingId: UuidSchema,
    title: z.string(),
    startsAt: Instant,
    expected: z.number().int(),
    present: z.number().int(),
    pending: z.number().int(),
    /** The latest LIVE_ARRIVALS_SHOWN confirmed arrivals, in order of arrival (the `present` - length before them are counted only). */
    arrivals: z.array(z.object({ memberId: UuidSchema, name: z.string(), at: Instant, isGuest: z.boolean() })),
    window: CheckinWindowSchema,
    serverTime: Instant,
  })
  .meta({ id: 'LiveSnapshot' });
export type LiveSnapshot = z.infer<typeof LiveSnapshotSchema>;

export const AttendanceHistoryQuerySchema = PageQuerySchema.extend({
  from: DateOnlySchema.optional(),
  to: DateOnlySchema.optional(),
}).meta({ id: 'AttendanceHistoryQuery' });
export type AttendanceHistoryQuery = z.infer<typeof AttendanceHistoryQuerySchema>;

export const AttendanceTotalsSchema = z
  .object({
    meetings: z.number().int(),
    expected: z.number().int(),
    present: z.number().int(),
    onLeave: z.number().int(),
    absent: z.number().int(),
    /** present / expected over held meetings, 0–1 (null when nothing was expected). */
    rate: z.number().nullable(),
  })
  .meta({ id: 'AttendanceTotals' });
export type AttendanceTotals = z.infer<typeof AttendanceTotalsSchema>;

export const MemberAttendanceItemSchema = z
  .object({
    meetingId: UuidSchema,
    title: z.string(),
    type: MeetingType,
    organisationName: z.string(),
    startsAt: Instant,
    isGuest: z.boolean(),
    state: AttendanceState,
    checkedInAt: Instant.nullable(),
    leaveReason: z.string().nullable(),
    absenceReason: z.string().nullable(),
  })
  .meta({ id: 'MemberAttendanceItem' });
export type MemberAttendanceItem = z.infer<typeof MemberAttendanceItemSchema>;

/** A member's attendance over a period: totals over held (not cancelled) meetings and the list, newest first. */
export const MemberAttendanceSchema = z
  .object({
    member: MemberRefSchema,
    from: DateOnlySchema.nullable(),
    to: DateOnlySchema.nullable(),
    totals: AttendanceTotalsSchema,
    items: z.array(MemberAttendanceItemSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'MemberAttendance' });
export type MemberAttendance = z.infer<typeof MemberAttendanceSchema>;

export const AttendanceRateQuerySchema = z
  .object({ orgId: UuidSchema, from: DateOnlySchema.optional(), to: DateOnlySchema.optional() })
  .meta({ id: 'AttendanceRateQuery' });
export type AttendanceRateQuery = z.infer<typeof AttendanceRateQuerySchema>;

/** Attendance of meetings held in an organisation's subtree, in total and per direct child's subtree. */
export const AttendanceRateSchema = z
  .object({
    orgId: UuidSchema,
    name: z.string(),
    from: DateOnlySchema.nullable(),
    to: DateOnlySchema.nullable(),
    total: AttendanceTotalsSchema,
    children: z.array(AttendanceTotalsSchema.extend({ orgId: UuidSchema, name: z.string(), kind: OrgKind })),
  })
  .meta({ id: 'AttendanceRate' });
export type AttendanceRate = z.infer<typeof AttendanceRateSchema>;

// ---- Compliance (C1) ----

export const CompliancePeriod = z.enum(['month', 'quarter', 'half_year', 'year']);
export type CompliancePeriod = z.infer<typeof CompliancePeriod>;

export const ComplianceQuerySchema = PageQuerySchema.extend({
  /** An organisation: itself (when a branch) and the branches of its subtree, by name. */
  orgId: UuidSchema,
  year: z.coerce.number().int().min(2000).max(2100),
  /** C1 [rule-set parameter]: how often a 党课 is required; default quarter. */
  partyLecturePeriod: CompliancePeriod.optional(),
}).meta({ id: 'ComplianceQuery' });
export type ComplianceQuery = z.infer<typeof ComplianceQuerySchema>;

export const BucketState = z.enum(['met', 'missing', 'due', 'upcoming']);
export type BucketState = z.infer<typeof BucketState>;

export const ComplianceBucketSchema = z
  .object({
    /** '2025-03', '2025-Q1', '2025-H1' or '2025'. */
    label: z.string(),
    from: DateOnlySchema,
    to: DateOnlySchema,
    held: z.number().int(),
    /** Not cancelled and not yet started (the calendar's "scheduled"). */
    scheduled: z.number().int(),
    /** Entries of the branch's yearly plan in the period; null when the branch has no plan for the year. */
    planned: z.number().int().nullable(),
    /** met; missing (period over, too few); due (current period, not yet met); upcoming. */
    state: BucketState,
  })
  .meta({ id: 'ComplianceBucket' });

export const ComplianceRequirementSchema = z
  .object({
    type: MeetingType,
    period: CompliancePeriod,
    min: z.number().int(),
    /** For a 党小组会: the group it is required of. */
    group: z.object({ id: UuidSchema, name: z.string() }).nullable(),
    /** False when the rule does not bind this organisation (e.g. 支委会 without a committee, O4). */
    applicable: z.boolean(),
    note: z.string().nullable(),
    buckets: z.array(ComplianceBucketSchema),
    met: z.number().int(),
    missing: z.number().int(),
  })
  .meta({ id: 'ComplianceRequirement' });
export type ComplianceRequirement = z.infer<typeof ComplianceRequirementSchema>;

/** A branch's yearly plan (年度计划, meeting-plans.ts): defined here because the compliance view names it. */
export const MeetingPlanState = z.enum(['draft', 'submitted', 'acknowledged', 'returned']);
export type MeetingPlanState = z.infer<typeof MeetingPlanState>;

export const OrgComplianceSchema = z
  .object({
    orgId: UuidSchema,
    name: z.string(),
    kind: OrgKind,
    /** The branch's yearly plan for the year, compared bucket by bucket (`planned`), or null. */
    plan: z.object({ id: UuidSchema, state: MeetingPlanState }).nullable(),
    requirements: z.array(ComplianceRequirementSchema),
    /** Buckets missed so far over every applicable requirement. */
    missing: z.number().int(),
  })
  .meta({ id: 'OrgCompliance' });
export type OrgCompliance = z.infer<typeof OrgComplianceSchema>;

export const CompliancePageSchema = pageOf(OrgComplianceSchema)
  .extend({ year: z.number().int(), rulesVersion: z.number().int() })
  .meta({ id: 'CompliancePage' });
export type CompliancePage = z.infer<typeof CompliancePageSchema>;

/** Error codes of the meetings and check-in endpoints (clients switch on these). */
export const MeetingErrorCode = {
  TYPE_NOT_FOR_ORG: 'MEETING_TYPE_NOT_FOR_ORG',
  TIME_INVALID: 'MEETING_TIME_INVALID',
  CANCELLED: 'MEETING_CANCELLED',
  ALREADY_STARTED: 'MEETING_ALREADY_STARTED',
  ALREADY_ENDED: 'MEETING_ALREADY_ENDED',
  NOT_STARTED: 'MEETING_NOT_STARTED',
  MEMBER_UNKNOWN: 'MEETING_MEMBER_UNKNOWN',
  GUEST_NOT_ALLOWED: 'MEETING_GUEST_NOT_ALLOWED',
  NOT_A_GUEST: 'MEETING_NOT_A_GUEST',
  GUEST_CHECKED_IN: 'MEETING_GUEST_CHECKED_IN',
  NOT_EXPECTED: 'MEETING_NOT_EXPECTED',
  NOT_ABSENT: 'MEETING_NOT_ABSENT',
  LEAVE_TOO_LATE: 'LEAVE_TOO_LATE',
  LEAVE_ALREADY_REQUESTED: 'LEAVE_ALREADY_REQUESTED',
  LEAVE_ALREADY_PRESENT: 'LEAVE_ALREADY_PRESENT',
  LEAVE_NOT_PENDING: 'LEAVE_NOT_PENDING',
  PHOTO_MISSING: 'MEETING_PHOTO_MISSING',
  PHOTO_TYPE_NOT_ALLOWED: 'MEETING_PHOTO_TYPE_NOT_ALLOWED',
  PHOTO_TOO_LARGE: 'MEETING_PHOTO_TOO_LARGE',
  PHOTO_LIMIT: 'MEETING_PHOTO_LIMIT',
  CHECKIN_TOKEN_MALFORMED: 'CHECKIN_TOKEN_MALFORMED',
  CHECKIN_TOKEN_FORGED: 'CHECKIN_TOKEN_FORGED',
  CHECKIN_TOKEN_EXPIRED: 'CHECKIN_TOKEN_EXPIRED',
  CHECKIN_TOKEN_NOT_YET_VALID: 'CHECKIN_TOKEN_NOT_YET_VALID',
  CHECKIN_TOKEN_OTHER_MEETING: 'CHECKIN_TOKEN_OTHER_MEETING',
  CHECKIN_WINDOW_NOT_OPEN: 'CHECKIN_WINDOW_NOT_OPEN',
  CHECKIN_WINDOW_CLOSED: 'CHECKIN_WINDOW_CLOSED',
  CHECKIN_NOT_A_MEMBER: 'CHECKIN_NOT_A_MEMBER',
  CHECKIN_NOT_EXPECTED: 'CHECKIN_NOT_EXPECTED',
  CHECKIN_LOCATION_REQUIRED: 'CHECKIN_LOCATION_REQUIRED',
  CHECKIN_OUTSIDE_GEOFENCE: 'CHECKIN_OUTSIDE_GEOFENCE',
  CHECKIN_OFFLINE_TIME_INVALID: 'CHECKIN_OFFLINE_TIME_INVALID',
  CHECKIN_MEMBER_CODE_INVALID: 'CHECKIN_MEMBER_CODE_INVALID',
  CHECKIN_NOT_PENDING: 'CHECKIN_NOT_PENDING',
  CHECKIN_REJECTED: 'CHECKIN_REJECTED',
  SCREEN_TOKEN_INVALID: 'SCREEN_TOKEN_INVALID',
  SCREEN_TOKEN_EXPIRED: 'SCREEN_TOKEN_EXPIRED',
} as const;
export type MeetingErrorCode = (typeof MeetingErrorCode)[keyof typeof MeetingErrorCode];

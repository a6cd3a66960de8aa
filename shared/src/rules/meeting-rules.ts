import type { OrgKind } from '../org.js';
import type { MemberFlag, MemberStatus } from '../member.js';
import {
  DEFAULT_CHECKIN_OPENS_BEFORE_MIN,
  MEETING_TYPE_LABEL,
  type AttendanceState,
  type BucketState,
  type CheckinStatus,
  type CheckinWindowState,
  type CompliancePeriod,
  type ComplianceRequirement,
  type Completeness,
  type Geofence,
  type GeoLocation,
  type LeaveStatus,
  type MeetingStatus,
  type MeetingType,
} from '../meetings.js';

/*
 * Meeting rules C1–C5 as pure functions: the server enforces them, the mini-program shows them.
 * Times are instants (Date); calendar periods are China dates (UTC+8, no daylight saving).
 */

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

let recentDay = { from: Number.NaN, date: '' };
/** 'YYYY-MM-DD' of an instant in China. */
export function chinaDate(d: Date): string {
  const ms = d.getTime() + CHINA_OFFSET_MS;
  // The last day asked for is kept: every study heartbeat asks for today, and toISOString cost ~1 % of its server time (issue 12).
  if (ms >= recentDay.from && ms < recentDay.from + DAY_MS) return recentDay.date;
  const date = new Date(ms).toISOString().slice(0, 10);
  recentDay = { from: ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS), date };
  return date;
}
/** The instant a China calendar date begins. */
export const chinaDayStart = (date: string): Date => new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS);
/** The instant after a China calendar date ends (the next day's start). */
export const chinaDayEnd = (date: string): Date => new Date(chinaDayStart(date).getTime() + DAY_MS);
/** 'YYYY-MM-DD HH:mm' of an instant in China (spreadsheets, WeChat messages). */
export const chinaDateMinute = (d: Date): string => new Date(d.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

// ---- Meetings and the check-in window (C4) ----

/** Which organisations may hold which types: a 党小组会 only in a group, everything else not in a group (O8, C1). */
export function meetingTypeAllowed(type: MeetingType, orgKind: OrgKind): boolean {
  return type === 'group_meeting' ? orgKind === 'group' : orgKind !== 'group';
}

/** C4 default: from 30 minutes before the start to the end. */
export function defaultCheckinWindow(startsAt: Date, endsAt: Date): { opensAt: Date; closesAt: Date } {
  return { opensAt: new Date(startsAt.getTime() - DEFAULT_CHECKIN_OPENS_BEFORE_MIN * 60_000), closesAt: new Date(endsAt.getTime()) };
}

/** C4: a check-in counts only inside [opensAt, closesAt]. */
export function checkinWindowState(opensAt: Date, closesAt: Date, now: Date): CheckinWindowState {
  if (now.getTime() < opensAt.getTime()) return 'not_open';
  if (now.getTime() > closesAt.getTime()) return 'closed';
  return 'open';
}

export function meetingStatus(m: { startsAt: Date; endsAt: Date; cancelledAt: Date | null }, now: Date): MeetingStatus {
  if (m.cancelledAt) return 'cancelled';
  if (now.getTime() < m.startsAt.getTime()) return 'scheduled';
  if (now.getTime() < m.endsAt.getTime()) return 'in_progress';
  return 'ended';
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (x: number) => (x * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Optional geofence (C4): the reported position must lie within the radius. The device's accuracy is
 * not added: a wide accuracy circle is not evidence of being inside.
 */
export function insideGeofence(fence: Geofence, location: GeoLocation): boolean {
  return distanceMeters(fence, location) <= fence.radiusM;
}

/**
 * C4 and E1: an expected attendee may vote at the meeting only as a full member of the organisation
 * holding it, not under 留党察看 and with rights not suspended. Guests (流动党员 from elsewhere) never.
 */
export function canVoteAt(a: { isGuest: boolean; status: MemberStatus; flags: ReadonlyArray<MemberFlag> }): boolean {
  return !a.isGuest && a.status === 'full' && !a.flags.includes('disciplinary_probation') && !a.flags.includes('rights_suspended');
}

/** One member's standing at one meeting (C3: only a confirmed check-in is presence). */
export function attendanceState(p: { checkin: CheckinStatus | null; leave: LeaveStatus | null; meeting: MeetingStatus }): AttendanceState {
  if (p.checkin === 'confirmed') return 'present';
  if (p.checkin === 'pending_confirmation') return 'pending_confirmation';
  if (p.leave === 'approved') return 'on_leave';
  if (p.leave === 'pending') return 'leave_pending';
  return p.meeting === 'ended' ? 'absent' : 'upcoming';
}

// ---- The record (C2) ----

export type CompletenessInput = {
  status: MeetingStatus;
  minutes: string | null;
  chairId: string | null;
  recorderId: string | null;
  /** Expected members without a confirmed check-in or approved leave. */
  absentees: ReadonlyArray<{ member: { id: string; name: string }; reason: string | null }>;
  pendingCheckins: number;
};

/**
 * C2: a meeting's record is complete once it has been held and has minutes, a chair, a recorder,
 * a reason for every absentee (approved leave or a recorded reason) and no check-in still pending.
 */
export function meetingCompleteness(p: CompletenessInput): Completeness {
  const missing: Completeness['missing'] = [];
  if (p.status === 'cancelled') return { complete: false, missing: [{ item: 'not_held', message: '会议已取消' }] };
  if (p.status !== 'ended') missing.push({ item: 'not_held', message: '会议尚未结束' });
  if (!p.minutes?.trim()) missing.push({ item: 'minutes', message: '缺少会议记录' });
  if (!p.chairId) missing.push({ item: 'chair', message: '未指定主持人' });
  if (!p.recorderId) missing.push({ item: 'recorder', message: '未指定记录人' });
  if (p.pendingCheckins > 0) missing.push({ item: 'pending_checkins', message: `还有 ${p.pendingCheckins} 条离线签到待确认` });
  if (p.status === 'ended') {
    for (const a of p.absentees) {
      if (!a.reason?.trim()) missing.push({ item: 'absence_reason', message: `缺席人员 ${a.member.name} 未登记缺席原因`, member: a.member });
    }
  }
  return { complete: missing.length === 0, missing };
}

// ---- Compliance (C1) ----

export type MeetingRequirementRule = { type: MeetingType; period: CompliancePeriod; min: number; perGroup?: boolean };
export type MeetingRuleSet = {
  version: number;
  requirements: ReadonlyArray<MeetingRequirementRule>;
  /** O4: a branch has a committee (so 支委会 are required) from this many full members. */
  committeeMinFullMembers: number;
};

/**
 * C1 as of DOMAIN.md: 党员大会 ≥1 per quarter; 支委会 ≥1 per month; 党小组会 ≥1 per month per group;
 * 主题党日 ≥1 per month; 党课 configurable (default ≥1 per quarter); 组织生活会 and 民主评议 ≥1 per year.
 */
export const MEETING_RULES_V1: MeetingRuleSet = {
  version: 1,
  requirements: [
    { type: 'general_assembly', period: 'quarter', min: 1 },
    { type: 'committee_meeting', period: 'month', min: 1 },
    { type: 'group_meeting', period: 'month', min: 1, perGroup: true },
    { type: 'theme_day', period: 'month', min: 1 },
    { type: 'party_lecture', period: 'quarter', min: 1 },
    { type: 'life_meeting', period: 'year', min: 1 },
    { type: 'democratic_review', period: 'year', min: 1 },
  ],
  committeeMinFullMembers: 7,
};

/** The rule set with its parameters applied (C1: the 党课 frequency). */
export function meetingRules(p: { partyLecturePeriod?: CompliancePeriod } = {}, base: MeetingRuleSet = MEETING_RULES_V1): MeetingRuleSet {
  if (!p.partyLecturePeriod) return base;
  return { ...base, requirements: base.requirements.map((r) => (r.type === 'party_lecture' ? { ...r, period: p.partyLecturePeriod! } : r)) };
}

export type PeriodBucket = { label: string; from: string; to: string };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const span = (label: string, year: number, m1: number, m2: number): PeriodBucket => ({
  label,
  from: `${year}-${pad(m1)}-01`,
  to: `${year}-${pad(m2)}-${pad(lastDay(year, m2))}`,
});

/** The calendar buckets of one year for a period. */
export function periodBuckets(year: number, period: CompliancePeriod): PeriodBucket[] {
  switch (period) {
    case 'month':
      return Array.from({ length: 12 }, (_, i) => span(`${year}-${pad(i + 1)}`, year, i + 1, i + 1));
    case 'quarter':
      return Array.from({ length: 4 }, (_, i) => span(`${year}-Q${i + 1}`, year, i * 3 + 1, i * 3 + 3));
    case 'half_year':
      return [span(`${year}-H1`, year, 1, 6), span(`${year}-H2`, year, 7, 12)];
    case 'year':
      return [span(String(year), year, 1, 12)];
  }
}

export type ComplianceMeeting = { type: MeetingType; organisationId: string; startsAt: Date; cancelled: boolean };
export type PlannedMeeting = { type: MeetingType; month: number; groupId: string | null };
export type ComplianceInput = {
  org: { id: string; kind: OrgKind; fullMemberCount: number; groups: ReadonlyArray<{ id: string; name: string }> };
  /** Meetings of the organisation and of its groups (any year: filtered here). */
  meetings: ReadonlyArray<ComplianceMeeting>;
  /** The yearly plan's entries (month 1–12; the group for a 党小组会), or null/absent without a plan. */
  plan?: ReadonlyArray<PlannedMeeting> | null;
  year: number;
  now: Date;
  rules?: MeetingRuleSet;
};

/**
 * C1: per requirement, the buckets of the year with the meetings held in each (not cancelled and
 * already started, counted by the China date of the start) and whether the minimum was met.
 * A bucket that is over and short is `missing`; the current one is `due` until met; later ones `upcoming`.
 * Beside `held`, each bucket counts the meetings `scheduled` (not cancelled, not yet started) and,
 * with a yearly plan, the `planned` entries, so plan, schedule and record are compared per period.
 */
export function complianceOf(p: ComplianceInput): { requirements: ComplianceRequirement[]; missing: number } {
  const rules = p.rules ?? MEETING_RULES_V1;
  const today = chinaDate(p.now);
  const live = p.meetings.filter((m) => !m.cancelled);
  const started = (m: ComplianceMeeting) => m.startsAt.getTime() <= p.now.getTime();
  const requirements: ComplianceRequirement[] = [];
  for (const rule of rules.requirements) {
    const targets: Array<{ orgId: string; group: { id: string; name: string } | null }> = rule.perGroup
      ? p.org.groups.map((g) => ({ orgId: g.id, group: { id: g.id, name: g.name } }))
      : [{ orgId: p.org.id, group: null }];
    for (const target of targets) {
      let applicable = true;
      let note: string | null = null;
      if (rule.type === 'committee_meeting' && p.org.kind === 'branch' && p.org.fullMemberCount < rules.committeeMinFullMembers) {
        applicable = false;
        note = `正式党员不足 ${rules.committeeMinFullMembers} 人，不设支部委员会，不要求召开支委会`;
      }
      const mine = live.filter((m) => m.type === rule.type && m.organisationId === target.orgId);
      const heldDates = mine.filter(started).map((m) => chinaDate(m.startsAt));
      const scheduledDates = mine.filter((m) => !started(m)).map((m) => chinaDate(m.startsAt));
      const plannedMonths = p.plan
        ? p.plan.filter((e) => e.type === rule.type && (rule.perGroup ? e.groupId === target.orgId : true)).map((e) => `${p.year}-${pad(e.month)}`)
        : null;
      const buckets = periodBuckets(p.year, rule.period).map((b) => {
        const count = heldDates.filter((d) => d >= b.from && d <= b.to).length;
        const scheduled = scheduledDates.filter((d) => d >= b.from && d <= b.to).length;
        const planned = plannedMonths ? plannedMonths.filter((m) => m >= b.from.slice(0, 7) && m <= b.to.slice(0, 7)).length : null;
        let state: BucketState;
        if (count >= rule.min) state = 'met';
        else if (b.to < today) state = 'missing';
        else if (b.from <= today) state = 'due';
        else state = 'upcoming';
        return { ...b, held: count, scheduled, planned, state };
      });
      requirements.push({
        type: rule.type,
        period: rule.period,
        min: rule.min,
        group: target.group,
        applicable,
        note,
        buckets,
        met: buckets.filter((b) => b.state === 'met').length,
        missing: applicable ? buckets.filter((b) => b.state === 'missing').length : 0,
      });
    }
  }
  return { requirements, missing: requirements.reduce((n, r) => n + r.missing, 0) };
}

/** A short Chinese description of a requirement ("党员大会 每季度至少 1 次"). */
export function requirementLabel(r: { type: MeetingType; period: CompliancePeriod; min: number }): string {
  const per: Record<CompliancePeriod, string> = { month: '每月', quarter: '每季度', half_year: '每半年', year: '每年' };
  return `${MEETING_TYPE_LABEL[r.type]} ${per[r.period]}至少 ${r.min} 次`;
}

// ---- Six months without organisational life (C5) ----

export const ORG_LIFE_LAPSE_MONTHS = 6;

/** `months` calendar months before `now` (day clamped to the shorter month), same time of day. */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now.getTime() + CHINA_OFFSET_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() - months;
  const target = new Date(Date.UTC(y, m, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  const day = Math.min(d.getUTCDate(), lastDay(target.getUTCFullYear(), target.getUTCMonth() + 1));
  target.setUTCDate(day);
  return new Date(target.getTime() - CHINA_OFFSET_MS);
}

/** C5: the instant before which the last organisational life must not lie. */
export const orgLifeCutoff = (now: Date, months: number = ORG_LIFE_LAPSE_MONTHS) => monthsBefore(now, months);

/**
 * C5: six consecutive months without an attended meeting. Counted from the last attended meeting, or
 * from when the member came under the organisation's record (`trackedSince`) if later or if none,
 * so a member newly registered is not reported for months before the platform knew them.
 */
export function lacksOrgLife(p: { lastAttendedAt: Date | null; trackedSince: Date }, now: Date, months: number = ORG_LIFE_LAPSE_MONTHS): boolean {
  const since = Math.max(p.lastAttendedAt?.getTime() ?? 0, p.trackedSince.getTime());
  return since < orgLifeCutoff(now, months).getTime();
}

import { z } from 'zod';
import { PageQuerySchema, UuidSchema, pageOf } from './common.js';
import { MonthSchema } from './fees.js';
import { CompliancePeriod, MeetingPlanState, MeetingStatus, MeetingType } from './meetings.js';

/*
 * The 三会一课 calendar and each branch's yearly plan (年度计划), issue 14. A plan is drafted from C1,
 * adjusted by the secretary and reported to the organisation above (报上级党组织); the gaps of a month
 * are the C1 requirements not yet met by a held or scheduled meeting. docs/modules/calendar.md.
 */

const Instant = z.iso.datetime({ offset: true });

// ---- Calendar ----

export const CalendarQuerySchema = z
  .object({
    month: MonthSchema,
    /** An organisation whose subtree's meetings (org.read) and, when a branch, gaps to show; default the caller's own. */
    orgId: UuidSchema.optional(),
  })
  .meta({ id: 'CalendarQuery' });
export type CalendarQuery = z.infer<typeof CalendarQuerySchema>;

export const CalendarMeetingSchema = z
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
    /** The China date of the start, 'YYYY-MM-DD' (the day it is drawn on). */
    date: z.iso.date(),
    /** The caller is expected there (as member or guest). */
    mine: z.boolean(),
  })
  .meta({ id: 'CalendarMeeting' });
export type CalendarMeeting = z.infer<typeof CalendarMeetingSchema>;

/** `unscheduled`: the period is current or ahead and nothing is scheduled; `missed`: the period is over and too few were held. */
export const GapState = z.enum(['unscheduled', 'missed']);
export type GapState = z.infer<typeof GapState>;

/** A C1 requirement of a branch whose period (containing the month) has too few held or scheduled meetings. */
export const CalendarGapSchema = z
  .object({
    organisationId: UuidSchema,
    organisationName: z.string(),
    type: MeetingType,
    /** For a 党小组会: the group. */
    group: z.object({ id: UuidSchema, name: z.string() }).nullable(),
    period: CompliancePeriod,
    /** The period, e.g. '2025-06', '2025-Q2', '2025'. */
    label: z.string(),
    from: z.iso.date(),
    to: z.iso.date(),
    min: z.number().int(),
    held: z.number().int(),
    scheduled: z.number().int(),
    state: GapState,
    /** Plain Chinese: '本月尚未安排：支委会'. */
    text: z.string(),
    /** The yearly plan's topic for this type in this month, when the plan has one. */
    plannedTopic: z.string().nullable(),
  })
  .meta({ id: 'CalendarGap' });
export type CalendarGap = z.infer<typeof CalendarGapSchema>;

export const CalendarSchema = z
  .object({
    month: MonthSchema,
    /** The caller's meetings and the meetings of the organisations they run or chose, by start. */
    meetings: z.array(CalendarMeetingSchema),
    /** More meetings than one answer carries (a large subtree): narrow with `orgId`. */
    truncated: z.boolean(),
    /** Gaps of the branches whose meetings the caller runs (or the chosen branch, org.read). */
    gaps: z.array(CalendarGapSchema),
  })
  .meta({ id: 'Calendar' });
export type Calendar = z.infer<typeof CalendarSchema>;

/** At most this many meetings in one calendar answer. */
export const CALENDAR_MAX_MEETINGS = 500;

// ---- Yearly plan (年度计划) ----

export const MEETING_PLAN_STATE_LABEL: Record<MeetingPlanState, string> = {
  draft: '草稿',
  submitted: '已报上级',
  acknowledged: '上级已确认',
  returned: '已退回',
};

export const MeetingPlanAction = z.enum(['submit', 'acknowledge', 'return', 'reopen']);
export type MeetingPlanAction = z.infer<typeof MeetingPlanAction>;
export const MEETING_PLAN_ACTION_LABEL: Record<MeetingPlanAction, string> = {
  submit: '报上级党组织',
  acknowledge: '确认',
  return: '退回修改',
  reopen: '重新调整',
};

const TopicText = z.string().trim().max(200);

export const MeetingPlanEntryInputSchema = z
  .object({
    month: z.number().int().min(1).max(12),
    type: MeetingType,
    /** The group, for a 党小组会 (required then, refused otherwise). */
    groupId: UuidSchema.nullable().default(null),
    topic: TopicText.default(''),
  })
  .meta({ id: 'MeetingPlanEntryInput' });
export type MeetingPlanEntryInput = z.infer<typeof MeetingPlanEntryInputSchema>;

export const MeetingPlanEntrySchema = z
  .object({
    id: UuidSchema,
    month: z.number().int(),
    type: MeetingType,
    group: z.object({ id: UuidSchema, name: z.string() }).nullable(),
    topic: z.string(),
  })
  .meta({ id: 'MeetingPlanEntry' });
export type MeetingPlanEntry = z.infer<typeof MeetingPlanEntrySchema>;

export const CreateMeetingPlanSchema = z
  .object({
    /** A 党支部 (plans are per branch, like the C1 view). */
    organisationId: UuidSchema,
    year: z.number().int().min(2000).max(2100),
    /** C1 [rule-set parameter]: how often a 党课 is planned; default quarter. */
    partyLecturePeriod: CompliancePeriod.optional(),
  })
  .meta({ id: 'CreateMeetingPlan' });
export type CreateMeetingPlanDto = z.infer<typeof CreateMeetingPlanSchema>;

/** The whole list of entries (replaces the previous one): the secretary adjusts the draft. */
export const UpdateMeetingPlanSchema = z.object({ entries: z.array(MeetingPlanEntryInputSchema).max(600) }).meta({ id: 'UpdateMeetingPlan' });
export type UpdateMeetingPlanDto = z.infer<typeof UpdateMeetingPlanSchema>;

export const ReturnMeetingPlanSchema = z
  .object({ reason: z.string().trim().min(2, { message: '请填写退回原因（至少 2 个字）' }).max(500) })
  .meta({ id: 'ReturnMeetingPlan' });
export type ReturnMeetingPlanDto = z.infer<typeof ReturnMeetingPlanSchema>;

export const MeetingPlanSummarySchema = z
  .object({
    id: UuidSchema,
    organisationId: UuidSchema,
    organisationName: z.string(),
    year: z.number().int(),
    state: MeetingPlanState,
    entryCount: z.number().int(),
    submittedAt: Instant.nullable(),
    updatedAt: Instant,
  })
  .meta({ id: 'MeetingPlanSummary' });
export type MeetingPlanSummary = z.infer<typeof MeetingPlanSummarySchema>;

export const MeetingPlanSchema = MeetingPlanSummarySchema.extend({
  rulesVersion: z.number().int(),
  partyLecturePeriod: CompliancePeriod,
  entries: z.array(MeetingPlanEntrySchema),
  submittedBy: z.string().nullable(),
  decidedAt: Instant.nullable(),
  decidedBy: z.string().nullable(),
  returnReason: z.string().nullable(),
  /** The caller runs the branch's meetings and the plan is a draft or returned. */
  canEdit: z.boolean(),
  /** The caller may take these steps now (the branch: submit, reopen; the organisation above: acknowledge, return). */
  actions: z.array(MeetingPlanAction),
}).meta({ id: 'MeetingPlan' });
export type MeetingPlan = z.infer<typeof MeetingPlanSchema>;

export const MeetingPlanListQuerySchema = PageQuerySchema.extend({
  /** Subtree; default every subtree the caller may read. */
  orgId: UuidSchema.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  state: MeetingPlanState.optional(),
}).meta({ id: 'MeetingPlanListQuery' });
export type MeetingPlanListQuery = z.infer<typeof MeetingPlanListQuerySchema>;

export const MeetingPlanPageSchema = pageOf(MeetingPlanSummarySchema).meta({ id: 'MeetingPlanPage' });
export type MeetingPlanPage = z.infer<typeof MeetingPlanPageSchema>;

/** Error codes of the plan endpoints. */
export const MeetingPlanErrorCode = {
  NOT_A_BRANCH: 'MEETING_PLAN_NOT_A_BRANCH',
  EXISTS: 'MEETING_PLAN_EXISTS',
  NOT_EDITABLE: 'MEETING_PLAN_NOT_EDITABLE',
  ENTRY_INVALID: 'MEETING_PLAN_ENTRY_INVALID',
  STEP_OUT_OF_ORDER: 'MEETING_PLAN_STEP_OUT_OF_ORDER',
  NOT_HIGHER: 'MEETING_PLAN_NOT_HIGHER',
  NOT_BRANCH: 'MEETING_PLAN_NOT_BRANCH',
} as const;
export type MeetingPlanErrorCode = (typeof MeetingPlanErrorCode)[keyof typeof MeetingPlanErrorCode];

import { z } from 'zod';
import { UuidSchema } from './common.js';
import { MonthSchema } from './fees.js';

/*
 * The desktop console's charts and the committee hall's big screen (数据大屏, issue 15). Rates are
 * basis points (9876 = 98.76 %) as the fee reports give them, null where there is nothing to divide by.
 */

const Instant = z.iso.datetime({ offset: true });
const RateBp = z.number().int().nullable();

export const CONSOLE_CHART_MONTHS_MAX = 24;

export const ConsoleChartsQuerySchema = z
  .object({
    orgId: UuidSchema,
    /** How many months back from the current month (China time), the current month included. */
    months: z.coerce.number().int().min(1).max(CONSOLE_CHART_MONTHS_MAX).default(12),
  })
  .meta({ id: 'ConsoleChartsQuery' });
export type ConsoleChartsQuery = z.infer<typeof ConsoleChartsQuerySchema>;

/** 党费 billed and paid in an organisation's subtree in one month (F1; rate = paid ÷ due in money). */
export const FeeCollectionPointSchema = z
  .object({ month: MonthSchema, dueFen: z.number().int(), paidFen: z.number().int(), rateBp: RateBp })
  .meta({ id: 'FeeCollectionPoint' });
export type FeeCollectionPoint = z.infer<typeof FeeCollectionPointSchema>;

/** Meetings held (not cancelled) in the subtree in one month and their attendance (C2, C3). */
export const AttendancePointSchema = z
  .object({ month: MonthSchema, meetings: z.number().int(), expected: z.number().int(), present: z.number().int(), rateBp: RateBp })
  .meta({ id: 'AttendancePoint' });
export type AttendancePoint = z.infer<typeof AttendancePointSchema>;

/** Study hours (学时, L1/L2: credited online time) of the subtree's members in one month. */
export const StudyHoursPointSchema = z.object({ month: MonthSchema, hours: z.number(), learners: z.number().int() }).meta({ id: 'StudyHoursPoint' });
export type StudyHoursPoint = z.infer<typeof StudyHoursPointSchema>;

export const ConsoleChartsSchema = z
  .object({
    orgId: UuidSchema,
    orgName: z.string(),
    /** Oldest first, the current month last; every series has one point per month. */
    months: z.array(MonthSchema),
    fees: z.array(FeeCollectionPointSchema),
    attendance: z.array(AttendancePointSchema),
    study: z.array(StudyHoursPointSchema),
  })
  .meta({ id: 'ConsoleCharts' });
export type ConsoleCharts = z.infer<typeof ConsoleChartsSchema>;

/** The live counts of a committee's area. */
export const HallCountsSchema = z
  .object({
    members: z.number().int(),
    organisations: z.number().int(),
    meetingsToday: z.number().int(),
    expectedToday: z.number().int(),
    checkinsToday: z.number().int(),
    feeDueFenThisMonth: z.number().int(),
    feePaidFenThisMonth: z.number().int(),
    feeRateBpThisMonth: RateBp,
    studyHoursThisMonth: z.number(),
    learnersThisMonth: z.number().int(),
  })
  .meta({ id: 'HallCounts' });
export type HallCounts = z.infer<typeof HallCountsSchema>;

export const HallMeetingSchema = z
  .object({
    id: UuidSchema,
    title: z.string(),
    organisationName: z.string(),
    startsAt: Instant,
    endsAt: Instant,
    expected: z.number().int(),
    present: z.number().int(),
  })
  .meta({ id: 'HallMeeting' });
export type HallMeeting = z.infer<typeof HallMeetingSchema>;

/**
 * Coverage against targets (K2–K4), filled by the ledger module's summary after merge: one line per
 * kind of coverage (组织覆盖, 工作覆盖 …), its rate and the year's target, in basis points.
 */
export const HallCoverageSchema = z
  .object({
    year: z.number().int(),
    enterprises: z.number().int(),
    items: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        covered: z.number().int(),
        rateBp: RateBp,
        targetBp: z.number().int().nullable(),
      }),
    ),
  })
  .meta({ id: 'HallCoverage' });
export type HallCoverage = z.infer<typeof HallCoverageSchema>;

/** The top organisations of a month by an index (K5), filled by the indexes module's summary after merge. */
export const HallRankingSchema = z
  .object({
    month: MonthSchema,
    /** What is ranked, e.g. "综合指数" or one of the five indexes. */
    indexName: z.string(),
    items: z.array(z.object({ rank: z.number().int(), orgId: UuidSchema, name: z.string(), score: z.number(), change: z.number().nullable() })),
  })
  .meta({ id: 'HallRanking' });
export type HallRanking = z.infer<typeof HallRankingSchema>;

/** Everything the hall's big screen shows at one moment. */
export const HallSnapshotSchema = z
  .object({
    orgId: UuidSchema,
    orgName: z.string(),
    counts: HallCountsSchema,
    todayMeetings: z.array(HallMeetingSchema),
    /** The fee collection of the last months, for the screen's small chart. */
    fees: z.array(FeeCollectionPointSchema),
    coverage: HallCoverageSchema.nullable(),
    ranking: HallRankingSchema.nullable(),
    serverTime: Instant,
  })
  .meta({ id: 'HallSnapshot' });
export type HallSnapshot = z.infer<typeof HallSnapshotSchema>;

export const HallScreenLinkInputSchema = z.object({ orgId: UuidSchema }).meta({ id: 'HallScreenLinkInput' });
export type HallScreenLinkInput = z.infer<typeof HallScreenLinkInputSchema>;

export const HallSnapshotQuerySchema = z.object({ orgId: UuidSchema, s: z.string().max(200).optional() }).meta({ id: 'HallSnapshotQuery' });
export type HallSnapshotQuery = z.infer<typeof HallSnapshotQuerySchema>;

/** The hall screen's page in the app and its link parameters. */
export const HALL_SCREEN_PATH = '/packages/console/pages/screen/index';
/** The screen polls this often; counts are cheap sums over indexed columns. */
export const HALL_REFRESH_MS = 10_000;

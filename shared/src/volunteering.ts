import { z } from 'zod';
import { UuidSchema } from './common.js';
import { MobilePhoneSchema } from './member.js';
import { VOLUNTEER_RULE_SET_IDS } from './rules/volunteer-rules.js';

/*
 * 志愿服务 (issue 17, P4): teams of members and 群众 volunteers, activities with places and a waiting
 * list, sign-in/out by the rotating QR code, capped service hours, a report with photos, a certificate.
 */

export const VOLUNTEER_LIMITS = { nameMax: 50, titleMax: 100, placeMax: 200, textMax: 2000, capacityMax: 1000, photosMax: 9 } as const;
const Instant = z.iso.datetime({ offset: true });

export const VolunteerRuleSetIdSchema = z.enum(VOLUNTEER_RULE_SET_IDS);

export const CreateVolunteerTeamSchema = z
  .object({
    orgId: UuidSchema,
    name: z.string().trim().min(1, '请填写队伍名称').max(VOLUNTEER_LIMITS.nameMax),
    description: z.string().trim().max(VOLUNTEER_LIMITS.textMax).default(''),
  })
  .meta({ id: 'CreateVolunteerTeam' });
export type CreateVolunteerTeamDto = z.output<typeof CreateVolunteerTeamSchema>;

/** The team's name and description, edited by those running it (its organisation stays). */
export const UpdateVolunteerTeamSchema = CreateVolunteerTeamSchema.omit({ orgId: true }).meta({ id: 'UpdateVolunteerTeam' });
export type UpdateVolunteerTeamDto = z.output<typeof UpdateVolunteerTeamSchema>;

/**
 * A member of the platform joins by member id; a 群众 volunteer by name and phone, with their
 * recorded consent to keep the number (stored encrypted, shown masked — M4).
 */
export const AddTeamVolunteerSchema = z
  .union([
    z.object({ memberId: UuidSchema, leader: z.boolean().default(false) }),
    z.object({
      name: z.string().trim().min(1, '请填写姓名').max(VOLUNTEER_LIMITS.nameMax),
      phone: MobilePhoneSchema,
      consent: z.literal(true, { error: '须经本人同意登记手机号' }),
      leader: z.boolean().default(false),
    }),
  ])
  .meta({ id: 'AddTeamVolunteer' });
export type AddTeamVolunteerDto = z.output<typeof AddTeamVolunteerSchema>;

export const TeamVolunteerSchema = z
  .object({
    volunteerId: UuidSchema,
    name: z.string(),
    /** A Party member on the platform (else a 群众 volunteer). */
    isMember: z.boolean(),
    phoneMasked: z.string().nullable(),
    leader: z.boolean(),
    consentAt: Instant.nullable(),
  })
  .meta({ id: 'TeamVolunteer' });
export type TeamVolunteer = z.infer<typeof TeamVolunteerSchema>;

export const VolunteerTeamSchema = z
  .object({
    id: UuidSchema,
    orgId: UuidSchema,
    orgName: z.string(),
    name: z.string(),
    description: z.string(),
    volunteerCount: z.number().int(),
    leaders: z.array(z.string()),
    /** Team leader, or volunteer.manage on the team's organisation. */
    canManage: z.boolean(),
    volunteers: z.array(TeamVolunteerSchema),
  })
  .meta({ id: 'VolunteerTeam' });
export type VolunteerTeam = z.infer<typeof VolunteerTeamSchema>;
export const VolunteerTeamListSchema = z.object({ items: z.array(VolunteerTeamSchema.omit({ volunteers: true })) }).meta({ id: 'VolunteerTeamList' });
export type VolunteerTeamList = z.infer<typeof VolunteerTeamListSchema>;

export const CreateVolunteerActivitySchema = z
  .object({
    teamId: UuidSchema,
    title: z.string().trim().min(1, '请填写活动名称').max(VOLUNTEER_LIMITS.titleMax),
    place: z.string().trim().min(1, '请填写活动地点').max(VOLUNTEER_LIMITS.placeMax),
    startsAt: Instant,
    endsAt: Instant,
    capacity: z.number().int().min(1, '名额至少 1 人').max(VOLUNTEER_LIMITS.capacityMax),
    description: z.string().trim().max(VOLUNTEER_LIMITS.textMax).default(''),
  })
  .refine((d) => Date.parse(d.endsAt) > Date.parse(d.startsAt), { message: '结束时间须晚于开始时间', path: ['endsAt'] })
  .meta({ id: 'CreateVolunteerActivity' });
export type CreateVolunteerActivityDto = z.output<typeof CreateVolunteerActivitySchema>;

export const SignupState = z.enum(['confirmed', 'waitlisted', 'cancelled']);
export type SignupState = z.infer<typeof SignupState>;
export const SIGNUP_STATE_LABEL: Record<SignupState, string> = { confirmed: '已报名', waitlisted: '候补中', cancelled: '已取消' };

export const MySignupSchema = z.object({
  state: SignupState,
  /** 1 = next to get a place (waitlisted only). */
  waitPosition: z.number().int().nullable(),
  signedInAt: Instant.nullable(),
  signedOutAt: Instant.nullable(),
  serviceSeconds: z.number().int().nullable(),
});

export const VolunteerActivitySchema = z
  .object({
    id: UuidSchema,
    teamId: UuidSchema,
    teamName: z.string(),
    orgName: z.string(),
    title: z.string(),
    place: z.string(),
    startsAt: Instant,
    endsAt: Instant,
    capacity: z.number().int(),
    confirmedCount: z.number().int(),
    waitlistCount: z.number().int(),
    description: z.string(),
    cancelled: z.boolean(),
    ruleSet: VolunteerRuleSetIdSchema,
    /** P4 cap of the activity's rule set, as people read it. */
    capLabel: z.string(),
    report: z.string().nullable(),
    photos: z.array(z.object({ id: UuidSchema, url: z.string() })),
    mySignup: MySignupSchema.nullable(),
    canManage: z.boolean(),
  })
  .meta({ id: 'VolunteerActivity' });
export type VolunteerActivity = z.infer<typeof VolunteerActivitySchema>;
export const VolunteerActivityListSchema = z.object({ items: z.array(VolunteerActivitySchema) }).meta({ id: 'VolunteerActivityList' });
export type VolunteerActivityList = z.infer<typeof VolunteerActivityListSchema>;

export const VolunteerActivityListQuerySchema = z.object({
  /** upcoming: not yet ended; past: ended (newest first). */
  when: z.enum(['upcoming', 'past']).default('upcoming'),
  teamId: UuidSchema.optional(),
});
export type VolunteerActivityListQuery = z.output<typeof VolunteerActivityListQuerySchema>;

export const RosterEntrySchema = z
  .object({
    signupId: UuidSchema,
    volunteerId: UuidSchema,
    name: z.string(),
    isMember: z.boolean(),
    phoneMasked: z.string().nullable(),
    state: SignupState,
    waitPosition: z.number().int().nullable(),
    signedInAt: Instant.nullable(),
    signedOutAt: Instant.nullable(),
    /** Set when the organiser confirmed a missing sign-out (P4). */
    signOutConfirmedBy: z.string().nullable(),
    serviceSeconds: z.number().int().nullable(),
  })
  .meta({ id: 'RosterEntry' });
export type RosterEntry = z.infer<typeof RosterEntrySchema>;
export const RosterSchema = z.object({ activityId: UuidSchema, items: z.array(RosterEntrySchema) }).meta({ id: 'VolunteerRoster' });
export type Roster = z.infer<typeof RosterSchema>;

/** The organiser signs up one of the team's volunteers (a 群众 without the app). */
export const RosterAddSchema = z.object({ volunteerId: UuidSchema }).meta({ id: 'RosterAdd' });
export type RosterAddDto = z.output<typeof RosterAddSchema>;

/** The organiser records a sign-in (volunteer without the app), or confirms a missing sign-out with its time (P4). */
export const RosterTimeSchema = z.object({ at: Instant, note: z.string().trim().max(200).default('') }).meta({ id: 'RosterTime' });
export type RosterTimeDto = z.output<typeof RosterTimeSchema>;

export const VolunteerScanSchema = z.object({ token: z.string().trim().min(1).max(200) }).meta({ id: 'VolunteerScan' });
export type VolunteerScanDto = z.output<typeof VolunteerScanSchema>;
export const VolunteerScanResultSchema = z
  .object({
    action: z.enum(['signed_in', 'signed_out']),
    activityId: UuidSchema,
    title: z.string(),
    at: Instant,
    serviceSeconds: z.number().int().nullable(),
    message: z.string(),
  })
  .meta({ id: 'VolunteerScanResult' });
export type VolunteerScanResult = z.infer<typeof VolunteerScanResultSchema>;

export const VolunteerCodeSchema = z
  .object({
    activityId: UuidSchema,
    title: z.string(),
    token: z.string(),
    url: z.string(),
    svg: z.string(),
    stepSeconds: z.number().int(),
    expiresInMs: z.number().int(),
  })
  .meta({ id: 'VolunteerCode' });
export type VolunteerCode = z.infer<typeof VolunteerCodeSchema>;

export const ActivityReportSchema = z
  .object({ report: z.string().trim().min(1, '请填写活动总结').max(VOLUNTEER_LIMITS.textMax) })
  .meta({ id: 'VolunteerActivityReport' });
export type ActivityReportDto = z.output<typeof ActivityReportSchema>;

export const MyVolunteerHoursSchema = z
  .object({
    year: z.number().int(),
    yearSeconds: z.number().int(),
    totalSeconds: z.number().int(),
    items: z.array(
      z.object({
        activityId: UuidSchema,
        title: z.string(),
        teamName: z.string(),
        startsAt: Instant,
        signedInAt: Instant.nullable(),
        signedOutAt: Instant.nullable(),
        serviceSeconds: z.number().int().nullable(),
        /** Signed in, sign-out not yet recorded: the organiser confirms it (P4). */
        awaitingSignOut: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'MyVolunteerHours' });
export type MyVolunteerHours = z.infer<typeof MyVolunteerHoursSchema>;

export const VolunteerYearQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export type VolunteerYearQuery = z.output<typeof VolunteerYearQuerySchema>;

/** The path the QR code opens (the scan page of the volunteer subpackage). */
export const VOLUNTEER_SCAN_PATH = '/packages/volunteer/pages/scan/index';

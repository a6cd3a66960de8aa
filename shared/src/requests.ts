import { z } from 'zod';
import { DateOnlySchema, UuidSchema } from './common.js';
import { REQUEST_ACTIONS, REQUEST_ACTORS, REQUEST_CATEGORIES, REQUEST_STATES } from './rules/request-rules.js';

/*
 * Enterprise requests (诉求, 红e 帮帮团; issue 18, S2–S3): contacts, departments, the ticket and its
 * timeline, statistics. The transition table is in rules/request-rules.ts.
 */

const Text = (max: number) => z.string().trim().min(1, { message: '请填写内容' }).max(max);
const PersonSchema = z.object({ userId: UuidSchema, name: z.string() });
const RefSchema = z.object({ id: UuidSchema, name: z.string() });
const DateTime = z.iso.datetime({ offset: true });

export const RequestStateSchema = z.enum(REQUEST_STATES);
export const RequestActionSchema = z.enum(REQUEST_ACTIONS);
export const RequestCategorySchema = z.enum(REQUEST_CATEGORIES);

// ---------------------------------------------------------------------------------------------
// Enterprise contacts: a user account speaking for one enterprise, appointed by a committee

export const AppointContactSchema = z
  .object({ committeeId: UuidSchema, enterpriseId: UuidSchema, userId: UuidSchema })
  .meta({ id: 'AppointEnterpriseContact' });
export type AppointContactDto = z.infer<typeof AppointContactSchema>;

export const EnterpriseContactSchema = z
  .object({
    id: UuidSchema,
    committee: RefSchema,
    enterprise: RefSchema,
    user: PersonSchema,
    appointedAt: DateTime,
    revokedAt: DateTime.nullable(),
  })
  .meta({ id: 'EnterpriseContact' });
export type EnterpriseContact = z.infer<typeof EnterpriseContactSchema>;
export const EnterpriseContactListSchema = z.object({ items: z.array(EnterpriseContactSchema) }).meta({ id: 'EnterpriseContactList' });
export type EnterpriseContactList = z.infer<typeof EnterpriseContactListSchema>;

export const CommitteeQuerySchema = z.object({ committeeId: UuidSchema }).meta({ id: 'RequestCommitteeQuery' });
export type CommitteeQuery = z.infer<typeof CommitteeQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Departments (组织部, 经信, 商务, 科技, 税务 …) and their handler accounts

export const SaveDepartmentSchema = z
  .object({
    committeeId: UuidSchema,
    name: Text(40),
    /** User accounts that accept and answer the department's requests. */
    handlerUserIds: z.array(UuidSchema).max(20).default([]),
    active: z.boolean().default(true),
  })
  .meta({ id: 'SaveServiceDepartment' });
export type SaveDepartmentDto = z.infer<typeof SaveDepartmentSchema>;

export const ServiceDepartmentSchema = z
  .object({ id: UuidSchema, committeeId: UuidSchema, name: z.string(), active: z.boolean(), handlers: z.array(PersonSchema), openCount: z.number().int() })
  .meta({ id: 'ServiceDepartment' });
export type ServiceDepartment = z.infer<typeof ServiceDepartmentSchema>;
export const ServiceDepartmentListSchema = z.object({ items: z.array(ServiceDepartmentSchema) }).meta({ id: 'ServiceDepartmentList' });
export type ServiceDepartmentList = z.infer<typeof ServiceDepartmentListSchema>;

/** Accounts a committee may pick as handlers or contacts (its members' accounts and accounts holding roles in its subtree). */
export const AccountSearchQuerySchema = z
  .object({ committeeId: UuidSchema, q: z.string().trim().max(20).default('') })
  .meta({ id: 'RequestAccountSearchQuery' });
export type AccountSearchQuery = z.infer<typeof AccountSearchQuerySchema>;
export const AccountListSchema = z.object({ items: z.array(PersonSchema) }).meta({ id: 'RequestAccountList' });
export type AccountList = z.infer<typeof AccountListSchema>;

// ---------------------------------------------------------------------------------------------
// The request

export const CreateRequestSchema = z
  .object({
    category: RequestCategorySchema,
    title: Text(60),
    description: Text(2000),
    /** The enterprise concerned; an enterprise contact's own one when omitted. */
    enterpriseId: UuidSchema.nullable().default(null),
    /** Files uploaded first (POST /requests/files). */
    attachmentIds: z.array(UuidSchema).max(9).default([]),
  })
  .meta({ id: 'CreateEnterpriseRequest' });
export type CreateRequestDto = z.infer<typeof CreateRequestSchema>;

/** One body for every step: what each action needs is checked by its guard (a text, a department, a rating). */
export const RequestStepSchema = z
  .object({
    text: z.string().trim().max(2000).nullable().default(null),
    departmentId: UuidSchema.nullable().default(null),
    rating: z.number().int().min(1).max(5).nullable().default(null),
  })
  .meta({ id: 'EnterpriseRequestStep' });
export type RequestStepDto = z.infer<typeof RequestStepSchema>;

export const RequestAttachmentSchema = z.object({ id: UuidSchema, name: z.string(), contentType: z.string(), sizeBytes: z.number().int() });

export const RequestTimelineEntrySchema = z.object({
  action: z.union([RequestActionSchema, z.literal('escalate')]),
  label: z.string(),
  by: PersonSchema.nullable(),
  at: DateTime,
  from: z.string(),
  to: z.string(),
  text: z.string().nullable(),
  department: RefSchema.nullable(),
  rating: z.number().int().nullable(),
});

export const EnterpriseRequestSchema = z
  .object({
    id: UuidSchema,
    /** 诉求编号 people quote on the phone: SQ + filing date + sequence. */
    number: z.string(),
    category: RequestCategorySchema,
    categoryLabel: z.string(),
    title: z.string(),
    description: z.string(),
    state: RequestStateSchema,
    stateLabel: z.string(),
    committee: RefSchema,
    enterprise: RefSchema.nullable(),
    requester: PersonSchema,
    department: RefSchema.nullable(),
    filedAt: DateTime,
    firstResponseDueOn: DateOnlySchema,
    resolveDueOn: DateOnlySchema,
    firstResponseAt: DateTime.nullable(),
    resolvedAt: DateTime.nullable(),
    closedAt: DateTime.nullable(),
    rating: z.number().int().nullable(),
    /** S3: why it was withdrawn or rejected, kept with the request. */
    closingReason: z.string().nullable(),
    overdue: z.boolean(),
    escalations: z.array(z.enum(['first_response', 'resolution'])),
    attachments: z.array(RequestAttachmentSchema),
    timeline: z.array(RequestTimelineEntrySchema),
    /** The caller's part in it, and what they may do now. */
    actors: z.array(z.enum(REQUEST_ACTORS)),
    actions: z.array(RequestActionSchema),
  })
  .meta({ id: 'EnterpriseRequest' });
export type EnterpriseRequest = z.infer<typeof EnterpriseRequestSchema>;

export const RequestSummarySchema = EnterpriseRequestSchema.omit({ description: true, attachments: true, timeline: true, actions: true, actors: true }).meta({
  id: 'EnterpriseRequestSummary',
});
export type RequestSummary = z.infer<typeof RequestSummarySchema>;

export const RequestListQuerySchema = z
  .object({
    /** mine: filed by me; handling: routed to my departments; committee: the committee's (request.manage). */
    scope: z.enum(['mine', 'handling', 'committee']).default('mine'),
    committeeId: UuidSchema.optional(),
    state: RequestStateSchema.optional(),
    category: RequestCategorySchema.optional(),
    departmentId: UuidSchema.optional(),
    overdue: z.stringbool().optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .meta({ id: 'EnterpriseRequestListQuery' });
export type RequestListQuery = z.infer<typeof RequestListQuerySchema>;

export const RequestListSchema = z
  .object({ items: z.array(RequestSummarySchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .meta({ id: 'EnterpriseRequestList' });
export type RequestList = z.infer<typeof RequestListSchema>;

export const RequestStatsQuerySchema = z
  .object({ committeeId: UuidSchema, from: DateOnlySchema.optional(), to: DateOnlySchema.optional() })
  .meta({ id: 'EnterpriseRequestStatsQuery' });
export type RequestStatsQuery = z.infer<typeof RequestStatsQuerySchema>;

const StatRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  total: z.number().int(),
  open: z.number().int(),
  resolved: z.number().int(),
  overdue: z.number().int(),
  /** Mean days from filing to resolution, one decimal; null when none resolved. */
  avgResolveDays: z.number().nullable(),
  /** Mean rating 1–5, one decimal; null when none rated. */
  avgRating: z.number().nullable(),
  rated: z.number().int(),
});
export type RequestStatRow = z.infer<typeof StatRowSchema>;

export const RequestStatsSchema = z
  .object({
    total: StatRowSchema,
    byCategory: z.array(StatRowSchema),
    byDepartment: z.array(StatRowSchema),
    byState: z.array(z.object({ state: RequestStateSchema, label: z.string(), count: z.number().int() })),
  })
  .meta({ id: 'EnterpriseRequestStats' });
export type RequestStats = z.infer<typeof RequestStatsSchema>;

export const RequestFileSchema = z
  .object({ id: UuidSchema, name: z.string(), contentType: z.string(), sizeBytes: z.number().int() })
  .meta({ id: 'EnterpriseRequestFile' });
export type RequestFile = z.infer<typeof RequestFileSchema>;

export const RequestEscalationResultSchema = z
  .object({ firstResponse: z.number().int(), resolution: z.number().int() })
  .meta({ id: 'EnterpriseRequestEscalationResult' });
export type RequestEscalationResult = z.infer<typeof RequestEscalationResultSchema>;

/** What the request pages need to know about the caller: where they may file, whether they manage a committee. */
export const RequestContextSchema = z
  .object({
    /** Enterprises the caller speaks for (enterprise contact), with their committee. */
    contacts: z.array(z.object({ enterprise: RefSchema, committee: RefSchema })),
    /** The committee a member files with (nearest 党委 above their branch). */
    memberCommittee: RefSchema.nullable(),
    /** Committees whose requests the caller routes (request.manage). */
    managedCommittees: z.array(RefSchema),
    /** Departments the caller handles for. */
    departments: z.array(RefSchema),
  })
  .meta({ id: 'EnterpriseRequestContext' });
export type RequestContext = z.infer<typeof RequestContextSchema>;

import { z } from 'zod';
import { DateOnlySchema, pageOf, PageQuerySchema, UuidSchema } from './common.js';
import {
  DEFAULT_ORG_TARGET,
  DEFAULT_VISITS_PER_YEAR,
  DEFAULT_WORK_TARGET,
  GapReason,
  isValidCreditCode,
  OfficerRole,
  VISITS_PER_YEAR_OPTIONS,
} from './rules/ledger-rules.js';

/*
 * The committee's enterprise ledger (摸排台账, K1), its coverage (K2–K4), and the instructors and
 * liaison officers who visit the enterprises (S1). Server: server/src/ledger.
 */

export const OrgCoverageSchema = z.enum(['own', 'joint', 'none']).meta({ id: 'OrgCoverage' });
export const ORG_COVERAGE_LABEL: Record<z.infer<typeof OrgCoverageSchema>, string> = { own: '单独建立党组织', joint: '联合党支部覆盖', none: '未覆盖' };
export const OfficerRoleSchema = z.enum(OfficerRole).meta({ id: 'OfficerRole' });
export const OFFICER_ROLE_LABEL: Record<OfficerRole, string> = { instructor: '党建指导员', liaison: '驻企联络员' };
export const GapReasonSchema = z.enum(GapReason).meta({ id: 'GapReason' });

/** K1: upper-cased, 18 characters, GB 32100-2015 check character. */
export const CreditCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => isValidCreditCode(c), { message: '统一社会信用代码应为 18 位且校验位正确' });

const text = (max: number) => z.string().trim().max(max);

const LEDGER_FIELDS = {
  name: z.string().trim().min(1).max(100),
  creditCode: CreditCodeSchema,
  industry: text(50).nullable(),
  employees: z.number().int().min(0).max(1_000_000).nullable(),
  foundedOn: DateOnlySchema.nullable(),
  address: text(200).nullable(),
  contactName: text(50).nullable(),
  contactPhone: text(30).nullable(),
  /** Members working there whose relationship is not on the roll yet (K1). */
  declaredMembers: z.number().int().min(0).max(10_000),
  notes: text(1000).nullable(),
  /** Entered the ledger (摸排 date); default today. */
  listedOn: DateOnlySchema,
  /** Closed or moved away: counted until the day before. */
  leftOn: DateOnlySchema.nullable(),
};
/** Name and code required; the rest optional (absent: empty, 0 declared members, listed today). */
export const LedgerFieldsSchema = z.object(LEDGER_FIELDS).partial().required({ name: true, creditCode: true });
export type LedgerFields = z.infer<typeof LedgerFieldsSchema>;

export const CreateLedgerEntrySchema = LedgerFieldsSchema.extend({ committeeId: UuidSchema }).meta({ id: 'CreateLedgerEntry' });
export type CreateLedgerEntryDto = z.infer<typeof CreateLedgerEntrySchema>;
/** Only the fields given change; null empties a field. */
export const UpdateLedgerEntrySchema = z.object(LEDGER_FIELDS).partial().meta({ id: 'UpdateLedgerEntry' });
export type UpdateLedgerEntryDto = z.infer<typeof UpdateLedgerEntrySchema>;

export const AccountRefSchema = z.object({ userId: UuidSchema, name: z.string() }).meta({ id: 'AccountRef' });

export const LedgerEntrySchema = z
  .object({
    id: UuidSchema,
    committeeId: UuidSchema,
    committeeName: z.string(),
    name: z.string(),
    creditCode: z.string(),
    industry: z.string().nullable(),
    employees: z.number().int().nullable(),
    foundedOn: DateOnlySchema.nullable(),
    address: z.string().nullable(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    declaredMembers: z.number().int(),
    /** From the roll: members whose record names this enterprise. */
    rollMembers: z.number().int(),
    rollFullMembers: z.number().int(),
    notes: z.string().nullable(),
    listedOn: DateOnlySchema,
    leftOn: DateOnlySchema.nullable(),
    /** K2, computed from the organisation tree. */
    coverage: OrgCoverageSchema,
    coveringOrgs: z.array(z.object({ id: UuidSchema, name: z.string(), isJoint: z.boolean() })),
    instructors: z.array(AccountRefSchema),
    liaisons: z.array(AccountRefSchema),
    lastVisitOn: DateOnlySchema.nullable(),
    gaps: z.array(GapReasonSchema),
  })
  .meta({ id: 'LedgerEntry' });
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;
export const LedgerPageSchema = pageOf(LedgerEntrySchema).meta({ id: 'LedgerPage' });

export const LedgerQuerySchema = PageQuerySchema.extend({
  /** A committee the caller may read; its whole subtree's ledgers. */
  committeeId: UuidSchema,
  q: z.string().trim().max(100).optional(),
  coverage: OrgCoverageSchema.optional(),
  gap: GapReasonSchema.optional(),
}).meta({ id: 'LedgerQuery' });
export type LedgerQuery = z.infer<typeof LedgerQuerySchema>;

export const LedgerChangeSchema = z
  .object({
    at: z.string(),
    byName: z.string(),
    source: z.enum(['create', 'edit', 'import']),
    changes: z.array(z.object({ field: z.string(), label: z.string(), from: z.string().nullable(), to: z.string().nullable() })),
  })
  .meta({ id: 'LedgerChange' });
export type LedgerChange = z.infer<typeof LedgerChangeSchema>;

export const LEDGER_FIELD_LABEL: Record<keyof LedgerFields, string> = {
  name: '企业名称',
  creditCode: '统一社会信用代码',
  industry: '行业',
  employees: '职工人数',
  foundedOn: '成立日期',
  address: '地址',
  contactName: '联系人',
  contactPhone: '联系电话',
  declaredMembers: '申报党员数',
  notes: '备注',
  listedOn: '纳入台账日期',
  leftOn: '注销/迁出日期',
};

export const OfficerAppointmentSchema = z
  .object({
    id: UuidSchema,
    enterpriseId: UuidSchema,
    enterpriseName: z.string(),
    role: OfficerRoleSchema,
    userId: UuidSchema,
    name: z.string(),
    startsOn: DateOnlySchema,
    endsOn: DateOnlySchema.nullable(),
  })
  .meta({ id: 'OfficerAppointment' });
export type OfficerAppointment = z.infer<typeof OfficerAppointmentSchema>;

export const VisitSchema = z
  .object({
    id: UuidSchema,
    enterpriseId: UuidSchema,
    enterpriseName: z.string(),
    visitedOn: DateOnlySchema,
    visitor: AccountRefSchema,
    peopleMet: z.string(),
    topics: z.string(),
    problems: z.string().nullable(),
    followUps: z.string().nullable(),
  })
  .meta({ id: 'Visit' });
export type Visit = z.infer<typeof VisitSchema>;

export const LedgerDetailSchema = LedgerEntrySchema.extend({
  appointments: z.array(OfficerAppointmentSchema),
  visits: z.array(VisitSchema),
  history: z.array(LedgerChangeSchema),
  canManage: z.boolean(),
  canVisit: z.boolean(),
}).meta({ id: 'LedgerDetail' });
export type LedgerDetail = z.infer<typeof LedgerDetailSchema>;

export const AppointOfficerSchema = z
  .object({ role: OfficerRoleSchema, userId: UuidSchema, startsOn: DateOnlySchema, endsOn: DateOnlySchema.nullable().default(null) })
  .refine((a) => a.endsOn === null || a.endsOn >= a.startsOn, { message: '任期结束日期不能早于开始日期', path: ['endsOn'] })
  .meta({ id: 'AppointOfficer' });
export type AppointOfficerDto = z.infer<typeof AppointOfficerSchema>;
export const EndAppointmentSchema = z.object({ endsOn: DateOnlySchema }).meta({ id: 'EndAppointment' });
export type EndAppointmentDto = z.infer<typeof EndAppointmentSchema>;

export const CreateVisitSchema = z
  .object({
    visitedOn: DateOnlySchema,
    peopleMet: z.string().trim().min(1).max(200),
    topics: z.string().trim().min(1).max(2000),
    problems: text(2000).nullable().default(null),
    followUps: text(2000).nullable().default(null),
  })
  .meta({ id: 'CreateVisit' });
export type CreateVisitDto = z.infer<typeof CreateVisitSchema>;

export const OfficerCandidateSchema = z.object({ userId: UuidSchema, name: z.string(), orgName: z.string().nullable() }).meta({ id: 'OfficerCandidate' });
export const OfficerCandidateListSchema = z.object({ items: z.array(OfficerCandidateSchema) }).meta({ id: 'OfficerCandidateList' });
export type OfficerCandidate = z.infer<typeof OfficerCandidateSchema>;
export const OfficerCandidateQuerySchema = z.object({ committeeId: UuidSchema, q: z.string().trim().min(1).max(50) }).meta({ id: 'OfficerCandidateQuery' });

// ---- Coverage (K2–K4) ----

export const CoverageTargetSchema = z
  .object({
    year: z.number().int(),
    orgTarget: z.number().int().min(0).max(100),
    workTarget: z.number().int().min(0).max(100),
    /** S1 parameter: planned visits per enterprise and year. */
    visitsPerYear: z
      .number()
      .int()
      .refine((n) => (VISITS_PER_YEAR_OPTIONS as readonly number[]).includes(n), { message: '每年走访次数应为 1、2、3、4、6 或 12' }),
    /** K2 [?] denominator: enterprises with at least this many employees; 0 = all. */
    minEmployees: z.number().int().min(0).max(100_000),
    /** False when nothing was set for the year and the defaults apply. */
    isSet: z.boolean(),
  })
  .meta({ id: 'CoverageTarget' });
export type CoverageTarget = z.infer<typeof CoverageTargetSchema>;
export const SetCoverageTargetSchema = CoverageTargetSchema.omit({ isSet: true }).meta({ id: 'SetCoverageTarget' });
export type SetCoverageTargetDto = z.infer<typeof SetCoverageTargetSchema>;
export const defaultTarget = (year: number): CoverageTarget => ({
  year,
  orgTarget: DEFAULT_ORG_TARGET,
  workTarget: DEFAULT_WORK_TARGET,
  visitsPerYear: DEFAULT_VISITS_PER_YEAR,
  minEmployees: 0,
  isSet: false,
});

const CountsSchema = z.object({
  enterprises: z.number().int(),
  orgCovered: z.number().int(),
  workCovered: z.number().int(),
  orgRate: z.number().nullable(),
  workRate: z.number().nullable(),
});

export const CoverageSummarySchema = CountsSchema.extend({
  committee: z.object({ id: UuidSchema, name: z.string() }),
  asOf: DateOnlySchema,
  target: CoverageTargetSchema,
  orgMet: z.boolean(),
  workMet: z.boolean(),
  gapCounts: z.record(GapReasonSchema, z.number().int()),
  /** Each committee of the subtree holding ledger entries, with its own (subtree) rates. */
  committees: z.array(CountsSchema.extend({ id: UuidSchema, name: z.string(), depth: z.number().int() })),
}).meta({ id: 'CoverageSummary' });
export type CoverageSummary = z.infer<typeof CoverageSummarySchema>;

export const CoverageTrendSchema = z
  .object({ months: z.array(CountsSchema.extend({ month: z.string() })), target: CoverageTargetSchema })
  .meta({ id: 'CoverageTrend' });
export type CoverageTrend = z.infer<typeof CoverageTrendSchema>;

export const CoverageQuerySchema = z
  .object({ committeeId: UuidSchema, year: z.coerce.number().int().min(2000).max(2100).optional() })
  .meta({ id: 'CoverageQuery' });
export type CoverageQuery = z.infer<typeof CoverageQuerySchema>;

// ---- Visit plans (S1) ----

export const VisitSlotSchema = z.object({
  from: DateOnlySchema,
  to: DateOnlySchema,
  visits: z.number().int(),
  state: z.enum(['done', 'overdue', 'due', 'upcoming']),
});
export const VisitPlanSchema = z
  .object({
    year: z.number().int(),
    visitsPerYear: z.number().int(),
    planned: z.number().int(),
    done: z.number().int(),
    overdue: z.number().int(),
    enterprises: z.array(z.object({ enterpriseId: UuidSchema, name: z.string(), role: OfficerRoleSchema, slots: z.array(VisitSlotSchema) })),
  })
  .meta({ id: 'VisitPlan' });
export type VisitPlan = z.infer<typeof VisitPlanSchema>;
export const VisitPlanQuerySchema = z
  .object({ year: z.coerce.number().int().min(2000).max(2100).optional(), userId: UuidSchema.optional() })
  .meta({ id: 'VisitPlanQuery' });

// ---- Import ----

export const LEDGER_IMPORT_LIMITS = { maxRows: 10_000 } as const;
export const LedgerImportQuerySchema = z
  .object({
    committeeId: UuidSchema,
    dryRun: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .default(false),
  })
  .meta({ id: 'LedgerImportQuery' });
export type LedgerImportQuery = z.infer<typeof LedgerImportQuerySchema>;
export const LedgerImportRowSchema = z.object({ row: z.number().int(), name: z.string(), outcome: z.enum(['created', 'updated', 'unchanged']) });
export const LedgerImportResultSchema = z
  .object({
    ok: z.literal(true),
    dryRun: z.boolean(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rows: z.array(LedgerImportRowSchema),
  })
  .meta({ id: 'LedgerImportResult' });
export type LedgerImportResult = z.infer<typeof LedgerImportResultSchema>;
export const LedgerExportQuerySchema = z.object({ committeeId: UuidSchema }).meta({ id: 'LedgerExportQuery' });

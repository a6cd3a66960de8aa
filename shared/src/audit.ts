import { z } from 'zod';
import { PageQuerySchema, UuidSchema, pageOf } from './common.js';

/** A date (YYYY-MM-DD, China time) or an instant with an offset. */
const InstantOrDate = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/** GET /audit: the caller's subtree (permission audit.read), newest first. */
export const AuditQuerySchema = PageQuerySchema.extend({
  /** Subtree to read; default: every subtree where the caller holds audit.read. */
  orgId: UuidSchema.optional(),
  /** Exact action (`member.sensitive.read`), or a prefix ending in `.*` (`member.*`). */
  action: z
    .string()
    .trim()
    .max(60)
    .regex(/^[a-z_]+(\.[a-z_]+)*(\.\*)?$/, { message: '操作名称格式不正确' })
    .optional(),
  objectId: UuidSchema.optional(),
  /** From this instant (a date means its start, China time). */
  from: InstantOrDate.optional(),
  /** Up to this instant (a date means its end, China time). */
  to: InstantOrDate.optional(),
}).meta({ id: 'AuditQuery' });
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditEntrySchema = z
  .object({
    /** Sequence number (bigint as a string). */
    id: z.string(),
    at: z.iso.datetime({ offset: true }),
    actor: z.object({ userId: UuidSchema.nullable(), name: z.string().nullable() }).nullable(),
    action: z.string(),
    objectType: z.string(),
    objectId: UuidSchema.nullable(),
    orgId: UuidSchema.nullable(),
    orgName: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditPageSchema = pageOf(AuditEntrySchema)
  .extend({
    /** True when `total` is a lower bound (at most AUDIT_COUNT_CAP entries are counted). */
    totalCapped: z.boolean(),
  })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof AuditPageSchema>;
export const AUDIT_COUNT_CAP = 10_000;

/** Actions the member module records (others add theirs). */
export const MemberAuditAction = {
  CREATE: 'member.create',
  UPDATE: 'member.update',
  STATUS: 'member.status',
  GROUP: 'member.group',
  DEPART: 'member.depart',
  SENSITIVE_READ: 'member.sensitive.read',
  IMPORT: 'member.import',
  EXPORT: 'member.export',
  EXPORT_SENSITIVE: 'member.export.sensitive',
} as const;

import { z } from 'zod';
import { UuidSchema } from './common.js';

/** Issue 11: a park's 摸排 ledger of organisations as .xlsx (import template, import, export). */
export const ORG_IMPORT_LIMITS = { maxRows: 2000, maxFileBytes: 5 * 1024 * 1024 } as const;

export const OrgImportQuerySchema = z
  .object({
    /** true: check the file and report, change nothing. */
    dryRun: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  })
  .meta({ id: 'OrgImportQuery' });
export type OrgImportQuery = z.output<typeof OrgImportQuerySchema>;

export const OrgExportQuerySchema = z.object({ orgId: UuidSchema.optional() }).meta({ id: 'OrgExportQuery' });
export type OrgExportQuery = z.output<typeof OrgExportQuerySchema>;

export const OrgImportRowErrorSchema = z
  .object({
    /** Row number as Excel shows it (the header is row 1). */
    row: z.number().int(),
    /** Column header (e.g. 上级组织), or null for the whole row. */
    column: z.string().nullable(),
    message: z.string(),
  })
  .meta({ id: 'OrgImportRowError' });
export type OrgImportRowError = z.infer<typeof OrgImportRowErrorSchema>;

export const OrgImportResultSchema = z
  .object({ ok: z.literal(true), dryRun: z.boolean(), created: z.number().int(), enterprisesCreated: z.number().int() })
  .meta({ id: 'OrgImportResult' });
export type OrgImportResult = z.infer<typeof OrgImportResultSchema>;

/** 422: the file was refused as a whole; nothing was changed. */
export const OrgImportReportSchema = z
  .object({ ok: z.literal(false), code: z.string(), message: z.string(), errors: z.array(OrgImportRowErrorSchema) })
  .meta({ id: 'OrgImportReport' });
export type OrgImportReport = z.infer<typeof OrgImportReportSchema>;

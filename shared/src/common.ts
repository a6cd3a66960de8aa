import { z } from 'zod';

export const UuidSchema = z.uuid();
/** Calendar date as the domain uses it (birth date, join date): no time, no zone. */
export const DateOnlySchema = z.iso.date();

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** A rule the server checked and let pass with a warning (DOMAIN "generally ≤50", "remind before expiry"). */
export const RuleWarningSchema = z.object({ rule: z.string(), code: z.string(), message: z.string() }).meta({ id: 'RuleWarning' });
export type RuleWarning = z.infer<typeof RuleWarningSchema>;

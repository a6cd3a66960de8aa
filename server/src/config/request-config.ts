import { z } from 'zod';

/** Settings of the services to enterprises (issue 18), spread into the server's EnvSchema (config.ts). */
export const REQUEST_ENV_FIELDS = {
  /** Seconds between overdue-request escalation runs (S2); 0 turns the timer off. */
  REQUEST_SCAN_INTERVAL_S: z.coerce.number().int().min(0).max(86_400).default(900),
  /** Seconds between runs that dissolve temporary branches past their end date (S4); 0 turns the timer off. */
  TEMPORARY_BRANCH_SCAN_INTERVAL_S: z.coerce.number().int().min(0).max(86_400).default(3600),
};

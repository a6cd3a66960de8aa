import { z } from 'zod';

/** Settings of the five indexes (K5), spread into the server's EnvSchema (config.ts). docs/operations.md lists them. */
export const INDEX_ENV_FIELDS = {
  /** Seconds between recomputes of the current and previous month's index snapshots; 0 turns the timer off. */
  INDEX_RECOMPUTE_INTERVAL_S: z.coerce.number().int().min(0).max(86_400).default(3600),
};

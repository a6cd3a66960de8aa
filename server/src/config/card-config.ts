import { z } from 'zod';

/**
 * Settings of the member card (P1, P2), spread into the server's EnvSchema (config.ts).
 * docs/operations.md and docs/modules/card.md list them.
 */
export const CARD_ENV_FIELDS = {
  /** Seconds between two on-screen card codes (the page fetches a new one). */
  CARD_QR_PERIOD_S: z.coerce.number().int().min(10).max(3600).default(60),
  /** A scanned on-screen code reads 真实有效 for this many seconds after it was signed. */
  CARD_QR_FRESH_S: z.coerce.number().int().min(30).max(86_400).default(180),
  /**
   * After that, the last code a phone kept (offline) still verifies, marked 离线名片, until this many
   * seconds after signing; later a replayed screenshot reads 已过期. Must be ≥ CARD_QR_FRESH_S.
   */
  CARD_QR_OFFLINE_S: z.coerce
    .number()
    .int()
    .min(30)
    .max(30 * 86_400)
    .default(86_400),
  /** Days a printed card (the secretary's PDF sheet) verifies after printing. */
  CARD_PRINT_DAYS: z.coerce.number().int().min(1).max(1100).default(366),
  /** Card signing key ids, comma-separated, oldest first (sign with the last, verify with any listed). */
  CARD_KEY_IDS: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,16}(,[A-Za-z0-9_-]{1,16})*$/, { message: 'comma-separated ids of letters, digits, _ and -' })
    .default('k1'),
};

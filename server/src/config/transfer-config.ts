import { z } from 'zod';

/**
 * Settings of the transfer and notification modules, spread into the server's EnvSchema
 * (config.ts). docs/operations.md lists them.
 */
export const TRANSFER_ENV_FIELDS = {
  /**
   * HMAC key of the introduction letters' QR codes (T4), at least 32 characters. Unset: derived from
   * DATA_KEY (HKDF), so letters stay verifiable across restarts.
   */
  TRANSFER_LETTER_SECRET: z.string().min(32).optional(),
  /**
   * A CJK font file (TTF/OTF, or a .ttc with TRANSFER_LETTER_FONT_FAMILY) for the letter PDF. Unset:
   * the Noto Sans Hans OTF shipped by the npm package @embedpdf/fonts-sc, else Debian's
   * fonts-wqy-microhei. Without any, the PDF endpoint answers 503 TRANSFER_FONT_UNAVAILABLE.
   */
  TRANSFER_LETTER_FONT: z.string().min(1).optional(),
  TRANSFER_LETTER_FONT_FAMILY: z.string().min(1).optional(),
  /** Seconds between T6/T8 overdue scans in the server; 0 turns the timer off. */
  TRANSFER_SCAN_INTERVAL_S: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .default(3600),
  /** WeChat subscribe message template id for transfer notifications; unset = WeChat sending off (in-app only). */
  WECHAT_SUBSCRIBE_TEMPLATE_TRANSFER: z.string().min(1).max(64).optional(),
  /** The mini-program state the subscribe message opens: formal, trial or developer. */
  WECHAT_SUBSCRIBE_STATE: z.enum(['formal', 'trial', 'developer']).default('formal'),
  /** Seconds between outbox runs (WeChat subscribe messages after commit); 0 turns the timer off. */
  NOTIFY_OUTBOX_INTERVAL_S: z.coerce.number().int().min(0).max(86_400).default(15),
};

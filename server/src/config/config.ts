import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { checkFeeEnv, FEE_ENV_FIELDS } from './fee-config.js';
import { TRANSFER_ENV_FIELDS } from './transfer-config.js';
import { INDEX_ENV_FIELDS } from './index-config.js';
import { CARD_ENV_FIELDS } from './card-config.js';
import { REQUEST_ENV_FIELDS } from './request-config.js';
import { checkStudyEnv, STUDY_ENV_FIELDS } from './study-config.js';
import { envBool as bool } from './env-bool.js';

const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', import.meta.url.includes('/dist/') ? '..' : '');
/** A PostgreSQL connection URL: the primary's and each replica's. */
const postgresUrl = z.url({ protocol: /^postgres(ql)?$/ });
const base64Key = z.string().refine((v) => Buffer.from(v, 'base64').length === 32, { message: 'must be 32 bytes, base64-encoded' });

/** Every setting the server reads, validated once at start. docs/operations.md lists them. */
export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Unset: 127.0.0.1 in demo mode (published demo passwords stay on this machine), 0.0.0.0 otherwise. */
    HOST: z.string().min(1).optional(),
    DATABASE_URL: postgresUrl.optional(),
    /**
     * Streaming replicas of DATABASE_URL, comma-separated: committee reports and rankings read there (common/report-reader.ts)
     * and a replica that fails hands its reads back to the primary. Unset: the primary answers everything.
     */
    DATABASE_REPLICA_URLS: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((u) => u.trim())
          .filter(Boolean),
      )
      .pipe(z.array(postgresUrl)),
    /** A replica further behind the primary than this many seconds is left out (its reports read the primary) until it catches up. */
    REPLICA_MAX_LAG_S: z.coerce.number().int().min(1).max(3600).default(30),
    PG_DATA_DIR: z.string().default(path.join(serverRoot, '.data', 'pg')),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    /** Statements that run again on a connection are prepared there (db/preparing-client.ts); false behind a proxy pooling by transaction. */
    DB_PREPARE: bool.default(true),
    /**
     * Server processes on this machine (Node's cluster; each has its own pool of DB_POOL_SIZE). Unset: one per core
     * in production, 1 otherwise. With the embedded database the primary process runs it and every worker uses it.
     */
    WORKERS: z.coerce.number().int().min(1).max(256).optional(),
    /**
     * The server runs as instances on several hosts behind a load balancer: the start then refuses what only works
     * on one host (files on local disk, the embedded database). Instances on one host need no flag.
     */
    MULTI_HOST: bool.default(false),
    /** Sign-in rate-limit counters in Redis instead of PostgreSQL (both are shared by every instance). */
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    DEMO_MODE: bool.default(false),
    /** AES-256-GCM key for national IDs at rest (M4). Required outside demo mode. */
    DATA_KEY: base64Key.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ACCESS_TOKEN_TTL_S: z.coerce
      .number()
      .int()
      .min(60)
      .max(86_400)
      .default(2 * 3600),
    /**
     * A resolved caller is reused this long: by every route while revocations are heard (NOTIFY auth_changed drops it
     * on every instance at once), by @HotRoute() routes (check-in, ballot cast, study heartbeat) even when they are not. Several times the
     * heartbeat interval (30 s): an entry lives 75–100 % of this, so at 60 s every other heartbeat of a learner read its
     * caller again (two queries); at 5 min about one in nine does (issue 12). 0 = off.
     */
    AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(300_000),
    REFRESH_TOKEN_TTL_S: z.coerce
      .number()
      .int()
      .min(3600)
      .max(90 * 86_400)
      .default(30 * 86_400),
    WECHAT_APPID: z.string().default('wx-demo-appid'),
    WECHAT_SECRET: z.string().default('demo-secret'),
    WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
    /** code2session timeout; WeChat answers in well under a second when healthy. */
    WECHAT_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(5000),
    /** Sign-in attempts (password, WeChat, binding) per client IP and route per minute. */
    AUTH_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(10),
    H5_DIR: z.string().default(path.resolve(serverRoot, '..', 'miniapp', 'dist', 'h5')),
    /** Comma-separated origins allowed by CORS; empty = same origin only. */
    CORS_ORIGINS: z.string().default(''),
    TRUST_PROXY: bool.default(false),
    /** Seconds to let requests in flight finish on SIGTERM before closing. */
    SHUTDOWN_GRACE_S: z.coerce.number().int().min(0).max(120).default(10),
    /** The address people open (QR codes, screen links); default http://127.0.0.1:${PORT}. */
    PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    /**
     * Check-in QR signing key ids, comma-separated, oldest first: tokens are signed with the last and
     * verified with any listed (each key is derived from DATA_KEY with HKDF and its id). Rotate by
     * appending a new id; drop an old one after a meeting's QR codes have expired.
     */
    CHECKIN_KEY_IDS: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,16}(,[A-Za-z0-9_-]{1,16})*$/, { message: 'comma-separated ids of letters, digits, _ and -' })
      .default('k1'),
    /** Lifetime of a projector screen link (read-only, one meeting). */
    SCREEN_LINK_TTL_S: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 86_400)
      .default(12 * 3600),
    /** Lifetime of a committee hall's big-screen link (read-only, one area's counts): the hall's screen runs for weeks. */
    HALL_LINK_TTL_S: z.coerce
      .number()
      .int()
      .min(60)
      .max(365 * 86_400)
      .default(30 * 86_400),
    /** Uploaded files (meeting photos, study media) on local disk (STORAGE_BACKEND=local). */
    STORAGE_DIR: z.string().default(path.join(serverRoot, '.data', 'files')),
    /** Seconds between review-case scans (C5) in the server; 0 turns the timer off. */
    REVIEW_SCAN_INTERVAL_S: z.coerce
      .number()
      .int()
      .min(0)
      .max(7 * 86_400)
      .default(3600),
    /** Meeting reminders (issue 14): attendees hear this many minutes before the start; the job runs every MEETING_REMIND_INTERVAL_S (0 = off). */
    MEETING_REMIND_LEAD_MIN: z.coerce
      .number()
      .int()
      .min(5)
      .max(7 * 1440)
      .default(60),
    MEETING_REMIND_INTERVAL_S: z.coerce.number().int().min(0).max(3600).default(60),
    /** Check-in points (L4, P3) are awarded off the check-in's statement, from a queue drained this often (0 = only by hand: tests). */
    POINTS_CHECKIN_INTERVAL_S: z.coerce.number().int().min(0).max(3600).default(2),
    /** Fee policy (F4) and WeChat Pay v3 (online fee payment): see fees/fee-config.ts. */
    ...FEE_ENV_FIELDS,
    /** Transfer letters (T4), overdue scan (T6/T8), notifications: see transfers/transfer-config.ts. */
    ...TRANSFER_ENV_FIELDS,
    /** File storage backend (local / S3), upload limits, signed media URLs, the e2e test clock: see study/study-config.ts. */
    ...STUDY_ENV_FIELDS,
    /** The five indexes' recompute job (K5): see config/index-config.ts. */
    ...INDEX_ENV_FIELDS,
    /** The member card's QR windows and printed-card validity: see config/card-config.ts. */
    ...CARD_ENV_FIELDS,
    /** Request escalation (S2) and temporary-branch dissolution (S4): see config/request-config.ts. */
    ...REQUEST_ENV_FIELDS,
  })
  .superRefine((env, ctx) => {
    if (!env.DEMO_MODE && env.NODE_ENV === 'production' && !env.DATA_KEY) {
      ctx.addIssue({ code: 'custom', path: ['DATA_KEY'], message: 'is required when DEMO_MODE is off in production' });
    }
    if (env.MULTI_HOST && env.STORAGE_BACKEND === 'local') {
      ctx.addIssue({ code: 'custom', path: ['STORAGE_BACKEND'], message: "local disk is one host's: use s3 when MULTI_HOST is on" });
    }
    if (env.DATABASE_REPLICA_URLS.length > 0 && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_REPLICA_URLS'],
        message: 'needs DATABASE_URL: they are replicas of that database, and the embedded one has none',
      });
    }
    if (env.MULTI_HOST && !env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: "is required when MULTI_HOST is on (the embedded database is one host's)" });
    }
    checkFeeEnv(env, ctx);
    checkStudyEnv(env, ctx);
  });

export type AppConfig = Omit<z.infer<typeof EnvSchema>, 'PUBLIC_BASE_URL' | 'HOST' | 'WORKERS'> & {
  PUBLIC_BASE_URL: string;
  HOST: string;
  WORKERS: number;
  dataKey: Buffer;
  /** Demo accounts (published passwords) may sign in: demo mode on and NODE_ENV not production. */
  demoSignIn: boolean;
};

/** A fixed key so demo and development data stay readable across restarts; never for real data. */
const INSECURE_DEV_KEY = Buffer.alloc(32, 'dangjian-demo-only-key');

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`配置无效 (invalid configuration):\n${lines.join('\n')}`);
  }
  const cfg = parsed.data;
  return {
    ...cfg,
    HOST: cfg.HOST ?? (cfg.DEMO_MODE ? '127.0.0.1' : '0.0.0.0'),
    WORKERS: cfg.WORKERS ?? (cfg.NODE_ENV === 'production' ? availableParallelism() : 1),
    demoSignIn: cfg.DEMO_MODE && cfg.NODE_ENV !== 'production',
    PUBLIC_BASE_URL: (cfg.PUBLIC_BASE_URL ?? `http://127.0.0.1:${cfg.PORT}`).replace(/\/+$/, ''),
    dataKey: cfg.DATA_KEY ? Buffer.from(cfg.DATA_KEY, 'base64') : INSECURE_DEV_KEY,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

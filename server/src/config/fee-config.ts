import { createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { envBool } from './env-bool.js';

/**
 * Settings of the fees module, spread into the server's EnvSchema (config.ts) and validated with
 * it at start. docs/modules/fees.md lists them.
 */
export const FEE_ENV_FIELDS = {
  /** F4: 'fixed_for_year' (default: the base recorded for a year applies to all of it) or 'recompute_on_change'. */
  FEE_BASE_RULE: z.enum(['fixed_for_year', 'recompute_on_change']).default('fixed_for_year'),
  /** F4: probationary members pay from the admission month (default) or the month after. */
  FEE_PROBATIONARY_FROM: z.enum(['admission_month', 'month_after_admission']).default('admission_month'),
  /** WeChat Pay v3 merchant id (商户号). */
  WECHATPAY_MCHID: z
    .string()
    .regex(/^\d{6,16}$/, { message: 'digits (商户号)' })
    .optional(),
  WECHATPAY_API_BASE: z.url({ protocol: /^https?$/ }).default('https://api.mch.weixin.qq.com'),
  /** The merchant API private key (apiclient_key.pem): PEM text (\n may be written as \\n) or a file path. */
  WECHATPAY_PRIVATE_KEY: z.string().min(1).optional(),
  /** Serial number of the merchant API certificate (goes into every request signature). */
  WECHATPAY_CERT_SERIAL: z
    .string()
    .regex(/^[0-9A-Za-z_]{8,64}$/, { message: 'the certificate serial number' })
    .optional(),
  /** WeChat Pay's platform public key (or certificate) that signs notifications: PEM text or a file path. */
  WECHATPAY_PLATFORM_PUBLIC_KEY: z.string().min(1).optional(),
  /** The APIv3 key (32 characters) that encrypts notification resources. */
  WECHATPAY_APIV3_KEY: z.string().length(32, { message: 'must be the 32-character APIv3 key' }).optional(),
  /** Where WeChat Pay posts notifications: https://<host>/api/v1/fees/wechat-pay/notify. */
  WECHATPAY_NOTIFY_URL: z.url({ protocol: /^https?$/ }).optional(),
  WECHATPAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(5000),
  /**
   * Runs without online payment, said on purpose: a committee whose WeChat Pay merchant account is not
   * ready yet (it takes weeks) can go live with everything else; members pay their branch in person.
   */
  WECHATPAY_OFF: envBool.default(false),
  /**
   * Seconds between checks that this month's bills exist for every organisation (then the F6 scan);
   * done once per month across all instances (a job_run row). 0 turns the timer off.
   */
  FEE_BILLING_INTERVAL_S: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .default(3600),
};

const GROUP = [
  'WECHATPAY_MCHID',
  'WECHATPAY_PRIVATE_KEY',
  'WECHATPAY_CERT_SERIAL',
  'WECHATPAY_PLATFORM_PUBLIC_KEY',
  'WECHATPAY_APIV3_KEY',
  'WECHATPAY_NOTIFY_URL',
] as const;

type FeeEnv = z.infer<z.ZodObject<typeof FEE_ENV_FIELDS>> & { DEMO_MODE: boolean; NODE_ENV: string };
type Ctx = { addIssue: (issue: { code: 'custom'; path: string[]; message: string }) => void };

/** PEM text as given (with literal \n allowed), or the contents of the file it names. */
export function resolvePem(value: string): string {
  if (value.includes('-----BEGIN')) return value.replace(/\\n/g, '\n');
  if (existsSync(value)) return readFileSync(value, 'utf8');
  throw new Error('neither PEM text nor an existing file');
}

/**
 * WeChat Pay settings come all together or not at all. Without them online payment is off, or the
 * labelled demo in DEMO_MODE. Outside demo mode production requires them or WECHATPAY_OFF: a
 * forgotten setting must not quietly leave members without online payment.
 */
export function checkFeeEnv(env: FeeEnv, ctx: Ctx): void {
  const given = GROUP.filter((k) => env[k] !== undefined);
  if (env.WECHATPAY_OFF) {
    if (given.length > 0)
      ctx.addIssue({ code: 'custom', path: ['WECHATPAY_OFF'], message: `contradicts the WECHATPAY_* settings given (${given.join(', ')})` });
    return;
  }
  if (given.length === 0) {
    if (env.NODE_ENV === 'production' && !env.DEMO_MODE) {
      ctx.addIssue({
        code: 'custom',
        path: ['WECHATPAY_MCHID'],
        message: `WeChat Pay is required in production: set ${GROUP.join(', ')}; or WECHATPAY_OFF=true to run without online payment (members pay their branch)`,
      });
    }
    return;
  }
  for (const k of GROUP) if (env[k] === undefined) ctx.addIssue({ code: 'custom', path: [k], message: `is required with the other WECHATPAY_* settings` });
  const tryKey = (k: 'WECHATPAY_PRIVATE_KEY' | 'WECHATPAY_PLATFORM_PUBLIC_KEY', parse: (pem: string) => unknown) => {
    const v = env[k];
    if (v === undefined) return;
    try {
      parse(resolvePem(v));
    } catch {
      ctx.addIssue({ code: 'custom', path: [k], message: 'is not a readable PEM key (text or file path)' });
    }
  };
  tryKey('WECHATPAY_PRIVATE_KEY', (pem) => createPrivateKey(pem));
  tryKey('WECHATPAY_PLATFORM_PUBLIC_KEY', (pem) => createPublicKey(pem));
  if (env.NODE_ENV === 'production' && env.WECHATPAY_NOTIFY_URL && !env.WECHATPAY_NOTIFY_URL.startsWith('https://')) {
    ctx.addIssue({ code: 'custom', path: ['WECHATPAY_NOTIFY_URL'], message: 'must be https in production (WeChat Pay only notifies https)' });
  }
}

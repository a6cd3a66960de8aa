import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { z } from 'zod';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AuthErrors } from './auth.errors.js';

/**
 * code2session's answer (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html).
 * `session_key` is deliberately not in the schema: it is dropped on parsing, never stored, never logged.
 */
const Code2SessionSchema = z.object({
  openid: z.string().min(1).max(64).optional(),
  unionid: z.string().min(1).max(64).optional(),
  errcode: z.number().int().optional(),
  errmsg: z.string().optional(),
});

export type WechatIdentity = { openid: string; unionid: string | null };

/** WeChat's documented error codes of code2session. */
export const WechatErrcode = {
  SYSTEM_BUSY: -1,
  INVALID_CODE: 40029,
  CODE_USED: 40163,
  FREQUENCY_LIMIT: 45011,
  HIGH_RISK_USER: 40226,
} as const;

/** Trades a wx.login code for the user's openid (and unionid when the app is under an open-platform account). */
@Injectable()
export class WechatClient {
  private readonly logger = new Logger('WechatClient');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async code2session(code: string): Promise<WechatIdentity> {
    const query = new URLSearchParams({
      appid: this.config.WECHAT_APPID,
      secret: this.config.WECHAT_SECRET,
      js_code: code,
      grant_type: 'authorization_code',
    });
    // The URL carries the app secret: it is never logged.
    const url = `${this.config.WECHAT_API_BASE.replace(/\/+$/, '')}/sns/jscode2session?${query}`;
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, { signal: AbortSignal.timeout(this.config.WECHAT_TIMEOUT_MS) });
      text = await res.text();
    } catch (err) {
      const cause = err instanceof Error ? ((err.cause as { code?: string } | undefined)?.code ?? err.name) : 'unknown';
      this.logger.warn({ cause }, 'code2session failed');
      throw AuthErrors.wechatUnavailable();
    }
    if (!res.ok) {
      this.logger.warn({ status: res.status }, 'code2session answered with an HTTP error');
      throw AuthErrors.wechatUnavailable();
    }
    // WeChat sends JSON labelled text/plain: parse the text whatever the content type.
    let parsed: z.infer<typeof Code2SessionSchema>;
    try {
      parsed = Code2SessionSchema.parse(JSON.parse(text));
    } catch {
      this.logger.warn('code2session answered something that is not its documented JSON');
      throw AuthErrors.wechatUnavailable();
    }
    const errcode = parsed.errcode ?? 0;
    if (errcode === 0 && parsed.openid) return { openid: parsed.openid, unionid: parsed.unionid ?? null };
    switch (errcode) {
      case WechatErrcode.INVALID_CODE:
      case WechatErrcode.CODE_USED:
        throw AuthErrors.wechatCodeInvalid();
      case WechatErrcode.FREQUENCY_LIMIT:
        throw AuthErrors.wechatRateLimited();
      case WechatErrcode.HIGH_RISK_USER:
        throw AuthErrors.wechatUserBlocked();
      case WechatErrcode.SYSTEM_BUSY:
        throw AuthErrors.wechatUnavailable(HttpStatus.SERVICE_UNAVAILABLE);
      default:
        // Wrong appid/secret and the like: our configuration, not the user's fault.
        this.logger.error({ errcode, errmsg: parsed.errmsg }, 'code2session refused the request');
        throw AuthErrors.wechatUnavailable();
    }
  }
}

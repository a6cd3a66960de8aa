import { chinaDateMinute } from '@dangjian/shared';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/** One message to one user outside the platform, after commit (the outbox worker calls `send`). */
export type OutgoingMessage = { openid: string; title: string; body: string; page: string | null; at: Date };

/** The adapter the outbox worker sends through; `enabled` false means no outbox rows are written. */
export interface SubscribeMessageSender {
  readonly enabled: boolean;
  send(message: OutgoingMessage): Promise<void>;
}
export const SUBSCRIBE_SENDER = Symbol('SUBSCRIBE_SENDER');

/** WeChat answered with an error (errcode ≠ 0) or not at all; the worker retries later. */
export class SubscribeSendError extends Error {}

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * WeChat subscribe messages (订阅消息): an access token from /cgi-bin/stable_token (cached until shortly
 * before it expires), then POST /cgi-bin/message/subscribe/send with the template
 * WECHAT_SUBSCRIBE_TEMPLATE_TRANSFER, whose keywords are thing1 (title), thing2 (summary) and time3.
 * Off unless that template id is configured.
 *
 * The stable token (not /cgi-bin/token) because several processes and instances send (issue 12): each
 * /cgi-bin/token call revokes the token the previous call gave, so instances would revoke each other's;
 * the stable-token endpoint without force_refresh answers every caller the same token until it expires.
 */
@Injectable()
export class WechatSubscribeSender implements SubscribeMessageSender {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return Boolean(this.config.WECHAT_SUBSCRIBE_TEMPLATE_TRANSFER);
  }

  async send(m: OutgoingMessage): Promise<void> {
    const token = await this.accessToken();
    const res = await this.call(`/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        touser: m.openid,
        template_id: this.config.WECHAT_SUBSCRIBE_TEMPLATE_TRANSFER,
        page: m.page ?? undefined,
        miniprogram_state: this.config.WECHAT_SUBSCRIBE_STATE,
        lang: 'zh_CN',
        data: { thing1: { value: cut(m.title, 20) }, thing2: { value: cut(m.body, 20) }, time3: { value: chinaDateMinute(m.at) } },
      }),
    });
    // 40001 / 42001: the token expired early; ask again next time (the stable endpoint then gives the new one).
    if (res.errcode === 40001 || res.errcode === 42001) this.token = null;
    if (res.errcode) throw new SubscribeSendError(`subscribe/send errcode ${res.errcode}: ${res.errmsg ?? ''}`);
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now()) return this.token.value;
    const res = await this.call('/cgi-bin/stable_token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // force_refresh stays false: a forced refresh would revoke the token the other instances hold.
      body: JSON.stringify({ grant_type: 'client_credential', appid: this.config.WECHAT_APPID, secret: this.config.WECHAT_SECRET, force_refresh: false }),
    });
    if (!res.access_token) throw new SubscribeSendError(`token errcode ${res.errcode ?? '?'}: ${res.errmsg ?? ''}`);
    this.token = { value: res.access_token, expiresAt: Date.now() + Math.max(60, (res.expires_in ?? 7200) - 300) * 1000 };
    return this.token.value;
  }

  private async call(path: string, init: RequestInit): Promise<{ errcode?: number; errmsg?: string; access_token?: string; expires_in?: number }> {
    let res: Response;
    try {
      res = await fetch(`${this.config.WECHAT_API_BASE.replace(/\/+$/, '')}${path}`, { ...init, signal: AbortSignal.timeout(this.config.WECHAT_TIMEOUT_MS) });
    } catch (err) {
      throw new SubscribeSendError(`WeChat unreachable: ${(err as Error).message}`);
    }
    if (!res.ok) throw new SubscribeSendError(`WeChat HTTP ${res.status}`);
    try {
      return (await res.json()) as never;
    } catch {
      throw new SubscribeSendError('WeChat answered with something that is not JSON');
    }
  }
}

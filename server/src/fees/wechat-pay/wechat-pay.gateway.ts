import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RequestPaymentParams } from '@dangjian/shared';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { resolvePem } from '../../config/fee-config.js';
import { wechatPayFailed } from '../fees.errors.js';
import {
  authorizationHeader,
  decryptResource,
  encryptResource,
  nonce,
  parseTransaction,
  requestPaymentParams,
  rsaSign,
  unixSeconds,
  verifyWechatSignature,
  type EncryptedResource,
  type SignedHeaders,
  type WechatTransaction,
} from './wechat-pay.crypto.js';

export type OnlinePayMode = 'wechat' | 'demo' | 'unavailable';

export type JsapiOrder = { outTradeNo: string; description: string; amountFen: number; openid: string | null; expiresAt: Date };

export type NotificationOutcome = { ok: true; id: string; eventType: string; transaction: WechatTransaction | null } | { ok: false; reason: string };

type Keys = { mchid: string; serialNo: string; merchantKey: KeyObject; platformKey: KeyObject; apiV3Key: string; platformPrivateKey?: KeyObject };

/** The serial the labelled demo signs with; a real platform serial never looks like this. */
export const DEMO_PLATFORM_SERIAL = 'DEMO_NOT_A_REAL_PAYMENT';

/**
 * WeChat Pay API v3 for JSAPI (mini-program) payments: places orders, signs wx.requestPayment,
 * verifies and decrypts notifications. Modes: 'wechat' with the WECHATPAY_* settings; 'demo' in
 * DEMO_MODE without them — keys made in memory, no HTTP call, payment confirmed through the very same
 * notification code with a notification this process signs (clearly labelled, never real money);
 * 'unavailable' otherwise.
 */
@Injectable()
export class WechatPayGateway {
  readonly mode: OnlinePayMode;
  private keys: Keys | null = null;
  private readonly log = new Logger('WechatPay');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.WECHATPAY_MCHID) {
      this.mode = 'wechat';
      this.keys = {
        mchid: config.WECHATPAY_MCHID,
        serialNo: config.WECHATPAY_CERT_SERIAL!,
        merchantKey: createPrivateKey(resolvePem(config.WECHATPAY_PRIVATE_KEY!)),
        platformKey: createPublicKey(resolvePem(config.WECHATPAY_PLATFORM_PUBLIC_KEY!)),
        apiV3Key: config.WECHATPAY_APIV3_KEY!,
      };
    } else {
      this.mode = config.DEMO_MODE && !config.WECHATPAY_OFF ? 'demo' : 'unavailable';
    }
  }

  get appId(): string {
    return this.config.WECHAT_APPID;
  }

  /** Keys of the mode; in demo made once, on first use (RSA key generation takes a moment). */
  private k(): Keys {
    if (this.keys) return this.keys;
    const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.keys = {
      mchid: 'DEMO',
      serialNo: 'DEMO',
      merchantKey: merchant.privateKey,
      platformKey: platform.publicKey,
      platformPrivateKey: platform.privateKey,
      apiV3Key: randomBytes(16).toString('hex'),
    };
    return this.keys;
  }

  /** POST /v3/pay/transactions/jsapi → prepay_id. The answer's signature is checked too. */
  async createJsapiOrder(order: JsapiOrder): Promise<string> {
    const keys = this.k();
    if (this.mode === 'demo') return `demo_prepay_${randomUUID().replace(/-/g, '')}`;
    const url = new URL('/v3/pay/transactions/jsapi', this.config.WECHATPAY_API_BASE);
    const body = JSON.stringify({
      appid: this.appId,
      mchid: keys.mchid,
      description: order.description,
      out_trade_no: order.outTradeNo,
      time_expire: rfc3339China(order.expiresAt),
      notify_url: this.config.WECHATPAY_NOTIFY_URL,
      amount: { total: order.amountFen, currency: 'CNY' },
      payer: { openid: order.openid },
    });
    const authorization = authorizationHeader({
      mchid: keys.mchid,
      serialNo: keys.serialNo,
      privateKey: keys.merchantKey,
      method: 'POST',
      urlPath: url.pathname + url.search,
      body,
    });
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { authorization, accept: 'application/json', 'content-type': 'application/json', 'user-agent': 'dangjian-server' },
        body,
        signal: AbortSignal.timeout(this.config.WECHATPAY_TIMEOUT_MS),
      });
    } catch (err) {
      this.log.warn(`jsapi order ${order.outTradeNo}: ${(err as Error).message}`);
      throw wechatPayFailed('网络错误');
    }
    const text = await res.text();
    const verdict = verifyWechatSignature(
      keys.platformKey,
      signedHeaders((n) => res.headers.get(n)),
      text,
    );
    if (!verdict.ok) {
      this.log.warn(`jsapi order ${order.outTradeNo}: answer signature ${verdict.reason} (HTTP ${res.status})`);
      throw wechatPayFailed('应答验签失败');
    }
    let parsed: { prepay_id?: string; code?: string; message?: string } = {};
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      throw wechatPayFailed('应答无法解析');
    }
    if (res.status !== 200 || typeof parsed.prepay_id !== 'string') {
      this.log.warn(`jsapi order ${order.outTradeNo}: HTTP ${res.status} ${parsed.code ?? ''} ${parsed.message ?? ''}`);
      throw wechatPayFailed(parsed.code ?? `HTTP ${res.status}`);
    }
    return parsed.prepay_id;
  }

  requestPayment(prepayId: string): RequestPaymentParams {
    return requestPaymentParams({ appId: this.appId, prepayId, privateKey: this.k().merchantKey });
  }

  /**
   * A notification as received: the signature over the exact body with the platform key, the
   * timestamp within 5 minutes, then the resource decrypted with the APIv3 key. Only
   * TRANSACTION.SUCCESS carries a transaction; other events are acknowledged without one.
   */
  verifyNotification(headers: Record<string, string | string[] | undefined>, rawBody: string, now: Date = new Date()): NotificationOutcome {
    if (this.mode === 'unavailable') return { ok: false, reason: 'online payment is off' };
    const keys = this.k();
    const h = signedHeaders((n) => {
      const v = headers[n.toLowerCase()];
      return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
    });
    // The demo key only ever signs demo notifications, and real ones never carry the demo serial.
    if ((this.mode === 'demo') !== (h.serial === DEMO_PLATFORM_SERIAL)) return { ok: false, reason: 'serial' };
    const verdict = verifyWechatSignature(keys.platformKey, h, rawBody, now);
    if (!verdict.ok) return { ok: false, reason: verdict.reason };
    let body: { id?: string; event_type?: string; resource?: EncryptedResource };
    try {
      body = JSON.parse(rawBody) as typeof body;
    } catch {
      return { ok: false, reason: 'body' };
    }
    if (typeof body.id !== 'string' || typeof body.event_type !== 'string' || !body.resource) return { ok: false, reason: 'body' };
    if (body.event_type !== 'TRANSACTION.SUCCESS') return { ok: true, id: body.id, eventType: body.event_type, transaction: null };
    let plain: string;
    try {
      plain = decryptResource(keys.apiV3Key, body.resource);
    } catch {
      return { ok: false, reason: 'decrypt' };
    }
    const transaction = parseTransaction(plain);
    if (!transaction) return { ok: false, reason: 'transaction' };
    if (transaction.mchid !== keys.mchid || transaction.appid !== this.appId) return { ok: false, reason: 'merchant' };
    return { ok: true, id: body.id, eventType: body.event_type, transaction };
  }

  /**
   * DEMO_MODE only: the notification WeChat Pay would send for a paid order, signed with the demo
   * platform key and encrypted with the demo APIv3 key, so the demo goes through the real code path.
   */
  demoNotification(p: { outTradeNo: string; amountFen: number; openid: string | null }): { headers: Record<string, string>; body: string } {
    if (this.mode !== 'demo') throw new Error('demo notifications exist only in demo mode');
    const keys = this.k();
    const transaction: WechatTransaction = {
      appid: this.appId,
      mchid: keys.mchid,
      out_trade_no: p.outTradeNo,
      transaction_id: `DEMO${Date.now()}${randomBytes(4).toString('hex')}`,
      trade_state: 'SUCCESS',
      success_time: rfc3339China(new Date()),
      amount: { total: p.amountFen, payer_total: p.amountFen, currency: 'CNY' },
      payer: { openid: p.openid ?? 'demo-openid' },
    };
    const body = JSON.stringify({
      id: randomUUID(),
      create_time: rfc3339China(new Date()),
      resource_type: 'encrypt-resource',
      event_type: 'TRANSACTION.SUCCESS',
      summary: '演示支付（非真实付款）',
      resource: encryptResource(keys.apiV3Key, JSON.stringify(transaction), 'transaction'),
    });
    const timestamp = unixSeconds();
    const nonceStr = nonce();
    return {
      headers: {
        'wechatpay-timestamp': timestamp,
        'wechatpay-nonce': nonceStr,
        'wechatpay-serial': DEMO_PLATFORM_SERIAL,
        'wechatpay-signature': rsaSign(keys.platformPrivateKey!, `${timestamp}\n${nonceStr}\n${body}\n`),
        'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
      },
      body,
    };
  }
}

function signedHeaders(get: (name: string) => string | null): SignedHeaders {
  return {
    timestamp: get('Wechatpay-Timestamp') ?? undefined,
    nonce: get('Wechatpay-Nonce') ?? undefined,
    signature: get('Wechatpay-Signature') ?? undefined,
    serial: get('Wechatpay-Serial') ?? undefined,
  };
}

/** RFC 3339 in China time, as WeChat Pay writes times ("2025-06-08T10:34:56+08:00"). */
export function rfc3339China(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

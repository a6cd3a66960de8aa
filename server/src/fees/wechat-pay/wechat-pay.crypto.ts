import { createCipheriv, createDecipheriv, createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto';
import type { RequestPaymentParams } from '@dangjian/shared';

/*
 * WeChat Pay API v3 cryptography, as published (pay.weixin.qq.com/doc/v3/merchant):
 * - request signature: RSA-SHA256 (PKCS#1 v1.5) over "METHOD\nURL\ntimestamp\nnonce\nbody\n" with the
 *   merchant private key, sent as `Authorization: WECHATPAY2-SHA256-RSA2048 mchid=…,nonce_str=…,
 *   signature=…,timestamp=…,serial_no=…`;
 * - response and notification signatures: RSA-SHA256 over "timestamp\nnonce\nbody\n", verified with
 *   the platform public key (headers Wechatpay-Timestamp, -Nonce, -Signature, -Serial);
 * - wx.requestPayment: paySign = RSA-SHA256 over "appId\ntimeStamp\nnonceStr\npackage\n";
 * - notification resources: AEAD_AES_256_GCM under the APIv3 key (32 bytes), 12-byte nonce,
 *   associated_data, ciphertext = base64(encrypted ‖ 16-byte tag).
 */

export const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';
/** Notifications and responses older (or newer) than this are refused: a captured one cannot be replayed later. */
export const MAX_CLOCK_SKEW_S = 300;

export const nonce = (bytes = 16): string => randomBytes(bytes).toString('hex').toUpperCase();
export const unixSeconds = (now: Date = new Date()): string => String(Math.floor(now.getTime() / 1000));

export function rsaSign(privateKey: KeyObject, message: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

export function rsaVerify(publicKey: KeyObject, message: string, signature: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

/** The `Authorization` header of a v3 API request. `urlPath` includes the query string. */
export function authorizationHeader(p: {
  mchid: string;
  serialNo: string;
  privateKey: KeyObject;
  method: string;
  urlPath: string;
  body: string;
  timestamp?: string;
  nonceStr?: string;
}): string {
  const timestamp = p.timestamp ?? unixSeconds();
  const nonceStr = p.nonceStr ?? nonce();
  const signature = rsaSign(p.privateKey, `${p.method.toUpperCase()}\n${p.urlPath}\n${timestamp}\n${nonceStr}\n${p.body}\n`);
  return `${AUTH_SCHEME} mchid="${p.mchid}",nonce_str="${nonceStr}",signature="${signature}",timestamp="${timestamp}",serial_no="${p.serialNo}"`;
}

/** The arguments of wx.requestPayment for a prepay id (signType RSA). */
export function requestPaymentParams(p: {
  appId: string;
  prepayId: string;
  privateKey: KeyObject;
  timeStamp?: string;
  nonceStr?: string;
}): RequestPaymentParams {
  const timeStamp = p.timeStamp ?? unixSeconds();
  const nonceStr = p.nonceStr ?? nonce();
  const pkg = `prepay_id=${p.prepayId}`;
  return {
    appId: p.appId,
    timeStamp,
    nonceStr,
    package: pkg,
    signType: 'RSA',
    paySign: rsaSign(p.privateKey, `${p.appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`),
  };
}

export type SignedHeaders = { timestamp?: string; nonce?: string; signature?: string; serial?: string };

export type VerifyOutcome = { ok: true } | { ok: false; reason: 'missing_headers' | 'stale' | 'probe' | 'signature' };

/**
 * Checks a WeChat Pay signature over `timestamp\nnonce\nbody\n` (responses and notifications). The
 * body must be the exact bytes received.
 */
export function verifyWechatSignature(publicKey: KeyObject, h: SignedHeaders, body: string, now: Date = new Date()): VerifyOutcome {
  if (!h.timestamp || !h.nonce || !h.signature || !h.serial) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(h.timestamp)) return { ok: false, reason: 'stale' };
  const skew = Math.abs(Math.floor(now.getTime() / 1000) - Number(h.timestamp));
  if (skew > MAX_CLOCK_SKEW_S) return { ok: false, reason: 'stale' };
  // WeChat Pay sends signature probes ("WECHATPAY/SIGNTEST/…") to check that merchants verify.
  if (h.signature.startsWith('WECHATPAY/SIGNTEST/')) return { ok: false, reason: 'probe' };
  return rsaVerify(publicKey, `${h.timestamp}\n${h.nonce}\n${body}\n`, h.signature) ? { ok: true } : { ok: false, reason: 'signature' };
}

export type EncryptedResource = { algorithm: string; ciphertext: string; nonce: string; associated_data?: string; original_type?: string };

/** AEAD_AES_256_GCM decryption of a notification resource; throws when the key, nonce, data or tag do not match. */
export function decryptResource(apiV3Key: string, r: EncryptedResource): string {
  if (r.algorithm !== 'AEAD_AES_256_GCM') throw new Error(`unsupported algorithm ${r.algorithm}`);
  const data = Buffer.from(r.ciphertext, 'base64');
  if (data.length < 17) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(r.nonce, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  decipher.setAAD(Buffer.from(r.associated_data ?? '', 'utf8'));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}

/** The inverse, as WeChat Pay does it (used by the labelled demo path). */
export function encryptResource(
  apiV3Key: string,
  plaintext: string,
  associatedData: string,
  nonceStr: string = randomBytes(6).toString('hex'),
): EncryptedResource {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonceStr, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const enc = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: enc.toString('base64'), nonce: nonceStr, associated_data: associatedData, original_type: 'transaction' };
}

/** The decrypted transaction of a TRANSACTION.SUCCESS notification (the fields used). */
export type WechatTransaction = {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id: string;
  trade_state: string;
  success_time?: string;
  amount: { total: number; payer_total?: number; currency?: string };
  payer?: { openid?: string };
};

export function parseTransaction(json: string): WechatTransaction | null {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    return null;
  }
  const t = v as Partial<WechatTransaction>;
  if (typeof t?.out_trade_no !== 'string' || typeof t.transaction_id !== 'string' || typeof t.trade_state !== 'string') return null;
  if (typeof t.amount?.total !== 'number' || !Number.isSafeInteger(t.amount.total)) return null;
  if (typeof t.mchid !== 'string' || typeof t.appid !== 'string') return null;
  return t as WechatTransaction;
}

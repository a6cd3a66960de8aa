import { createVerify, generateKeyPairSync } from 'node:crypto';
import {
  authorizationHeader,
  decryptResource,
  encryptResource,
  parseTransaction,
  requestPaymentParams,
  rsaSign,
  verifyWechatSignature,
} from './wechat-pay.crypto.js';

const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const apiV3Key = '0123456789abcdef0123456789abcdef';

describe('WeChat Pay v3 crypto', () => {
  it('signs a request as "METHOD\\nURL\\ntimestamp\\nnonce\\nbody\\n" in the WECHATPAY2-SHA256-RSA2048 header', () => {
    const header = authorizationHeader({
      mchid: '1900000109',
      serialNo: 'ABC123',
      privateKey: merchant.privateKey,
      method: 'post',
      urlPath: '/v3/pay/transactions/jsapi',
      body: '{"a":1}',
      timestamp: '1700000000',
      nonceStr: 'N1',
    });
    expect(header).toMatch(/^WECHATPAY2-SHA256-RSA2048 mchid="1900000109",nonce_str="N1",signature="[^"]+",timestamp="1700000000",serial_no="ABC123"$/);
    const signature = /signature="([^"]+)"/.exec(header)![1]!;
    const ok = createVerify('RSA-SHA256').update('POST\n/v3/pay/transactions/jsapi\n1700000000\nN1\n{"a":1}\n').verify(merchant.publicKey, signature, 'base64');
    expect(ok).toBe(true);
  });

  it('signs wx.requestPayment over "appId\\ntimeStamp\\nnonceStr\\npackage\\n"', () => {
    const p = requestPaymentParams({
      appId: 'wxapp',
      prepayId: 'wx201410272009395522657a690389285100',
      privateKey: merchant.privateKey,
      timeStamp: '1414561699',
      nonceStr: 'n',
    });
    expect(p).toMatchObject({
      appId: 'wxapp',
      timeStamp: '1414561699',
      nonceStr: 'n',
      package: 'prepay_id=wx201410272009395522657a690389285100',
      signType: 'RSA',
    });
    expect(createVerify('RSA-SHA256').update(`wxapp\n1414561699\nn\n${p.package}\n`).verify(merchant.publicKey, p.paySign, 'base64')).toBe(true);
  });

  it('verifies notification signatures: fresh, complete, genuine — and nothing else', () => {
    const now = new Date('2025-06-01T00:00:00Z');
    const ts = String(now.getTime() / 1000);
    const body = '{"id":"x"}';
    const h = { timestamp: ts, nonce: 'abc', serial: 'S', signature: rsaSign(platform.privateKey, `${ts}\nabc\n${body}\n`) };
    expect(verifyWechatSignature(platform.publicKey, h, body, now)).toEqual({ ok: true });
    expect(verifyWechatSignature(platform.publicKey, h, `${body} `, now)).toEqual({ ok: false, reason: 'signature' });
    expect(verifyWechatSignature(platform.publicKey, { ...h, signature: rsaSign(merchant.privateKey, `${ts}\nabc\n${body}\n`) }, body, now)).toEqual({
      ok: false,
      reason: 'signature',
    });
    expect(verifyWechatSignature(platform.publicKey, h, body, new Date(now.getTime() + 301_000))).toEqual({ ok: false, reason: 'stale' });
    expect(verifyWechatSignature(platform.publicKey, h, body, new Date(now.getTime() + 299_000))).toEqual({ ok: true });
    expect(verifyWechatSignature(platform.publicKey, { ...h, signature: 'WECHATPAY/SIGNTEST/xyz' }, body, now)).toEqual({ ok: false, reason: 'probe' });
    expect(verifyWechatSignature(platform.publicKey, { ...h, nonce: undefined }, body, now)).toEqual({ ok: false, reason: 'missing_headers' });
    expect(verifyWechatSignature(platform.publicKey, { ...h, signature: 'not base64 !' }, body, now).ok).toBe(false);
  });

  it('decrypts AEAD_AES_256_GCM resources and refuses a wrong key, nonce, associated data or tag', () => {
    const r = encryptResource(apiV3Key, '{"out_trade_no":"DJ1"}', 'transaction', 'abcdefabcdef');
    expect(decryptResource(apiV3Key, r)).toBe('{"out_trade_no":"DJ1"}');
    expect(() => decryptResource('f'.repeat(32), r)).toThrow();
    expect(() => decryptResource(apiV3Key, { ...r, nonce: '000000000000' })).toThrow();
    expect(() => decryptResource(apiV3Key, { ...r, associated_data: 'other' })).toThrow();
    const bytes = Buffer.from(r.ciphertext, 'base64');
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    expect(() => decryptResource(apiV3Key, { ...r, ciphertext: bytes.toString('base64') })).toThrow();
    expect(() => decryptResource(apiV3Key, { ...r, algorithm: 'AES-CBC' })).toThrow();
  });

  it('accepts only transactions with an integer amount in fen', () => {
    const t = { appid: 'a', mchid: 'm', out_trade_no: 'o', transaction_id: 't', trade_state: 'SUCCESS', amount: { total: 1500 } };
    expect(parseTransaction(JSON.stringify(t))).toMatchObject({ amount: { total: 1500 } });
    expect(parseTransaction(JSON.stringify({ ...t, amount: { total: 15.5 } }))).toBeNull();
    expect(parseTransaction(JSON.stringify({ ...t, out_trade_no: undefined }))).toBeNull();
    expect(parseTransaction('not json')).toBeNull();
  });
});

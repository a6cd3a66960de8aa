import { createCipheriv, createSign, createVerify, generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for WeChat Pay API v3 (pay.weixin.qq.com/doc/v3/merchant), written from the
 * published protocol and independent of the server's own crypto code:
 * - POST /v3/pay/transactions/jsapi checks the `Authorization: WECHATPAY2-SHA256-RSA2048 …` header
 *   (mchid, serial_no, a fresh timestamp, RSA-SHA256 over "POST\n<path>\n<ts>\n<nonce>\n<body>\n"
 *   with the merchant public key) and the order, and answers {prepay_id} signed with the platform key
 *   (Wechatpay-Timestamp/-Nonce/-Serial/-Signature over "<ts>\n<nonce>\n<body>\n"); errors answer
 *   {code, message} (SIGN_ERROR 401, PARAM_ERROR 400) as WeChat Pay does;
 * - `notification()` builds a TRANSACTION.SUCCESS notification: the transaction encrypted with
 *   AEAD_AES_256_GCM under the APIv3 key, the body signed with the platform private key.
 * Keys are generated here with node:crypto; `env` points the server at this fake.
 */
export type FakeOrder = { outTradeNo: string; amountFen: number; openid: string; description: string; notifyUrl: string; appid: string; prepayId: string };

export type FakeWechatPay = {
  url: string;
  mchid: string;
  appid: string;
  apiV3Key: string;
  platformSerial: string;
  /** WECHATPAY_* settings for createTestApp. */
  env: Record<string, string>;
  /** Orders accepted (the request signature verified). */
  orders: FakeOrder[];
  /** Requests refused, with the reason. */
  refused: Array<{ status: number; code: string; message: string }>;
  /** The merchant public key: tests verify wx.requestPayment's paySign with it. */
  merchantPublicKey: KeyObject;
  /** The next order answers this error instead (then back to normal). */
  failNext: { status: number; code: string; message: string } | null;
  notification: (o: {
    outTradeNo: string;
    amountFen: number;
    id?: string;
    transactionId?: string;
    openid?: string;
    timestamp?: number;
    signWith?: KeyObject;
    bodyAfterSigning?: (body: string) => string;
    tradeState?: string;
  }) => {
    headers: Record<string, string>;
    body: string;
    id: string;
  };
  /** POSTs a notification to a listening server, as WeChat Pay does (tests usually inject instead). */
  send: (url: string, n: { headers: Record<string, string>; body: string }) => Promise<{ status: number; body: string }>;
  close: () => Promise<void>;
};

const sign = (key: KeyObject, message: string) => createSign('RSA-SHA256').update(message, 'utf8').sign(key, 'base64');

export async function startFakeWechatPay(opts: { appid?: string; mchid?: string } = {}): Promise<FakeWechatPay> {
  const appid = opts.appid ?? 'wx-test-appid';
  const mchid = opts.mchid ?? '1900000109';
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const merchantSerial = randomBytes(20).toString('hex').toUpperCase();
  const platformSerial = `PUB_KEY_ID_${randomBytes(12).toString('hex').toUpperCase()}`;
  const apiV3Key = randomBytes(16).toString('hex');
  const orders: FakeOrder[] = [];
  const refused: FakeWechatPay['refused'] = [];

  const signedHeaders = (body: string, key: KeyObject = platform.privateKey, ts: number = Math.floor(Date.now() / 1000)) => {
    const nonce = randomBytes(16).toString('hex');
    return {
      'wechatpay-timestamp': String(ts),
      'wechatpay-nonce': nonce,
      'wechatpay-serial': platformSerial,
      'wechatpay-signature': sign(key, `${ts}\n${nonce}\n${body}\n`),
      'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
    };
  };

  const fake = {} as FakeWechatPay;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = (status: number, payload: unknown) => {
        const text = JSON.stringify(payload);
        res.writeHead(status, { 'content-type': 'application/json', ...signedHeaders(text) });
        res.end(text);
      };
      const refuse = (status: number, code: string, message: string) => {
        refused.push({ status, code, message });
        answer(status, { code, message });
      };
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (req.method !== 'POST' || path !== '/v3/pay/transactions/jsapi') return refuse(404, 'NOT_FOUND', 'not found');

      const auth = String(req.headers.authorization ?? '');
      if (!auth.startsWith('WECHATPAY2-SHA256-RSA2048 ')) return refuse(401, 'SIGN_ERROR', 'authorization scheme');
      const fields = Object.fromEntries([...auth.slice(26).matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
      if (fields.mchid !== mchid) return refuse(401, 'SIGN_ERROR', 'mchid');
      if (fields.serial_no !== merchantSerial) return refuse(401, 'SIGN_ERROR', 'serial_no');
      if (!fields.timestamp || Math.abs(Date.now() / 1000 - Number(fields.timestamp)) > 300) return refuse(401, 'SIGN_ERROR', 'timestamp');
      const message = `POST\n${req.url}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
      if (!fields.signature || !createVerify('RSA-SHA256').update(message, 'utf8').verify(merchant.publicKey, fields.signature, 'base64')) {
        return refuse(401, 'SIGN_ERROR', 'signature');
      }
      if (fake.failNext) {
        const f = fake.failNext;
        fake.failNext = null;
        return refuse(f.status, f.code, f.message);
      }
      let o: {
        appid?: string;
        mchid?: string;
        description?: string;
        out_trade_no?: string;
        notify_url?: string;
        amount?: { total?: number; currency?: string };
        payer?: { openid?: string };
      };
      try {
        o = JSON.parse(body);
      } catch {
        return refuse(400, 'PARAM_ERROR', 'body is not JSON');
      }
      if (o.appid !== appid || o.mchid !== mchid) return refuse(400, 'PARAM_ERROR', 'appid/mchid');
      if (!o.description || !o.out_trade_no || !/^[A-Za-z0-9_*|-]{6,32}$/.test(o.out_trade_no)) return refuse(400, 'PARAM_ERROR', 'out_trade_no/description');
      if (!o.notify_url || !/^https?:\/\//.test(o.notify_url)) return refuse(400, 'PARAM_ERROR', 'notify_url');
      if (!Number.isInteger(o.amount?.total) || o.amount!.total! <= 0) return refuse(400, 'PARAM_ERROR', 'amount.total must be a positive integer (fen)');
      if (o.amount?.currency && o.amount.currency !== 'CNY') return refuse(400, 'PARAM_ERROR', 'currency');
      if (!o.payer?.openid) return refuse(400, 'PARAM_ERROR', 'payer.openid');
      const prepayId = `wx${Date.now()}${randomBytes(8).toString('hex')}`;
      orders.push({
        outTradeNo: o.out_trade_no,
        amountFen: o.amount!.total!,
        openid: o.payer.openid,
        description: o.description,
        notifyUrl: o.notify_url,
        appid: o.appid,
        prepayId,
      });
      answer(200, { prepay_id: prepayId });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  Object.assign(fake, {
    url,
    mchid,
    appid,
    apiV3Key,
    platformSerial,
    orders,
    refused,
    merchantPublicKey: merchant.publicKey,
    failNext: null,
    env: {
      WECHAT_APPID: appid,
      WECHATPAY_MCHID: mchid,
      WECHATPAY_API_BASE: url,
      WECHATPAY_PRIVATE_KEY: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      WECHATPAY_CERT_SERIAL: merchantSerial,
      WECHATPAY_PLATFORM_PUBLIC_KEY: platform.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      WECHATPAY_APIV3_KEY: apiV3Key,
      WECHATPAY_NOTIFY_URL: 'https://dangjian.example.org/api/v1/fees/wechat-pay/notify',
    },
    notification: (n: Parameters<FakeWechatPay['notification']>[0]) => {
      const id = n.id ?? randomUUID();
      const transaction = {
        appid,
        mchid,
        out_trade_no: n.outTradeNo,
        transaction_id: n.transactionId ?? `4200${Date.now()}${randomBytes(3).toString('hex')}`,
        trade_type: 'JSAPI',
        trade_state: n.tradeState ?? 'SUCCESS',
        trade_state_desc: '支付成功',
        bank_type: 'OTHERS',
        success_time: new Date().toISOString().replace(/\.\d{3}Z$/, '+00:00'),
        payer: { openid: n.openid ?? 'o-fake-openid' },
        amount: { total: n.amountFen, payer_total: n.amountFen, currency: 'CNY', payer_currency: 'CNY' },
      };
      const nonce = randomBytes(6).toString('hex');
      const associated = 'transaction';
      const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
      cipher.setAAD(Buffer.from(associated, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(JSON.stringify(transaction), 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
      const signedBody = JSON.stringify({
        id,
        create_time: new Date().toISOString(),
        resource_type: 'encrypt-resource',
        event_type: 'TRANSACTION.SUCCESS',
        summary: '支付成功',
        resource: { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: associated, nonce },
      });
      const headers = signedHeaders(signedBody, n.signWith ?? platform.privateKey, n.timestamp);
      const body = n.bodyAfterSigning ? n.bodyAfterSigning(signedBody) : signedBody;
      return { headers: { ...headers, 'content-type': 'application/json' }, body, id };
    },
    send: async (target: string, n: { headers: Record<string, string>; body: string }) => {
      const res = await fetch(target, { method: 'POST', headers: n.headers, body: n.body });
      return { status: res.status, body: await res.text() };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
  return fake;
}

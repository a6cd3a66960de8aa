import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

/**
 * A stand-in for WeChat's code2session
 * (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html) on
 * 127.0.0.1: GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code, answered
 * 200 with JSON (labelled text/plain, as WeChat does). Errors use WeChat's documented codes:
 * -1 system busy, 40029 invalid code, 40163 code already used, 45011 frequency limit,
 * 40226 high-risk user, 40013 invalid appid, 40125 invalid secret, 40002 invalid grant_type, 41008 missing code.
 */
export type FakeWechat = {
  /** Base URL for WECHAT_API_BASE. */
  url: string;
  appid: string;
  secret: string;
  /** A code wx.login would give this user; one use only, like WeChat's. */
  issueCode: (user: { openid: string; unionid?: string }) => string;
  /** Every request's query parameters, in order. */
  requests: Array<Record<string, string>>;
  /** Every session_key handed out (tests check none of them is stored). */
  sessionKeys: string[];
  close: () => Promise<void>;
};

/** Codes that always answer with that errcode (and can be used any number of times). */
export const FAKE_WECHAT_ERROR_CODES: Record<string, { errcode: number; errmsg: string }> = {
  'busy-code': { errcode: -1, errmsg: 'system error' },
  'invalid-code': { errcode: 40029, errmsg: 'invalid code' },
  'limited-code': { errcode: 45011, errmsg: 'api minute-quota reach limit mustslower retry next minute' },
  'risky-code': { errcode: 40226, errmsg: 'high risk user' },
};
/** A code whose answer is not WeChat's JSON at all, and one whose answer never comes in time. */
export const FAKE_WECHAT_GARBAGE_CODE = 'garbage-code';
export const FAKE_WECHAT_SLOW_CODE = 'slow-code';

export async function startFakeWechat(opts: { appid?: string; secret?: string; slowMs?: number } = {}): Promise<FakeWechat> {
  const appid = opts.appid ?? 'wx-test-appid';
  const secret = opts.secret ?? 'test-secret';
  const codes = new Map<string, { openid: string; unionid?: string }>();
  const used = new Set<string>();
  const requests: Array<Record<string, string>> = [];
  const sessionKeys: string[] = [];

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (body: unknown, type = 'text/plain') => {
      res.writeHead(200, { 'content-type': type });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (req.method !== 'GET' || url.pathname !== '/sns/jscode2session') {
      res.writeHead(404).end();
      return;
    }
    const q = Object.fromEntries(url.searchParams);
    requests.push(q);
    if (q.appid !== appid) return send({ errcode: 40013, errmsg: 'invalid appid' });
    if (q.secret !== secret) return send({ errcode: 40125, errmsg: 'invalid appsecret' });
    if (q.grant_type !== 'authorization_code') return send({ errcode: 40002, errmsg: 'invalid grant_type' });
    const code = q.js_code;
    if (!code) return send({ errcode: 41008, errmsg: 'missing code' });
    const fixed = FAKE_WECHAT_ERROR_CODES[code];
    if (fixed) return send(fixed);
    if (code === FAKE_WECHAT_GARBAGE_CODE) return send('<html>502 Bad Gateway</html>', 'text/html');
    if (code === FAKE_WECHAT_SLOW_CODE) {
      setTimeout(() => send({ errcode: -1, errmsg: 'system error' }), opts.slowMs ?? 2000).unref();
      return;
    }
    if (used.has(code)) return send({ errcode: 40163, errmsg: 'code been used' });
    const user = codes.get(code);
    if (!user) return send({ errcode: 40029, errmsg: 'invalid code' });
    used.add(code);
    // session_key is part of the real answer: the server must drop it.
    const sessionKey = randomBytes(16).toString('base64');
    sessionKeys.push(sessionKey);
    send({ openid: user.openid, session_key: sessionKey, ...(user.unionid ? { unionid: user.unionid } : {}) });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let n = 0;
  return {
    url: `http://127.0.0.1:${port}`,
    appid,
    secret,
    requests,
    sessionKeys,
    issueCode: (user) => {
      const code = `code-${++n}-${randomBytes(6).toString('hex')}`;
      codes.set(code, user);
      return code;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The env for createTestApp that points the server at this fake. */
export const wechatEnv = (fake: FakeWechat): Record<string, string> => ({
  WECHAT_API_BASE: fake.url,
  WECHAT_APPID: fake.appid,
  WECHAT_SECRET: fake.secret,
});

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../config/config.js';

// Generated once for the file: two RSA-2048 pairs cost ~0.3 CPU-s, and no test needs its own.
let pairs: { merchant: ReturnType<typeof rsa>; platform: ReturnType<typeof rsa> } | undefined;
const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const keys = () => {
  const { merchant, platform } = (pairs ??= { merchant: rsa(), platform: rsa() });
  return {
    WECHATPAY_MCHID: '1900000109',
    WECHATPAY_PRIVATE_KEY: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().replace(/\n/g, '\\n'),
    WECHATPAY_CERT_SERIAL: 'ABCDEF0123456789',
    WECHATPAY_PLATFORM_PUBLIC_KEY: platform.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    WECHATPAY_APIV3_KEY: randomBytes(16).toString('hex'),
    WECHATPAY_NOTIFY_URL: 'https://example.org/api/v1/fees/wechat-pay/notify',
  };
};
const DATA_KEY = randomBytes(32).toString('base64');

describe('fee settings', () => {
  it('defaults to the regulation: base fixed for the year, probationary members from the admission month', () => {
    const c = loadConfig({ NODE_ENV: 'test' });
    expect([c.FEE_BASE_RULE, c.FEE_PROBATIONARY_FROM, c.WECHATPAY_MCHID]).toEqual(['fixed_for_year', 'admission_month', undefined]);
  });

  it('accepts WeChat Pay settings only all together, with readable keys (PEM text with \\n escapes)', () => {
    const all = keys();
    expect(loadConfig({ NODE_ENV: 'test', ...all }).WECHATPAY_MCHID).toBe('1900000109');
    const { WECHATPAY_APIV3_KEY: _drop, ...partial } = all;
    expect(() => loadConfig({ NODE_ENV: 'test', ...partial })).toThrow(/WECHATPAY_APIV3_KEY/);
    expect(() => loadConfig({ NODE_ENV: 'test', ...all, WECHATPAY_PRIVATE_KEY: 'not a key' })).toThrow(/WECHATPAY_PRIVATE_KEY/);
    expect(() => loadConfig({ NODE_ENV: 'test', ...all, WECHATPAY_APIV3_KEY: 'short' })).toThrow(ConfigError);
  });

  it('requires WeChat Pay in production unless in demo mode, and an https notify URL there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_KEY })).toThrow(/WECHATPAY_MCHID/);
    expect(loadConfig({ NODE_ENV: 'production', DATA_KEY, DEMO_MODE: 'true' }).DEMO_MODE).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_KEY, ...keys(), WECHATPAY_NOTIFY_URL: 'http://example.org/n' })).toThrow(/https/);
    expect(loadConfig({ NODE_ENV: 'production', DATA_KEY, ...keys() }).WECHATPAY_MCHID).toBe('1900000109');
  });

  it('runs production without online payment only when told so (WECHATPAY_OFF), and not with WeChat Pay settings beside it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_KEY })).toThrow(/WECHATPAY_OFF=true/);
    expect(loadConfig({ NODE_ENV: 'production', DATA_KEY, WECHATPAY_OFF: 'true' }).WECHATPAY_OFF).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_KEY, WECHATPAY_OFF: 'true', ...keys() })).toThrow(/WECHATPAY_OFF/);
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_KEY, WECHATPAY_OFF: 'yes' })).toThrow(/WECHATPAY_OFF/);
  });
});

import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** A key of its own for each use of DATA_KEY (HKDF-SHA256, RFC 5869): one leaked derived key does not expose the others. */
export const deriveKey = (dataKey: Buffer, info: string): Buffer => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32));

export const BIND_TICKET_KEY_INFO = 'dangjian/auth/wechat-bind-ticket/v1';
export const BIND_TICKET_TTL_S = 10 * 60;

export type BindTicketClaims = { openid: string; unionid: string | null };

const VERSION = 'v1';

/**
 * The proof, between "WeChat says this is openid X" and "member Y binds X", that the server itself
 * saw X. Stateless: `v1.<payload>.<HMAC-SHA256>` (base64url), payload `{o, u, e}` with the expiry in
 * epoch seconds. It is signed, not encrypted: it only goes back to the WeChat user it names.
 */
export class BindTicketSigner {
  private readonly key: Buffer;

  constructor(
    dataKey: Buffer,
    private readonly ttlSeconds = BIND_TICKET_TTL_S,
    private readonly now: () => number = Date.now,
  ) {
    this.key = deriveKey(dataKey, BIND_TICKET_KEY_INFO);
  }

  sign(claims: BindTicketClaims): string {
    const exp = Math.floor(this.now() / 1000) + this.ttlSeconds;
    const payload = Buffer.from(JSON.stringify({ o: claims.openid, u: claims.unionid, e: exp })).toString('base64url');
    return `${VERSION}.${payload}.${this.mac(payload)}`;
  }

  /** The claims, or null when the ticket is malformed, forged, or expired. */
  verify(ticket: string): BindTicketClaims | null {
    const parts = ticket.split('.');
    if (parts.length !== 3 || parts[0] !== VERSION) return null;
    const [, payload, mac] = parts as [string, string, string];
    const expected = Buffer.from(this.mac(payload), 'base64url');
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let body: unknown;
    try {
      body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    const { o, u, e } = (body ?? {}) as { o?: unknown; u?: unknown; e?: unknown };
    if (typeof o !== 'string' || !o || (u !== null && typeof u !== 'string') || typeof e !== 'number') return null;
    if (e * 1000 <= this.now()) return null;
    return { openid: o, unionid: u };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(`${VERSION}.${payload}`).digest('base64url');
  }
}

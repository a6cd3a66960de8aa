import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/*
 * HMAC and key-derivation helpers of the signed tokens (check-in QR and screen links, ballots,
 * letters): keys derived from DATA_KEY with HKDF, 128-bit truncated HMAC-SHA-256 in base64url,
 * constant-time comparison.
 */

/** A uuid as 22 base64url characters (16 bytes), to keep QR codes small. */
export const compactId = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex').toString('base64url');

/** The uuid of a compact id; null unless it is the canonical encoding of 16 bytes. */
export function expandId(compact: string): string | null {
  const b = Buffer.from(compact, 'base64url');
  if (b.length !== 16 || b.toString('base64url') !== compact) return null;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const SIG_BYTES = 16;

export function derive(ikm: Buffer, salt: string, info: string, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, length));
}

export function mac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest().subarray(0, SIG_BYTES).toString('base64url');
}

export function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

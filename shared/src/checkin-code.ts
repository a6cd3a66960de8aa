import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

/*
 * The member's personal rotating check-in code (reverse mode, C3/C4): RFC 6238 TOTP with
 * HMAC-SHA-256, 30-second steps, 8 digits. Pure JavaScript (@noble/hashes), so the server and the
 * mini-program (weapp has no node:crypto) compute the same codes; a phone with the secret shows codes
 * offline.
 */

export const MEMBER_CODE = { periodSeconds: 30, digits: 8, prefix: 'DJM1' } as const;

/** RFC 4226 HOTP over an 8-byte big-endian counter, with HMAC-SHA-256 (RFC 6238 §1.2). */
export function hotp(secret: Uint8Array, counter: number, digits: number = MEMBER_CODE.digits): string {
  const msg = new Uint8Array(8);
  const view = new DataView(msg.buffer);
  view.setUint32(0, Math.floor(counter / 2 ** 32));
  view.setUint32(4, counter >>> 0);
  const h = hmac(sha256, secret, msg);
  const o = h[h.length - 1]! & 0x0f;
  const bin = ((h[o]! & 0x7f) << 24) | (h[o + 1]! << 16) | (h[o + 2]! << 8) | h[o + 3]!;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

/** The TOTP step of an instant (ms since the epoch). */
export const totpStep = (timeMs: number, periodSeconds: number = MEMBER_CODE.periodSeconds) => Math.floor(timeMs / 1000 / periodSeconds);

export function totp(secret: Uint8Array, timeMs: number, periodSeconds: number = MEMBER_CODE.periodSeconds, digits: number = MEMBER_CODE.digits): string {
  return hotp(secret, totpStep(timeMs, periodSeconds), digits);
}

export function hexToBytes(hex: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new Error('invalid hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** What the member's QR code encodes: `DJM1.<member id without hyphens>.<code>`. */
export const memberCodeContent = (memberId: string, code: string) => `${MEMBER_CODE.prefix}.${memberId.replace(/-/g, '').toLowerCase()}.${code}`;

/** The code the phone shows now, from the secret fetched once (GET /members/me/checkin-code). */
export function memberCheckinCode(memberId: string, secretHex: string, timeMs: number): { code: string; content: string; expiresInMs: number } {
  const code = totp(hexToBytes(secretHex), timeMs);
  const periodMs = MEMBER_CODE.periodSeconds * 1000;
  return { code, content: memberCodeContent(memberId, code), expiresInMs: periodMs - (timeMs % periodMs) };
}

/**
 * Reads a scanned or typed personal code: the QR content (member id + code) or the bare 8 digits
 * (then the server looks among the meeting's expected members).
 */
export function parseMemberCode(input: string): { memberId: string | null; code: string } | null {
  const s = input.trim();
  if (/^\d{8}$/.test(s)) return { memberId: null, code: s };
  const m = /^DJM1\.([0-9a-f]{32})\.(\d{8})$/i.exec(s);
  if (!m) return null;
  const h = m[1]!.toLowerCase();
  return { memberId: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`, code: m[2]! };
}

// ---- The meeting's rotating QR code and the projector's screen link (forward mode, C3) ----

const ID_CHARS = '[A-Za-z0-9_-]';
/**
 * The check-in QR token `v1.<kid>.<meeting>.<step>.<sig>`: the signing key's id, the meeting id as 22
 * base64url characters (16 bytes, to keep the QR small), the time step, and the HMAC (128 bits,
 * base64url). The one grammar of it: the server signs and verifies, the scanners only read.
 */
export const CHECKIN_QR_TOKEN = new RegExp(`^v1\\.(${ID_CHARS}{1,16})\\.(${ID_CHARS}{22})\\.(\\d{1,15})\\.(${ID_CHARS}{22})$`);
/** A projector's read-only screen link `s1.<kid>.<meeting>.<expires, unix seconds>.<sig>`. */
export const CHECKIN_SCREEN_TOKEN = new RegExp(`^s1\\.(${ID_CHARS}{1,16})\\.(${ID_CHARS}{22})\\.(\\d{1,12})\\.(${ID_CHARS}{22})$`);

export type SignedTokenParts = { kid: string; meeting: string; value: string; sig: string; body: string };

/** The parts of a `v1.` (or, with CHECKIN_SCREEN_TOKEN, `s1.`) token; `body` is what the signature covers. */
export function parseSignedToken(token: string, grammar: RegExp = CHECKIN_QR_TOKEN): SignedTokenParts | null {
  const m = grammar.exec(token.trim());
  if (!m) return null;
  const [, kid, meeting, value, sig] = m as unknown as [string, string, string, string, string];
  return { kid, meeting, value, sig, body: `${m[0].slice(0, 2)}.${kid}.${meeting}.${value}` };
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The uuid of a 22-character base64url meeting id (pure JavaScript: the mini-program has no Buffer). */
export function uuidFromCompact(compact: string): string | null {
  const bytes: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const ch of compact) {
    const v = B64URL.indexOf(ch);
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
  }
  if (bytes.length !== 16) return null;
  const h = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The meeting and time step a check-in QR token names, or null (for the offline queue: only the server verifies it). */
export function readCheckinToken(token: string): { meetingId: string; step: number } | null {
  const p = parseSignedToken(token);
  const meetingId = p && uuidFromCompact(p.meeting);
  return p && meetingId ? { meetingId, step: Number(p.value) } : null;
}

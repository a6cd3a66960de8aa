import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { MeetingErrors } from './meetings.errors.js';

/** A meeting id as 22 base64url characters (16 bytes), to keep the QR code small. */
export const compactId = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex').toString('base64url');
export function expandId(compact: string): string | null {
  const b = Buffer.from(compact, 'base64url');
  if (b.length !== 16 || b.toString('base64url') !== compact) return null;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const SIG_BYTES = 16;
const QR_TOKEN = /^v1\.([A-Za-z0-9_-]{1,16})\.([A-Za-z0-9_-]{22})\.(\d{1,15})\.([A-Za-z0-9_-]{22})$/;
const SCREEN_TOKEN = /^s1\.([A-Za-z0-9_-]{1,16})\.([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/;

export type QrToken = { kid: string; meetingId: string; step: number };

/**
 * Signed check-in tokens. The QR token `v1.<kid>.<meeting>.<step>.<sig>` binds a meeting and a time
 * step; `sig` is HMAC-SHA-256 (truncated to 128 bits) under a key derived from DATA_KEY with HKDF and
 * the key id, so keys rotate by id (sign with the newest, verify with any listed). Screen tokens
 * (`s1.…`, another HKDF salt) give a projector read-only access to one meeting's code and live view
 * until they expire. Per-member TOTP secrets (reverse mode) are derived the same way from the member id.
 */
@Injectable()
export class CheckinTokens {
  private readonly qrKeys = new Map<string, Buffer>();
  private readonly screenKeys = new Map<string, Buffer>();
  private readonly signingKid: string;
  private readonly memberKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const kids = config.CHECKIN_KEY_IDS.split(',').map((k) => k.trim());
    for (const kid of kids) {
      this.qrKeys.set(kid, derive(config.dataKey, 'dangjian/checkin-qr/v1', kid, 32));
      this.screenKeys.set(kid, derive(config.dataKey, 'dangjian/checkin-screen/v1', kid, 32));
    }
    this.signingKid = kids[kids.length - 1]!;
    this.memberKey = derive(config.dataKey, 'dangjian/member-checkin/v1', 'members', 32);
  }

  signQr(meetingId: string, step: number): string {
    const body = `v1.${this.signingKid}.${compactId(meetingId)}.${step}`;
    return `${body}.${mac(this.qrKeys.get(this.signingKid)!, body)}`;
  }

  /** Malformed → CHECKIN_TOKEN_MALFORMED; unknown key or wrong signature → CHECKIN_TOKEN_FORGED. */
  verifyQr(token: string): QrToken {
    const m = QR_TOKEN.exec(token.trim());
    if (!m) throw MeetingErrors.tokenMalformed();
    const [, kid, mid, step, sig] = m as unknown as [string, string, string, string, string];
    const meetingId = expandId(mid);
    if (!meetingId) throw MeetingErrors.tokenMalformed();
    const key = this.qrKeys.get(kid);
    if (!key || !equal(mac(key, `v1.${kid}.${mid}.${step}`), sig)) throw MeetingErrors.tokenForged();
    return { kid, meetingId, step: Number(step) };
  }

  signScreen(meetingId: string, expiresAt: Date): string {
    const body = `s1.${this.signingKid}.${compactId(meetingId)}.${Math.floor(expiresAt.getTime() / 1000)}`;
    return `${body}.${mac(this.screenKeys.get(this.signingKid)!, body)}`;
  }

  /** The meeting a screen token opens; refused when forged, expired, or for another meeting. */
  verifyScreen(token: string, meetingId: string, now: Date): void {
    const m = SCREEN_TOKEN.exec(token.trim());
    if (!m) throw MeetingErrors.screenTokenInvalid();
    const [, kid, mid, exp, sig] = m as unknown as [string, string, string, string, string];
    const key = this.screenKeys.get(kid);
    if (!key || !equal(mac(key, `s1.${kid}.${mid}.${exp}`), sig)) throw MeetingErrors.screenTokenInvalid();
    if (expandId(mid) !== meetingId) throw MeetingErrors.screenTokenInvalid();
    if (Number(exp) * 1000 < now.getTime()) throw MeetingErrors.screenTokenExpired();
  }

  /** The member's TOTP secret (20 bytes): HMAC of the member id under a key derived from DATA_KEY. */
  memberSecret(memberId: string): Uint8Array {
    return new Uint8Array(createHmac('sha256', this.memberKey).update(memberId).digest().subarray(0, 20));
  }
}

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

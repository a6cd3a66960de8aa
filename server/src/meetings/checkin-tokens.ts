import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CHECKIN_SCREEN_TOKEN, parseSignedToken } from '@dangjian/shared';
import { compactId, derive, equal, expandId, mac } from '../common/hmac.js';
import { RotatingQrSigner } from '../common/rotating-qr.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { MeetingErrors } from './meetings.errors.js';

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
  private readonly qr: RotatingQrSigner;
  private readonly screenKeys = new Map<string, Buffer>();
  private readonly signingKid: string;
  private readonly memberKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const kids = config.CHECKIN_KEY_IDS.split(',').map((k) => k.trim());
    this.qr = new RotatingQrSigner(config.dataKey, config.CHECKIN_KEY_IDS, 'dangjian/checkin-qr/v1');
    for (const kid of kids) this.screenKeys.set(kid, derive(config.dataKey, 'dangjian/checkin-screen/v1', kid, 32));
    this.signingKid = kids[kids.length - 1]!;
    this.memberKey = derive(config.dataKey, 'dangjian/member-checkin/v1', 'members', 32);
  }

  signQr(meetingId: string, step: number): string {
    return this.qr.sign(meetingId, step);
  }

  /** Malformed → CHECKIN_TOKEN_MALFORMED; unknown key or wrong signature → CHECKIN_TOKEN_FORGED. */
  verifyQr(token: string): QrToken {
    const t = this.qr.verify(token);
    if (t === 'malformed') throw MeetingErrors.tokenMalformed();
    if (t === 'forged') throw MeetingErrors.tokenForged();
    return { kid: t.kid, meetingId: t.subjectId, step: t.step };
  }

  signScreen(meetingId: string, expiresAt: Date): string {
    const body = `s1.${this.signingKid}.${compactId(meetingId)}.${Math.floor(expiresAt.getTime() / 1000)}`;
    return `${body}.${mac(this.screenKeys.get(this.signingKid)!, body)}`;
  }

  /** The meeting a screen token opens; refused when forged, expired, or for another meeting. */
  verifyScreen(token: string, meetingId: string, now: Date): void {
    const t = parseSignedToken(token, CHECKIN_SCREEN_TOKEN);
    if (!t) throw MeetingErrors.screenTokenInvalid();
    const key = this.screenKeys.get(t.kid);
    if (!key || !equal(mac(key, t.body), t.sig)) throw MeetingErrors.screenTokenInvalid();
    if (expandId(t.meeting) !== meetingId) throw MeetingErrors.screenTokenInvalid();
    if (Number(t.value) * 1000 < now.getTime()) throw MeetingErrors.screenTokenExpired();
  }

  /** The member's TOTP secret (20 bytes): HMAC of the member id under a key derived from DATA_KEY. */
  memberSecret(memberId: string): Uint8Array {
    return new Uint8Array(createHmac('sha256', this.memberKey).update(memberId).digest().subarray(0, 20));
  }
}

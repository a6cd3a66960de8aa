import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { derive } from '../common/hmac.js';
import { RotatingQrSigner } from '../common/rotating-qr.js';
import { ScreenLinkSigner } from '../common/screen-links.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { MeetingErrors } from './meetings.errors.js';

export type QrToken = { kid: string; meetingId: string; step: number };

/**
 * Signed check-in tokens. The QR token `v1.<kid>.<meeting>.<step>.<sig>` (common/rotating-qr.ts with
 * this module's salt) binds a meeting and a time step; `sig` is HMAC-SHA-256 (truncated to 128 bits)
 * under a key derived from DATA_KEY with HKDF and the key id, so keys rotate by id (sign with the
 * newest, verify with any listed). Screen tokens (`s1.…`, common/screen-links.ts with this module's
 * salt) give a projector read-only access to one meeting's code and live view until they expire.
 * Per-member TOTP secrets (reverse mode) are derived the same way from the member id.
 */
@Injectable()
export class CheckinTokens {
  private readonly qr: RotatingQrSigner;
  private readonly screen: ScreenLinkSigner;
  private readonly memberKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.qr = new RotatingQrSigner(config.dataKey, config.CHECKIN_KEY_IDS, 'dangjian/checkin-qr/v1');
    this.screen = new ScreenLinkSigner(config, 'dangjian/checkin-screen/v1');
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
    return this.screen.sign(meetingId, expiresAt);
  }

  /** The meeting a screen token opens; refused when forged, expired, or for another meeting. */
  verifyScreen(token: string, meetingId: string, now: Date): void {
    const check = this.screen.check(token, meetingId, now);
    if (check === 'invalid') throw MeetingErrors.screenTokenInvalid();
    if (check === 'expired') throw MeetingErrors.screenTokenExpired();
  }

  /** The member's TOTP secret (20 bytes): HMAC of the member id under a key derived from DATA_KEY. */
  memberSecret(memberId: string): Uint8Array {
    return new Uint8Array(createHmac('sha256', this.memberKey).update(memberId).digest().subarray(0, 20));
  }
}

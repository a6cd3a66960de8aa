import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CHECKIN_QR_TOKEN, parseSignedToken } from '@dangjian/shared';
import { compactId, derive, equal, expandId, mac } from '../common/hmac.js';
import { ScreenLinkSigner } from '../common/screen-links.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { MeetingErrors } from './meetings.errors.js';

export type QrToken = { kid: string; meetingId: string; step: number };

/**
 * Signed check-in tokens. The QR token `v1.<kid>.<meeting>.<step>.<sig>` binds a meeting and a time
 * step; `sig` is HMAC-SHA-256 (truncated to 128 bits) under a key derived from DATA_KEY with HKDF and
 * the key id, so keys rotate by id (sign with the newest, verify with any listed). Screen tokens
 * (`s1.…`, common/screen-links.ts with this module's salt) give a projector read-only access to one
 * meeting's code and live view until they expire. Per-member TOTP secrets (reverse mode) are derived the same way from the member id.
 */
@Injectable()
export class CheckinTokens {
  private readonly qrKeys = new Map<string, Buffer>();
  private readonly screen: ScreenLinkSigner;
  private readonly signingKid: string;
  private readonly memberKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const kids = config.CHECKIN_KEY_IDS.split(',').map((k) => k.trim());
    for (const kid of kids) {
      this.qrKeys.set(kid, derive(config.dataKey, 'dangjian/checkin-qr/v1', kid, 32));
    }
    this.signingKid = kids[kids.length - 1]!;
    this.screen = new ScreenLinkSigner(config, 'dangjian/checkin-screen/v1');
    this.memberKey = derive(config.dataKey, 'dangjian/member-checkin/v1', 'members', 32);
  }

  signQr(meetingId: string, step: number): string {
    const body = `v1.${this.signingKid}.${compactId(meetingId)}.${step}`;
    return `${body}.${mac(this.qrKeys.get(this.signingKid)!, body)}`;
  }

  /** Malformed → CHECKIN_TOKEN_MALFORMED; unknown key or wrong signature → CHECKIN_TOKEN_FORGED. */
  verifyQr(token: string): QrToken {
    const t = parseSignedToken(token, CHECKIN_QR_TOKEN);
    if (!t) throw MeetingErrors.tokenMalformed();
    const meetingId = expandId(t.meeting);
    if (!meetingId) throw MeetingErrors.tokenMalformed();
    const key = this.qrKeys.get(t.kid);
    if (!key || !equal(mac(key, t.body), t.sig)) throw MeetingErrors.tokenForged();
    return { kid: t.kid, meetingId, step: Number(t.value) };
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

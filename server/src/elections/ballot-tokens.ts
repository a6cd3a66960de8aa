import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { compactId, derive, equal, expandId, mac } from '../common/hmac.js';
import { VoteErrors } from './elections.errors.js';

const QR = /^b1\.([A-Za-z0-9_-]{1,16})\.([A-Za-z0-9_-]{22})\.(\d{1,15})\.([A-Za-z0-9_-]{22})$/;
const PASS = /^p1\.([A-Za-z0-9_-]{1,16})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/;

/**
 * The ballot QR and the ballot pass, signed with the check-in module's scheme (HKDF from DATA_KEY per
 * key id, HMAC-SHA-256 truncated to 128 bits, rotation by CHECKIN_KEY_IDS), under their own salts so
 * a check-in code never opens a ballot nor the reverse.
 *
 * - QR `b1.<kid>.<box>.<step>.<sig>`: on the meeting screen, changes every step (the meeting's QR step).
 * - Pass `p1.<kid>.<box>.<member>.<expires>.<sig>`: handed to the member who scanned, so the ballot can
 *   be filled in without racing the QR; bound to that member and box. Never stored.
 */
@Injectable()
export class BallotTokens {
  private readonly qrKeys = new Map<string, Buffer>();
  private readonly passKeys = new Map<string, Buffer>();
  private readonly signingKid: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const kids = config.CHECKIN_KEY_IDS.split(',').map((k) => k.trim());
    for (const kid of kids) {
      this.qrKeys.set(kid, derive(config.dataKey, 'dangjian/ballot-qr/v1', kid, 32));
      this.passKeys.set(kid, derive(config.dataKey, 'dangjian/ballot-pass/v1', kid, 32));
    }
    this.signingKid = kids[kids.length - 1]!;
  }

  signQr(boxId: string, step: number): string {
    const body = `b1.${this.signingKid}.${compactId(boxId)}.${step}`;
    return `${body}.${mac(this.qrKeys.get(this.signingKid)!, body)}`;
  }

  verifyQr(token: string): { boxId: string; step: number } {
    const m = QR.exec(token.trim());
    if (!m) throw VoteErrors.tokenMalformed();
    const [, kid, box, step, sig] = m as unknown as [string, string, string, string, string];
    const boxId = expandId(box);
    if (!boxId) throw VoteErrors.tokenMalformed();
    const key = this.qrKeys.get(kid);
    if (!key || !equal(mac(key, `b1.${kid}.${box}.${step}`), sig)) throw VoteErrors.tokenForged();
    return { boxId, step: Number(step) };
  }

  signPass(boxId: string, memberId: string, expiresAt: Date): string {
    const body = `p1.${this.signingKid}.${compactId(boxId)}.${compactId(memberId)}.${Math.floor(expiresAt.getTime() / 1000)}`;
    return `${body}.${mac(this.passKeys.get(this.signingKid)!, body)}`;
  }

  /** The box of a pass issued to `memberId`; refused when forged, for someone else, or expired. */
  verifyPass(pass: string, memberId: string, now: Date): string {
    const m = PASS.exec(pass.trim());
    if (!m) throw VoteErrors.passInvalid();
    const [, kid, box, member, exp, sig] = m as unknown as [string, string, string, string, string, string];
    const key = this.passKeys.get(kid);
    if (!key || !equal(mac(key, `p1.${kid}.${box}.${member}.${exp}`), sig)) throw VoteErrors.passInvalid();
    const boxId = expandId(box);
    if (!boxId || expandId(member) !== memberId) throw VoteErrors.passInvalid();
    if (Number(exp) * 1000 < now.getTime()) throw VoteErrors.passExpired();
    return boxId;
  }
}

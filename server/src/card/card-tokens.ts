import { Inject, Injectable } from '@nestjs/common';
import { CARD_TOKEN, parseSignedToken } from '@dangjian/shared';
import { compactId, derive, equal, expandId, mac } from '../common/hmac.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

export type CardToken = { kind: 'c1' | 'p1'; kid: string; memberId: string; time: number };

/**
 * Signed member-card tokens (P2), made like the check-in and letter tokens: HMAC-SHA-256 truncated to
 * 128 bits under a key derived from DATA_KEY with HKDF (common/hmac.ts) and the key id, so keys rotate
 * by id. `c1` carries the signing time (the page's rotating code), `p1` an expiry (a printed card); the
 * prefix is under the signature, so one cannot pass for the other.
 */
@Injectable()
export class CardTokens {
  private readonly keys = new Map<string, Buffer>();
  private readonly signingKid: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const kids = config.CARD_KEY_IDS.split(',').map((k) => k.trim());
    for (const kid of kids) this.keys.set(kid, derive(config.dataKey, 'dangjian/member-card/v1', kid, 32));
    this.signingKid = kids[kids.length - 1]!;
  }

  sign(kind: 'c1' | 'p1', memberId: string, timeS: number): string {
    const body = `${kind}.${this.signingKid}.${compactId(memberId)}.${timeS}`;
    return `${body}.${mac(this.keys.get(this.signingKid)!, body)}`;
  }

  /** The token's content, or null when malformed, signed with an unknown key or tampered with. */
  verify(token: string): CardToken | null {
    const t = parseSignedToken(token, CARD_TOKEN);
    if (!t) return null;
    const memberId = expandId(t.meeting);
    const key = this.keys.get(t.kid);
    if (!memberId || !key || !equal(mac(key, t.body), t.sig)) return null;
    return { kind: t.body.slice(0, 2) as 'c1' | 'p1', kid: t.kid, memberId, time: Number(t.value) };
  }
}

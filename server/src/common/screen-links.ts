import { CHECKIN_SCREEN_TOKEN, parseSignedToken } from '@dangjian/shared';
import type { AppConfig } from '../config/config.js';
import { compactId, derive, equal, expandId, mac } from './hmac.js';

/** Why a screen token was refused, or that it opens the subject. */
export type ScreenTokenCheck = 'ok' | 'invalid' | 'expired';

/**
 * Read-only screen links without a password: `s1.<kid>.<subject>.<expires, unix s>.<sig>`, HMAC under a
 * key derived from DATA_KEY with HKDF, the purpose's salt and the key id (sign with the newest id in
 * CHECKIN_KEY_IDS, verify with any listed). One signer per purpose: a meeting projector's link (check-in)
 * and a committee hall's big screen (console) use different salts, so neither opens the other.
 */
export class ScreenLinkSigner {
  private readonly keys = new Map<string, Buffer>();
  private readonly signingKid: string;

  constructor(config: Pick<AppConfig, 'CHECKIN_KEY_IDS' | 'dataKey'>, salt: string) {
    const kids = config.CHECKIN_KEY_IDS.split(',').map((k) => k.trim());
    for (const kid of kids) this.keys.set(kid, derive(config.dataKey, salt, kid, 32));
    this.signingKid = kids[kids.length - 1]!;
  }

  sign(subjectId: string, expiresAt: Date): string {
    const body = `s1.${this.signingKid}.${compactId(subjectId)}.${Math.floor(expiresAt.getTime() / 1000)}`;
    return `${body}.${mac(this.keys.get(this.signingKid)!, body)}`;
  }

  /** Invalid when malformed, forged, under an unknown key or for another subject; expired after its time. */
  check(token: string, subjectId: string, now: Date): ScreenTokenCheck {
    const t = parseSignedToken(token, CHECKIN_SCREEN_TOKEN);
    if (!t) return 'invalid';
    const key = this.keys.get(t.kid);
    if (!key || !equal(mac(key, t.body), t.sig)) return 'invalid';
    if (expandId(t.meeting) !== subjectId) return 'invalid';
    return Number(t.value) * 1000 < now.getTime() ? 'expired' : 'ok';
  }
}

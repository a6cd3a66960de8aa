import { CHECKIN_QR_TOKEN, parseSignedToken } from '@dangjian/shared';
import { compactId, derive, equal, expandId, mac } from './hmac.js';

/** A verified rotating-QR token: the key id, the subject (meeting, volunteer activity…) and its time step. */
export type RotatingQrToken = { kid: string; subjectId: string; step: number };
export type RotatingQrFailure = 'malformed' | 'forged';

/**
 * The rotating QR token of check-in (C3) — `v1.<kid>.<subject>.<step>.<sig>`, grammar in
 * shared/src/checkin-code.ts — for any subject that is checked in to: meetings and volunteer
 * activities sign and verify with one implementation. Each use passes its own HKDF salt, so a
 * meeting's code never verifies as an activity's (or the reverse). Keys rotate by id: sign with the
 * newest, verify with any listed.
 */
export class RotatingQrSigner {
  private readonly keys = new Map<string, Buffer>();
  private readonly signingKid: string;

  constructor(dataKey: Buffer, keyIds: string, salt: string) {
    const kids = keyIds.split(',').map((k) => k.trim());
    for (const kid of kids) this.keys.set(kid, derive(dataKey, salt, kid, 32));
    this.signingKid = kids[kids.length - 1]!;
  }

  sign(subjectId: string, step: number): string {
    const body = `v1.${this.signingKid}.${compactId(subjectId)}.${step}`;
    return `${body}.${mac(this.keys.get(this.signingKid)!, body)}`;
  }

  verify(token: string): RotatingQrToken | RotatingQrFailure {
    const t = parseSignedToken(token, CHECKIN_QR_TOKEN);
    if (!t) return 'malformed';
    const subjectId = expandId(t.meeting);
    if (!subjectId) return 'malformed';
    const key = this.keys.get(t.kid);
    if (!key || !equal(mac(key, t.body), t.sig)) return 'forged';
    return { kid: t.kid, subjectId, step: Number(t.value) };
  }
}

/** The time step of an instant for a code that rotates every `stepSeconds`. */
export const qrStep = (nowMs: number, stepSeconds: number) => Math.floor(nowMs / (stepSeconds * 1000));

/** Online scans accept the current step and the one before (a code that just rotated on screen). */
export const qrStepFresh = (tokenStep: number, nowMs: number, stepSeconds: number): 'ok' | 'future' | 'expired' => {
  const current = qrStep(nowMs, stepSeconds);
  if (tokenStep > current) return 'future';
  return tokenStep < current - 1 ? 'expired' : 'ok';
};

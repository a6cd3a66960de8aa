import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { deriveKey } from './bind-ticket.js';

export const BINDING_CODE_KEY_INFO = 'dangjian/auth/binding-code/v1';
export const BINDING_CODE_TTL_DAYS = 7;
/** Wrong tries a code survives; the fifth makes it void. */
export const BINDING_CODE_MAX_ATTEMPTS = 5;

/** Six digits from the CSPRNG, uniformly (randomInt avoids modulo bias). */
export const newBindingCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * Binding codes are stored as HMACs under a key derived from DATA_KEY, bound to the member: a copy of
 * the table alone does not give the codes away (a bare SHA-256 of six digits would, in a million tries).
 */
export class BindingCodeHasher {
  private readonly key: Buffer;

  constructor(dataKey: Buffer) {
    this.key = deriveKey(dataKey, BINDING_CODE_KEY_INFO);
  }

  hash(memberId: string, code: string): string {
    return createHmac('sha256', this.key).update(`${memberId}:${code}`).digest('hex');
  }

  matches(memberId: string, code: string, stored: string): boolean {
    const a = Buffer.from(this.hash(memberId, code), 'hex');
    const b = Buffer.from(stored.trim(), 'hex');
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

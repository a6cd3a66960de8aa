import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Binds each ciphertext to its use: an ID ciphertext pasted into another column will not decrypt. */
const AAD = Buffer.from('dangjian/member.national_id');

/**
 * M4: national IDs at rest. Two keys are derived from DATA_KEY with HKDF-SHA256, one per purpose:
 * AES-256-GCM for the ciphertext (random 96-bit IV per value, stored as `iv.tag.data` in base64)
 * and HMAC-SHA256 for the blind index that makes the ID unique and findable without decrypting.
 */
export class SensitiveCipher {
  private readonly encKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(dataKey: Buffer) {
    if (dataKey.length !== 32) throw new Error('DATA_KEY must be 32 bytes');
    this.encKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'dangjian/national-id/aes-256-gcm/v1', 32));
    this.indexKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'dangjian/national-id/hmac-sha256/v1', 32));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(AAD);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64')).join('.');
  }

  /** Throws when the value was altered or encrypted under another key. */
  decrypt(stored: string): string {
    const [iv, tag, data] = stored.split('.').map((p) => Buffer.from(p, 'base64'));
    if (!iv || !tag || !data || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('malformed ciphertext');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(AAD);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed hash (64 hex characters) of the normalised ID. */
  blindIndex(nationalId: string): string {
    return createHmac('sha256', this.indexKey).update(nationalId.trim().toUpperCase()).digest('hex');
  }

  matches(nationalId: string, hash: string): boolean {
    const a = Buffer.from(this.blindIndex(nationalId), 'hex');
    const b = Buffer.from(hash, 'hex');
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

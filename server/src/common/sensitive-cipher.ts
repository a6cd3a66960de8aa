import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { maskPhone } from '@dangjian/shared';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * One kind of M4 data: the labels its two keys are derived with, the AAD that binds each ciphertext
 * to its kind (an ID ciphertext pasted into a phone column will not decrypt) and the normal form the
 * blind index hashes, so two spellings of one value find each other.
 */
type SensitiveField = { keyLabel: string; aad: string; normalise: (plain: string) => string };

/**
 * M4: sensitive values at rest. Two keys are derived from DATA_KEY with HKDF-SHA256 per kind of
 * value, one per purpose: AES-256-GCM for the ciphertext (random 96-bit IV per value, stored as
 * `iv.tag.data` in base64) and HMAC-SHA256 for the blind index that makes the value unique and
 * findable without decrypting. Rotating DATA_KEY therefore rewrites both (admin rotate-data-key).
 */
class FieldCipher {
  private readonly encKey: Buffer;
  private readonly indexKey: Buffer;
  private readonly aad: Buffer;

  protected constructor(
    dataKey: Buffer,
    private readonly field: SensitiveField,
  ) {
    if (dataKey.length !== 32) throw new Error('DATA_KEY must be 32 bytes');
    this.encKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `dangjian/${field.keyLabel}/aes-256-gcm/v1`, 32));
    this.indexKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `dangjian/${field.keyLabel}/hmac-sha256/v1`, 32));
    this.aad = Buffer.from(field.aad);
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(this.aad);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64')).join('.');
  }

  /** Throws when the value was altered or encrypted under another key. */
  decrypt(stored: string): string {
    const [iv, tag, data] = stored.split('.').map((p) => Buffer.from(p, 'base64'));
    if (!iv || !tag || !data || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('malformed ciphertext');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(this.aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed hash (64 hex characters) of the normalised value. */
  blindIndex(plain: string): string {
    return createHmac('sha256', this.indexKey).update(this.field.normalise(plain)).digest('hex');
  }

  matches(plain: string, hash: string): boolean {
    const a = Buffer.from(this.blindIndex(plain), 'hex');
    const b = Buffer.from(hash, 'hex');
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

/** National IDs (members, development records). */
export class SensitiveCipher extends FieldCipher {
  constructor(dataKey: Buffer) {
    super(dataKey, { keyLabel: 'national-id', aad: 'dangjian/member.national_id', normalise: (id) => id.trim().toUpperCase() });
  }
}

/** A mainland mobile number in its 11-digit form: spaces, hyphens and a +86 / 86 prefix dropped. */
export const normalisePhone = (phone: string) => phone.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');

/** The stored form of a phone number: ciphertext, blind index and masked form (all null without one). */
export type SealedPhone = { phoneEnc: string | null; phoneHash: string | null; phoneMasked: string | null };

/** Phone numbers (members, transfer letters, development records). */
export class PhoneCipher extends FieldCipher {
  constructor(dataKey: Buffer) {
    super(dataKey, { keyLabel: 'phone', aad: 'dangjian/phone', normalise: normalisePhone });
  }

  /** The masked form is kept beside the ciphertext so lists and masked answers never decrypt. */
  seal(phone: string | null | undefined): SealedPhone {
    if (!phone) return { phoneEnc: null, phoneHash: null, phoneMasked: null };
    const plain = normalisePhone(phone);
    return { phoneEnc: this.encrypt(plain), phoneHash: this.blindIndex(plain), phoneMasked: maskPhone(plain) };
  }

  open(enc: string | null): string | null {
    return enc ? this.decrypt(enc) : null;
  }
}

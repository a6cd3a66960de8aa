import { randomBytes } from 'node:crypto';
import { normalisePhone, PhoneCipher, SensitiveCipher } from './sensitive-cipher.js';

describe(SensitiveCipher.name, () => {
  const key = randomBytes(32);
  const sut = new SensitiveCipher(key);
  const id = '11010519491231002X';

  it('round-trips a national ID (M4)', () => {
    expect(sut.decrypt(sut.encrypt(id))).toBe(id);
  });

  it('never stores the plaintext and uses a fresh IV each time', () => {
    const a = sut.encrypt(id);
    const b = sut.encrypt(id);
    expect(a).not.toBe(b);
    expect(a).not.toContain(id);
    expect(Buffer.from(a.split('.')[2]!, 'base64').toString('utf8')).not.toContain('1101');
    expect(a.split('.')).toHaveLength(3);
  });

  it('refuses a tampered ciphertext', () => {
    const [iv, tag, data] = sut.encrypt(id).split('.');
    const flipped = Buffer.from(data!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => sut.decrypt([iv, tag, flipped.toString('base64')].join('.'))).toThrow();
    expect(() => sut.decrypt('garbage')).toThrow();
  });

  it('refuses a ciphertext made under another key', () => {
    const other = new SensitiveCipher(randomBytes(32));
    expect(() => other.decrypt(sut.encrypt(id))).toThrow();
  });

  it('gives a stable blind index that depends on the key and ignores case', () => {
    expect(sut.blindIndex(id)).toMatch(/^[0-9a-f]{64}$/);
    expect(sut.blindIndex(id)).toBe(sut.blindIndex('11010519491231002x'));
    expect(new SensitiveCipher(randomBytes(32)).blindIndex(id)).not.toBe(sut.blindIndex(id));
    expect(sut.matches(id, sut.blindIndex(id))).toBe(true);
    expect(sut.matches('110105194912310011', sut.blindIndex(id))).toBe(false);
  });

  it('derives separate keys for encryption and indexing (the index is not a plain HMAC under DATA_KEY)', async () => {
    const { createHmac } = await import('node:crypto');
    expect(sut.blindIndex(id)).not.toBe(createHmac('sha256', key).update(id).digest('hex'));
  });

  it('requires a 32-byte key', () => {
    expect(() => new SensitiveCipher(randomBytes(16))).toThrow();
  });
});

describe(PhoneCipher.name, () => {
  const key = randomBytes(32);
  const sut = new PhoneCipher(key);

  it('seals a phone as ciphertext, blind index and masked form (M4), and nothing without one', () => {
    const s = sut.seal('13912345678');
    expect(s.phoneEnc).not.toContain('1391234');
    expect(sut.open(s.phoneEnc)).toBe('13912345678');
    expect(s.phoneHash).toBe(sut.blindIndex('13912345678'));
    expect(s.phoneMasked).toBe('139****5678');
    expect(sut.seal(null)).toEqual({ phoneEnc: null, phoneHash: null, phoneMasked: null });
    expect(sut.open(null)).toBeNull();
  });

  it('indexes the normalised number: spaces, hyphens and a +86 prefix do not matter', () => {
    const h = sut.blindIndex('13912345678');
    for (const v of ['139 1234 5678', '139-1234-5678', '+8613912345678', '86 139 1234 5678']) expect(sut.blindIndex(v)).toBe(h);
    expect(normalisePhone('+86 139-1234-5678')).toBe('13912345678');
    expect(sut.blindIndex('13912345679')).not.toBe(h);
  });

  it('uses keys of its own: a national-ID ciphertext does not open as a phone, nor the reverse, and the indexes differ', () => {
    const ids = new SensitiveCipher(key);
    expect(() => sut.decrypt(ids.encrypt('13912345678'))).toThrow();
    expect(() => ids.decrypt(sut.encrypt('13912345678'))).toThrow();
    expect(ids.blindIndex('13912345678')).not.toBe(sut.blindIndex('13912345678'));
    expect(new PhoneCipher(randomBytes(32)).blindIndex('13912345678')).not.toBe(sut.blindIndex('13912345678'));
  });
});

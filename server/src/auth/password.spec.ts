import { PasswordHasher } from './password.js';

describe(PasswordHasher.name, () => {
  // Cheap parameters keep the unit tests fast; the format and the logic are the same.
  const sut = new PasswordHasher({ N: 2 ** 10, r: 8, p: 1 });

  it('hashes into scrypt$N$r$p$salt$hash and verifies the same password', async () => {
    const stored = await sut.hash('Secret12345');
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await sut.verify('Secret12345', stored)).toBe(true);
    expect(await sut.verify('Secret12346', stored)).toBe(false);
    expect(await sut.verify('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await sut.hash('Secret12345')).not.toBe(await sut.hash('Secret12345'));
  });

  it('uses the production cost by default (N=2^15, r=8, p=1)', async () => {
    const stored = await new PasswordHasher().hash('Secret12345');
    expect(stored.startsWith('scrypt$32768$8$1$')).toBe(true);
    expect(await new PasswordHasher().verify('Secret12345', stored)).toBe(true);
  });

  it('verifies hashes made with other parameters (cost can be raised later) and says when to re-hash', async () => {
    const old = await new PasswordHasher({ N: 2 ** 10, r: 4, p: 1 }).hash('Secret12345');
    const stronger = new PasswordHasher({ N: 2 ** 11, r: 8, p: 1 });
    expect(await stronger.verify('Secret12345', old)).toBe(true);
    expect(stronger.needsRehash(old)).toBe(true);
    expect(stronger.needsRehash(await stronger.hash('x'))).toBe(false);
  });

  it('treats the same text in different Unicode forms as one password (NFKC)', async () => {
    const stored = await sut.hash('ｐａｓｓ１２３４５６７８'); // full-width forms
    expect(await sut.verify('pass12345678', stored)).toBe(true);
  });

  it('answers false, after doing the work, for a missing or malformed hash', async () => {
    for (const bad of [null, undefined, '', 'plain', 'scrypt$abc$8$1$AA==$AA==', 'bcrypt$2b$10$x$y$z']) {
      expect(await sut.verify('Secret12345', bad)).toBe(false);
    }
  });

  it('refuses parameters outside safe bounds in a stored hash (a tampered row cannot exhaust memory)', async () => {
    const stored = await sut.hash('Secret12345');
    const tampered = stored.replace('scrypt$1024$', `scrypt$${2 ** 24}$`);
    expect(await sut.verify('Secret12345', tampered)).toBe(false);
    expect(sut.needsRehash(tampered)).toBe(true);
  });
});

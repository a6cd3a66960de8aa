import { BindingCodeHasher, newBindingCode } from './binding-code.js';

describe(BindingCodeHasher.name, () => {
  const sut = new BindingCodeHasher(Buffer.alloc(32, 3));
  const memberA = '11111111-1111-4111-8111-111111111111';
  const memberB = '22222222-2222-4222-8222-222222222222';

  it('matches the code it hashed, for that member only', () => {
    const stored = sut.hash(memberA, '012345');
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(sut.matches(memberA, '012345', stored)).toBe(true);
    expect(sut.matches(memberA, '012346', stored)).toBe(false);
    expect(sut.matches(memberB, '012345', stored)).toBe(false);
  });

  it('depends on the key', () => {
    expect(new BindingCodeHasher(Buffer.alloc(32, 4)).hash(memberA, '012345')).not.toBe(sut.hash(memberA, '012345'));
  });

  it('makes six-digit codes, leading zeros kept', () => {
    const codes = Array.from({ length: 2000 }, newBindingCode);
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1990);
  });
});

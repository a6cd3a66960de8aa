import { BindTicketSigner, deriveKey, BIND_TICKET_KEY_INFO } from './bind-ticket.js';

describe(BindTicketSigner.name, () => {
  const dataKey = Buffer.alloc(32, 7);
  let now = Date.UTC(2025, 0, 1);
  const sut = new BindTicketSigner(dataKey, 600, () => now);

  beforeEach(() => {
    now = Date.UTC(2025, 0, 1);
  });

  it('round-trips openid and unionid', () => {
    const ticket = sut.sign({ openid: 'o-abc', unionid: 'u-xyz' });
    expect(ticket).toMatch(/^v1\.[\w-]+\.[\w-]+$/);
    expect(sut.verify(ticket)).toEqual({ openid: 'o-abc', unionid: 'u-xyz' });
    expect(sut.verify(sut.sign({ openid: 'o-abc', unionid: null }))).toEqual({ openid: 'o-abc', unionid: null });
  });

  it('expires after 10 minutes', () => {
    const ticket = sut.sign({ openid: 'o-abc', unionid: null });
    now += 599_000;
    expect(sut.verify(ticket)).not.toBeNull();
    now += 1_000;
    expect(sut.verify(ticket)).toBeNull();
  });

  it('refuses a changed payload, a changed signature, and another key', () => {
    const ticket = sut.sign({ openid: 'o-abc', unionid: null });
    const [v, payload, mac] = ticket.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ o: 'o-victim', u: null, e: now / 1000 + 600 })).toString('base64url');
    expect(sut.verify(`${v}.${forged}.${mac}`)).toBeNull();
    // Its first character: all of it is signature bits (the last one's low bits are padding).
    expect(sut.verify(`${v}.${payload}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`)).toBeNull();
    expect(sut.verify(`${v}.${payload}.`)).toBeNull();
    expect(new BindTicketSigner(Buffer.alloc(32, 8), 600, () => now).verify(ticket)).toBeNull();
  });

  it('refuses malformed tickets without throwing', () => {
    for (const bad of ['', 'v1', 'v1..', 'v2.a.b', 'a.b.c.d', 'v1.!!!.???']) expect(sut.verify(bad)).toBeNull();
  });

  it('signs with a key derived for this purpose only, not DATA_KEY itself', () => {
    const derived = deriveKey(dataKey, BIND_TICKET_KEY_INFO);
    expect(derived).toHaveLength(32);
    expect(derived.equals(dataKey)).toBe(false);
    expect(derived.equals(deriveKey(dataKey, 'another purpose'))).toBe(false);
  });
});

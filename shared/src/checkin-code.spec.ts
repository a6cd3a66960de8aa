import { CHECKIN_QR_TOKEN, parseSignedToken, readCheckinToken, uuidFromCompact } from './checkin-code.js';

/* The one grammar of the check-in QR token (server signs/verifies, scanners read, offline queue reads). */
describe('check-in QR token grammar', () => {
  const id = '0b0c6a3e-8f61-4a52-9d3e-2f1a4b5c6d7e';
  const compact = Buffer.from(id.replace(/-/g, ''), 'hex').toString('base64url');
  const token = `v1.k1.${compact}.123456.abcdefghijklmnopqrstuv`;

  it('reads the meeting and the step of a token (pure JavaScript, as on the phone)', () => {
    expect(uuidFromCompact(compact)).toBe(id);
    expect(readCheckinToken(`  ${token} `)).toEqual({ meetingId: id, step: 123456 });
    expect(parseSignedToken(token)).toEqual({ kid: 'k1', meeting: compact, value: '123456', sig: 'abcdefghijklmnopqrstuv', body: `v1.k1.${compact}.123456` });
  });

  it('refuses anything off the grammar', () => {
    for (const bad of [
      '',
      'v1.k1.short.1.AAAAAAAAAAAAAAAAAAAAAA',
      `v2.k1.${compact}.1.abcdefghijklmnopqrstuv`,
      `v1.k1.${compact}.1.short`,
      `v1..${compact}.1.abcdefghijklmnopqrstuv`,
      'DJM1.0b0c6a3e8f614a529d3e2f1a4b5c6d7e.12345678',
    ]) {
      expect(CHECKIN_QR_TOKEN.test(bad)).toBe(false);
      expect(readCheckinToken(bad)).toBeNull();
    }
    expect(uuidFromCompact('!!!!!!!!!!!!!!!!!!!!!!')).toBeNull();
  });
});

import { MEETING_ID, tokenFor } from '@test/fixtures';
import { base64Ascii, readCheckinToken, safeDecode, svgDataUri } from './qr';

describe('QR helpers', () => {
  it('encodes base64 like the platform does', () => {
    for (const s of ['', 'a', 'ab', 'abc', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M0 0h7"/></svg>']) {
      expect(base64Ascii(s)).toBe(Buffer.from(s, 'latin1').toString('base64'));
    }
  });

  it('turns the server SVG into an image source', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"/>';
    expect(svgDataUri(svg)).toBe(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
  });

  it('reads the meeting and step out of a check-in token', () => {
    expect(readCheckinToken(tokenFor(MEETING_ID, 117_000_123))).toEqual({ meetingId: MEETING_ID, step: 117_000_123 });
    expect(readCheckinToken('v1.k1.short.1.AAAAAAAAAAAAAAAAAAAAAA')).toBeNull();
    expect(readCheckinToken('DJM1.44444444444444448444444444444444.12345678')).toBeNull();
  });

  it('decodes route parameters without throwing', () => {
    expect(safeDecode('%E5%85%9A')).toBe('党');
    expect(safeDecode('100%')).toBe('100%');
    expect(safeDecode(undefined)).toBe('');
  });
});

/*
 * Helpers for the check-in QR codes: showing the server's SVG in an <image>, and reading the meeting
 * out of a check-in token for the offline queue (the token itself is verified only by the server).
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of an ASCII/Latin-1 string without btoa (the mini-program has none). */
export function base64Ascii(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    const a = text.charCodeAt(i) & 0xff;
    const b = i + 1 < text.length ? text.charCodeAt(i + 1) & 0xff : NaN;
    const c = i + 2 < text.length ? text.charCodeAt(i + 2) & 0xff : NaN;
    const n = (a << 16) | ((Number.isNaN(b) ? 0 : b) << 8) | (Number.isNaN(c) ? 0 : c);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += Number.isNaN(b) ? '=' : B64[(n >> 6) & 63]!;
    out += Number.isNaN(c) ? '=' : B64[n & 63]!;
  }
  return out;
}

/**
 * The server's QR SVG as an image source. Base64 rather than a percent-encoded SVG: the
 * mini-program's <image> on iOS shows only the base64 form. The QR library emits ASCII only;
 * anything else is dropped rather than mis-encoded.
 */
export function svgDataUri(svg: string): string {
  // eslint-disable-next-line no-control-regex -- the class is every ASCII code from NUL on, kept; only non-ASCII is dropped
  return `data:image/svg+xml;base64,${base64Ascii(svg.replace(/[^\x00-\x7f]/g, ''))}`;
}

const QR_TOKEN = /^v1\.[A-Za-z0-9_-]{1,16}\.([A-Za-z0-9_-]{22})\.(\d{1,15})\.[A-Za-z0-9_-]{22}$/;

/** The meeting id and time step a check-in token names (`v1.<kid>.<meeting>.<step>.<sig>`), or null. */
export function readCheckinToken(token: string): { meetingId: string; step: number } | null {
  const m = QR_TOKEN.exec(token.trim());
  if (!m) return null;
  const bytes: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const ch of m[1]!) {
    const v = B64.indexOf(ch === '-' ? '+' : ch === '_' ? '/' : ch);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((acc >> bits) & 0xff);
    }
  }
  if (bytes.length !== 16) return null;
  const h = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return { meetingId: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`, step: Number(m[2]) };
}

/** Route parameters arrive encoded on weapp and decoded on H5; decoding must never throw. */
export function safeDecode(v: string | undefined | null): string {
  if (!v) return '';
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

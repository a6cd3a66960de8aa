/*
 * What a letter's QR code (or a pasted link) names: the letter id and its signature. The server
 * encodes a URL with `id=` and `sig=` in its query; the H5 route `#/transfer/verify?id=…&sig=…` and
 * WeChat's scanner (the whole URL in `q`) arrive here too. Only the server decides whether it is genuine.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SIG = /^[0-9a-f]{16,64}$/;

export type LetterCode = { id: string; sig: string };

function decodeOnce(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The letter named by a scanned or pasted text, or null when it names none. */
export function letterCodeFrom(text: string | null | undefined): LetterCode | null {
  if (!text) return null;
  let s = text.trim();
  // WeChat's scanner hands the URL over encoded, sometimes twice.
  for (let i = 0; i < 2 && /%[0-9a-f]{2}/i.test(s) && !/[?&]id=/.test(s); i++) s = decodeOnce(s);
  const query = s.includes('?') ? s.slice(s.lastIndexOf('?') + 1) : s;
  const fields = new Map<string, string>();
  for (const part of query.split(/[&\s]+/)) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq), decodeOnce(part.slice(eq + 1)));
  }
  const id = fields.get('id') ?? '';
  const sig = (fields.get('sig') ?? '').toLowerCase();
  return UUID.test(id) && SIG.test(sig) ? { id, sig } : null;
}

/** Route parameters of the verify page: `id` + `sig`, or WeChat's `q` holding the whole URL. */
export function letterCodeFromParams(params: Record<string, string | undefined>): LetterCode | null {
  if (params.id && params.sig) return letterCodeFrom(`?id=${params.id}&sig=${params.sig}`);
  return letterCodeFrom(params.q ? decodeOnce(params.q) : null);
}

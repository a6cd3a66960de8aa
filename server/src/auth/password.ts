import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost. N=2^15, r=8 uses 32 MiB and ~50–100 ms per hash on one core (OWASP's floor is N=2^17 r=8 p=1 or equivalent memory×time). */
export type ScryptParams = { N: number; r: number; p: number };
export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

const KEY_LEN = 32;
const SALT_LEN = 16;
const PREFIX = 'scrypt';
// A stored hash is data: bound what it may ask for, so a tampered row cannot exhaust memory or CPU.
const LIMITS = { minLogN: 10, maxLogN: 20, maxR: 32, maxP: 16 };

const scrypt = (password: string, salt: Buffer, keyLen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keyLen, options, (err, key) => (err ? reject(err) : resolve(key))));

// Node refuses scrypt above 32 MiB unless maxmem is raised; 128·N·r is what scrypt needs.
const maxmem = ({ N, r }: ScryptParams) => 128 * N * r * 2 + 1024 * 1024;

/** Same code points for the same visible text (NIST SP 800-63B asks for normalisation before hashing). */
const normalise = (password: string) => password.normalize('NFKC');

type Parsed = ScryptParams & { salt: Buffer; hash: Buffer };

function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return null;
  const [N, r, p] = parts.slice(1, 4).map((v) => (/^\d+$/.test(v) ? Number(v) : NaN)) as [number, number, number];
  const logN = Math.log2(N);
  if (!Number.isInteger(logN) || logN < LIMITS.minLogN || logN > LIMITS.maxLogN) return null;
  if (!(r >= 1 && r <= LIMITS.maxR && p >= 1 && p <= LIMITS.maxP)) return null;
  const salt = Buffer.from(parts[4]!, 'base64');
  const hash = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || hash.length < 16) return null;
  return { N, r, p, salt, hash };
}

/**
 * Password hashing with Node's scrypt. The stored form `scrypt$N$r$p$salt$hash` (base64) carries its
 * own parameters, so the cost can be raised later: old hashes still verify and `needsRehash` tells
 * the sign-in to re-hash with the new cost. Plain class: the demo loader uses it outside Nest.
 */
export class PasswordHasher {
  private dummy?: Promise<string>;

  constructor(private readonly params: ScryptParams = DEFAULT_SCRYPT_PARAMS) {}

  async hash(password: string): Promise<string> {
    const { N, r, p } = this.params;
    const salt = randomBytes(SALT_LEN);
    const key = await scrypt(normalise(password), salt, KEY_LEN, { N, r, p, maxmem: maxmem(this.params) });
    return `${PREFIX}$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
  }

  /**
   * Constant-time comparison. With no (or an unreadable) stored hash it still does the work of one
   * hash and answers false, so an unknown user takes as long as a wrong password.
   */
  async verify(password: string, stored: string | null | undefined): Promise<boolean> {
    const parsed = stored ? parse(stored) : null;
    if (!parsed) {
      this.dummy ??= this.hash('dangjian-timing-equaliser');
      await this.verify(password, await this.dummy);
      return false;
    }
    const key = await scrypt(normalise(password), parsed.salt, parsed.hash.length, {
      N: parsed.N,
      r: parsed.r,
      p: parsed.p,
      maxmem: maxmem(parsed),
    });
    return timingSafeEqual(key, parsed.hash);
  }

  /** True when the stored hash is weaker than the current parameters (re-hash after a successful sign-in). */
  needsRehash(stored: string): boolean {
    const parsed = parse(stored);
    if (!parsed) return true;
    return parsed.N < this.params.N || parsed.r < this.params.r || parsed.p < this.params.p || parsed.hash.length < KEY_LEN;
  }
}

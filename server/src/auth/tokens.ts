import { hash, randomBytes } from 'node:crypto';

/** 256 bits of randomness, URL-safe. */
export const newToken = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;
// One-shot: every authenticated request hashes its token (issue 12), and createHash().update().digest() costs more than twice as much.
export const sha256 = (value: string) => hash('sha256', value, 'hex');

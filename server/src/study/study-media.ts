import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Clock } from '../common/clock.js';
import type { ByteRange } from '../storage/file-storage.js';

/**
 * Short-lived signed media URLs: `<video src>` and `<image>` cannot send the Authorization header,
 * so the lesson answer carries `/api/v1/study/media/<fileId>?exp=<unix s>&sig=<HMAC-SHA256>` for
 * members who may see the course. The key is derived from DATA_KEY (HKDF, "study-media").
 */
@Injectable()
export class StudyMedia {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', config.dataKey, Buffer.alloc(0), 'dangjian study-media v1', 32));
  }

  url(fileId: string): string {
    // Rounded up to the minute: the same URL for a minute, so players and caches can reuse it.
    const exp = Math.ceil((this.clock.nowMs() / 1000 + this.config.STUDY_MEDIA_URL_TTL_S) / 60) * 60;
    return `/api/v1/study/media/${fileId}?exp=${exp}&sig=${this.sig(fileId, exp)}`;
  }

  verify(fileId: string, exp: number, sig: string): boolean {
    if (!Number.isSafeInteger(exp) || exp * 1000 < this.clock.nowMs()) return false;
    const want = Buffer.from(this.sig(fileId, exp), 'base64url');
    const got = Buffer.from(sig, 'base64url');
    return got.length === want.length && timingSafeEqual(got, want);
  }

  private sig(fileId: string, exp: number): string {
    return createHmac('sha256', this.key).update(`${fileId}.${exp}`).digest('base64url');
  }
}

/**
 * One byte range of an HTTP Range header against a file of `size` bytes: the range, 'unsatisfiable'
 * (answer 416), or null (no header, another unit or several ranges: answer the whole file, as RFC 9110 allows).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return null;
  const [, a, b] = m;
  if (a === '' && b === '') return null;
  if (a === '') {
    const n = Number(b);
    if (n === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

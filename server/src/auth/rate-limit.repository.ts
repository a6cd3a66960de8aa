import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The sign-in rate-limit counters every instance shares (rate_limit_hit). */
@Injectable()
export class RateLimitRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Counts one hit on `key` in a fixed window of `windowMs` (a new window once the old one has
   * passed), in one statement, so hits on several instances at once add up; the count and the
   * milliseconds left in the window.
   */
  async hit(key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
    const rows: Array<{ hits: number; ttl: number }> = await this.db.query(
      `INSERT INTO rate_limit_hit AS r (key, hits, reset_at) VALUES ($1, 1, now() + $2 * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE
         SET hits = CASE WHEN r.reset_at <= now() THEN 1 ELSE r.hits + 1 END,
             reset_at = CASE WHEN r.reset_at <= now() THEN EXCLUDED.reset_at ELSE r.reset_at END
       RETURNING hits, GREATEST(0, ceil(extract(epoch FROM reset_at - now()) * 1000))::int AS ttl`,
      [key, windowMs],
    );
    return { current: rows[0]!.hits, ttl: rows[0]!.ttl };
  }

  /** Forgets windows that ended; the number of rows removed. */
  async sweep(): Promise<number> {
    const result: [unknown[], number] = await this.db.query(`DELETE FROM rate_limit_hit WHERE reset_at < now()`);
    return result[1];
  }
}

import type { DataSource } from 'typeorm';

/**
 * Runs `fn` unless another session (this process or another instance on the same database) holds the
 * lock named `key`: then answers `{ skipped: true }` at once. A session lock on a connection of its
 * own, so PostgreSQL releases it if the process dies half-way; no in-memory flag decides who runs.
 */
export async function withTryLock<T>(ds: DataSource, key: string, fn: () => Promise<T>): Promise<{ skipped: true } | { skipped: false; value: T }> {
  const lock = ds.createQueryRunner();
  await lock.connect();
  try {
    const rows: Array<{ ok: boolean }> = await lock.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok`, [key]);
    if (!rows[0]?.ok) return { skipped: true };
    try {
      return { skipped: false, value: await fn() };
    } finally {
      await lock.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [key]).catch(() => undefined);
    }
  } finally {
    await lock.release();
  }
}

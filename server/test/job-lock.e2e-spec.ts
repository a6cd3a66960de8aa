import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/db/data-source.js';
import { withTryLock } from '../src/common/advisory-lock.repository.js';
import { createTestDatabase } from './utils/db.js';

/**
 * Interval jobs (review scans, transfer scans, development scan, outbox, meeting notices) run on one
 * instance at a time (issue 12): each run holds a PostgreSQL advisory lock named after the job, and a
 * tick on another instance that finds it taken skips. Two data sources stand for two instances.
 */
describe('one run of a job at a time across instances', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: DataSource;
  let b: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    a = await new DataSource(dataSourceOptions(db.url, 3)).initialize();
    b = await new DataSource(dataSourceOptions(db.url, 3)).initialize();
  });
  afterAll(async () => {
    await a.destroy();
    await b.destroy();
    await db.drop();
  });

  it('skips on the second instance while the first runs, and runs there once the first is done', async () => {
    let release!: () => void;
    const holding = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const first = withTryLock(a, 'job:review-scan', async () => {
      started();
      await holding;
      return 'a';
    });
    await running;
    expect(await withTryLock(b, 'job:review-scan', async () => 'b')).toEqual({ skipped: true });
    // Another job is not held up by this one.
    expect(await withTryLock(b, 'job:transfer-scan', async () => 'b')).toEqual({ skipped: false, value: 'b' });
    release();
    expect(await first).toEqual({ skipped: false, value: 'a' });
    expect(await withTryLock(b, 'job:review-scan', async () => 'b')).toEqual({ skipped: false, value: 'b' });
  });

  it('releases the lock when the run fails', async () => {
    await expect(withTryLock(a, 'job:outbox', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await withTryLock(b, 'job:outbox', async () => 1)).toEqual({ skipped: false, value: 1 });
  });
});

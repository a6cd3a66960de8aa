import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/db/embedded/embedded-postgres.js';

export const BENCH_DB = 'dangjian_bench';

/** server/, whether this runs from bench/ (tsc --noEmit) or dist/bench/. */
export const serverRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', import.meta.url.includes('/dist/') ? '..' : '');

export type BenchDatabase = { url: string; stop: () => Promise<void>; where: string };

/**
 * The benchmarks' own database `dangjian_bench`: on DATABASE_URL's server when it is set (that
 * database itself is never touched), else on an embedded PostgreSQL whose data directory
 * (server/.data/bench-pg) persists, so generated data is reused by the next run.
 */
export async function benchDatabase(): Promise<BenchDatabase> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const admin = new URL(given);
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DB]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${BENCH_DB}`);
    await client.end();
    admin.pathname = `/${BENCH_DB}`;
    return { url: admin.toString(), stop: async () => undefined, where: `${admin.host} (DATABASE_URL's server)` };
  }
  const dataDir = path.join(serverRoot, '.data', 'bench-pg');
  // fsync off: the data is generated and can be generated again; the reads measured do not depend on it.
  const handle = await startEmbeddedPostgres({ dataDir, database: BENCH_DB, persistent: true, fast: true, maxConnections: 200 }, 300_000);
  return { url: handle.url, stop: handle.stop, where: `embedded PostgreSQL in ${path.relative(process.cwd(), dataDir) || dataDir}` };
}

/**
 * VACUUM (ANALYZE) the tables a bench has just filled, as autovacuum soon does on a running system:
 * the server's plans (kept per connection) are then made for tables with statistics, not for the
 * empty tables of the run's start — which hid plans that hashed a whole table on every batch (issue
 * 12) — and the dead rows an earlier run left (it deletes its people and their rows) are gone, so
 * runs back to back measure the same tables: with only ANALYZE, the study bench's PostgreSQL time
 * per heartbeat grew run after run (0.33 → 0.76 ms over six runs) with the dead index entries.
 */
export async function vacuumAnalyze(client: pg.Client, tables: string[]): Promise<void> {
  await client.query(`VACUUM (ANALYZE) ${tables.join(', ')}`);
}

/** Drops and creates the bench database (for --regenerate), on the same server. */
export async function recreateDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${BENCH_DB}`);
  await client.end();
}

import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { lendDataKey } from './migration-keys.js';
import { assertSupportedPostgres } from './pg-version.js';
import { PreparingClient } from './preparing-client.js';

/** `prepare`: the server's own pool prepares statements that repeat (PreparingClient); migrations, the CLI and the demo seed run unnamed. */
export function dataSourceOptions(url: string, poolSize = 20, prepare = false): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    uuidExtension: 'pgcrypto',
    synchronize: false,
    logging: false,
    // A database that does not answer fails a request within 5 s (503 DATABASE_UNAVAILABLE) instead of hanging it.
    extra: { max: poolSize, application_name: 'dangjian', connectionTimeoutMillis: 5000, ...(prepare ? { Client: PreparingClient } : {}) },
  };
}

/** The advisory-lock key migrations serialise on ('dangjian:migrate' as a bigint, fixed for all versions). */
export const MIGRATION_LOCK = '7239214590713304101';

/** `dataKey` (DATA_KEY) is needed only by migrations that encrypt existing rows, and only when there are such rows. */
export async function migrate(url: string, dataKey?: Buffer): Promise<void> {
  const ds = new DataSource(dataSourceOptions(url, 2));
  if (dataKey) lendDataKey(ds, dataKey);
  await ds.initialize();
  try {
    const rows = await ds.query<Array<{ num: number; version: string }>>(
      `SELECT current_setting('server_version_num')::int AS num, current_setting('server_version') AS version`,
    );
    assertSupportedPostgres(rows[0]!.num, rows[0]!.version);
    // Several processes or instances starting at once take turns: the first migrates, the others then
    // find nothing pending. A session lock on a connection of its own, held while the migrations run on
    // another, is released by PostgreSQL even if this process dies half-way.
    const lock = ds.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await ds.runMigrations({ transaction: 'each' });
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      await lock.release();
    }
  } finally {
    await ds.destroy();
  }
}

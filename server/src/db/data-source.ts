import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { lendDataKey } from './migration-keys.js';

export function dataSourceOptions(url: string, poolSize = 20): DataSourceOptions {
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
    extra: { max: poolSize, application_name: 'dangjian', connectionTimeoutMillis: 5000 },
  };
}

/** PostgreSQL major versions the migrations and queries are tested on (CI: 18 embedded, 15 on the machine). */
export const SUPPORTED_PG_MAJORS = { min: 15, max: 18 } as const;

export class UnsupportedPostgresError extends Error {}

/** Throws a clear message unless `versionNum` (`server_version_num`, e.g. 150004) is a supported major. */
export function assertSupportedPostgres(versionNum: number, version = String(versionNum)): void {
  const major = Math.floor(versionNum / 10_000);
  if (major < SUPPORTED_PG_MAJORS.min || major > SUPPORTED_PG_MAJORS.max) {
    throw new UnsupportedPostgresError(
      `不支持的 PostgreSQL 版本 ${version}：智慧党建支持 PostgreSQL ${SUPPORTED_PG_MAJORS.min}–${SUPPORTED_PG_MAJORS.max} ` +
        `(unsupported PostgreSQL ${version}; supported majors ${SUPPORTED_PG_MAJORS.min} to ${SUPPORTED_PG_MAJORS.max}). 请升级或更换数据库后再启动。`,
    );
  }
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

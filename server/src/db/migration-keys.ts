import type { DataSource } from 'typeorm';

/*
 * Migrations are plain SQL run by TypeORM, which builds each migration class without arguments.
 * The few that must encrypt existing rows (M4) find DATA_KEY here, lent by `migrate()` for the
 * data source it runs them on; AES-GCM is not something PostgreSQL's pgcrypto offers.
 */
const keys = new WeakMap<DataSource, Buffer>();

export function lendDataKey(ds: DataSource, dataKey: Buffer): void {
  keys.set(ds, dataKey);
}

export function migrationDataKey(ds: DataSource): Buffer {
  const key = keys.get(ds);
  if (!key)
    throw new Error('This migration encrypts existing personal data and needs DATA_KEY: run it through migrate(url, dataKey) (the server or pnpm admin).');
  return key;
}

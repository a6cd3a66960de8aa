// Jest loads global setup outside its ESM module mapping, so this imports the built server
// (`pnpm test` builds first).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../dist/src/db/embedded/embedded-postgres.js';
import { migrate } from '../dist/src/db/data-source.js';

export const TEMPLATE_DB = 'dangjian_template';

/**
 * One PostgreSQL for the whole run: TEST_DATABASE_URL's server when given, else a throwaway
 * embedded one with fsync off. Migrations run once into a template database; every test file
 * clones it (test/utils/db.ts).
 */
export default async function globalSetup() {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dangjian-test-pg-'));
    const handle = await startEmbeddedPostgres({ dataDir: dir, database: 'postgres', persistent: false, fast: true, maxConnections: 300 });
    globalThis.__EMBEDDED_PG__ = handle;
    adminUrl = handle.url;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${TEMPLATE_DB}`;
  await migrate(u.toString());
  process.env.TEST_PG_ADMIN_URL = adminUrl;
}

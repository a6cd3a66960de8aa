// Jest loads global setup outside its ESM module mapping, so this imports the built server
// (`pnpm test` builds first).
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../dist/src/db/embedded/embedded-postgres.js';
import { migrate } from '../dist/src/db/data-source.js';

export const TEMPLATE_DB = 'dangjian_template';

/**
 * The API tests run the built server (test/realm/), so a source file edited since the build would go
 * untested: refuse to start instead, naming it.
 */
function refuseStaleBuild() {
  const server = path.resolve(import.meta.dirname, '..');
  const builtAt = (file) => {
    try {
      return statSync(path.join(server, file)).mtimeMs;
    } catch {
      return 0; // not built at all
    }
  };
  // The start-up, shutdown and browser tests run the bundle of the whole server.
  const bundledAt = builtAt('dist/bundle/server.mjs');
  for (const entry of readdirSync(path.join(server, 'src'), { recursive: true })) {
    // Unit specs (src/**/*.spec.ts) are jest's own to load, from src/.
    if (!entry.endsWith('.ts') || entry.endsWith('.d.ts') || entry.endsWith('.spec.ts')) continue;
    const editedAt = statSync(path.join(server, 'src', entry)).mtimeMs;
    if (editedAt > Math.min(builtAt(path.join('dist', 'src', entry.replace(/\.ts$/, '.js'))), bundledAt)) {
      throw new Error(`server/dist is older than src/${entry}: build first (pnpm --filter @dangjian/server run build:test)`);
    }
  }
}

/**
 * One PostgreSQL for the whole run: TEST_DATABASE_URL's server when given, else a throwaway
 * embedded one with fsync off. Migrations run once into a template database; every test file
 * clones it (test/utils/db.ts).
 */
export default async function globalSetup() {
  refuseStaleBuild();
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dangjian-test-pg-'));
    const handle = await startEmbeddedPostgres({ dataDir: dir, database: 'postgres', persistent: false, fast: true, maxConnections: 300 });
    globalThis.__EMBEDDED_PG__ = handle;
    adminUrl = handle.url;
  }
  // On a shared server (TEST_DATABASE_URL: the machine's PostgreSQL 15 in CI) the template gets a
  // name of its own, so runs of several people or jobs at once do not drop each other's.
  const template = process.env.TEST_DATABASE_URL ? `dangjian_template_${process.pid}_${Date.now().toString(36)}` : TEMPLATE_DB;
  process.env.TEST_PG_TEMPLATE = template;
  globalThis.__TEST_TEMPLATE__ = { adminUrl, template, shared: Boolean(process.env.TEST_DATABASE_URL) };
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${template}`;
  await migrate(u.toString());
  process.env.TEST_PG_ADMIN_URL = adminUrl;
}

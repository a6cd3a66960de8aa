// Prepares the demo data once for every browser test file, and keeps one PostgreSQL and one chromium
// running for the run: each file's server then starts on its own copy of the demo database
// (e2e/server.ts), which saves most of a server's start per file, and each file connects to the
// chromium instead of launching its own.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';
import { BROWSER_WS_ENV, CHROMIUM, CHROMIUM_ARGS } from './browser';
import { PG_URL_ENV, startServer, TEMPLATE_DB } from './server';

export type EmbeddedHandle = { url: string; stop: () => Promise<void> };
/** A cluster made as below and stopped cleanly, to start from (removed at the end as one made here). */
const CLUSTER_ENV = 'DANGJIAN_E2E_CLUSTER';
const EMBEDDED = path.resolve(__dirname, '..', '..', 'server', 'dist', 'src', 'db', 'embedded', 'embedded-postgres.js');

export default async function globalSetup(): Promise<void> {
  // `pnpm test` makes the cluster beside the API suite (.ci/test-all.mjs) and passes it here.
  let dataDir = process.env[CLUSTER_ENV];
  if (!dataDir) {
    dataDir = mkdtempSync(path.join(tmpdir(), 'dangjian-e2e-template-'));
    // The server itself makes the cluster: initdb, the migrations and the demo data, as on a first start.
    const server = await startServer(300_000, { dataDir });
    // A clean stop: PostgreSQL shuts down and leaves the cluster consistent.
    await server.stop();
  }
  // Then PostgreSQL alone on that cluster, fsync off, removed when it stops (global-teardown.ts).
  const { startEmbeddedPostgres } = (await import(EMBEDDED)) as {
    startEmbeddedPostgres: (req: { dataDir: string; database: string; persistent: boolean; fast: boolean; maxConnections: number }) => Promise<EmbeddedHandle>;
  };
  const pg = await startEmbeddedPostgres({ dataDir, database: TEMPLATE_DB, persistent: false, fast: true, maxConnections: 200 });
  (globalThis as { __E2E_PG__?: EmbeddedHandle }).__E2E_PG__ = pg;
  const admin = new URL(pg.url);
  admin.pathname = '/postgres';
  process.env[PG_URL_ENV] = admin.toString();
  // And one chromium for the run, which the files connect to (e2e/browser.ts, connectBrowser).
  const browser = await chromium.launchServer({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  (globalThis as { __E2E_BROWSER__?: BrowserServer }).__E2E_BROWSER__ = browser;
  process.env[BROWSER_WS_ENV] = browser.wsEndpoint();
}

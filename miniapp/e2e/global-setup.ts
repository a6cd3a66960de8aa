// Prepares one demo cluster (initdb, migrations, demo data) for every browser test file: each file
// then starts its server on a copy (e2e/server.ts), which saves most of a server's start per file.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, TEMPLATE_ENV } from './server';

export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dangjian-e2e-template-'));
  const server = await startServer(300_000, { dataDir });
  // A clean stop: PostgreSQL shuts down and leaves no postmaster.pid in the copy.
  await server.stop();
  process.env[TEMPLATE_ENV] = dataDir;
}

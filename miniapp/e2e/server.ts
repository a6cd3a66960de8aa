import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type RunningServer = { baseUrl: string; stop: () => Promise<void> };

const SERVER_MAIN = path.resolve(__dirname, '..', '..', 'server', 'dist', 'src', 'main.js');
const H5_DIR = path.resolve(__dirname, '..', 'dist', 'h5');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Set by the global setup (e2e/global-setup.js): a stopped cluster with migrations and demo data. */
export const TEMPLATE_ENV = 'DANGJIAN_E2E_PG_TEMPLATE';

/**
 * Starts the built server in demo mode on a throwaway database and waits until it is ready.
 * `testClock`: the server's clock can be moved through POST /api/v1/test/clock (DANGJIAN_TEST_CLOCK=1).
 * `dataDir`: run on this cluster directory and keep it after stop (the global setup's template).
 */
export async function startServer(timeoutMs = 90_000, opts: { testClock?: boolean; dataDir?: string } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'dangjian-e2e-pg-'));
  // A copy of the prepared cluster: each file still gets its own database, without paying for
  // initdb, the migrations and the demo data again (the server finds them there and leaves them).
  const template = process.env[TEMPLATE_ENV];
  // `cp -a` keeps the owner: run as root, the cluster belongs to the postgres user the launcher made.
  if (template && !opts.dataDir) execFileSync('cp', ['-a', `${template}/.`, dataDir]);
  const log: string[] = [];
  // Without DATABASE_URL the server starts its own embedded PostgreSQL in PG_DATA_DIR.
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN], {
    env: {
      ...inherited,
      LOG_LEVEL: 'warn',
      DEMO_MODE: 'true',
      PORT: String(port),
      HOST: '127.0.0.1',
      PG_DATA_DIR: dataDir,
      H5_DIR,
      ...(opts.testClock ? { DANGJIAN_TEST_CLOCK: '1' } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const ok = await fetch(`${baseUrl}/api/v1/health/ready`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return { baseUrl, stop };
    await sleep(250);
  }
  await stop();
  throw new Error(`server did not become ready:\n${log.join('').slice(-4000)}`);
}

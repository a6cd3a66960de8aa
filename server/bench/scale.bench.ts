import http from 'node:http';
import os from 'node:os';
import pg from 'pg';
import { migrate } from '../src/db/data-source.js';
import { benchDatabase } from './lib/db.js';
import { limitCpu, servingPids, type CpuQuota } from './lib/cpu-quota.js';
import { drive, type CpuPerCall } from './lib/drive.js';
import { openHall } from './lib/hall.js';
import type { CaseResult } from './lib/load.js';
import { createPeople, removePeople, type Setup } from './lib/people.js';
import { floorProcess, measureFloor, ratio, serverProcess, type BenchProcess } from './lib/processes.js';
import { flagNumber, type Bench } from './lib/types.js';

/**
 * Several processes on one database (issue 12): the check-in bench's closed loop — `--members`
 * (default 2,000) members scanning `--rounds` (default 5) meetings in turn with real rotating tokens,
 * `--connections` (default 64) scans at a time, load from this process — against the server started
 * with WORKERS = 1, 2 and the core count (when larger), with the floor in the same run. More processes
 * should give more throughput until PostgreSQL (on the same cores here) saturates; `machine_busy_by_workers`
 * says how much of all the cores each run kept busy, `cpu_ms_per_checkin_by_workers` who used them,
 * `commits_per_checkin_by_workers` how many check-ins shared a transaction, `switches_per_checkin_by_workers`
 * how often the server's processes were switched out (each wake-up finding fewer requests).
 *
 * On this 2-core machine one process already keeps both cores busy beside PostgreSQL and the load, so
 * a second process has no core to run on. `--cpu-per-worker=C` caps each process that serves requests
 * at C cores' time (lib/cpu-quota.ts), so that a run is not limited by the machine's cores, and
 * `--counts=1,2,3,4` chooses the process counts; `postgres_cores_by_workers` says how busy PostgreSQL
 * was. The processes still take turns on the same two cores, so this is not a machine with a core for
 * each (docs/operations.md has what the runs showed).
 *
 * Each process is warmed up with as many check-ins as a lone process (`workers` warm-up meetings).
 *
 * Each member's phone keeps its own connection, as in a hall: the cluster's primary hands each new
 * connection to the next worker, and that worker then serves all of the phone's requests. Through a
 * pool of connections shared by all members, a member's scan would land on a worker that has never
 * seen their session, which no phone does.
 */
const bench: Bench = {
  description: 'scale: check-in throughput with 1, 2 and N server processes on one database',
  async run({ flags, log }) {
    const members = flagNumber(flags, 'members', 2000);
    const rounds = flagNumber(flags, 'rounds', 5);
    const connections = flagNumber(flags, 'connections', 64);
    const scans = members * rounds;
    const cores = os.availableParallelism();
    const listed = typeof flags.counts === 'string' ? flags.counts.split(',').map(Number) : [1, 2, flagNumber(flags, 'workers', cores)];
    const counts = [...new Set(listed.filter((n) => Number.isInteger(n) && n > 0))].sort((a, b) => a - b);
    const cpuPerWorker = flagNumber(flags, 'cpu-per-worker', 0) || undefined;
    const db = await benchDatabase();
    log(`database: ${db.where}`);
    await migrate(db.url);
    const client = new pg.Client({ connectionString: db.url, application_name: 'dangjian-bench' });
    await client.connect();
    let setup: Setup | undefined;
    let floor: BenchProcess | undefined;
    const byWorkers: Record<string, number> = {};
    const busyByWorkers: Record<string, number | null> = {};
    const cpuByWorkers: Record<string, Omit<CpuPerCall, 'machine'>> = {};
    const commitsByWorkers: Record<string, number> = {};
    const postgresByWorkers: Record<string, number> = {};
    const switchesByWorkers: Record<string, number | null> = {};
    const cases: CaseResult[] = [];
    try {
      setup = await createPeople(client, members);
      for (const workers of counts) {
        const server = await serverProcess(db.url, { workers });
        let quota: CpuQuota | undefined;
        const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
        const phones = Array.from({ length: members }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
        try {
          if (cpuPerWorker) quota = limitCpu(servingPids(server.pid, workers), cpuPerWorker);
          const titles = Array.from({ length: rounds }, (_, k) => `扩展基准（${workers} 个进程，第 ${k + 1} 场）`);
          const warmTitles = Array.from({ length: workers }, (_, k) => `预热（第 ${k + 1} 场）`);
          const hall = await openHall(agent, server.port, setup, [...titles, ...warmTitles], (member) => phones[member]!);
          // Warm-up: every phone opens its connection (to the worker it stays with) and that worker's
          // pool, caches and JIT warm up, with the members' sessions in its cache (each has opened the app).
          // One warm-up meeting per process, so that each process has served as many check-ins as a lone
          // one before the measure: each warms its own JIT on its share of the phones, and with one
          // meeting for all, four processes were measured still partly in V8's unoptimised tiers.
          for (const warm of hall.meetings.slice(rounds)) await drive(members, connections, (i) => hall.checkin(warm.id, i).then(() => true));
          const commits0 = await commits(client);
          const r = await drive(scans, connections, (i) => hall.checkin(hall.meetings[Math.floor(i / members)]!.id, i % members), server.pid);
          commitsByWorkers[String(workers)] = Math.round((((await commits(client)) - commits0) / scans) * 1000) / 1000;
          await hall.close();
          log(`${workers} process(es): ${r.rps} check-ins/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors`);
          byWorkers[String(workers)] = r.rps;
          // Share of all the cores busy (server, PostgreSQL, this load and the rest): near 1, more processes cannot add throughput.
          busyByWorkers[String(workers)] = r.cpu ? Math.round((r.cpu.machine * r.rps) / 10 / cores) / 100 : null;
          // Where a check-in's CPU goes: the server's processes, PostgreSQL's, this load generator's.
          if (r.cpu) {
            cpuByWorkers[String(workers)] = { server: r.cpu.server, postgres: r.cpu.postgres, load: r.cpu.load };
            // PostgreSQL's processes' busy cores during the run: near what the others leave it, it is saturated.
            postgresByWorkers[String(workers)] = Math.round((r.cpu.postgres * r.rps) / 10) / 100;
          }
          // Context switches of the server's processes per check-in: fewer requests per wake-up as processes are added.
          switchesByWorkers[String(workers)] = r.switches;
          cases.push({ name: `check-in · ${workers} process(es)`, via: 'http', p50: r.p50, p99: r.p99, rps: r.rps, requests: scans, errors: r.errors });
        } finally {
          agent.destroy();
          for (const phone of phones) phone.destroy();
          await server.stop();
          quota?.release();
        }
      }
      floor = await floorProcess(db.url);
      const f = await measureFloor(floor, { count: scans, connections, rate: 500, seconds: 2 });
      cases.push({
        name: 'floor · one process',
        via: 'http',
        p50: f.closed.p50,
        p99: f.closed.p99,
        rps: f.closed.rps,
        requests: scans,
        errors: f.closed.errors,
      });
      return {
        cases,
        details: [
          `PostgreSQL, the server processes and this load generator share the machine's ${cores} cores`,
          ...(cpuPerWorker ? [`each process serving requests limited to ${cpuPerWorker} cores' time (CFS quota)`] : []),
        ],
        summary: {
          checkins_per_s_by_workers: byWorkers,
          machine_busy_by_workers: busyByWorkers,
          cpu_ms_per_checkin_by_workers: cpuByWorkers,
          commits_per_checkin_by_workers: commitsByWorkers,
          postgres_cores_by_workers: postgresByWorkers,
          switches_per_checkin_by_workers: switchesByWorkers,
          cpu_per_worker: cpuPerWorker ?? null,
          floor_per_s: f.closed.rps,
          ratio_by_workers: Object.fromEntries(Object.entries(byWorkers).map(([w, n]) => [w, ratio(n, f.closed.rps)])),
          members,
          rounds,
          connections,
          errors: cases.reduce((n, c) => n + c.errors, 0),
        },
      };
    } finally {
      await floor?.stop();
      if (setup) await removePeople(client, setup).catch((err) => log(`cleanup failed: ${String(err)}`));
      await client.end();
      await db.stop();
    }
  },
};
export default bench;

/**
 * Transactions committed in the bench database so far. Check-ins that arrive together at one process
 * share a transaction (common/batcher.ts), so commits per check-in fall as those groups grow.
 */
async function commits(client: pg.Client): Promise<number> {
  // The statistics of other backends reach the shared counters within a second.
  await new Promise((r) => setTimeout(r, 1100));
  await client.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await client.query<{ n: string }>(`SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`);
  return Number(rows[0]!.n);
}

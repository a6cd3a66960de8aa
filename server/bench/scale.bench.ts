import http from 'node:http';
import os from 'node:os';
import pg from 'pg';
import { migrate } from '../src/db/data-source.js';
import { benchDatabase } from './lib/db.js';
import { drive } from './lib/drive.js';
import { openHall } from './lib/hall.js';
import type { CaseResult } from './lib/load.js';
import { createPeople, removePeople, type Setup } from './lib/people.js';
import { floorProcess, measureFloor, ratio, serverProcess, type BenchProcess } from './lib/processes.js';
import { flagNumber, type Bench } from './lib/types.js';

/**
 * Several processes on one database (issue 12): the check-in bench's closed loop — `--members`
 * (default 2,000) real check-ins with rotating tokens from `--connections` (default 64) connections,
 * load from this process — against the server started with WORKERS = 1, 2 and the core count (when
 * larger), each on a new meeting, with the floor in the same run. More processes should give more
 * throughput until PostgreSQL (on the same cores here) saturates.
 */
const bench: Bench = {
  description: 'scale: check-in throughput with 1, 2 and N server processes on one database',
  async run({ flags, log }) {
    const members = flagNumber(flags, 'members', 2000);
    const connections = flagNumber(flags, 'connections', 64);
    const cores = os.availableParallelism();
    const counts = [...new Set([1, 2, flagNumber(flags, 'workers', cores)])].sort((a, b) => a - b);
    const db = await benchDatabase();
    log(`database: ${db.where}`);
    await migrate(db.url);
    const client = new pg.Client({ connectionString: db.url, application_name: 'dangjian-bench' });
    await client.connect();
    let setup: Setup | undefined;
    let floor: BenchProcess | undefined;
    const byWorkers: Record<string, number> = {};
    const cases: CaseResult[] = [];
    try {
      setup = await createPeople(client, members);
      for (const workers of counts) {
        const server = await serverProcess(db.url, { workers });
        const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
        try {
          const hall = await openHall(agent, server.port, setup, [`扩展基准（${workers} 个进程）`, '预热']);
          const [measured, warm] = [hall.meetings[0]!, hall.meetings[1]!];
          // Warm-up: every worker's pool, caches and JIT, and the members' sessions in the workers' caches
          // (as in the hall, each has opened the app; the primary hands connections out round robin, so
          // each member asks as many times as there are workers — the repeats answer "already checked in").
          await drive(members * workers, connections, (i) => hall.checkin(warm.id, i % members).then(() => true));
          const r = await drive(members, connections, (i) => hall.checkin(measured.id, i));
          await hall.close();
          log(`${workers} process(es): ${r.rps} check-ins/s, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors`);
          byWorkers[String(workers)] = r.rps;
          cases.push({ name: `check-in · ${workers} process(es)`, via: 'http', p50: r.p50, p99: r.p99, rps: r.rps, requests: members, errors: r.errors });
        } finally {
          agent.destroy();
          await server.stop();
        }
      }
      floor = await floorProcess(db.url);
      const f = await measureFloor(floor, { count: members, connections, rate: 500, seconds: 2 });
      cases.push({
        name: 'floor · one process',
        via: 'http',
        p50: f.closed.p50,
        p99: f.closed.p99,
        rps: f.closed.rps,
        requests: members,
        errors: f.closed.errors,
      });
      return {
        cases,
        details: [`PostgreSQL, the server processes and this load generator share the machine's ${cores} cores`],
        summary: {
          checkins_per_s_by_workers: byWorkers,
          floor_per_s: f.closed.rps,
          ratio_by_workers: Object.fromEntries(Object.entries(byWorkers).map(([w, n]) => [w, ratio(n, f.closed.rps)])),
          members,
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

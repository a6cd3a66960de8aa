import http from 'node:http';
import pg from 'pg';
import { migrate } from '../src/db/data-source.js';
import { benchDatabase, vacuumAnalyze } from './lib/db.js';
import { alternate, driveAtRate, request } from './lib/drive.js';
import { createPeople, removePeople, type Setup } from './lib/people.js';
import { cpuPerCall, floorCaller, floorProcess, loopCases, ratio, serverProcess, type BenchProcess } from './lib/processes.js';
import { flagNumber, type Bench } from './lib/types.js';

/** Each learner sends one heartbeat every 30 s (HEARTBEAT_INTERVAL_S): learners = heartbeats/s × 30. */
const INTERVAL_S = 30;

/**
 * L2 heartbeats (issue 12): `--members` (default 5,000) members with sessions study one article
 * through the real endpoint (POST /api/v1/study/heartbeats), the server in its own process. Closed
 * loop: `--rounds` (default 3) of `--count` (default 10,000) heartbeats from `--connections` (default
 * 64) connections, each round followed by as many floor inserts (lib/drive.ts, alternate) —
 * throughput; open loop: `--rate` (default 1,000) per second offered for `--seconds` (default 8),
 * p99 from each call's due time. The floor (a bare Fastify + pg insert in a third process) is measured
 * the same two ways in the same run; `ratio` is heartbeats/s ÷ floor/s.
 */
const bench: Bench = {
  description: 'study heartbeats: closed-loop throughput and open-loop p99 at 1,000/s through the real endpoint, against a bare-insert floor',
  async run({ flags, log }) {
    const members = flagNumber(flags, 'members', 5000);
    const count = flagNumber(flags, 'count', 10_000);
    const rounds = flagNumber(flags, 'rounds', 3);
    const connections = flagNumber(flags, 'connections', 64);
    const rate = flagNumber(flags, 'rate', 1000);
    const seconds = flagNumber(flags, 'seconds', 8);
    const db = await benchDatabase();
    log(`database: ${db.where}`);
    await migrate(db.url);
    const client = new pg.Client({ connectionString: db.url, application_name: 'dangjian-bench' });
    await client.connect();
    let setup: Setup | undefined;
    let server: BenchProcess | undefined;
    let floor: BenchProcess | undefined;
    try {
      setup = await createPeople(client, members);
      const { rows } = await client.query(
        `WITH c AS (INSERT INTO study_course (organisation_id, org_path, title, status, published_at)
                    SELECT id, path, '基准测试课程', 'published', now() FROM organisation WHERE id = $1 RETURNING id)
         INSERT INTO study_lesson (course_id, position, title, kind, body_html, min_seconds) SELECT id, 0, '原文', 'article', '<p>x</p>', 600 FROM c RETURNING id`,
        [setup.branchId],
      );
      const lessonId = (rows[0] as { id: string }).id;
      [server, floor] = await Promise.all([serverProcess(db.url), floorProcess(db.url)]);
      const port = server.port;
      const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
      const seq = new Array<number>(members).fill(0);
      const beat = async (i: number) => {
        const m = i % members;
        const res = await request(agent, port, 'POST', '/api/v1/study/heartbeats', setup!.memberTokens[m]!, {
          lessonId,
          position: 0,
          deviceId: 'bench',
          seq: ++seq[m]!,
        });
        return res.status === 200;
      };
      // Warm-up (not measured): every member's first heartbeat opens their session and clock row, the
      // second is read from the database and remembered (HeartbeatCache) — as for a learner some
      // minutes into a lesson, one heartbeat every 30 s, which is what the server serves nearly always.
      log(`warm-up: ${members} × 2 first heartbeats…`);
      await driveAtRate(500, (2 * members) / 500, beat);
      // Measured on tables with statistics, as on a running system (lib/db.ts, vacuumAnalyze).
      await vacuumAnalyze(client, ['study_clock', 'study_progress', 'study_day', 'study_lesson', 'study_course']);

      const floorCalls = await floorCaller(floor, connections, Math.min(200, count));
      log(`closed loop: ${rounds} rounds of ${count} heartbeats, then as many floor inserts, from ${connections} connections…`);
      const closedLoops = await alternate(
        rounds,
        { count, concurrency: connections, call: beat, pid: server.pid },
        { count, concurrency: connections, call: (i) => floorCalls.insert(`c${i}`), pid: floor.pid },
      );
      const closed = closedLoops.path;
      log(`closed loop: ${closed.rps}/s, p50 ${closed.p50} ms, p99 ${closed.p99} ms, ${closed.errors} errors`);
      log(`open loop: ${rate}/s offered for ${seconds} s…`);
      const open = await driveAtRate(rate, seconds, beat);
      log(`open loop: ${open.achieved}/s done, p50 ${open.p50} ms, p99 ${open.p99} ms, ${open.errors} errors`);
      agent.destroy();
      const f = { closed: closedLoops.floor, open: await driveAtRate(rate, seconds, (i) => floorCalls.insert(`o${i}`)) };
      floorCalls.close();
      log(`floor: ${f.closed.rps}/s closed loop; at ${rate}/s p99 ${f.open.p99} ms`);
      const [{ credited }] = (
        await client.query(`SELECT COALESCE(sum(credited_ms), 0)::bigint AS credited FROM study_progress WHERE lesson_id = $1`, [lessonId])
      ).rows as [{ credited: string }];
      const cases = loopCases('heartbeat', { closed, open }, f, { count: count * rounds, connections, rate });
      return {
        cases,
        details: [
          `${members} members round robin; open-loop latency from each call's due time; credited study time in the run: ${Math.round(Number(credited) / 1000)} s`,
          `at ${closed.rps} heartbeats/s the server follows ${closed.rps * INTERVAL_S} learners (one heartbeat every ${INTERVAL_S} s)`,
        ],
        summary: {
          heartbeats_per_s: closed.rps,
          floor_per_s: f.closed.rps,
          ratio: ratio(closed.rps, f.closed.rps),
          ...cpuPerCall(closed, f.closed),
          [`p99_ms_at_${rate}`]: open.p99,
          [`floor_p99_ms_at_${rate}`]: f.open.p99,
          achieved_at_rate: open.achieved,
          learners: closed.rps * INTERVAL_S,
          members,
          errors: closed.errors + open.errors,
        },
      };
    } finally {
      await server?.stop();
      await floor?.stop();
      if (setup) {
        await client.query(`DELETE FROM study_course WHERE organisation_id = $1`, [setup.branchId]).catch(() => undefined);
        await removePeople(client, setup).catch((err) => log(`cleanup failed: ${String(err)}`));
      }
      await client.end();
      await db.stop();
    }
  },
};
export default bench;

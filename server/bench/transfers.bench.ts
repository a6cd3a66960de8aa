import http from 'node:http';
import pg from 'pg';
import { OPEN_TRANSFER_STATES } from '@dangjian/shared';
import { adminToken } from './lib/auth.js';
import { benchDatabase } from './lib/db.js';
import { drive, quantiles, request } from './lib/drive.js';
import type { CaseResult } from './lib/load.js';
import { ensureProvince } from './lib/province.js';
import { startServer } from './lib/server.js';
import { flagNumber, type Bench } from './lib/types.js';

const QUEUES = ['todo', 'waiting', 'overdue'] as const;
/** State mix of the generated transfers (per 100): 60 % open. */
const MIX: Array<[string, number]> = [
  ['pending_branch', 15],
  ['pending_committee', 15],
  ['returned', 5],
  ['letter_issued', 15],
  ['accepted', 10],
  ['completed', 25],
  ['refused', 10],
  ['withdrawn', 5],
];

/**
 * The three transfer queues (待办 / 待对方办理 / 逾期) of one city committee's worker with 100,000
 * transfers in that committee's subtree (T6): the transfers are written with one SQL statement on
 * the province (bench/lib/province.ts) — members of the city sending to branches of other cities,
 * every state of the table, one open transfer per member (T7), deadlines around today so some are
 * overdue — then each queue is read over HTTP (random pages of 20, with the three counts).
 * Flags: --transfers=N (default 100000), --requests=N per queue (default 300), --connections=N (default 2,
 * one per core of the reference machine: latency, not queueing behind a saturated CPU).
 */
const bench: Bench = {
  description: 'transfer queues (todo / waiting / overdue) of a committee with 100,000 transfers in its subtree',
  async run({ flags, log }) {
    const total = flagNumber(flags, 'transfers', 100_000);
    const perQueue = flagNumber(flags, 'requests', 300);
    const connections = flagNumber(flags, 'connections', 2);
    const db = await benchDatabase();
    log(`database: ${db.where}`);
    const pool = new pg.Pool({ connectionString: db.url, max: 4 });
    // An idle connection the database ends at shutdown must not crash the run after its figures.
    pool.on('error', (err) => log(`pool: ${err.message}`));
    let server: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      const province = await ensureProvince(db.url, { regenerate: flags.regenerate === true, log });
      // The city committee with the most members.
      const [city] = (
        await pool.query(
          `SELECT c.id, c.name, c.path::text AS path, (SELECT count(*) FROM member m WHERE m.org_path <@ c.path)::int AS members
             FROM organisation c WHERE c.kind = 'committee' AND nlevel(c.path) = 2 ORDER BY members DESC LIMIT 1`,
        )
      ).rows as [{ id: string; name: string; path: string; members: number }];
      log(`committee: ${city.name} (${city.members} members in its subtree)`);
      log('clearing earlier bench transfers');
      await pool.query(`TRUNCATE transfer, transfer_step, transfer_letter, transfer_letter_counter, transfer_queue CASCADE`);

      const t0 = Date.now();
      const cum: string[] = [];
      let acc = 0;
      for (const [state, pct] of MIX) cum.push(`WHEN b < ${(acc += pct)} THEN '${state}'`);
      const open = `ARRAY[${OPEN_TRANSFER_STATES.map((s) => `'${s}'`).join(',')}]`;
      await pool.query(
        `WITH src AS (
           SELECT m.id, m.name, m.organisation_id, m.org_path, o.name AS org_name, row_number() OVER (ORDER BY hashtext(m.id::text)) - 1 AS rn
             FROM member m JOIN organisation o ON o.id = m.organisation_id WHERE m.org_path <@ $1::ltree),
         dest AS (
           SELECT id, name, path, row_number() OVER (ORDER BY hashtext(id::text)) - 1 AS rn
             FROM organisation WHERE kind = 'branch' AND NOT path <@ $1::ltree),
         n AS (SELECT (SELECT count(*) FROM src) AS members, (SELECT count(*) FROM dest) AS dests),
         g AS (
           SELECT i, (hashtext('s' || i) & 2147483647) % 100 AS b, (hashtext('d' || i) & 2147483647) % 60 - 20 AS due_shift FROM generate_series(0, $2::int - 1) i),
         rows AS (
           SELECT g.i, s.*, d.id AS to_id, d.name AS to_name, d.path AS to_path, g.due_shift,
                  CASE WHEN g.i < n.members THEN (CASE ${cum.join(' ')} END)
                       ELSE (ARRAY['completed','refused','withdrawn'])[1 + g.i % 3] END AS state
             FROM g CROSS JOIN n
             JOIN src s ON s.rn = g.i % n.members
             JOIN dest d ON d.rn = g.i % n.dests)
         INSERT INTO transfer (kind, state, member_id, member_name, started_by, from_org_id, from_org_path, from_committee_id, from_committee_path, from_org_name,
                               to_org_id, to_org_path, to_committee_id, to_committee_path, to_org_name, reason, validity_days, awaiting, awaiting_path, due_on,
                               accepted_at, closed_at, created_at, updated_at)
         SELECT 'internal', r.state, r.id, r.name, 'member', r.organisation_id, r.org_path, fc.id, fc.path, r.org_name,
                CASE WHEN r.state IN ('accepted','completed') THEN r.to_id ELSE tc.id END,
                CASE WHEN r.state IN ('accepted','completed') THEN r.to_path ELSE tc.path END, tc.id, tc.path,
                CASE WHEN r.state IN ('accepted','completed') THEN r.to_name ELSE tc.name END, '工作调动', 30,
                CASE r.state WHEN 'pending_branch' THEN 'sending_branch' WHEN 'pending_committee' THEN 'sending_committee' WHEN 'returned' THEN 'applicant'
                             WHEN 'letter_issued' THEN 'receiving_committee' WHEN 'accepted' THEN 'member' END,
                CASE r.state WHEN 'pending_branch' THEN r.org_path WHEN 'pending_committee' THEN fc.path WHEN 'letter_issued' THEN tc.path END,
                CASE WHEN r.state IN ('letter_issued','accepted') THEN current_date + r.due_shift END,
                CASE WHEN r.state IN ('accepted','completed') THEN now() - interval '10 days' END,
                CASE WHEN NOT r.state = ANY(${open}) THEN now() END,
                now() - (r.i % 1000) * interval '1 hour', now() - (r.i % 997) * interval '1 minute'
           FROM rows r
           JOIN organisation fc ON fc.path = subpath(r.org_path, 0, 3)
           JOIN organisation tc ON tc.path = subpath(r.to_path, 0, 3)`,
        [city.path, total],
      );
      // The queue rows (transfer_queue) as each step writes them, for every open transfer at once.
      await pool.query(`SELECT transfer_queue_refresh(coalesce(array_agg(id), '{}')) FROM transfer WHERE state = ANY($1)`, [OPEN_TRANSFER_STATES]);
      // Mark the pages all-visible, as autovacuum does in time, so the counts are index-only. A
      // concurrent (auto)analyze's snapshot can keep VACUUM from it: try again a few times.
      const visible = async () =>
        (
          (await pool.query(`SELECT relallvisible::int AS v, relpages::int AS p FROM pg_class WHERE relname = 'transfer_queue'`)).rows as [
            { v: number; p: number },
          ]
        )[0];
      for (let i = 0; i < 10; i++) {
        await pool.query(`VACUUM (FREEZE, ANALYZE) transfer, transfer_queue`);
        const vm = await visible();
        if (vm.v >= vm.p) break;
        await new Promise((r) => setTimeout(r, 2000));
      }
      const vm = await visible();
      log(`transfer_queue: ${vm.p} pages, ${vm.v} all-visible`);
      const [{ n, open: openCount }] = (
        await pool.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE state = ANY($1))::int AS open FROM transfer`, [OPEN_TRANSFER_STATES])
      ).rows as [{ n: number; open: number }];
      const genS = Math.round((Date.now() - t0) / 100) / 10;
      log(`${n} transfers written (${openCount} open) in ${genS} s`);

      server = await startServer(db.url);
      const token = await adminToken(db.url, city.id, 'org_worker');
      const { port } = new URL(server.baseUrl);
      const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
      const counts: Record<string, number> = {};
      const cases: CaseResult[] = [];
      const all: number[] = [];
      for (const queue of QUEUES) {
        const first = await request(agent, Number(port), 'GET', `/api/v1/transfers/queue?queue=${queue}&pageSize=20`, token);
        if (first.status !== 200) throw new Error(`${queue}: ${first.status} ${first.text}`);
        const body = JSON.parse(first.text) as { total: number; counts: Record<string, number> };
        counts[queue] = body.total;
        const pages = Math.max(1, Math.min(50, Math.ceil(body.total / 20)));
        const latencies: number[] = [];
        const driven = await drive(perQueue, connections, async (i) => {
          const t = performance.now();
          const res = await request(agent, Number(port), 'GET', `/api/v1/transfers/queue?queue=${queue}&page=${1 + (i % pages)}&pageSize=20`, token);
          latencies.push(performance.now() - t);
          return res.status === 200;
        });
        all.push(...latencies);
        cases.push({
          name: `queue ${queue} (${body.total} items, pages 1–${pages})`,
          via: 'http',
          p50: driven.p50,
          p99: driven.p99,
          rps: driven.rps,
          requests: perQueue,
          errors: driven.errors,
        });
        log(`${queue}: ${body.total} items; p50 ${driven.p50} ms, p99 ${driven.p99} ms`);
      }
      agent.destroy();
      const overall = quantiles(all);
      return {
        cases,
        details: [
          `committee ${city.name}: ${n} transfers in its subtree (${openCount} open); queues todo ${counts.todo}, waiting ${counts.waiting}, overdue ${counts.overdue}`,
        ],
        summary: {
          orgs: province.orgs,
          members: province.members,
          transfers: n,
          connections,
          open_transfers: openCount,
          generate_s: genS,
          queue_p50_ms: overall.p50,
          queue_p99_ms: overall.p99,
          ...Object.fromEntries(
            cases.flatMap((c, i) => [
              [`${QUEUES[i]}_p50_ms`, c.p50],
              [`${QUEUES[i]}_p99_ms`, c.p99],
              [`${QUEUES[i]}_items`, counts[QUEUES[i]!]],
            ]),
          ),
          errors: cases.reduce((s, c) => s + c.errors, 0),
        },
      };
    } finally {
      await server?.close();
      await pool.end();
      await db.stop();
    }
  },
};
export default bench;

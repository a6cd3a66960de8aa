import http from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { migrate } from '../src/db/data-source.js';
import { NoticesRepository } from '../src/notices/notices.repository.js';
import { benchDatabase } from './lib/db.js';
import { quantiles, request } from './lib/drive.js';
import type { CaseResult } from './lib/load.js';
import { adminToken } from './lib/auth.js';
import { createPeople, type Setup } from './lib/people.js';
import { driveInChild } from './lib/rate-process.js';
import { startServer } from './lib/server.js';
import { flagNumber, type Bench } from './lib/types.js';

/**
 * 通知公告 to a large subtree: `--members` (default 100,000) on the roll under one branch; its
 * secretary publishes a notice requiring acknowledgement to the whole subtree (POST /api/v1/notices,
 * `--publishes` times, median and max), then — with `--read` (default 30 %) of the members having read —
 * "who has not read it" (GET …/receipts?state=unread, pages of 50 from random keyset positions, counts
 * included) is driven at `--rate` (default 50/s) offered for `--seconds` (default 10) from a separate
 * load-generator process. The bare-insert floor in the same run: one notice row by plain SQL, and what a
 * row per member (100,000 receipt rows) would have cost, in a rolled-back transaction.
 */
/** The bench's branch, kept between runs. */
const BRANCH = '通知基准测试党支部';

const bench: Bench = {
  description: 'notices: publish to 100,000 members and list who has not read it (open loop, 50 req/s offered)',
  async run({ flags, log }) {
    const members = flagNumber(flags, 'members', 100_000);
    const publishes = flagNumber(flags, 'publishes', 5);
    const readShare = flagNumber(flags, 'read', 30) / 100;
    const rate = flagNumber(flags, 'rate', 50);
    const seconds = flagNumber(flags, 'seconds', 10);
    const db = await benchDatabase();
    log(`database: ${db.where}`);
    await migrate(db.url);
    const client = new pg.Client({ connectionString: db.url, application_name: 'dangjian-bench' });
    await client.connect();
    let setup: Setup | undefined;
    let server: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      // The branch of an earlier run is reused (generating 100,000 members and deleting them again is
      // what took the time, not the measurement); only its notices are cleared.
      const [kept] = (
        await client.query(`SELECT o.id, o.parent_id FROM organisation o WHERE o.name = $1 AND o.member_count >= $2 ORDER BY o.created_at LIMIT 1`, [
          BRANCH,
          members,
        ])
      ).rows as Array<{ id: string; parent_id: string }>;
      if (kept) {
        log(`reusing the branch of an earlier run (${members}+ members)`);
        await client.query(`DELETE FROM notice WHERE organisation_id = $1`, [kept.id]);
        const ids = (await client.query(`SELECT id FROM member WHERE organisation_id = $1 ORDER BY id`, [kept.id])).rows.map((r) => (r as { id: string }).id);
        setup = {
          committeeId: kept.parent_id,
          branchId: kept.id,
          adminToken: await adminToken(db.url, kept.id, 'secretary'),
          memberTokens: [],
          memberIds: ids,
          userIds: [],
        };
      } else {
        log(`creating ${members} members…`);
        setup = await createPeople(client, members, 0);
        await client.query(`UPDATE organisation SET name = $2 WHERE id = $1`, [setup.branchId, BRANCH]);
      }
      await client.query('ANALYZE member; ANALYZE organisation');
      server = await startServer(db.url);
      const port = Number(new URL(server.baseUrl).port);
      const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
      const body = {
        organisationId: setup.branchId,
        title: '关于开展主题党日活动的通知',
        bodyHtml: '<p>请各位党员按时参加。</p>',
        requiresAck: true,
        target: { kind: 'subtree', organisationId: setup.branchId },
      };

      const times: number[] = [];
      let noticeId = '';
      for (let i = 0; i < publishes; i++) {
        const t0 = performance.now();
        const res = await request(agent, port, 'POST', '/api/v1/notices', setup.adminToken, body);
        times.push(performance.now() - t0);
        if (res.status !== 201) throw new Error(`publish answered ${res.status}: ${res.text}`);
        noticeId = (JSON.parse(res.text) as { id: string }).id;
      }
      times.sort((a, b) => a - b);
      const publishMs = Math.round(times[Math.floor(times.length / 2)]! * 10) / 10;
      log(`publish: median ${publishMs} ms over ${publishes}`);

      // Bare-insert floor: the one notice row by plain SQL; and what writing a row per member would cost.
      const f0 = performance.now();
      await client.query(
        `INSERT INTO notice (organisation_id, title, target_kind, target_org_id, published_at, publisher_name) VALUES ($1, 'floor', 'subtree', $1, now(), 'bench')`,
        [setup.branchId],
      );
      const bareInsertMs = Math.round((performance.now() - f0) * 10) / 10;
      // A row per member into a table of the receipts' shape (primary key, no trigger), rolled back.
      await client.query('BEGIN');
      await client.query(`CREATE TEMP TABLE fanout (notice_id uuid, member_id uuid, read_at timestamptz, PRIMARY KEY (notice_id, member_id)) ON COMMIT DROP`);
      const r0 = performance.now();
      await client.query(`INSERT INTO fanout (notice_id, member_id) SELECT $1, id FROM member WHERE organisation_id = $2`, [noticeId, setup.branchId]);
      const fanoutMs = Math.round(performance.now() - r0);
      await client.query('ROLLBACK');
      log(`floor: one notice row ${bareInsertMs} ms; a row per member would take ${fanoutMs} ms`);

      // Some have read (and half of those acknowledged), spread over the id range: seeded in one statement
      // with the counter trigger off (one reader at a time keeps it in production), then the counters set once.
      await client.query('ALTER TABLE notice_receipt DISABLE TRIGGER notice_receipt_count');
      await client.query(
        `INSERT INTO notice_receipt (notice_id, member_id, read_at, acked_at)
         SELECT $1, id, now(), CASE WHEN random() < 0.5 THEN now() END FROM member WHERE organisation_id = $2 AND random() < $3`,
        [noticeId, setup.branchId, readShare],
      );
      await client.query('ALTER TABLE notice_receipt ENABLE TRIGGER notice_receipt_count');
      await client.query(
        `UPDATE notice SET read_count = (SELECT count(*) FROM notice_receipt WHERE notice_id = $1), acked_count = (SELECT count(acked_at) FROM notice_receipt WHERE notice_id = $1) WHERE id = $1`,
        [noticeId],
      );
      await client.query('ANALYZE notice_receipt');
      const ids = setup.memberIds;
      const paths = Array.from({ length: 500 }, (_, i) => {
        const after = i % 5 === 0 ? '' : `&after=${ids[Math.floor((((i * 7919) % 1000) / 1000) * ids.length)]!}`;
        return `/api/v1/notices/${noticeId}/receipts?state=unread&limit=50${after}`;
      });
      // Warm-up (not measured), then one request at a time (the cost of a page without queueing) and the
      // repository's query alone (database time).
      for (const p of paths.slice(0, 20)) await request(agent, port, 'GET', p, setup.adminToken);
      const single: number[] = [];
      for (const p of paths.slice(20, 60)) {
        const t0 = performance.now();
        await request(agent, port, 'GET', p, setup.adminToken);
        single.push(performance.now() - t0);
      }
      agent.destroy();
      const repo = server.app.get(NoticesRepository);
      const row = (await repo.find(noticeId, null))!;
      const dbTimes: number[] = [];
      for (let i = 0; i < 40; i++) {
        const after = i % 5 === 0 ? null : ids[(i * 2477) % ids.length]!;
        const t0 = performance.now();
        await Promise.all([repo.receipts(row, 'unread', after, 51), repo.counts(row)]);
        dbTimes.push(performance.now() - t0);
      }
      // The plan of one unread page from the middle of the id range, for the report.
      const mid = ids[Math.floor(ids.length / 2)]!;
      const plan = (
        await client.query(
          `EXPLAIN (ANALYZE, COSTS OFF) SELECT m.id, m.name, o.name FROM member m JOIN organisation o ON o.id = m.organisation_id
             LEFT JOIN notice_receipt r ON r.notice_id = $1 AND r.member_id = m.id AND r.member_id > $2
            WHERE m.left_at IS NULL AND m.org_path <@ (SELECT path FROM organisation WHERE id = $3) AND m.id > $2 AND r.member_id IS NULL ORDER BY m.id LIMIT 51`,
          [noticeId, mid, setup.branchId],
        )
      ).rows.map((r) => String((r as Record<string, unknown>)['QUERY PLAN']));
      const one = quantiles(single);
      const dbq = quantiles(dbTimes);
      log(`one at a time: p50 ${one.p50} ms, p99 ${one.p99} ms; database only: p50 ${dbq.p50} ms, p99 ${dbq.p99} ms`);
      log(`unread list: ${rate}/s offered for ${seconds} s from a separate process…`);
      const r = await driveInChild({ port, token: setup.adminToken, paths, rate, seconds });
      log(`unread list: p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.achieved}/s done, ${r.errors} errors`);
      const pub = quantiles(times);
      const cases: CaseResult[] = [
        {
          name: `publish to ${members} members`,
          via: 'http',
          p50: pub.p50,
          p99: Math.round(times[times.length - 1]! * 10) / 10,
          rps: 0,
          requests: publishes,
          errors: 0,
        },
        { name: 'bare insert: one notice row', via: 'sql', p50: bareInsertMs, p99: bareInsertMs, rps: 0, requests: 1, errors: 0 },
        { name: `a row per member (${members}), rolled back`, via: 'sql', p50: fanoutMs, p99: fanoutMs, rps: 0, requests: 1, errors: 0 },
        { name: 'who has not read, one request at a time', via: 'http', p50: one.p50, p99: one.p99, rps: 0, requests: single.length, errors: 0 },
        { name: 'who has not read, database only', via: 'sql', p50: dbq.p50, p99: dbq.p99, rps: 0, requests: dbTimes.length, errors: 0 },
        { name: `who has not read (${rate}/s offered)`, via: 'http', p50: r.p50, p99: r.p99, rps: r.achieved, requests: r.requests, errors: r.errors },
      ];
      return {
        cases,
        details: [
          ...plan,
          `${members} members, ${Math.round(readShare * 100)} % read; unread pages of 50 from random keyset positions with the counts; open loop, latency from each call's due time`,
        ],
        summary: {
          unread_list_single_p50_ms: one.p50,
          unread_list_db_p50_ms: dbq.p50,
          publish_ms: publishMs,
          bare_insert_ms: bareInsertMs,
          fanout_insert_ms: fanoutMs,
          unread_list_p50_ms: r.p50,
          unread_list_p99_ms: r.p99,
          offered_rps: rate,
          achieved_rps: r.achieved,
          errors: r.errors,
          members,
        },
      };
    } finally {
      await server?.close();
      // The members stay for the next run; the notices go.
      if (setup) await client.query(`DELETE FROM notice WHERE organisation_id = $1`, [setup.branchId]).catch(() => undefined);
      await client.end();
      await db.stop();
    }
  },
};
export default bench;

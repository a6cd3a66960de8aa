import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { drive, request } from './lib/drive.js';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap.js';
import { createRootLogger } from '../src/common/logger.js';
import { loadConfig } from '../src/config/config.js';
import { migrate } from '../src/db/data-source.js';
import { newToken } from '../src/auth/tokens.js';
import { createPeople, removePeople, type Setup } from './lib/people.js';
import { benchDatabase } from './lib/db.js';
import type { CaseResult } from './lib/load.js';
import { flagNumber, type Bench } from './lib/types.js';

/**
 * The hall moment: `--members` (default 2,000) members check in to one meeting as fast as the server
 * takes them, through the real endpoint (POST /api/v1/meetings/checkin) with real QR tokens (fetched
 * from GET /meetings/{id}/checkin-code and refreshed as they rotate) and real member sessions, from
 * `--connections` (default 64) keep-alive connections. Then the same number of requests to a minimal
 * insert endpoint registered here only (one INSERT through the same pool on the same database): the
 * floor. Prints throughput, p50/p99 and the number of check-in rows (must equal the members).
 */
const bench: Bench = {
  description: 'check-in: N members scanning into one meeting through the real endpoint, against a minimal-insert floor',
  async run({ flags, log }) {
    const members = flagNumber(flags, 'members', 2000);
    const connections = flagNumber(flags, 'connections', 64);
    const db = await benchDatabase();
    log(`database: ${db.where}`);
    await migrate(db.url);
    const client = new pg.Client({ connectionString: db.url, application_name: 'dangjian-bench' });
    await client.connect();
    let app: Awaited<ReturnType<typeof createApp>> | undefined;
    let setup: Setup | undefined;
    try {
      const t0 = performance.now();
      const warm = Math.min(200, members);
      setup = await createPeople(client, members + warm);
      log(`created a branch with ${members + warm} members, their accounts and sessions (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

      const config = loadConfig({
        NODE_ENV: 'development',
        LOG_LEVEL: 'silent',
        H5_DIR: '/nonexistent',
        DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '20',
        REVIEW_SCAN_INTERVAL_S: '0',
        ...(process.env.DATA_KEY ? { DATA_KEY: process.env.DATA_KEY } : {}),
      });
      app = await createApp(config, db.url, createRootLogger('silent'));
      // The floor: bench-only, registered here and never in the product.
      await client.query(
        `CREATE TABLE IF NOT EXISTS bench_floor (id bigserial PRIMARY KEY, run text NOT NULL, k text NOT NULL, at timestamptz NOT NULL DEFAULT now())`,
      );
      const ds = app.get(DataSource);
      const run = newToken('run');
      app
        .getHttpAdapter()
        .getInstance()
        .post('/bench/floor', async (req) => {
          const body = req.body as { k: string };
          const rows = await ds.query(`INSERT INTO bench_floor (run, k) VALUES ($1, $2) RETURNING id`, [run, body.k]);
          return { id: rows[0].id };
        });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.getHttpServer().address() as AddressInfo;
      const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
      const call = (method: string, path: string, token: string | null, body?: unknown) => request(agent, port, method, path, token, body);

      const created = await call('POST', '/api/v1/meetings', setup.adminToken, {
        organisationId: setup.branchId,
        type: 'general_assembly',
        title: '基准测试党员大会',
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
        place: '大礼堂',
      });
      if (created.status !== 201) throw new Error(`creating the meeting failed: ${created.status} ${created.text}`);
      const meeting = JSON.parse(created.text) as { id: string; expectedCount: number };
      log(`meeting with ${meeting.expectedCount} expected members`);

      // The screen: the current token, fetched from the real endpoint and refreshed as it rotates.
      let qr = '';
      const refresh = async () => {
        const c = await call('GET', `/api/v1/meetings/${meeting.id}/checkin-code`, setup!.adminToken);
        const body = JSON.parse(c.text) as { token: string; expiresInMs: number };
        qr = body.token;
        return body.expiresInMs;
      };
      await refresh();
      let stopRefresh = false;
      const refresher = (async () => {
        while (!stopRefresh) {
          await new Promise((r) => setTimeout(r, 2000));
          if (!stopRefresh) await refresh().catch(() => undefined);
        }
      })();

      // The projector: the live view over SSE, as in the hall (every check-in also sends its NOTIFY).
      const link = JSON.parse((await call('POST', `/api/v1/meetings/${meeting.id}/screen-link`, setup.adminToken)).text) as { token: string };
      const screen = await openScreen(port, `/api/v1/meetings/${meeting.id}/live?s=${link.token}`);

      // Warm-up (not measured): the last `warm` members check in to another meeting, so connections,
      // caches and the JIT are as warm for the measured run as for the floor after it.
      const warmMeeting = JSON.parse(
        (
          await call('POST', '/api/v1/meetings', setup.adminToken, {
            organisationId: setup.branchId,
            type: 'theme_day',
            title: '预热',
            startsAt: new Date(Date.now() - 60_000).toISOString(),
            endsAt: new Date(Date.now() + 3600_000).toISOString(),
            place: '大礼堂',
          })
        ).text,
      ) as { id: string };
      const warmCode = JSON.parse((await call('GET', `/api/v1/meetings/${warmMeeting.id}/checkin-code`, setup.adminToken)).text) as { token: string };
      await drive(
        warm,
        connections,
        async (i) => (await call('POST', '/api/v1/meetings/checkin', setup!.memberTokens[members + i]!, { token: warmCode.token })).status === 200,
      );

      log(`checking in ${members} members from ${connections} connections…`);
      const checkin = await drive(members, connections, async (i) => {
        const res = await call('POST', '/api/v1/meetings/checkin', setup!.memberTokens[i]!, { token: qr });
        return res.status === 200 && res.text.includes('"status":"checked_in"');
      });
      stopRefresh = true;
      await refresher;
      const [{ n: records }] = (await client.query(`SELECT count(*)::int AS n FROM meeting_checkin WHERE meeting_id = $1`, [meeting.id])).rows as [
        { n: number },
      ];
      const lastResponse = performance.now();
      const shown = await screen.waitFor(members, 5000);
      const screenLagMs = shown ? Math.round(performance.now() - lastResponse) : null;
      screen.close();
      log(
        `screen: ${screen.updates()} updates, shows ${screen.present()} present${screenLagMs === null ? ' (not all within 5 s)' : `, ${screenLagMs} ms after the last check-in`}`,
      );
      log(`check-in: ${checkin.rps}/s, p50 ${checkin.p50} ms, p99 ${checkin.p99} ms, ${records} records, ${checkin.errors} errors`);

      await drive(warm, connections, async (i) => (await call('POST', '/bench/floor', null, { k: `warm${i}` })).status === 200);
      log(`floor: ${members} minimal inserts from ${connections} connections…`);
      const floor = await drive(members, connections, async (i) => {
        const res = await call('POST', '/bench/floor', null, { k: `m${i}` });
        return res.status === 200;
      });
      const [{ n: floorRows }] = (await client.query(`SELECT count(*)::int AS n FROM bench_floor WHERE run = $1 AND k NOT LIKE 'warm%'`, [run])).rows as [
        { n: number },
      ];
      log(`floor: ${floor.rps}/s, p50 ${floor.p50} ms, p99 ${floor.p99} ms, ${floorRows} rows`);
      agent.destroy();

      const cases: CaseResult[] = [
        { name: `check-in · ${members} members`, via: 'http', p50: checkin.p50, p99: checkin.p99, rps: checkin.rps, requests: members, errors: checkin.errors },
        { name: 'floor · minimal insert', via: 'http', p50: floor.p50, p99: floor.p99, rps: floor.rps, requests: members, errors: floor.errors },
      ];
      if (records !== members) throw new Error(`expected ${members} check-in records, found ${records}`);
      return {
        cases,
        details: [
          `check-in records in the database: ${records} of ${members} (nothing lost, nothing doubled)`,
          `check-in throughput is ${Math.round((checkin.rps / floor.rps) * 100)}% of the minimal-insert floor`,
        ],
        summary: {
          checkins_per_s: checkin.rps,
          p50_ms: checkin.p50,
          p99_ms: checkin.p99,
          records,
          floor_per_s: floor.rps,
          floor_p50_ms: floor.p50,
          floor_p99_ms: floor.p99,
          floor_records: floorRows,
          screen_present: screen.present(),
          screen_updates: screen.updates(),
          screen_lag_ms: screenLagMs,
          members,
          connections,
          errors: checkin.errors + floor.errors,
        },
      };
    } finally {
      await app?.close();
      if (setup) await removePeople(client, setup).catch((err) => log(`cleanup failed: ${String(err)}`));
      await client.end();
      await db.stop();
    }
  },
};
export default bench;

/** An SSE client counting `snapshot` events; `waitFor(n)` resolves when the screen shows n present. */
async function openScreen(port: number, path: string) {
  const req = http.get({ host: '127.0.0.1', port, path });
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    req.on('response', resolve);
    req.on('error', reject);
  });
  if (res.statusCode !== 200) throw new Error(`live view: HTTP ${res.statusCode}`);
  let present = 0;
  let updates = 0;
  let buf = '';
  const waiters: Array<() => void> = [];
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    buf += chunk;
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const data = block.split('\n').find((l) => l.startsWith('data: '));
      if (!block.includes('event: snapshot') || !data) continue;
      present = (JSON.parse(data.slice(6)) as { present: number }).present;
      updates++;
      waiters.splice(0).forEach((f) => f());
    }
  });
  res.on('error', () => undefined);
  return {
    present: () => present,
    updates: () => updates,
    waitFor: (n: number, ms: number) =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), ms);
        const check = () => (present >= n ? (clearTimeout(timer), resolve(true)) : waiters.push(check));
        check();
      }),
    close: () => req.destroy(),
  };
}

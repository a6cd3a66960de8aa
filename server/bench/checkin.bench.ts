import http from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { migrate } from '../src/db/data-source.js';
import { benchDatabase, vacuumAnalyze } from './lib/db.js';
import { drive, driveAtRate } from './lib/drive.js';
import { openHall } from './lib/hall.js';
import { createPeople, removePeople, type Setup } from './lib/people.js';
import { cpuPerCall, floorProcess, loopCases, measureFloor, ratio, serverProcess, type BenchProcess } from './lib/processes.js';
import { flagNumber, type Bench } from './lib/types.js';

/**
 * The hall moment (issue 12): `--members` (default 2,000) members check in through the real endpoint
 * (POST /api/v1/meetings/checkin) with real rotating QR tokens (fetched from GET
 * /meetings/{id}/checkin-code and refreshed as they rotate) and real member sessions, with a
 * projector's SSE stream open. The server runs in its own process; the load comes from this one.
 * Closed loop: every member into one meeting from `--connections` (default 64) keep-alive
 * connections (throughput). Open loop: the same members into a second meeting at `--rate` (default
 * 500) per second offered (p99 from each call's due time). The floor — a bare Fastify + pg insert in a
 * third process — is measured the same two ways in the same run; `ratio` is check-ins/s ÷ floor/s.
 */
const bench: Bench = {
  description: 'check-in: N members scanning into a meeting through the real endpoint (server in its own process), against a bare-insert floor',
  async run({ flags, log }) {
    const members = flagNumber(flags, 'members', 2000);
    const connections = flagNumber(flags, 'connections', 64);
    const rate = flagNumber(flags, 'rate', 500);
    const db = await benchDatabase();
    log(`database: ${db.where}`);
    await migrate(db.url);
    const client = new pg.Client({ connectionString: db.url, application_name: 'dangjian-bench' });
    await client.connect();
    let server: BenchProcess | undefined;
    let floor: BenchProcess | undefined;
    let setup: Setup | undefined;
    try {
      const t0 = performance.now();
      const warm = Math.min(200, members);
      setup = await createPeople(client, members + warm);
      log(`created a branch with ${members + warm} members, their accounts and sessions (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      [server, floor] = await Promise.all([serverProcess(db.url), floorProcess(db.url)]);
      const port = server.port;
      const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
      const hall = await openHall(agent, port, setup, ['基准测试党员大会', '基准测试党员大会（二）', '预热']);
      const [closedMeeting, openMeeting, warmMeeting] = hall.meetings as [{ id: string; expectedCount: number }, { id: string }, { id: string }];
      log(`meetings with ${closedMeeting.expectedCount} expected members`);
      const checkin = hall.checkin;

      // The projector: the live view over SSE, as in the hall (check-ins send their NOTIFY).
      const link = (await hall.json('POST', `/api/v1/meetings/${closedMeeting.id}/screen-link`)) as { token: string };
      const screen = await openScreen(port, `/api/v1/meetings/${closedMeeting.id}/live?s=${link.token}`);

      // Warm-up (not measured): every member checks in to a third meeting — as in the hall, each has
      // opened the app before scanning, so their session is in the server's cache — and connections,
      // caches and the JIT are as warm as the floor's after its own warm-up.
      await drive(members + warm, connections, (i) => checkin(warmMeeting.id, i));
      await vacuumAnalyze(client, ['meeting_attendee', 'meeting_checkin', 'points_entry', 'points_checkin_queue']);

      log(`closed loop: ${members} check-ins from ${connections} connections…`);
      const closed = await drive(members, connections, (i) => checkin(closedMeeting.id, i), server.pid);
      const lastResponse = performance.now();
      const shown = await screen.waitFor(members, 5000);
      const screenLagMs = shown ? Math.round(performance.now() - lastResponse) : null;
      screen.close();
      log(`closed loop: ${closed.rps}/s, p50 ${closed.p50} ms, p99 ${closed.p99} ms, ${closed.errors} errors`);
      log(`open loop: ${members} check-ins at ${rate}/s offered…`);
      const open = await driveAtRate(rate, members / rate, (i) => checkin(openMeeting.id, i));
      log(`open loop: ${open.achieved}/s done, p50 ${open.p50} ms, p99 ${open.p99} ms, ${open.errors} errors`);
      await hall.close();
      agent.destroy();
      const count = async (id: string) =>
        ((await client.query(`SELECT count(*)::int AS n FROM meeting_checkin WHERE meeting_id = $1`, [id])).rows[0] as { n: number }).n;
      const records = await count(closedMeeting.id);
      const openRecords = await count(openMeeting.id);
      log(
        `screen: ${screen.updates()} updates, shows ${screen.present()} present${screenLagMs === null ? ' (not all within 5 s)' : `, ${screenLagMs} ms after the last check-in`}`,
      );

      log(`floor: ${members} bare inserts closed-loop from ${connections} connections, then ${rate}/s open-loop…`);
      const f = await measureFloor(floor, { count: members, connections, rate, seconds: members / rate });
      log(`floor: ${f.closed.rps}/s, p50 ${f.closed.p50} ms, p99 ${f.closed.p99} ms; at ${rate}/s p99 ${f.open.p99} ms`);

      const cases = loopCases('check-in', { closed, open }, f, { count: members, connections, rate });
      const lost = 2 * members - records - openRecords;
      if (lost !== 0) throw new Error(`expected ${members} check-in records per meeting, found ${records} and ${openRecords}`);
      // Points are awarded off the check-in's statement (a queue drained every POINTS_CHECKIN_INTERVAL_S):
      // each check-in of the measured meeting must have its points once the queue is empty.
      const queued = async () => ((await client.query(`SELECT count(*)::int AS n FROM points_checkin_queue`)).rows[0] as { n: number }).n;
      for (let i = 0; i < 300 && (await queued()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
      const [{ n: awarded }] = (
        await client.query(
          `SELECT count(*)::int AS n FROM points_entry p JOIN meeting_checkin c ON p.source_key = 'checkin:' || c.id::text WHERE c.meeting_id = $1`,
          [closedMeeting.id],
        )
      ).rows as [{ n: number }];
      if (awarded !== members) throw new Error(`expected points for ${members} check-ins, found ${awarded}`);
      return {
        cases,
        details: [
          `check-in records in the database: ${records} and ${openRecords} of ${members} (nothing lost, nothing doubled); points for all ${awarded} of the first meeting`,
          `check-in throughput is ${Math.round((closed.rps / f.closed.rps) * 100)}% of the bare-insert floor`,
        ],
        summary: {
          checkins_per_s: closed.rps,
          floor_per_s: f.closed.rps,
          ratio: ratio(closed.rps, f.closed.rps),
          ...cpuPerCall(closed, f.closed),
          [`p99_ms_at_${rate}`]: open.p99,
          [`floor_p99_ms_at_${rate}`]: f.open.p99,
          p50_ms: closed.p50,
          p99_ms: closed.p99,
          records,
          lost,
          points_awarded: awarded,
          screen_present: screen.present(),
          screen_lag_ms: screenLagMs,
          members,
          connections,
          errors: closed.errors + open.errors + f.closed.errors + f.open.errors,
        },
      };
    } finally {
      await server?.stop();
      await floor?.stop();
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

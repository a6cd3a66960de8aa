import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chinaMonth } from '@dangjian/shared';
import { createApp } from '../src/bootstrap.js';
import { createRootLogger } from '../src/common/logger.js';
import { FEE_BILLING_JOB } from '../src/fees/fee-billing.job.js';
import { createTestApp, type TestApp, type Untyped } from './utils/app.js';
import { createMeeting, MIN, meetingWorld, type World } from './utils/meeting-fixtures.js';

const main = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bundle', 'server.mjs');

type Instance = { child: ChildProcess; base: string; logs: () => Untyped[]; exited: Promise<number | null> };

/** The built server as its own process on `url`; resolves when it listens. */
function start(url: string, env: Record<string, string> = {}): Promise<Instance> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/root',
        DATABASE_URL: url,
        PORT: '0',
        HOST: '127.0.0.1',
        H5_DIR: '/nonexistent',
        // Job runs are logged at info: the test counts them.
        LOG_LEVEL: 'info',
        FEE_BILLING_INTERVAL_S: '1',
        MEETING_REMIND_INTERVAL_S: '1',
        AUTH_RATE_LIMIT_PER_MIN: '4',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const logs = () =>
      out
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l));
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve({ child, base: `http://127.0.0.1:${m[1]}/api/v1`, logs, exited });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}

async function call(base: string, method: string, p: string, opts: { token?: string; body?: unknown } = {}) {
  const res = await fetch(`${base}${p}`, {
    method,
    headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(opts.body ? { 'content-type': 'application/json' } : {}) },
    body: opts.body ? JSON.stringify(opts.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (a few seconds at most) until `check` holds: jobs tick every second on both instances. */
async function eventually(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 150; i++) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`never happened: ${what}`);
}

/**
 * Two server instances — two processes — on one database (issue 12): what one instance does is seen
 * on the other at once, the interval jobs run once between them, the sign-in rate limit adds up.
 */
describe('two instances on one database', () => {
  let t: TestApp;
  let w: World;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    // The fixtures' own application runs no jobs, so the runs counted are the two instances'.
    t = await createTestApp({ FEE_BILLING_INTERVAL_S: '0', MEETING_REMIND_INTERVAL_S: '0', REVIEW_SCAN_INTERVAL_S: '0', TRANSFER_SCAN_INTERVAL_S: '0' });
    w = await meetingWorld(t);
    // The instances run on the real clock.
    w.clock.set(new Date());
    [a, b] = await Promise.all([start(t.url), start(t.url)]);
  }, 180_000);
  afterAll(async () => {
    for (const i of [a, b]) i?.child.kill('SIGTERM');
    const codes = await Promise.all([a?.exited, b?.exited]);
    await t.close();
    expect(codes).toEqual([0, 0]);
  }, 60_000);

  it('a check-in on instance A reaches the live screen open on instance B', async () => {
    const m = await createMeeting(t, w, { startsAt: new Date(Date.now() - MIN).toISOString() });
    const link = await call(b.base, 'POST', `/meetings/${m.id}/screen-link`, { token: w.secA.token });
    expect(link.status).toBe(200);
    const req = http.get(`${b.base}/meetings/${m.id}/live?s=${link.body.token}`);
    try {
      const res = await new Promise<http.IncomingMessage>((resolve) => req.on('response', resolve));
      const snapshots: Untyped[] = [];
      let buf = '';
      res.on('data', (d: Buffer) => {
        buf += d.toString();
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          const data = /^data: (.*)$/m.exec(buf.slice(0, i));
          if (data) snapshots.push(JSON.parse(data[1]!));
          buf = buf.slice(i + 2);
        }
      });
      await eventually(async () => snapshots.length > 0, 'the first snapshot');
      expect(snapshots[0].present).toBe(0);
      const code = await call(a.base, 'GET', `/meetings/${m.id}/checkin-code`, { token: w.secA.token });
      const scan = await call(a.base, 'POST', '/meetings/checkin', { token: w.members[0]!.token, body: { token: code.body.token } });
      expect(scan.status).toBe(200);
      await eventually(async () => snapshots.at(-1)?.present === 1, 'the check-in on the screen of B');
    } finally {
      req.destroy();
    }
  });

  it('a sign-out on instance A is refused on instance B within one second', async () => {
    const token = w.members[1]!.token;
    // B has resolved (and cached) the caller.
    expect((await call(b.base, 'GET', '/auth/me', { token })).status).toBe(200);
    expect((await call(b.base, 'GET', '/auth/me', { token })).status).toBe(200);
    expect((await call(a.base, 'POST', '/auth/sign-out', { token, body: {} })).status).toBe(204);
    let status = 0;
    for (let i = 0; i < 10 && status !== 401; i++) {
      status = (await call(b.base, 'GET', '/auth/me', { token })).status;
      if (status !== 401) await sleep(100);
    }
    expect(status).toBe(401);
  });

  it('adds up sign-in attempts on both instances against one limit', async () => {
    const attempt = (i: Instance) => call(i.base, 'POST', '/auth/password', { body: { username: 'nobody', password: 'wrong-password' } });
    // A limit of 4 a minute per client and route: two on each instance use it up.
    for (const i of [a, b, a, b]) expect((await attempt(i)).status).toBe(401);
    for (const i of [a, b]) {
      const res = await attempt(i);
      expect(res.status).toBe(429);
      expect(res.body.code).toBe('RATE_LIMITED');
    }
  });

  it('runs each interval job once between the instances: the month is billed once, a meeting reminded once', async () => {
    const soon = await createMeeting(t, w, { startsAt: new Date(Date.now() + 30 * MIN).toISOString() });
    const month = chinaMonth();
    await eventually(
      async () => (await t.ds.query(`SELECT 1 FROM job_run WHERE job = $1 AND period = $2`, [FEE_BILLING_JOB, month])).length === 1,
      'the billing',
    );
    await eventually(async () => (await t.ds.query(`SELECT 1 FROM meeting WHERE id = $1 AND reminded_at IS NOT NULL`, [soon.id])).length === 1, 'the reminder');
    // A few more ticks on both instances change nothing.
    await sleep(3000);
    const runs = (job: string) => [...a.logs(), ...b.logs()].filter((l) => l.context === job);
    expect(runs('FeeBilling').map((l) => l.month)).toEqual([month]);
    expect(runs('MeetingReminders').reduce((n, l) => n + l.meetings, 0)).toBe(1);
    const reminders = await t.ds.query(
      `SELECT recipient_user_id, count(*)::int AS n FROM notification WHERE kind = 'meeting.reminder' AND link LIKE '%' || $1 GROUP BY recipient_user_id`,
      [soon.id],
    );
    expect(reminders.length).toBe(soon.expectedCount);
    expect(reminders.every((r: Untyped) => r.n === 1)).toBe(true);
  }, 60_000);
});

describe('WORKERS=2: one server, two processes', () => {
  it('starts two workers on one database, serves, and stops them all on SIGTERM', async () => {
    const t = await createTestApp();
    try {
      const s = await start(t.url, { WORKERS: '2', LOG_LEVEL: 'warn', FEE_BILLING_INTERVAL_S: '0', MEETING_REMIND_INTERVAL_S: '0' });
      const listeners = async () =>
        (
          await t.ds.query(
            `SELECT count(DISTINCT pid)::int AS n FROM pg_stat_activity WHERE application_name = 'dangjian-listen' AND datname = current_database()`,
          )
        )[0].n;
      // Each worker holds its LISTEN connection (the fixtures' own application holds a third).
      await eventually(async () => (await listeners()) === 3, 'two workers listening');
      for (let i = 0; i < 4; i++) expect((await call(s.base, 'GET', '/health/ready')).status).toBe(200);
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(0);
      await eventually(async () => (await listeners()) === 1, 'both workers gone');
    } finally {
      await t.close();
    }
  }, 180_000);
});

/** Redis is optional (REDIS_URL): tested where the machine has a redis-server. */
const redisServer = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));

(redisServer ? describe : describe.skip)('REDIS_URL: sign-in rate limits in Redis', () => {
  it('adds up attempts on two instances against one limit', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const redis = spawn(redisServer!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const accepts = () =>
      new Promise<boolean>((r) => {
        const c = net.connect(port, '127.0.0.1', () => (c.end(), r(true))).on('error', () => r(false));
      });
    await eventually(accepts, 'redis-server listening');
    const t = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${port}`, AUTH_RATE_LIMIT_PER_MIN: '3' });
    const other = await createApp(t.config, t.url, createRootLogger('silent'));
    try {
      const attempt = (app: typeof other) =>
        app
          .getHttpAdapter()
          .getInstance()
          .inject({ method: 'POST', url: '/api/v1/auth/password', payload: { username: 'nobody', password: 'wrong-password' } });
      for (const app of [t.app, other, t.app]) expect((await attempt(app)).statusCode).toBe(401);
      const limited = await attempt(other);
      expect(limited.statusCode).toBe(429);
      expect(JSON.parse(limited.body).code).toBe('RATE_LIMITED');
      // Counted in Redis, not in the table.
      expect(await t.ds.query(`SELECT 1 FROM rate_limit_hit`)).toEqual([]);
    } finally {
      await other.close();
      await t.close();
      redis.kill();
    }
  }, 120_000);
});

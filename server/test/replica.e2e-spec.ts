import pg from 'pg';
import { ConfigError, loadConfig } from '../src/config/config.js';
import { migrate } from '../src/db/data-source.js';
import { createTestApp, type TestApp, type Untyped } from './utils/app.js';
import { meetingWorld, type World } from './utils/meeting-fixtures.js';
import { postgresBinDir, startStreamingReplica, type StreamingReplica } from './utils/streaming-replica.js';

/**
 * Read replicas (issue 12, DATABASE_REPLICA_URLS): committee reports read on a real PostgreSQL
 * streaming replica of the primary, built with the machine's pg_basebackup; what the primary commits
 * reaches them when the replica has replayed it; a replica left behind longer than REPLICA_MAX_LAG_S,
 * or down, hands its reads back to the primary. Needs PostgreSQL's server binaries (Debian's /usr/lib/postgresql/<major>/bin): without them
 * only the configuration checks run.
 */
describe('read replicas: configuration', () => {
  const primary = 'postgres://postgres@127.0.0.1:5432/dangjian';
  it('takes a comma-separated list of postgres URLs', () => {
    const c = loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: ' postgres://r1:5432/d , postgresql://r2/d ' });
    expect(c.DATABASE_REPLICA_URLS).toEqual(['postgres://r1:5432/d', 'postgresql://r2/d']);
    expect(loadConfig({ DATABASE_URL: primary }).DATABASE_REPLICA_URLS).toEqual([]);
  });

  it('refuses a URL that is not PostgreSQL, and replicas without DATABASE_URL (the embedded database has none)', () => {
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'mysql://r1/d' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://r1/d' })).toThrow(/DATABASE_REPLICA_URLS/);
  });
});

const onReplica = postgresBinDir() ? describe : describe.skip;
/** The replica may lag this much before its reports go to the primary (the tests' pauses last well under it). */
const MAX_LAG_S = 2;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

onReplica('read replicas: reports on a streaming replica', () => {
  let pair: StreamingReplica;
  let t: TestApp;
  let w: World;
  let worker: string;

  const junePaid = async () => {
    const res = await t.call<Untyped>('GET', `/console/charts?orgId=${w.committee.id}&months=1`, { token: worker });
    expect(res.status).toBe(200);
    return res.body.fees[0].paidFen as number;
  };
  const setJunePaid = (paidFen: number) => t.ds.query(`UPDATE fee_org_month SET paid_fen = $1 WHERE organisation_id = $2`, [paidFen, w.branchA.id]);

  beforeAll(async () => {
    pair = await startStreamingReplica();
    await migrate(pair.primaryUrl);
    t = await createTestApp(
      { DATABASE_URL: pair.primaryUrl, DATABASE_REPLICA_URLS: pair.replicaUrl, REPLICA_MAX_LAG_S: String(MAX_LAG_S) },
      { url: pair.primaryUrl, drop: async () => undefined },
    );
    w = await meetingWorld(t);
    worker = (await w.fx.user({ roles: [{ role: 'org_worker', orgId: w.committee.id }] })).token;
    // June 2025 (the world's clock): one bill of branch A, half paid.
    await t.ds.query(
      `INSERT INTO fee_org_month (organisation_id, month, org_path, bills, due_fen, paid_fen) SELECT id, '2025-06-01', path, 1, 10000, 5000 FROM organisation WHERE id = $1`,
      [w.branchA.id],
    );
    await pair.catchUp();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await pair?.stop();
  });

  it('a report reads on the replica: what the primary commits shows once the replica has replayed it', async () => {
    expect(await junePaid()).toBe(5000);
    await pair.pauseReplay();
    await setJunePaid(10_000);
    // Still the replica's state: the report did not read the primary.
    expect(await junePaid()).toBe(5000);
    await pair.catchUp();
    expect(await junePaid()).toBe(10_000);
    // The reports' own pool, on the replica.
    const c = new pg.Client({ connectionString: pair.replicaUrl });
    await c.connect();
    const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'dangjian-reports'`);
    await c.end();
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  it('writes and the reads around them stay on the primary while the replica lags', async () => {
    await pair.pauseReplay();
    const res = await t.call<Untyped>('PATCH', `/organisations/${w.branchA.id}`, { token: worker, body: { name: '甲支部（改名）' } });
    expect(res.status).toBe(200);
    expect((await t.call<Untyped>('GET', `/organisations/${w.branchA.id}`, { token: worker })).body.name).toBe('甲支部（改名）');
    await pair.catchUp();
  });

  it('a replica further behind than REPLICA_MAX_LAG_S is left out until it has caught up', async () => {
    await pair.pauseReplay();
    await setJunePaid(6_000);
    expect(await junePaid()).toBe(10_000);
    // Once the replica has not replayed what the primary wrote MAX_LAG_S ago, reports read the primary.
    const deadline = Date.now() + (MAX_LAG_S + 5) * 1000;
    while ((await junePaid()) !== 6_000 && Date.now() < deadline) await sleep(100);
    expect(await junePaid()).toBe(6_000);
    // Caught up, it is used again (once its next check has run): a write it has not replayed yet does not show.
    await pair.catchUp();
    let paid = 6_000;
    let shown = 0;
    const again = Date.now() + 10_000;
    do {
      await sleep(300);
      await pair.pauseReplay();
      await setJunePaid(paid + 100);
      shown = await junePaid();
      await pair.catchUp();
      paid += 100;
    } while (shown !== paid - 100 && Date.now() < again);
    expect(shown).toBe(paid - 100);
  });

  it('a replica that is down costs no report: its reads go to the primary', async () => {
    await pair.stopReplica();
    await setJunePaid(7_500);
    expect(await junePaid()).toBe(7_500);
    // Resting, it is not tried again for a while: the next report answers at once from the primary.
    expect(await junePaid()).toBe(7_500);
  });
});

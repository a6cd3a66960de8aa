import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { drive, request } from './lib/drive.js';
import { tallyElection, type BallotMark, type ElectionBallotContent } from '@dangjian/shared';
import pg from 'pg';
import { migrate } from '../src/db/data-source.js';
import { cpuPerCall, floorProcess, measureFloor, ratio, serverProcess, type BenchProcess } from './lib/processes.js';
import { benchDatabase, vacuumAnalyze } from './lib/db.js';
import type { CaseResult } from './lib/load.js';
import { createPeople, removePeople, type Setup } from './lib/people.js';
import { flagNumber, type Bench } from './lib/types.js';

/**
 * The election moment (issue 12): `--voters` (default 1,000) checked-in members cast their ballots
 * through the real endpoint in one request each — the ballot marked on the phone, then the screen's
 * rotating ballot QR scanned to submit (POST /ballots/cast with the token from GET
 * /elections/{id}/ballot-code, refreshed as it rotates) — with real sessions, closed-loop from
 * `--connections` (default 64) keep-alive connections, the server in its own process. The floor (a
 * bare Fastify + pg insert in a third process) is measured the same way in the same run; `ratio` is
 * ballots/s ÷ floor/s. Ballots in the database must equal the voters. Then the count: a second election's box filled with `--count` (default
 * 10,000) ballots over 9 candidates, timed through POST /elections/{id}/steps/count (load, tally,
 * shuffle, digest, store the record), and the pure tally alone.
 */
const bench: Bench = {
  description: 'vote: N checked-in voters casting secret ballots at once through the real endpoints; counting 10,000 ballots over 9 candidates',
  async run({ flags, log }) {
    const voters = flagNumber(flags, 'voters', 1000);
    const countBallots = flagNumber(flags, 'count', 10_000);
    const connections = flagNumber(flags, 'connections', 64);
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
      // Members for the count's roll too: the second election's box holds `countBallots` voters.
      setup = await createPeople(client, Math.max(voters, countBallots), voters);
      log(
        `created a branch with ${Math.max(voters, countBallots)} members, ${voters} accounts and sessions (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
      );

      [server, floor] = await Promise.all([serverProcess(db.url), floorProcess(db.url)]);
      const port = server.port;
      const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
      const call = async (method: string, path: string, token: string | null, body?: unknown) => {
        const r = await request(agent, port, method, path, token, body);
        return { status: r.status, body: r.text ? JSON.parse(r.text) : null };
      };
      const ok = async (method: string, path: string, body?: unknown) => {
        const r = await call(method, path, setup!.adminToken, method === 'GET' ? undefined : (body ?? {}));
        if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
        return r.body;
      };

      const meeting = await ok('POST', '/api/v1/meetings', {
        organisationId: setup.branchId,
        type: 'general_assembly',
        title: '基准测试党员大会（换届选举）',
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
        place: '大礼堂',
      });
      // Everyone checks in (the check-in bench measures that path; here it is set-up).
      await client.query(
        `INSERT INTO meeting_checkin (meeting_id, member_id, at, method, status) SELECT $1, member_id, now(), 'manual', 'confirmed' FROM meeting_attendee WHERE meeting_id = $1`,
        [meeting.id],
      );
      log(`meeting with ${meeting.expectedCount} expected members, all checked in`);

      const candidates = setup.memberIds.slice(0, 9).map((memberId) => ({ memberId, introduction: '基准测试候选人简介：本科学历，技术骨干。' }));
      const scrutineer = setup.memberIds[setup.memberIds.length - 1]!;
      const present = Math.max(voters, countBallots);
      const openElection = async (title: string) => {
        const e = await ok('POST', '/api/v1/elections', { meetingId: meeting.id, kind: 'committee', title, seats: 7, candidates });
        await ok('POST', `/api/v1/elections/${e.id}/steps/report-attendance`);
        await ok('POST', `/api/v1/elections/${e.id}/steps/adopt-rules`, { vote: { for: present, against: 0, abstain: 0 } });
        await ok('POST', `/api/v1/elections/${e.id}/steps/announce-candidates`);
        await ok('POST', `/api/v1/elections/${e.id}/steps/approve-scrutineers`, {
          scrutineerIds: [scrutineer],
          vote: { for: present, against: 0, abstain: 0 },
        });
        return ok('POST', `/api/v1/elections/${e.id}/steps/open-voting`);
      };
      const election = await openElection('基准测试委员会选举');
      const candidateIds: string[] = election.rounds[0].candidateIds;
      const boxId: string = election.rounds[0].boxId;

      // The screen: the current ballot QR, refreshed as it rotates.
      let qr = '';
      const refresh = async () => {
        qr = (await ok('GET', `/api/v1/elections/${election.id}/ballot-code`)).token;
      };
      await refresh();
      let stopRefresh = false;
      const refresher = (async () => {
        while (!stopRefresh) {
          await new Promise((r) => setTimeout(r, 2000));
          if (!stopRefresh) await refresh().catch(() => undefined);
        }
      })();

      // Not measured: each voter's phone shows the election (its candidates) before they mark and scan,
      // so their session is in the server's cache, as in the hall.
      await drive(voters, connections, async (i) => (await call('GET', `/api/v1/elections/${election.id}`, setup!.memberTokens[i]!)).status === 200);
      // Measured on tables with statistics, as on a running system (lib/db.ts, vacuumAnalyze).
      await vacuumAnalyze(client, ['ballot_box', 'ballot_box_roll', 'ballot_box_voter', 'ballot', 'meeting_checkin']);
      log(`${voters} voters cast (one request each) closed-loop from ${connections} connections…`);
      const flow = await drive(
        voters,
        connections,
        async (i) => {
          const marks = candidateIds.map((candidateId, k) => ({ candidateId, mark: (k + i) % 9 < 5 ? 'for' : (k + i) % 3 === 0 ? 'abstain' : 'against' }));
          const cast = await call('POST', '/api/v1/ballots/cast', setup!.memberTokens[i]!, { token: qr, marks });
          return cast.status === 200 && typeof cast.body.receipt === 'string';
        },
        server.pid,
      );
      stopRefresh = true;
      await refresher;
      const [{ n: ballots }] = (await client.query(`SELECT count(*)::int AS n FROM ballot WHERE box_id = $1`, [boxId])).rows as [{ n: number }];
      const [{ n: marked }] = (await client.query(`SELECT count(*)::int AS n FROM ballot_box_voter WHERE box_id = $1`, [boxId])).rows as [{ n: number }];
      log(`vote: ${flow.rps} ballots/s, p50 ${flow.p50} ms, p99 ${flow.p99} ms; ${ballots} ballots, ${marked} has-voted marks, ${flow.errors} errors`);
      const c1 = performance.now();
      await ok('POST', `/api/v1/elections/${election.id}/steps/close-voting`);
      const closeMs = Math.round(performance.now() - c1);

      // The count: a second election whose box holds `countBallots` ballots (written straight to the
      // database: the roll, the has-voted marks and the ballots), closed, verified and counted through the API.
      const second = await openElection('基准测试计票');
      const box2: string = second.rounds[0].boxId;
      const ids2: string[] = second.rounds[0].candidateIds;
      const synthetic = makeBallots(countBallots, ids2);
      await client.query('BEGIN');
      await client.query(`INSERT INTO ballot_box_voter (box_id, member_id) SELECT $1, member_id FROM ballot_box_roll WHERE box_id = $1 LIMIT $2`, [
        box2,
        countBallots,
      ]);
      await client.query(
        `INSERT INTO ballot (box_id, receipt, content) SELECT $1, 'B' || lpad(g::text, 9, '0'), c FROM unnest($2::jsonb[]) WITH ORDINALITY AS u(c, g)`,
        [box2, synthetic.map((b) => JSON.stringify(b))],
      );
      await client.query('COMMIT');
      await ok('POST', `/api/v1/elections/${second.id}/steps/close-voting`);
      await ok('POST', `/api/v1/elections/${second.id}/steps/verify-ballots`);
      const k0 = performance.now();
      const counted = await ok('POST', `/api/v1/elections/${second.id}/steps/count`);
      const countMs = Math.round(performance.now() - k0);
      const tally = counted.rounds[0].tally as { valid: number; invalid: number; collected: number };
      const p0 = performance.now();
      tallyElection({
        candidates: ids2.map((id) => ({ id, name: id })),
        seats: 7,
        ballots: synthetic,
        issued: countBallots,
        majorityBase: 'required',
        base: present,
      });
      const pureMs = Math.round((performance.now() - p0) * 10) / 10;
      log(
        `count: ${countBallots} ballots over 9 candidates in ${countMs} ms through the API (pure tally ${pureMs} ms); valid ${tally.valid}, invalid ${tally.invalid}`,
      );
      agent.destroy();
      log(`floor: ${voters} bare inserts closed-loop from ${connections} connections…`);
      const f = await measureFloor(floor, { count: voters, connections, rate: 500, seconds: 2 });
      log(`floor: ${f.closed.rps}/s, p50 ${f.closed.p50} ms, p99 ${f.closed.p99} ms`);

      const cases: CaseResult[] = [
        { name: `cast · ${voters} voters, one request each`, via: 'http', p50: flow.p50, p99: flow.p99, rps: flow.rps, requests: voters, errors: flow.errors },
        {
          name: `floor · closed loop, ${connections} conns`,
          via: 'http',
          p50: f.closed.p50,
          p99: f.closed.p99,
          rps: f.closed.rps,
          requests: voters,
          errors: f.closed.errors,
        },
        { name: `count · ${countBallots} ballots, 9 candidates`, via: 'http', p50: countMs, p99: countMs, rps: 0, requests: 1, errors: 0 },
      ];
      if (ballots !== voters || marked !== voters) throw new Error(`expected ${voters} ballots and marks, found ${ballots} ballots and ${marked} marks`);
      if (tally.collected !== countBallots) throw new Error(`counted ${tally.collected} of ${countBallots}`);
      return {
        cases,
        details: [
          `ballots in the database: ${ballots} of ${voters}; has-voted marks: ${marked} (nothing lost, nothing doubled)`,
          `closing (mixing ${ballots} ballots) took ${closeMs} ms`,
          `count of ${countBallots} ballots over 9 candidates: ${countMs} ms through POST …/steps/count (load in the mixed order, tally, SHA-256 of the record, store tally and digest); the pure tally alone ${pureMs} ms`,
        ],
        summary: {
          ballots_per_s: flow.rps,
          floor_per_s: f.closed.rps,
          ratio: ratio(flow.rps, f.closed.rps),
          ...cpuPerCall(flow, f.closed),
          count_10k_ms: countMs,
          count_pure_ms: pureMs,
          p50_ms: flow.p50,
          p99_ms: flow.p99,
          ballots,
          lost: voters - ballots,
          close_ms: closeMs,
          voters,
          connections,
          errors: flow.errors,
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

/** Ballots over 9 candidates for 7 seats, about 3% invalid (too many 赞成, E8), some with a write-in. */
function makeBallots(n: number, ids: string[]): ElectionBallotContent[] {
  let s = 20_240_601;
  const rnd = () => (s = (s * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32;
  return Array.from({ length: n }, () => {
    const marks: Record<string, BallotMark> = {};
    const yes = rnd() < 0.03 ? 8 : 3 + Math.floor(rnd() * 5);
    const order = [...ids].sort(() => rnd() - 0.5);
    order.forEach((id, k) => (marks[id] = k < yes ? 'for' : rnd() < 0.7 ? 'against' : 'abstain'));
    const against = order.find((id) => marks[id] === 'against');
    const writeIns = against && rnd() < 0.05 && yes < 7 ? [{ replaces: against, name: '另选同志' }] : [];
    return { marks, writeIns };
  });
}

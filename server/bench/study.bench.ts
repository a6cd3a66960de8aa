import http from 'node:http';
import pg from 'pg';
import { migrate } from '../src/db/data-source.js';
import { benchDatabase } from './lib/db.js';
import { driveAtRate, request } from './lib/drive.js';
import type { CaseResult } from './lib/load.js';
import { createPeople, removePeople, type Setup } from './lib/people.js';
import { startServer } from './lib/server.js';
import { flagNumber, type Bench } from './lib/types.js';

/** Each learner sends one heartbeat every 30 s (HEARTBEAT_INTERVAL_S): learners = heartbeats/s × 30. */
const INTERVAL_S = 30;

/**
 * L2 heartbeats: `--members` (default 5,000) members with sessions study one article through the
 * real endpoint (POST /api/v1/study/heartbeats). The offered rate steps up (fixed-rate, open loop,
 * each step `--seconds` long, default 8) until p99 reaches 50 ms, calls fail or the server falls
 * behind the offered rate; the answer is the highest rate that held, and the learners it serves.
 */
const bench: Bench = {
  description: 'study heartbeats: the highest rate the server sustains with p99 < 50 ms (stepped fixed-rate load)',
  async run({ flags, log }) {
    const members = flagNumber(flags, 'members', 5000);
    const seconds = flagNumber(flags, 'seconds', 8);
    const db = await benchDatabase();
    log(`database: ${db.where}`);
    await migrate(db.url);
    const client = new pg.Client({ connectionString: db.url, application_name: 'dangjian-bench' });
    await client.connect();
    let setup: Setup | undefined;
    let server: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      setup = await createPeople(client, members);
      const { rows } = await client.query(
        `WITH c AS (INSERT INTO study_course (organisation_id, org_path, title, status, published_at)
                    SELECT id, path, '基准测试课程', 'published', now() FROM organisation WHERE id = $1 RETURNING id)
         INSERT INTO study_lesson (course_id, position, title, kind, body_html, min_seconds) SELECT id, 0, '原文', 'article', '<p>x</p>', 600 FROM c RETURNING id`,
        [setup.branchId],
      );
      const lessonId = (rows[0] as { id: string }).id;
      server = await startServer(db.url);
      const port = Number(new URL(server.baseUrl).port);
      const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
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
      // Warm-up (not measured): every member's first heartbeat opens their session and clock row.
      log(`warm-up: ${members} first heartbeats…`);
      await driveAtRate(500, members / 500, beat);

      const steps: CaseResult[] = [];
      let best: { rate: number; p99: number } | null = null;
      for (const rate of [50, 100, 150, 200, 250, 300, 400, 500, 600, 800, 1000, 1300, 1600, 2000, 2500, 3000, 4000]) {
        const r = await driveAtRate(rate, seconds, beat);
        steps.push({ name: `${rate}/s offered`, via: 'http', p50: r.p50, p99: r.p99, rps: r.achieved, requests: r.requests, errors: r.errors });
        log(`${rate}/s offered: ${r.achieved}/s done, p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.errors} errors`);
        const held = r.p99 < 50 && r.errors === 0 && r.achieved >= rate * 0.95;
        if (!held) break;
        best = { rate, p99: r.p99 };
      }
      agent.destroy();
      const [{ credited }] = (
        await client.query(`SELECT COALESCE(sum(credited_ms), 0)::bigint AS credited FROM study_progress WHERE lesson_id = $1`, [lessonId])
      ).rows as [{ credited: string }];
      return {
        cases: steps,
        details: [
          `each step ${seconds} s at a fixed offered rate over ${members} members (round robin); latency from the due time (open loop)`,
          `held = p99 < 50 ms, no errors, ≥ 95 % of the offered rate done; credited study time in the run: ${Math.round(Number(credited) / 1000)} s`,
        ],
        summary: { heartbeats_per_s: best?.rate ?? 0, p99_ms: best?.p99 ?? null, learners: (best?.rate ?? 0) * INTERVAL_S, members, step_seconds: seconds },
      };
    } finally {
      await server?.close();
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

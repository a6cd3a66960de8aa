import http from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { KNOWLEDGE_LIMITS } from '@dangjian/shared';
import { migrate } from '../src/db/data-source.js';
import { KnowledgeRepository } from '../src/knowledge/knowledge.repository.js';
import { adminToken } from './lib/auth.js';
import { benchDatabase } from './lib/db.js';
import { quantiles, request } from './lib/drive.js';
import { prng, type CaseResult } from './lib/load.js';
import { driveInChild } from './lib/rate-process.js';
import { startServer } from './lib/server.js';
import { flagNumber, type Bench } from './lib/types.js';

/**
 * 党建知识 phrase search on a library of `--articles` (default 10,000) articles of generated text
 * (random phrases from a word list: test data, never shown as regulation text) in one collection,
 * kept between runs. Measured: the bare insert of the articles into a table of the same shape without
 * the character-pair index and into the indexed table (the index's write cost), the repository query
 * alone, closed-loop throughput from `--connections` (default 8) and the open-loop p99 at `--rate`
 * (default 50/s) for `--seconds` (default 10), both from a separate load-generator process. Phrases:
 * 2–8 characters cut from random articles (a fifth of them 2 characters: the broad queries).
 */
const COLLECTION = '基准测试文本（随机生成）';
const ORG = '知识库基准测试党委';
const WORDS =
  '党员 组织 支部 学习 教育 管理 监督 纪律 群众 发展 工作 制度 会议 活动 考察 培养 积极分子 发展对象 预备党员 正式党员 党费 交纳 转接 关系 选举 表决 委员会 书记 谈话 审批 备案 培训 学时 主题党日 组织生活会 民主评议 服务 企业 园区 互联网 青年 责任 落实 检查 报告 研究 决定 程序 材料 档案 思想 理论 实践 创新 基层 建设 作风 廉洁 自律 联系 帮助 按期 按时 每月 每季度 每年 应当 必须 不得 可以 一般 及时 认真 严格 规范 统一 领导'.split(
    ' ',
  );

const bench: Bench = {
  description: 'knowledge: phrase search over 10,000 articles (character-pair GIN index; closed loop, then open loop at 50 req/s offered)',
  async run({ flags, log }) {
    const articles = flagNumber(flags, 'articles', 10_000);
    const rate = flagNumber(flags, 'rate', 50);
    const seconds = flagNumber(flags, 'seconds', 10);
    const connections = flagNumber(flags, 'connections', 8);
    const db = await benchDatabase();
    log(`database: ${db.where}`);
    await migrate(db.url);
    const client = new pg.Client({ connectionString: db.url, application_name: 'dangjian-bench' });
    await client.connect();
    let server: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      const rand = prng(14);
      const texts = Array.from({ length: articles }, () => {
        const len = 80 + Math.floor(rand() * 320);
        let s = '';
        while (s.length < len) s += WORDS[Math.floor(rand() * WORDS.length)]! + (rand() < 0.15 ? '，' : rand() < 0.05 ? '。' : '');
        return `${s}。`;
      });
      const numbers = texts.map((_, i) => `第${i + 1}条`);
      const insert = (table: string, collectionId: string, chapterId: string) =>
        client.query(
          `INSERT INTO ${table} (collection_id, chapter_id, position, number, text)
           SELECT $1, $2, ord, n, t FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS x(n, t, ord)`,
          [collectionId, chapterId, numbers, texts],
        );

      // Bare-insert floor: the same rows into a table of the articles' shape without the pair index (rolled back).
      await client.query('BEGIN');
      await client.query(`CREATE TEMP TABLE bare (LIKE knowledge_article INCLUDING DEFAULTS) ON COMMIT DROP`);
      // The floor computes no pairs: its copy of the trigger-kept column stays empty.
      await client.query(`ALTER TABLE bare ALTER COLUMN grams DROP NOT NULL`);
      const b0 = performance.now();
      await insert('bare', '00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000000');
      const bareInsertMs = Math.round(performance.now() - b0);
      await client.query('ROLLBACK');

      const [kept] = (
        await client.query(
          `SELECT c.id FROM knowledge_collection c WHERE c.name = $1 AND (SELECT count(*) FROM knowledge_article a WHERE a.collection_id = c.id) = $2`,
          [COLLECTION, articles],
        )
      ).rows as Array<{ id: string }>;
      let indexedInsertMs: number | null = null;
      if (kept) log(`reusing the ${articles} articles of an earlier run`);
      else {
        log(`inserting ${articles} articles…`);
        await client.query(`DELETE FROM knowledge_collection WHERE name = $1`, [COLLECTION]);
        const col = await client.query(
          `INSERT INTO knowledge_collection (name, short_name, source, position) VALUES ($1, '基准', '随机生成', 999) RETURNING id`,
          [COLLECTION],
        );
        const collectionId = (col.rows[0] as { id: string }).id;
        const ch = await client.query(`INSERT INTO knowledge_chapter (collection_id, position, number, title) VALUES ($1, 1, '', '') RETURNING id`, [
          collectionId,
        ]);
        const i0 = performance.now();
        await insert('knowledge_article', collectionId, (ch.rows[0] as { id: string }).id);
        indexedInsertMs = Math.round(performance.now() - i0);
        await client.query('ANALYZE knowledge_article');
      }
      log(`floor: ${articles} articles without the pair index ${bareInsertMs} ms; with it ${indexedInsertMs ?? '(reused)'} ms`);

      let org = (await client.query(`SELECT id FROM organisation WHERE name = $1`, [ORG])).rows[0] as { id: string } | undefined;
      org ??= (await client.query(`INSERT INTO organisation (name, kind) VALUES ($1, 'committee') RETURNING id`, [ORG])).rows[0] as { id: string };
      const token = await adminToken(db.url, org.id);

      const phrases = Array.from({ length: 500 }, (_, i) => {
        const t = texts[Math.floor(rand() * texts.length)]!;
        const len = i % 5 === 0 ? 2 : 4 + Math.floor(rand() * 5);
        const at = Math.floor(rand() * (t.length - len));
        return t.slice(at, at + len);
      });
      const paths = phrases.map((p) => `/api/v1/knowledge/search?q=${encodeURIComponent(p)}&pageSize=20`);

      server = await startServer(db.url);
      const port = Number(new URL(server.baseUrl).port);
      const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
      for (const p of paths.slice(0, 20)) await request(agent, port, 'GET', p, token);
      const single: number[] = [];
      let hits = 0;
      for (const p of paths.slice(20, 80)) {
        const t0 = performance.now();
        const res = await request(agent, port, 'GET', p, token);
        single.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`search answered ${res.status}: ${res.text}`);
        hits += (JSON.parse(res.text) as { total: number }).total;
      }
      agent.destroy();
      const repo = server.app.get(KnowledgeRepository);
      const dbTimes: number[] = [];
      for (const p of phrases.slice(80, 140)) {
        const t0 = performance.now();
        await repo.search(p, { below: [], within: [] }, 20, 0, KNOWLEDGE_LIMITS.searchCandidatesMax + 1);
        dbTimes.push(performance.now() - t0);
      }
      const plan = (
        await client.query(
          `EXPLAIN (ANALYZE, COSTS OFF) SELECT id FROM knowledge_article WHERE grams @> knowledge_grams($1) AND strpos(lower(text), lower($1)) > 0`,
          [phrases[1]],
        )
      ).rows.map((r) => String((r as Record<string, unknown>)['QUERY PLAN']));
      const one = quantiles(single);
      const dbq = quantiles(dbTimes);
      log(
        `one at a time: p50 ${one.p50} ms, p99 ${one.p99} ms (${Math.round(hits / single.length)} hits per phrase on average); database only: p50 ${dbq.p50} ms`,
      );
      log(`closed loop: ${connections} connections from a separate process…`);
      const closed = await driveInChild({ port, token, paths, rate, seconds, closedLoop: { count: 1000, concurrency: connections } });
      log(`closed loop: ${closed.achieved}/s, p50 ${closed.p50} ms, p99 ${closed.p99} ms`);
      log(`search: ${rate}/s offered for ${seconds} s from a separate process…`);
      const r = await driveInChild({ port, token, paths, rate, seconds });
      log(`search: p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.achieved}/s done, ${r.errors} errors`);
      const cases: CaseResult[] = [
        { name: `bare insert: ${articles} articles, no pair index`, via: 'sql', p50: bareInsertMs, p99: bareInsertMs, rps: 0, requests: 1, errors: 0 },
        ...(indexedInsertMs === null
          ? []
          : [
              {
                name: `insert: ${articles} articles, with pair index`,
                via: 'sql' as const,
                p50: indexedInsertMs,
                p99: indexedInsertMs,
                rps: 0,
                requests: 1,
                errors: 0,
              },
            ]),
        { name: 'search, database only', via: 'sql', p50: dbq.p50, p99: dbq.p99, rps: 0, requests: dbTimes.length, errors: 0 },
        { name: 'search, one request at a time', via: 'http', p50: one.p50, p99: one.p99, rps: 0, requests: single.length, errors: 0 },
        {
          name: `search, closed loop (${connections} connections)`,
          via: 'http',
          p50: closed.p50,
          p99: closed.p99,
          rps: closed.achieved,
          requests: closed.requests,
          errors: closed.errors,
        },
        { name: `search (${rate}/s offered)`, via: 'http', p50: r.p50, p99: r.p99, rps: r.achieved, requests: r.requests, errors: r.errors },
      ];
      return {
        cases,
        details: [
          ...plan,
          `${articles} articles of 80–400 characters; phrases of 2–8 characters cut from random articles; pages of 20 with the total (at most ${KNOWLEDGE_LIMITS.searchCandidatesMax} articles ranked)`,
        ],
        summary: {
          articles,
          bare_insert_ms: bareInsertMs,
          indexed_insert_ms: indexedInsertMs,
          search_db_p50_ms: dbq.p50,
          search_single_p50_ms: one.p50,
          closed_loop_rps: closed.achieved,
          closed_loop_p99_ms: closed.p99,
          search_p50_ms: r.p50,
          search_p99_ms: r.p99,
          offered_rps: rate,
          achieved_rps: r.achieved,
          errors: r.errors + closed.errors,
        },
      };
    } finally {
      await server?.close();
      await client.end();
      await db.stop();
    }
  },
};
export default bench;

import pg from 'pg';
import { adminToken } from './lib/auth.js';
import { benchDatabase } from './lib/db.js';
import { prng, type CaseResult } from './lib/load.js';
import { ensureProvince } from './lib/province.js';
import { serverProcess, type BenchProcess } from './lib/processes.js';
import { driveInChild } from './lib/rate-process.js';
import { SUBTREE } from '../src/common/sql.js';
import { flagNumber, type Bench } from './lib/types.js';

type Level = { level: 'root' | 'city' | 'district' | 'branch'; id: string; name: string; path: string; members: number };

/**
 * Organisations on a province-sized tree (50,000 organisations, 1,000,000 members), the server in its
 * own process and the load from a forked generator, open-loop at `--rate` (default 100) requests/s
 * offered (latency from each call's due time, issue 12):
 * (a) members under an organisation, paged — GET /members?orgId=X&page=P&pageSize=20 with P among
 *     the first 50, at the root, a city, a district and a branch (the largest of each level);
 * (b) counts per child organisation — GET /organisations/X/child-counts at the same four.
 * Flags: --regenerate, --seconds=N (per case, default 5), --rate=N, --explain.
 */
const bench: Bench = {
  description: 'organisation tree: subtree member paging and per-child member counts on 50k organisations / 1M members',
  async run({ flags, log }) {
    const seconds = flagNumber(flags, 'seconds', 5);
    const rate = flagNumber(flags, 'rate', 100);
    const db = await benchDatabase();
    log(`database: ${db.where}`);
    const pool = new pg.Pool({ connectionString: db.url, max: 4 });
    let server: BenchProcess | undefined;
    try {
      const province = await ensureProvince(db.url, { regenerate: flags.regenerate === true, log });
      const levels = await sampleLevels(pool, province.rootId);
      server = await serverProcess(db.url);
      const token = await adminToken(db.url, province.rootId);
      const port = server.port;
      const details: string[] = [];
      if (flags.explain) details.push(...(await explain(pool, levels)));
      const cases: CaseResult[] = [];
      const measure = async (name: string, paths: string[]) => {
        log(`measuring ${name} at ${rate}/s offered`);
        // The generator warms up first (the plan cache and the pool's connections of this case too).
        const r = await driveInChild({ port, token, paths, rate, seconds });
        cases.push({ name, via: 'http', p50: r.p50, p99: r.p99, rps: r.achieved, requests: r.requests, errors: r.errors });
      };
      for (const l of levels) {
        const random = prng(42);
        const paths = Array.from({ length: 200 }, () => `/api/v1/members?orgId=${l.id}&page=${1 + Math.floor(random() * 50)}&pageSize=20`);
        await measure(`members paged · ${l.level} (${l.members} members)`, paths);
      }
      for (const l of levels) await measure(`child counts · ${l.level}`, [`/api/v1/organisations/${l.id}/child-counts`]);
      const worst = (prefix: string) => Math.max(...cases.filter((c) => c.name.startsWith(prefix)).map((c) => c.p99));
      return {
        cases,
        details,
        summary: {
          orgs: province.orgs,
          members: province.members,
          subtree_members_p99_ms: worst('members paged'),
          child_counts_p99_ms: worst('child counts'),
          errors: cases.reduce((n, c) => n + c.errors, 0),
          offered_per_s: rate,
          seconds_per_case: seconds,
          generated: province.generated,
          generate_s: province.generateSeconds,
        },
      };
    } finally {
      await server?.stop();
      await pool.end();
      await db.stop();
    }
  },
};
export default bench;

/** The largest organisation of each level, by members in its subtree. */
async function sampleLevels(pool: pg.Pool, rootId: string): Promise<Level[]> {
  const pickLargest = async (level: Level['level'], where: string): Promise<Level> => {
    const { rows } = await pool.query(
      `SELECT o.id, o.name, o.path::text AS path,
              (SELECT COALESCE(sum(d.member_count), 0)::int FROM organisation d WHERE ${SUBTREE('d.path', 'o.path')}) AS members
         FROM organisation o WHERE ${where} ORDER BY members DESC, o.id LIMIT 1`,
      [rootId],
    );
    return { level, ...(rows[0] as Omit<Level, 'level'>) };
  };
  return [
    await pickLargest('root', 'o.id = $1'),
    await pickLargest('city', 'o.parent_id = $1'),
    await pickLargest('district', `nlevel(o.path) = 3 AND o.path <@ (SELECT path FROM organisation WHERE id = $1)`),
    // Branches: the province's largest by own members (a subtree sum per branch would read all 34,000;
    // other benches' branches outside the province, on the same database, are not the admin's).
    {
      level: 'branch',
      ...((
        await pool.query(
          `SELECT id, name, path::text AS path, member_count AS members FROM organisation
            WHERE kind = 'branch' AND path <@ (SELECT path FROM organisation WHERE id = $1) ORDER BY member_count DESC, id LIMIT 1`,
          [rootId],
        )
      ).rows[0] as Omit<Level, 'level'>),
    },
  ];
}

const MEMBER_PAGE_SQL = `SELECT m.id, m.name, m.status, m.organisation_id, o.name AS org_name
  FROM member m JOIN organisation o ON o.id = m.organisation_id
 WHERE m.org_path <@ $1::ltree ORDER BY m.name, m.id LIMIT 20 OFFSET $2`;

async function explain(pool: pg.Pool, levels: Level[]): Promise<string[]> {
  const out: string[] = [];
  const root = levels[0]!;
  const plan = async (title: string, sql: string, params: unknown[]) => {
    const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    out.push(`--- ${title}`, ...rows.map((r: Record<string, string>) => r['QUERY PLAN']!));
  };
  for (const l of levels) await plan(`member page 50 at ${l.level}`, MEMBER_PAGE_SQL, [l.path, 49 * 20]);
  await plan('member total at root (count over member)', `SELECT count(*) FROM member WHERE org_path <@ $1::ltree`, [root.path]);
  await plan(
    'child counts at root (as OrganisationsRepository.childCounts: maintained totals)',
    `SELECT o.id, o.name, o.kind, o.member_count + o.desc_member_count AS total FROM organisation o WHERE o.parent_id = $1`,
    [root.id],
  );
  return out;
}

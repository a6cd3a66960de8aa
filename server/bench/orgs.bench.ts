import pg from 'pg';
import { adminToken } from './lib/auth.js';
import { benchDatabase } from './lib/db.js';
import { measureCalls, measureHttp, prng, type CaseResult } from './lib/load.js';
import { ensureProvince } from './lib/province.js';
import { startServer } from './lib/server.js';
import { SUBTREE } from '../src/common/sql.js';
import { flagNumber, type Bench } from './lib/types.js';

type Level = { level: 'root' | 'city' | 'district' | 'branch'; id: string; name: string; path: string; members: number };

/**
 * Organisations on a province-sized tree (50,000 organisations, 1,000,000 members):
 * (a) members under an organisation, paged — GET /members?orgId=X&page=P&pageSize=20 with P among
 *     the first 50, at the root, a city, a district and a branch (the largest of each level);
 * (b) counts per child organisation — GET /organisations/X/child-counts at the same four.
 * Flags: --regenerate, --seconds=N (per case, default 5), --connections=N (default 10), --explain.
 */
const bench: Bench = {
  description: 'organisation tree: subtree member paging and per-child member counts on 50k organisations / 1M members',
  async run({ flags, log }) {
    const seconds = flagNumber(flags, 'seconds', 5);
    const connections = flagNumber(flags, 'connections', 10);
    const db = await benchDatabase();
    log(`database: ${db.where}`);
    const pool = new pg.Pool({ connectionString: db.url, max: connections + 2 });
    let server: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      const province = await ensureProvince(db.url, { regenerate: flags.regenerate === true, log });
      const levels = await sampleLevels(pool, province.rootId);
      server = await startServer(db.url);
      const token = await adminToken(db.url, province.rootId);
      const membersViaHttp = await hasMembersEndpoint(server.baseUrl, token, province.rootId);
      if (!membersViaHttp) log('GET /api/v1/members is not there yet: measuring its query straight on the database instead');

      const details: string[] = [];
      if (flags.explain) details.push(...(await explain(pool, levels)));
      const cases: CaseResult[] = [];
      for (const l of levels) {
        const random = prng(42);
        const page = () => 1 + Math.floor(random() * 50);
        const name = `members paged · ${l.level} (${l.members} members)`;
        log(`measuring ${name}`);
        cases.push(
          membersViaHttp
            ? await measureHttp({
                name,
                baseUrl: server.baseUrl,
                token,
                seconds,
                connections,
                path: () => `/api/v1/members?orgId=${l.id}&page=${page()}&pageSize=20`,
              })
            : await measureCalls({ name, seconds, concurrency: connections, run: () => memberPageSql(pool, l.path, page()) }),
        );
      }
      for (const l of levels) {
        const name = `child counts · ${l.level}`;
        log(`measuring ${name}`);
        cases.push(await measureHttp({ name, baseUrl: server.baseUrl, token, seconds, connections, path: () => `/api/v1/organisations/${l.id}/child-counts` }));
      }
      const worst = (prefix: string) => Math.max(...cases.filter((c) => c.name.startsWith(prefix)).map((c) => c.p99));
      return {
        cases,
        details,
        summary: {
          orgs: province.orgs,
          members: province.members,
          subtree_members_p99_ms: worst('members paged'),
          child_counts_p99_ms: worst('child counts'),
          subtree_members_via: membersViaHttp ? 'http' : 'sql',
          errors: cases.reduce((n, c) => n + c.errors, 0),
          connections,
          seconds_per_case: seconds,
          generated: province.generated,
          generate_s: province.generateSeconds,
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
    // Branches: the largest by own members (a subtree sum per branch would read all 34,000).
    {
      level: 'branch',
      ...((
        await pool.query(
          `SELECT id, name, path::text AS path, member_count AS members FROM organisation WHERE kind = 'branch' ORDER BY member_count DESC, id LIMIT 1`,
        )
      ).rows[0] as Omit<Level, 'level'>),
    },
  ];
}

async function hasMembersEndpoint(baseUrl: string, token: string, orgId: string): Promise<boolean> {
  const res = await fetch(`${baseUrl}/api/v1/members?orgId=${orgId}&page=1&pageSize=20`, { headers: { authorization: `Bearer ${token}` } });
  return res.status === 200;
}

/**
 * What the member list has to do for one page when the endpoint is not there: the page by name
 * within the subtree, and the total (from the organisation counters, as the child counts do).
 */
const MEMBER_PAGE_SQL = `SELECT m.id, m.name, m.status, m.organisation_id, o.name AS org_name
  FROM member m JOIN organisation o ON o.id = m.organisation_id
 WHERE m.org_path <@ $1::ltree ORDER BY m.name, m.id LIMIT 20 OFFSET $2`;
async function memberPageSql(pool: pg.Pool, path: string, page: number) {
  await pool.query(MEMBER_PAGE_SQL, [path, (page - 1) * 20]);
  await pool.query(`SELECT COALESCE(sum(member_count), 0)::int AS total FROM organisation WHERE path <@ $1::ltree`, [path]);
}

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
    'child counts at root (as OrganisationsRepository.childCounts)',
    `SELECT o.id, o.name, o.kind, s.total, s.full FROM organisation o
       CROSS JOIN LATERAL (SELECT COALESCE(sum(d.member_count), 0) AS total, COALESCE(sum(d.full_member_count), 0) AS full
                             FROM organisation d WHERE ${SUBTREE('d.path', 'o.path')}) s
      WHERE o.parent_id = $1`,
    [root.id],
  );
  return out;
}

import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { migrate } from '../../src/db/data-source.js';
import { recreateDatabase } from './db.js';

/** Bump when the generator changes: an existing database of another version is generated again. */
export const PROVINCE_VERSION = 1;

/** The shape of the generated province (sums to exactly 50,000 organisations and 1,000,000 members). */
export const PROVINCE = {
  cities: 15,
  /** Per city: 10 districts and 2 industrial-park joint committees. */
  districtsPerCity: 12,
  generalBranchesPerDistrict: 8,
  branches: 34_000,
  groups: 14_364,
  members: 1_000_000,
} as const;
const ORGS =
  1 + PROVINCE.cities + PROVINCE.cities * PROVINCE.districtsPerCity * (1 + PROVINCE.generalBranchesPerDistrict) + PROVINCE.branches + PROVINCE.groups;

export type Province = { rootId: string; orgs: number; members: number; generated: boolean; generateSeconds: number | null };

type Log = (msg: string) => void;

/**
 * A province-sized tree in the bench database: 1 provincial committee → 15 city committees → 180
 * district and park (joint) committees → 1,440 general branches → 34,000 branches (half under the
 * general branches, half directly under the districts; 8% joint) → 14,364 groups in the largest
 * branches; 1,000,000 members over the branches (3–50 each, 4% of branches over 80), 93% full.
 * Reused when already there; `regenerate` starts from an empty database.
 */
export async function ensureProvince(url: string, opts: { regenerate: boolean; log: Log }): Promise<Province> {
  if (opts.regenerate) await recreateDatabase(url);
  await migrate(url);
  const client = new pg.Client({ connectionString: url, application_name: 'dangjian-bench' });
  await client.connect();
  try {
    const existing = await readMeta(client);
    if (existing && existing.version === PROVINCE_VERSION) {
      opts.log(`reusing the generated province (${existing.orgs} organisations, ${existing.members} members)`);
      return { rootId: existing.rootId, orgs: existing.orgs, members: existing.members, generated: false, generateSeconds: null };
    }
    const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM organisation`)).rows as [{ n: number }];
    if (n > 0 || existing) {
      // Leftovers of an older generator or an interrupted run: start again from an empty database.
      await client.end();
      await recreateDatabase(url);
      await migrate(url);
      return ensureProvince(url, { ...opts, regenerate: false });
    }
    return await generate(client, opts.log);
  } finally {
    await client.end().catch(() => undefined);
  }
}

type Meta = { version: number; rootId: string; orgs: number; members: number; seconds: number };

async function readMeta(client: pg.Client): Promise<Meta | null> {
  const [{ t }] = (await client.query(`SELECT to_regclass('bench_meta') IS NOT NULL AS t`)).rows as [{ t: boolean }];
  if (!t) return null;
  const rows = (await client.query(`SELECT value FROM bench_meta WHERE key = 'province'`)).rows as Array<{ value: Meta }>;
  return rows[0]?.value ?? null;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲建国志文斌浩宇欣怡子轩梓涵思远晨曦佳琪雨萱俊杰嘉懿';
const BRAND = [
  '星云',
  '海川',
  '云帆',
  '数智',
  '极光',
  '蓝鲸',
  '青藤',
  '飞鱼',
  '卓越',
  '宏图',
  '启明',
  '天穹',
  '锐思',
  '知行',
  '众联',
  '融创',
  '新瑞',
  '博远',
  '云栖',
  '光年',
];
const TRADE = ['网络科技', '信息技术', '数据服务', '软件', '电子商务', '互联网科技', '智能科技', '云计算', '数字传媒', '网络安全'];
const CITIES = ['临江', '东阳', '青山', '南湖', '西岭', '北川', '云溪', '石桥', '长宁', '安平', '金川', '明州', '瑞安', '江北', '清河'];

const sqlArray = (items: readonly string[]) => `ARRAY[${items.map((s) => `'${s}'`).join(',')}]`;
const chars = (s: string) => sqlArray([...s]);
const pick = (arr: string) => `(${arr})[1 + floor(random() * cardinality(${arr}))::int]`;

async function generate(client: pg.Client, log: Log): Promise<Province> {
  const started = performance.now();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t0 = performance.now();
    const res = await client.query(sql, params);
    log(`  ${label} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    return res;
  };
  log(`generating the province: ${ORGS} organisations, ${PROVINCE.members} members (first run only)…`);
  await client.query(`SET maintenance_work_mem = '1GB'`);
  await client.query(`SET work_mem = '256MB'`);
  await client.query(`SELECT setseed(0.2024)`);
  const company = `${pick(sqlArray(BRAND))} || ${pick(sqlArray(TRADE))} || '有限公司'`;

  const root = await step(
    'provincial committee',
    `INSERT INTO organisation (name, kind, established_on) VALUES ('中共某省互联网行业委员会', 'committee', '2005-07-01') RETURNING id`,
  );
  const rootId = (root.rows[0] as { id: string }).id;
  await step(
    `${PROVINCE.cities} city committees`,
    `INSERT INTO organisation (parent_id, name, kind, established_on)
     SELECT $1, c || '市互联网行业党委', 'committee', date '2008-01-01' FROM unnest(${sqlArray(CITIES)}::text[]) c`,
    [rootId],
  );
  await step(
    `${PROVINCE.cities * PROVINCE.districtsPerCity} district and park committees`,
    `INSERT INTO organisation (parent_id, name, kind, is_joint, established_on)
     SELECT c.id,
            replace(c.name, '市互联网行业党委', '') || CASE WHEN d <= 10 THEN '第' || d || '区非公企业党委' ELSE '数字产业园' || (d - 10) || '号园区联合党委' END,
            'committee', d > 10, date '2010-01-01' + (d * 30)
       FROM organisation c, generate_series(1, ${PROVINCE.districtsPerCity}) d WHERE c.parent_id = $1`,
    [rootId],
  );
  await step(
    'general branches',
    `INSERT INTO organisation (parent_id, name, kind, established_on)
     SELECT d.id, ${company} || '党总支', 'general_branch', date '2012-01-01' + (g * 40)
       FROM organisation d, generate_series(1, ${PROVINCE.generalBranchesPerDistrict}) g WHERE nlevel(d.path) = 3`,
  );
  await client.query(`CREATE TEMP TABLE dist AS
    SELECT (row_number() OVER (ORDER BY d.path) - 1)::int AS i, d.id,
           ARRAY(SELECT g.id FROM organisation g WHERE g.parent_id = d.id ORDER BY g.path) AS gbs
      FROM organisation d WHERE nlevel(d.path) = 3`);
  await step(
    `${PROVINCE.branches} branches`,
    `INSERT INTO organisation (parent_id, name, kind, is_joint, established_on)
     SELECT CASE WHEN n % 2 = 0 THEN d.gbs[1 + (n / 2) % cardinality(d.gbs)] ELSE d.id END,
            CASE WHEN j THEN ${pick(sqlArray(BRAND))} || '片区' || n || '联合党支部' ELSE ${company} || '党支部' END,
            'branch', j, date '2014-01-01' + (n % 3000)
       FROM (SELECT n, random() < 0.08 AS j FROM generate_series(1, ${PROVINCE.branches}) n) s
       JOIN dist d ON d.i = (s.n - 1) % (SELECT count(*) FROM dist)`,
  );
  // Members per branch: weights 3–47 (+80 for 4% of branches), scaled by cumulative rounding so they sum to exactly 1,000,000.
  await client.query(`CREATE TEMP TABLE plan AS
    SELECT id, path, (round(${PROVINCE.members}::numeric * cw / tw) - round(${PROVINCE.members}::numeric * (cw - w) / tw))::int AS cnt, NULL::uuid[] AS groups
      FROM (SELECT id, path, w, sum(w) OVER (ORDER BY id) AS cw, sum(w) OVER () AS tw
              FROM (SELECT id, path, 3 + floor(random() * 45)::int + CASE WHEN random() < 0.04 THEN 80 ELSE 0 END AS w
                      FROM organisation WHERE kind = 'branch') b) x`);
  await step(
    `${PROVINCE.groups} groups (O8) in the largest branches`,
    `INSERT INTO organisation (parent_id, name, kind, established_on)
     SELECT id, '第' || g || '党小组', 'group', date '2018-01-01'
       FROM (SELECT p.id, g, row_number() OVER (ORDER BY p.cnt DESC, p.id, g) AS rn
               FROM plan p, generate_series(1, greatest(2, p.cnt / 12)) g WHERE p.cnt >= 30) x
      WHERE rn <= ${PROVINCE.groups}`,
  );
  await client.query(
    `UPDATE plan p SET groups = g.ids FROM (SELECT parent_id, array_agg(id ORDER BY name) AS ids FROM organisation WHERE kind = 'group' GROUP BY 1) g WHERE g.parent_id = p.id`,
  );
  await step(
    'one enterprise per non-joint branch (O3)',
    `WITH e AS (SELECT o.id AS org_id, gen_random_uuid() AS eid, replace(o.name, '党支部', '') AS name FROM organisation o WHERE o.kind = 'branch' AND NOT o.is_joint),
          ins AS (INSERT INTO enterprise (id, name, industry) SELECT eid, name, '互联网' FROM e)
     INSERT INTO organisation_enterprise (organisation_id, enterprise_id) SELECT org_id, eid FROM e`,
  );

  // Members: bulk load without the per-row triggers (org_path is written directly, counts are
  // computed once below) and without secondary indexes, which are built afterwards.
  const indexes = (
    await client.query(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
        WHERE i.indrelid = 'member'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    )
  ).rows as Array<{ name: string; def: string }>;
  for (const ix of indexes) await client.query(`DROP INDEX ${ix.name}`);
  let replica = true;
  try {
    // Also skips the foreign-key checks; the generator builds only valid references.
    await client.query(`SET session_replication_role = replica`);
  } catch {
    replica = false;
    await client.query(`ALTER TABLE member DISABLE TRIGGER USER`);
  }
  await client.query(`CREATE TEMP SEQUENCE phone_seq`);
  await step(
    `${PROVINCE.members} members`,
    // M4: only the masked phone (what lists show); sealing needs AES-GCM in the app, which this SQL generator does without.
    `INSERT INTO member (organisation_id, org_path, group_id, name, gender, ethnicity, birth_date, phone_masked, education,
                         join_date, full_member_date, status, flags, post)
     SELECT p.id, p.path,
            CASE WHEN p.groups IS NULL THEN NULL ELSE p.groups[1 + s % cardinality(p.groups)] END,
            ${pick(chars(SURNAMES))} || ${pick(chars(GIVEN))} || CASE WHEN random() < 0.6 THEN ${pick(chars(GIVEN))} ELSE '' END,
            CASE WHEN random() < 0.55 THEN 'male' ELSE 'female' END,
            CASE WHEN random() < 0.92 THEN '汉族' ELSE ${pick(sqlArray(['回族', '满族', '壮族', '苗族', '土家族', '蒙古族']))} END,
            v.birth,
            '1' || (30 + floor(random() * 60))::int || '****' || right(lpad(nextval('phone_seq')::text, 8, '0'), 4),
            ${pick(sqlArray(['college', 'bachelor', 'bachelor', 'bachelor', 'master', 'master', 'doctor', 'senior_high']))},
            v.joined, CASE WHEN v.full THEN v.joined + 365 ELSE NULL END,
            CASE WHEN v.full THEN 'full' ELSE 'probationary' END,
            CASE WHEN random() < 0.03 THEN '{mobile}'::text[] ELSE '{}'::text[] END,
            CASE WHEN random() < 0.3 THEN ${pick(sqlArray(['工程师', '产品经理', '运营', '设计师', '销售', '人力资源', '财务', '测试工程师']))} ELSE NULL END
       FROM plan p
       CROSS JOIN LATERAL generate_series(1, p.cnt) s
       CROSS JOIN LATERAL (
         SELECT b AS birth, f AS full,
                CASE WHEN f THEN least(b + 6570 + floor(random() * 7000)::int, current_date - 400)
                     ELSE current_date - 30 - floor(random() * 300)::int END AS joined
           FROM (SELECT date '1960-01-01' + floor(random() * 15000)::int + 0 * s AS b, random() < 0.93 AS f) r) v`,
  );
  if (!replica) await client.query(`ALTER TABLE member ENABLE TRIGGER USER`);
  await step(
    'member counts per organisation (what the member_counts trigger keeps)',
    `UPDATE organisation o SET member_count = c.n, full_member_count = c.f
       FROM (SELECT organisation_id, count(*)::int AS n, (count(*) FILTER (WHERE status = 'full'))::int AS f FROM member GROUP BY 1) c
      WHERE o.id = c.organisation_id`,
  );
  if (replica) {
    // With triggers off, the subtree totals (what the org_subtree_counts trigger keeps) in one pass.
    await step(
      'subtree totals per organisation',
      `UPDATE organisation o SET desc_member_count = s.total, desc_full_member_count = s.full
         FROM (SELECT a.id, COALESCE(sum(d.member_count), 0) AS total, COALESCE(sum(d.full_member_count), 0) AS full
                 FROM organisation a JOIN organisation d ON d.path <@ a.path AND d.id <> a.id GROUP BY a.id) s
        WHERE s.id = o.id`,
    );
    await client.query(`SET session_replication_role = DEFAULT`);
  }
  for (const ix of indexes) await step(`index ${ix.name}`, ix.def);
  await step('VACUUM ANALYZE', `VACUUM (ANALYZE) organisation, member, enterprise, organisation_enterprise`);
  // The bulk load's dirty pages written now, not by the spread checkpoint its WAL started, during the
  // first measured case.
  await step('CHECKPOINT', 'CHECKPOINT');

  const counts = (await client.query(`SELECT (SELECT count(*) FROM organisation)::int AS orgs, (SELECT count(*) FROM member)::int AS members`)).rows[0] as {
    orgs: number;
    members: number;
  };
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  await client.query(`CREATE TABLE bench_meta (key text PRIMARY KEY, value jsonb NOT NULL)`);
  const meta: Meta = { version: PROVINCE_VERSION, rootId, orgs: counts.orgs, members: counts.members, seconds };
  await client.query(`INSERT INTO bench_meta (key, value) VALUES ('province', $1)`, [JSON.stringify(meta)]);
  log(`generated in ${seconds} s`);
  return { rootId, orgs: counts.orgs, members: counts.members, generated: true, generateSeconds: seconds };
}

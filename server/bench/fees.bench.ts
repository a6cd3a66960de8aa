import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { chinaMonth, computeMonthlyFee, DEFAULT_FEE_POLICY, type FeeCategory } from '@dangjian/shared';
import { adminToken } from './lib/auth.js';
import { benchDatabase } from './lib/db.js';
import { measureCalls, measureHttp, type CaseResult } from './lib/load.js';
import { ensureProvince } from './lib/province.js';
import { startServer } from './lib/server.js';
import { flagNumber, type Bench } from './lib/types.js';
import { ORG_MONTH_ROWS_SQL, rollUpTree, type OrgMonthRow } from '../src/fees/fee-rollup.js';

/** Bump when the standards generator changes. */
const FEE_STANDARDS_VERSION = 1;

/**
 * Party fees on the province (50,000 organisations, 1,000,000 members):
 * (a) a month's bills for every member — POST /fees/bills/generate at the root, timed (bills_1m_s),
 *     then the same call again (idempotent: makes none);
 * (b) 80 % of them paid, ~3,900 bills a statement (the aggregates follow through the statement trigger;
 *     each bill paid on time awards points under a per-member lock held to the end of its transaction,
 *     and 800,000 of them in one statement ran out of PostgreSQL's lock table — no product path pays
 *     more than one member's bills in a transaction);
 * (c) the collection report rolled up for the whole tree: every organisation's subtree totals from
 *     the per-organisation aggregates (rollup_s) — and, for comparison, the same from the bills
 *     with one grouped query;
 * (d) GET /fees/reports/collection at the root (children) under load.
 * Standards for every member are made once (the fee computed by the shared rules) and reused.
 * Flags: --regenerate, --seconds=N (load case, default 5), --connections=N (default 10).
 */
const bench: Bench = {
  description: 'party fees: a month of bills for 1,000,000 members and the collection report rolled up a 50,000-organisation tree',
  async run({ flags, log }) {
    const seconds = flagNumber(flags, 'seconds', 5);
    const connections = flagNumber(flags, 'connections', 10);
    const db = await benchDatabase();
    log(`database: ${db.where}`);
    const pool = new pg.Pool({ connectionString: db.url, max: connections + 2 });
    // An idle connection's error (the database going away) is reported by the next query; it must not end the process.
    pool.on('error', (err: Error & { code?: string }) => log(`idle connection lost: ${err.code ?? ''} ${err.message}`));
    let server: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      const province = await ensureProvince(db.url, { regenerate: flags.regenerate === true, log });
      await ensureStandards(pool, log);
      const month = chinaMonth();
      const [{ path: rootPath }] = (await pool.query(`SELECT path::text AS path FROM organisation WHERE id = $1`, [province.rootId])).rows as [
        { path: string },
      ];
      log('clearing earlier bench bills');
      await pool.query(`TRUNCATE fee_payment_bill, fee_bill, fee_org_month`);
      server = await startServer(db.url);
      const token = await adminToken(db.url, province.rootId);
      const post = async (path: string, body: unknown) => {
        const res = await fetch(`${server!.baseUrl}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const json = (await res.json()) as Record<string, unknown>;
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
        return json;
      };
      const timed = async <T>(label: string, work: () => Promise<T>) => {
        const t0 = performance.now();
        const out = await work();
        const s = Math.round((performance.now() - t0) / 10) / 100;
        log(`${label}: ${s} s`);
        return { out, s };
      };

      const gen = await timed(`bills for ${month} (POST /fees/bills/generate at the root)`, () =>
        post('/api/v1/fees/bills/generate', { orgId: province.rootId, month }),
      );
      const again = await timed('the same again (idempotent)', () => post('/api/v1/fees/bills/generate', { orgId: province.rootId, month }));
      await pool.query(`VACUUM (ANALYZE) fee_bill, fee_org_month`);
      const paid = await timed('80 % of the bills paid, ~3,900 a statement (aggregates by trigger)', async () => {
        for (let bucket = 0; bucket < 819; bucket += 4)
          await pool.query(
            `UPDATE fee_bill SET status = 'paid', paid_at = now()
              WHERE month = $1::date AND status = 'unpaid' AND (hashtext(member_id::text) & 1023) BETWEEN $2 AND $3`,
            [`${month}-01`, bucket, Math.min(bucket + 3, 818)],
          );
      });
      await pool.query(`VACUUM (ANALYZE) fee_bill, fee_org_month`);

      const monthDay = `${month}-01`;
      // The roll-up the API does (fees.repository collectionTree): one index-only range scan, then rollUpTree.
      const rollupFromAggregates = async () => rollUpTree((await pool.query(ORG_MONTH_ROWS_SQL, [rootPath, monthDay])).rows as OrgMonthRow[], rootPath);
      // For comparison, the other way the brief names: one grouped query over the bills joined by organisation path.
      const fromBillsSql = `SELECT o.path::text AS path, count(*)::int AS bills, sum(b.amount_due_fen) AS due,
               COALESCE(sum(b.amount_due_fen) FILTER (WHERE b.status IN ('paid','reduced')), 0) AS paid_fen,
               (count(*) FILTER (WHERE b.status <> 'unpaid'))::int AS settled, (count(*) FILTER (WHERE b.status = 'paid'))::int AS paid,
               (count(*) FILTER (WHERE b.status = 'reduced'))::int AS reduced, (count(*) FILTER (WHERE b.status = 'exempt'))::int AS exempt
          FROM fee_bill b JOIN organisation o ON o.id = b.organisation_id
         WHERE b.month = $2::date AND o.path >= $1::ltree AND o.path < ltree_subtree_end($1::ltree) GROUP BY o.path`;
      const rollupFromBills = async () => rollUpTree((await pool.query(fromBillsSql, [rootPath, monthDay])).rows as OrgMonthRow[], rootPath);
      await rollupFromAggregates(); // warm
      const rollup = await timed('collection report rolled up for the whole tree (from the aggregates)', rollupFromAggregates);
      const rollupBills = await timed('the same straight from the bills (one grouped query)', rollupFromBills);
      const root = rollup.out.get(rootPath)!;
      const rootFromBills = rollupBills.out.get(rootPath)!;
      if (
        root.bills !== rootFromBills.bills ||
        root.dueFen !== rootFromBills.dueFen ||
        root.paidFen !== rootFromBills.paidFen ||
        rollup.out.size !== rollupBills.out.size
      ) {
        throw new Error(`aggregates disagree with the bills: ${JSON.stringify(root)} vs ${JSON.stringify(rootFromBills)}`);
      }
      const treeHttp = await timed('GET /fees/reports/collection/tree at the root (whole-tree roll-up + first page)', async () => {
        const res = await fetch(`${server!.baseUrl}/api/v1/fees/reports/collection/tree?orgId=${province.rootId}&month=${month}&pageSize=200`, {
          headers: { authorization: `Bearer ${token}` },
        });
        if (res.status !== 200) throw new Error(`tree: ${res.status}`);
        return res.json();
      });

      const cases: CaseResult[] = [];
      log('measuring GET /fees/reports/collection at the root');
      cases.push(
        await measureHttp({
          name: 'collection report · root children',
          baseUrl: server.baseUrl,
          token,
          seconds,
          connections,
          path: () => `/api/v1/fees/reports/collection?orgId=${province.rootId}&month=${month}`,
        }),
      );
      log('measuring the whole-tree roll-up query');
      cases.push(await measureCalls({ name: 'whole-tree roll-up · aggregates', seconds, concurrency: 2, run: rollupFromAggregates }));
      return {
        cases,
        details: [
          `bills made: ${String(gen.out.created)} (again: ${String(again.out.created)}), members without a standard: ${String(gen.out.missingStandard)}`,
          `root ${month}: ${root.bills} bills, due ${root.dueFen} fen, paid ${root.paidFen} fen, ${root.settled} settled; ${rollup.out.size} organisations rolled up`,
        ],
        summary: {
          orgs: province.orgs,
          members: province.members,
          bills: Number(gen.out.created),
          bills_1m_s: gen.s,
          bills_rerun_s: again.s,
          pay_80pct_s: paid.s,
          rollup_s: rollup.s,
          rollup_from_bills_s: rollupBills.s,
          rollup_http_s: treeHttp.s,
          collection_root_p99_ms: cases[0]!.p99,
          errors: cases.reduce((n, c) => n + c.errors, 0),
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

/**
 * A standard for every member of the province, made once: categories in realistic shares, bases
 * drawn from 4,000 values; each distinct (category, base) computed by the shared rules (F1–F4), so
 * the fee is never computed in SQL.
 */
async function ensureStandards(pool: pg.Pool, log: (m: string) => void) {
  // One connection throughout: the temporary table lives in its session.
  const client = await pool.connect();
  try {
    await makeStandards(client, log);
  } finally {
    client.release();
  }
}

async function makeStandards(pool: pg.PoolClient, log: (m: string) => void) {
  const meta = await pool.query(`SELECT value FROM bench_meta WHERE key = 'fees'`).catch(() => ({ rows: [] as Array<{ value: { version: number } }> }));
  const existing = (meta.rows[0] as { value: { version: number } } | undefined)?.value;
  if (existing?.version === FEE_STANDARDS_VERSION) {
    log('reusing the fee standards');
    return;
  }
  const year = Number(chinaMonth().slice(0, 4));
  log(`making a ${year} fee standard for every member (first run only)…`);
  const t0 = performance.now();
  await pool.query(`TRUNCATE fee_payment_bill, fee_bill, fee_org_month`);
  await pool.query(`DELETE FROM fee_standard`);
  // Bases: 4,000 values between 2,000 and 60,000 yuan (skewed low), in fen.
  const bases = Array.from({ length: 4000 }, (_, i) => 200_000 + Math.round((i / 4000) ** 2 * 5_800_000));
  const combos: Array<{ category: FeeCategory; base: number | null; idx: number }> = [];
  bases.forEach((base, idx) => combos.push({ category: 'salaried', base, idx }));
  bases.slice(0, 800).forEach((base, idx) => combos.push({ category: 'retiree', base, idx: 4000 + idx }));
  (['student', 'unemployed', 'relief', 'farmer'] as const).forEach((category, i) => combos.push({ category, base: null, idx: 4800 + i }));
  const fees = combos.map((c) => {
    const f = computeMonthlyFee({ category: c.category, baseFen: c.base }, DEFAULT_FEE_POLICY);
    return { ...c, standard: f.capped ? f.capFen : f.computedFen, monthly: f.monthlyFeeFen, rule: f.rule };
  });
  await pool.query(`CREATE TEMP TABLE fee_combo (idx int PRIMARY KEY, category text, base bigint, standard bigint, monthly bigint, rule text)`);
  await pool.query(`INSERT INTO fee_combo SELECT * FROM unnest($1::int[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::text[])`, [
    fees.map((f) => f.idx),
    fees.map((f) => f.category),
    fees.map((f) => f.base),
    fees.map((f) => f.standard),
    fees.map((f) => f.monthly),
    fees.map((f) => f.rule),
  ]);
  // 90 % salaried, 4 % retirees, 3 % students, 1 % each of the others; ids spread by a hash.
  await pool.query(
    `
    INSERT INTO fee_standard (member_id, year, effective_month, category, base_fen, farmer_amount_fen, standard_fen, monthly_fee_fen, rule, computation, recorded_by_name)
    SELECT m.id, $1, make_date($1, 1, 1), c.category, c.base, CASE WHEN c.category = 'farmer' THEN 20 END, c.standard, c.monthly, c.rule,
           jsonb_build_object('rule', c.rule, 'bench', true), '基准测试'
      FROM (SELECT id, abs(hashtext(id::text)) % 1000 AS h, abs(hashtext(reverse(id::text))) % 4000 AS b FROM member) m
      JOIN fee_combo c ON c.idx = CASE WHEN m.h < 900 THEN m.b
                                       WHEN m.h < 940 THEN 4000 + m.b % 800
                                       WHEN m.h < 970 THEN 4800
                                       WHEN m.h < 980 THEN 4801
                                       WHEN m.h < 990 THEN 4802 ELSE 4803 END`,
    [year],
  );
  await pool.query(`VACUUM (ANALYZE) fee_standard`);
  await pool.query(`INSERT INTO bench_meta (key, value) VALUES ('fees', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [
    JSON.stringify({ version: FEE_STANDARDS_VERSION, year }),
  ]);
  log(`  standards made in ${Math.round((performance.now() - t0) / 100) / 10} s`);
}

import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { chinaToday, creditCodeCheckChar, LEDGER_FIELD_LABEL } from '@dangjian/shared';
import { migrate } from '../src/db/data-source.js';
import { CoverageService } from '../src/ledger/coverage.service.js';
import { LEDGER_ROW_FIELDS } from '../src/ledger/ledger.repository.js';
import { XLSX_MIME } from '../src/common/upload.js';
import { adminToken } from './lib/auth.js';
import { benchDatabase } from './lib/db.js';
import { quantiles } from './lib/drive.js';
import { prng, type CaseResult } from './lib/load.js';
import { driveInChild, uploadInChild } from './lib/rate-process.js';
import { startServer } from './lib/server.js';
import { flagNumber, type Bench } from './lib/types.js';

const COMMITTEE = '台账基准测试党委';
const INDUSTRIES = ['软件和信息技术服务', '互联网和相关服务', '电子商务', '数字内容', '人工智能', '集成电路设计'];

/**
 * Enterprise ledger (issue 15): a committee with `--enterprises` (default 5,000) fresh enterprises
 * imports them as one .xlsx (sent from a separate process) → `import_5k_s`; then the coverage of the
 * whole area (K2/K3 with gaps and per-committee rows) → `coverage_ms` (p50 of one request at a time,
 * from a separate process, after the covering links, officers and visits of a realistic area exist).
 * Floors in the same run: the bare multi-row INSERT of the same rows into a table of the enterprise's
 * shape (rolled back), and the coverage computation in-process without HTTP.
 */
const bench: Bench = {
  description: 'ledger: import 5,000 enterprises from .xlsx, then coverage of the whole area',
  async run({ flags, log }) {
    const n = flagNumber(flags, 'enterprises', 5000);
    const load1 = os.loadavg()[0]!;
    const db = await benchDatabase();
    log(`database: ${db.where}; load average ${load1.toFixed(2)}`);
    await migrate(db.url);
    const client = new pg.Client({ connectionString: db.url, application_name: 'dangjian-bench' });
    await client.connect();
    let server: Awaited<ReturnType<typeof startServer>> | undefined;
    try {
      // A fresh committee each run (the import measures creating, not updating).
      await client.query(`UPDATE enterprise SET committee_id = NULL, credit_code = NULL WHERE committee_id IN (SELECT id FROM organisation WHERE name = $1)`, [
        COMMITTEE,
      ]);
      await client.query(`DELETE FROM organisation WHERE name = $1 OR (name LIKE '台账基准测试%' AND parent_id IS NOT NULL)`, [COMMITTEE]);
      const committee = (await client.query(`INSERT INTO organisation (name, kind) VALUES ($1, 'committee') RETURNING id`, [COMMITTEE])).rows[0] as {
        id: string;
      };
      const token = await adminToken(db.url, committee.id);
      const run = Date.now()
        .toString(36)
        .toUpperCase()
        .replace(/[IOSVZ]/g, 'X')
        .slice(-5)
        .padStart(5, '0');
      const rand = prng(15);
      const rows = Array.from({ length: n }, (_, i) => {
        const body = `91350200${run}${String(i).padStart(4, '0')}`;
        return {
          name: `台账基准测试企业${run}-${i + 1}号网络科技有限公司`,
          creditCode: body + creditCodeCheckChar(body)!,
          industry: INDUSTRIES[i % INDUSTRIES.length]!,
          employees: 5 + Math.floor(rand() * 500),
          foundedOn: `20${String(10 + (i % 15)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
          address: `软件园二期观日路 ${i + 1} 号`,
          contactName: '联系人',
          contactPhone: `0592-${String(5_000_000 + i)}`,
          declaredMembers: Math.floor(rand() * 4),
          notes: null,
          listedOn: '2025-01-01',
          leftOn: null,
        };
      });
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('企业台账');
      ws.addRow(LEDGER_ROW_FIELDS.map((f) => LEDGER_FIELD_LABEL[f]));
      for (const r of rows) ws.addRow(LEDGER_ROW_FIELDS.map((f) => r[f]));
      const file = path.join(os.tmpdir(), `ledger-bench-${process.pid}.xlsx`);
      writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));

      // Floor: the same rows in one INSERT into a table of the enterprise's shape, rolled back.
      await client.query('BEGIN');
      await client.query(`CREATE TEMP TABLE bare (LIKE enterprise INCLUDING DEFAULTS) ON COMMIT DROP`);
      const b0 = performance.now();
      await client.query(
        `INSERT INTO bare (name, credit_code, industry, employees, address) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[])`,
        [rows.map((r) => r.name), rows.map((r) => r.creditCode), rows.map((r) => r.industry), rows.map((r) => r.employees), rows.map((r) => r.address)],
      );
      const bareMs = Math.round(performance.now() - b0);
      await client.query('ROLLBACK');

      server = await startServer(db.url);
      const port = Number(new URL(server.baseUrl).port);
      log(`importing ${n} enterprises from a separate process…`);
      const up = await uploadInChild({ port, token, path: `/api/v1/ledger/import?committeeId=${committee.id}`, file, contentType: XLSX_MIME });
      if (up.status !== 200) throw new Error(`import answered ${up.status}: ${up.text}`);
      const importS = Math.round(up.ms / 100) / 10;
      log(`import: ${importS} s (bare insert floor ${bareMs} ms)`);

      // A realistic area: branches covering 60 % (a tenth through joint branches), an instructor visiting a third.
      const ids = ((await client.query(`SELECT id FROM enterprise WHERE committee_id = $1 ORDER BY name`, [committee.id])).rows as Array<{ id: string }>).map(
        (r) => r.id,
      );
      const branches = (
        await client.query(
          `INSERT INTO organisation (name, kind, parent_id, is_joint) SELECT '台账基准测试支部' || g, 'branch', $1, g % 10 = 0 FROM generate_series(1, $2) g RETURNING id`,
          [committee.id, Math.floor(ids.length * 0.6)],
        )
      ).rows as Array<{ id: string }>;
      await client.query(`INSERT INTO organisation_enterprise (organisation_id, enterprise_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [
        branches.map((b) => b.id),
        ids.slice(0, branches.length),
      ]);
      const officer = (await client.query(`INSERT INTO user_account (display_name) VALUES ('基准测试指导员') RETURNING id`)).rows[0] as { id: string };
      const visited = ids.filter((_, i) => i % 3 === 0);
      await client.query(`INSERT INTO enterprise_officer (enterprise_id, role, user_id, starts_on) SELECT unnest($1::uuid[]), 'instructor', $2, '2025-01-01'`, [
        visited,
        officer.id,
      ]);
      await client.query(
        `INSERT INTO enterprise_visit (enterprise_id, user_id, visited_on, people_met, topics) SELECT unnest($1::uuid[]), $2, $3::date, '负责人', '党建工作'`,
        [visited, officer.id, chinaToday()],
      );
      await client.query('ANALYZE');

      const coverage = server.app.get(CoverageService);
      const inProcess: number[] = [];
      for (let i = 0; i < 12; i++) {
        const t0 = performance.now();
        await coverage.bigScreenSummary(committee.id);
        inProcess.push(performance.now() - t0);
      }
      const floor = quantiles(inProcess.slice(2));
      const path1 = `/api/v1/ledger/coverage?committeeId=${committee.id}`;
      log('coverage: 40 requests one at a time from a separate process…');
      const cov = await driveInChild({ port, token, paths: [path1], rate: 1, seconds: 1, closedLoop: { count: 40, concurrency: 1 } });
      const summary = (await (await fetch(`${server.baseUrl}${path1}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        orgRate: number;
        workRate: number;
      };
      log(`coverage: p50 ${cov.p50} ms, p99 ${cov.p99} ms (in-process p50 ${floor.p50} ms); org ${summary.orgRate} %, work ${summary.workRate} %`);
      const cases: CaseResult[] = [
        { name: `bare insert: ${n} rows, no checks`, via: 'sql', p50: bareMs, p99: bareMs, rps: 0, requests: 1, errors: 0 },
        { name: `import ${n} enterprises (.xlsx)`, via: 'http', p50: up.ms, p99: up.ms, rps: 0, requests: 1, errors: 0 },
        { name: 'coverage, in-process (no HTTP)', via: 'sql', p50: floor.p50, p99: floor.p99, rps: 0, requests: inProcess.length - 2, errors: 0 },
        { name: 'coverage of the area, one at a time', via: 'http', p50: cov.p50, p99: cov.p99, rps: cov.achieved, requests: cov.requests, errors: cov.errors },
      ];
      return {
        cases,
        summary: {
          enterprises: n,
          import_5k_s: importS,
          coverage_ms: cov.p50,
          coverage_p99_ms: cov.p99,
          coverage_in_process_ms: floor.p50,
          bare_insert_ms: bareMs,
          load_average: Math.round(load1 * 100) / 100,
          errors: cov.errors,
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

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestDatabase } from './utils/db.js';
import { PhoneCipher, SensitiveCipher } from '../src/common/sensitive-cipher.js';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/config.js';
import { createRootLogger } from '../src/common/logger.js';

/** The real application on an existing database (not a fresh clone). */
async function appOn(url: string) {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', H5_DIR: '/nonexistent' });
  const app = await createApp(config, url, createRootLogger('silent'));
  const inject = app.getHttpAdapter().getInstance();
  return {
    app,
    ds: app.get(DataSource),
    call: (method: 'GET' | 'POST', url: string, body?: object) => inject.inject({ method, url: `/api/v1${url}`, ...(body ? { payload: body } : {}) }),
  };
}

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'src', 'cli', 'admin.js');
const PASSWORD = 'Committee2026pass';

// Each CLI run is a Node start plus migrations check: slow on a busy 2-core machine.
const SLOW = 240_000;

type Run = { code: number | null; out: string; err: string };

/** Runs the built CLI as an operator would (`node server/dist/src/cli/admin.js …`). */
function run(args: string[], env: Record<string, string>, stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', LOG_LEVEL: 'silent', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
    if (stdin !== undefined) child.stdin.end(stdin);
    else child.stdin.end();
  });
}

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

describe('admin CLI: first install without demo data', () => {
  it(
    'init creates the platform administrator and the root organisation once; a retry is a no-op; other arguments are refused',
    async () => {
      const db = await createTestDatabase();
      try {
        const env = { DATABASE_URL: db.url, DANGJIAN_ADMIN_PASSWORD: PASSWORD };
        const args = ['init', '--org-name', '星河科技园党委', '--username', 'admin', '--display-name', '张管理'];
        // Two runs at once (a retried deploy step): one creates, the other finds it done.
        const [a, b] = await Promise.all([run(args, env), run(args, env)]);
        expect([a.code, b.code]).toEqual([0, 0]);
        expect([a.out, b.out].filter((o) => o.includes('已创建平台管理员'))).toHaveLength(1);
        expect([a.out, b.out].filter((o) => o.includes('本次未做任何更改'))).toHaveLength(1);
        expect(a.out + a.err + b.out + b.err).not.toContain(PASSWORD);

        const again = await run(args, env);
        expect(again.code).toBe(0);
        expect(again.out).toContain('本次未做任何更改');
        const other = await run(['init', '--org-name', '别的党委', '--username', 'root2'], env);
        expect(other.code).toBe(1);
        expect(other.err).toContain('拒绝再次执行');

        const rows = await query<{ username: string; role: string; name: string; kind: string; parent_id: string | null }>(
          db.url,
          `SELECT u.username, r.role, o.name, o.kind, o.parent_id FROM user_account u JOIN role_assignment r ON r.user_id = u.id JOIN organisation o ON o.id = r.organisation_id`,
        );
        expect(rows).toEqual([{ username: 'admin', role: 'platform_admin', name: '星河科技园党委', kind: 'committee', parent_id: null }]);
        const audit = await query<{ action: string }>(db.url, `SELECT action FROM audit_log`);
        expect(audit).toEqual([{ action: 'install.init' }]);

        // The administrator signs in with that password and can build the rest.
        const t = await appOn(db.url);
        try {
          const sess = await t.call('POST', '/auth/password', { username: 'admin', password: PASSWORD });
          expect(sess.statusCode).toBe(200);
        } finally {
          await t.app.close();
        }
      } finally {
        await db.drop();
      }
    },
    SLOW,
  );

  it(
    'reads the password from standard input without echoing it, and checks it',
    async () => {
      const db = await createTestDatabase();
      try {
        const weak = await run(['init', '--org-name', '党委', '--username', 'admin'], { DATABASE_URL: db.url }, 'short\nshort\n');
        expect(weak.code).toBe(1);
        expect(weak.err).toContain('密码');
        const mismatch = await run(['init', '--org-name', '党委', '--username', 'admin'], { DATABASE_URL: db.url }, `${PASSWORD}\nother${PASSWORD}\n`);
        expect(mismatch.code).toBe(1);
        const ok = await run(['init', '--org-name', '党委', '--username', 'admin'], { DATABASE_URL: db.url }, `${PASSWORD}\n${PASSWORD}\n`);
        expect(ok.code).toBe(0);
        expect(ok.out + ok.err).not.toContain(PASSWORD);
        expect(ok.err).toContain('管理员密码');
        const usage = await run(['init'], { DATABASE_URL: db.url });
        expect(usage.code).toBe(2);
      } finally {
        await db.drop();
      }
    },
    SLOW,
  );

  it(
    'demo-remove empties a demo install (refused while real accounts exist), then init works',
    async () => {
      const db = await createTestDatabase();
      try {
        const [org] = await query<{ id: string }>(db.url, `INSERT INTO organisation (name, kind) VALUES ('演示园区党委', 'committee') RETURNING id`);
        await query(db.url, `INSERT INTO user_account (username, display_name, is_demo) VALUES ('demo-worker', '赵干事', true)`);
        await query(
          db.url,
          `INSERT INTO member (organisation_id, name, gender, ethnicity, birth_date, join_date, status) VALUES ($1, '李党员', 'male', '汉族', '1990-01-01', '2020-01-01', 'full')`,
          [org!.id],
        );
        const env = { DATABASE_URL: db.url, DANGJIAN_ADMIN_PASSWORD: PASSWORD };
        expect((await run(['init', '--org-name', '党委', '--username', 'admin'], env)).err).toContain('demo-remove');
        expect((await run(['demo-remove'], env)).code).toBe(1);

        await query(db.url, `INSERT INTO user_account (username, display_name) VALUES ('real-user', '真实用户')`);
        const refused = await run(['demo-remove', '--yes'], env);
        expect(refused.code).toBe(1);
        expect(refused.err).toContain('真实账号');
        await query(db.url, `DELETE FROM user_account WHERE username = 'real-user'`);

        const removed = await run(['demo-remove', '--yes'], env);
        expect(removed.code).toBe(0);
        expect(removed.out).toContain('已删除演示数据');
        expect(await query(db.url, `SELECT 1 FROM organisation UNION ALL SELECT 1 FROM member UNION ALL SELECT 1 FROM user_account`)).toEqual([]);
        expect((await run(['demo-remove', '--yes'], env)).out).toContain('没有演示数据');
        // The audit log is append-only again afterwards.
        await expect(query(db.url, 'TRUNCATE audit_log')).rejects.toThrow();
        expect((await run(['init', '--org-name', '党委', '--username', 'admin'], env)).code).toBe(0);
      } finally {
        await db.drop();
      }
    },
    SLOW,
  );

  it(
    'rotate-data-key re-encrypts national IDs and phone numbers (ciphertext and blind index) and can be run again',
    async () => {
      const db = await createTestDatabase();
      try {
        const oldKey = Buffer.alloc(32, 1);
        const newKey = Buffer.alloc(32, 2);
        const id = '11010519491231002X';
        const phone = '13712345678';
        const before = new SensitiveCipher(oldKey);
        const phonesBefore = new PhoneCipher(oldKey);
        const [org] = await query<{ id: string }>(db.url, `INSERT INTO organisation (name, kind) VALUES ('党委', 'committee') RETURNING id`);
        const sealed = phonesBefore.seal(phone);
        const [member] = await query<{ id: string }>(
          db.url,
          `INSERT INTO member (organisation_id, name, gender, ethnicity, join_date, status, national_id_enc, national_id_hash, national_id_masked, birth_date,
             phone_enc, phone_hash, phone_masked)
         VALUES ($1, '张三', 'female', '汉族', '2020-01-01', 'full', $2, $3, '110***********002X', '1949-12-31', $4, $5, $6) RETURNING id`,
          [org!.id, before.encrypt(id), before.blindIndex(id), sealed.phoneEnc, sealed.phoneHash, sealed.phoneMasked],
        );
        // M4: the transfer's contact phone and the applicant's ID and phone are sealed under DATA_KEY too.
        await query(
          db.url,
          `INSERT INTO transfer (kind, state, member_id, member_name, started_by, from_org_name, to_org_name, member_phone_enc, member_phone_masked)
           VALUES ('outbound', 'pending_branch', $1, '张三', 'branch', '党委', '外单位', $2, '137****5678')`,
          [member!.id, phonesBefore.encrypt(phone)],
        );
        await query(
          db.url,
          `INSERT INTO development_record (organisation_id, name, gender, birth_date, ethnicity, national_id_enc, person_key, phone_enc, state, rule_set, last_on, applied_on)
           VALUES ($1, '王五', 'female', '1949-12-31', '汉族', $2, $3, $4, 'applied', 'v1', '2025-01-01', '2025-01-01')`,
          [org!.id, before.encrypt(id), before.blindIndex(id), phonesBefore.encrypt(phone)],
        );
        const env = { DATABASE_URL: db.url, DATA_KEY_OLD: oldKey.toString('base64'), DATA_KEY: newKey.toString('base64') };
        const wrongOld = await run(['rotate-data-key'], { ...env, DATA_KEY_OLD: Buffer.alloc(32, 3).toString('base64') });
        expect(wrongOld.code).toBe(1);
        const r = await run(['rotate-data-key'], env);
        expect(r.code).toBe(0);
        expect(r.out).toContain('重新加密 5 条');
        const [row] = await query<{ enc: string; hash: string; phone_enc: string; phone_hash: string }>(
          db.url,
          `SELECT national_id_enc AS enc, national_id_hash AS hash, phone_enc, phone_hash FROM member`,
        );
        const after = new SensitiveCipher(newKey);
        const phonesAfter = new PhoneCipher(newKey);
        expect(after.decrypt(row!.enc)).toBe(id);
        expect(row!.hash).toBe(after.blindIndex(id));
        expect(phonesAfter.decrypt(row!.phone_enc)).toBe(phone);
        expect(row!.phone_hash).toBe(phonesAfter.blindIndex(phone));
        const [tr] = await query<{ enc: string }>(db.url, `SELECT member_phone_enc AS enc FROM transfer`);
        expect(phonesAfter.decrypt(tr!.enc)).toBe(phone);
        const [dev] = await query<{ id_enc: string; person_key: string; phone_enc: string }>(
          db.url,
          `SELECT national_id_enc AS id_enc, person_key, phone_enc FROM development_record`,
        );
        expect(after.decrypt(dev!.id_enc)).toBe(id);
        expect(dev!.person_key).toBe(after.blindIndex(id));
        expect(phonesAfter.decrypt(dev!.phone_enc)).toBe(phone);
        expect((await run(['rotate-data-key'], env)).out).toContain('已是新密钥的 5 条');
      } finally {
        await db.drop();
      }
    },
    SLOW,
  );
});

/**
 * Backups (docs/operations.md): pg_dump in custom format, pg_restore into an empty database, and the
 * restored copy has the data. Needs a pg_dump at least as new as the server (the machine's client
 * tools are PostgreSQL 15; the embedded 18 ships none), so it runs in the PostgreSQL 15 job.
 */
describe('backup and restore with pg_dump / pg_restore', () => {
  const dumpMajor = Number(/(\d+)\./.exec(spawnSync('pg_dump', ['--version'], { encoding: 'utf8' }).stdout ?? '')?.[1] ?? 0);
  it(
    'restores a dump into an empty database that then serves the same data',
    async () => {
      const db = await createTestDatabase();
      const restored = await createTestDatabase();
      const dir = mkdtempSync(path.join(os.tmpdir(), 'dangjian-backup-'));
      try {
        const v = (await query<{ v: number }>(db.url, `SELECT current_setting('server_version_num')::int / 10000 AS v`))[0]!.v;
        if (dumpMajor < v) {
          process.stdout.write(`backup test: pg_dump ${dumpMajor} cannot dump PostgreSQL ${v}; it runs in the PostgreSQL 15 job\n`);
          return;
        }
        await query(db.url, `INSERT INTO organisation (name, kind) VALUES ('备份测试党委', 'committee')`);
        const file = path.join(dir, 'dangjian.dump');
        const dump = spawnSync('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, db.url], { encoding: 'utf8' });
        expect(dump.status).toBe(0);
        // An empty database, as a restore target on a new machine would be.
        await query(restored.url, 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
        const restore = spawnSync('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${restored.url}`, file], { encoding: 'utf8' });
        expect(restore.stderr).toBe('');
        expect(restore.status).toBe(0);
        expect(await query(restored.url, `SELECT name, path::text <> '' AS has_path FROM organisation`)).toEqual([{ name: '备份测试党委', has_path: true }]);
        // The restored database is a working install: the app starts on it and the data is there.
        const t = await appOn(restored.url);
        try {
          const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM migrations`);
          expect(n).toBeGreaterThan(20);
        } finally {
          await t.app.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await db.drop();
        await restored.drop();
      }
    },
    SLOW,
  );
});

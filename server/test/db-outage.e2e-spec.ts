import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/config.js';
import { createRootLogger } from '../src/common/logger.js';
import { migrate } from '../src/db/data-source.js';
import { startEmbeddedPostgres, type EmbeddedHandle } from '../src/db/embedded/embedded-postgres.js';
import { SessionService } from '../src/auth/session.service.js';

type Op = { method: string; path: string };

/**
 * Issue 11: while PostgreSQL is unreachable every route answers 503 DATABASE_UNAVAILABLE with
 * Retry-After, never 500; when it is back the server recovers by itself. This file owns a real
 * embedded PostgreSQL that it stops (under load) and starts again on the same port.
 */
describe('database outage', () => {
  let dir: string;
  let pg: EmbeddedHandle;
  let port: number;
  let app: NestFastifyApplication;
  let token: string;
  const dbName = 'dangjian';

  const start = async () => {
    pg = await startEmbeddedPostgres({ dataDir: dir, database: dbName, persistent: true, fast: true, ...(port ? { port } : {}) });
    port = Number(new URL(pg.url).port);
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dangjian-outage-pg-'));
    await start();
    await migrate(pg.url);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', H5_DIR: '/nonexistent', DB_POOL_SIZE: '4' });
    app = await createApp(config, pg.url, createRootLogger('silent'));
    const ds = app.get(DataSource);
    const [org] = await ds.query(`INSERT INTO organisation (name, kind) VALUES ('园区党委', 'committee') RETURNING id`);
    const [user] = await ds.query(`INSERT INTO user_account (display_name) VALUES ('管理员') RETURNING id`);
    await ds.query(`INSERT INTO role_assignment (user_id, role, organisation_id) VALUES ($1, 'platform_admin', $2)`, [user.id, org.id]);
    token = (await app.get(SessionService).open(user.id, 'test')).accessToken;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const inject = (method: string, url: string) =>
    app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${token}` }, ...(method === 'GET' ? {} : { payload: {} }) });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After on every route while down, under load, and recovers by itself', async () => {
    expect((await inject('GET', '/api/v1/organisations')).statusCode).toBe(200);
    const doc = JSON.parse((await inject('GET', '/api/v1/openapi.json')).body) as { paths: Record<string, Record<string, unknown>> };
    const ops: Op[] = [];
    for (const [p, methods] of Object.entries(doc.paths)) {
      for (const m of Object.keys(methods)) ops.push({ method: m.toUpperCase(), path: p.replace(/\{[^}]+\}/g, () => randomUUID()) });
    }

    // Load: a steady stream of reads through the outage.
    const seen: Array<{ status: number; code?: string; retryAfter?: string }> = [];
    let loading = true;
    const load = (async () => {
      while (loading) {
        const res = await inject('GET', '/api/v1/organisations');
        seen.push({ status: res.statusCode, code: (JSON.parse(res.body) as { code?: string }).code, retryAfter: res.headers['retry-after'] });
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    await pg.stop();

    const down: Array<Op & { status: number; code?: string; retryAfter?: unknown; message?: string }> = [];
    try {
      for (const op of ops) {
        const res = await inject(op.method, op.path);
        const body = (res.body ? JSON.parse(res.body) : {}) as { code?: string; message?: string };
        down.push({ ...op, status: res.statusCode, code: body.code, message: body.message, retryAfter: res.headers['retry-after'] });
      }
    } finally {
      loading = false;
      await load;
    }
    // Routes that never reach the database (liveness, the OpenAPI document) keep answering; the rest say 503.
    const wrong = down.filter((d) =>
      d.status === 503 ? d.code !== 'DATABASE_UNAVAILABLE' || !(Number(d.retryAfter) > 0) || !/数据库/.test(d.message ?? '') : d.status >= 500,
    );
    expect(wrong).toEqual([]);
    // Everything that needs the database said so.
    expect(down.filter((d) => d.status === 503).length).toBeGreaterThan(ops.length * 0.8);
    expect((await inject('GET', '/api/v1/health/ready')).statusCode).toBe(503);

    await start();
    const back = Date.now();
    let recovered = false;
    while (Date.now() - back < 20_000) {
      if ((await inject('GET', '/api/v1/organisations')).statusCode === 200) {
        recovered = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(recovered).toBe(true);
    expect((await inject('GET', '/api/v1/health/ready')).statusCode).toBe(200);
    // Under load: only successes and DATABASE_UNAVAILABLE, never a 500.
    expect(seen.filter((s) => s.status === 503).length).toBeGreaterThan(0);
    for (const s of seen) {
      if (s.status !== 200) expect(s).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE', retryAfter: expect.any(String) });
    }
  }, 120_000);
});

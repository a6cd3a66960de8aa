import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { createRootLogger } from '../../src/common/logger.js';
import { createTestDatabase } from './db.js';

/**
 * A response body or row under test: read through `expect(...)`, which is the check that matters
 * here (product code types the same shapes through the shared schemas). The one `any` of the tests.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type Untyped = any;

export type TestApp = {
  app: NestFastifyApplication;
  ds: DataSource;
  config: AppConfig;
  url: string;
  call: <T = Untyped>(method: string, path: string, opts?: CallOptions) => Promise<CallResult<T>>;
  close: () => Promise<void>;
};
export type CallOptions = { token?: string; body?: unknown; headers?: Record<string, string>; payload?: Buffer | string };
export type CallResult<T> = { status: number; body: T; headers: Record<string, unknown>; raw: Buffer };

/**
 * The real application on its own freshly migrated database, driven through Fastify's inject
 * (no sockets). `env` overrides configuration for this file only; `database`, a migrated database
 * of the test's own (a replica's primary), replaces the fresh one.
 */
export async function createTestApp(env: Record<string, string> = {}, database?: { url: string; drop: () => Promise<void> }): Promise<TestApp> {
  const db = database ?? (await createTestDatabase());
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', H5_DIR: '/nonexistent', ...env });
  const app = await createApp(config, db.url, createRootLogger(config.LOG_LEVEL));
  const ds = app.get(DataSource);
  const fastify = app.getHttpAdapter().getInstance();
  const call = async <T>(method: string, path: string, opts: CallOptions = {}): Promise<CallResult<T>> => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const res = await fastify.inject({
      method: method as 'GET',
      url: path.startsWith('/api/') ? path : `/api/v1${path}`,
      headers,
      ...(opts.payload !== undefined ? { payload: opts.payload } : opts.body !== undefined ? { payload: opts.body as object } : {}),
    });
    const type = String(res.headers['content-type'] ?? '');
    return {
      status: res.statusCode,
      body: (type.includes('json') && res.body ? JSON.parse(res.body) : res.body) as T,
      headers: res.headers,
      raw: res.rawPayload,
    };
  };
  return {
    app,
    ds,
    config,
    url: db.url,
    call,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

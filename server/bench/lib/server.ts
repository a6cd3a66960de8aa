import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config/config.js';
import { createRootLogger } from '../../src/common/logger.js';

export type BenchServer = { baseUrl: string; app: NestFastifyApplication; close: () => Promise<void> };

/** The real application on the bench database, listening on a free loopback port, logging nothing. */
export async function startServer(databaseUrl: string): Promise<BenchServer> {
  const config = loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    H5_DIR: '/nonexistent',
    DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '20',
    ...(process.env.DATA_KEY ? { DATA_KEY: process.env.DATA_KEY } : {}),
  });
  const app = await createApp(config, databaseUrl, createRootLogger('silent'));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, app, close: () => app.close() };
}

import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/config.js';
import { PinoNestLogger } from './common/logger.js';
import { registerUploads } from './common/upload.js';
import { addQueryParameters } from './common/openapi-query.js';
import { registerTestClock } from './study/test-clock.js';
import { registerHotRoutes } from './auth/hot-route.js';
import { postgresRateLimitStore } from './auth/rate-limit.js';
import { RateLimitRepository } from './auth/rate-limit.repository.js';
import { clientErrorHandler, refuseUnstorableCharacters, registerSecurityHeaders } from './common/hardening.js';

// Validation messages in Chinese for every zod schema the server runs.
z.config(z.locales.zhCN());

export const API_PREFIX = 'api/v1';

/** Builds the whole HTTP application on a database that is already migrated. Tests call this too. */
export async function createApp(config: AppConfig, databaseUrl: string, logger: Logger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 2 * 1024 * 1024,
    // On shutdown, idle keep-alive sockets close at once; requests in flight finish first.
    forceCloseConnections: 'idle',
    // Oversized headers (431) and malformed requests answer `{ code, message }` like every other error.
    clientErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl), adapter, {
    logger: new PinoNestLogger(logger.child({ component: 'nest' })),
    // The exact bytes of JSON bodies (req.rawBody): WeChat Pay signs notifications over them.
    rawBody: true,
  });
  app.setGlobalPrefix(API_PREFIX);
  if (config.CORS_ORIGINS) app.enableCors({ origin: config.CORS_ORIGINS.split(',').map((s) => s.trim()) });

  registerSecurityHeaders(app, config);
  refuseUnstorableCharacters(app);
  registerHotRoutes(app);
  const fastify = app.getHttpAdapter().getInstance();
  // Set when the request arrives, so error answers carry it too (Fastify keeps a reply's headers on errors).
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  // Limits are per route, set with @RouteConfig({ rateLimit }) where needed (sign-in, binding). The
  // counters are shared by every process and instance: in PostgreSQL, or Redis when REDIS_URL is set.
  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 }) : null;
  if (redis)
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onClose', async () => void (await redis.quit()));
  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis, nameSpace: 'dangjian-rl-' } : { store: postgresRateLimitStore(app.get(RateLimitRepository)) }),
    // A store that cannot answer (the database down) must not turn a sign-in into a 500: the sign-in answers for itself.
    skipOnError: true,
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, code: 'RATE_LIMITED', message: `操作过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试` }),
  });
  // Roster uploads: multipart (wx.uploadFile, FormData) and raw .xlsx bodies, size-limited.
  await registerUploads(app);

  // The document is built on its first request, not at start: turning every route's zod schemas into
  // OpenAPI was most of the start-up CPU (~85 % of createApp, profiled), paid by every server start
  // and every API test file although few of them read the document. Built once, then served as is.
  const document = () => {
    const doc = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('智慧党建 dangjian API')
        .setDescription('REST API of the dangjian platform. Every request and response shape comes from the zod schemas in `shared/`.')
        .setVersion('1')
        .addBearerAuth()
        .build(),
    );
    try {
      addQueryParameters(app, doc);
    } catch (err) {
      // The document is documentation: a failure here must not stop the API (the OpenAPI test catches it).
      logger.error({ err }, 'OpenAPI: query parameters could not be added');
    }
    return doc;
  };
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, document, {
    jsonDocumentUrl: `${API_PREFIX}/openapi.json`,
    yamlDocumentUrl: `${API_PREFIX}/openapi.yaml`,
  });

  if (existsSync(config.H5_DIR)) {
    await app.register(fastifyStatic, { root: config.H5_DIR, prefix: '/', wildcard: false, index: ['index.html'] });
  } else {
    logger.warn({ dir: config.H5_DIR }, 'H5 build not found: the app is not served (run `pnpm build`)');
  }
  // E2E only (DANGJIAN_TEST_CLOCK=1): POST /api/v1/test/clock.
  registerTestClock(app, config);
  await app.init();
  return app;
}

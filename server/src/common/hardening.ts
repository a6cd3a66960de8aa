import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { Socket } from 'node:net';
import helmet from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/config.js';

/**
 * Edges every route shares (issue 11): security headers, characters PostgreSQL cannot store, the
 * errors Node's HTTP parser answers before Fastify sees a request, and the database being away.
 * All answers keep the one error shape `{ code, message }` with a Chinese message.
 */

/** Seconds a client should wait before retrying while the database is unreachable. */
export const DB_RETRY_AFTER_S = 5;

/**
 * Error codes of node-postgres and PostgreSQL that mean "the database is not there right now"
 * (refused/reset connections, admin shutdown 57P01–57P03, connection exceptions 08xxx, too many
 * connections 53300), as opposed to a bad query.
 */
const DB_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const DB_DOWN_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended|the database system is (starting up|shutting down|in recovery mode)|Client was closed and is not queryable/i;

/** True when `err` (a pg error, a TypeORM QueryFailedError wrapping one, or a connect error) says the database is unreachable. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, message, driverError, cause } = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof code === 'string' && (DB_DOWN_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && DB_DOWN_MESSAGES.test(message)) return true;
    if (e instanceof AggregateError && e.errors.some((x) => isDatabaseUnavailable(x))) return true;
    e = driverError ?? cause;
  }
  return false;
}

/**
 * NUL (PostgreSQL's text and jsonb cannot hold U+0000) and unpaired UTF-16 surrogates (not Unicode
 * at all: the driver would silently store U+FFFD instead). Other control characters are storable.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

/** The first path (`body.a.0.b`) whose key or string value holds an unstorable character, or null. */
export function findUnstorable(value: unknown, at: string, depth = 0): string | null {
  if (typeof value === 'string') return unstorable(value) ? at : null;
  if (depth > 64 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findUnstorable(value[i], `${at}.${i}`, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    if (unstorable(k)) return `${at}.${k.replaceAll('\u0000', '?').replace(LONE_SURROGATE, '?')}`;
    const hit = findUnstorable(v, `${at}.${k}`, depth + 1);
    if (hit) return hit;
  }
  return null;
}

/** Content-Security-Policy hashes of the inline scripts in the H5 index.html (Taro's rem set-up). */
export function inlineScriptHashes(h5Dir: string): string[] {
  const index = path.join(h5Dir, 'index.html');
  if (!existsSync(index)) return [];
  const html = readFileSync(index, 'utf8');
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (m[1]) hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/**
 * Security headers on every answer (helmet). The CSP allows what the H5 app and the OpenAPI UI
 * (/api/v1/docs) use and nothing else: scripts from this origin plus the hashed inline script of the
 * H5 index.html, inline styles (React style props, Swagger UI), images and media from this origin,
 * data: and blob: (QR codes, photo previews) and the S3 endpoint when media live there. HSTS only
 * when the public address is https (on plain http it would lock browsers out of a LAN demo).
 * helmet's middleware is built once here: @fastify/helmet built it again for every request, about a
 * tenth of a check-in's or a ballot's time in the server (issue 12). And it is run once: with these
 * options (no directive is a function, no nonce) its headers are the same for every request, so they
 * are recorded at start and set as one block on the reply; Node then checks them once when it writes
 * the head, where helmet's eleven raw setHeader calls cost ~5 % of a heartbeat's server time.
 */
export function registerSecurityHeaders(app: NestFastifyApplication, config: AppConfig): void {
  const https = config.PUBLIC_BASE_URL.startsWith('https://');
  const s3 = config.STORAGE_BACKEND === 's3' && config.S3_ENDPOINT ? [new URL(config.S3_ENDPOINT).origin] : [];
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes(config.H5_DIR)],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...s3],
        mediaSrc: ["'self'", 'blob:', ...s3],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 180 * 86_400, includeSubDomains: true } : false,
    // The mini-program and the configured CORS origins load media cross-origin.
    crossOriginResourcePolicy: { policy: config.CORS_ORIGINS ? 'cross-origin' : 'same-origin' },
  });
  const fixed: Record<string, string> = {};
  // Lower-case names: Fastify lower-cases each name it is given, which costs nothing when it already is.
  const recorder = { setHeader: (name: string, value: string) => void (fixed[name.toLowerCase()] = value), removeHeader: () => undefined };
  headers({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_req, reply, done) => {
      void reply.headers(fixed);
      done();
    });
}

const CHAR_MESSAGE = '请求中含有无法保存的字符（如空字符），请删除后重试';

/**
 * Refuses, for every route at once, a body, query or path parameter carrying a character PostgreSQL
 * cannot store, before any handler runs: 400 INVALID_CHARACTERS instead of a 500 from the database.
 */
export function refuseUnstorableCharacters(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const where =
      findUnstorable(request.params, 'params') ??
      findUnstorable(request.query, 'query') ??
      (request.isMultipart?.() ? null : findUnstorable(request.body, 'body'));
    if (!where) return;
    return reply
      .code(400)
      .header('x-request-id', request.id)
      .send({ code: 'INVALID_CHARACTERS', message: CHAR_MESSAGE, details: [{ path: where.split('.'), message: CHAR_MESSAGE }], requestId: request.id });
  });
}

/**
 * Node's HTTP parser rejects some requests before Fastify sees them (headers over the size limit:
 * 431; a malformed request line; a request timeout): answer those in the same shape too.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'HEADERS_TOO_LARGE', '请求头过大，请清理浏览器 Cookie 后重试']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'REQUEST_TIMEOUT', '请求超时，请重试']
        : [400, 'BAD_REQUEST', '请求格式不正确'];
  const body = JSON.stringify({ code, message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { IntervalJob } from '../common/interval-job.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { RateLimitRepository } from './rate-limit.repository.js';

const DEFAULT_PER_MINUTE = 10;
/** Ended windows are deleted this often (a row per client IP and route otherwise stays until its key comes back). */
const SWEEP_INTERVAL_S = 600;
const perApp = new WeakMap<object, number>();

/**
 * The route decorator is evaluated once per process, but the limit is per application
 * (AUTH_RATE_LIMIT_PER_MIN, lowered in tests, where one process runs several apps): the module
 * registers its value on its Fastify instance at start, and the limit is looked up per request.
 */
export function setSignInRateLimit(fastify: object, perMinute: number) {
  perApp.set(fastify, perMinute);
}

function limitFor(req: FastifyRequest): number {
  // Encapsulated Fastify contexts inherit from their parent through the prototype chain.
  for (let s: object | null = req.server; s; s = Object.getPrototypeOf(s) as object | null) {
    const limit = perApp.get(s);
    if (limit !== undefined) return limit;
  }
  return DEFAULT_PER_MINUTE;
}

/** `@RouteConfig(SIGN_IN_RATE_LIMIT)`: per client IP and route, answered 429 RATE_LIMITED in the common error shape. */
export const SIGN_IN_RATE_LIMIT = { rateLimit: { max: (req: FastifyRequest) => limitFor(req), timeWindow: '1 minute' } };

/**
 * A @fastify/rate-limit store on PostgreSQL (issue 12): the counters of every process and instance
 * on the database add up, unlike the plugin's default per-process memory. One upsert per sign-in
 * attempt — the routes limited are the sign-in ones, never hot paths. (With REDIS_URL the plugin's
 * own Redis store is used instead.)
 */
export function postgresRateLimitStore(repo: RateLimitRepository): FastifyRateLimitStoreCtor {
  class PostgresStore implements FastifyRateLimitStore {
    constructor(private readonly prefix = '') {}

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number) {
      repo.hit(`${this.prefix}${key}`, timeWindow).then(
        (r) => callback(null, r),
        (err: Error) => callback(err),
      );
    }

    /** The route's own counters, keyed like the plugin's Redis store: `METHODurl-` before the client's key. */
    child(routeOptions: object) {
      // The plugin passes the merged limit settings with the route as `routeInfo` (its types say otherwise).
      const route = (routeOptions as { routeInfo?: { method?: string; url?: string } }).routeInfo;
      return new PostgresStore(`${this.prefix}${route?.method ?? ''}${route?.url ?? ''}-`);
    }
  }
  return PostgresStore as unknown as FastifyRateLimitStoreCtor;
}

/** Deletes the ended rate-limit windows every SWEEP_INTERVAL_S (one instance at a time). */
@Injectable()
export class RateLimitSweepJob extends IntervalJob {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: RateLimitRepository,
  ) {
    super('RateLimitSweep');
  }

  protected get intervalS() {
    return this.config.REDIS_URL ? 0 : SWEEP_INTERVAL_S;
  }

  protected async run() {
    const removed = await this.repo.sweep();
    return removed ? { removed } : undefined;
  }
}

import type { FastifyRequest } from 'fastify';

const DEFAULT_PER_MINUTE = 10;
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

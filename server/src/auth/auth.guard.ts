import { Injectable, HttpStatus, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { CACHED_AUTH, PUBLIC, type AuthedRequest } from '../access/auth.decorators.js';
import { DomainError } from '../common/domain-error.js';
import { SessionService } from './session.service.js';

/** Global guard: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  /** Each route's decorators, read once: reflect-metadata lookups were ~2 % of a heartbeat's server time (issue 12). */
  private readonly routes = new WeakMap<object, Map<object, { isPublic: boolean; cached: boolean }>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const { isPublic, cached } = this.route(context);
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const token = bearer(request);
    if (!token) {
      if (isPublic) return true;
      throw new DomainError('UNAUTHENTICATED', HttpStatus.UNAUTHORIZED, '请先登录');
    }
    try {
      // Hot routes reuse the whole cached caller; every other route the cached session while revocations are heard (issue 12).
      const auth = cached
        ? await this.sessions.authenticateCached(token)
        : this.sessions.cachesEveryRoute
          ? await this.sessions.authenticateSession(token)
          : await this.sessions.authenticate(token);
      request.auth = { ...auth, requestId: request.id };
    } catch (err) {
      // A public route with a stale token still answers, as if anonymous.
      if (!isPublic) throw err;
    }
    return true;
  }

  private route(context: ExecutionContext) {
    const controller = context.getClass();
    const handler = context.getHandler();
    let handlers = this.routes.get(controller);
    if (!handlers) this.routes.set(controller, (handlers = new Map()));
    let route = handlers.get(handler);
    if (!route) {
      route = {
        isPublic: this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC, [handler, controller]) === true,
        cached: this.reflector.get<boolean | undefined>(CACHED_AUTH, handler) === true,
      };
      handlers.set(handler, route);
    }
    return route;
  }
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  // EventSource (SSE) cannot send headers: allow the token as a query parameter there.
  const q = (request.query as Record<string, unknown> | undefined)?.access_token;
  return typeof q === 'string' && q ? q : undefined;
}

// The route decorators moved to access/auth.decorators.ts; re-exported so branches written before the move still compile.
export { Auth, CachedAuth, OptionalAuth, Public } from '../access/auth.decorators.js';

import { Injectable, HttpStatus, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { PUBLIC, type AuthedRequest } from '../access/auth.decorators.js';
import { DomainError } from '../common/domain-error.js';
import { SessionService } from './session.service.js';

/** Global guard: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC, [context.getHandler(), context.getClass()]) === true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const token = bearer(request);
    if (!token) {
      if (isPublic) return true;
      throw new DomainError('UNAUTHENTICATED', HttpStatus.UNAUTHORIZED, '请先登录');
    }
    try {
      // The cached session while revocations are heard (issue 12); hot routes skip the guard (hot-route.ts).
      const auth = this.sessions.cachesEveryRoute ? await this.sessions.authenticateSession(token) : await this.sessions.authenticate(token);
      request.auth = { ...auth, requestId: request.id };
    } catch (err) {
      // A public route with a stale token still answers, as if anonymous.
      if (!isPublic) throw err;
    }
    return true;
  }
}

/** The bearer token of a request, from its header or, for EventSource, `?access_token=`. */
export function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  // EventSource (SSE) cannot send headers: allow the token as a query parameter there.
  const q = (request.query as Record<string, unknown> | undefined)?.access_token;
  return typeof q === 'string' && q ? q : undefined;
}

// The route decorators moved to access/auth.decorators.ts; re-exported so branches written before the move still compile.
export { Auth, OptionalAuth, Public } from '../access/auth.decorators.js';

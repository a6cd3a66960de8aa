import { CanActivate, createParamDecorator, ExecutionContext, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error.js';
import type { AuthContext } from '../access/auth-context.js';
import { SessionService } from './session.service.js';

const PUBLIC = 'dangjian:public';
/** Opens an endpoint to callers without a token (sign-in, health, letter verification …). */
export const Public = () => SetMetadata(PUBLIC, true);

const CACHED_AUTH = 'dangjian:cached-auth';
/**
 * A hot route (study heartbeats) that may reuse a caller resolved up to AUTH_CACHE_TTL_MS ago
 * (SessionService.authenticateCached): only for routes whose answer does not depend on a just-changed grant.
 */
export const CachedAuth = () => SetMetadata(CACHED_AUTH, true);

type AuthedRequest = FastifyRequest & { auth?: AuthContext };

/** Global guard: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]);
    const cached = this.reflector.get<boolean>(CACHED_AUTH, context.getHandler());
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const token = bearer(request);
    if (!token) {
      if (isPublic) return true;
      throw new DomainError('UNAUTHENTICATED', HttpStatus.UNAUTHORIZED, '请先登录');
    }
    try {
      const auth = cached ? await this.sessions.authenticateCached(token) : await this.sessions.authenticate(token);
      request.auth = { ...auth, requestId: request.id };
    } catch (err) {
      // A public route with a stale token still answers, as if anonymous.
      if (!isPublic) throw err;
    }
    return true;
  }
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  // EventSource (SSE) cannot send headers: allow the token as a query parameter there.
  const q = (request.query as Record<string, unknown> | undefined)?.access_token;
  return typeof q === 'string' && q ? q : undefined;
}

/** The caller of an authenticated route. */
export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const request = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (!request.auth) throw new DomainError('UNAUTHENTICATED', HttpStatus.UNAUTHORIZED, '请先登录');
  return request.auth;
});

/** The caller if signed in, else null (public routes). */
export const OptionalAuth = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AuthContext | null => ctx.switchToHttp().getRequest<AuthedRequest>().auth ?? null,
);

import { createParamDecorator, HttpStatus, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../common/auth-context.js';
import { DomainError } from '../common/domain-error.js';

/*
 * The route decorators of authentication, apart from the guard (auth/auth.guard.ts) so that every
 * module's controllers depend on access/, not on the auth module.
 */

export const PUBLIC = 'dangjian:public';
/** Opens an endpoint to callers without a token (sign-in, health, letter verification …). */
export const Public = () => SetMetadata(PUBLIC, true);

export const CACHED_AUTH = 'dangjian:cached-auth';
/**
 * A hot route (study heartbeats) that may reuse a caller resolved up to AUTH_CACHE_TTL_MS ago
 * (SessionService.authenticateCached): only for routes whose answer does not depend on a just-changed grant.
 */
export const CachedAuth = () => SetMetadata(CACHED_AUTH, true);

/** A request after the guard: `auth` is the caller when a valid token came with it. */
export type AuthedRequest = FastifyRequest & { auth?: AuthContext };

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

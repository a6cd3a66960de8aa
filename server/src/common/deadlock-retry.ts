import type { DataSource, EntityManager } from 'typeorm';

const DEADLOCK = '40P01';
const ATTEMPTS = 3;

const isDeadlock = (err: unknown): boolean => {
  const e = err as { code?: string; driverError?: { code?: string } } | null;
  return e?.code === DEADLOCK || e?.driverError?.code === DEADLOCK;
};

/**
 * One transaction, run again (at most three times in all) when PostgreSQL broke a deadlock by
 * aborting it. Concurrent bill writes of one organisation fold into the same fee_org_month rows
 * (statement trigger) in an order the planner picks, so two members' fee writes can deadlock; the
 * aborted transaction left nothing behind, and `work` must only touch the database.
 */
export async function transactionRetryingDeadlocks<T>(db: Pick<DataSource, 'transaction'>, work: (em: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (err) {
      if (attempt >= ATTEMPTS || !isDeadlock(err)) throw err;
    }
  }
}

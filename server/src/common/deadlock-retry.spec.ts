import type { EntityManager } from 'typeorm';
import { transactionRetryingDeadlocks } from './deadlock-retry.js';

const em = {} as EntityManager;
const dbFailing = (errors: unknown[]) => {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    transaction: (async (work: (em: EntityManager) => Promise<unknown>) => {
      const err = errors[calls++];
      if (err) throw err;
      return work(em);
    }) as never,
  };
};

describe(transactionRetryingDeadlocks.name, () => {
  it('runs the transaction again after a deadlock (TypeORM wraps the driver error)', async () => {
    const sut = dbFailing([{ driverError: { code: '40P01' } }, { code: '40P01' }]);
    await expect(transactionRetryingDeadlocks(sut, async () => 'done')).resolves.toBe('done');
    expect(sut.calls).toBe(3);
  });

  it('gives up after three deadlocks, and never retries other errors', async () => {
    const three = dbFailing([{ code: '40P01' }, { code: '40P01' }, { code: '40P01' }, null]);
    await expect(transactionRetryingDeadlocks(three, async () => 'done')).rejects.toEqual({ code: '40P01' });
    expect(three.calls).toBe(3);
    const unique = dbFailing([{ code: '23505' }, null]);
    await expect(transactionRetryingDeadlocks(unique, async () => 'done')).rejects.toEqual({ code: '23505' });
    expect(unique.calls).toBe(1);
  });
});

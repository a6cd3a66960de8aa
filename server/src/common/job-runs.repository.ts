import type { DataSource } from 'typeorm';

/** Whether the once-per-period job `job` has done `period` (on any instance). */
export async function jobRunDone(ds: DataSource, job: string, period: string): Promise<boolean> {
  const rows: unknown[] = await ds.query(`SELECT 1 FROM job_run WHERE job = $1 AND period = $2`, [job, period]);
  return rows.length > 0;
}

/** Records that `job` has done `period`, with what it did. */
export async function markJobRunDone(ds: DataSource, job: string, period: string, result: object): Promise<void> {
  await ds.query(`INSERT INTO job_run (job, period, result) VALUES ($1, $2, $3) ON CONFLICT (job, period) DO NOTHING`, [job, period, JSON.stringify(result)]);
}

import { Inject, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withTryLock } from './advisory-lock.repository.js';
import { jobRunDone, markJobRunDone } from './job-runs.repository.js';

/**
 * A job each server instance ticks every `intervalS` seconds (0 = never): one run at a time across all
 * processes and instances on the database (a PostgreSQL advisory lock per job: a tick that finds it
 * taken skips), the result or the failure logged, the timer not keeping the process alive, a run in
 * flight awaited on shutdown. Subclasses say how often and what to run; the work stays idempotent.
 */
export abstract class IntervalJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  // A property, so the subclasses' constructors stay as they are.
  @Inject(DataSource) private readonly dataSource!: DataSource;

  constructor(protected readonly label: string) {
    this.logger = new Logger(label);
  }

  /** Seconds between runs; 0 or less turns the timer off. */
  protected abstract get intervalS(): number;
  /** One run; what it returns is logged (nothing when it returns undefined). */
  protected abstract run(): Promise<object | undefined>;

  onApplicationBootstrap() {
    if (this.intervalS <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.intervalS * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /**
   * For a job done once per period (the monthly fee billing): runs `fn` unless this job has recorded
   * `period` in job_run — on any instance, before any restart — then records it with what `fn` returned.
   * No flag in memory decides (issue 12); the job's advisory lock keeps two runs from overlapping.
   */
  protected async oncePer(period: string, fn: () => Promise<object>): Promise<object | undefined> {
    if (await jobRunDone(this.dataSource, this.label, period)) return undefined;
    const result = await fn();
    await markJobRunDone(this.dataSource, this.label, period, result);
    return result;
  }

  private async tick() {
    if (this.running) return;
    this.running = withTryLock(this.dataSource, `job:${this.label}`, () => this.run())
      .then((r) => !r.skipped && r.value && this.logger.log({ ...r.value }, this.label))
      .catch((err) => this.logger.warn({ err }, `${this.label} failed`))
      .finally(() => (this.running = null));
    await this.running;
  }
}

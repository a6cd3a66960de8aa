import { Inject, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withTryLock } from './advisory-lock.repository.js';

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

  constructor(private readonly label: string) {
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

  private async tick() {
    if (this.running) return;
    this.running = withTryLock(this.dataSource, `job:${this.label}`, () => this.run())
      .then((r) => !r.skipped && r.value && this.logger.log({ ...r.value }, this.label))
      .catch((err) => this.logger.warn({ err }, `${this.label} failed`))
      .finally(() => (this.running = null));
    await this.running;
  }
}

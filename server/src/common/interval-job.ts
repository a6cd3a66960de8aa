import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';

/**
 * A job each server instance runs every `intervalS` seconds (0 = never): one run at a time, the
 * result or the failure logged, the timer not keeping the process alive, a run in flight awaited on
 * shutdown. Subclasses say how often and what to run; the work must be idempotent (instances run it
 * at the same time).
 */
export abstract class IntervalJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

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
    this.running = this.run()
      .then((r) => r && this.logger.log({ ...r }, this.label))
      .catch((err) => this.logger.warn({ err }, `${this.label} failed`))
      .finally(() => (this.running = null));
    await this.running;
  }
}

import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ReviewCasesService } from './review-cases.service.js';

/**
 * Runs the C5 scan every REVIEW_SCAN_INTERVAL_S in each server instance. The scan is idempotent
 * (one open case per kind and member), so instances running it at the same time do no harm.
 */
@Injectable()
export class ReviewScanJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ReviewScan');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: ReviewCasesService,
  ) {}

  onApplicationBootstrap() {
    if (this.config.REVIEW_SCAN_INTERVAL_S <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.config.REVIEW_SCAN_INTERVAL_S * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private async tick() {
    if (this.running) return;
    this.running = this.cases
      .scanC5(null)
      .then((r) => this.logger.log({ ...r }, 'review scan (C5)'))
      .catch((err) => this.logger.warn({ err }, 'review scan failed'))
      .finally(() => (this.running = null));
    await this.running;
  }
}

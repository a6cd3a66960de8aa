import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { TransferScanService } from './transfer-scan.service.js';

/** Runs the T6/T8 scan every TRANSFER_SCAN_INTERVAL_S; idempotent, so several instances do no harm. */
@Injectable()
export class TransferScanJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TransferScan');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scans: TransferScanService,
  ) {}

  onApplicationBootstrap() {
    if (this.config.TRANSFER_SCAN_INTERVAL_S <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.config.TRANSFER_SCAN_INTERVAL_S * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private async tick() {
    if (this.running) return;
    this.running = this.scans
      .scan(null)
      .then((r) => this.logger.log({ ...r }, 'transfer scan (T6/T8)'))
      .catch((err) => this.logger.warn({ err }, 'transfer scan failed'))
      .finally(() => (this.running = null));
    await this.running;
  }
}

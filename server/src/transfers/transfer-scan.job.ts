import { Inject, Injectable } from '@nestjs/common';
import { IntervalJob } from '../common/interval-job.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { TransferScanService } from './transfer-scan.service.js';

/** Runs the T6/T8 scan every TRANSFER_SCAN_INTERVAL_S; idempotent, so several instances do no harm. */
@Injectable()
export class TransferScanJob extends IntervalJob {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scans: TransferScanService,
  ) {
    super('TransferScan');
  }

  protected get intervalS() {
    return this.config.TRANSFER_SCAN_INTERVAL_S;
  }

  protected run() {
    return this.scans.scan(null);
  }
}

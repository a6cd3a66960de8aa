import { Inject, Injectable } from '@nestjs/common';
import { IntervalJob } from '../common/interval-job.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ReviewCasesService } from './review-cases.service.js';

/**
 * Runs the C5 scan every REVIEW_SCAN_INTERVAL_S in each server instance. The scan is idempotent
 * (one open case per kind and member), so instances running it at the same time do no harm.
 */
@Injectable()
export class ReviewScanJob extends IntervalJob {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: ReviewCasesService,
  ) {
    super('ReviewScan');
  }

  protected get intervalS() {
    return this.config.REVIEW_SCAN_INTERVAL_S;
  }

  protected run() {
    return this.cases.scanC5(null);
  }
}

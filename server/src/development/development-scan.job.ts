import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { IntervalJob } from '../common/interval-job.js';
import { DevelopmentViewsService } from './development-views.service.js';

/** Hourly: overdue development steps (talk, half-yearly assessment, approvals) become alerts for the branch. */
@Injectable()
export class DevelopmentScanJob extends IntervalJob {
  constructor(
    private readonly views: DevelopmentViewsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super('DevelopmentScan');
  }

  protected get intervalS() {
    return this.config.REVIEW_SCAN_INTERVAL_S;
  }

  protected run() {
    return this.views.scan();
  }
}

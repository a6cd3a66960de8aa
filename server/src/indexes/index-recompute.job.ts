import { Inject, Injectable } from '@nestjs/common';
import { previousMonth } from '@dangjian/shared';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { IntervalJob } from '../common/interval-job.js';
import { IndexesService } from './indexes.service.js';

/**
 * K5: every INDEX_RECOMPUTE_INTERVAL_S, the current month (to date) and the month before (activity
 * recorded late, e.g. a fee paid on the 1st for last month's minutes) for every branch. One instance
 * at a time (the interval job's advisory lock); each month is one set-based pass, idempotent.
 */
@Injectable()
export class IndexRecomputeJob extends IntervalJob {
  constructor(
    private readonly indexes: IndexesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super('IndexRecompute');
  }

  protected get intervalS() {
    return this.config.INDEX_RECOMPUTE_INTERVAL_S;
  }

  protected async run() {
    const month = this.indexes.month();
    const previous = await this.indexes.recomputeAll(previousMonth(month));
    const current = await this.indexes.recomputeAll(month);
    return { month, previous, current };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { chinaMonth, firstBillableOffset } from '@dangjian/shared';
import { IntervalJob } from '../common/interval-job.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { FeePolicyProvider } from './fee-policy.js';
import { FeeReportsService } from './fee-reports.service.js';
import { FeesRepository } from './fees.repository.js';

/** The job's name: its advisory lock and its `job_run` rows. */
export const FEE_BILLING_JOB = 'FeeBilling';

/**
 * Every FEE_BILLING_INTERVAL_S, once per month across all instances: this month's bills for every
 * organisation tree, then the F6 scan (which only opens review cases). One instance at a time (the
 * IntervalJob's advisory lock); the month done is a `job_run` row, so a restart or another instance
 * does not bill it again (and bills are unique per member and month anyway). Fee workers can do
 * either at any time through the API.
 */
@Injectable()
export class FeeBillingJob extends IntervalJob {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: FeesRepository,
    private readonly reports: FeeReportsService,
    private readonly policies: FeePolicyProvider,
  ) {
    super(FEE_BILLING_JOB);
  }

  protected get intervalS() {
    return this.config.FEE_BILLING_INTERVAL_S;
  }

  protected run() {
    const month = chinaMonth();
    return this.oncePer(month, () => this.runMonth(month));
  }

  /** One run for a month, whether done or not (public for tests and operations). */
  async runMonth(month: string = chinaMonth()) {
    const roots = await this.repo.rootPaths();
    let created = 0;
    for (const root of roots) {
      created += await this.repo.transaction((em) =>
        this.repo.generate(em, { orgPath: root, from: month, to: month, firstMonthOffset: firstBillableOffset(this.policies.policy) }),
      );
    }
    const scan = await this.reports.scanRoots(roots, null);
    return { month, created, opened: scan.opened };
  }
}

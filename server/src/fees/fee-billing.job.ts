import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { chinaMonth, firstBillableOffset } from '@dangjian/shared';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { FeePolicyProvider } from './fee-policy.js';
import { FeeReportsService } from './fee-reports.service.js';
import { FeesRepository } from './fees.repository.js';

/**
 * Every FEE_BILLING_INTERVAL_S: once per month and server instance, this month's bills for every
 * organisation tree (idempotent: instances doing it at once make each bill once), then the F6 scan
 * (which only opens review cases). Fee workers can do either at any time through the API.
 */
@Injectable()
export class FeeBillingJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('FeeBilling');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private doneMonth: string | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: FeesRepository,
    private readonly reports: FeeReportsService,
    private readonly policies: FeePolicyProvider,
  ) {}

  onApplicationBootstrap() {
    if (this.config.FEE_BILLING_INTERVAL_S <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.config.FEE_BILLING_INTERVAL_S * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One run for the current month (public for tests and operations). */
  async runMonth(month: string = chinaMonth()) {
    const roots = await this.repo.rootPaths();
    let created = 0;
    for (const root of roots) {
      created += await this.repo.transaction((em) =>
        this.repo.generate(em, { orgPath: root, from: month, to: month, firstMonthOffset: firstBillableOffset(this.policies.policy) }),
      );
    }
    const scan = await this.reports.scanRoots(roots, null);
    this.doneMonth = month;
    return { month, created, opened: scan.opened };
  }

  private async tick() {
    const month = chinaMonth();
    if (this.running || this.doneMonth === month) return;
    this.running = this.runMonth(month)
      .then((r) => this.logger.log({ ...r }, 'monthly fee bills and F6 scan'))
      .catch((err) => this.logger.warn({ err }, 'monthly fee bills failed'))
      .finally(() => (this.running = null));
    await this.running;
  }
}

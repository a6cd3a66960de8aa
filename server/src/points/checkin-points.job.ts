import { Inject, Injectable } from '@nestjs/common';
import { IntervalJob } from '../common/interval-job.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { PointsRepository } from './points.repository.js';

/** Queued check-ins awarded per statement (each holds its members' award locks until it commits). */
const DRAIN_BATCH = 500;

/**
 * Awards the points of new confirmed check-ins (L4, P3), queued by the statement that recorded them
 * (migration 1795400004000) so that a hall scanning at once does not pay for the ledger on every scan.
 * Every POINTS_CHECKIN_INTERVAL_S, one instance at a time; each batch is one transaction, so a queued
 * check-in leaves the queue only with its points.
 */
@Injectable()
export class CheckinPointsJob extends IntervalJob {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly points: PointsRepository,
  ) {
    super('CheckinPoints');
  }

  protected get intervalS() {
    return this.config.POINTS_CHECKIN_INTERVAL_S;
  }

  protected async run() {
    const awarded = await this.drain();
    return awarded ? { checkins: awarded } : undefined;
  }

  /** Empties the queue; answers how many check-ins left it (tests call it directly). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.points.drainCheckinQueue(DRAIN_BATCH);
      total += n;
      if (n < DRAIN_BATCH) return total;
    }
  }
}

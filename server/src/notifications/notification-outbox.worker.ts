import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IntervalJob } from '../common/interval-job.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { NotificationsRepository } from './notifications.repository.js';
import { SUBSCRIBE_SENDER, type SubscribeMessageSender } from './wechat-subscribe.sender.js';

/** Attempts before a message is given up (marked failed); back-off doubles from 30 s. */
export const OUTBOX_MAX_ATTEMPTS = 5;
const BATCH = 50;

/**
 * Sends the outbox (WeChat subscribe messages) after commit, every NOTIFY_OUTBOX_INTERVAL_S. Rows are
 * claimed with FOR UPDATE SKIP LOCKED inside one transaction per row, so two instances never send the
 * same message; a failed send is retried with back-off, then marked failed.
 */
@Injectable()
export class NotificationOutboxWorker extends IntervalJob {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(SUBSCRIBE_SENDER) private readonly sender: SubscribeMessageSender,
    private readonly repo: NotificationsRepository,
  ) {
    super('NotificationOutbox');
  }

  protected get intervalS() {
    return this.sender.enabled ? this.config.NOTIFY_OUTBOX_INTERVAL_S : 0;
  }

  protected async run() {
    const r = await this.drain();
    return r.sent || r.retried || r.failed ? r : undefined;
  }

  /** Sends what is due now; returns what happened (tests call it directly). */
  async drain(): Promise<{ sent: number; retried: number; failed: number }> {
    const out = { sent: 0, retried: 0, failed: 0 };
    for (let i = 0; i < BATCH; i++) {
      const done = await this.db.transaction(async (tx) => {
        const row = await this.repo.claimDue(tx);
        if (!row) return false;
        try {
          if (!row.openid) throw new Error('the user has no WeChat openid any more');
          await this.sender.send({ openid: row.openid, title: row.title, body: row.body, page: row.link?.replace(/^\//, '') ?? null, at: row.created_at });
          await this.repo.markSent(tx, row.id);
          out.sent++;
        } catch (err) {
          const attempts = row.attempts + 1;
          const failed = attempts >= OUTBOX_MAX_ATTEMPTS;
          await this.repo.markAttemptFailed(tx, {
            id: row.id,
            attempts,
            error: (err as Error).message.slice(0, 500),
            failed,
            retryInS: 30 * 2 ** (attempts - 1),
          });
          if (failed) out.failed++;
          else out.retried++;
        }
        return true;
      });
      if (!done) break;
    }
    return out;
  }
}

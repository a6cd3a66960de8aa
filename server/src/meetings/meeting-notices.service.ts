import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MEETING_TYPE_LABEL } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { IntervalJob } from '../common/interval-job.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { chinaDateTime } from './meeting.mapper.js';
import { MeetingsRepository } from './meetings.repository.js';

export type MeetingNoticeKind = 'scheduled' | 'changed' | 'cancelled' | 'reminder';

const link = (id: string) => `/packages/checkin/pages/meeting/index?id=${id}`;
const TITLE: Record<MeetingNoticeKind, string> = { scheduled: '会议通知', changed: '会议变更', cancelled: '会议取消', reminder: '会议提醒' };

/**
 * Meeting notices to the attendees (issue 14): when a meeting is scheduled, changed (time or place) or
 * cancelled — written in the meeting's own transaction, so a notice exists exactly when the change
 * does — and a reminder before it starts. In-app plus a WeChat subscribe message through the outbox.
 */
@Injectable()
export class MeetingNoticesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    private readonly repo: MeetingsRepository,
  ) {}

  async notify(tx: EntityManager, meetingId: string, kind: MeetingNoticeKind, reason?: string): Promise<number> {
    const of = await this.repo.noticeOf(tx, meetingId);
    if (!of) return 0;
    const m = of.meeting;
    const when = `${chinaDateTime(m.starts_at)} · ${m.place}`;
    const body = kind === 'cancelled' ? `${MEETING_TYPE_LABEL[m.type]}已取消${reason ? `：${reason}` : ''}` : `${MEETING_TYPE_LABEL[m.type]} ${when}`;
    return this.notifications.notify(tx, of.userIds, { kind: `meeting.${kind}`, title: `${TITLE[kind]}：${m.title}`.slice(0, 100), body, link: link(m.id) });
  }

  /** Reminds the attendees of meetings starting within `leadMin` minutes, once each (row lock, SKIP LOCKED across instances). */
  async remindDue(now: Date, leadMin: number): Promise<{ meetings: number; notified: number }> {
    const out = { meetings: 0, notified: 0 };
    for (;;) {
      const done = await this.db.transaction(async (tx) => {
        const id = await this.repo.claimDueReminder(tx, now, leadMin);
        if (!id) return false;
        out.notified += await this.notify(tx, id, 'reminder');
        await this.repo.markReminded(tx, id, now);
        out.meetings++;
        return true;
      });
      if (!done) return out;
    }
  }
}

/** Runs the meeting reminders every MEETING_REMIND_INTERVAL_S in each instance (idempotent: reminded once per meeting). */
@Injectable()
export class MeetingReminderJob extends IntervalJob {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notices: MeetingNoticesService,
    private readonly clock: Clock,
  ) {
    super('MeetingReminders');
  }

  protected get intervalS() {
    return this.config.MEETING_REMIND_INTERVAL_S;
  }

  protected async run() {
    const r = await this.notices.remindDue(this.clock.now(), this.config.MEETING_REMIND_LEAD_MIN);
    return r.meetings ? r : undefined;
  }

  /** Tests and the console run it now. */
  runNow() {
    return this.notices.remindDue(this.clock.now(), this.config.MEETING_REMIND_LEAD_MIN);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { NotificationDraft } from '../common/ports.js';

export type NotificationRow = { id: string; kind: string; title: string; body: string; link: string | null; created_at: Date; read_at: Date | null };

export type OutboxRow = { id: string; attempts: number; openid: string | null; title: string; body: string; link: string | null; created_at: Date };

/** The inbox and the WeChat outbox: all their SQL. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One notification per enabled account of `userIds`; each with whether its recipient has WeChat bound. */
  insert(em: EntityManager, userIds: string[], draft: NotificationDraft): Promise<Array<{ id: string; wx: boolean }>> {
    return em.query(
      `INSERT INTO notification (recipient_user_id, kind, title, body, link)
       SELECT u.id, $2, $3, $4, $5 FROM user_account u WHERE u.id = ANY($1::uuid[]) AND u.disabled_at IS NULL
       RETURNING id, EXISTS (SELECT 1 FROM user_account x WHERE x.id = recipient_user_id AND x.wx_openid IS NOT NULL) AS wx`,
      [userIds, draft.kind, draft.title, draft.body, draft.link],
    );
  }

  async queueWechat(em: EntityManager, notificationIds: string[]): Promise<void> {
    await em.query(`INSERT INTO notification_outbox (notification_id, channel) SELECT unnest($1::uuid[]), 'wechat_subscribe'`, [notificationIds]);
  }

  /** A page of the user's notifications, newest first, with the count of the whole list (`unreadOnly`: unread ones). */
  async page(p: { userId: string; unreadOnly: boolean; page: number; pageSize: number }): Promise<{ rows: NotificationRow[]; total: number }> {
    const filter = p.unreadOnly ? 'AND read_at IS NULL' : '';
    const [rows, [count]] = await Promise.all([
      this.db.query<NotificationRow[]>(
        `SELECT id, kind, title, body, link, created_at, read_at FROM notification WHERE recipient_user_id = $1 ${filter}
          ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
        [p.userId, p.pageSize, (p.page - 1) * p.pageSize],
      ),
      this.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM notification WHERE recipient_user_id = $1 ${filter}`, [p.userId]),
    ]);
    return { rows, total: count!.n };
  }

  async unreadCount(userId: string): Promise<number> {
    const [r]: Array<{ n: number }> = await this.db.query(`SELECT count(*)::int AS n FROM notification WHERE recipient_user_id = $1 AND read_at IS NULL`, [
      userId,
    ]);
    return r!.n;
  }

  /** Marks the user's unread notifications read: all, or those of `ids` (others' ids are ignored). */
  async markRead(userId: string, ids: string[] | 'all'): Promise<void> {
    if (ids === 'all') await this.db.query(`UPDATE notification SET read_at = now() WHERE recipient_user_id = $1 AND read_at IS NULL`, [userId]);
    else
      await this.db.query(`UPDATE notification SET read_at = now() WHERE recipient_user_id = $1 AND read_at IS NULL AND id = ANY($2::uuid[])`, [userId, ids]);
  }

  /** The next due outbox row, claimed for the transaction (FOR UPDATE SKIP LOCKED: two instances never take the same). */
  async claimDue(tx: EntityManager): Promise<OutboxRow | undefined> {
    const [row]: OutboxRow[] = await tx.query(
      `SELECT o.id, o.attempts, u.wx_openid AS openid, n.title, n.body, n.link, n.created_at
         FROM notification_outbox o JOIN notification n ON n.id = o.notification_id JOIN user_account u ON u.id = n.recipient_user_id
        WHERE o.status = 'pending' AND o.next_attempt_at <= now()
        ORDER BY o.next_attempt_at LIMIT 1 FOR UPDATE OF o SKIP LOCKED`,
    );
    return row;
  }

  async markSent(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`UPDATE notification_outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`, [id]);
  }

  /** A failed attempt: `failed` gives up, else the row is retried after `retryInS`. */
  async markAttemptFailed(tx: EntityManager, r: { id: string; attempts: number; error: string; failed: boolean; retryInS: number }): Promise<void> {
    await tx.query(
      `UPDATE notification_outbox SET attempts = $2, last_error = $3, status = $4, next_attempt_at = now() + make_interval(secs => $5) WHERE id = $1`,
      [r.id, r.attempts, r.error, r.failed ? 'failed' : 'pending', r.retryInS],
    );
  }
}

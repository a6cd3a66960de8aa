import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MarkReadDto, Notification, NotificationPage, NotificationQuery } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import type { NotificationDraft, Notifier } from '../common/ports.js';
import { SUBSCRIBE_SENDER, type SubscribeMessageSender } from './wechat-subscribe.sender.js';

export type { NotificationDraft };

type Row = { id: string; kind: string; title: string; body: string; link: string | null; created_at: Date; read_at: Date | null };
const map = (r: Row): Notification => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at?.toISOString() ?? null,
});

/**
 * The in-app inbox. `notify` is called inside the transaction of what it announces (a transfer step),
 * so a notification exists exactly when the step does; outbox rows for WeChat are written with it
 * (for users who signed in with WeChat) and sent after commit by the outbox worker.
 */
@Injectable()
export class NotificationsService implements Notifier {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(SUBSCRIBE_SENDER) private readonly sender: SubscribeMessageSender,
  ) {}

  async notify(em: EntityManager, userIds: ReadonlyArray<string>, draft: NotificationDraft): Promise<number> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return 0;
    const rows: Array<{ id: string; wx: boolean }> = await em.query(
      `INSERT INTO notification (recipient_user_id, kind, title, body, link)
       SELECT u.id, $2, $3, $4, $5 FROM user_account u WHERE u.id = ANY($1::uuid[]) AND u.disabled_at IS NULL
       RETURNING id, EXISTS (SELECT 1 FROM user_account x WHERE x.id = recipient_user_id AND x.wx_openid IS NOT NULL) AS wx`,
      [ids, draft.kind, draft.title, draft.body, draft.link],
    );
    const outgoing = this.sender.enabled ? rows.filter((r) => r.wx).map((r) => r.id) : [];
    if (outgoing.length) {
      await em.query(`INSERT INTO notification_outbox (notification_id, channel) SELECT unnest($1::uuid[]), 'wechat_subscribe'`, [outgoing]);
    }
    return rows.length;
  }

  async list(auth: AuthContext, q: NotificationQuery): Promise<NotificationPage> {
    const filter = q.unread ? 'AND read_at IS NULL' : '';
    const [rows, [count], unread] = await Promise.all([
      this.db.query<Row[]>(
        `SELECT id, kind, title, body, link, created_at, read_at FROM notification WHERE recipient_user_id = $1 ${filter}
          ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
        [auth.userId, q.pageSize, (q.page - 1) * q.pageSize],
      ),
      this.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM notification WHERE recipient_user_id = $1 ${filter}`, [auth.userId]),
      this.unread(auth),
    ]);
    return { items: rows.map(map), total: count!.n, page: q.page, pageSize: q.pageSize, unread };
  }

  async unread(auth: AuthContext): Promise<number> {
    const [r] = await this.db.query(`SELECT count(*)::int AS n FROM notification WHERE recipient_user_id = $1 AND read_at IS NULL`, [auth.userId]);
    return r.n;
  }

  /** Only the caller's own notifications are touched; others' ids are ignored. */
  async markRead(auth: AuthContext, dto: MarkReadDto): Promise<number> {
    if (dto.all) await this.db.query(`UPDATE notification SET read_at = now() WHERE recipient_user_id = $1 AND read_at IS NULL`, [auth.userId]);
    else
      await this.db.query(`UPDATE notification SET read_at = now() WHERE recipient_user_id = $1 AND read_at IS NULL AND id = ANY($2::uuid[])`, [
        auth.userId,
        dto.ids,
      ]);
    return this.unread(auth);
  }
}

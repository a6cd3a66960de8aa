import { Inject, Injectable } from '@nestjs/common';
import type { MarkReadDto, Notification, NotificationPage, NotificationQuery } from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import type { NotificationDraft, Notifier } from '../common/ports.js';
import { NotificationsRepository, type NotificationRow } from './notifications.repository.js';
import { SUBSCRIBE_SENDER, type SubscribeMessageSender } from './wechat-subscribe.sender.js';

export type { NotificationDraft };

const map = (r: NotificationRow): Notification => ({
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
    private readonly repo: NotificationsRepository,
    @Inject(SUBSCRIBE_SENDER) private readonly sender: SubscribeMessageSender,
  ) {}

  async notify(em: EntityManager, userIds: ReadonlyArray<string>, draft: NotificationDraft): Promise<number> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return 0;
    const rows = await this.repo.insert(em, ids, draft);
    const outgoing = this.sender.enabled ? rows.filter((r) => r.wx).map((r) => r.id) : [];
    if (outgoing.length) {
      await this.repo.queueWechat(em, outgoing);
    }
    return rows.length;
  }

  async list(auth: AuthContext, q: NotificationQuery): Promise<NotificationPage> {
    const [{ rows, total }, unread] = await Promise.all([
      this.repo.page({ userId: auth.userId, unreadOnly: q.unread === true, page: q.page, pageSize: q.pageSize }),
      this.unread(auth),
    ]);
    return { items: rows.map(map), total, page: q.page, pageSize: q.pageSize, unread };
  }

  async unread(auth: AuthContext): Promise<number> {
    return this.repo.unreadCount(auth.userId);
  }

  /** Only the caller's own notifications are touched; others' ids are ignored. */
  async markRead(auth: AuthContext, dto: MarkReadDto): Promise<number> {
    await this.repo.markRead(auth.userId, dto.all ? 'all' : (dto.ids ?? []));
    return this.unread(auth);
  }
}

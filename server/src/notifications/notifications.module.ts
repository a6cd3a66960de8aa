import { Module } from '@nestjs/common';
import { NotificationOutboxWorker } from './notification-outbox.worker.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';
import { SUBSCRIBE_SENDER, WechatSubscribeSender } from './wechat-subscribe.sender.js';

/** In-app inbox (list, unread count, mark read) and WeChat subscribe messages through an outbox. */
@Module({
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationsRepository, NotificationOutboxWorker, { provide: SUBSCRIBE_SENDER, useClass: WechatSubscribeSender }],
  exports: [NotificationsService, NotificationOutboxWorker],
})
export class NotificationsModule {}

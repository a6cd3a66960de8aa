import { Module } from '@nestjs/common';
import { HomeController } from './home.controller.js';
import { HomeService } from './home.service.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { NoticeFiles } from './notice-files.js';
import { NoticeReceiptsService } from './notice-receipts.service.js';
import { NoticesController } from './notices.controller.js';
import { NoticesRepository } from './notices.repository.js';
import { NoticesService } from './notices.service.js';
import { NoticeTodos } from './notices.todos.js';

/** 通知公告 with read receipts (issue 14), and 首页 (banners, today's items), which reads notices and files. */
@Module({
  imports: [StorageModule, NotificationsModule],
  controllers: [NoticesController, HomeController],
  providers: [NoticesRepository, NoticeFiles, NoticesService, NoticeReceiptsService, NoticeTodos, HomeService],
  exports: [NoticesRepository],
})
export class NoticesModule {}

import { Module } from '@nestjs/common';
import { HomeController } from './home.controller.js';
import { HomeRepository } from './home.repository.js';
import { HomeService } from './home.service.js';
import { WorkflowModule } from '../common/workflow.module.js';
import { machinesCheck } from '../common/workflow.js';
import { NEWS_INITIAL_STATE, NEWS_STATES, NEWS_TRANSITIONS } from '@dangjian/shared';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { NoticeFiles } from './notice-files.js';
import { NoticeReceiptsService } from './notice-receipts.service.js';
import { NoticesController } from './notices.controller.js';
import { NoticesRepository } from './notices.repository.js';
import { NoticesService } from './notices.service.js';
import { NoticeTodos } from './notices.todos.js';
import { NewsController } from './news.controller.js';
import { NewsRepository } from './news.repository.js';
import { NewsService } from './news.service.js';
import { NewsTodos } from './news.todos.js';

/**
 * What members open every day (issue 14): 通知公告 with read receipts, 党建动态 (news, reviewed on the
 * workflow engine), and 首页 (banners, today's items, latest notices and news). One module because
 * news reuses the notices' files and sanitiser and 首页 reads both: apart, they would import each other.
 */
@Module({
  imports: [StorageModule, NotificationsModule, WorkflowModule],
  controllers: [NoticesController, NewsController, HomeController],
  providers: [
    NoticesRepository,
    NoticeFiles,
    NoticesService,
    NoticeReceiptsService,
    NoticeTodos,
    NewsRepository,
    NewsService,
    NewsTodos,
    HomeService,
    HomeRepository,
    machinesCheck(() => [{ name: 'news (党建动态)', table: NEWS_TRANSITIONS, initial: NEWS_INITIAL_STATE, states: NEWS_STATES }]),
  ],
  exports: [NoticesRepository],
})
export class NoticesModule {}

import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { MeetingNoticesService, MeetingReminderJob } from './meeting-notices.service.js';
import { AttendanceService } from './attendance.service.js';
import { CheckinController, MemberCheckinController } from './checkin.controller.js';
import { CheckinService } from './checkin.service.js';
import { CheckinTokens } from './checkin-tokens.js';
import { LiveService } from './live.service.js';
import { MeetingAccess } from './meeting-access.js';
import { MeetingRecordsService } from './meeting-records.service.js';
import { MeetingsController } from './meetings.controller.js';
import { MeetingsRepository } from './meetings.repository.js';
import { MeetingsService } from './meetings.service.js';
import { LeaveTodos, MinutesTodos } from './meetings.todos.js';

/** Meetings (三会一课) and QR check-in (DOMAIN C1–C4); review cases of C5 are in ReviewCasesModule. */
@Module({
  imports: [StorageModule, NotificationsModule],
  controllers: [MeetingsController, CheckinController, MemberCheckinController],
  providers: [
    MeetingNoticesService,
    MeetingReminderJob,
    LeaveTodos,
    MinutesTodos,
    CheckinTokens,
    MeetingsRepository,
    MeetingAccess,
    MeetingsService,
    MeetingRecordsService,
    CheckinService,
    AttendanceService,
    LiveService,
  ],
  exports: [MeetingsService, MeetingsRepository, LiveService, CheckinTokens],
})
export class MeetingsModule {}

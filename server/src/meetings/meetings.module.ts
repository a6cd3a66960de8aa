import { Module } from '@nestjs/common';
import { WorkflowModule } from '../common/workflow.module.js';
import { machinesCheck } from '../common/workflow.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { MeetingNoticesService, MeetingReminderJob } from './meeting-notices.service.js';
import { AttendanceRepository } from './attendance.repository.js';
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
import { CalendarService } from './calendar.service.js';
import { CalendarController, MeetingPlansController } from './meeting-plans.controller.js';
import { MeetingPlansRepository } from './meeting-plans.repository.js';
import { MeetingPlansService } from './meeting-plans.service.js';
import { MeetingPlanTodos } from './meeting-plans.todos.js';
import { MEETING_PLAN_MACHINE } from './meeting-plans.machine.js';

/** Meetings (三会一课) and QR check-in (DOMAIN C1–C4), the month calendar and yearly plans; review cases of C5 are in ReviewCasesModule. */
@Module({
  imports: [StorageModule, NotificationsModule, WorkflowModule],
  controllers: [CalendarController, MeetingsController, CheckinController, MemberCheckinController, MeetingPlansController],
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
    AttendanceRepository,
    LiveService,
    MeetingPlansRepository,
    MeetingPlansService,
    CalendarService,
    MeetingPlanTodos,
    machinesCheck(() => [MEETING_PLAN_MACHINE]),
  ],
  exports: [MeetingsService, MeetingsRepository, LiveService, CheckinTokens],
})
export class MeetingsModule {}

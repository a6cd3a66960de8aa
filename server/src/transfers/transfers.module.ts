import { Module } from '@nestjs/common';
import { FeesModule } from '../fees/fees.module.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { MembersModule } from '../members/members.module.js';
import { WorkflowModule } from '../common/workflow.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { ReviewCasesModule } from '../review-cases/review-cases.module.js';
import { TransferAccess } from './transfer-access.js';
import { TransferFeesService } from './transfer-fees.service.js';
import { TransferLettersService } from './transfer-letters.service.js';
import { TransferMachinesCheck } from './transfer-machines.js';
import { TransferScanJob } from './transfer-scan.job.js';
import { TransferScanService } from './transfer-scan.service.js';
import { TransferWorkflow } from './transfer.workflow.js';
import { TransfersController } from './transfers.controller.js';
import { TransfersRepository } from './transfers.repository.js';
import { TransfersService } from './transfers.service.js';
import { TransferTodos } from './transfers.todos.js';

/** Relationship transfers (T1–T8): workflow, letters, queues, overdue scan; notifications through NotificationsModule. */
@Module({
  imports: [FeesModule, MembersModule, MeetingsModule, NotificationsModule, ReviewCasesModule, WorkflowModule],
  controllers: [TransfersController],
  providers: [
    TransferTodos,
    TransfersRepository,
    TransferAccess,
    TransferFeesService,
    TransferWorkflow,
    TransfersService,
    TransferLettersService,
    TransferScanService,
    TransferScanJob,
    TransferMachinesCheck,
  ],
  exports: [TransfersService],
})
export class TransfersModule {}

import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { WorkflowEngine } from './workflow.js';

/** The workflow engine for the modules that run a transition table (elections, motions, transfers, …). */
@Module({
  imports: [NotificationsModule],
  providers: [WorkflowEngine],
  exports: [WorkflowEngine],
})
export class WorkflowModule {}

import { Module } from '@nestjs/common';
import { WorkflowEngine } from './workflow.js';

/**
 * The workflow engine for the modules that run a transition table (elections, motions, transfers, …).
 * Its audit log and notifier come from the global CoreModule (core.module.ts binds the ports).
 */
@Module({
  providers: [WorkflowEngine],
  exports: [WorkflowEngine],
})
export class WorkflowModule {}

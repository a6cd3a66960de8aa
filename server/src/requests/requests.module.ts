import { Module } from '@nestjs/common';
import { REQUEST_INITIAL_STATE, REQUEST_MACHINE_STATES, REQUEST_TRANSITIONS } from '@dangjian/shared';
import { WorkflowModule } from '../common/workflow.module.js';
import { machinesCheck } from '../common/workflow.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { CatalogueController } from './catalogue.controller.js';
import { CatalogueRepository } from './catalogue.repository.js';
import { CatalogueService } from './catalogue.service.js';
import { RequestEscalationJob, RequestEscalationService } from './request-escalation.js';
import { RequestWorkflow } from './request.workflow.js';
import { RequestsController } from './requests.controller.js';
import { RequestsRepository } from './requests.repository.js';
import { RequestsService } from './requests.service.js';
import { RequestTodos } from './requests.todos.js';

/** Services to enterprises (issue 18): 诉求 on the workflow engine with escalation, the service catalogue and room bookings. */
@Module({
  imports: [WorkflowModule, StorageModule, NotificationsModule],
  controllers: [RequestsController, CatalogueController],
  providers: [
    RequestsRepository,
    RequestWorkflow,
    RequestsService,
    RequestTodos,
    RequestEscalationService,
    RequestEscalationJob,
    CatalogueRepository,
    CatalogueService,
    machinesCheck(() => [{ name: 'enterprise_request', table: REQUEST_TRANSITIONS, initial: REQUEST_INITIAL_STATE, states: REQUEST_MACHINE_STATES }]),
  ],
  exports: [RequestsService],
})
export class RequestsModule {}

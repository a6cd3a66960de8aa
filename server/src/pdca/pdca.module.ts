import { Module } from '@nestjs/common';
import {
  PDCA_PLAN_MACHINE_STATES,
  PDCA_PLAN_TRANSITIONS,
  PDCA_TALK_MACHINE_STATES,
  PDCA_TALK_TRANSITIONS,
  PDCA_TASK_MACHINE_STATES,
  PDCA_TASK_TRANSITIONS,
} from '@dangjian/shared';
import { WorkflowModule } from '../common/workflow.module.js';
import { machinesCheck } from '../common/workflow.js';
import { MeetingsModule } from '../meetings/meetings.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { PdcaFileLinks } from './pdca-file-links.js';
import { PdcaTasksService } from './pdca-tasks.service.js';
import { PdcaController } from './pdca.controller.js';
import { PdcaRepository } from './pdca.repository.js';
import { PdcaService } from './pdca.service.js';
import { PdcaTodos } from './pdca.todos.js';
import { PdcaWorkflows } from './pdca.workflow.js';

/** PDCA evaluation (K6, issue 15): plan → assign → evidence → scores → report → 约谈, on the workflow engine. */
@Module({
  imports: [WorkflowModule, MeetingsModule, StorageModule],
  controllers: [PdcaController],
  providers: [
    PdcaRepository,
    PdcaWorkflows,
    PdcaService,
    PdcaTasksService,
    PdcaFileLinks,
    PdcaTodos,
    machinesCheck(() => [
      { name: 'pdca_plan', table: PDCA_PLAN_TRANSITIONS, initial: 'new', states: PDCA_PLAN_MACHINE_STATES },
      { name: 'pdca_assignment', table: PDCA_TASK_TRANSITIONS, initial: 'new', states: PDCA_TASK_MACHINE_STATES },
      { name: 'pdca_talk', table: PDCA_TALK_TRANSITIONS, initial: 'new', states: PDCA_TALK_MACHINE_STATES },
    ]),
  ],
})
export class PdcaModule {}

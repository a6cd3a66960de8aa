import { Module } from '@nestjs/common';
import { CORRECTION_INITIAL_STATE, CORRECTION_MACHINE_STATES, CORRECTION_TRANSITIONS } from '@dangjian/shared';
import { WorkflowModule } from '../common/workflow.module.js';
import { machinesCheck } from '../common/workflow.js';
import { MembersModule } from '../members/members.module.js';
import { MemberCorrectionWorkflow } from './member-correction.workflow.js';
import { MemberCorrectionsController } from './member-corrections.controller.js';
import { MemberCorrectionsRepository } from './member-corrections.repository.js';
import { MemberCorrectionsService } from './member-corrections.service.js';
import { MemberCorrectionTodos } from './member-corrections.todos.js';

/** 档案更正 (issue 13): members ask, their branch decides; applied through MembersService. */
@Module({
  imports: [WorkflowModule, MembersModule],
  controllers: [MemberCorrectionsController],
  providers: [
    MemberCorrectionsRepository,
    MemberCorrectionWorkflow,
    MemberCorrectionsService,
    MemberCorrectionTodos,
    machinesCheck(() => [{ name: 'member_correction', table: CORRECTION_TRANSITIONS, initial: CORRECTION_INITIAL_STATE, states: CORRECTION_MACHINE_STATES }]),
  ],
})
export class MemberCorrectionsModule {}

import { Module } from '@nestjs/common';
import { DEDUCTION_INITIAL_STATE, DEDUCTION_MACHINE_STATES, DEDUCTION_TRANSITIONS } from '@dangjian/shared';
import { WorkflowModule } from '../common/workflow.module.js';
import { machinesCheck } from '../common/workflow.js';
import { CheckinPointsJob } from './checkin-points.job.js';
import { PointsDeductionWorkflow } from './points-deduction.workflow.js';
import { PointsDeductionsService } from './points-deductions.service.js';
import { PointsController } from './points.controller.js';
import { PointsRepository } from './points.repository.js';
import { PointsService } from './points.service.js';
import { PointsDeductionTodos } from './points.todos.js';

/** 党员积分 (P3): the one points ledger, its versioned rules, rankings and deductions. Other modules award through PointsService. */
@Module({
  imports: [WorkflowModule],
  controllers: [PointsController],
  providers: [
    PointsRepository,
    PointsService,
    PointsDeductionWorkflow,
    PointsDeductionsService,
    PointsDeductionTodos,
    CheckinPointsJob,
    machinesCheck(() => [{ name: 'points_deduction', table: DEDUCTION_TRANSITIONS, initial: DEDUCTION_INITIAL_STATE, states: DEDUCTION_MACHINE_STATES }]),
  ],
  exports: [PointsService],
})
export class PointsModule {}

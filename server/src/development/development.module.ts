import { Module } from '@nestjs/common';
import { WorkflowModule } from '../common/workflow.module.js';
import { machinesCheck } from '../common/workflow.js';
import { ElectionsModule } from '../elections/elections.module.js';
import { FeesModule } from '../fees/fees.module.js';
import { MembersModule } from '../members/members.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { StudyModule } from '../study/study.module.js';
import { DevelopmentFormsService } from './development-forms.service.js';
import { DevelopmentScanJob } from './development-scan.job.js';
import { DevelopmentViewsService } from './development-views.service.js';
import { DevelopmentController } from './development.controller.js';
import { DEVELOPMENT_MACHINE } from './development.machine.js';
import { DevelopmentRepository } from './development.repository.js';
import { DevelopmentService } from './development.service.js';
import { DevelopmentTodos } from './development.todos.js';

/** Member development (发展党员, DOMAIN D) on the workflow engine; members, fees, motions, storage and study hours through their services. */
@Module({
  imports: [WorkflowModule, MembersModule, FeesModule, ElectionsModule, StorageModule, StudyModule],
  controllers: [DevelopmentController],
  providers: [
    DevelopmentRepository,
    DevelopmentService,
    DevelopmentViewsService,
    DevelopmentFormsService,
    DevelopmentScanJob,
    DevelopmentTodos,
    machinesCheck(() => [DEVELOPMENT_MACHINE]),
  ],
  exports: [DevelopmentTodos],
})
export class DevelopmentModule {}

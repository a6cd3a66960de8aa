import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { TemporaryBranchesController } from './temporary-branches.controller.js';
import { TemporaryBranchesRepository } from './temporary-branches.repository.js';
import { TemporaryBranchDissolveJob, TemporaryBranchesService } from './temporary-branches.service.js';

/** 临时党支部 / 战时党支部 (issue 18, S4): project, end date, secondments (M2), dissolution job. */
@Module({
  imports: [OrganisationsModule],
  controllers: [TemporaryBranchesController],
  providers: [TemporaryBranchesRepository, TemporaryBranchesService, TemporaryBranchDissolveJob],
})
export class TemporaryBranchesModule {}

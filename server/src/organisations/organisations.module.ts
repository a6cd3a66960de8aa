import { Module } from '@nestjs/common';
import { CommitteeController } from './committee.controller.js';
import { CommitteeRepository } from './committee.repository.js';
import { CommitteeService } from './committee.service.js';
import { EnterprisesController } from './enterprises.controller.js';
import { EnterprisesRepository } from './enterprises.repository.js';
import { EnterprisesService } from './enterprises.service.js';
import { OrganisationsController } from './organisations.controller.js';
import { OrganisationsRepository } from './organisations.repository.js';
import { OrgSheetService } from './org-sheet.service.js';
import { OrganisationsService } from './organisations.service.js';

/** The organisation tree, enterprises, committees and terms (DOMAIN O1–O8). */
@Module({
  controllers: [OrganisationsController, CommitteeController, EnterprisesController],
  providers: [OrgSheetService, OrganisationsService, OrganisationsRepository, CommitteeService, CommitteeRepository, EnterprisesService, EnterprisesRepository],
  exports: [OrganisationsService, OrganisationsRepository],
})
export class OrganisationsModule {}

import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module.js';
import { StorageModule } from '../storage/storage.module.js';
import { StudyModule } from '../study/study.module.js';
import { VolunteerAttendanceService } from './volunteer-attendance.service.js';
import { VolunteerGate } from './volunteer-gate.js';
import { VolunteeringController } from './volunteering.controller.js';
import { VolunteeringRepository } from './volunteering.repository.js';
import { VolunteeringService } from './volunteering.service.js';

/** 志愿服务 (issue 17, P4): hours credited as points through the study module's ledger. */
@Module({
  imports: [MembersModule, StorageModule, StudyModule],
  controllers: [VolunteeringController],
  providers: [VolunteeringRepository, VolunteerGate, VolunteeringService, VolunteerAttendanceService],
  // The member card shows a member's volunteer hours of the year (P1).
  exports: [VolunteerAttendanceService],
})
export class VolunteeringModule {}

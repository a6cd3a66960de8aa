import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditReadService } from './audit-read.service.js';
import { AuditRepository } from './audit.repository.js';

/** The audit log's read API. Writing is AuditService, provided to every module by CoreModule. */
@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditReadService],
})
export class AuditModule {}

import { Global, Module } from '@nestjs/common';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { SessionService } from '../auth/session.service.js';

/** Services every feature module uses: the access check, the audit log, sessions. */
@Global()
@Module({
  providers: [AccessService, AuditService, SessionService],
  exports: [AccessService, AuditService, SessionService],
})
export class CoreModule {}

import { Global, Module } from '@nestjs/common';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { SessionService } from '../auth/session.service.js';
import { Clock } from './clock.js';

/** Services every feature module uses: the access check, the audit log, sessions, the one injectable clock. */
@Global()
@Module({
  providers: [AccessService, AuditService, SessionService, Clock],
  exports: [AccessService, AuditService, SessionService, Clock],
})
export class CoreModule {}

import { Global, Module } from '@nestjs/common';
import { AccessRepository } from './access/access.repository.js';
import { AccessService } from './access/access.service.js';
import { AuditService } from './audit/audit.service.js';
import { SessionService } from './auth/session.service.js';
import { SessionsRepository } from './auth/sessions.repository.js';
import { Clock } from './common/clock.js';
import { PgListener } from './common/pg-listener.js';
import { AuditWriter, Notifier } from './common/ports.js';
import { ReportReader } from './common/report-reader.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { NotificationsService } from './notifications/notifications.service.js';

/**
 * Services every feature module uses: the access check, the audit log, sessions, the one injectable
 * clock, the process's LISTEN connection, the reader of reports (on replicas when there are); and the ports common/ code (the workflow engine) is written against, bound to their services.
 */
@Global()
@Module({
  imports: [NotificationsModule],
  providers: [
    AccessService,
    AccessRepository,
    AuditService,
    SessionService,
    SessionsRepository,
    Clock,
    PgListener,
    ReportReader,
    { provide: AuditWriter, useExisting: AuditService },
    { provide: Notifier, useExisting: NotificationsService },
  ],
  exports: [AccessService, AuditService, SessionService, Clock, PgListener, ReportReader, AuditWriter, Notifier],
})
export class CoreModule {}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import type { AuditEntry, AuditWriter } from '../common/ports.js';
import { AuditLogEntity } from './audit-log.entity.js';

export type { AuditEntry };

/**
 * Writes the append-only audit log. Pass the transaction's manager so the entry commits (or not)
 * with the change it records.
 */
@Injectable()
export class AuditService implements AuditWriter {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(auth: AuthContext | null, entry: AuditEntry, manager: EntityManager = this.db.manager) {
    await manager.insert(AuditLogEntity, {
      actorUserId: auth?.userId ?? null,
      actorName: auth?.displayName ?? null,
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId ?? null,
      orgPath: entry.orgPath ?? null,
      details: (entry.details ?? null) as AuditLogEntity['details'] & object,
      requestId: auth?.requestId ?? null,
    });
  }
}

import type { EntityManager } from 'typeorm';
import type { AuthContext } from './auth-context.js';

/*
 * What common/ code (the workflow engine) needs from feature modules, as abstract classes: they are
 * the DI tokens, bound to the real services in the composition root (core.module.ts), so common/
 * imports no feature module.
 */

export type AuditEntry = {
  action: string;
  objectType: string;
  objectId?: string | null;
  orgPath?: string | null;
  details?: Record<string, unknown>;
};

/** The append-only audit log (AuditService): an entry written with `manager` commits with the change it records. */
export abstract class AuditWriter {
  abstract record(auth: AuthContext | null, entry: AuditEntry, manager?: EntityManager): Promise<void>;
}

export type NotificationDraft = { kind: string; title: string; body: string; link: string | null };

/** The in-app inbox and WeChat outbox (NotificationsService): written inside the caller's transaction. */
export abstract class Notifier {
  abstract notify(em: EntityManager, userIds: ReadonlyArray<string>, draft: NotificationDraft): Promise<number>;
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only record of sensitive actions. A trigger refuses UPDATE and DELETE, so not even a bug
 * in the application can rewrite history.
 */
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Index('IDX_audit_log_at')
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'uuid', name: 'actor_user_id', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'varchar', length: 50, name: 'actor_name', nullable: true })
  actorName: string | null;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ type: 'varchar', length: 40, name: 'object_type' })
  objectType: string;

  @Index('IDX_audit_log_object')
  @Column({ type: 'uuid', name: 'object_id', nullable: true })
  objectId: string | null;

  /** Path of the organisation the object belongs to: workers read the log of their subtree. */
  @Index('IDX_audit_log_org_path', { spatial: true })
  @Column({ type: 'ltree', name: 'org_path', nullable: true })
  orgPath: string | null;

  @Column({ type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 64, name: 'request_id', nullable: true })
  requestId: string | null;
}

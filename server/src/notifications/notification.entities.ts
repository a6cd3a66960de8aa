import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserAccountEntity } from '../auth/auth.entities.js';

/** The in-app inbox: one row per recipient, written in the transaction of what it announces. */
@Entity('notification')
@Index('IDX_notification_recipient', ['recipientUserId', 'createdAt'])
@Index('IDX_notification_unread', ['recipientUserId'], { where: 'read_at IS NULL' })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'uuid', name: 'recipient_user_id' })
  recipientUserId: string;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_user_id' })
  recipient?: UserAccountEntity;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  link: string | null;

  @Column({ type: 'timestamptz', name: 'read_at', nullable: true })
  readAt: Date | null;
}

/**
 * Outbox of messages to send outside the platform after commit (WeChat subscribe messages): written
 * with the notification, sent by the outbox worker, retried with back-off, never twice (row lock).
 */
@Entity('notification_outbox')
@Check('CHK_notification_outbox_status', `status IN ('pending','sent','failed')`)
@Index('IDX_notification_outbox_pending', ['nextAttemptAt'], { where: `status = 'pending'` })
export class NotificationOutboxEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'uuid', name: 'notification_id' })
  notificationId: string;

  @ManyToOne(() => NotificationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id' })
  notification?: NotificationEntity;

  @Column({ type: 'varchar', length: 20 })
  channel: 'wechat_subscribe';

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: 'pending' | 'sent' | 'failed';

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', name: 'next_attempt_at', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt: Date | null;
}

export const NOTIFICATION_ENTITIES = [NotificationEntity, NotificationOutboxEntity];

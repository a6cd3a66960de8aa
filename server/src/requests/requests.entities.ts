import { Check, Column, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { CatalogueKind, RequestCategory, RequestState } from '@dangjian/shared';
import { UserAccountEntity } from '../auth/auth.entities.js';
import { BaseEntity } from '../common/base.entity.js';
import { EnterpriseEntity, OrganisationEntity } from '../organisations/organisation.entity.js';
import { StoredFileEntity } from '../storage/stored-file.entity.js';

/** An account speaking for one enterprise (企业联系人), appointed by a committee; revoked, never deleted. */
@Entity('enterprise_contact')
// One live appointment per account and enterprise.
@Index('UQ_enterprise_contact_live', ['userId', 'enterpriseId'], { unique: true, where: 'revoked_at IS NULL' })
export class EnterpriseContactEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'committee_id' })
  committeeId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id' })
  committee?: OrganisationEntity;

  @Column({ type: 'uuid', name: 'enterprise_id' })
  enterpriseId: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: EnterpriseEntity;

  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserAccountEntity;

  @Column({ type: 'uuid', name: 'appointed_by', nullable: true })
  appointedBy: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'appointed_by' })
  appointer?: UserAccountEntity;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}

/** A department the committee routes requests to (组织部, 经信, 商务, 科技, 税务 …). */
@Entity('service_department')
@Index('UQ_service_department_name', ['committeeId', 'name'], { unique: true })
export class ServiceDepartmentEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'committee_id' })
  committeeId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id' })
  committee?: OrganisationEntity;

  @Column({ type: 'varchar', length: 40 })
  name: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}

@Entity('service_department_handler')
export class ServiceDepartmentHandlerEntity {
  @PrimaryColumn({ type: 'uuid', name: 'department_id' })
  departmentId: string;

  @ManyToOne(() => ServiceDepartmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'department_id' })
  department?: ServiceDepartmentEntity;

  @Index('IDX_service_department_handler_user')
  @PrimaryColumn({ type: 'uuid', name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserAccountEntity;
}

/** 诉求: the row is the current state; enterprise_request_step is its timeline (S3: never deleted). */
@Entity('enterprise_request')
@Check('CHK_enterprise_request_state', `state IN ('submitted','routed','in_progress','awaiting_info','resolved','closed','withdrawn','rejected')`)
@Check('CHK_enterprise_request_rating', `rating IS NULL OR rating BETWEEN 1 AND 5`)
@Check('CHK_enterprise_request_reason', `state NOT IN ('withdrawn','rejected') OR closing_reason IS NOT NULL`)
@Index('IDX_enterprise_request_committee', ['committeeId', 'createdAt'])
@Index('IDX_enterprise_request_requester', ['requestedBy', 'createdAt'])
@Index('IDX_enterprise_request_department', ['departmentId', 'state'])
export class EnterpriseRequestEntity extends BaseEntity {
  @Index('UQ_enterprise_request_number', { unique: true })
  @Column({ type: 'varchar', length: 20 })
  number: string;

  @Column({ type: 'uuid', name: 'committee_id' })
  committeeId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id' })
  committee?: OrganisationEntity;

  @Column({ type: 'uuid', name: 'enterprise_id', nullable: true })
  enterpriseId: string | null;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: EnterpriseEntity;

  @Column({ type: 'uuid', name: 'requested_by' })
  requestedBy: string;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by' })
  requester?: UserAccountEntity;

  @Column({ type: 'varchar', length: 20 })
  category: RequestCategory;

  @Column({ type: 'varchar', length: 60 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 20 })
  state: RequestState;

  @Column({ type: 'uuid', name: 'department_id', nullable: true })
  departmentId: string | null;

  @ManyToOne(() => ServiceDepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: ServiceDepartmentEntity;

  @Column({ type: 'date', name: 'first_response_due_on' })
  firstResponseDueOn: string;

  @Column({ type: 'date', name: 'resolve_due_on' })
  resolveDueOn: string;

  @Column({ type: 'timestamptz', name: 'first_response_at', nullable: true })
  firstResponseAt: Date | null;

  @Column({ type: 'timestamptz', name: 'resolved_at', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'smallint', nullable: true })
  rating: number | null;

  @Column({ type: 'text', name: 'closing_reason', nullable: true })
  closingReason: string | null;

  @Column({ type: 'timestamptz', name: 'response_escalated_at', nullable: true })
  responseEscalatedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'resolution_escalated_at', nullable: true })
  resolutionEscalatedAt: Date | null;
}

/** One step of a request's timeline: who did what, when, with which text (the audit log has the same). */
@Entity('enterprise_request_step')
@Index('IDX_enterprise_request_step_request', ['requestId', 'id'])
export class EnterpriseRequestStepEntity {
  /** Insertion order: steps of one transaction (or a stopped test clock) share `at`. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid', name: 'request_id' })
  requestId: string;

  @ManyToOne(() => EnterpriseRequestEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'request_id' })
  request?: EnterpriseRequestEntity;

  @Column({ type: 'varchar', length: 20 })
  action: string;

  @Column({ type: 'varchar', length: 20, name: 'from_state' })
  fromState: string;

  @Column({ type: 'varchar', length: 20, name: 'to_state' })
  toState: string;

  /** Null for the escalation job's steps. */
  @Column({ type: 'uuid', name: 'actor_id', nullable: true })
  actorId: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id' })
  actor?: UserAccountEntity;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Column({ type: 'uuid', name: 'department_id', nullable: true })
  departmentId: string | null;

  @ManyToOne(() => ServiceDepartmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: ServiceDepartmentEntity;

  @Column({ type: 'smallint', nullable: true })
  rating: number | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}

@Entity('enterprise_request_file')
export class EnterpriseRequestFileEntity {
  @PrimaryColumn({ type: 'uuid', name: 'request_id' })
  requestId: string;

  @ManyToOne(() => EnterpriseRequestEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'request_id' })
  request?: EnterpriseRequestEntity;

  @PrimaryColumn({ type: 'uuid', name: 'file_id' })
  fileId: string;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'file_id' })
  file?: StoredFileEntity;
}

/** The committee's service catalogue: policies and 红色服务通道. */
@Entity('service_catalogue_item')
@Check('CHK_service_catalogue_item_kind', `kind IN ('policy','channel')`)
@Index('IDX_service_catalogue_item_committee', ['committeeId', 'kind'])
export class CatalogueItemEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'committee_id' })
  committeeId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id' })
  committee?: OrganisationEntity;

  @Column({ type: 'varchar', length: 20 })
  kind: CatalogueKind;

  @Column({ type: 'varchar', length: 60 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  contact: string | null;

  @Column({ type: 'boolean', default: true })
  published: boolean;
}

/** A bookable room of the 党群服务中心. */
@Entity('service_room')
@Index('UQ_service_room_name', ['committeeId', 'name'], { unique: true })
export class ServiceRoomEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'committee_id' })
  committeeId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id' })
  committee?: OrganisationEntity;

  @Column({ type: 'varchar', length: 40 })
  name: string;

  @Column({ type: 'varchar', length: 100, default: '' })
  location: string;

  @Column({ type: 'int' })
  capacity: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}

/**
 * A booking. No double booking: the exclusion constraint refuses two live bookings of one room whose
 * time ranges overlap (btree_gist for the `room_id =` part), so two people taking one slot at the same
 * moment cannot both succeed — no check-then-insert.
 */
@Entity('room_booking')
@Exclusion('EX_room_booking_overlap', `USING gist ("room_id" WITH =, "during" WITH &&) WHERE ("cancelled_at" IS NULL)`)
export class RoomBookingEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'room_id' })
  roomId: string;

  @ManyToOne(() => ServiceRoomEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'room_id' })
  room?: ServiceRoomEntity;

  @Column({ type: 'tstzrange' })
  during: string;

  @Column({ type: 'varchar', length: 100 })
  purpose: string;

  @Column({ type: 'uuid', name: 'booked_by' })
  bookedBy: string;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'booked_by' })
  booker?: UserAccountEntity;

  @Column({ type: 'timestamptz', name: 'cancelled_at', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'text', name: 'cancel_reason', nullable: true })
  cancelReason: string | null;
}

export const REQUEST_ENTITIES = [
  EnterpriseContactEntity,
  ServiceDepartmentEntity,
  ServiceDepartmentHandlerEntity,
  EnterpriseRequestEntity,
  EnterpriseRequestStepEntity,
  EnterpriseRequestFileEntity,
  CatalogueItemEntity,
  ServiceRoomEntity,
  RoomBookingEntity,
];

import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { StoredTransferState, TransferAction, TransferActor, TransferKind } from '@dangjian/shared';
import { BaseEntity } from '../common/base.entity.js';
import { MemberEntity } from '../members/member.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';

const OPEN = `state IN ('pending_branch','pending_committee','returned','letter_issued','accepted')`;

/**
 * One relationship transfer (T1–T8). Both sides are stored with their organisation and 基层党委
 * (nearest ancestor-or-self of kind committee) and those paths, so the queues scope by `path <@`
 * without joins. `awaiting_path` is the organisation whose workers act next (null when the member
 * or the applicant must act, or when closed); the queues read `transfer_queue`.
 * The member's organisation changes only at acceptance (T5), in the step's transaction. When an
 * organisation moves (its path changes), a trigger (transfers migration) updates the copied paths.
 */
@Entity('transfer')
@Check('CHK_transfer_kind', `kind IN ('internal','outbound','inbound','certificate','mobile')`)
@Check('CHK_transfer_state', `state IN ('pending_branch','pending_committee','returned','letter_issued','accepted','completed','refused','withdrawn')`)
@Check('CHK_transfer_validity', `validity_days BETWEEN 1 AND 90`)
@Check('CHK_transfer_started_by', `started_by IN ('member','branch','committee')`)
// T7: one open transfer per member, by the database (partial unique index).
@Index('UQ_transfer_open_member', ['memberId'], { unique: true, where: OPEN })
@Index('IDX_transfer_member', ['memberId', 'createdAt'])
// By organisation id: the trigger that follows a moved organisation's path, and FK checks on delete.
@Index('IDX_transfer_from_org', ['fromOrgId'])
@Index('IDX_transfer_from_committee', ['fromCommitteeId'])
@Index('IDX_transfer_to_org', ['toOrgId'])
@Index('IDX_transfer_to_committee', ['toCommitteeId'])
export class TransferEntity extends BaseEntity {
  @Column({ type: 'varchar', length: 12 })
  kind: TransferKind;

  @Column({ type: 'varchar', length: 20 })
  state: StoredTransferState;

  @Column({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column({ type: 'varchar', length: 50, name: 'member_name' })
  memberName: string;

  @Column({ type: 'varchar', length: 10, name: 'started_by' })
  startedBy: 'member' | 'branch' | 'committee';

  /** Who may withdraw and resubmit (T7). */
  @Column({ type: 'uuid', name: 'applicant_user_id', nullable: true })
  applicantUserId: string | null;

  @Column({ type: 'uuid', name: 'from_org_id', nullable: true })
  fromOrgId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_org_id' })
  fromOrg?: OrganisationEntity;

  @Column({ type: 'ltree', name: 'from_org_path', nullable: true })
  fromOrgPath: string | null;

  @Column({ type: 'uuid', name: 'from_committee_id', nullable: true })
  fromCommitteeId: string | null;

  @Column({ type: 'ltree', name: 'from_committee_path', nullable: true })
  fromCommitteePath: string | null;

  /** The sending organisation's name (for inbound: the organisation elsewhere that wrote the paper letter). */
  @Column({ type: 'varchar', length: 100, name: 'from_org_name' })
  fromOrgName: string;

  @Column({ type: 'uuid', name: 'to_org_id', nullable: true })
  toOrgId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_org_id' })
  toOrg?: OrganisationEntity;

  @Column({ type: 'ltree', name: 'to_org_path', nullable: true })
  toOrgPath: string | null;

  @Column({ type: 'uuid', name: 'to_committee_id', nullable: true })
  toCommitteeId: string | null;

  @Column({ type: 'ltree', name: 'to_committee_path', nullable: true })
  toCommitteePath: string | null;

  @Column({ type: 'varchar', length: 100, name: 'to_org_name' })
  toOrgName: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'int', name: 'validity_days', default: 30 })
  validityDays: number;

  /** M4: the contact phone on the letter, sealed like the member's (PhoneCipher); answers carry the masked form. */
  @Column({ type: 'text', name: 'member_phone_enc', nullable: true })
  memberPhoneEnc: string | null;

  @Column({ type: 'varchar', length: 11, name: 'member_phone_masked', nullable: true })
  memberPhoneMasked: string | null;

  @Column({ type: 'varchar', length: 50, name: 'paper_letter_number', nullable: true })
  paperLetterNumber: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  awaiting: TransferActor | null;

  @Column({ type: 'ltree', name: 'awaiting_path', nullable: true })
  awaitingPath: string | null;

  /** T6: the current step's deadline (letter validity; one month after acceptance). */
  @Column({ type: 'date', name: 'due_on', nullable: true })
  dueOn: string | null;

  @Column({ type: 'timestamptz', name: 'accepted_at', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'receipt_at', nullable: true })
  receiptAt: Date | null;

  @Column({ type: 'timestamptz', name: 'reported_at', nullable: true })
  reportedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;

  /** T6: when the overdue alert of the current deadline went out (the scan alerts once per deadline). */
  @Column({ type: 'date', name: 'alerted_due_on', nullable: true })
  alertedDueOn: string | null;
}

/** T7: every step — who, when, why, from which state to which. Append-only by use. */
@Entity('transfer_step')
@Index('IDX_transfer_step_transfer', ['transferId', 'at'])
export class TransferStepEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'transfer_id' })
  transferId: string;

  @ManyToOne(() => TransferEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'transfer_id' })
  transfer?: TransferEntity;

  @Column({ type: 'varchar', length: 20 })
  action: TransferAction;

  @Column({ type: 'varchar', length: 20, name: 'from_state' })
  fromState: string;

  @Column({ type: 'varchar', length: 20, name: 'to_state' })
  toState: string;

  @Column({ type: 'varchar', length: 24 })
  actor: TransferActor;

  @Column({ type: 'uuid', name: 'actor_user_id', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'varchar', length: 50, name: 'actor_name' })
  actorName: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}

/**
 * T4: the introduction letter, numbered per issuing committee and year (`transfer_letter_counter`
 * row locked by the upsert that takes the next number). `fields` is what was printed.
 */
@Entity('transfer_letter')
@Index('UQ_transfer_letter_number', ['committeeId', 'year', 'seq'], { unique: true })
@Index('UQ_transfer_letter_transfer', ['transferId'], { unique: true })
export class TransferLetterEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', name: 'transfer_id' })
  transferId: string;

  @ManyToOne(() => TransferEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'transfer_id' })
  transfer?: TransferEntity;

  @Column({ type: 'uuid', name: 'committee_id' })
  committeeId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id' })
  committee?: OrganisationEntity;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 30 })
  number: string;

  @Column({ type: 'date', name: 'issued_on' })
  issuedOn: string;

  @Column({ type: 'int', name: 'validity_days' })
  validityDays: number;

  @Column({ type: 'date', name: 'valid_until' })
  validUntil: string;

  @Column({ type: 'jsonb' })
  fields: Record<string, unknown>;

  @Column({ type: 'timestamptz', name: 'used_at', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

@Entity('transfer_letter_counter')
export class TransferLetterCounterEntity {
  @PrimaryColumn({ type: 'uuid', name: 'committee_id' })
  committeeId: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'int', name: 'last_seq' })
  lastSeq: number;
}

/**
 * The queues (待办 / 待对方办理 / 逾期) as rows: one per open transfer and organisation on either side's
 * path from the root (the ancestors-or-self of the sending and the receiving organisation), with
 * `mine` = the organisation that acts next lies in that organisation's subtree. A committee's queue
 * is then a btree range on (org_id, mine, updated_at): pages without sorting, counts by index-only
 * scans, whatever the size of the subtree. Kept by the SQL function transfer_queue_refresh(ids), called
 * in every step's transaction and by the trigger that follows moved organisations.
 */
@Entity('transfer_queue')
@Index('IDX_transfer_queue_org', { synchronize: false })
@Index('IDX_transfer_queue_due', { synchronize: false })
export class TransferQueueEntity {
  @PrimaryColumn({ type: 'uuid', name: 'transfer_id' })
  transferId: string;

  @ManyToOne(() => TransferEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'transfer_id' })
  transfer?: TransferEntity;

  @PrimaryColumn({ type: 'uuid', name: 'org_id' })
  orgId: string;

  @Column({ type: 'boolean' })
  mine: boolean;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;

  @Column({ type: 'date', name: 'due_on', nullable: true })
  dueOn: string | null;
}

export const TRANSFER_ENTITIES = [TransferEntity, TransferStepEntity, TransferLetterEntity, TransferLetterCounterEntity, TransferQueueEntity];

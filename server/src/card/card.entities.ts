import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne } from 'typeorm';
import { UserAccountEntity } from '../auth/auth.entities.js';
import { MemberEntity } from '../members/member.entity.js';
import { StoredFileEntity } from '../storage/stored-file.entity.js';

/** P1: what the member adds to the public view of their card (nothing beyond the minimum until they choose). */
@Entity('member_card')
export class MemberCardEntity {
  @Column({ type: 'uuid', primary: true, name: 'member_id' })
  memberId: string;

  @OneToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'FK_member_card_member' })
  member?: MemberEntity;

  @Column({ type: 'boolean', name: 'show_study', default: false })
  showStudy: boolean;

  @Column({ type: 'boolean', name: 'show_points', default: false })
  showPoints: boolean;

  @Column({ type: 'boolean', name: 'show_volunteer', default: false })
  showVolunteer: boolean;

  @Column({ type: 'boolean', name: 'show_honours', default: false })
  showHonours: boolean;

  /** The member's own photo (P1), a stored_file; null: the card draws the name's first character. */
  @Column({ type: 'uuid', name: 'photo_file_id', nullable: true })
  photoFileId: string | null;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'photo_file_id', foreignKeyConstraintName: 'FK_member_card_photo' })
  photo?: StoredFileEntity;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

/** A 先锋岗 the member holds or an honour they received, recorded by their branch (shown on the card). */
@Entity('member_distinction')
@Check('CHK_member_distinction_kind', `kind IN ('vanguard','honour')`)
@Index('IDX_member_distinction_member', ['memberId'])
export class MemberDistinctionEntity {
  @Column({ type: 'uuid', primary: true, generated: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'FK_member_distinction_member' })
  member?: MemberEntity;

  @Column({ type: 'varchar', length: 12 })
  kind: 'vanguard' | 'honour';

  @Column({ type: 'varchar', length: 60 })
  title: string;

  @Column({ type: 'date', name: 'awarded_on' })
  awardedOn: string;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_member_distinction_created_by' })
  creator?: UserAccountEntity;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

/**
 * 先锋岗履职 (P3 `vanguard_duty`): a duty the holder of a 先锋岗 performed, recorded by the branch; the
 * points it gave are the ledger's (`points_entry`, source `vanguard:<id>`), copied here for the page.
 * Revoking the post keeps its duties (the points stay given): `distinction_id` becomes null, `post_title` remains.
 */
@Entity('vanguard_duty')
@Index('IDX_vanguard_duty_distinction', ['distinctionId', 'performedOn'])
@Index('IDX_vanguard_duty_member', ['memberId'])
export class VanguardDutyEntity {
  @Column({ type: 'uuid', primary: true, generated: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'distinction_id', nullable: true })
  distinctionId: string | null;

  @ManyToOne(() => MemberDistinctionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'distinction_id', foreignKeyConstraintName: 'FK_vanguard_duty_distinction' })
  distinction?: MemberDistinctionEntity;

  @Column({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'FK_vanguard_duty_member' })
  member?: MemberEntity;

  @Column({ type: 'varchar', length: 60, name: 'post_title' })
  postTitle: string;

  @Column({ type: 'date', name: 'performed_on' })
  performedOn: string;

  @Column({ type: 'varchar', length: 200 })
  note: string;

  @Column({ type: 'int', default: 0 })
  points: number;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_vanguard_duty_created_by' })
  creator?: UserAccountEntity;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

export const CARD_ENTITIES = [MemberCardEntity, MemberDistinctionEntity, VanguardDutyEntity];

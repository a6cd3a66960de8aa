import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { DeductionState, PointsEntryKind } from '@dangjian/shared';
import { UserAccountEntity } from '../auth/auth.entities.js';
import { MemberEntity } from '../members/member.entity.js';

/**
 * P3: one version of an activity's rule. The version in force on a day is the latest whose
 * `effective_from` is on or before it; `points_award()` reads it and each entry keeps its id.
 */
@Entity('points_rule')
@Check('CHK_points_rule_caps', `points > 0 AND daily_cap >= points AND (yearly_cap IS NULL OR yearly_cap >= daily_cap)`)
@Index('UQ_points_rule_version', ['activity', 'version'], { unique: true })
@Index('UQ_points_rule_from', ['activity', 'effectiveFrom'], { unique: true })
export class PointsRuleEntity {
  @Column({ type: 'uuid', primary: true, generated: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 20 })
  activity: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'date', name: 'effective_from' })
  effectiveFrom: string;

  @Column({ type: 'int' })
  points: number;

  @Column({ type: 'int', name: 'daily_cap' })
  dailyCap: number;

  @Column({ type: 'int', name: 'yearly_cap', nullable: true })
  yearlyCap: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_points_rule_created_by' })
  creator?: UserAccountEntity;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

/**
 * L4, P3: the one points ledger (formerly study_points). One row per source event (`source_key`
 * unique), written only by `points_award()` — or, for an approved deduction, negative and without a rule.
 */
@Entity('points_entry')
@Index('IDX_points_entry_member_day', ['memberId', 'day'])
@Index('IDX_points_entry_day', ['day'])
@Index('IDX_points_entry_member_activity_day', ['memberId', 'activity', 'day'])
@Check('CHK_points_entry_kind', `(activity = 'deduction') = (rule_id IS NULL) AND (activity = 'deduction') = (points < 0)`)
export class PointsEntryEntity {
  @Column({ type: 'uuid', primary: true, generated: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'FK_points_entry_member' })
  member?: MemberEntity;

  @Column({ type: 'varchar', length: 20 })
  activity: PointsEntryKind;

  @Index('UQ_points_entry_source', { unique: true })
  @Column({ type: 'varchar', length: 160, name: 'source_key' })
  sourceKey: string;

  @Column({ type: 'int' })
  points: number;

  @Column({ type: 'date' })
  day: string;

  @Column({ type: 'uuid', name: 'rule_id', nullable: true })
  ruleId: string | null;

  @ManyToOne(() => PointsRuleEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rule_id', foreignKeyConstraintName: 'FK_points_entry_rule' })
  rule?: PointsRuleEntity;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

/** P3: a deduction proposed by the branch with a reason; an approver (not the proposer) decides. */
@Entity('points_deduction')
@Check('CHK_points_deduction_state', `state IN ('proposed','approved','rejected')`)
@Check('CHK_points_deduction_points', `points BETWEEN 1 AND 100`)
@Check('CHK_points_deduction_reject', `(state = 'rejected') = (reject_reason IS NOT NULL)`)
@Index('IDX_points_deduction_member', ['memberId'])
export class PointsDeductionEntity {
  @Column({ type: 'uuid', primary: true, generated: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'FK_points_deduction_member' })
  member?: MemberEntity;

  @Column({ type: 'int' })
  points: number;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'date' })
  day: string;

  @Column({ type: 'varchar', length: 12, default: 'proposed' })
  state: DeductionState;

  @Column({ type: 'uuid', name: 'proposed_by', nullable: true })
  proposedBy: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'proposed_by', foreignKeyConstraintName: 'FK_points_deduction_proposed_by' })
  proposer?: UserAccountEntity;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'uuid', name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'FK_points_deduction_decided_by' })
  decider?: UserAccountEntity;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 500, name: 'reject_reason', nullable: true })
  rejectReason: string | null;
}

export const POINTS_ENTITIES = [PointsRuleEntity, PointsEntryEntity, PointsDeductionEntity];

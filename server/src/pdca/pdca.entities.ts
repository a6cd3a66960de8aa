import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import type { PdcaEvidenceLink, PdcaPlanState, PdcaRubricItem, PdcaTalkState, PdcaTaskState } from '@dangjian/shared';
import { UserAccountEntity } from '../auth/auth.entities.js';
import { BaseEntity, dateColumn } from '../common/base.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { StoredFileEntity } from '../storage/stored-file.entity.js';

/** 党委统筹 (K6): a committee's tasks for a year or quarter, with the rubric branches are scored against. */
@Entity('pdca_plan')
@Check('CHK_pdca_plan_state', `state IN ('draft','published','scoring','reported','closed')`)
@Check('CHK_pdca_plan_quarter', `quarter IS NULL OR quarter BETWEEN 1 AND 4`)
@Index('IDX_pdca_plan_org', ['organisationId', 'year'])
export class PdcaPlanEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 80 })
  title: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int', nullable: true })
  quarter: number | null;

  @Column({ type: 'text' })
  description: string;

  @Column({ ...dateColumn, name: 'due_on' })
  dueOn: string;

  @Column({ type: 'numeric', precision: 6, scale: 1 })
  threshold: string;

  @Column({ type: 'jsonb' })
  rubric: PdcaRubricItem[];

  @Column({ type: 'varchar', length: 20 })
  state: PdcaPlanState;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: UserAccountEntity;

  @Column({ type: 'timestamptz', name: 'reported_at', nullable: true })
  reportedAt: Date | null;
}

/** Who scores the plan's branches (several; a branch's score is their mean). */
@Entity('pdca_plan_scorer')
export class PdcaPlanScorerEntity {
  @PrimaryColumn({ type: 'uuid', name: 'plan_id' })
  planId: string;

  @ManyToOne(() => PdcaPlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: PdcaPlanEntity;

  @PrimaryColumn({ type: 'uuid', name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserAccountEntity;
}

/** 党群部组织 → 党支部落实: one branch's task in a plan, with what the branch did. */
@Entity('pdca_assignment')
@Unique('UQ_pdca_assignment_branch', ['planId', 'organisationId'])
@Check('CHK_pdca_assignment_state', `state IN ('assigned','submitted','returned','accepted','scored')`)
@Check('CHK_pdca_assignment_return', `(state = 'returned') = (return_reason IS NOT NULL)`)
@Index('IDX_pdca_assignment_org', ['organisationId'])
export class PdcaAssignmentEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'plan_id' })
  planId: string;

  @ManyToOne(() => PdcaPlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: PdcaPlanEntity;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 20 })
  state: PdcaTaskState;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  links: PdcaEvidenceLink[];

  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'uuid', name: 'submitted_by', nullable: true })
  submittedBy: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'submitted_by' })
  submitter?: UserAccountEntity;

  @Column({ type: 'text', name: 'return_reason', nullable: true })
  returnReason: string | null;

  /** The mean of the scorers' totals, fixed when the committee finalises (score). */
  @Column({ type: 'numeric', precision: 7, scale: 2, nullable: true })
  average: string | null;
}

/** Photos and files the branch attaches (bytes in the storage module). */
@Entity('pdca_evidence_file')
@Index('IDX_pdca_evidence_file_assignment', ['assignmentId'])
export class PdcaEvidenceFileEntity {
  @PrimaryColumn({ type: 'uuid', name: 'file_id' })
  fileId: string;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'file_id' })
  file?: StoredFileEntity;

  @Column({ type: 'uuid', name: 'assignment_id' })
  assignmentId: string;

  @ManyToOne(() => PdcaAssignmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id' })
  assignment?: PdcaAssignmentEntity;
}

/** 绩效考评: one scorer's sheet for one branch (one per scorer: the primary key). */
@Entity('pdca_score')
export class PdcaScoreEntity {
  @PrimaryColumn({ type: 'uuid', name: 'assignment_id' })
  assignmentId: string;

  @ManyToOne(() => PdcaAssignmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id' })
  assignment?: PdcaAssignmentEntity;

  @PrimaryColumn({ type: 'uuid', name: 'scorer_id' })
  scorerId: string;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scorer_id' })
  scorer?: UserAccountEntity;

  @Column({ type: 'jsonb' })
  scores: Record<string, number>;

  @Column({ type: 'numeric', precision: 6, scale: 1 })
  total: string;

  @Column({ type: 'text', default: '' })
  comment: string;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

/** 约谈 of a lagging branch's secretary (K6): opened at the report, recorded when held. */
@Entity('pdca_talk')
@Check('CHK_pdca_talk_state', `state IN ('pending','held')`)
@Check('CHK_pdca_talk_held', `(state = 'held') = (held_on IS NOT NULL)`)
export class PdcaTalkEntity extends BaseEntity {
  @Index('UQ_pdca_talk_assignment', { unique: true })
  @Column({ type: 'uuid', name: 'assignment_id' })
  assignmentId: string;

  @ManyToOne(() => PdcaAssignmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id' })
  assignment?: PdcaAssignmentEntity;

  @Column({ type: 'varchar', length: 20 })
  state: PdcaTalkState;

  @Column({ ...dateColumn, name: 'held_on', nullable: true })
  heldOn: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  attendees: string | null;

  @Column({ type: 'text', nullable: true })
  content: string | null;

  @Column({ type: 'text', name: 'follow_up', nullable: true })
  followUp: string | null;

  @Column({ type: 'uuid', name: 'recorded_by', nullable: true })
  recordedBy: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recorded_by' })
  recorder?: UserAccountEntity;
}

export const PDCA_ENTITIES = [PdcaPlanEntity, PdcaPlanScorerEntity, PdcaAssignmentEntity, PdcaEvidenceFileEntity, PdcaScoreEntity, PdcaTalkEntity];

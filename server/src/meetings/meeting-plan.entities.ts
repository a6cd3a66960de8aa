import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { CompliancePeriod, MeetingPlanState, MeetingType } from '@dangjian/shared';
import { BaseEntity } from '../common/base.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { UserAccountEntity } from '../auth/auth.entities.js';

/**
 * A branch's yearly plan of meetings (年度计划, C1): one per branch and year (UQ_meeting_plan_org_year),
 * drafted from the rule set, reported to the organisation above (MEETING_PLAN_TRANSITIONS).
 */
@Entity('meeting_plan')
@Index('UQ_meeting_plan_org_year', ['organisationId', 'year'], { unique: true })
@Check('CHK_meeting_plan_state', `state IN ('draft','submitted','acknowledged','returned')`)
export class MeetingPlanEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'int' })
  year: number;

  @Index('IDX_meeting_plan_state')
  @Column({ type: 'varchar', length: 20 })
  state: MeetingPlanState;

  /** The C1 rule set the draft came from. */
  @Column({ type: 'int', name: 'rules_version' })
  rulesVersion: number;

  @Column({ type: 'varchar', length: 10, name: 'party_lecture_period' })
  partyLecturePeriod: CompliancePeriod;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: UserAccountEntity;

  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'uuid', name: 'submitted_by', nullable: true })
  submittedBy: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'submitted_by' })
  submitter?: UserAccountEntity;

  @Column({ type: 'varchar', length: 50, name: 'submitted_by_name', nullable: true })
  submittedByName: string | null;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'varchar', length: 50, name: 'decided_by_name', nullable: true })
  decidedByName: string | null;

  @Column({ type: 'text', name: 'return_reason', nullable: true })
  returnReason: string | null;
}

/** One planned meeting: a month and a type (the group for a 党小组会), with an optional topic. */
@Entity('meeting_plan_entry')
@Index('IDX_meeting_plan_entry_plan', ['planId', 'month'])
@Check('CHK_meeting_plan_entry_month', `month BETWEEN 1 AND 12`)
@Check(
  'CHK_meeting_plan_entry_type',
  `type IN ('general_assembly','committee_meeting','group_meeting','party_lecture','theme_day','life_meeting','democratic_review','other')`,
)
export class MeetingPlanEntryEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'plan_id' })
  planId: string;

  @ManyToOne(() => MeetingPlanEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: MeetingPlanEntity;

  @Column({ type: 'smallint' })
  month: number;

  @Column({ type: 'varchar', length: 30 })
  type: MeetingType;

  @Column({ type: 'uuid', name: 'group_id', nullable: true })
  groupId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: OrganisationEntity;

  @Column({ type: 'varchar', length: 200, default: '' })
  topic: string;
}

export const MEETING_PLAN_ENTITIES = [MeetingPlanEntity, MeetingPlanEntryEntity];

import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { DevAction, StoredDevState } from '@dangjian/shared';
import { UserAccountEntity } from '../auth/auth.entities.js';
import { BaseEntity } from '../common/base.entity.js';
import { MemberEntity } from '../members/member.entity.js';
import { EnterpriseEntity, OrganisationEntity } from '../organisations/organisation.entity.js';

const STATES = `'applied','talked','activist','activist_filed','cultivating','target','target_filed','sponsored','vetted','trained','reviewed','pre_reviewed','form_filled','resolved','higher_talked','admitted','admission_filed','placed','sworn','confirmation_applied','confirmation_resolved','full_member','archived','closed'`;

/**
 * One person's way through member development (发展党员, DOMAIN D), from the application to the
 * archive. The dates the D rules need are kept on the record (each written by its step); the steps
 * themselves are `development_step` rows. The person is known by the keyed hash of the national ID,
 * so "never two open records for one person" is a partial unique index.
 */
@Entity('development_record')
@Check('CHK_development_record_state', `state IN (${STATES})`)
@Check('CHK_development_record_extend', `extend_months BETWEEN 0 AND 12`)
@Index('UQ_development_open_person', ['personKey'], { unique: true, where: `state NOT IN ('archived','closed')` })
@Index('IDX_development_record_org', ['organisationId', 'state'])
@Index('IDX_development_record_user', ['userId'])
export class DevelopmentRecordEntity extends BaseEntity {
  /** The branch (党支部) developing the person. */
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'uuid', name: 'enterprise_id', nullable: true })
  enterpriseId: string | null;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: EnterpriseEntity;

  /** The applicant's own account (who sees "where am I"); null when the branch registered a paper application. */
  @Column({ type: 'uuid', name: 'user_id', nullable: true })
  userId: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: UserAccountEntity;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 10 })
  gender: string;

  @Column({ type: 'date', name: 'birth_date' })
  birthDate: string;

  @Column({ type: 'varchar', length: 20 })
  ethnicity: string;

  /** M4: the national ID sealed like the member's (SensitiveCipher); the hash identifies the person. */
  @Column({ type: 'text', name: 'national_id_enc' })
  nationalIdEnc: string;

  @Column({ type: 'char', length: 64, name: 'person_key' })
  personKey: string;

  /** M4: the phone sealed like the member's (PhoneCipher); never answered, carried to the member on admission. */
  @Column({ type: 'text', name: 'phone_enc', nullable: true })
  phoneEnc: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  education: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  post: string | null;

  /** 双培: business backbone staff. */
  @Column({ type: 'boolean', default: false })
  backbone: boolean;

  @Column({ type: 'varchar', length: 30 })
  state: StoredDevState;

  @Column({ type: 'varchar', length: 20, name: 'rule_set' })
  ruleSet: string;

  /** The date of the last step (the next may not be earlier). */
  @Column({ type: 'date', name: 'last_on' })
  lastOn: string;

  @Column({ type: 'date', name: 'applied_on' })
  appliedOn: string;

  @Column({ type: 'date', name: 'activist_on', nullable: true })
  activistOn: string | null;

  @Column({ type: 'date', name: 'target_on', nullable: true })
  targetOn: string | null;

  @Column({ type: 'date', name: 'assessed_on', array: true, default: () => `'{}'` })
  assessedOn: string[];

  @Column({ type: 'date', name: 'notice_from', nullable: true })
  noticeFrom: string | null;

  @Column({ type: 'date', name: 'notice_to', nullable: true })
  noticeTo: string | null;

  /** Step 15: the day of the branch meeting's resolution (probation counts from it). */
  @Column({ type: 'date', name: 'resolved_on', nullable: true })
  resolvedOn: string | null;

  @Column({ type: 'date', name: 'admitted_on', nullable: true })
  admittedOn: string | null;

  @Column({ type: 'int', name: 'extend_months', default: 0 })
  extendMonths: number;

  @Column({ type: 'date', name: 'confirmation_resolved_on', nullable: true })
  confirmationResolvedOn: string | null;

  @Column({ type: 'date', name: 'full_on', nullable: true })
  fullOn: string | null;

  /** M1: the member record created at admission. */
  @Column({ type: 'uuid', name: 'member_id', nullable: true })
  memberId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;
}

/** One step as it happened: who, when, the decision, its documents and the meeting or approval it rests on. */
@Entity('development_step')
@Index('IDX_development_step_record', ['recordId', 'createdAt'])
// V2: one applicant per vote — a motion is the basis of one step only.
@Index('UQ_development_step_motion', ['motionId'], { unique: true, where: `motion_id IS NOT NULL` })
export class DevelopmentStepEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'record_id' })
  recordId: string;

  @ManyToOne(() => DevelopmentRecordEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'record_id' })
  record?: DevelopmentRecordEntity;

  @Column({ type: 'int', name: 'step_no', nullable: true })
  stepNo: number | null;

  @Column({ type: 'varchar', length: 30 })
  action: DevAction;

  @Column({ type: 'varchar', length: 30, name: 'from_state' })
  fromState: string;

  @Column({ type: 'varchar', length: 30, name: 'to_state' })
  toState: string;

  @Column({ type: 'date' })
  on: string;

  @Column({ type: 'uuid', name: 'actor_user_id', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'varchar', length: 50, name: 'actor_name' })
  actorName: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid', name: 'meeting_id', nullable: true })
  meetingId: string | null;

  @Column({ type: 'uuid', name: 'motion_id', nullable: true })
  motionId: string | null;

  @Column({ type: 'uuid', name: 'approver_org_id', nullable: true })
  approverOrgId: string | null;

  @Column({ type: 'uuid', name: 'member_ids', array: true, default: () => `'{}'` })
  memberIds: string[];

  @Column({ type: 'uuid', name: 'file_ids', array: true, default: () => `'{}'` })
  fileIds: string[];

  @Column({ type: 'jsonb', default: () => `'{}'` })
  details: Record<string, unknown>;
}

/** A yearly target: a committee's development plan (enterprise null) or an enterprise's 双培 target. */
@Entity('development_plan')
@Index('UQ_development_plan_org', ['organisationId', 'year'], { unique: true, where: `enterprise_id IS NULL` })
@Index('UQ_development_plan_enterprise', ['organisationId', 'year', 'enterpriseId'], { unique: true, where: `enterprise_id IS NOT NULL` })
export class DevelopmentPlanEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'uuid', name: 'enterprise_id', nullable: true })
  enterpriseId: string | null;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: EnterpriseEntity;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  target: number;
}

/** An overdue deadline the scan found (D6 assessments, D2 talk, D17/D24 approvals): one row per record, rule and due date. */
@Entity('development_alert')
@Index('UQ_development_alert', ['recordId', 'rule', 'due'], { unique: true })
export class DevelopmentAlertEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'record_id' })
  recordId: string;

  @ManyToOne(() => DevelopmentRecordEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'record_id' })
  record?: DevelopmentRecordEntity;

  @Column({ type: 'varchar', length: 60 })
  rule: string;

  @Column({ type: 'varchar', length: 60 })
  label: string;

  @Column({ type: 'date' })
  due: string;

  @Column({ type: 'timestamptz', name: 'resolved_at', nullable: true })
  resolvedAt: Date | null;
}

export const DEVELOPMENT_ENTITIES = [DevelopmentRecordEntity, DevelopmentStepEntity, DevelopmentPlanEntity, DevelopmentAlertEntity];

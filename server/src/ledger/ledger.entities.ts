import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { OfficerRole } from '@dangjian/shared';
import { UserAccountEntity } from '../auth/auth.entities.js';
import { BaseEntity } from '../common/base.entity.js';
import { EnterpriseEntity, OrganisationEntity } from '../organisations/organisation.entity.js';

export type StoredLedgerChange = { field: string; from: string | null; to: string | null };

/** History of a ledger entry (K1): who changed which fields, by hand or by an import. */
@Entity('enterprise_change')
@Check('CHK_enterprise_change_source', `source IN ('create','edit','import')`)
@Index('IDX_enterprise_change_enterprise', ['enterpriseId', 'createdAt'])
export class EnterpriseChangeEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'enterprise_id' })
  enterpriseId: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: EnterpriseEntity;

  @Column({ type: 'uuid', name: 'changed_by', nullable: true })
  changedBy: string | null;

  @Column({ type: 'varchar', length: 50, name: 'changed_by_name' })
  changedByName: string;

  @Column({ type: 'varchar', length: 10 })
  source: 'create' | 'edit' | 'import';

  @Column({ type: 'jsonb' })
  changes: StoredLedgerChange[];
}

/** K4 targets and the S1 / K2 parameters of one committee for one year (defaults when absent). */
@Entity('coverage_target')
@Index('UQ_coverage_target', ['organisationId', 'year'], { unique: true })
@Check('CHK_coverage_target_rates', `org_target BETWEEN 0 AND 100 AND work_target BETWEEN 0 AND 100`)
@Check('CHK_coverage_target_visits', `visits_per_year IN (1,2,3,4,6,12)`)
export class CoverageTargetEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int', name: 'org_target' })
  orgTarget: number;

  @Column({ type: 'int', name: 'work_target' })
  workTarget: number;

  @Column({ type: 'int', name: 'visits_per_year' })
  visitsPerYear: number;

  @Column({ type: 'int', name: 'min_employees' })
  minEmployees: number;
}

/** A 党建指导员 or 驻企联络员 appointed to an enterprise for a term (S1). */
@Entity('enterprise_officer')
@Check('CHK_enterprise_officer_role', `role IN ('instructor','liaison')`)
@Check('CHK_enterprise_officer_term', `ends_on IS NULL OR ends_on >= starts_on`)
// One open appointment of a person in a role at an enterprise: a second one would be a double click.
@Index('UQ_enterprise_officer_open', ['enterpriseId', 'role', 'userId'], { unique: true, where: `ends_on IS NULL` })
@Index('IDX_enterprise_officer_user', ['userId'])
export class EnterpriseOfficerEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'enterprise_id' })
  enterpriseId: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: EnterpriseEntity;

  @Column({ type: 'varchar', length: 12 })
  role: OfficerRole;

  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserAccountEntity;

  @Column({ type: 'date', name: 'starts_on' })
  startsOn: string;

  @Column({ type: 'date', name: 'ends_on', nullable: true })
  endsOn: string | null;

  @Column({ type: 'uuid', name: 'appointed_by', nullable: true })
  appointedBy: string | null;
}

/** 走访记录 (S1): who visited which enterprise when, whom they met, what came up. */
@Entity('enterprise_visit')
@Index('IDX_enterprise_visit_enterprise', ['enterpriseId', 'visitedOn'])
@Index('IDX_enterprise_visit_user', ['userId', 'visitedOn'])
export class EnterpriseVisitEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'enterprise_id' })
  enterpriseId: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: EnterpriseEntity;

  @Column({ type: 'uuid', name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserAccountEntity;

  @Column({ type: 'date', name: 'visited_on' })
  visitedOn: string;

  @Column({ type: 'varchar', length: 200, name: 'people_met' })
  peopleMet: string;

  @Column({ type: 'text' })
  topics: string;

  @Column({ type: 'text', nullable: true })
  problems: string | null;

  @Column({ type: 'text', name: 'follow_ups', nullable: true })
  followUps: string | null;
}

export const LEDGER_ENTITIES = [EnterpriseChangeEntity, CoverageTargetEntity, EnterpriseOfficerEntity, EnterpriseVisitEntity];

import { Check, Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne } from 'typeorm';
import type { OrgKind } from '@dangjian/shared';
import { BaseEntity } from '../common/base.entity.js';

/**
 * One node of the O1 tree. `path` is an ltree of id labels from the root (hyphens dropped, as ltree
 * labels on PostgreSQL < 16 allow only [A-Za-z0-9_]); subtree queries are `path <@ $root` on a GiST index.
 */
@Entity('organisation')
@Check('CHK_organisation_kind', `kind IN ('committee','general_branch','branch','group')`)
// btree on path, beside the GiST one: equality and ordering by path. Created by the migration.
@Index('UQ_organisation_path', { synchronize: false })
// GIN trigram index for name search in a subtree, created by the organisations migration.
@Index('IDX_organisation_name_trgm', { synchronize: false })
// btree on path including the member counters: subtree sums as index-only range scans (organisation-subtree-counts migration).
@Index('IDX_organisation_path_counts', { synchronize: false })
export class OrganisationEntity extends BaseEntity {
  @Index('IDX_organisation_parent')
  @Column({ type: 'uuid', name: 'parent_id', nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: OrganisationEntity;

  @Index('IDX_organisation_path', { spatial: true }) // GiST: TypeORM's name for it
  @Column({ type: 'ltree' })
  path: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: OrgKind;

  @Column({ type: 'boolean', name: 'is_joint', default: false })
  isJoint: boolean;

  @Column({ type: 'boolean', name: 'is_temporary', default: false })
  isTemporary: boolean;

  @Column({ type: 'date', name: 'established_on', nullable: true })
  establishedOn: string | null;

  /** Kept exact by a trigger on `member` (formal relationship here, not in the subtree). */
  @Column({ type: 'int', name: 'member_count', default: 0 })
  memberCount: number;

  @Column({ type: 'int', name: 'full_member_count', default: 0 })
  fullMemberCount: number;

  /** Members of the strict descendants, kept by triggers on this table (issue 12: child counts read one row per child). */
  @Column({ type: 'int', name: 'desc_member_count', default: 0 })
  descMemberCount: number;

  @Column({ type: 'int', name: 'desc_full_member_count', default: 0 })
  descFullMemberCount: number;

  /** O5: approval recorded when the level differs from the one the size suggests. */
  @Column({ type: 'text', name: 'level_approval_note', nullable: true })
  levelApprovalNote: string | null;

  @ManyToMany(() => EnterpriseEntity)
  @JoinTable({
    name: 'organisation_enterprise',
    joinColumn: { name: 'organisation_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'enterprise_id', referencedColumnName: 'id' },
  })
  enterprises?: EnterpriseEntity[];
}

/** Declared after OrganisationEntity: its `committee` relation's type is read when the class is decorated. */
@Entity('enterprise')
export class EnterpriseEntity extends BaseEntity {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Index('UQ_enterprise_credit_code', { unique: true })
  @Column({ type: 'varchar', length: 18, name: 'credit_code', nullable: true })
  creditCode: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  industry: string | null;

  // The committee ledger's fields (K1, server/src/ledger): null committee = in no committee's ledger.
  @Index('IDX_enterprise_committee')
  @Column({ type: 'uuid', name: 'committee_id', nullable: true })
  committeeId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id' })
  committee?: OrganisationEntity;

  @Column({ type: 'int', nullable: true })
  employees: number | null;

  @Column({ type: 'date', name: 'founded_on', nullable: true })
  foundedOn: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address: string | null;

  @Column({ type: 'varchar', length: 50, name: 'contact_name', nullable: true })
  contactName: string | null;

  @Column({ type: 'varchar', length: 30, name: 'contact_phone', nullable: true })
  contactPhone: string | null;

  @Column({ type: 'int', name: 'declared_members', default: 0 })
  declaredMembers: number;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'date', name: 'listed_on', nullable: true })
  listedOn: string | null;

  @Column({ type: 'date', name: 'left_on', nullable: true })
  leftOn: string | null;
}

/** O6: a committee's term of office. */
@Entity('committee_term')
export class CommitteeTermEntity extends BaseEntity {
  @Index('IDX_committee_term_org')
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'date', name: 'starts_on' })
  startsOn: string;

  @Column({ type: 'date', name: 'ends_on' })
  endsOn: string;

  /** O6: a delayed or advanced election needs the approval on record. */
  @Column({ type: 'text', name: 'approval_note', nullable: true })
  approvalNote: string | null;
}

import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { IndexKey } from '@dangjian/shared';
import { UserAccountEntity } from '../auth/auth.entities.js';
import { BaseEntity, dateColumn } from '../common/base.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';

/** One term as stored: the metric key, its weight and its normalisation range (K5). */
export type StoredIndexTerm = { metric: string; weight: number; low: number; high: number };

/**
 * K5: one version of one index's definition. `committee_id` null = the platform default (version 1
 * inserted by the migration). Rows are never changed: a new version is a new row, effective from
 * a month, and snapshots name the row they were computed with.
 */
@Entity('index_definition')
@Check('CHK_index_definition_key', `index_key IN ('innovation','development','growth','vitality','happiness')`)
@Check('CHK_index_definition_month', `EXTRACT(day FROM effective_month) = 1`)
@Index('UQ_index_definition_version', ['committeeId', 'indexKey', 'version'], { unique: true })
// The committee-less defaults: NULLs are distinct in the index above.
@Index('UQ_index_definition_default', ['indexKey', 'version'], { unique: true, where: 'committee_id IS NULL' })
export class IndexDefinitionEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'committee_id', nullable: true })
  committeeId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'committee_id' })
  committee?: OrganisationEntity;

  @Column({ type: 'varchar', length: 20, name: 'index_key' })
  indexKey: IndexKey;

  @Column({ type: 'integer' })
  version: number;

  /** First day of the first month computed with it. */
  @Column({ ...dateColumn, name: 'effective_month' })
  effectiveMonth: string;

  @Column({ type: 'jsonb' })
  terms: StoredIndexTerm[];

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: UserAccountEntity;
}

/**
 * K5: a branch's score on one index for one month, with the definition it was computed with and the
 * parts (each term's value and normalised value) that explain it. Recomputing a month overwrites it.
 */
@Entity('index_snapshot')
@Index('IDX_index_snapshot_month', ['month', 'indexKey'])
export class IndexSnapshotEntity {
  @PrimaryColumn({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @PrimaryColumn({ ...dateColumn })
  month: string;

  @PrimaryColumn({ type: 'varchar', length: 20, name: 'index_key' })
  indexKey: IndexKey;

  @Column({ type: 'uuid', name: 'definition_id' })
  definitionId: string;

  @ManyToOne(() => IndexDefinitionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'definition_id' })
  definition?: IndexDefinitionEntity;

  @Column({ type: 'numeric', precision: 5, scale: 1 })
  score: string;

  @Column({ type: 'jsonb' })
  parts: Array<StoredIndexTerm & { value: number; normalised: number }>;

  @CreateDateColumn({ type: 'timestamptz', name: 'computed_at' })
  computedAt: Date;
}

export const INDEX_ENTITIES = [IndexDefinitionEntity, IndexSnapshotEntity];

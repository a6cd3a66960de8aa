import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { BaseEntity } from '../common/base.entity.js';
import { MemberEntity } from '../members/member.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';

/** The project and dates of an organisation flagged `is_temporary` (S4); dissolved at its end, the row kept. */
@Entity('temporary_branch')
@Check('CHK_temporary_branch_dates', `ends_on >= starts_on`)
@Check('CHK_temporary_branch_kind', `kind IN ('temporary','wartime')`)
export class TemporaryBranchEntity {
  @PrimaryColumn({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @OneToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 100 })
  project: string;

  @Column({ type: 'varchar', length: 20 })
  kind: 'temporary' | 'wartime';

  @Column({ type: 'date', name: 'starts_on' })
  startsOn: string;

  @Column({ type: 'date', name: 'ends_on' })
  endsOn: string;

  @Column({ type: 'timestamptz', name: 'dissolved_at', nullable: true })
  dissolvedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

/**
 * A member seconded to a temporary branch (M2: their formal relationship, fees and transfers stay with
 * their own branch; here they take part as guests, C4). Ended, never deleted.
 */
@Entity('secondment')
// One live secondment per member and temporary branch.
@Index('UQ_secondment_live', ['organisationId', 'memberId'], { unique: true, where: 'ended_on IS NULL' })
@Index('IDX_secondment_member', ['memberId'])
export class SecondmentEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => TemporaryBranchEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  branch?: TemporaryBranchEntity;

  @Column({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column({ type: 'date', name: 'started_on' })
  startedOn: string;

  @Column({ type: 'date', name: 'ended_on', nullable: true })
  endedOn: string | null;
}

export const TEMPORARY_BRANCH_ENTITIES = [TemporaryBranchEntity, SecondmentEntity];

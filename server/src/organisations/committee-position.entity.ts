import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { CommitteePosition } from '@dangjian/shared';
import { BaseEntity } from '../common/base.entity.js';
import { OrganisationEntity } from './organisation.entity.js';

/**
 * A member's seat on an organisation's committee (O4), or a group's 组长 (O8). A current position
 * (`endedOn` null) is also the member's role on that organisation's subtree.
 */
@Entity('committee_position')
@Index('UQ_committee_position_current', ['organisationId', 'memberId', 'position'], {
  unique: true,
  where: 'ended_on IS NULL',
})
// At most one current secretary per organisation (O4); partial unique index created by the migration.
@Index('UQ_committee_position_one_secretary', { synchronize: false })
export class CommitteePositionEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Index('IDX_committee_position_member')
  @Column({ type: 'uuid', name: 'member_id' })
  memberId: string;

  // Named, not imported: members already depend on organisations (a member belongs to one), so the
  // reverse import would tie the two modules in a cycle. The foreign key is the same.
  @ManyToOne('MemberEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: unknown;

  @Column({ type: 'varchar', length: 30 })
  position: CommitteePosition;

  @Column({ type: 'uuid', name: 'term_id', nullable: true })
  termId: string | null;

  @Column({ type: 'date', name: 'started_on' })
  startedOn: string;

  @Column({ type: 'date', name: 'ended_on', nullable: true })
  endedOn: string | null;
}

import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { ReviewCaseStatus } from '@dangjian/shared';
import { BaseEntity } from '../common/base.entity.js';
import { MemberEntity } from '../members/member.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';

/**
 * A review case about a member, opened by a scan (C5 now; fees F6 and transfers T6/T8 add kinds),
 * handled and closed by people. Nothing is removed or decided automatically. At most one open case
 * per kind and member (partial unique index), so scans are idempotent.
 */
@Entity('review_case')
@Check('CHK_review_case_status', `status IN ('open','closed')`)
@Index('UQ_review_case_open', ['kind', 'memberId'], { unique: true, where: `status = 'open'` })
export class ReviewCaseEntity extends BaseEntity {
  /** Open set of kinds: 'no_org_life_6_months' (C5), later fee and transfer kinds. */
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Index('IDX_review_case_member')
  @Column({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  /** The member's organisation when the case was opened: the branch that handles it (C5). */
  @Index('IDX_review_case_org')
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  /** Copy of the organisation's path at opening; scoping reads the organisation's current path. */
  @Column({ type: 'ltree', name: 'org_path' })
  orgPath: string;

  @Column({ type: 'timestamptz', name: 'opened_at' })
  openedAt: Date;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  status: ReviewCaseStatus;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  details: Record<string, unknown>;

  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'uuid', name: 'closed_by', nullable: true })
  closedBy: string | null;

  @Column({ type: 'varchar', length: 50, name: 'closed_by_name', nullable: true })
  closedByName: string | null;

  @Column({ type: 'text', name: 'close_note', nullable: true })
  closeNote: string | null;
}

import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { Education, MemberFlag, MemberLeftReason, MemberStatus } from '@dangjian/shared';
import { BaseEntity } from '../common/base.entity.js';
import { EnterpriseEntity, OrganisationEntity } from '../organisations/organisation.entity.js';

/**
 * A Party member. `organisationId` is the one formal relationship (M2); `orgPath` copies that
 * organisation's path (kept by a trigger) so subtree queries need no join.
 */
@Entity('member')
@Check('CHK_member_status', `status IN ('full','probationary')`)
@Check('CHK_member_left', `(left_at IS NULL) = (left_reason IS NULL) AND (left_reason IS NULL OR left_reason IN ('transferred_out','deceased'))`)
@Check('CHK_member_flags', `flags <@ ARRAY['mobile','lost_contact','disciplinary_probation','rights_suspended']::text[]`)
@Index('IDX_member_org_name', ['organisationId', 'name'])
// Created by the members migrations; TypeORM cannot describe them: (name, id) INCLUDE (org_path,
// status, flags) WHERE left_at IS NULL, so big subtrees page in name order with index-only scans; GIN indexes for name search
// by character unigrams/bigrams (`member_name_grams(name)`) and for the flags filter.
@Index('IDX_member_name_id', { synchronize: false })
@Index('IDX_member_name_grams', { synchronize: false })
@Index('IDX_member_flags', { synchronize: false })
// Partial btree on enterprise_id: the ledger counts each enterprise's members (ledger migration).
@Index('IDX_member_enterprise', { synchronize: false })
export class MemberEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Index('IDX_member_org_path', { spatial: true })
  @Column({ type: 'ltree', name: 'org_path' })
  orgPath: string;

  @Index('IDX_member_group')
  @Column({ type: 'uuid', name: 'group_id', nullable: true })
  groupId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'group_id' })
  group?: OrganisationEntity;

  @Column({ type: 'uuid', name: 'enterprise_id', nullable: true })
  enterpriseId: string | null;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: EnterpriseEntity;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'varchar', length: 6 })
  gender: 'male' | 'female';

  @Column({ type: 'varchar', length: 20 })
  ethnicity: string;

  @Column({ type: 'date', name: 'birth_date' })
  birthDate: string;

  /** AES-256-GCM ciphertext of the phone (M4, PhoneCipher): iv.tag.data, base64. */
  @Column({ type: 'text', name: 'phone_enc', nullable: true })
  phoneEnc: string | null;

  /** HMAC of the normalised phone: the member search and the WeChat binding find members by it without decrypting. */
  @Index('IDX_member_phone_hash')
  @Column({ type: 'char', length: 64, name: 'phone_hash', nullable: true })
  phoneHash: string | null;

  /** 138****5678: what answers show unless the caller may see more (M4). */
  @Column({ type: 'varchar', length: 11, name: 'phone_masked', nullable: true })
  phoneMasked: string | null;

  /** AES-256-GCM ciphertext (M4): iv.tag.data, base64. */
  @Column({ type: 'text', name: 'national_id_enc', nullable: true })
  nationalIdEnc: string | null;

  /**
   * HMAC of the ID under a key derived from DATA_KEY: uniqueness and lookup without decrypting.
   * Unique among members on the roll (`WHERE left_at IS NULL`, migration): a member who left and
   * returns is registered anew.
   */
  @Index('UQ_member_national_id_hash', { synchronize: false })
  @Column({ type: 'char', length: 64, name: 'national_id_hash', nullable: true })
  nationalIdHash: string | null;

  @Column({ type: 'varchar', length: 18, name: 'national_id_masked', nullable: true })
  nationalIdMasked: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  education: Education | null;

  @Column({ type: 'date', name: 'join_date' })
  joinDate: string;

  @Column({ type: 'date', name: 'full_member_date', nullable: true })
  fullMemberDate: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: MemberStatus;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  flags: MemberFlag[];

  @Column({ type: 'varchar', length: 100, nullable: true })
  post: string | null;

  /**
   * Set when the member leaves the platform (an outbound transfer's 回执 recorded): off the active
   * roll — lists, counts, billing, new meeting rosters — while the row and its history stay.
   */
  @Column({ type: 'timestamptz', name: 'left_at', nullable: true })
  leftAt: Date | null;

  @Column({ type: 'varchar', length: 20, name: 'left_reason', nullable: true })
  leftReason: MemberLeftReason | null;
}

/** M1: every change of status, flags, 转正 date, group or organisation, with who, when and why. */
@Entity('member_status_change')
export class MemberStatusChangeEntity {
  @Column({ type: 'uuid', primary: true, generated: 'uuid' })
  id: string;

  @Index('IDX_member_status_change_member')
  @Column({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  /** 'status', 'flag:<name>', 'fullMemberDate', 'group', 'organisation'. */
  @Column({ type: 'varchar', length: 40 })
  field: string;

  @Column({ type: 'text', name: 'from_value', nullable: true })
  fromValue: string | null;

  @Column({ type: 'text', name: 'to_value', nullable: true })
  toValue: string | null;

  /** M1: a change without a reason is refused by the database too. */
  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid', name: 'changed_by', nullable: true })
  changedBy: string | null;

  @Column({ type: 'timestamptz', name: 'changed_at', default: () => 'now()' })
  changedAt: Date;
}

import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { CommitteePosition, NoticeTargetKind } from '@dangjian/shared';
import { BaseEntity, dateColumn } from '../common/base.entity.js';
import { MemberEntity } from '../members/member.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { StoredFileEntity } from '../storage/stored-file.entity.js';

/**
 * 通知公告. The audience is a rule (target kind + organisation [+ positions | named members]) read
 * when needed, so publishing to 100,000 members writes this one row; receipts are written by readers.
 */
@Entity('notice')
@Check('CHK_notice_target_kind', `target_kind IN ('subtree','organisation','roles','members')`)
@Index('IDX_notice_org_published', ['organisationId', 'publishedAt'])
export class NoticeEntity extends BaseEntity {
  /** The publishing organisation. */
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  /** Sanitised to the allow-list before it is stored. */
  @Column({ type: 'text', name: 'body_html', default: '' })
  bodyHtml: string;

  @Column({ type: 'varchar', length: 20, name: 'target_kind' })
  targetKind: NoticeTargetKind;

  @Column({ type: 'uuid', name: 'target_org_id' })
  targetOrgId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'target_org_id' })
  targetOrg?: OrganisationEntity;

  /** kind = roles: committee positions (O4) held in the target subtree. */
  @Column({ type: 'varchar', length: 30, name: 'target_positions', array: true, default: () => `'{}'` })
  targetPositions: CommitteePosition[];

  @Column({ type: 'boolean', default: false })
  pinned: boolean;

  @Column({ type: 'boolean', name: 'requires_ack', default: false })
  requiresAck: boolean;

  @Column({ type: 'timestamptz', name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', name: 'published_at' })
  publishedAt: Date;

  @Column({ type: 'timestamptz', name: 'withdrawn_at', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @Column({ type: 'varchar', length: 50, name: 'publisher_name' })
  publisherName: string;

  @Column({ type: 'timestamptz', name: 'last_reminded_at', nullable: true })
  lastRemindedAt: Date | null;

  /** Receipts so far, kept by a trigger on notice_receipt in the reader's transaction (counts without scanning receipts). */
  @Column({ type: 'int', name: 'read_count', default: 0 })
  readCount: number;

  @Column({ type: 'int', name: 'acked_count', default: 0 })
  ackedCount: number;
}

/** kind = members: the named members (a few hundred at most). */
@Entity('notice_member')
export class NoticeMemberEntity {
  @PrimaryColumn({ type: 'uuid', name: 'notice_id' })
  noticeId: string;

  @ManyToOne(() => NoticeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notice_id' })
  notice?: NoticeEntity;

  @Index('IDX_notice_member_member')
  @PrimaryColumn({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;
}

/** A member's receipt: written on first read; `acked_at` on the one-tap acknowledgement. */
@Entity('notice_receipt')
@Check('CHK_notice_receipt_ack', `acked_at IS NULL OR acked_at >= read_at`)
export class NoticeReceiptEntity {
  @PrimaryColumn({ type: 'uuid', name: 'notice_id' })
  noticeId: string;

  @ManyToOne(() => NoticeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notice_id' })
  notice?: NoticeEntity;

  @Index('IDX_notice_receipt_member')
  @PrimaryColumn({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column({ type: 'timestamptz', name: 'read_at' })
  readAt: Date;

  @Column({ type: 'timestamptz', name: 'acked_at', nullable: true })
  ackedAt: Date | null;
}

/**
 * A file uploaded for notices and banners, owned by the organisation it was uploaded for: only a
 * publisher of that subtree may attach it.
 */
@Entity('notice_file')
export class NoticeFileEntity {
  @PrimaryColumn({ type: 'uuid', name: 'file_id' })
  fileId: string;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'file_id' })
  file?: StoredFileEntity;

  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;
}

@Entity('notice_attachment')
export class NoticeAttachmentEntity {
  @PrimaryColumn({ type: 'uuid', name: 'notice_id' })
  noticeId: string;

  @ManyToOne(() => NoticeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notice_id' })
  notice?: NoticeEntity;

  @PrimaryColumn({ type: 'uuid', name: 'file_id' })
  fileId: string;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'file_id' })
  file?: StoredFileEntity;

  @Column({ type: 'int' })
  position: number;
}

/** 首页 banner carousel, set by a committee (or branch) for its subtree. */
@Entity('home_banner')
@Check('CHK_home_banner_period', `starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on`)
export class HomeBannerEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 60 })
  title: string;

  @Column({ type: 'uuid', name: 'image_file_id' })
  imageFileId: string;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'image_file_id' })
  image?: StoredFileEntity;

  @Column({ type: 'varchar', length: 300, nullable: true })
  link: string | null;

  @Column({ type: 'int', default: 0 })
  sort: number;

  /** The active period in China dates, both days included; null = open-ended. */
  @Column({ ...dateColumn, name: 'starts_on', nullable: true })
  startsOn: string | null;

  @Column({ ...dateColumn, name: 'ends_on', nullable: true })
  endsOn: string | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;
}

export const NOTICE_ENTITIES = [NoticeEntity, NoticeMemberEntity, NoticeReceiptEntity, NoticeFileEntity, NoticeAttachmentEntity, HomeBannerEntity];

import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { NewsCommentState, NewsState } from '@dangjian/shared';
import { BaseEntity } from '../common/base.entity.js';
import { MeetingEntity } from '../meetings/meeting.entities.js';
import { MemberEntity } from '../members/member.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { StoredFileEntity } from '../storage/stored-file.entity.js';

/**
 * 党建动态: written by a branch, reviewed by a committee above it (NEWS_TRANSITIONS). Once published
 * it is seen in the reviewing committee's subtree (`reviewer_org_id`), which contains the branch.
 */
@Entity('news')
@Check('CHK_news_state', `state IN ('draft','submitted','published','returned')`)
@Check('CHK_news_published', `(state = 'published') = (published_at IS NOT NULL AND reviewer_org_id IS NOT NULL)`)
@Index('IDX_news_org_state', ['organisationId', 'state'])
@Index('IDX_news_state_published', ['state', 'publishedAt'])
export class NewsEntity extends BaseEntity {
  /** The writing organisation (a branch). */
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  /** Sanitised with the notices' allow-list before it is stored. */
  @Column({ type: 'text', name: 'body_html', default: '' })
  bodyHtml: string;

  @Column({ type: 'uuid', name: 'cover_file_id', nullable: true })
  coverFileId: string | null;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cover_file_id' })
  coverFile?: StoredFileEntity;

  /** Photo files (notice_file rows of the branch's subtree), in order; at most NEWS_LIMITS.photosMax. */
  @Column({ type: 'uuid', name: 'photo_ids', array: true, default: () => `'{}'` })
  photoIds: string[];

  /** The meeting the news reports. */
  @Column({ type: 'uuid', name: 'meeting_id', nullable: true })
  meetingId: string | null;

  @ManyToOne(() => MeetingEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: MeetingEntity;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  state: NewsState;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @Column({ type: 'varchar', length: 50, name: 'author_name' })
  authorName: string;

  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'published_at', nullable: true })
  publishedAt: Date | null;

  /** The committee that published it (its subtree sees the news). */
  @Column({ type: 'uuid', name: 'reviewer_org_id', nullable: true })
  reviewerOrgId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewer_org_id' })
  reviewerOrg?: OrganisationEntity;

  @Column({ type: 'varchar', length: 300, name: 'return_reason', nullable: true })
  returnReason: string | null;

  /** Likes so far, changed in the liking transaction with the news_like row (no count over likes). */
  @Column({ type: 'int', name: 'like_count', default: 0 })
  likeCount: number;
}

/** One like per member and news item: the primary key is the rule. */
@Entity('news_like')
export class NewsLikeEntity {
  @PrimaryColumn({ type: 'uuid', name: 'news_id' })
  newsId: string;

  @ManyToOne(() => NewsEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'news_id' })
  news?: NewsEntity;

  @Index('IDX_news_like_member')
  @PrimaryColumn({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

/**
 * A member's comment on published news: pending until a moderator (notice.publish on the writing
 * branch or above) approves it; a deleted comment is gone (moderation refuses by deleting).
 */
@Entity('news_comment')
@Check('CHK_news_comment_state', `state IN ('pending','approved')`)
@Index('IDX_news_comment_news', ['newsId', 'createdAt'])
@Index('IDX_news_comment_pending', ['newsId'], { where: `state = 'pending'` })
export class NewsCommentEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'news_id' })
  newsId: string;

  @ManyToOne(() => NewsEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'news_id' })
  news?: NewsEntity;

  @Column({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column({ type: 'varchar', length: 50, name: 'author_name' })
  authorName: string;

  @Column({ type: 'varchar', length: 500 })
  body: string;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  state: NewsCommentState;

  /** The moderator's user id. */
  @Column({ type: 'uuid', name: 'approved_by', nullable: true })
  approvedBy: string | null;

  @Column({ type: 'timestamptz', name: 'approved_at', nullable: true })
  approvedAt: Date | null;
}

export const NEWS_ENTITIES = [NewsEntity, NewsLikeEntity, NewsCommentEntity];

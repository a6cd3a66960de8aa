import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { LiveStreamKind, NewsCommentState } from '@dangjian/shared';
import { UserAccountEntity } from '../auth/auth.entities.js';
import { BaseEntity } from '../common/base.entity.js';
import { MemberEntity } from '../members/member.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { StudyCourseEntity, StudyLessonEntity } from '../study/study.entities.js';

/**
 * 红色直播间: a scheduled class. Its course and lessons live in the study module (created through its
 * service): `lesson_id` is the lesson the room's heartbeats credit (L2), `recording_lesson_id` the
 * video kept afterwards (or premiered).
 */
@Entity('live_class')
@Check('CHK_live_class_time', `ends_at > starts_at`)
@Check('CHK_live_class_stream', `stream_kind IN ('hls','premiere') AND ((stream_kind = 'hls') = (stream_url IS NOT NULL))`)
@Index('IDX_live_class_org', ['organisationId', 'startsAt'])
export class LiveClassEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 100 })
  topic: string;

  @Column({ type: 'text', default: '' })
  summary: string;

  @Column({ type: 'timestamptz', name: 'starts_at' })
  startsAt: Date;

  @Column({ type: 'timestamptz', name: 'ends_at' })
  endsAt: Date;

  @Column({ type: 'uuid', name: 'host_member_id' })
  hostMemberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'host_member_id' })
  host?: MemberEntity;

  @Column({ type: 'varchar', length: 20, name: 'stream_kind' })
  streamKind: LiveStreamKind;

  @Column({ type: 'varchar', length: 500, name: 'stream_url', nullable: true })
  streamUrl: string | null;

  @Column({ type: 'uuid', name: 'course_id' })
  courseId: string;

  @ManyToOne(() => StudyCourseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id' })
  course?: StudyCourseEntity;

  @Column({ type: 'uuid', name: 'lesson_id' })
  lessonId: string;

  @ManyToOne(() => StudyLessonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lesson_id' })
  lesson?: StudyLessonEntity;

  @Column({ type: 'uuid', name: 'recording_lesson_id', nullable: true })
  recordingLessonId: string | null;

  @ManyToOne(() => StudyLessonEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recording_lesson_id' })
  recordingLesson?: StudyLessonEntity;

  /** When the host's points were given (once, after the class was attended). */
  @Column({ type: 'timestamptz', name: 'host_awarded_at', nullable: true })
  hostAwardedAt: Date | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: UserAccountEntity;
}

/** The organisation's 红色主播 rota: members in turn order. */
@Entity('live_host_rota')
@Index('UQ_live_host_rota_position', ['organisationId', 'position'], { unique: true })
export class LiveHostRotaEntity {
  @PrimaryColumn({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @PrimaryColumn({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column({ type: 'integer' })
  position: number;
}

/** A comment in the room: pending until a moderator approves it (the news comments' rule). */
@Entity('live_class_comment')
@Check('CHK_live_class_comment_state', `state IN ('pending','approved')`)
@Index('IDX_live_class_comment_class', ['classId', 'createdAt'])
export class LiveClassCommentEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'class_id' })
  classId: string;

  @ManyToOne(() => LiveClassEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'class_id' })
  liveClass?: LiveClassEntity;

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

  @Column({ type: 'uuid', name: 'approved_by', nullable: true })
  approvedBy: string | null;

  @Column({ type: 'timestamptz', name: 'approved_at', nullable: true })
  approvedAt: Date | null;
}

export const LIVE_CLASS_ENTITIES = [LiveClassEntity, LiveHostRotaEntity, LiveClassCommentEntity];

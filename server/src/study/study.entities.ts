import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { AssignmentTarget, CourseStatus, LessonKind, QuestionKind } from '@dangjian/shared';
import { UserAccountEntity } from '../auth/auth.entities.js';
import { BaseEntity } from '../common/base.entity.js';
import { MemberEntity } from '../members/member.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { StoredFileEntity } from '../storage/stored-file.entity.js';

/** A course category (学习专题), platform-wide. */
@Entity('study_category')
export class StudyCategoryEntity {
  @Column({ type: 'uuid', primary: true, generated: 'uuid' })
  id: string;

  @Index('UQ_study_category_name', { unique: true })
  @Column({ type: 'varchar', length: 30 })
  name: string;

  @Column({ type: 'int', default: 0 })
  sort: number;
}

/**
 * The organisation a study upload belongs to (the uploader's management scope, or null for a
 * platform admin's upload). Course covers, lesson files and article images may only use files of an
 * organisation the manager manages, so no manager can publish another organisation's file.
 */
@Entity('study_file')
@Check('CHK_study_file_org', `(organisation_id IS NULL) = (org_path IS NULL)`)
export class StudyFileEntity {
  @PrimaryColumn({ type: 'uuid', name: 'file_id' })
  fileId: string;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'file_id' })
  file?: StoredFileEntity;

  @Column({ type: 'uuid', name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'ltree', name: 'org_path', nullable: true })
  orgPath: string | null;
}

/**
 * A course: owned by an organisation (visible to its subtree) or platform-wide (`organisation_id`
 * null, platform admins only). `org_path` is the owner's path, copied at creation (courses do not move).
 */
@Entity('study_course')
@Check('CHK_study_course_status', `status IN ('draft','published','archived')`)
@Check('CHK_study_course_org', `(organisation_id IS NULL) = (org_path IS NULL)`)
export class StudyCourseEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Index('IDX_study_course_org_path', { spatial: true })
  @Column({ type: 'ltree', name: 'org_path', nullable: true })
  orgPath: string | null;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'text', default: '' })
  summary: string;

  @Column({ type: 'uuid', name: 'category_id', nullable: true })
  categoryId: string | null;

  @ManyToOne(() => StudyCategoryEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'category_id' })
  category?: StudyCategoryEntity;

  @Column({ type: 'uuid', name: 'cover_file_id', nullable: true })
  coverFileId: string | null;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'cover_file_id' })
  cover?: StoredFileEntity;

  @Column({ type: 'boolean', default: false })
  recommended: boolean;

  @Column({ type: 'varchar', length: 10, default: 'draft' })
  status: CourseStatus;

  @Column({ type: 'timestamptz', name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;
}

/** One lesson of a course, in `position` order, with its L2 completion threshold. */
@Entity('study_lesson')
@Check('CHK_study_lesson_kind', `kind IN ('article','video','audio','document')`)
@Index('IDX_study_lesson_course', ['courseId', 'position'])
export class StudyLessonEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'course_id' })
  courseId: string;

  @ManyToOne(() => StudyCourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: StudyCourseEntity;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 10 })
  kind: LessonKind;

  /** Sanitised HTML (article). */
  @Column({ type: 'text', name: 'body_html', nullable: true })
  bodyHtml: string | null;

  @Column({ type: 'uuid', name: 'file_id', nullable: true })
  fileId: string | null;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'file_id' })
  file?: StoredFileEntity;

  @Column({ type: 'int', name: 'duration_s', nullable: true })
  durationS: number | null;

  @Column({ type: 'double precision', name: 'watch_threshold', nullable: true })
  watchThreshold: number | null;

  @Column({ type: 'int', name: 'min_seconds', nullable: true })
  minSeconds: number | null;
}

/**
 * The learner of the study rows below is either a member (`member_id`) or, for a development
 * candidate who is not a member yet, their own account (`user_id`): exactly one is set. Members keep
 * studying under their member id (hours follow the member, whichever account they sign in with).
 */
const ONE_LEARNER = `num_nonnulls(member_id, user_id) = 1`;

/**
 * L2: one study clock per learner. Every heartbeat of the learner, from any device and lesson, goes
 * through this row (a single upsert that locks it), so credited time never exceeds wall-clock time.
 */
@Entity('study_clock')
@Check('CHK_study_clock_learner', ONE_LEARNER)
export class StudyClockEntity {
  @Column({ type: 'uuid', primary: true, generated: 'uuid' })
  id: string;

  @Index('UQ_study_clock_member', { unique: true })
  @Column({ type: 'uuid', name: 'member_id', nullable: true })
  memberId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Index('UQ_study_clock_user', { unique: true })
  @Column({ type: 'uuid', name: 'user_id', nullable: true })
  userId: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserAccountEntity;

  @Column({ type: 'timestamptz', name: 'last_at' })
  lastAt: Date;

  /** False after a 'stop' heartbeat: the next heartbeat starts a new session. */
  @Column({ type: 'boolean', name: 'session_open', default: true })
  sessionOpen: boolean;

  /** Highest accepted seq per device id. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  seqs: Record<string, number>;
}

/** L2: a learner's progress on one lesson (resume point, credited time, watched segments). */
@Entity('study_progress')
@Check('CHK_study_progress_learner', ONE_LEARNER)
@Index('UQ_study_progress_member_lesson', ['memberId', 'lessonId'], { unique: true })
@Index('UQ_study_progress_user_lesson', ['userId', 'lessonId'], { unique: true })
@Index('IDX_study_progress_member_course', ['memberId', 'courseId'])
@Index('IDX_study_progress_user_course', ['userId', 'courseId'])
@Index('IDX_study_progress_course', ['courseId'])
export class StudyProgressEntity {
  @Column({ type: 'uuid', primary: true, generated: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'member_id', nullable: true })
  memberId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column({ type: 'uuid', name: 'user_id', nullable: true })
  userId: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserAccountEntity;

  @Column({ type: 'uuid', name: 'lesson_id' })
  lessonId: string;

  @ManyToOne(() => StudyLessonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lesson_id' })
  lesson?: StudyLessonEntity;

  @Column({ type: 'uuid', name: 'course_id' })
  courseId: string;

  @Column({ type: 'double precision', default: 0 })
  position: number;

  @Column({ type: 'bigint', name: 'credited_ms', default: 0 })
  creditedMs: string;

  /** Watched [start, end) second ranges (video/audio). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  watched: Array<[number, number]>;

  @Column({ type: 'int', name: 'watched_s', default: 0 })
  watchedS: number;

  /** The member's clock time of the last heartbeat on this lesson (watched share only across consecutive beats). */
  @Column({ type: 'timestamptz', name: 'last_beat_at', nullable: true })
  lastBeatAt: Date | null;

  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

/** L1: credited online study per learner and China day (hours per year, and D11's hours, are sums of these). */
@Entity('study_day')
@Check('CHK_study_day_learner', ONE_LEARNER)
@Index('UQ_study_day_member_day', ['memberId', 'day'], { unique: true })
@Index('UQ_study_day_user_day', ['userId', 'day'], { unique: true })
export class StudyDayEntity {
  @Column({ type: 'uuid', primary: true, generated: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'member_id', nullable: true })
  memberId: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column({ type: 'uuid', name: 'user_id', nullable: true })
  userId: string | null;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserAccountEntity;

  @Column({ type: 'date' })
  day: string;

  @Column({ type: 'bigint', name: 'credited_ms', default: 0 })
  creditedMs: string;
}

/** L1: offline concentrated training (集中培训) recorded by a worker. */
@Entity('study_offline_training')
@Check('CHK_study_offline_training_seconds', `seconds > 0`)
export class StudyOfflineTrainingEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Index('IDX_study_offline_training_org_path', { spatial: true })
  @Column({ type: 'ltree', name: 'org_path' })
  orgPath: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'date' })
  date: string;

  @Column({ type: 'int' })
  seconds: number;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;
}

@Entity('study_offline_attendee')
@Index('IDX_study_offline_attendee_member', ['memberId'])
export class StudyOfflineAttendeeEntity {
  @PrimaryColumn({ type: 'uuid', name: 'training_id' })
  trainingId: string;

  @ManyToOne(() => StudyOfflineTrainingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'training_id' })
  training?: StudyOfflineTrainingEntity;

  @PrimaryColumn({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;
}

/** L3: a question of a course's bank. `answer` holds option indexes. */
@Entity('study_question')
@Check('CHK_study_question_kind', `kind IN ('single','multiple','true_false')`)
@Index('IDX_study_question_course', ['courseId'])
export class StudyQuestionEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'course_id' })
  courseId: string;

  @ManyToOne(() => StudyCourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: StudyCourseEntity;

  @Column({ type: 'varchar', length: 12 })
  kind: QuestionKind;

  @Column({ type: 'text' })
  stem: string;

  @Column({ type: 'jsonb' })
  options: string[];

  @Column({ type: 'jsonb' })
  answer: number[];

  @Column({ type: 'text', default: '' })
  explanation: string;
}

/** L3: a quiz draws `question_count` questions from the course's bank per attempt. */
@Entity('study_quiz')
@Check('CHK_study_quiz_numbers', `question_count > 0 AND time_limit_s > 0 AND pass_percent BETWEEN 1 AND 100`)
@Index('IDX_study_quiz_course', ['courseId'])
export class StudyQuizEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'course_id' })
  courseId: string;

  @ManyToOne(() => StudyCourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: StudyCourseEntity;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'int', name: 'question_count' })
  questionCount: number;

  @Column({ type: 'int', name: 'time_limit_s' })
  timeLimitS: number;

  @Column({ type: 'int', name: 'pass_percent' })
  passPercent: number;

  @Column({ type: 'boolean', default: true })
  published: boolean;
}

export type AttemptQuestionSnapshot = { id: string; kind: QuestionKind; stem: string; options: string[]; answer: number[]; explanation: string };

/** L3: one attempt — the drawn questions as they were (snapshot), the answers and the score. */
@Entity('study_attempt')
@Index('IDX_study_attempt_quiz_member', ['quizId', 'memberId'])
export class StudyAttemptEntity {
  @Column({ type: 'uuid', primary: true, generated: 'uuid' })
  id: string;

  @Column({ type: 'uuid', name: 'quiz_id' })
  quizId: string;

  @ManyToOne(() => StudyQuizEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'quiz_id' })
  quiz?: StudyQuizEntity;

  @Column({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;

  @Column({ type: 'timestamptz', name: 'started_at' })
  startedAt: Date;

  @Column({ type: 'timestamptz' })
  deadline: Date;

  @Column({ type: 'jsonb' })
  questions: AttemptQuestionSnapshot[];

  @Column({ type: 'jsonb', nullable: true })
  answers: Record<string, number[]> | null;

  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'int', name: 'correct_count', nullable: true })
  correctCount: number | null;

  @Column({ type: 'int', name: 'score_percent', nullable: true })
  scorePercent: number | null;

  @Column({ type: 'boolean', nullable: true })
  passed: boolean | null;
}

/** L5: a required course assigned by an organisation, with its deadline; members resolved at creation. */
@Entity('study_assignment')
export class StudyAssignmentEntity extends BaseEntity {
  @Column({ type: 'uuid', name: 'organisation_id' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Index('IDX_study_assignment_org_path', { spatial: true })
  @Column({ type: 'ltree', name: 'org_path' })
  orgPath: string;

  @Column({ type: 'uuid', name: 'course_id' })
  courseId: string;

  @ManyToOne(() => StudyCourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: StudyCourseEntity;

  @Column({ type: 'jsonb' })
  target: AssignmentTarget;

  @Column({ type: 'date' })
  deadline: string;

  @Column({ type: 'text', default: '' })
  note: string;

  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy: string | null;
}

@Entity('study_assignment_member')
@Index('IDX_study_assignment_member_member', ['memberId'])
export class StudyAssignmentMemberEntity {
  @PrimaryColumn({ type: 'uuid', name: 'assignment_id' })
  assignmentId: string;

  @ManyToOne(() => StudyAssignmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id' })
  assignment?: StudyAssignmentEntity;

  @PrimaryColumn({ type: 'uuid', name: 'member_id' })
  memberId: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member?: MemberEntity;
}

/** L5 for development candidates: the accounts an assignment of target `candidates` reached (they are not members). */
@Entity('study_assignment_account')
@Index('IDX_study_assignment_account_user', ['userId'])
export class StudyAssignmentAccountEntity {
  @PrimaryColumn({ type: 'uuid', name: 'assignment_id' })
  assignmentId: string;

  @ManyToOne(() => StudyAssignmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id' })
  assignment?: StudyAssignmentEntity;

  @PrimaryColumn({ type: 'uuid', name: 'user_id' })
  userId: string;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserAccountEntity;
}

export const STUDY_ENTITIES = [
  StudyCategoryEntity,
  StudyFileEntity,
  StudyCourseEntity,
  StudyLessonEntity,
  StudyClockEntity,
  StudyProgressEntity,
  StudyDayEntity,
  StudyOfflineTrainingEntity,
  StudyOfflineAttendeeEntity,
  StudyQuestionEntity,
  StudyQuizEntity,
  StudyAttemptEntity,
  StudyAssignmentEntity,
  StudyAssignmentMemberEntity,
  StudyAssignmentAccountEntity,
];

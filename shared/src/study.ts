import { z } from 'zod';
import { DateOnlySchema, PageQuerySchema, UuidSchema, pageOf } from './common.js';
import { Role } from './access.js';

/*
 * Learning (DOMAIN L1–L5): request and response schemas of /api/v1/study/*, limits, labels.
 * Study time is integer seconds on the wire; hours are shown with one decimal (rules/study-rules.ts
 * `formatHours`). Days are 'YYYY-MM-DD' in China time; years are calendar years in China time.
 */

const Title = z.string().trim().min(1, { message: '请填写标题' }).max(100);
const Text = z.string().trim().max(2000);
const YearSchema = z.coerce.number().int().min(2000).max(2100);
const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
const OrgRefSchema = z.object({ id: UuidSchema, name: z.string() });
const MemberRefSchema = z.object({ id: UuidSchema, name: z.string() });

// ---------------------------------------------------------------------------------------------
// Limits

/** Per-kind upload limits (bytes) and accepted types (checked from the file's first bytes). */
export const STUDY_UPLOAD = {
  image: { maxBytes: 8 * 1024 * 1024, contentTypes: ['image/png', 'image/jpeg', 'image/webp'] },
  video: { maxBytes: 500 * 1024 * 1024, contentTypes: ['video/mp4', 'video/webm'] },
  audio: { maxBytes: 100 * 1024 * 1024, contentTypes: ['audio/mp4', 'audio/mpeg', 'audio/webm'] },
  document: { maxBytes: 50 * 1024 * 1024, contentTypes: ['application/pdf'] },
} as const;
export const StudyUploadKind = z.enum(['image', 'video', 'audio', 'document']);
export type StudyUploadKind = z.infer<typeof StudyUploadKind>;

// ---------------------------------------------------------------------------------------------
// Categories

export const StudyCategorySchema = z.object({ id: UuidSchema, name: z.string(), sort: z.number().int() }).meta({ id: 'StudyCategory' });
export type StudyCategory = z.infer<typeof StudyCategorySchema>;
export const CreateStudyCategorySchema = z
  .object({ name: z.string().trim().min(1).max(30), sort: z.number().int().min(0).max(9999).default(0) })
  .meta({ id: 'CreateStudyCategory' });
export type CreateStudyCategory = z.infer<typeof CreateStudyCategorySchema>;

// ---------------------------------------------------------------------------------------------
// Courses and lessons (content)

export const LessonKind = z.enum(['article', 'video', 'audio', 'document']);
export type LessonKind = z.infer<typeof LessonKind>;
export const LESSON_KIND_LABEL: Record<LessonKind, string> = { article: '图文', video: '视频', audio: '音频', document: '文档' };

/** archived: withdrawn from members (no longer listed or studied), kept with its progress, hours and points. */
export const CourseStatus = z.enum(['draft', 'published', 'archived']);
export type CourseStatus = z.infer<typeof CourseStatus>;
export const COURSE_STATUS_LABEL: Record<CourseStatus, string> = { draft: '草稿', published: '已发布', archived: '已归档' };

/** The member's state on a lesson or course. */
export const ProgressState = z.enum(['not_started', 'in_progress', 'done']);
export type ProgressState = z.infer<typeof ProgressState>;
export const PROGRESS_STATE_LABEL: Record<ProgressState, string> = { not_started: '未开始', in_progress: '学习中', done: '已完成' };

/** GET /study/courses?… */
export const CourseListQuerySchema = PageQuerySchema.extend({
  categoryId: UuidSchema.optional(),
  recommended: boolQuery.optional(),
  /** Required courses assigned to me. */
  required: boolQuery.optional(),
  q: z.string().trim().max(50).optional(),
  /** Workers: the courses they manage (drafts included) instead of what they may study. */
  manage: boolQuery.optional(),
});
export type CourseListQuery = z.infer<typeof CourseListQuerySchema>;

export const CourseSummarySchema = z
  .object({
    id: UuidSchema,
    title: z.string(),
    summary: z.string(),
    category: z.object({ id: UuidSchema, name: z.string() }).nullable(),
    coverUrl: z.string().nullable(),
    recommended: z.boolean(),
    status: CourseStatus,
    /** null = platform-wide (all members). */
    org: OrgRefSchema.nullable(),
    lessonCount: z.number().int(),
    /** The caller's own progress. */
    lessonsDone: z.number().int(),
    state: ProgressState,
    /** Earliest deadline of a required assignment that covers the caller, if any. */
    requiredBy: DateOnlySchema.nullable(),
    publishedAt: z.string().nullable(),
  })
  .meta({ id: 'CourseSummary' });
export type CourseSummary = z.infer<typeof CourseSummarySchema>;
export const CoursePageSchema = pageOf(CourseSummarySchema).meta({ id: 'CoursePage' });
export type CoursePage = z.infer<typeof CoursePageSchema>;

export const LessonSummarySchema = z
  .object({
    id: UuidSchema,
    position: z.number().int(),
    title: z.string(),
    kind: LessonKind,
    /** Media length in seconds (video/audio), null otherwise. */
    durationS: z.number().int().nullable(),
    /** Share of the media to watch (video/audio), e.g. 0.9. */
    watchThreshold: z.number().nullable(),
    /** Seconds the lesson must be open (article/document). */
    minSeconds: z.number().int().nullable(),
    state: ProgressState,
    /** 0..1 toward the completion threshold. */
    progress: z.number(),
  })
  .meta({ id: 'LessonSummary' });
export type LessonSummary = z.infer<typeof LessonSummarySchema>;

export const CourseDetailSchema = CourseSummarySchema.extend({
  lessons: z.array(LessonSummarySchema),
  quizzes: z.array(
    z.object({
      id: UuidSchema,
      title: z.string(),
      questionCount: z.number().int(),
      passPercent: z.number().int(),
      timeLimitS: z.number().int(),
      published: z.boolean(),
    }),
  ),
  /** May the caller edit it (study.manage on its organisation, or platform admin for platform courses). */
  canManage: z.boolean(),
}).meta({ id: 'CourseDetail' });
export type CourseDetail = z.infer<typeof CourseDetailSchema>;

export const CreateCourseSchema = z
  .object({
    title: Title,
    summary: Text.default(''),
    categoryId: UuidSchema.nullable().default(null),
    /** Image uploaded through POST /study/files?kind=image. */
    coverFileId: UuidSchema.nullable().default(null),
    recommended: z.boolean().default(false),
    /** Owner organisation; null = platform-wide (platform admins only). */
    orgId: UuidSchema.nullable(),
  })
  .meta({ id: 'CreateCourse' });
export type CreateCourse = z.infer<typeof CreateCourseSchema>;
export const UpdateCourseSchema = z
  .object({
    title: Title.optional(),
    summary: Text.optional(),
    categoryId: UuidSchema.nullable().optional(),
    coverFileId: UuidSchema.nullable().optional(),
    recommended: z.boolean().optional(),
    status: CourseStatus.optional(),
  })
  .meta({ id: 'UpdateCourse' });
export type UpdateCourse = z.infer<typeof UpdateCourseSchema>;

/** DEFAULT share of a video/audio to watch (L2). */
export const DEFAULT_WATCH_THRESHOLD = 0.9;
/** DEFAULT seconds an article/document must be open (L2). */
export const DEFAULT_MIN_SECONDS = 60;

export const CreateLessonSchema = z
  .object({
    title: Title,
    kind: LessonKind,
    /** Article body (HTML; sanitised on the server with an allow-list). */
    bodyHtml: z.string().max(200_000).optional(),
    /** Video/audio/document file uploaded through POST /study/files. */
    fileId: UuidSchema.optional(),
    durationS: z
      .number()
      .int()
      .min(1)
      .max(24 * 3600)
      .optional(),
    watchThreshold: z.number().min(0.1).max(1).optional(),
    minSeconds: z
      .number()
      .int()
      .min(1)
      .max(4 * 3600)
      .optional(),
    position: z.number().int().min(0).max(9999).optional(),
  })
  .meta({ id: 'CreateLesson' });
export type CreateLesson = z.infer<typeof CreateLessonSchema>;
export const UpdateLessonSchema = CreateLessonSchema.partial().omit({ kind: true }).meta({ id: 'UpdateLesson' });
export type UpdateLesson = z.infer<typeof UpdateLessonSchema>;

export const LessonDetailSchema = LessonSummarySchema.extend({
  courseId: UuidSchema,
  courseTitle: z.string(),
  /** Sanitised HTML (article). */
  bodyHtml: z.string().nullable(),
  /** Short-lived signed URL for <video src>/<audio src>/PDF (no Authorization header needed). */
  mediaUrl: z.string().nullable(),
  mediaContentType: z.string().nullable(),
  /** Where to resume (seconds into media / scroll), the same on every device. */
  resumePosition: z.number(),
  creditedS: z.number().int(),
  watchedS: z.number().int(),
  completedAt: z.string().nullable(),
}).meta({ id: 'LessonDetail' });
export type LessonDetail = z.infer<typeof LessonDetailSchema>;

export const StoredStudyFileSchema = z
  .object({ id: UuidSchema, contentType: z.string(), sizeBytes: z.number().int(), url: z.string() })
  .meta({ id: 'StoredStudyFile' });
export type StoredStudyFile = z.infer<typeof StoredStudyFileSchema>;
/** `orgId`: the organisation the file belongs to (default: the uploader's widest management scope; platform admins: platform-wide). */
export const StudyFileQuerySchema = z.object({ kind: StudyUploadKind, orgId: UuidSchema.optional() });
export type StudyFileQuery = z.infer<typeof StudyFileQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Heartbeats and progress (L2)

export const HeartbeatSchema = z
  .object({
    lessonId: UuidSchema,
    /** Seconds into the media (video/audio) or scroll offset (article/document). */
    position: z
      .number()
      .min(0)
      .max(24 * 3600),
    /** A random id per device/tab, chosen by the client. */
    deviceId: z.string().trim().min(1).max(64),
    /** Increasing per device; a repeated or older seq is a replay and credits nothing. */
    seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    /**
     * 'stop' when the member stops studying (pause, page hidden, app in background): this beat is
     * credited, then the session closes, so the next beat starts a new one and the pause earns nothing.
     */
    event: z.enum(['start', 'tick', 'stop']).optional(),
  })
  .meta({ id: 'Heartbeat' });
export type Heartbeat = z.infer<typeof HeartbeatSchema>;

/** Why a heartbeat credited nothing (or `credited`). */
export const HeartbeatOutcome = z.enum(['credited', 'session_started', 'replay']);
export type HeartbeatOutcome = z.infer<typeof HeartbeatOutcome>;

export const HeartbeatResultSchema = z
  .object({
    outcome: HeartbeatOutcome,
    /** Seconds credited by this heartbeat (wall-clock time since the member's previous one). */
    creditedS: z.number(),
    lessonCreditedS: z.number().int(),
    watchedS: z.number().int(),
    progress: z.number(),
    state: ProgressState,
    /** True on the heartbeat that completed the lesson. */
    justCompleted: z.boolean(),
    /** Send the next one within this many seconds (the session closes after 600 s of silence). */
    nextInS: z.number().int(),
  })
  .meta({ id: 'HeartbeatResult' });
export type HeartbeatResult = z.infer<typeof HeartbeatResultSchema>;

// ---------------------------------------------------------------------------------------------
// Hours (L1)

export const StudyHoursSchema = z
  .object({
    year: z.number().int(),
    member: MemberRefSchema,
    /** Seconds credited by heartbeats in the year. */
    onlineS: z.number().int(),
    /** Offline concentrated training recorded by workers (hours × 3600). */
    offlineS: z.number().int(),
    /** Meetings with study hours the member checked in to. */
    meetingS: z.number().int(),
    totalS: z.number().int(),
    requiredHours: z.number().int(),
    /** Why 56 (secretary or committee member) or 32. */
    requirementReason: z.string(),
    met: z.boolean(),
  })
  .meta({ id: 'StudyHours' });
export type StudyHours = z.infer<typeof StudyHoursSchema>;
export const StudyHoursQuerySchema = z.object({ year: YearSchema.optional() });

export const CreateOfflineTrainingSchema = z
  .object({
    orgId: UuidSchema,
    title: Title,
    date: DateOnlySchema,
    hours: z.number().min(0.5).max(200).multipleOf(0.5),
    memberIds: z.array(UuidSchema).min(1).max(5000),
  })
  .meta({ id: 'CreateOfflineTraining' });
export type CreateOfflineTraining = z.infer<typeof CreateOfflineTrainingSchema>;
export const OfflineTrainingSchema = z
  .object({
    id: UuidSchema,
    org: OrgRefSchema,
    title: z.string(),
    date: DateOnlySchema,
    hours: z.number(),
    memberCount: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'OfflineTraining' });
export type OfflineTraining = z.infer<typeof OfflineTrainingSchema>;

/** PUT /study/meetings/:meetingId/study-hours: hours members who checked in earn (null clears). */
export const SetMeetingStudyHoursSchema = z.object({ hours: z.number().min(0.5).max(99).multipleOf(0.5).nullable() }).meta({ id: 'SetMeetingStudyHours' });
export type SetMeetingStudyHours = z.infer<typeof SetMeetingStudyHoursSchema>;

// ---------------------------------------------------------------------------------------------
// Question bank and quizzes (L3)

export const QuestionKind = z.enum(['single', 'multiple', 'true_false']);
export type QuestionKind = z.infer<typeof QuestionKind>;
export const QUESTION_KIND_LABEL: Record<QuestionKind, string> = { single: '单选题', multiple: '多选题', true_false: '判断题' };

export const CreateQuestionSchema = z
  .object({
    kind: QuestionKind,
    stem: z.string().trim().min(1).max(1000),
    /** For true_false: ['正确', '错误'] is used when omitted. */
    options: z.array(z.string().trim().min(1).max(300)).min(2).max(8).optional(),
    /** Indexes into options: exactly one for single/true_false, at least one for multiple. */
    answer: z.array(z.number().int().min(0).max(7)).min(1).max(8),
    explanation: z.string().trim().max(2000).default(''),
  })
  .meta({ id: 'CreateQuestion' });
export type CreateQuestion = z.infer<typeof CreateQuestionSchema>;
export const QuestionSchema = z
  .object({ id: UuidSchema, kind: QuestionKind, stem: z.string(), options: z.array(z.string()), answer: z.array(z.number().int()), explanation: z.string() })
  .meta({ id: 'Question' });
export type Question = z.infer<typeof QuestionSchema>;

export const CreateQuizSchema = z
  .object({
    title: Title,
    /** Questions drawn at random from the course's bank for each attempt. */
    questionCount: z.number().int().min(1).max(100),
    timeLimitS: z
      .number()
      .int()
      .min(30)
      .max(4 * 3600),
    /** Pass mark in percent of the questions answered correctly. */
    passPercent: z.number().int().min(1).max(100),
    published: z.boolean().default(true),
  })
  .meta({ id: 'CreateQuiz' });
export type CreateQuiz = z.infer<typeof CreateQuizSchema>;
/** PATCH /study/quizzes/:id — `published: false` withdraws it (attempts already made stay). */
export const UpdateQuizSchema = CreateQuizSchema.partial().meta({ id: 'UpdateQuiz' });
export type UpdateQuiz = z.infer<typeof UpdateQuizSchema>;

/** A drawn question as the member sees it during an attempt: no answer, no explanation. */
export const AttemptQuestionSchema = z
  .object({ id: UuidSchema, kind: QuestionKind, stem: z.string(), options: z.array(z.string()) })
  .meta({ id: 'AttemptQuestion' });
export type AttemptQuestion = z.infer<typeof AttemptQuestionSchema>;

/** After submission: with the correct answer, the member's answer and the explanation. */
export const ReviewedQuestionSchema = AttemptQuestionSchema.extend({
  answer: z.array(z.number().int()),
  given: z.array(z.number().int()),
  correct: z.boolean(),
  explanation: z.string(),
}).meta({ id: 'ReviewedQuestion' });
export type ReviewedQuestion = z.infer<typeof ReviewedQuestionSchema>;

export const AttemptStatus = z.enum(['in_progress', 'submitted', 'expired']);
export type AttemptStatus = z.infer<typeof AttemptStatus>;

export const QuizAttemptSchema = z
  .object({
    id: UuidSchema,
    quizId: UuidSchema,
    quizTitle: z.string(),
    status: AttemptStatus,
    startedAt: z.string(),
    deadline: z.string(),
    submittedAt: z.string().nullable(),
    passPercent: z.number().int(),
    /** While in progress: questions without answers. */
    questions: z.array(AttemptQuestionSchema).optional(),
    /** After submission: with answers and explanations. */
    review: z.array(ReviewedQuestionSchema).optional(),
    correctCount: z.number().int().nullable(),
    scorePercent: z.number().int().nullable(),
    passed: z.boolean().nullable(),
  })
  .meta({ id: 'QuizAttempt' });
export type QuizAttempt = z.infer<typeof QuizAttemptSchema>;

export const SubmitAttemptSchema = z.object({ answers: z.record(z.string(), z.array(z.number().int().min(0).max(7)).max(8)) }).meta({ id: 'SubmitAttempt' });
export type SubmitAttempt = z.infer<typeof SubmitAttemptSchema>;

export const QuizSummarySchema = z
  .object({
    id: UuidSchema,
    courseId: UuidSchema,
    title: z.string(),
    questionCount: z.number().int(),
    timeLimitS: z.number().int(),
    passPercent: z.number().int(),
    published: z.boolean(),
    attempts: z.number().int(),
    bestPercent: z.number().int().nullable(),
    lastPercent: z.number().int().nullable(),
    passed: z.boolean(),
  })
  .meta({ id: 'QuizSummary' });
export type QuizSummary = z.infer<typeof QuizSummarySchema>;

// ---------------------------------------------------------------------------------------------
// Points (L4)

/**
 * Every activity the one points ledger (P3, server/src/points) awards. Other modules add theirs here
 * and in POINTS_RULES (the defaults that become each activity's first rule version).
 */
export const PointsActivity = z.enum([
  'study_minutes',
  'lesson_completed',
  'quiz_passed',
  'checkin',
  'course_completed',
  'fee_on_time',
  'notice_ack',
  'news_published',
  'vanguard_duty',
  'volunteer_hours',
  'live_host',
]);
export type PointsActivity = z.infer<typeof PointsActivity>;
export const POINTS_ACTIVITY_LABEL: Record<PointsActivity, string> = {
  study_minutes: '学习时长',
  lesson_completed: '完成课时',
  quiz_passed: '测验合格',
  checkin: '会议签到',
  course_completed: '完成课程',
  volunteer_hours: '志愿服务',
  live_host: '红色主播',
  fee_on_time: '按时交纳党费',
  notice_ack: '确认通知',
  news_published: '发表党建动态',
  vanguard_duty: '先锋岗履职',
};

export const PointsEntrySchema = z
  .object({ id: UuidSchema, activity: PointsActivity, points: z.number().int(), day: DateOnlySchema, createdAt: z.string() })
  .meta({ id: 'PointsEntry' });
export const MyPointsSchema = z
  .object({
    total: z.number().int(),
    year: z.number().int(),
    yearTotal: z.number().int(),
    today: z.array(z.object({ activity: PointsActivity, points: z.number().int(), cap: z.number().int() })),
    recent: z.array(PointsEntrySchema),
  })
  .meta({ id: 'MyPoints' });
export type MyPoints = z.infer<typeof MyPointsSchema>;

export const LeaderboardQuerySchema = z.object({
  orgId: UuidSchema.optional(),
  year: YearSchema.optional(),
  /** members: people of the subtree; branches: the branches below a committee. */
  by: z.enum(['members', 'branches']).default('members'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type LeaderboardQuery = z.infer<typeof LeaderboardQuerySchema>;
export const LeaderboardRowSchema = z.object({
  rank: z.number().int(),
  id: UuidSchema,
  name: z.string(),
  points: z.number().int(),
  /** branches: members counted and points per member. */
  memberCount: z.number().int().optional(),
  averagePoints: z.number().optional(),
});
export const LeaderboardSchema = z
  .object({
    org: OrgRefSchema,
    year: z.number().int(),
    by: z.enum(['members', 'branches']),
    rows: z.array(LeaderboardRowSchema),
    /** The caller's row (members) or the caller's branch (branches), when inside. */
    mine: LeaderboardRowSchema.nullable(),
  })
  .meta({ id: 'Leaderboard' });
export type Leaderboard = z.infer<typeof LeaderboardSchema>;

// ---------------------------------------------------------------------------------------------
// Assignments (L5) and oversight

export const AssignmentTarget = z.discriminatedUnion('kind', [
  /** Every member of the organisation's subtree. */
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('members'), memberIds: z.array(UuidSchema).min(1).max(5000) }),
  /** The members placed in a 党小组 (organisation id of the group). */
  z.object({ kind: z.literal('group'), groupId: UuidSchema }),
  /** The members holding a role inside the subtree (e.g. secretary). */
  z.object({ kind: z.literal('role'), role: Role }),
  /**
   * Development candidates of the subtree (入党积极分子 / 发展对象, DOMAIN D) with an account of their own:
   * they are not members yet, so they study under their account (their hours count for D11).
   */
  z.object({
    kind: z.literal('candidates'),
    stages: z
      .array(z.enum(['activist', 'target']))
      .min(1)
      .max(2),
  }),
]);
export type AssignmentTarget = z.infer<typeof AssignmentTarget>;

export const CreateAssignmentSchema = z
  .object({ orgId: UuidSchema, courseId: UuidSchema, target: AssignmentTarget, deadline: DateOnlySchema, note: z.string().trim().max(500).default('') })
  .meta({ id: 'CreateAssignment' });
export type CreateAssignment = z.infer<typeof CreateAssignmentSchema>;

export const AssignmentState = z.enum(['done', 'in_progress', 'not_started', 'overdue']);
export type AssignmentState = z.infer<typeof AssignmentState>;
export const ASSIGNMENT_STATE_LABEL: Record<AssignmentState, string> = { done: '已完成', in_progress: '学习中', not_started: '未开始', overdue: '已逾期' };

export const AssignmentSchema = z
  .object({
    id: UuidSchema,
    org: OrgRefSchema,
    course: z.object({ id: UuidSchema, title: z.string() }),
    target: AssignmentTarget,
    deadline: DateOnlySchema,
    note: z.string(),
    memberCount: z.number().int(),
    counts: z.record(AssignmentState, z.number().int()),
    createdAt: z.string(),
  })
  .meta({ id: 'Assignment' });
export type Assignment = z.infer<typeof AssignmentSchema>;

export const AssignmentMemberSchema = z
  .object({
    member: MemberRefSchema,
    org: OrgRefSchema,
    state: AssignmentState,
    lessonsDone: z.number().int(),
    lessonCount: z.number().int(),
    completedAt: z.string().nullable(),
  })
  .meta({ id: 'AssignmentMember' });
export type AssignmentMember = z.infer<typeof AssignmentMemberSchema>;
export const AssignmentDetailSchema = AssignmentSchema.extend({ members: z.array(AssignmentMemberSchema) }).meta({ id: 'AssignmentDetail' });
export type AssignmentDetail = z.infer<typeof AssignmentDetailSchema>;

export const OversightQuerySchema = z.object({ orgId: UuidSchema, year: YearSchema.optional() });
export const HoursShortfallSchema = z
  .object({ member: MemberRefSchema, org: OrgRefSchema, totalS: z.number().int(), requiredHours: z.number().int(), missingS: z.number().int() })
  .meta({ id: 'HoursShortfall' });
export type HoursShortfall = z.infer<typeof HoursShortfallSchema>;
export const StudyOversightSchema = z
  .object({
    org: OrgRefSchema,
    year: z.number().int(),
    memberCount: z.number().int(),
    assignments: z.array(AssignmentSchema),
    /** Members below their yearly requirement (L1), fewest hours first. */
    belowHours: z.array(HoursShortfallSchema),
  })
  .meta({ id: 'StudyOversight' });
export type StudyOversight = z.infer<typeof StudyOversightSchema>;

// ---------------------------------------------------------------------------------------------
// End-to-end tests only (DANGJIAN_TEST_CLOCK=1)

export const TestClockSchema = z
  .object({
    advanceMs: z
      .number()
      .int()
      .min(0)
      .max(366 * 86_400_000)
      .optional(),
    set: z.iso.datetime({ offset: true }).optional(),
    reset: z.boolean().optional(),
  })
  .meta({ id: 'TestClock' });
export type TestClock = z.infer<typeof TestClockSchema>;
export const TestClockResultSchema = z.object({ now: z.string() }).meta({ id: 'TestClockResult' });

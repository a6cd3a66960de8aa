import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Put, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  AssignmentDetailSchema,
  AssignmentSchema,
  CourseDetailSchema,
  CourseListQuerySchema,
  CoursePageSchema,
  CreateAssignmentSchema,
  CreateCourseSchema,
  CreateLessonSchema,
  CreateOfflineTrainingSchema,
  CreateQuestionSchema,
  CreateQuizSchema,
  CreateStudyCategorySchema,
  HeartbeatResultSchema,
  HeartbeatSchema,
  LeaderboardQuerySchema,
  LeaderboardSchema,
  LessonDetailSchema,
  MyPointsSchema,
  OfflineTrainingSchema,
  OversightQuerySchema,
  QuestionSchema,
  QuizAttemptSchema,
  QuizSummarySchema,
  SetMeetingStudyHoursSchema,
  StoredStudyFileSchema,
  StudyCategorySchema,
  StudyFileQuerySchema,
  StudyHoursQuerySchema,
  StudyHoursSchema,
  StudyOversightSchema,
  SubmitAttemptSchema,
  UpdateCourseSchema,
  UpdateLessonSchema,
  UpdateQuizSchema,
  UuidSchema,
  type Assignment,
  type AssignmentDetail,
  type CourseDetail,
  type CourseListQuery,
  type CoursePage,
  type CreateAssignment,
  type CreateCourse,
  type CreateLesson,
  type CreateOfflineTraining,
  type CreateQuestion,
  type CreateQuiz,
  type CreateStudyCategory,
  type Heartbeat,
  type HeartbeatResult,
  type Leaderboard,
  type LeaderboardQuery,
  type LessonDetail,
  type MyPoints,
  type OfflineTraining,
  type Question,
  type QuizAttempt,
  type QuizSummary,
  type SetMeetingStudyHours,
  type StoredStudyFile,
  type StudyCategory,
  type StudyHours,
  type StudyOversight,
  type StudyFileQuery,
  type SubmitAttempt,
  type UpdateCourse,
  type UpdateLesson,
  type UpdateQuiz,
} from '@dangjian/shared';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuthContext } from '../common/auth-context.js';
import { Auth, HotRoute } from '../access/auth.decorators.js';
import { XLSX_MIME } from '../common/upload.js';
import { StudyAssignmentsService } from './study-assignments.service.js';
import { StudyContentService } from './study-content.service.js';
import { StudyPointsService } from './study-points.service.js';
import { StudyProgressService } from './study-progress.service.js';
import { StudyQuizService } from './study-quiz.service.js';

const OrgQuerySchema = z.object({ orgId: UuidSchema });
const id = (name: string) => Param(name, { schema: UuidSchema });

/** Learning (L1–L5): content, heartbeats, hours, quizzes, points, assignments and oversight. */
@ApiTags('study')
@ApiBearerAuth()
@Controller('study')
export class StudyController {
  constructor(
    private readonly content: StudyContentService,
    private readonly progress: StudyProgressService,
    private readonly quizzes: StudyQuizService,
    private readonly points: StudyPointsService,
    private readonly assignments: StudyAssignmentsService,
  ) {}

  // ---- content ----

  @Get('categories')
  @ApiOkResponse({ standardSchema: z.array(StudyCategorySchema) })
  categories(): Promise<StudyCategory[]> {
    return this.content.categories();
  }

  @Post('categories')
  @ApiOkResponse({ standardSchema: StudyCategorySchema })
  createCategory(@Auth() auth: AuthContext, @Body({ schema: CreateStudyCategorySchema }) dto: CreateStudyCategory): Promise<StudyCategory> {
    return this.content.createCategory(auth, dto);
  }

  @Get('courses')
  @ApiOkResponse({ standardSchema: CoursePageSchema })
  courses(@Auth() auth: AuthContext, @Query({ schema: CourseListQuerySchema }) q: CourseListQuery): Promise<CoursePage> {
    return this.content.list(auth, q);
  }

  @Post('courses')
  @ApiOkResponse({ standardSchema: CourseDetailSchema })
  createCourse(@Auth() auth: AuthContext, @Body({ schema: CreateCourseSchema }) dto: CreateCourse): Promise<CourseDetail> {
    return this.content.create(auth, dto);
  }

  @Get('courses/:id')
  @ApiOkResponse({ standardSchema: CourseDetailSchema })
  course(@Auth() auth: AuthContext, @id('id') courseId: string): Promise<CourseDetail> {
    return this.content.detail(auth, courseId);
  }

  /** `status: 'published'` publishes; `'archived'` withdraws it from members (history, hours and points kept); `'published'` again restores it. */
  @Patch('courses/:id')
  @ApiOkResponse({ standardSchema: CourseDetailSchema })
  updateCourse(@Auth() auth: AuthContext, @id('id') courseId: string, @Body({ schema: UpdateCourseSchema }) dto: UpdateCourse): Promise<CourseDetail> {
    return this.content.update(auth, courseId, dto);
  }

  /** Only a course nobody has studied (no progress, no quiz attempt); otherwise 409 STUDY_COURSE_STUDIED: archive it instead. */
  @Delete('courses/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  removeCourse(@Auth() auth: AuthContext, @id('id') courseId: string): Promise<void> {
    return this.content.remove(auth, courseId);
  }

  @Post('courses/:id/lessons')
  @ApiOkResponse({ standardSchema: LessonDetailSchema })
  addLesson(@Auth() auth: AuthContext, @id('id') courseId: string, @Body({ schema: CreateLessonSchema }) dto: CreateLesson): Promise<LessonDetail> {
    return this.content.addLesson(auth, courseId, dto);
  }

  @Get('lessons/:id')
  @ApiOkResponse({ standardSchema: LessonDetailSchema })
  lesson(@Auth() auth: AuthContext, @id('id') lessonId: string): Promise<LessonDetail> {
    return this.content.lesson(auth, lessonId);
  }

  @Patch('lessons/:id')
  @ApiOkResponse({ standardSchema: LessonDetailSchema })
  updateLesson(@Auth() auth: AuthContext, @id('id') lessonId: string, @Body({ schema: UpdateLessonSchema }) dto: UpdateLesson): Promise<LessonDetail> {
    return this.content.updateLesson(auth, lessonId, dto);
  }

  @Delete('lessons/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  removeLesson(@Auth() auth: AuthContext, @id('id') lessonId: string): Promise<void> {
    return this.content.removeLesson(auth, lessonId);
  }

  /** One file (multipart field `file`); type from the bytes, size limit per kind. */
  @Post('files')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ standardSchema: StoredStudyFileSchema })
  upload(@Auth() auth: AuthContext, @Query({ schema: StudyFileQuerySchema }) q: StudyFileQuery, @Req() req: FastifyRequest): Promise<StoredStudyFile> {
    return this.content.upload(auth, q, req);
  }

  // ---- progress and hours ----

  /** L2: every ~30 s while a lesson is open. */
  @Post('heartbeats')
  @HotRoute()
  @ApiOkResponse({ standardSchema: HeartbeatResultSchema })
  heartbeat(@Auth() auth: AuthContext, @Body({ schema: HeartbeatSchema }) dto: Heartbeat): Promise<HeartbeatResult> {
    return this.progress.heartbeat(auth, dto);
  }

  @Get('hours')
  @ApiOkResponse({ standardSchema: StudyHoursSchema })
  myHours(@Auth() auth: AuthContext, @Query({ schema: StudyHoursQuerySchema }) q: { year?: number }): Promise<StudyHours> {
    return this.progress.myHours(auth, q.year);
  }

  @Get('members/:memberId/hours')
  @ApiOkResponse({ standardSchema: StudyHoursSchema })
  memberHours(
    @Auth() auth: AuthContext,
    @id('memberId') memberId: string,
    @Query({ schema: StudyHoursQuerySchema }) q: { year?: number },
  ): Promise<StudyHours> {
    return this.progress.hoursOf(auth, memberId, q.year);
  }

  @Post('offline-trainings')
  @ApiOkResponse({ standardSchema: OfflineTrainingSchema })
  recordOffline(@Auth() auth: AuthContext, @Body({ schema: CreateOfflineTrainingSchema }) dto: CreateOfflineTraining): Promise<OfflineTraining> {
    return this.progress.recordOffline(auth, dto);
  }

  @Get('offline-trainings')
  @ApiOkResponse({ standardSchema: z.array(OfflineTrainingSchema) })
  offline(@Auth() auth: AuthContext, @Query({ schema: OrgQuerySchema }) q: { orgId: string }): Promise<OfflineTraining[]> {
    return this.progress.listOffline(auth, q.orgId);
  }

  @Put('meetings/:meetingId/study-hours')
  @ApiOkResponse({ standardSchema: SetMeetingStudyHoursSchema })
  meetingHours(
    @Auth() auth: AuthContext,
    @id('meetingId') meetingId: string,
    @Body({ schema: SetMeetingStudyHoursSchema }) dto: SetMeetingStudyHours,
  ): Promise<SetMeetingStudyHours> {
    return this.progress.setMeetingHours(auth, meetingId, dto);
  }

  // ---- quizzes ----

  @Get('courses/:id/questions')
  @ApiOkResponse({ standardSchema: z.array(QuestionSchema) })
  questions(@Auth() auth: AuthContext, @id('id') courseId: string): Promise<Question[]> {
    return this.quizzes.questions(auth, courseId);
  }

  @Post('courses/:id/questions')
  @ApiOkResponse({ standardSchema: QuestionSchema })
  addQuestion(@Auth() auth: AuthContext, @id('id') courseId: string, @Body({ schema: CreateQuestionSchema }) dto: CreateQuestion): Promise<Question> {
    return this.quizzes.addQuestion(auth, courseId, dto);
  }

  @Delete('questions/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  removeQuestion(@Auth() auth: AuthContext, @id('id') questionId: string): Promise<void> {
    return this.quizzes.removeQuestion(auth, questionId);
  }

  @Post('courses/:id/quizzes')
  @ApiOkResponse({ standardSchema: QuizSummarySchema })
  createQuiz(@Auth() auth: AuthContext, @id('id') courseId: string, @Body({ schema: CreateQuizSchema }) dto: CreateQuiz): Promise<QuizSummary> {
    return this.quizzes.createQuiz(auth, courseId, dto);
  }

  @Patch('quizzes/:id')
  @ApiOkResponse({ standardSchema: QuizSummarySchema })
  updateQuiz(@Auth() auth: AuthContext, @id('id') quizId: string, @Body({ schema: UpdateQuizSchema }) dto: UpdateQuiz): Promise<QuizSummary> {
    return this.quizzes.updateQuiz(auth, quizId, dto);
  }

  @Get('quizzes/:id')
  @ApiOkResponse({ standardSchema: QuizSummarySchema })
  quiz(@Auth() auth: AuthContext, @id('id') quizId: string): Promise<QuizSummary> {
    return this.quizzes.quiz(auth, quizId);
  }

  @Get('quizzes/:id/attempts')
  @ApiOkResponse({ standardSchema: z.array(QuizAttemptSchema) })
  attempts(@Auth() auth: AuthContext, @id('id') quizId: string): Promise<QuizAttempt[]> {
    return this.quizzes.myAttempts(auth, quizId);
  }

  @Post('quizzes/:id/attempts')
  @ApiOkResponse({ standardSchema: QuizAttemptSchema })
  start(@Auth() auth: AuthContext, @id('id') quizId: string): Promise<QuizAttempt> {
    return this.quizzes.start(auth, quizId);
  }

  @Get('attempts/:id')
  @ApiOkResponse({ standardSchema: QuizAttemptSchema })
  attempt(@Auth() auth: AuthContext, @id('id') attemptId: string): Promise<QuizAttempt> {
    return this.quizzes.attempt(auth, attemptId);
  }

  @Post('attempts/:id/submit')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ standardSchema: QuizAttemptSchema })
  submit(@Auth() auth: AuthContext, @id('id') attemptId: string, @Body({ schema: SubmitAttemptSchema }) dto: SubmitAttempt): Promise<QuizAttempt> {
    return this.quizzes.submit(auth, attemptId, dto);
  }

  // ---- points ----

  @Get('points/me')
  @ApiOkResponse({ standardSchema: MyPointsSchema })
  myPoints(@Auth() auth: AuthContext): Promise<MyPoints> {
    return this.points.mine(auth);
  }

  @Get('leaderboard')
  @ApiOkResponse({ standardSchema: LeaderboardSchema })
  leaderboard(@Auth() auth: AuthContext, @Query({ schema: LeaderboardQuerySchema }) q: LeaderboardQuery): Promise<Leaderboard> {
    return this.points.leaderboard(auth, q);
  }

  // ---- assignments and oversight ----

  @Post('assignments')
  @ApiOkResponse({ standardSchema: AssignmentSchema })
  assign(@Auth() auth: AuthContext, @Body({ schema: CreateAssignmentSchema }) dto: CreateAssignment): Promise<Assignment> {
    return this.assignments.create(auth, dto);
  }

  @Get('assignments')
  @ApiOkResponse({ standardSchema: z.array(AssignmentSchema) })
  listAssignments(@Auth() auth: AuthContext, @Query({ schema: OrgQuerySchema }) q: { orgId: string }): Promise<Assignment[]> {
    return this.assignments.list(auth, q.orgId);
  }

  @Get('assignments/:id')
  @ApiOkResponse({ standardSchema: AssignmentDetailSchema })
  assignment(@Auth() auth: AuthContext, @id('id') assignmentId: string): Promise<AssignmentDetail> {
    return this.assignments.detail(auth, assignmentId);
  }

  @Get('oversight')
  @ApiOkResponse({ standardSchema: StudyOversightSchema })
  oversight(@Auth() auth: AuthContext, @Query({ schema: OversightQuerySchema }) q: { orgId: string; year?: number }): Promise<StudyOversight> {
    return this.assignments.oversight(auth, q.orgId, q.year);
  }

  @Get('oversight.xlsx')
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '学习督导 (.xlsx)：必修课程完成情况、学时未达标党员' })
  oversightXlsx(@Auth() auth: AuthContext, @Query({ schema: OversightQuerySchema }) q: { orgId: string; year?: number }): Promise<StreamableFile> {
    return this.assignments.exportXlsx(auth, q.orgId, q.year);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  answerCorrect,
  attemptOpen,
  chinaDate,
  drawQuestions,
  questionShapeError,
  scoreAttempt,
  TRUE_FALSE_OPTIONS,
  type CreateQuestion,
  type CreateQuiz,
  type UpdateQuiz,
  type Question,
  type QuizAttempt,
  type QuizSummary,
  type SubmitAttempt,
} from '@dangjian/shared';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { StudyAccess } from './study-access.js';
import { StudyRepository } from './study.repository.js';
import { StudyPointsService } from './study-points.service.js';
import { StudyErrors } from './study.errors.js';
import { StudyAttemptEntity, StudyQuestionEntity, StudyQuizEntity, type AttemptQuestionSnapshot } from './study.entities.js';

/**
 * L3: question banks, quizzes and attempts. An attempt stores the questions drawn for it (a snapshot:
 * later edits of the bank do not change it), its deadline from the server clock, and after
 * submission the answers and the score (shared `scoreAttempt`). Answers and explanations are sent
 * only after submission (or once the deadline has passed).
 */
@Injectable()
export class StudyQuizService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly study: StudyAccess,
    private readonly repo: StudyRepository,
    private readonly points: StudyPointsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async questions(auth: AuthContext, courseId: string): Promise<Question[]> {
    await this.study.manageCourse(auth, courseId);
    const rows = await this.db.getRepository(StudyQuestionEntity).find({ where: { courseId }, order: { createdAt: 'ASC' } });
    return rows.map((q) => ({ id: q.id, kind: q.kind, stem: q.stem, options: q.options, answer: q.answer, explanation: q.explanation }));
  }

  async addQuestion(auth: AuthContext, courseId: string, dto: CreateQuestion): Promise<Question> {
    const options = dto.kind === 'true_false' ? (dto.options ?? TRUE_FALSE_OPTIONS) : (dto.options ?? []);
    const shape = questionShapeError({ kind: dto.kind, options, answer: dto.answer });
    if (shape || options.length < 2) throw StudyErrors.questionShape(shape ?? '至少需要两个选项');
    return this.db.transaction(async (tx) => {
      const c = await this.study.manageCourse(auth, courseId, tx);
      const q = await tx.save(
        tx.create(StudyQuestionEntity, { courseId, kind: dto.kind, stem: dto.stem, options, answer: [...dto.answer].sort(), explanation: dto.explanation }),
      );
      await this.audit.record(
        auth,
        { action: 'study.question.create', objectType: 'study_question', objectId: q.id, orgPath: c.orgPath, details: { courseId } },
        tx,
      );
      return { id: q.id, kind: q.kind, stem: q.stem, options: q.options, answer: q.answer, explanation: q.explanation };
    });
  }

  async removeQuestion(auth: AuthContext, questionId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const q = await tx.findOneBy(StudyQuestionEntity, { id: questionId });
      if (!q) throw notFound('题目');
      const c = await this.study.manageCourse(auth, q.courseId, tx);
      await tx.delete(StudyQuestionEntity, { id: questionId });
      await this.audit.record(
        auth,
        { action: 'study.question.remove', objectType: 'study_question', objectId: questionId, orgPath: c.orgPath, details: { courseId: q.courseId } },
        tx,
      );
    });
  }

  async createQuiz(auth: AuthContext, courseId: string, dto: CreateQuiz): Promise<QuizSummary> {
    const id = await this.db.transaction(async (tx) => {
      const c = await this.study.manageCourse(auth, courseId, tx);
      const have = await tx.countBy(StudyQuestionEntity, { courseId });
      if (have < dto.questionCount) throw StudyErrors.bankTooSmall(have, dto.questionCount);
      const quiz = await tx.save(tx.create(StudyQuizEntity, { courseId, ...dto }));
      await this.audit.record(
        auth,
        { action: 'study.quiz.create', objectType: 'study_quiz', objectId: quiz.id, orgPath: c.orgPath, details: { ...dto, courseId } },
        tx,
      );
      return quiz.id;
    });
    return this.quiz(auth, id);
  }

  async updateQuiz(auth: AuthContext, quizId: string, dto: UpdateQuiz): Promise<QuizSummary> {
    await this.db.transaction(async (tx) => {
      const quiz = await tx.findOneBy(StudyQuizEntity, { id: quizId });
      if (!quiz) throw notFound('测验');
      const c = await this.study.manageCourse(auth, quiz.courseId, tx);
      const count = dto.questionCount ?? quiz.questionCount;
      const have = await tx.countBy(StudyQuestionEntity, { courseId: quiz.courseId });
      if (have < count) throw StudyErrors.bankTooSmall(have, count);
      await tx.update(StudyQuizEntity, { id: quizId }, dto);
      await this.audit.record(auth, { action: 'study.quiz.update', objectType: 'study_quiz', objectId: quizId, orgPath: c.orgPath, details: { ...dto } }, tx);
    });
    return this.quiz(auth, quizId);
  }

  /** The quiz with the caller's attempts: count, best and last score. */
  async quiz(auth: AuthContext, quizId: string): Promise<QuizSummary> {
    const quiz = await this.readQuiz(auth, quizId);
    const s = await this.repo.attemptStats(quizId, auth.memberId);
    return {
      id: quiz.id,
      courseId: quiz.courseId,
      title: quiz.title,
      questionCount: quiz.questionCount,
      timeLimitS: quiz.timeLimitS,
      passPercent: quiz.passPercent,
      published: quiz.published,
      attempts: s?.attempts ?? 0,
      bestPercent: s?.best ?? null,
      lastPercent: s?.last ?? null,
      passed: s?.passed ?? false,
    };
  }

  async myAttempts(auth: AuthContext, quizId: string): Promise<QuizAttempt[]> {
    const memberId = this.study.memberId(auth);
    const quiz = await this.readQuiz(auth, quizId);
    const rows = await this.db.getRepository(StudyAttemptEntity).find({ where: { quizId, memberId }, order: { startedAt: 'DESC' }, take: 50 });
    return rows.map((a) => this.view(a, quiz));
  }

  /** L3: draw `questionCount` questions at random; the deadline is the server clock plus the time limit. */
  async start(auth: AuthContext, quizId: string): Promise<QuizAttempt> {
    const memberId = this.study.memberId(auth);
    const quiz = await this.readQuiz(auth, quizId);
    if (!quiz.published) throw StudyErrors.quizClosed();
    const bank = await this.db.getRepository(StudyQuestionEntity).find({ where: { courseId: quiz.courseId } });
    if (bank.length < quiz.questionCount) throw StudyErrors.bankTooSmall(bank.length, quiz.questionCount);
    const drawn: AttemptQuestionSnapshot[] = drawQuestions(bank, quiz.questionCount).map((q) => ({
      id: q.id,
      kind: q.kind,
      stem: q.stem,
      options: q.options,
      answer: q.answer,
      explanation: q.explanation,
    }));
    const now = this.clock.now();
    const attempt = await this.db.getRepository(StudyAttemptEntity).save({
      quizId,
      memberId,
      startedAt: now,
      deadline: new Date(now.getTime() + quiz.timeLimitS * 1000),
      questions: drawn,
      answers: null,
      submittedAt: null,
      correctCount: null,
      scorePercent: null,
      passed: null,
    });
    return this.view(attempt, quiz);
  }

  async attempt(auth: AuthContext, attemptId: string): Promise<QuizAttempt> {
    const a = await this.ownAttempt(auth, attemptId);
    const quiz = await this.db.getRepository(StudyQuizEntity).findOneByOrFail({ id: a.quizId });
    return this.view(a, quiz);
  }

  /** L3: scored on the server (shared `scoreAttempt`), refused after the deadline (+5 s grace) or a second time. */
  async submit(auth: AuthContext, attemptId: string, dto: SubmitAttempt): Promise<QuizAttempt> {
    await this.ownAttempt(auth, attemptId);
    const now = this.clock.now();
    const { a, quiz } = await this.db.transaction(async (tx) => {
      const a = await tx.findOne(StudyAttemptEntity, { where: { id: attemptId }, lock: { mode: 'pessimistic_write' } });
      if (!a) throw notFound('答题记录');
      if (a.submittedAt) throw StudyErrors.attemptSubmitted();
      if (!attemptOpen(a.deadline, now)) throw StudyErrors.attemptExpired();
      const ids = new Set(a.questions.map((q) => q.id));
      if (Object.keys(dto.answers).some((id) => !ids.has(id))) throw StudyErrors.attemptUnknownQuestion();
      const quiz = await tx.findOneByOrFail(StudyQuizEntity, { id: a.quizId });
      const score = scoreAttempt(a.questions, dto.answers, quiz.passPercent);
      Object.assign(a, { answers: dto.answers, submittedAt: now, correctCount: score.correctCount, scorePercent: score.scorePercent, passed: score.passed });
      await tx.save(a);
      if (score.passed) {
        const day = chinaDate(now);
        // One award per quiz and member per day, whatever the number of passing attempts.
        await this.points.award(tx, a.memberId, 'quiz_passed', `quiz:${a.memberId}:${a.quizId}:${day}`, day);
      }
      return { a, quiz };
    });
    return this.view(a, quiz);
  }

  private async readQuiz(auth: AuthContext, quizId: string): Promise<StudyQuizEntity> {
    const quiz = await this.db.getRepository(StudyQuizEntity).findOneBy({ id: quizId });
    if (!quiz) throw notFound('测验');
    const c = await this.study.readCourse(auth, quiz.courseId);
    if (!quiz.published && !c.canManage) throw notFound('测验');
    return quiz;
  }

  private async ownAttempt(auth: AuthContext, attemptId: string): Promise<StudyAttemptEntity> {
    const memberId = this.study.memberId(auth);
    const a = await this.db.getRepository(StudyAttemptEntity).findOneBy({ id: attemptId });
    if (!a) throw notFound('答题记录');
    if (a.memberId !== memberId) throw forbidden();
    return a;
  }

  private view(a: StudyAttemptEntity, quiz: StudyQuizEntity): QuizAttempt {
    const now = this.clock.now();
    const expired = !a.submittedAt && !attemptOpen(a.deadline, now);
    const reviewable = a.submittedAt !== null || expired;
    const questions = a.questions.map((q) => ({ id: q.id, kind: q.kind, stem: q.stem, options: q.options }));
    return {
      id: a.id,
      quizId: a.quizId,
      quizTitle: quiz.title,
      status: a.submittedAt ? 'submitted' : expired ? 'expired' : 'in_progress',
      startedAt: a.startedAt.toISOString(),
      deadline: a.deadline.toISOString(),
      submittedAt: a.submittedAt?.toISOString() ?? null,
      passPercent: quiz.passPercent,
      ...(reviewable
        ? {
            review: a.questions.map((q) => {
              const given = a.answers?.[q.id] ?? [];
              return {
                id: q.id,
                kind: q.kind,
                stem: q.stem,
                options: q.options,
                answer: q.answer,
                given,
                correct: answerCorrect(q.kind, q.answer, given),
                explanation: q.explanation,
              };
            }),
          }
        : { questions }),
      correctCount: a.correctCount,
      scorePercent: a.scorePercent,
      passed: a.passed,
    };
  }
}

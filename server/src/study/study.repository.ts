import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CourseStatus, LessonKind } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Who is studying: a member (under the member id, as always), or a development candidate who is not a
 * member yet, under their own account. `col` is the learner column of study_clock / study_progress / study_day.
 */
export type Learner = { col: 'member_id' | 'user_id'; id: string; memberId: string | null; userId: string | null };

export type CourseRef = { id: string; orgPath: string | null; organisationId: string | null; status: CourseStatus; title: string; coverFileId: string | null };

export type CourseRow = {
  id: string;
  title: string;
  summary: string;
  category_id: string | null;
  category_name: string | null;
  cover_file_id: string | null;
  recommended: boolean;
  status: 'draft' | 'published';
  organisation_id: string | null;
  org_name: string | null;
  org_path: string | null;
  published_at: Date | null;
  lesson_count: number;
  lessons_done: number;
  lessons_started: number;
  required_by: string | null;
  total?: string;
};

export type LessonRow = {
  id: string;
  course_id: string;
  position: number;
  title: string;
  kind: LessonKind;
  body_html: string | null;
  file_id: string | null;
  content_type: string | null;
  duration_s: number | null;
  watch_threshold: number | null;
  min_seconds: number | null;
  position_s: number | null;
  credited_ms: string | null;
  watched_s: number | null;
  completed_at: Date | null;
};

/**
 * Which courses a list may show: a manager's, those of their `scopes` (and platform-wide ones for a
 * platform admin); a member's, the published ones of their organisation's line; a development
 * candidate's, the published ones assigned to their account.
 */
export type CourseVisibility = { manage: { scopes: string[]; platform: boolean } } | { memberOf: string } | { assignedOnly: true };

export type CourseFilter = {
  learner: Learner;
  visibility: CourseVisibility;
  categoryId?: string;
  recommended?: boolean;
  /** Part of the title. */
  q?: string;
  /** Only courses assigned to the learner (L5). */
  required?: boolean;
  page: number;
  pageSize: number;
};

export type QuizListRow = { id: string; title: string; questionCount: number; passPercent: number; timeLimitS: number; published: boolean };

/** The assignments (L5) that reach the learner ($1). */
const ASSIGNED: Record<Learner['col'], string> = {
  member_id: 'study_assignment_member am ON am.assignment_id = a.id AND am.member_id = $1',
  user_id: 'study_assignment_account am ON am.assignment_id = a.id AND am.user_id = $1',
};
/** The caller's progress columns, by the learner's key (a member, or a development candidate's account). */
const courseSelect = (col: Learner['col']) => `
  SELECT c.id, c.title, c.summary, c.category_id, cat.name AS category_name, c.cover_file_id, c.recommended, c.status,
         c.organisation_id, o.name AS org_name, c.org_path::text AS org_path, c.published_at,
         (SELECT count(*)::int FROM study_lesson l WHERE l.course_id = c.id) AS lesson_count,
         (SELECT count(*)::int FROM study_progress p WHERE p.course_id = c.id AND p.${col} = $1 AND p.completed_at IS NOT NULL) AS lessons_done,
         (SELECT count(*)::int FROM study_progress p WHERE p.course_id = c.id AND p.${col} = $1) AS lessons_started,
         (SELECT min(a.deadline)::text FROM study_assignment a JOIN ${ASSIGNED[col]} WHERE a.course_id = c.id) AS required_by`;
const COURSE_FROM = `FROM study_course c LEFT JOIN study_category cat ON cat.id = c.category_id LEFT JOIN organisation o ON o.id = c.organisation_id`;

/** Courses, lessons, quizzes and study files as access checks and content pages read them (L2, L3). */
@Injectable()
export class StudyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async course(learner: Learner, courseId: string): Promise<CourseRow | undefined> {
    const [row]: CourseRow[] = await this.db.query(`${courseSelect(learner.col)} ${COURSE_FROM} WHERE c.id = $2`, [learner.id, courseId]);
    return row;
  }

  /** A page of courses with the learner's progress; each row carries the `total` of the whole list. */
  courses(f: CourseFilter): Promise<CourseRow[]> {
    const { learner, visibility: v } = f;
    const params: unknown[] = [learner.id];
    const where: string[] = [];
    if ('manage' in v) {
      params.push(v.manage.scopes);
      where.push(`(c.org_path <@ ANY($${params.length}::ltree[])${v.manage.platform ? ' OR c.org_path IS NULL' : ''})`);
    } else if ('memberOf' in v) {
      params.push(v.memberOf);
      where.push(`c.status = 'published' AND (c.org_path IS NULL OR $${params.length}::ltree <@ c.org_path)`);
    } else {
      where.push(`c.status = 'published' AND EXISTS (SELECT 1 FROM study_assignment a JOIN ${ASSIGNED.user_id} WHERE a.course_id = c.id)`);
    }
    if (f.categoryId) where.push(`c.category_id = $${params.push(f.categoryId)}`);
    if (f.recommended !== undefined) where.push(`c.recommended = $${params.push(f.recommended)}`);
    if (f.q) where.push(`c.title ILIKE $${params.push(`%${f.q.replace(/[%_\\]/g, '\\$&')}%`)}`);
    if (f.required) where.push(`EXISTS (SELECT 1 FROM study_assignment a JOIN ${ASSIGNED[learner.col]} WHERE a.course_id = c.id)`);
    params.push(f.pageSize, (f.page - 1) * f.pageSize);
    return this.db.query(
      `${courseSelect(learner.col)}, count(*) OVER () AS total ${COURSE_FROM} WHERE ${where.join(' AND ')}
       ORDER BY c.recommended DESC, c.published_at DESC NULLS LAST, c.created_at DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
  }

  /** The course's quizzes; without `unpublishedToo`, the published ones only. */
  quizzes(courseId: string, o: { unpublishedToo: boolean }): Promise<QuizListRow[]> {
    return this.db.query(
      `SELECT id, title, question_count AS "questionCount", pass_percent AS "passPercent", time_limit_s AS "timeLimitS", published
       FROM study_quiz WHERE course_id = $1 ${o.unpublishedToo ? '' : 'AND published'} ORDER BY created_at`,
      [courseId],
    );
  }

  /**
   * Locks the course's lessons and quizzes (FOR UPDATE conflicts with the key-share lock a first
   * heartbeat or attempt takes on them), then tells whether anybody has studied the course.
   */
  async lockContentAndCheckStudied(tx: EntityManager, courseId: string): Promise<boolean> {
    await tx.query(`SELECT 1 FROM study_lesson WHERE course_id = $1 FOR UPDATE`, [courseId]);
    await tx.query(`SELECT 1 FROM study_quiz WHERE course_id = $1 FOR UPDATE`, [courseId]);
    const [check]: Array<{ studied: boolean }> = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM study_progress WHERE course_id = $1)
           OR EXISTS (SELECT 1 FROM study_attempt a JOIN study_quiz q ON q.id = a.quiz_id WHERE q.course_id = $1) AS studied`,
      [courseId],
    );
    return check?.studied ?? false;
  }

  /** A stored file, whether it is a study upload and of which organisation. */
  async storedFile(fileId: string): Promise<{ id: string; contentType: string; isStudy: boolean; orgPath: string | null } | undefined> {
    const [file]: Array<{ id: string; contentType: string; isStudy: boolean; orgPath: string | null }> = await this.db.query(
      `SELECT f.id, f.content_type AS "contentType", sf.file_id IS NOT NULL AS "isStudy", sf.org_path::text AS "orgPath"
         FROM stored_file f LEFT JOIN study_file sf ON sf.file_id = f.id WHERE f.id = $1`,
      [fileId],
    );
    return file;
  }

  async nextLessonPosition(tx: EntityManager, courseId: string): Promise<number> {
    const [row]: Array<{ next: number }> = await tx.query(`SELECT COALESCE(max(position), -1) + 1 AS next FROM study_lesson WHERE course_id = $1`, [courseId]);
    return row!.next;
  }

  /** The lessons of a course (or one lesson) with the learner's progress. */
  lessonRows(learner: Learner, by: { courseId: string } | { lessonId: string }): Promise<LessonRow[]> {
    return this.db.query(
      `SELECT l.id, l.course_id, l.position, l.title, l.kind, l.body_html, l.file_id, f.content_type, l.duration_s, l.watch_threshold, l.min_seconds,
              p.position AS position_s, p.credited_ms, p.watched_s, p.completed_at
         FROM study_lesson l
         LEFT JOIN stored_file f ON f.id = l.file_id
         LEFT JOIN study_progress p ON p.lesson_id = l.id AND p.${learner.col} = $1
        WHERE ${'courseId' in by ? 'l.course_id' : 'l.id'} = $2
        ORDER BY l.position, l.created_at`,
      [learner.id, 'courseId' in by ? by.courseId : by.lessonId],
    );
  }

  // ---- access ----

  async courseRef(courseId: string, manager: EntityManager = this.db.manager): Promise<CourseRef | null> {
    const rows: CourseRef[] = await manager.query(
      `SELECT id, org_path::text AS "orgPath", organisation_id AS "organisationId", status, title, cover_file_id AS "coverFileId" FROM study_course WHERE id = $1`,
      [courseId],
    );
    return rows[0] ?? null;
  }

  /** Whether the course is assigned to the account (a development candidate's, target `candidates`). */
  async assignedToAccount(courseId: string, userId: string, manager: EntityManager = this.db.manager): Promise<boolean> {
    const [row]: Array<{ ok: boolean }> = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM study_assignment a JOIN study_assignment_account aa ON aa.assignment_id = a.id WHERE a.course_id = $1 AND aa.user_id = $2) AS ok`,
      [courseId, userId],
    );
    return row?.ok ?? false;
  }

  // ---- L3 quizzes ----

  /** The member's attempts at a quiz: count, best and last score, whether one passed (no member: none). */
  async attemptStats(
    quizId: string,
    memberId: string | null,
  ): Promise<{ attempts: number; best: number | null; last: number | null; passed: boolean } | undefined> {
    const [s]: Array<{ attempts: number; best: number | null; last: number | null; passed: boolean }> = await this.db.query(
      `SELECT count(*)::int AS attempts, max(score_percent) AS best,
              (SELECT score_percent FROM study_attempt WHERE quiz_id = $1 AND member_id = $2 AND submitted_at IS NOT NULL ORDER BY submitted_at DESC LIMIT 1) AS last,
              COALESCE(bool_or(passed), false) AS passed
         FROM study_attempt WHERE quiz_id = $1 AND member_id = $2`,
      [quizId, memberId ?? '00000000-0000-0000-0000-000000000000'],
    );
    return s;
  }
}

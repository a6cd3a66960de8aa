import { Injectable } from '@nestjs/common';
import type { CourseStatus } from '@dangjian/shared';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { StudyErrors } from './study.errors.js';

/**
 * Who is studying: a member (under the member id, as always), or a development candidate who is not a
 * member yet, under their own account. `col` is the learner column of study_clock / study_progress / study_day.
 */
export type Learner = { col: 'member_id' | 'user_id'; id: string; memberId: string | null; userId: string | null };

export type CourseRef = { id: string; orgPath: string | null; organisationId: string | null; status: CourseStatus; title: string; coverFileId: string | null };

/**
 * Who may do what with a course. Studying: a member whose organisation lies in the course owner's
 * subtree (or any member for a platform-wide course), once published. Managing: `study.manage` on the
 * owner organisation; platform-wide courses: platform admins. Everything else is refused the same way.
 */
@Injectable()
export class StudyAccess {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  memberId(auth: AuthContext): string {
    if (!auth.memberId || !auth.memberOrg) throw StudyErrors.notMember();
    return auth.memberId;
  }

  learner(auth: AuthContext): Learner {
    return auth.memberId && auth.memberOrg
      ? { col: 'member_id', id: auth.memberId, memberId: auth.memberId, userId: null }
      : { col: 'user_id', id: auth.userId, memberId: null, userId: auth.userId };
  }

  isAdmin(auth: AuthContext): boolean {
    return auth.grants.some((g) => g.role === 'platform_admin');
  }

  /** A study upload may be used (cover, lesson file, article image) by managers of its organisation; platform admins: any. */
  mayUseFile(auth: AuthContext, file: { isStudy: boolean; orgPath: string | null }): boolean {
    if (!file.isStudy) return false;
    if (this.isAdmin(auth)) return true;
    return file.orgPath !== null && this.access.can(auth, 'study.manage', file.orgPath);
  }

  canManage(auth: AuthContext, course: Pick<CourseRef, 'orgPath'>): boolean {
    if (course.orgPath === null) return this.isAdmin(auth);
    return this.access.can(auth, 'study.manage', course.orgPath);
  }

  canStudy(auth: AuthContext, course: Pick<CourseRef, 'orgPath' | 'status'>): boolean {
    if (course.status !== 'published' || !auth.memberOrg) return false;
    return course.orgPath === null || isWithin(auth.memberOrg.path, course.orgPath);
  }

  /**
   * Members: `canStudy`. Anyone else (a development candidate's account): a published course assigned
   * to the account (target `candidates`) — nothing else of the platform is open to non-members.
   */
  async mayStudy(auth: AuthContext, course: Pick<CourseRef, 'id' | 'orgPath' | 'status'>, manager: EntityManager = this.db.manager): Promise<boolean> {
    if (auth.memberOrg) return this.canStudy(auth, course);
    if (course.status !== 'published') return false;
    const [row]: Array<{ ok: boolean }> = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM study_assignment a JOIN study_assignment_account aa ON aa.assignment_id = a.id WHERE a.course_id = $1 AND aa.user_id = $2) AS ok`,
      [course.id, auth.userId],
    );
    return row?.ok ?? false;
  }

  async course(courseId: string, manager: EntityManager = this.db.manager): Promise<CourseRef | null> {
    const rows: CourseRef[] = await manager.query(
      `SELECT id, org_path::text AS "orgPath", organisation_id AS "organisationId", status, title, cover_file_id AS "coverFileId" FROM study_course WHERE id = $1`,
      [courseId],
    );
    return rows[0] ?? null;
  }

  /** A course the caller may study or manage (read access). */
  async readCourse(auth: AuthContext, courseId: string): Promise<CourseRef & { canManage: boolean }> {
    const c = await this.course(courseId);
    if (!c) throw notFound('课程');
    const canManage = this.canManage(auth, c);
    if (!canManage && !(await this.mayStudy(auth, c))) throw forbidden();
    return { ...c, canManage };
  }

  async manageCourse(auth: AuthContext, courseId: string, manager?: EntityManager): Promise<CourseRef> {
    const c = await this.course(courseId, manager);
    if (!c) throw notFound('课程');
    if (!this.canManage(auth, c)) throw forbidden();
    return c;
  }

  /** The organisation path where the caller manages study (study.manage), or FORBIDDEN. */
  requireOrg(auth: AuthContext, orgId: string): Promise<string> {
    return this.access.requireOrg(auth, 'study.manage', orgId);
  }

  scopes(auth: AuthContext): string[] {
    return this.access.scopes(auth, 'study.manage');
  }

  requireMember(auth: AuthContext, memberId: string, selfAllowed = true): Promise<string> {
    return this.access.requireMember(auth, 'study.manage', memberId, selfAllowed);
  }
}

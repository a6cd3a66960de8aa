import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { StudyErrors } from './study.errors.js';
import { StudyRepository, type CourseRef, type Learner } from './study.repository.js';

/**
 * Who may do what with a course. Studying: a member whose organisation lies in the course owner's
 * subtree (or any member for a platform-wide course), once published. Managing: `study.manage` on the
 * owner organisation; platform-wide courses: platform admins. Everything else is refused the same way.
 */
@Injectable()
export class StudyAccess {
  constructor(
    private readonly repo: StudyRepository,
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
  async mayStudy(auth: AuthContext, course: Pick<CourseRef, 'id' | 'orgPath' | 'status'>, manager?: EntityManager): Promise<boolean> {
    if (auth.memberOrg) return this.canStudy(auth, course);
    if (course.status !== 'published') return false;
    return this.repo.assignedToAccount(course.id, auth.userId, manager);
  }

  course(courseId: string, manager?: EntityManager): Promise<CourseRef | null> {
    return this.repo.courseRef(courseId, manager);
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

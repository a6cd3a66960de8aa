import { Injectable, type OnModuleInit } from '@nestjs/common';
import { chinaDate, type TodoItem } from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';
import { StudyAssignmentsRepository } from './study-assignments.repository.js';

/** Required courses (L5) shown this many days before their deadline, and every overdue one. */
export const COURSE_DUE_SOON_DAYS = 14;

/** L5: required courses assigned to the caller that are not finished, due soon or overdue. */
@Injectable()
export class CourseTodos implements TodoProvider, OnModuleInit {
  readonly source = 'courses';
  constructor(
    private readonly registry: TodoRegistry,
    private readonly clock: Clock,
    private readonly repo: StudyAssignmentsRepository,
  ) {}
  onModuleInit() {
    this.registry.register(this);
  }
  async list(auth: AuthContext): Promise<TodoItem[]> {
    const today = chinaDate(this.clock.now());
    // A member by their member id; a development candidate (no member row) by their account.
    const rows = await this.repo.dueAssignments(auth.memberId ? { memberId: auth.memberId } : { userId: auth.userId }, today, COURSE_DUE_SOON_DAYS);
    return rows
      .filter((r) => r.lessons === 0 || r.done < r.lessons)
      .map((r) => ({
        source: this.source,
        id: r.id,
        title: `完成必学课程：${r.title}`,
        detail: `${r.org_name} · 截止 ${r.deadline}`,
        orgId: r.org_id,
        dueAt: new Date(`${r.deadline}T23:59:59+08:00`).toISOString(),
        overdue: r.deadline < today,
        page: `/packages/study/pages/course/index?id=${r.course_id}`,
      }));
  }
}

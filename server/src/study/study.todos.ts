import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TodoItem } from '@dangjian/shared';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';

/** Required courses (L5) shown this many days before their deadline, and every overdue one. */
export const COURSE_DUE_SOON_DAYS = 14;

/** L5: required courses assigned to the caller that are not finished, due soon or overdue. */
@Injectable()
export class CourseTodos implements TodoProvider, OnModuleInit {
  readonly source = 'courses';
  constructor(
    private readonly registry: TodoRegistry,
    private readonly clock: Clock,
    @InjectDataSource() private readonly db: DataSource,
  ) {}
  onModuleInit() {
    this.registry.register(this);
  }
  async list(auth: AuthContext): Promise<TodoItem[]> {
    // A member by their member id; a development candidate (no member row) by their account.
    const [col, table, id] = auth.memberId
      ? (['member_id', 'study_assignment_member', auth.memberId] as const)
      : (['user_id', 'study_assignment_account', auth.userId] as const);
    const now = this.clock.now();
    const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const rows: Array<{ id: string; course_id: string; title: string; deadline: string; org_id: string; org_name: string; lessons: number; done: number }> =
      await this.db.query(
        `SELECT a.id, a.course_id, c.title, a.deadline::text AS deadline, o.id AS org_id, o.name AS org_name,
              (SELECT count(*)::int FROM study_lesson l WHERE l.course_id = a.course_id) AS lessons,
              (SELECT count(*)::int FROM study_progress p WHERE p.course_id = a.course_id AND p.${col} = $1 AND p.completed_at IS NOT NULL) AS done
         FROM ${table} am JOIN study_assignment a ON a.id = am.assignment_id JOIN study_course c ON c.id = a.course_id
         JOIN organisation o ON o.id = a.organisation_id
        WHERE am.${col} = $1 AND a.deadline <= ($2::date + $3::int) ORDER BY a.deadline LIMIT 50`,
        [id, today, COURSE_DUE_SOON_DAYS],
      );
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

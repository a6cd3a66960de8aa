import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth-context.js';
import { DevelopmentViewsService } from './development-views.service.js';

/*
 * The to-do centre's provider (seam: /work/wt/seams/todo-provider.md). The centre lives on branch
 * `daily`; until it is merged these are local copies of its types. At merge: import TodoItem from
 * '@dangjian/shared' and TodoProvider/TodoRegistry from '../todos/…', inject TodoRegistry and call
 * `registry.register(this)` in onModuleInit (see the seam).
 */
export type DevTodoItem = {
  source: string;
  id: string;
  title: string;
  detail: string | null;
  orgId: string | null;
  dueAt: string | null;
  overdue: boolean;
  page: string;
};
export type DevTodoProvider = { readonly source: string; list(auth: AuthContext): Promise<DevTodoItem[]> };

/** Overdue development steps (the scan's open alerts) for whoever manages members of the branch. */
@Injectable()
export class DevelopmentTodos implements DevTodoProvider {
  readonly source = 'development';

  constructor(private readonly views: DevelopmentViewsService) {}

  async list(auth: AuthContext): Promise<DevTodoItem[]> {
    const alerts = await this.views.alerts(auth);
    return alerts.map((a) => ({
      source: this.source,
      id: `${a.recordId}:${a.rule}:${a.due}`,
      title: `${a.name}：${a.label}已超期`,
      detail: `${a.branchName}，应于 ${a.due} 前完成`,
      orgId: a.organisationId,
      dueAt: `${a.due}T23:59:59+08:00`,
      overdue: true,
      page: `/packages/develop/pages/detail/index?id=${a.recordId}`,
    }));
  }
}

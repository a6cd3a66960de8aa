import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { TodoItem } from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';
import { DevelopmentViewsService } from './development-views.service.js';

/** Overdue development steps (the scan's open alerts) for whoever manages members of the branch. */
@Injectable()
export class DevelopmentTodos implements TodoProvider, OnModuleInit {
  readonly source = 'development';

  constructor(
    private readonly registry: TodoRegistry,
    private readonly views: DevelopmentViewsService,
  ) {}

  onModuleInit() {
    this.registry.register(this);
  }

  async list(auth: AuthContext): Promise<TodoItem[]> {
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

import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { TodoItem } from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';
import { ElectionsRepository } from './elections.repository.js';

/** E13: a counted election whose current round the caller, a scrutineer, has not signed yet. */
@Injectable()
export class ScrutineerTodos implements TodoProvider, OnModuleInit {
  readonly source = 'scrutineer';
  constructor(
    private readonly registry: TodoRegistry,
    private readonly repo: ElectionsRepository,
  ) {}
  onModuleInit() {
    this.registry.register(this);
  }
  async list(auth: AuthContext): Promise<TodoItem[]> {
    if (!auth.memberId) return [];
    const rows = await this.repo.unsignedCounts(auth.memberId);
    return rows.map((r) => ({
      source: this.source,
      id: r.id,
      title: `监票签字：${r.title}`,
      detail: r.org_name,
      orgId: r.org_id,
      dueAt: null,
      overdue: false,
      page: `/packages/vote/pages/election/index?id=${r.id}`,
    }));
  }
}

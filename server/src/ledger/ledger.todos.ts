import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { TodoItem } from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';
import { OfficersService } from './officers.service.js';

export const visitPage = (enterpriseId: string) => `/packages/ledger/pages/visit-new/index?enterpriseId=${enterpriseId}`;

/** S1: an officer's visits of the current period not made yet, and of past periods missed (overdue). */
@Injectable()
export class LedgerVisitTodos implements TodoProvider, OnModuleInit {
  readonly source = 'enterprise-visits';

  constructor(
    private readonly registry: TodoRegistry,
    private readonly officers: OfficersService,
  ) {}

  onModuleInit() {
    this.registry.register(this);
  }

  async list(auth: AuthContext): Promise<TodoItem[]> {
    return (await this.officers.pendingVisits(auth)).map((p) => ({
      source: this.source,
      id: `${p.enterpriseId}:${p.to}`,
      title: `走访 ${p.name}`,
      detail: p.state === 'overdue' ? `逾期：${p.to} 前应走访一次` : `本期应走访一次，截止 ${p.to}`,
      orgId: null,
      dueAt: `${p.to}T23:59:59+08:00`,
      overdue: p.state === 'overdue',
      page: visitPage(p.enterpriseId),
    }));
  }
}

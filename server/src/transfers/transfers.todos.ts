import { Injectable, type OnModuleInit } from '@nestjs/common';
import { chinaDate, ROLE_PERMISSIONS, type TodoItem } from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';
import { TransfersRepository } from './transfers.repository.js';

/**
 * Transfer steps waiting for the caller's side (T2): the `mine` rows of the transfer queue for the
 * organisations where the caller holds transfer.manage — the same queue the 转接办理 page shows.
 */
@Injectable()
export class TransferTodos implements TodoProvider, OnModuleInit {
  readonly source = 'transfers';
  constructor(
    private readonly registry: TodoRegistry,
    private readonly clock: Clock,
    private readonly repo: TransfersRepository,
  ) {}
  onModuleInit() {
    this.registry.register(this);
  }
  async list(auth: AuthContext): Promise<TodoItem[]> {
    const orgIds = [...new Set(auth.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes('transfer.manage')).map((g) => g.orgId))];
    if (!orgIds.length) return [];
    // Due dates are China calendar dates: compare with China's today, not UTC's (8 hours behind).
    const today = chinaDate(this.clock.now());
    const rows = await this.repo.todoQueue(orgIds);
    return rows.map((r) => ({
      source: this.source,
      id: r.id,
      title: `办理 ${r.member_name} 的组织关系转接`,
      detail: `${r.from_org_name} → ${r.to_org_name}`,
      orgId: r.org_id,
      dueAt: r.due_on ? new Date(`${r.due_on}T23:59:59+08:00`).toISOString() : null,
      overdue: r.due_on !== null && r.due_on < today,
      page: `/packages/transfer/pages/detail/index?id=${r.id}`,
    }));
  }
}

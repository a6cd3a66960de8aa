import { Injectable, type OnModuleInit } from '@nestjs/common';
import { FEE_RELIEF_KIND_LABEL, ROLE_PERMISSIONS, type TodoItem } from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';
import { FeePaymentsRepository } from './fee-payments.repository.js';

/** F7: fee reliefs waiting for a higher organisation's decision — for fee.manage strictly above the relief's organisation. */
@Injectable()
export class FeeReliefTodos implements TodoProvider, OnModuleInit {
  readonly source = 'fee-reliefs';
  constructor(
    private readonly registry: TodoRegistry,
    private readonly payments: FeePaymentsRepository,
  ) {}
  onModuleInit() {
    this.registry.register(this);
  }
  async list(auth: AuthContext): Promise<TodoItem[]> {
    const roots = auth.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes('fee.manage')).map((g) => g.orgPath);
    if (!roots.length) return [];
    const rows = await this.payments.pendingReliefsBelow(roots);
    return rows.map((r) => ({
      source: this.source,
      id: r.id,
      title: `审批 ${r.name} 的党费${FEE_RELIEF_KIND_LABEL[r.kind]}申请`,
      detail: r.org_name,
      orgId: r.org_id,
      dueAt: null,
      overdue: false,
      page: `/packages/fees/pages/bills/index?orgId=${r.org_id}&orgName=${encodeURIComponent(r.org_name)}`,
    }));
  }
}

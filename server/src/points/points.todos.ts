import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { TodoItem } from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';
import { DEDUCTIONS_PAGE } from './points-deduction.workflow.js';
import { PointsDeductionsService } from './points-deductions.service.js';

/** 扣分申请 waiting for an approver (points.approve over the member, not the proposer). */
@Injectable()
export class PointsDeductionTodos implements TodoProvider, OnModuleInit {
  readonly source = 'points-deductions';

  constructor(
    private readonly registry: TodoRegistry,
    private readonly service: PointsDeductionsService,
  ) {}

  onModuleInit() {
    this.registry.register(this);
  }

  async list(auth: AuthContext): Promise<TodoItem[]> {
    return (await this.service.pendingFor(auth)).map((d) => ({
      source: this.source,
      id: d.id,
      title: `审批 ${d.memberName} 的扣分申请（${d.points} 分）`,
      detail: `${d.orgName} · ${d.reason}`,
      orgId: d.orgId,
      dueAt: null,
      overdue: false,
      page: DEDUCTIONS_PAGE,
    }));
  }
}

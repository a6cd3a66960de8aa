import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ROLE_PERMISSIONS, type TodoItem } from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';
import { MeetingPlansRepository } from './meeting-plans.repository.js';
import { planPage } from './meeting-plans.service.js';

/**
 * 年度计划: plans submitted by branches below the organisations where the caller runs meetings (to
 * acknowledge or return), and the caller's own branches' returned plans (to adjust and submit again).
 */
@Injectable()
export class MeetingPlanTodos implements TodoProvider, OnModuleInit {
  readonly source = 'meeting-plans';
  constructor(
    private readonly registry: TodoRegistry,
    private readonly access: AccessService,
    private readonly plans: MeetingPlansRepository,
  ) {}
  onModuleInit() {
    this.registry.register(this);
  }
  async list(auth: AuthContext): Promise<TodoItem[]> {
    const roots = this.access.scopes(auth, 'meeting.manage');
    if (!roots.length) return [];
    // A returned plan waits for the branch itself, not for every committee above that could also edit it.
    const own = auth.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes('meeting.manage')).map((g) => g.orgPath);
    const [submitted, returned] = await Promise.all([this.plans.submittedBelow(roots), this.plans.returnedAt(own)]);
    return [
      ...submitted.map((p) => ({
        source: this.source,
        id: `${p.id}:submitted`,
        title: `审阅 ${p.orgName} ${p.year}年度会议计划`,
        detail: `${p.submittedByName ?? ''} 报送，共 ${p.entryCount} 项`,
        orgId: p.organisationId,
        dueAt: null,
        overdue: false,
        page: planPage(p.id),
      })),
      ...returned.map((p) => ({
        source: this.source,
        id: `${p.id}:returned`,
        title: `修改 ${p.year}年度会议计划（已退回）`,
        detail: `${p.orgName}：${p.returnReason ?? ''}`,
        orgId: p.organisationId,
        dueAt: null,
        overdue: false,
        page: planPage(p.id),
      })),
    ];
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { TodoItem } from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';
import { ReviewCasesRepository } from './review-cases.repository.js';

const KIND_LABEL: Record<string, string> = { no_org_life_6_months: '连续六个月未参加组织生活' };

/** Open review cases (C5, F6, T6/T8) for those who may close them (member.manage on the member's organisation). */
@Injectable()
export class ReviewCaseTodos implements TodoProvider, OnModuleInit {
  readonly source = 'review-cases';
  constructor(
    private readonly registry: TodoRegistry,
    private readonly access: AccessService,
    private readonly cases: ReviewCasesRepository,
  ) {}
  onModuleInit() {
    this.registry.register(this);
  }
  async list(auth: AuthContext): Promise<TodoItem[]> {
    const roots = this.access.scopes(auth, 'member.manage');
    if (!roots.length) return [];
    const rows = await this.cases.openInScope(roots);
    return rows.map((r) => ({
      source: this.source,
      id: r.id,
      title: `处理 ${r.name} 的提醒事项`,
      detail: `${r.org_name} · ${KIND_LABEL[r.kind] ?? '需要跟进'}`,
      orgId: r.org_id,
      dueAt: null,
      overdue: false,
      page: `/packages/meetings/pages/review-cases/index?orgId=${r.org_id}`,
    }));
  }
}

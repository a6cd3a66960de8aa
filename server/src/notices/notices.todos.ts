import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { TodoItem } from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';
import { NoticesRepository } from './notices.repository.js';

/** Notices that need the caller's acknowledgement (回执), until acknowledged, withdrawn or expired. */
@Injectable()
export class NoticeTodos implements TodoProvider, OnModuleInit {
  readonly source = 'notices';
  constructor(
    private readonly registry: TodoRegistry,
    private readonly repo: NoticesRepository,
    private readonly clock: Clock,
  ) {}
  onModuleInit() {
    this.registry.register(this);
  }
  async list(auth: AuthContext): Promise<TodoItem[]> {
    if (!auth.memberId) return [];
    const rows = await this.repo.toAcknowledge(auth.memberId, this.clock.now());
    return rows.map((r) => ({
      source: this.source,
      id: r.id,
      title: `确认通知：${r.title}`,
      detail: r.org_name,
      orgId: r.organisation_id,
      dueAt: r.expires_at?.toISOString() ?? null,
      overdue: false,
      page: `/packages/notices/pages/detail/index?id=${r.id}`,
    }));
  }
}

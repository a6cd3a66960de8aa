import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { TodoItem } from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';
import { requestPage } from './request.workflow.js';
import { RequestsService } from './requests.service.js';

/** Requests waiting for the caller: handlers accept and answer, requesters answer and confirm, committees route and press the overdue. */
@Injectable()
export class RequestTodos implements TodoProvider, OnModuleInit {
  readonly source = 'enterprise-requests';

  constructor(
    private readonly registry: TodoRegistry,
    private readonly service: RequestsService,
  ) {}

  onModuleInit() {
    this.registry.register(this);
  }

  async list(auth: AuthContext): Promise<TodoItem[]> {
    const mine = await this.service.waitingFor(auth);
    const queue = await this.service.committeeQueue(auth);
    const verb: Record<string, string> = { routed: '受理', in_progress: '答复办理', awaiting_info: '补充材料', resolved: '确认并评价' };
    const items: TodoItem[] = mine.map((r) => ({
      source: this.source,
      id: `${r.id}:${r.state}`,
      title: `${verb[r.state] ?? '办理'}诉求「${r.title}」`,
      detail: `${r.number} · ${r.enterprise?.name ?? r.requester.name}`,
      orgId: r.committee.id,
      dueAt: null,
      overdue: r.overdue,
      page: requestPage(r.id),
    }));
    for (const r of queue) {
      if (items.some((i) => i.id.startsWith(r.id))) continue;
      items.push({
        source: this.source,
        id: `${r.id}:committee`,
        title: r.state === 'submitted' ? `分派诉求「${r.title}」` : `督办超期诉求「${r.title}」`,
        detail: `${r.number} · ${r.enterprise?.name ?? r.requester.name}${r.department ? ` · ${r.department.name}` : ''}`,
        orgId: r.committee.id,
        dueAt: null,
        overdue: r.overdue,
        page: requestPage(r.id),
      });
    }
    return items;
  }
}

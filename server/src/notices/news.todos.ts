import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { TodoItem } from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';
import { NewsService } from './news.service.js';

/** 党建动态 submitted by a branch below a committee the caller works for, waiting for review. */
@Injectable()
export class NewsTodos implements TodoProvider, OnModuleInit {
  readonly source = 'news';

  constructor(
    private readonly registry: TodoRegistry,
    private readonly news: NewsService,
  ) {}

  onModuleInit() {
    this.registry.register(this);
  }

  async list(auth: AuthContext): Promise<TodoItem[]> {
    return (await this.news.awaitingReview(auth)).map((n) => ({
      source: this.source,
      id: n.id,
      title: `审核党建动态：${n.title}`,
      detail: `${n.orgName} · ${n.authorName}`,
      orgId: n.organisationId,
      dueAt: null,
      overdue: false,
      page: `/packages/news/pages/detail/index?id=${n.id}`,
    }));
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { TodoItem } from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';
import { NewsService } from './news.service.js';

/** 党建动态 submitted by a branch below a committee the caller works for, waiting for review; comments waiting for a moderator. */
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
    const [review, comments] = await Promise.all([this.news.awaitingReview(auth), this.news.pendingComments(auth)]);
    const moderate = comments.map((c) => ({
      source: this.source,
      id: `comments-${c.news_id}`,
      title: `审核评论：${c.title}`,
      detail: `${c.org_name} · ${c.n} 条评论待审核`,
      orgId: c.organisation_id,
      dueAt: null,
      overdue: false,
      page: `/packages/news/pages/detail/index?id=${c.news_id}`,
    }));
    return [
      ...review.map((n) => ({
        source: this.source,
        id: n.id,
        title: `审核党建动态：${n.title}`,
        detail: `${n.orgName} · ${n.authorName}`,
        orgId: n.organisationId,
        dueAt: null,
        overdue: false,
        page: `/packages/news/pages/detail/index?id=${n.id}`,
      })),
      ...moderate,
    ];
  }
}

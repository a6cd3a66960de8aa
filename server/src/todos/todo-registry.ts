import { Injectable, Logger } from '@nestjs/common';
import type { TodoItem, TodoList } from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import type { TodoProvider } from './todo-provider.js';

/** Items of one source beyond this are cut (the list is a work queue, not an archive). */
const PER_SOURCE_MAX = 100;

/** The providers of every module, asked in parallel; one that fails is reported, never fatal. */
@Injectable()
export class TodoRegistry {
  private readonly logger = new Logger('Todos');
  private readonly providers = new Map<string, TodoProvider>();

  register(p: TodoProvider): void {
    if (this.providers.has(p.source)) throw new Error(`to-do source ${p.source} registered twice`);
    this.providers.set(p.source, p);
  }

  get sources(): string[] {
    return [...this.providers.keys()];
  }

  async collect(auth: AuthContext, source?: string): Promise<TodoList> {
    const chosen = [...this.providers.values()].filter((p) => !source || p.source === source);
    const settled = await Promise.allSettled(chosen.map((p) => p.list(auth)));
    const items: TodoItem[] = [];
    const bySource: Record<string, number> = {};
    const unavailable: string[] = [];
    settled.forEach((r, i) => {
      const p = chosen[i]!;
      if (r.status === 'rejected') {
        this.logger.warn({ err: r.reason as unknown, source: p.source }, 'to-do provider failed');
        unavailable.push(p.source);
        return;
      }
      bySource[p.source] = r.value.length;
      items.push(...r.value.slice(0, PER_SOURCE_MAX));
    });
    // Overdue first, then by due date (undated last), then title: what needs doing first is on top.
    items.sort(
      (a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') || a.title.localeCompare(b.title, 'zh-CN'),
    );
    return { items, total: Object.values(bySource).reduce((s, n) => s + n, 0), bySource, unavailable };
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { TodoItem } from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';
import { PdcaTasksService } from './pdca-tasks.service.js';
import { PdcaService } from './pdca.service.js';
import { PDCA_PAGES } from './pdca.workflow.js';

/**
 * PDCA (K6) in 待办: branches — tasks to submit (or resubmit); scorers — sheets they owe; the committee —
 * submissions to accept or return, and 约谈 to record.
 */
@Injectable()
export class PdcaTodos implements TodoProvider, OnModuleInit {
  readonly source = 'pdca';

  constructor(
    private readonly registry: TodoRegistry,
    private readonly plans: PdcaService,
    private readonly tasks: PdcaTasksService,
  ) {}

  onModuleInit() {
    this.registry.register(this);
  }

  async list(auth: AuthContext): Promise<TodoItem[]> {
    const [submit, score, decide, talks] = await Promise.all([
      this.tasks.toSubmit(auth),
      this.tasks.toScore(auth),
      this.tasks.toDecide(auth),
      this.plans.talks(auth),
    ]);
    const item = (id: string, title: string, detail: string, orgId: string, page: string, dueOn: string | null = null): TodoItem => ({
      source: this.source,
      id,
      title,
      detail,
      orgId,
      dueAt: dueOn ? `${dueOn}T23:59:59+08:00` : null,
      overdue: false,
      page,
    });
    return [
      ...submit.map((t) =>
        item(`submit:${t.id}`, `${t.state === 'returned' ? '重新提交' : '提交'}考评任务：${t.planTitle}`, t.orgName, t.orgId, PDCA_PAGES.task(t.id), t.dueOn),
      ),
      ...score.map((t) => item(`score:${t.id}`, `为 ${t.orgName} 评分`, t.planTitle, t.orgId, PDCA_PAGES.task(t.id))),
      ...decide.map((t) => item(`decide:${t.id}`, `验收 ${t.orgName} 的落实情况`, t.planTitle, t.orgId, PDCA_PAGES.task(t.id))),
      ...talks.map((t) => item(`talk:${t.id}`, `约谈 ${t.orgName} 书记`, `${t.planTitle} · ${t.average} 分`, t.orgId, PDCA_PAGES.talk(t.id))),
    ];
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CORRECTABLE_FIELD_LABEL, type TodoItem } from '@dangjian/shared';
import type { AuthContext } from '../common/auth-context.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';
import { correctionPage } from './member-correction.workflow.js';
import { MemberCorrectionsService } from './member-corrections.service.js';

/** 档案更正 waiting for a decision, for whoever manages the member's branch (member.manage). */
@Injectable()
export class MemberCorrectionTodos implements TodoProvider, OnModuleInit {
  readonly source = 'profile-corrections';

  constructor(
    private readonly registry: TodoRegistry,
    private readonly service: MemberCorrectionsService,
  ) {}

  onModuleInit() {
    this.registry.register(this);
  }

  async list(auth: AuthContext): Promise<TodoItem[]> {
    return (await this.service.pendingFor(auth)).map((c) => ({
      source: this.source,
      id: c.id,
      title: `审核 ${c.memberName} 的档案更正`,
      detail: `${c.orgName} · ${c.changes.map((x) => CORRECTABLE_FIELD_LABEL[x.field]).join('、')}`,
      orgId: c.orgId,
      dueAt: null,
      overdue: false,
      page: correctionPage(c.id),
    }));
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MEETING_TYPE_LABEL, type TodoItem } from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';
import { chinaDateTime } from './meeting.mapper.js';
import { MeetingsRepository } from './meetings.repository.js';

/** Minutes are due this long after a meeting ends (C2: every meeting keeps minutes). */
const MINUTES_DUE_MS = 7 * 24 * 3600_000;

/** 请假审批: pending leave requests of meetings not yet started, where the caller runs meetings (C2). */
@Injectable()
export class LeaveTodos implements TodoProvider, OnModuleInit {
  readonly source = 'leave';
  constructor(
    private readonly registry: TodoRegistry,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly repo: MeetingsRepository,
  ) {}
  onModuleInit() {
    this.registry.register(this);
  }
  async list(auth: AuthContext): Promise<TodoItem[]> {
    const roots = this.access.scopes(auth, 'meeting.manage');
    if (!roots.length) return [];
    const rows = await this.repo.pendingLeaves(roots, this.clock.now());
    return rows.map((r) => ({
      source: this.source,
      id: r.id,
      title: `审批 ${r.name} 的请假`,
      detail: `${r.title} · ${chinaDateTime(r.starts_at)}`,
      orgId: r.org_id,
      dueAt: r.starts_at.toISOString(),
      overdue: false,
      page: `/packages/meetings/pages/detail/index?id=${r.meeting_id}`,
    }));
  }
}

/** 会议记录: meetings that ended without minutes (C2), for whoever runs the organisation's meetings. */
@Injectable()
export class MinutesTodos implements TodoProvider, OnModuleInit {
  readonly source = 'minutes';
  constructor(
    private readonly registry: TodoRegistry,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly repo: MeetingsRepository,
  ) {}
  onModuleInit() {
    this.registry.register(this);
  }
  async list(auth: AuthContext): Promise<TodoItem[]> {
    const roots = this.access.scopes(auth, 'meeting.manage');
    if (!roots.length) return [];
    const now = this.clock.now();
    const rows = await this.repo.endedWithoutMinutes(roots, now);
    return rows.map((r) => {
      const due = new Date(r.ends_at.getTime() + MINUTES_DUE_MS);
      return {
        source: this.source,
        id: r.id,
        title: `补记会议记录：${r.title}`,
        detail: `${r.org_name} · ${MEETING_TYPE_LABEL[r.type]}`,
        orgId: r.org_id,
        dueAt: due.toISOString(),
        overdue: due < now,
        page: `/packages/meetings/pages/minutes/index?id=${r.id}`,
      };
    });
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MEETING_TYPE_LABEL, type MeetingType, type TodoItem } from '@dangjian/shared';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';
import { chinaDateTime } from './meeting.mapper.js';

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
    @InjectDataSource() private readonly db: DataSource,
  ) {}
  onModuleInit() {
    this.registry.register(this);
  }
  async list(auth: AuthContext): Promise<TodoItem[]> {
    const roots = this.access.scopes(auth, 'meeting.manage');
    if (!roots.length) return [];
    const rows: Array<{ id: string; meeting_id: string; title: string; name: string; org_id: string; org_name: string; starts_at: Date }> = await this.db.query(
      `SELECT l.id, mt.id AS meeting_id, mt.title, m.name, o.id AS org_id, o.name AS org_name, mt.starts_at
         FROM meeting_leave l JOIN meeting mt ON mt.id = l.meeting_id JOIN organisation o ON o.id = mt.organisation_id JOIN member m ON m.id = l.member_id
        WHERE l.status = 'pending' AND mt.cancelled_at IS NULL AND mt.starts_at > $2 AND o.path <@ ANY($1::ltree[])
        ORDER BY mt.starts_at LIMIT 100`,
      [roots, this.clock.now()],
    );
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
    @InjectDataSource() private readonly db: DataSource,
  ) {}
  onModuleInit() {
    this.registry.register(this);
  }
  async list(auth: AuthContext): Promise<TodoItem[]> {
    const roots = this.access.scopes(auth, 'meeting.manage');
    if (!roots.length) return [];
    const now = this.clock.now();
    const rows: Array<{ id: string; title: string; type: MeetingType; org_id: string; org_name: string; ends_at: Date }> = await this.db.query(
      `SELECT mt.id, mt.title, mt.type, o.id AS org_id, o.name AS org_name, mt.ends_at
         FROM meeting mt JOIN organisation o ON o.id = mt.organisation_id
        WHERE mt.cancelled_at IS NULL AND mt.ends_at < $2 AND coalesce(btrim(mt.minutes), '') = '' AND o.path <@ ANY($1::ltree[])
        ORDER BY mt.ends_at LIMIT 100`,
      [roots, now],
    );
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

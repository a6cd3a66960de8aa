import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ROLE_PERMISSIONS, type TodoItem } from '@dangjian/shared';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';

/**
 * Transfer steps waiting for the caller's side (T2): the `mine` rows of the transfer queue for the
 * organisations where the caller holds transfer.manage — the same queue the 转接办理 page shows.
 */
@Injectable()
export class TransferTodos implements TodoProvider, OnModuleInit {
  readonly source = 'transfers';
  constructor(
    private readonly registry: TodoRegistry,
    private readonly clock: Clock,
    @InjectDataSource() private readonly db: DataSource,
  ) {}
  onModuleInit() {
    this.registry.register(this);
  }
  async list(auth: AuthContext): Promise<TodoItem[]> {
    const orgIds = [...new Set(auth.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes('transfer.manage')).map((g) => g.orgId))];
    if (!orgIds.length) return [];
    const today = this.clock.now().toISOString().slice(0, 10);
    const rows: Array<{ id: string; member_name: string; from_org_name: string; to_org_name: string; due_on: string | null; org_id: string }> =
      await this.db.query(
        `SELECT DISTINCT ON (t.id) t.id, t.member_name, t.from_org_name, t.to_org_name, q.due_on::text AS due_on, q.org_id
         FROM transfer_queue q JOIN transfer t ON t.id = q.transfer_id
        WHERE q.org_id = ANY($1::uuid[]) AND q.mine ORDER BY t.id LIMIT 100`,
        [orgIds],
      );
    return rows.map((r) => ({
      source: this.source,
      id: r.id,
      title: `办理 ${r.member_name} 的组织关系转接`,
      detail: `${r.from_org_name} → ${r.to_org_name}`,
      orgId: r.org_id,
      dueAt: r.due_on ? new Date(`${r.due_on}T23:59:59+08:00`).toISOString() : null,
      overdue: r.due_on !== null && r.due_on < today,
      page: `/packages/transfer/pages/detail/index?id=${r.id}`,
    }));
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FEE_RELIEF_KIND_LABEL, ROLE_PERMISSIONS, type FeeReliefKind, type TodoItem } from '@dangjian/shared';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';

/** F7: fee reliefs waiting for a higher organisation's decision — for fee.manage strictly above the relief's organisation. */
@Injectable()
export class FeeReliefTodos implements TodoProvider, OnModuleInit {
  readonly source = 'fee-reliefs';
  constructor(
    private readonly registry: TodoRegistry,
    @InjectDataSource() private readonly db: DataSource,
  ) {}
  onModuleInit() {
    this.registry.register(this);
  }
  async list(auth: AuthContext): Promise<TodoItem[]> {
    const roots = auth.grants.filter((g) => ROLE_PERMISSIONS[g.role].includes('fee.manage')).map((g) => g.orgPath);
    if (!roots.length) return [];
    const rows: Array<{ id: string; name: string; org_id: string; org_name: string; kind: FeeReliefKind }> = await this.db.query(
      `SELECT r.id, m.name, o.id AS org_id, o.name AS org_name, r.kind
         FROM fee_relief r JOIN member m ON m.id = r.member_id JOIN organisation o ON o.id = r.organisation_id
        WHERE r.status = 'pending' AND EXISTS (SELECT 1 FROM unnest($1::ltree[]) AS g(p) WHERE o.path <@ g.p AND o.path <> g.p)
        ORDER BY r.created_at LIMIT 100`,
      [roots],
    );
    return rows.map((r) => ({
      source: this.source,
      id: r.id,
      title: `审批 ${r.name} 的党费${FEE_RELIEF_KIND_LABEL[r.kind]}申请`,
      detail: r.org_name,
      orgId: r.org_id,
      dueAt: null,
      overdue: false,
      page: `/packages/fees/pages/bills/index?orgId=${r.org_id}&orgName=${encodeURIComponent(r.org_name)}`,
    }));
  }
}

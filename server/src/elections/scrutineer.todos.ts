import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { TodoItem } from '@dangjian/shared';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import type { TodoProvider } from '../todos/todo-provider.js';
import { TodoRegistry } from '../todos/todo-registry.js';

/** E13: a counted election whose current round the caller, a scrutineer, has not signed yet. */
@Injectable()
export class ScrutineerTodos implements TodoProvider, OnModuleInit {
  readonly source = 'scrutineer';
  constructor(
    private readonly registry: TodoRegistry,
    @InjectDataSource() private readonly db: DataSource,
  ) {}
  onModuleInit() {
    this.registry.register(this);
  }
  async list(auth: AuthContext): Promise<TodoItem[]> {
    if (!auth.memberId) return [];
    const rows: Array<{ id: string; title: string; org_id: string; org_name: string }> = await this.db.query(
      `SELECT e.id, e.title, o.id AS org_id, o.name AS org_name
         FROM election e JOIN election_scrutineer s ON s.election_id = e.id AND s.member_id = $1 JOIN organisation o ON o.id = e.organisation_id
        WHERE e.state = 'counted'
          AND NOT EXISTS (SELECT 1 FROM ballot_box b JOIN ballot_box_signature sg ON sg.box_id = b.id AND sg.member_id = $1
                           WHERE b.election_id = e.id AND b.round_no = (SELECT max(b2.round_no) FROM ballot_box b2 WHERE b2.election_id = e.id))
        ORDER BY e.title LIMIT 50`,
      [auth.memberId],
    );
    return rows.map((r) => ({
      source: this.source,
      id: r.id,
      title: `监票签字：${r.title}`,
      detail: r.org_name,
      orgId: r.org_id,
      dueAt: null,
      overdue: false,
      page: `/packages/vote/pages/election/index?id=${r.id}`,
    }));
  }
}

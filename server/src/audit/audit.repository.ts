import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type AuditRow = {
  id: string;
  at: Date;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  orgId: string | null;
  orgName: string | null;
  details: Record<string, unknown> | null;
  requestId: string | null;
};

export type AuditFilter = {
  /** Subtree roots (ltree paths): entries whose org_path lies under any of them. */
  roots: string[];
  action?: { exact: string } | { prefix: string };
  objectId?: string;
  from?: Date;
  /** Exclusive upper bound. */
  before?: Date;
};

/** Read side of the audit log (the write side is AuditService). */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Newest first; the total is counted up to `cap`. */
  async page(f: AuditFilter, limit: number, offset: number, cap: number): Promise<{ rows: AuditRow[]; total: number; capped: boolean }> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    // One root: the plain GiST condition; several: a bitmap scan per root.
    const conds = [f.roots.length === 1 ? `a.org_path <@ ${p(f.roots[0])}::ltree` : `a.org_path <@ ANY(${p(f.roots)}::ltree[])`];
    if (f.action && 'exact' in f.action) conds.push(`a.action = ${p(f.action.exact)}`);
    if (f.action && 'prefix' in f.action) conds.push(`a.action LIKE ${p(`${f.action.prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
    if (f.objectId) conds.push(`a.object_id = ${p(f.objectId)}`);
    if (f.from) conds.push(`a.at >= ${p(f.from)}`);
    if (f.before) conds.push(`a.at < ${p(f.before)}`);
    const where = conds.join(' AND ');
    const [rows, count]: [AuditRow[], Array<{ n: number }>] = await Promise.all([
      this.db.query(
        `SELECT a.id::text AS id, a.at, a.actor_user_id AS "actorUserId", a.actor_name AS "actorName", a.action,
                a.object_type AS "objectType", a.object_id AS "objectId", o.id AS "orgId", o.name AS "orgName",
                a.details, a.request_id AS "requestId"
           FROM audit_log a LEFT JOIN organisation o ON o.path = a.org_path
          WHERE ${where}
          ORDER BY a.at DESC, a.id DESC LIMIT ${limit} OFFSET ${offset}`,
        params,
      ),
      this.db.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM audit_log a WHERE ${where} LIMIT ${cap + 1}) s`, params),
    ]);
    const n = count[0]?.n ?? 0;
    return { rows, total: Math.min(n, cap), capped: n > cap };
  }
}

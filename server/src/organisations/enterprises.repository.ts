import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Enterprise, OrgRef } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { likePattern } from '../common/sql.js';

const COLUMNS = `e.id, e.name, e.credit_code AS "creditCode", e.industry`;

/** Enterprises (O3): all their SQL. */
@Injectable()
export class EnterprisesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A page of enterprises, by name order; `q` matches part of the name or the whole credit code. */
  async search(p: { q?: string; page: number; pageSize: number }): Promise<{ items: Enterprise[]; total: number }> {
    const params: unknown[] = [];
    let where = 'TRUE';
    if (p.q) {
      params.push(likePattern(p.q), p.q.toUpperCase());
      where = `(e.name ILIKE $1 OR e.credit_code = $2)`;
    }
    const [count]: Array<{ n: number }> = await this.db.query(`SELECT count(*)::int AS n FROM enterprise e WHERE ${where}`, params);
    const items: Enterprise[] = await this.db.query(
      `SELECT ${COLUMNS} FROM enterprise e WHERE ${where} ORDER BY e.name, e.id LIMIT ${p.pageSize} OFFSET ${(p.page - 1) * p.pageSize}`,
      params,
    );
    return { items, total: count?.n ?? 0 };
  }

  /** `lock`: FOR UPDATE, for a change. */
  async find(id: string, o: { manager?: EntityManager; lock?: boolean } = {}): Promise<Enterprise | null> {
    const rows: Enterprise[] = await (o.manager ?? this.db.manager).query(`SELECT ${COLUMNS} FROM enterprise e WHERE e.id = $1${o.lock ? ' FOR UPDATE' : ''}`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  /** The organisations inside `roots` linked to the enterprise. */
  linkedInside(id: string, roots: string[]): Promise<Array<OrgRef & { path: string }>> {
    return this.db.query(
      `SELECT o.id, o.name, o.kind, o.path::text AS path FROM organisation_enterprise oe JOIN organisation o ON o.id = oe.organisation_id
        WHERE oe.enterprise_id = $1 AND o.path <@ ANY($2::ltree[]) ORDER BY o.path`,
      [id, roots],
    );
  }

  /** The paths of every organisation linked to the enterprise. */
  async linkedPaths(manager: EntityManager, id: string): Promise<string[]> {
    const rows: Array<{ path: string }> = await manager.query(
      `SELECT o.path::text AS path FROM organisation_enterprise oe JOIN organisation o ON o.id = oe.organisation_id WHERE oe.enterprise_id = $1`,
      [id],
    );
    return rows.map((r) => r.path);
  }

  async insert(manager: EntityManager, e: { name: string; creditCode: string | null; industry: string | null }): Promise<string> {
    const [row]: Array<{ id: string }> = await manager.query(`INSERT INTO enterprise (name, credit_code, industry) VALUES ($1, $2, $3) RETURNING id`, [
      e.name,
      e.creditCode,
      e.industry,
    ]);
    return row!.id;
  }

  async update(manager: EntityManager, id: string, e: { name: string; creditCode: string | null; industry: string | null }): Promise<void> {
    await manager.query(`UPDATE enterprise SET name = $2, credit_code = $3, industry = $4, updated_at = now() WHERE id = $1`, [
      id,
      e.name,
      e.creditCode,
      e.industry,
    ]);
  }

  /** The enterprises with these names (the oldest of namesakes). */
  byNames(manager: EntityManager, names: string[]): Promise<Array<{ id: string; name: string }>> {
    return manager.query(`SELECT DISTINCT ON (name) id, name FROM enterprise WHERE name = ANY($1) ORDER BY name, created_at`, [names]);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CreateEnterpriseDto, Enterprise, EnterpriseDetail, EnterpriseQuery, OrgRef, Page, UpdateEnterpriseDto } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { OrgErrors } from './organisations.errors.js';
import { likePattern } from '../common/sql.js';

const UNIQUE_VIOLATION = '23505';
const COLUMNS = `e.id, e.name, e.credit_code AS "creditCode", e.industry`;

/**
 * Enterprises (O3): registry data (name, 统一社会信用代码, industry) is public, so anyone who may read
 * some organisation may search them — a secretary has to find an enterprise to link it. Creating
 * one needs `org.manage` somewhere; changing one needs `org.manage` over every organisation linked
 * to it, since they all show it.
 */
@Injectable()
export class EnterprisesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async list(auth: AuthContext, query: EnterpriseQuery): Promise<Page<Enterprise>> {
    this.requireAnywhere(auth, 'org.read');
    const params: unknown[] = [];
    let where = 'TRUE';
    if (query.q) {
      params.push(likePattern(query.q), query.q.toUpperCase());
      where = `(e.name ILIKE $1 OR e.credit_code = $2)`;
    }
    const [count]: Array<{ n: number }> = await this.db.query(`SELECT count(*)::int AS n FROM enterprise e WHERE ${where}`, params);
    const items: Enterprise[] = await this.db.query(
      `SELECT ${COLUMNS} FROM enterprise e WHERE ${where} ORDER BY e.name, e.id LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    );
    return { items, total: count?.n ?? 0, page: query.page, pageSize: query.pageSize };
  }

  async get(auth: AuthContext, id: string): Promise<EnterpriseDetail> {
    this.requireAnywhere(auth, 'org.read');
    const enterprise = await this.find(this.db.manager, id);
    if (!enterprise) throw notFound('企业');
    const roots = this.access.scopes(auth, 'org.read');
    const organisations: Array<OrgRef & { path: string }> = await this.db.query(
      `SELECT o.id, o.name, o.kind, o.path::text AS path FROM organisation_enterprise oe JOIN organisation o ON o.id = oe.organisation_id
        WHERE oe.enterprise_id = $1 AND o.path <@ ANY($2::ltree[]) ORDER BY o.path`,
      [id, roots],
    );
    return { ...enterprise, organisations: organisations.map(({ id: oid, name, kind }) => ({ id: oid, name, kind })) };
  }

  async create(auth: AuthContext, dto: CreateEnterpriseDto): Promise<Enterprise> {
    this.requireAnywhere(auth, 'org.manage');
    return this.uniqueCode(() =>
      this.db.transaction(async (tx) => {
        const [row]: Array<{ id: string }> = await tx.query(`INSERT INTO enterprise (name, credit_code, industry) VALUES ($1, $2, $3) RETURNING id`, [
          dto.name,
          dto.creditCode ?? null,
          dto.industry ?? null,
        ]);
        await this.audit.record(auth, { action: 'enterprise.create', objectType: 'enterprise', objectId: row!.id, details: { ...dto } }, tx);
        return (await this.find(tx, row!.id))!;
      }),
    );
  }

  async update(auth: AuthContext, id: string, dto: UpdateEnterpriseDto): Promise<Enterprise> {
    this.requireAnywhere(auth, 'org.manage');
    return this.uniqueCode(() =>
      this.db.transaction(async (tx) => {
        const before = await this.find(tx, id, true);
        if (!before) throw notFound('企业');
        const linked: Array<{ path: string }> = await tx.query(
          `SELECT o.path::text AS path FROM organisation_enterprise oe JOIN organisation o ON o.id = oe.organisation_id WHERE oe.enterprise_id = $1`,
          [id],
        );
        const roots = this.access.scopes(auth, 'org.manage');
        if (!linked.every((l) => roots.some((r) => isWithin(l.path, r)))) throw forbidden('该企业关联了您管辖范围以外的组织，不能修改');
        const next = {
          name: dto.name ?? before.name,
          creditCode: dto.creditCode === undefined ? before.creditCode : dto.creditCode,
          industry: dto.industry === undefined ? before.industry : dto.industry,
        };
        await tx.query(`UPDATE enterprise SET name = $2, credit_code = $3, industry = $4, updated_at = now() WHERE id = $1`, [
          id,
          next.name,
          next.creditCode,
          next.industry,
        ]);
        await this.audit.record(auth, { action: 'enterprise.update', objectType: 'enterprise', objectId: id, details: { before, after: dto } }, tx);
        return { id, ...next };
      }),
    );
  }

  private requireAnywhere(auth: AuthContext, permission: 'org.read' | 'org.manage') {
    if (this.access.scopes(auth, permission).length === 0) throw forbidden();
  }

  private async find(manager: EntityManager, id: string, lock = false): Promise<Enterprise | null> {
    const rows: Enterprise[] = await manager.query(`SELECT ${COLUMNS} FROM enterprise e WHERE e.id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ?? null;
  }

  private async uniqueCode<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw OrgErrors.creditCodeTaken();
      throw err;
    }
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CreateEnterpriseDto, Enterprise, EnterpriseDetail, EnterpriseQuery, Page, UpdateEnterpriseDto } from '@dangjian/shared';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { OrgErrors } from './organisations.errors.js';
import { EnterprisesRepository } from './enterprises.repository.js';

const UNIQUE_VIOLATION = '23505';

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
    private readonly repo: EnterprisesRepository,
  ) {}

  async list(auth: AuthContext, query: EnterpriseQuery): Promise<Page<Enterprise>> {
    this.requireAnywhere(auth, 'org.read');
    const { items, total } = await this.repo.search(query);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async get(auth: AuthContext, id: string): Promise<EnterpriseDetail> {
    this.requireAnywhere(auth, 'org.read');
    const enterprise = await this.repo.find(id);
    if (!enterprise) throw notFound('企业');
    const roots = this.access.scopes(auth, 'org.read');
    const organisations = await this.repo.linkedInside(id, roots);
    return { ...enterprise, organisations: organisations.map(({ id: oid, name, kind }) => ({ id: oid, name, kind })) };
  }

  async create(auth: AuthContext, dto: CreateEnterpriseDto): Promise<Enterprise> {
    this.requireAnywhere(auth, 'org.manage');
    return this.uniqueCode(() =>
      this.db.transaction(async (tx) => {
        const newId = await this.repo.insert(tx, { name: dto.name, creditCode: dto.creditCode ?? null, industry: dto.industry ?? null });
        await this.audit.record(auth, { action: 'enterprise.create', objectType: 'enterprise', objectId: newId, details: { ...dto } }, tx);
        return (await this.repo.find(newId, { manager: tx }))!;
      }),
    );
  }

  async update(auth: AuthContext, id: string, dto: UpdateEnterpriseDto): Promise<Enterprise> {
    this.requireAnywhere(auth, 'org.manage');
    return this.uniqueCode(() =>
      this.db.transaction(async (tx) => {
        const before = await this.repo.find(id, { manager: tx, lock: true });
        if (!before) throw notFound('企业');
        const linked = await this.repo.linkedPaths(tx, id);
        const roots = this.access.scopes(auth, 'org.manage');
        if (!linked.every((path) => roots.some((r) => isWithin(path, r)))) throw forbidden('该企业关联了您管辖范围以外的组织，不能修改');
        const next = {
          name: dto.name ?? before.name,
          creditCode: dto.creditCode === undefined ? before.creditCode : dto.creditCode,
          industry: dto.industry === undefined ? before.industry : dto.industry,
        };
        await this.repo.update(tx, id, next);
        await this.audit.record(auth, { action: 'enterprise.update', objectType: 'enterprise', objectId: id, details: { before, after: dto } }, tx);
        return { id, ...next };
      }),
    );
  }

  private requireAnywhere(auth: AuthContext, permission: 'org.read' | 'org.manage') {
    if (this.access.scopes(auth, permission).length === 0) throw forbidden();
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

import { Injectable } from '@nestjs/common';
import { AUDIT_COUNT_CAP, type AuditPage, type AuditQuery } from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { forbidden } from '../common/domain-error.js';
import { AuditRepository, type AuditFilter } from './audit.repository.js';

const DAY_MS = 86_400_000;
/** A date filter means a calendar day in China (UTC+8, no daylight saving). */
const chinaDayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);
const isDateOnly = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/** Reading the audit log: entries of the caller's subtree(s) where they hold audit.read. */
@Injectable()
export class AuditReadService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly access: AccessService,
  ) {}

  async list(auth: AuthContext, q: AuditQuery): Promise<AuditPage> {
    let roots: string[];
    if (q.orgId) {
      roots = [await this.access.requireOrg(auth, 'audit.read', q.orgId)];
    } else {
      roots = this.access.scopes(auth, 'audit.read');
      if (roots.length === 0) throw forbidden();
    }
    const filter: AuditFilter = { roots, objectId: q.objectId };
    if (q.action) filter.action = q.action.endsWith('.*') ? { prefix: q.action.slice(0, -1) } : { exact: q.action };
    if (q.from) filter.from = isDateOnly(q.from) ? chinaDayStart(q.from) : new Date(q.from);
    if (q.to) filter.before = isDateOnly(q.to) ? new Date(chinaDayStart(q.to).getTime() + DAY_MS) : new Date(new Date(q.to).getTime() + 1);
    const { rows, total, capped } = await this.repo.page(filter, q.pageSize, (q.page - 1) * q.pageSize, AUDIT_COUNT_CAP);
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        actor: r.actorUserId || r.actorName ? { userId: r.actorUserId, name: r.actorName } : null,
        action: r.action,
        objectType: r.objectType,
        objectId: r.objectId,
        orgId: r.orgId,
        orgName: r.orgName,
        details: r.details,
        requestId: r.requestId,
      })),
      total,
      totalCapped: capped,
      page: q.page,
      pageSize: q.pageSize,
    };
  }
}

import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  orgLifeCutoff,
  REVIEW_CASE_KIND_LABEL,
  ReviewCaseErrorCode,
  ReviewCaseKind,
  type CloseReviewCaseDto,
  type ReviewCase,
  type ReviewCaseListQuery,
  type ReviewCasePage,
  type ReviewScanDto,
  type ReviewScanResult,
} from '@dangjian/shared';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainError, forbidden, notFound } from '../common/domain-error.js';
import { Clock } from '../common/clock.js';
import { ReviewCasesRepository, type ReviewCandidate, type ReviewCaseRow } from './review-cases.repository.js';

export type { ReviewCandidate };

const map = (r: ReviewCaseRow): ReviewCase => ({
  id: r.id,
  kind: r.kind,
  kindLabel: REVIEW_CASE_KIND_LABEL[r.kind] ?? r.kind,
  member: { id: r.memberId, name: r.memberName },
  organisation: { id: r.organisationId, name: r.organisationName },
  openedAt: r.openedAt.toISOString(),
  status: r.status,
  details: r.details,
  closedAt: r.closedAt?.toISOString() ?? null,
  closedBy: r.closedByName,
  closeNote: r.closeNote,
});

/**
 * Review cases (C5 and, later, F6/T6/T8). Scans open cases; people read and close them (member.read
 * to read, member.manage to scan on demand and to close). Nothing is removed automatically (C5).
 */
@Injectable()
export class ReviewCasesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly cases: ReviewCasesRepository,
    private readonly clock: Clock,
  ) {}

  async list(auth: AuthContext, q: ReviewCaseListQuery): Promise<ReviewCasePage> {
    const roots = q.orgId ? [await this.access.requireOrg(auth, 'member.read', q.orgId)] : this.access.scopes(auth, 'member.read');
    if (roots.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const { rows, total } = await this.cases.page({
      roots,
      status: q.status,
      kind: q.kind,
      memberId: q.memberId,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: rows.map(map), total, page: q.page, pageSize: q.pageSize };
  }

  /** On demand, within the caller's subtrees (member.manage). */
  async scan(auth: AuthContext, dto: ReviewScanDto): Promise<ReviewScanResult> {
    const roots = dto.orgId ? [await this.access.requireOrg(auth, 'member.manage', dto.orgId)] : this.access.scopes(auth, 'member.manage');
    if (roots.length === 0) throw forbidden();
    return this.scanC5(roots);
  }

  /** C5 over `roots`, or every member when null (the hourly job). */
  async scanC5(roots: string[] | null): Promise<ReviewScanResult> {
    const now = this.clock.now();
    const cutoff = orgLifeCutoff(now);
    const r = await this.cases.openLapsed({ kind: ReviewCaseKind.NO_ORG_LIFE_6_MONTHS, roots, now, cutoff });
    return { kind: ReviewCaseKind.NO_ORG_LIFE_6_MONTHS, scanned: r.scanned, opened: r.opened, cutoff: cutoff.toISOString() };
  }

  /** Cases other modules' scans open (T6, T8: transfers), for the members they found; the number opened. */
  openCases(kind: string, candidates: ReviewCandidate[], at: Date): Promise<number> {
    return this.cases.openFor(kind, candidates, at);
  }

  async close(auth: AuthContext, id: string, dto: CloseReviewCaseDto): Promise<ReviewCase> {
    const c = await this.cases.find(id);
    if (!c) throw this.access.scopes(auth, 'member.read').length ? notFound('审查事项') : forbidden();
    this.access.assert(auth, 'member.manage', c.orgPath);
    await this.db.transaction(async (tx) => {
      const ok = await this.cases.close(tx, { id, userId: auth.userId, userName: auth.displayName, note: dto.note, at: this.clock.now() });
      if (!ok) throw new DomainError(ReviewCaseErrorCode.NOT_OPEN, HttpStatus.CONFLICT, '该审查事项已关闭');
      await this.audit.record(
        auth,
        {
          action: 'review_case.close',
          objectType: 'review_case',
          objectId: id,
          orgPath: c.orgPath,
          details: { kind: c.kind, memberId: c.memberId, note: dto.note },
        },
        tx,
      );
    });
    return map((await this.cases.find(id))!);
  }
}

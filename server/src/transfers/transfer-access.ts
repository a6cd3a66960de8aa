import { Injectable } from '@nestjs/common';
import type { TransferActor } from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../access/auth-context.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { TransfersRepository, type TransferRecord, type TransferRow } from './transfers.repository.js';

/** The access check of every transfer endpoint and step: who may see a transfer, and as which side they act (T2). */
@Injectable()
export class TransferAccess {
  constructor(
    private readonly repo: TransfersRepository,
    private readonly access: AccessService,
  ) {}

  /** The transfer if the caller may see it: the member, the applicant, or either side with transfer.read. */
  async visible(auth: AuthContext, id: string, em?: EntityManager, lock = false): Promise<TransferRecord> {
    const t = await this.repo.find(id, em, lock);
    if (!t) throw this.access.scopes(auth, 'transfer.read').length || auth.memberId ? notFound('转接') : forbidden();
    if (t.memberId === auth.memberId || t.applicantUserId === auth.userId) return t;
    const paths = [t.fromOrgPath, t.toOrgPath, t.toCommitteePath].filter((p): p is string => Boolean(p));
    if (!paths.some((p) => this.access.can(auth, 'transfer.read', p))) throw forbidden();
    return t;
  }

  /** The roles the caller holds on this transfer (T2: a side acts only for itself). */
  actorsOf(auth: AuthContext, t: TransferRow): TransferActor[] {
    const out: TransferActor[] = [];
    if (auth.memberId && auth.memberId === t.memberId) out.push('member');
    if (t.applicantUserId === auth.userId) out.push('applicant');
    if (t.fromOrgPath && this.access.can(auth, 'transfer.manage', t.fromOrgPath)) out.push('sending_branch');
    if (t.fromCommitteePath && this.access.can(auth, 'transfer.manage', t.fromCommitteePath)) out.push('sending_committee');
    if (t.toCommitteePath && this.access.can(auth, 'transfer.manage', t.toCommitteePath)) out.push('receiving_committee');
    return out;
  }
}

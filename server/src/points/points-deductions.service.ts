import { Injectable } from '@nestjs/common';
import {
  chinaDate,
  DEDUCTION_STATE_LABEL,
  type CreatePointsDeduction,
  type PointsDeduction,
  type PointsDeductionList,
  type PointsDeductionListQuery,
  type RejectPointsDeduction,
} from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { WorkflowEngine } from '../common/workflow.js';
import { PointsDeductionWorkflow } from './points-deduction.workflow.js';
import { PointsErrors } from './points.errors.js';
import { PointsRepository, type DeductionRow } from './points.repository.js';

/** P3 扣分: the branch proposes (points.manage), an approver decides (points.approve, not the proposer). */
@Injectable()
export class PointsDeductionsService {
  constructor(
    private readonly repo: PointsRepository,
    private readonly access: AccessService,
    private readonly engine: WorkflowEngine,
    private readonly wf: PointsDeductionWorkflow,
    private readonly clock: Clock,
  ) {}

  private out(auth: AuthContext, d: DeductionRow): PointsDeduction {
    return {
      id: d.id,
      member: { id: d.memberId, name: d.memberName },
      org: { id: d.orgId, name: d.orgName },
      points: d.points,
      reason: d.reason,
      day: d.day,
      state: d.state,
      stateLabel: DEDUCTION_STATE_LABEL[d.state],
      proposedBy: d.proposerName,
      proposedAt: d.proposedAt.toISOString(),
      decidedBy: d.deciderName,
      decidedAt: d.decidedAt?.toISOString() ?? null,
      rejectReason: d.rejectReason,
      canDecide: this.wf.canDecide(auth, d),
    };
  }

  async propose(auth: AuthContext, dto: CreatePointsDeduction): Promise<PointsDeduction> {
    const path = await this.repo.memberOnRoll(dto.memberId);
    // A member outside the caller's subtree answers like an unknown one.
    if (!path || !this.access.can(auth, 'points.manage', path)) {
      if (path === null && this.access.scopes(auth, 'points.manage').length) throw PointsErrors.memberOffRoll();
      throw forbidden();
    }
    const id = await this.repo.transaction(async (tx) => {
      const newId = await this.repo.insertDeduction(tx, { ...dto, day: dto.day ?? chinaDate(this.clock.now()), proposedBy: auth.userId });
      const saved = (await this.repo.deduction(newId, tx))!;
      await this.engine.record(
        this.wf.definition,
        { tx, auth, subject: saved, action: 'propose', input: undefined, from: 'new', to: 'proposed', now: this.clock.now() },
        'proposed',
        saved,
      );
      return newId;
    });
    return this.get(auth, id);
  }

  async get(auth: AuthContext, id: string): Promise<PointsDeduction> {
    const d = await this.repo.deduction(id);
    if (!d) throw notFound('扣分申请');
    if (!this.access.can(auth, 'points.manage', d.orgPath) && !this.access.can(auth, 'points.approve', d.orgPath)) throw forbidden();
    return this.out(auth, d);
  }

  /** Deductions the caller proposes or decides (points.manage or points.approve subtrees), open first. */
  async list(auth: AuthContext, q: PointsDeductionListQuery): Promise<PointsDeductionList> {
    let roots = [...this.access.scopes(auth, 'points.manage'), ...this.access.scopes(auth, 'points.approve')];
    if (q.orgId) {
      const org = await this.repo.organisation(q.orgId);
      if (!org || !roots.some((r) => org.path === r || org.path.startsWith(`${r}.`))) throw forbidden();
      roots = [org.path];
    }
    if (!roots.length) return { items: [] };
    return { items: (await this.repo.deductions(roots, q.state)).map((d) => this.out(auth, d)) };
  }

  /** Open deductions the caller may decide (the to-do list). */
  async pendingFor(auth: AuthContext): Promise<DeductionRow[]> {
    const roots = this.access.scopes(auth, 'points.approve');
    if (!roots.length) return [];
    return (await this.repo.deductions(roots, 'proposed')).filter((d) => this.wf.canDecide(auth, d));
  }

  async approve(auth: AuthContext, id: string): Promise<PointsDeduction> {
    await this.engine.run(this.wf.definition, { auth, id, action: 'approve', input: undefined });
    return this.get(auth, id);
  }

  async reject(auth: AuthContext, id: string, dto: RejectPointsDeduction): Promise<PointsDeduction> {
    await this.engine.run(this.wf.definition, { auth, id, action: 'reject', input: dto });
    return this.get(auth, id);
  }
}

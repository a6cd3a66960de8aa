import { Injectable } from '@nestjs/common';
import { DEDUCTION_TRANSITIONS, mayApproveDeduction, type DeductionAction, type DeductionMachineState, type RejectPointsDeduction } from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { notFound } from '../common/domain-error.js';
import type { WorkflowDefinition } from '../common/workflow.js';
import { PointsErrors } from './points.errors.js';
import { PointsRepository, type DeductionRow } from './points.repository.js';

type Inputs = { propose: undefined; approve: undefined; reject: RejectPointsDeduction };
type Changes = { by: string; at: Date; rejectReason: string | null };

export const DEDUCTIONS_PAGE = '/packages/points/pages/deductions/index';

/**
 * P3 扣分 on the workflow engine: the branch proposes with a reason (points.manage), an approver —
 * points.approve over the member's organisation, never the proposer — approves (the negative ledger
 * entry is written in the same transaction) or rejects with a reason.
 */
@Injectable()
export class PointsDeductionWorkflow {
  constructor(
    private readonly repo: PointsRepository,
    private readonly access: AccessService,
  ) {}

  canDecide(auth: AuthContext, d: Pick<DeductionRow, 'orgPath' | 'proposedBy' | 'state'>): boolean {
    return d.state === 'proposed' && this.access.can(auth, 'points.approve', d.orgPath) && mayApproveDeduction(d.proposedBy, auth.userId);
  }

  readonly definition: WorkflowDefinition<DeductionRow, DeductionMachineState, DeductionAction, Inputs, Changes> = {
    name: 'points_deduction',
    table: DEDUCTION_TRANSITIONS,
    lock: async (tx, auth, id) => {
      const d = await this.repo.deduction(id, tx, true);
      if (!d) throw notFound('扣分申请');
      this.access.assert(auth, 'points.approve', d.orgPath);
      return d;
    },
    state: (d) => d.state,
    id: (d) => d.id,
    orgPath: (d) => d.orgPath,
    outOfOrder: (ctx) => PointsErrors.deductionOutOfOrder(ctx.from),
    // Four eyes: whoever proposed it cannot decide it, even holding points.approve.
    guards: [
      ({ auth, subject, action }) => {
        if (action !== 'propose' && !mayApproveDeduction(subject.proposedBy, auth.userId)) throw PointsErrors.deductionOwn();
      },
    ],
    actions: {
      // The creating step: the service inserts the row and records it (engine.record).
      propose: {},
      approve: {
        effect: async ({ tx, auth, subject, now }) => {
          await this.repo.insertDeductionEntry(tx, subject);
          return { changes: { by: auth.userId, at: now, rejectReason: null } };
        },
      },
      reject: {
        effect: ({ auth, input, now }) => ({ changes: { by: auth.userId, at: now, rejectReason: input.reason }, audit: { reason: input.reason } }),
      },
    },
    save: async ({ tx, subject }, to, changes) => {
      if (to === 'new' || to === 'proposed' || !changes) throw new Error('a decision sets approved or rejected');
      await this.repo.saveDecision(tx, subject.id, to, changes.by, changes.at, changes.rejectReason);
      return { ...subject, state: to, decidedBy: changes.by, decidedAt: changes.at, rejectReason: changes.rejectReason };
    },
    auditDetails: (_ctx, _to, saved) => ({ memberId: saved.memberId, points: saved.points, reason: saved.reason }),
    notify: (_ctx, to, saved) => {
      if (!saved.proposedBy || to === 'proposed') return [];
      return [
        {
          userIds: [saved.proposedBy],
          kind: `points_deduction.${to}`,
          title: to === 'approved' ? '扣分申请已批准' : '扣分申请未通过',
          body: to === 'approved' ? `${saved.memberName} 扣 ${saved.points} 分：${saved.reason}` : `原因：${saved.rejectReason ?? ''}`,
          link: DEDUCTIONS_PAGE,
        },
      ];
    },
  };
}

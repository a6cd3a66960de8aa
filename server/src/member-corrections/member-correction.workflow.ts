import { Injectable } from '@nestjs/common';
import {
  CORRECTABLE_FIELD_LABEL,
  CORRECTION_TRANSITIONS,
  type CorrectionAction,
  type CorrectionMachineState,
  type ReturnProfileCorrectionDto,
  type UpdateMemberDto,
} from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { notFound } from '../common/domain-error.js';
import { PhoneCipher } from '../common/sensitive-cipher.js';
import type { WorkflowDefinition } from '../common/workflow.js';
import { MembersService } from '../members/members.service.js';
import { CorrectionErrors } from './member-corrections.errors.js';
import { MemberCorrectionsRepository, type CorrectionRow } from './member-corrections.repository.js';

type Inputs = { request: undefined; approve: undefined; return: ReturnProfileCorrectionDto; withdraw: undefined };
type Changes = { by: string | null; at: Date; returnReason: string | null };

/** The page where the member follows their requests (the notification opens it). */
export const CORRECTIONS_PAGE = '/packages/admin/pages/corrections/index';
export const correctionPage = (id: string) => `/packages/admin/pages/correction/index?id=${id}`;
const fieldsText = (c: CorrectionRow) => c.changes.map((x) => CORRECTABLE_FIELD_LABEL[x.field]).join('、');

/**
 * 档案更正 on the workflow engine. Deciding needs member.manage on the member's branch (its secretary, or
 * an org worker of a committee above); withdrawing is the requester's. Approval applies the change
 * through MembersService in the same transaction, so a refused edit (e.g. facts that no longer agree)
 * leaves the request pending and nothing changed.
 */
@Injectable()
export class MemberCorrectionWorkflow {
  constructor(
    private readonly repo: MemberCorrectionsRepository,
    private readonly access: AccessService,
    private readonly members: MembersService,
    private readonly cipher: PhoneCipher,
  ) {}

  /** May `auth` decide requests of a member under `orgPath`? */
  canDecide(auth: AuthContext, orgPath: string): boolean {
    return this.access.can(auth, 'member.manage', orgPath);
  }

  isRequester(auth: AuthContext, c: Pick<CorrectionRow, 'memberId' | 'requestedBy'>): boolean {
    return c.requestedBy === auth.userId || (auth.memberId !== null && auth.memberId === c.memberId);
  }

  /** The change set to apply: the stored values, the phone decrypted (M4: only its ciphertext is kept). */
  private update(c: CorrectionRow): UpdateMemberDto {
    const dto: Record<string, string | null> = {};
    for (const x of c.changes) dto[x.field] = x.field === 'phone' ? this.cipher.open(c.phoneEnc) : x.value;
    return dto;
  }

  readonly definition: WorkflowDefinition<CorrectionRow, CorrectionMachineState, CorrectionAction, Inputs, Changes> = {
    name: 'member_correction',
    table: CORRECTION_TRANSITIONS,
    lock: async (tx, auth, id, action) => {
      const c = await this.repo.find(id, tx, true);
      if (!c) throw notFound('更正申请');
      if (action === 'withdraw') {
        if (!this.isRequester(auth, c)) throw this.canDecide(auth, c.orgPath) ? CorrectionErrors.notYours() : notFound('更正申请');
      } else {
        this.access.assert(auth, 'member.manage', c.orgPath);
      }
      return c;
    },
    state: (c) => c.state,
    id: (c) => c.id,
    orgPath: (c) => c.orgPath,
    outOfOrder: (ctx) => CorrectionErrors.outOfOrder(ctx.from),
    actions: {
      // The creating step: the service inserts the row and records it (engine.record).
      request: {},
      approve: {
        effect: async ({ tx, auth, subject, now }) => {
          await this.members.updateIn(tx, auth, subject.memberId, this.update(subject));
          return { changes: { by: auth.userId, at: now, returnReason: null } };
        },
      },
      return: {
        effect: ({ auth, input, now }) => ({ changes: { by: auth.userId, at: now, returnReason: input.reason }, audit: { reason: input.reason } }),
      },
      withdraw: {
        effect: ({ auth, now }) => ({ changes: { by: auth.userId, at: now, returnReason: null } }),
      },
    },
    save: async ({ tx, subject }, to, changes) => {
      if (to === 'new') throw new Error('a request never goes back to new');
      await this.repo.saveDecision(tx, subject.id, to, changes?.by ?? null, changes?.at ?? null, changes?.returnReason ?? null);
      return { ...subject, state: to, decidedBy: changes?.by ?? null, decidedAt: changes?.at ?? null, returnReason: changes?.returnReason ?? null };
    },
    // Field names only: the values (a phone among them) stay in the request row (M4).
    auditDetails: (_ctx, _to, saved) => ({ memberId: saved.memberId, fields: saved.changes.map((x) => x.field) }),
    notify: (ctx, to, saved) => {
      if (!saved.requestedBy || (to !== 'approved' && to !== 'returned')) return [];
      const approved = to === 'approved';
      return [
        {
          userIds: [saved.requestedBy],
          kind: `member_correction.${ctx.action}`,
          title: approved ? '档案更正已通过' : '档案更正被退回',
          body: approved ? `您申请更正的${fieldsText(saved)}已更新到档案。` : `退回原因：${saved.returnReason ?? ''}`,
          link: correctionPage(saved.id),
        },
      ];
    },
  };
}

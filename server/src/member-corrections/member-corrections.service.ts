import { Injectable } from '@nestjs/common';
import {
  CORRECTABLE_FIELD_LABEL,
  CORRECTABLE_FIELDS,
  CORRECTION_STATE_LABEL,
  correctionValueLabel,
  type CorrectableField,
  type CreateProfileCorrectionDto,
  type Member,
  type ProfileCorrection,
  type ProfileCorrectionList,
  type ProfileCorrectionListQuery,
  type ReturnProfileCorrectionDto,
} from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { notFound } from '../common/domain-error.js';
import { PhoneCipher } from '../common/sensitive-cipher.js';
import { WorkflowEngine } from '../common/workflow.js';
import { enterpriseNotOfBranch } from '../members/members.errors.js';
import { MembersService } from '../members/members.service.js';
import type { StoredCorrectionChange } from './member-correction.entity.js';
import { MemberCorrectionWorkflow } from './member-correction.workflow.js';
import { CorrectionErrors } from './member-corrections.errors.js';
import { MemberCorrectionsRepository, type CorrectionRow } from './member-corrections.repository.js';

const isUniqueViolation = (err: unknown, constraint: string) => {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const d = e.driverError ?? e;
  return d.code === '23505' && d.constraint === constraint;
};

/** The member's current value of a field, as people read it (the phone as masked in their record). */
const currentLabel = (m: Member, f: CorrectableField): string | null =>
  f === 'enterpriseId' ? m.enterpriseName : f === 'phone' ? m.phone : correctionValueLabel(f, m[f] ?? null);

/** 档案更正: the member asks (access: their own record), the branch decides on the workflow engine. */
@Injectable()
export class MemberCorrectionsService {
  constructor(
    private readonly repo: MemberCorrectionsRepository,
    private readonly access: AccessService,
    private readonly members: MembersService,
    private readonly cipher: PhoneCipher,
    private readonly engine: WorkflowEngine,
    private readonly wf: MemberCorrectionWorkflow,
    private readonly clock: Clock,
  ) {}

  /** One open request per member (UQ_member_profile_correction_open); values equal to the record are not asked for. */
  async create(auth: AuthContext, dto: CreateProfileCorrectionDto): Promise<ProfileCorrection> {
    if (!auth.memberId) throw CorrectionErrors.notLinked();
    const memberId = auth.memberId;
    const current = await this.members.me(auth);
    const changes: StoredCorrectionChange[] = [];
    let phoneEnc: string | null = null;
    for (const field of CORRECTABLE_FIELDS) {
      const value = dto.changes[field];
      if (value === undefined) continue;
      const from = currentLabel(current, field);
      let to: string | null;
      if (field === 'phone') {
        // Only the ciphertext of the new number is kept; people see it masked (M4).
        ({ phoneEnc, phoneMasked: to } = this.cipher.seal(value));
      } else if (field === 'enterpriseId') {
        to = value ? await this.repo.branchEnterpriseName(current.orgId, value) : null;
        if (value && to === null) throw enterpriseNotOfBranch();
      } else {
        to = correctionValueLabel(field, value);
      }
      // The masked phone cannot tell one number from another with the same ends: a phone is always asked for.
      if (field !== 'phone' && from === to) continue;
      changes.push({ field, from, to, value: field === 'phone' ? null : value });
    }
    if (!changes.length) throw CorrectionErrors.nothingChanged();
    const id = await this.repo.transaction(async (tx) => {
      let newId: string;
      try {
        newId = await this.repo.insert(tx, { memberId, changes, phoneEnc, note: dto.note, requestedBy: auth.userId });
      } catch (err) {
        if (isUniqueViolation(err, 'UQ_member_profile_correction_open')) throw CorrectionErrors.openExists();
        throw err;
      }
      const saved = (await this.repo.find(newId, tx))!;
      await this.engine.record(
        this.wf.definition,
        { tx, auth, subject: saved, action: 'request', input: undefined, from: 'new', to: 'pending', now: this.clock.now() },
        'pending',
        saved,
      );
      return newId;
    });
    return this.get(auth, id);
  }

  /** The requester, or whoever may decide (member.manage on the member's branch); anyone else: 404 when they manage nothing, else 403. */
  async get(auth: AuthContext, id: string): Promise<ProfileCorrection> {
    const c = await this.repo.find(id);
    if (!c) throw notFound('更正申请');
    if (!this.wf.isRequester(auth, c)) this.access.assert(auth, 'member.manage', c.orgPath);
    return this.view(auth, c);
  }

  async mine(auth: AuthContext): Promise<ProfileCorrectionList> {
    if (!auth.memberId) throw CorrectionErrors.notLinked();
    return { items: (await this.repo.ofMember(auth.memberId)).map((c) => this.view(auth, c)) };
  }

  /** The branch's queue (or another state) under `orgId`, within the caller's member.manage subtrees. */
  async list(auth: AuthContext, q: ProfileCorrectionListQuery): Promise<ProfileCorrectionList> {
    const orgPath = await this.access.requireOrg(auth, 'member.manage', q.orgId);
    return { items: (await this.repo.inSubtrees([orgPath], q.state)).map((c) => this.view(auth, c)) };
  }

  /** Open requests the caller may decide (the to-do provider). */
  async pendingFor(auth: AuthContext): Promise<CorrectionRow[]> {
    return this.repo.inSubtrees(this.access.scopes(auth, 'member.manage'), 'pending');
  }

  async approve(auth: AuthContext, id: string): Promise<ProfileCorrection> {
    await this.engine.run(this.wf.definition, { auth, id, action: 'approve', input: undefined });
    return this.get(auth, id);
  }

  async return(auth: AuthContext, id: string, dto: ReturnProfileCorrectionDto): Promise<ProfileCorrection> {
    await this.engine.run(this.wf.definition, { auth, id, action: 'return', input: dto });
    return this.get(auth, id);
  }

  async withdraw(auth: AuthContext, id: string): Promise<ProfileCorrection> {
    await this.engine.run(this.wf.definition, { auth, id, action: 'withdraw', input: undefined });
    return this.get(auth, id);
  }

  private view(auth: AuthContext, c: CorrectionRow): ProfileCorrection {
    const open = c.state === 'pending';
    return {
      id: c.id,
      memberId: c.memberId,
      memberName: c.memberName,
      orgId: c.orgId,
      orgName: c.orgName,
      state: c.state,
      stateLabel: CORRECTION_STATE_LABEL[c.state],
      changes: c.changes.map((x) => ({ field: x.field, label: CORRECTABLE_FIELD_LABEL[x.field], from: x.from, to: x.to })),
      note: c.note,
      requestedBy: c.requestedBy ? { userId: c.requestedBy, name: c.requesterName ?? '' } : null,
      requestedAt: c.requestedAt.toISOString(),
      decidedBy: c.decidedBy ? { userId: c.decidedBy, name: c.deciderName ?? '' } : null,
      decidedAt: c.decidedAt ? c.decidedAt.toISOString() : null,
      returnReason: c.returnReason,
      canDecide: open && this.wf.canDecide(auth, c.orgPath),
      canWithdraw: open && this.wf.isRequester(auth, c),
    };
  }
}

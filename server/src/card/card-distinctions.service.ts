import { Injectable } from '@nestjs/common';
import { chinaDate, vanguardDutyProblem, type CreateCardDistinction, type MemberDistinctions, type RecordVanguardDuty } from '@dangjian/shared';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { notFound } from '../common/domain-error.js';
import { PointsService } from '../points/points.service.js';
import { CardErrors } from './card.errors.js';
import { CardRepository } from './card.repository.js';

/** A post shows its last duties; older ones stay in the table and in the member's points history. */
const DUTIES_PER_POST = 20;

/**
 * 先锋岗 and honours as the branch keeps them (member.manage over the member), and 先锋岗履职: a duty
 * the post's holder performed, recorded by someone with points.manage over them — never by the holder
 * themself — and credited through the points ledger (P3 `vanguard_duty`, its caps in points_award()).
 * The answer is the member's distinctions only: the secretary never receives the member's card (its
 * private figures and a QR that would verify as the member's).
 */
@Injectable()
export class CardDistinctionsService {
  constructor(
    private readonly repo: CardRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly points: PointsService,
    private readonly clock: Clock,
  ) {}

  async list(auth: AuthContext, memberId: string): Promise<MemberDistinctions> {
    const path = await this.access.requireMember(auth, 'member.read', memberId);
    return this.view(auth, memberId, path);
  }

  async add(auth: AuthContext, dto: CreateCardDistinction): Promise<MemberDistinctions> {
    const path = await this.access.requireMember(auth, 'member.manage', dto.memberId);
    await this.repo.transaction(async (tx) => {
      const id = await this.repo.insertDistinction(tx, dto, auth.userId);
      await this.audit.record(auth, { action: `card.${dto.kind}.add`, objectType: 'member_distinction', objectId: id, orgPath: path, details: { ...dto } }, tx);
    });
    return this.view(auth, dto.memberId, path);
  }

  /** Revokes a post or honour; a post's duties and the points they gave are kept. */
  async remove(auth: AuthContext, id: string): Promise<MemberDistinctions> {
    const d = await this.repo.distinction(id);
    if (!d) throw notFound('荣誉或先锋岗');
    const path = await this.access.requireMember(auth, 'member.manage', d.memberId);
    await this.repo.transaction(async (tx) => {
      if (!(await this.repo.lockDistinction(tx, id))) throw notFound('荣誉或先锋岗');
      await this.repo.deleteDistinction(tx, id);
      await this.audit.record(
        auth,
        { action: `card.${d.kind}.remove`, objectType: 'member_distinction', objectId: id, orgPath: path, details: { title: d.title } },
        tx,
      );
    });
    return this.view(auth, d.memberId, path);
  }

  /** P3 先锋岗履职: one duty, and its points in the same transaction (0 when a cap is reached). */
  async recordDuty(auth: AuthContext, distinctionId: string, dto: RecordVanguardDuty): Promise<MemberDistinctions> {
    const d = await this.repo.distinction(distinctionId);
    if (!d) throw notFound('先锋岗');
    const path = await this.access.requireMember(auth, 'points.manage', d.memberId);
    if (auth.memberId === d.memberId) throw CardErrors.dutyOwn();
    await this.repo.transaction(async (tx) => {
      // Locked: a revocation running at the same time either comes first (404) or waits for the duty.
      const post = await this.repo.lockDistinction(tx, distinctionId);
      if (!post) throw notFound('先锋岗');
      const problem = vanguardDutyProblem(dto.performedOn, post, chinaDate(this.clock.now()));
      if (problem) throw CardErrors.dutyInvalid(problem);
      const dutyId = await this.repo.insertDuty(tx, { post, performedOn: dto.performedOn, note: dto.note, createdBy: auth.userId });
      const points = await this.points.award(tx, post.memberId, 'vanguard_duty', `vanguard:${dutyId}`, dto.performedOn);
      await this.repo.setDutyPoints(tx, dutyId, points);
      await this.audit.record(
        auth,
        { action: 'card.vanguard.duty', objectType: 'member_distinction', objectId: distinctionId, orgPath: path, details: { dutyId, ...dto, points } },
        tx,
      );
    });
    return this.view(auth, d.memberId, path);
  }

  private async view(auth: AuthContext, memberId: string, path: string): Promise<MemberDistinctions> {
    const m = await this.repo.member(memberId);
    if (!m) throw notFound('党员');
    const items = await this.repo.distinctions([memberId]);
    const duties = await this.repo.duties(
      items.filter((d) => d.kind === 'vanguard').map((d) => d.id),
      DUTIES_PER_POST,
    );
    return {
      memberId,
      memberName: m.name,
      orgName: m.orgName,
      canManage: this.access.can(auth, 'member.manage', path),
      canRecordDuty: this.access.can(auth, 'points.manage', path) && auth.memberId !== memberId,
      items: items.map((d) => ({
        id: d.id,
        kind: d.kind,
        title: d.title,
        awardedOn: d.awardedOn,
        duties: duties
          .filter((x) => x.distinctionId === d.id)
          .map((x) => ({ id: x.id, performedOn: x.performedOn, note: x.note, points: x.points, recordedBy: x.recordedBy })),
      })),
    };
  }
}

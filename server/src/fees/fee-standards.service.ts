import { Injectable } from '@nestjs/common';
import {
  addMonths,
  chinaMonth,
  computeMonthlyFee,
  FeeAuditAction,
  FeeRuleError,
  firstBillableMonth,
  monthIndex,
  standardEffectiveMonth,
  yearOfMonth,
  type FeeComputation,
  type FeeInput,
  type FeePolicy,
  type FeeStandard,
  type FeeStandardListQuery,
  type FeeStandardPage,
  type MemberFeeStandards,
  type SetFeeStandardDto,
} from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { notFound } from '../common/domain-error.js';
import { FeePolicyProvider } from './fee-policy.js';
import { mapStandard } from './fee.mappers.js';
import { inputInvalid, monthNotInYear } from './fees.errors.js';
import { FeesRepository, type MemberBrief } from './fees.repository.js';

export type StandardInput = FeeInput & { year: number; effectiveMonth?: string; note?: string | null };

/** Fee standards (F1–F4): category and base per member and year, the fee computed by the shared rules. */
@Injectable()
export class FeeStandardsService {
  constructor(
    private readonly repo: FeesRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly policies: FeePolicyProvider,
  ) {}

  get policy(): FeePolicy {
    return this.policies.policy;
  }

  /** The fee a standard input gives, or FEE_INPUT_INVALID with the rule issues. */
  compute(input: FeeInput): FeeComputation {
    try {
      return computeMonthlyFee(input, this.policy);
    } catch (err) {
      if (err instanceof FeeRuleError) throw inputInvalid(err.issues);
      throw err;
    }
  }

  /**
   * Records (or corrects) a member's standard for a year. F4: with the base fixed for the year it
   * applies from January whenever recorded; with recompute-on-change from the month given (default
   * this month). Unpaid bills it covers follow it; the member's bills are made up to this month.
   */
  async set(auth: AuthContext, memberId: string, dto: SetFeeStandardDto): Promise<FeeStandard> {
    await this.access.requireMember(auth, 'fee.manage', memberId);
    const id = await this.repo.transaction(async (em) => {
      const member = (await this.repo.member(memberId, em))!;
      return this.apply(em, auth, member, {
        category: dto.category,
        baseFen: dto.baseFen ?? null,
        farmerAmountFen: dto.farmerAmountFen ?? null,
        voluntaryMonthlyFen: dto.voluntaryMonthlyFen ?? null,
        year: dto.year,
        effectiveMonth: dto.effectiveMonth,
        note: dto.note ?? null,
      });
    });
    return mapStandard((await this.repo.standardById(id))!);
  }

  /** One standard inside the caller's transaction (also the import's row step). Returns its id. */
  async apply(em: EntityManager, auth: AuthContext, member: MemberBrief, input: StandardInput, audit = true): Promise<string> {
    const computation = this.compute(input);
    const current = chinaMonth();
    const requested = input.effectiveMonth ?? (yearOfMonth(current) === input.year ? current : null);
    if (input.effectiveMonth && yearOfMonth(input.effectiveMonth) !== input.year) throw monthNotInYear();
    const effectiveMonth = standardEffectiveMonth(input.year, requested, this.policy);
    await this.repo.lockMember(member.id, em);
    const standard = {
      memberId: member.id,
      year: input.year,
      effectiveMonth,
      category: input.category,
      baseFen: computation.baseFen,
      farmerAmountFen: input.category === 'farmer' ? (input.farmerAmountFen ?? this.policy.farmerMinFen) : null,
      voluntaryMonthlyFen: computation.voluntaryMonthlyFen,
      standardFen: computation.voluntaryMonthlyFen === null ? computation.monthlyFeeFen : capped(computation),
      monthlyFeeFen: computation.monthlyFeeFen,
      rule: computation.rule,
      computation: { ...computation, policyVersion: this.policy.version } as Record<string, unknown>,
      note: input.note ?? null,
      recordedBy: auth.userId,
      recordedByName: auth.displayName,
    };
    const id = await this.repo.upsertStandard(em, standard);
    const next = await this.repo.nextStandardMonth(em, member.id, effectiveMonth);
    await this.repo.restateUnpaidBills(em, member.id, effectiveMonth, next, standard);
    // Bills up to this month, going back no further than back-payment can reach (F5).
    const from = [firstBillableMonth(member.joinDate, this.policy), effectiveMonth, addMonths(current, -this.policy.backPaymentMaxMonths)].reduce((a, b) =>
      monthIndex(a) >= monthIndex(b) ? a : b,
    );
    const to = next && monthIndex(addMonths(next, -1)) < monthIndex(current) ? addMonths(next, -1) : current;
    if (monthIndex(from) <= monthIndex(to)) {
      await this.repo.generate(em, { memberId: member.id, from, to, firstMonthOffset: this.policy.probationaryFrom === 'admission_month' ? 0 : 1 });
    }
    if (audit) {
      await this.audit.record(
        auth,
        {
          action: FeeAuditAction.STANDARD_SET,
          objectType: 'member',
          objectId: member.id,
          orgPath: member.orgPath,
          details: { year: input.year, effectiveMonth, category: input.category, monthlyFeeFen: computation.monthlyFeeFen, rule: computation.rule },
        },
        em,
      );
    }
    return id;
  }

  async list(auth: AuthContext, q: FeeStandardListQuery): Promise<FeeStandardPage> {
    const orgPath = await this.access.requireOrg(auth, 'fee.read', q.orgId);
    const { rows, total } = await this.repo.standardsPage(orgPath, q.year, q.missing, q.pageSize, (q.page - 1) * q.pageSize);
    return {
      items: rows.map((r) => ({
        member: { id: r.memberId, name: r.memberName, status: r.memberStatus, orgId: r.orgId, orgName: r.orgName },
        standard: r.standard ? mapStandard(r.standard) : null,
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** A member's standards of a year (members read their own: "how my fee was computed"). */
  async ofMember(auth: AuthContext, memberId: string, year: number | undefined): Promise<MemberFeeStandards> {
    await this.access.requireMember(auth, 'fee.read', memberId, true);
    const member = await this.repo.member(memberId);
    if (!member) throw notFound('党员');
    const y = year ?? yearOfMonth(chinaMonth());
    const standards = await this.repo.standardsOfYear(memberId, y);
    const carried = standards.length === 0 ? await this.repo.standardInForce(memberId, `${y}-01`) : null;
    return { memberId, memberName: member.name, year: y, standards: standards.map(mapStandard), carriedOver: carried ? mapStandard(carried) : null };
  }
}

/** The rules' fee without the member's voluntary choice (F4). */
function capped(c: FeeComputation): number {
  return c.capped ? c.capFen : c.computedFen;
}

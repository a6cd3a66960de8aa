import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  chinaDate,
  chinaYear,
  POINTS_RULES,
  PointsActivity,
  ruleVersionProblem,
  type CreatePointsRuleVersion,
  type Leaderboard,
  type LeaderboardQuery,
  type MyPoints,
  type PointsHistory,
  type PointsHistoryQuery,
  type PointsRule,
  type PointsRuleList,
} from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { PointsErrors } from './points.errors.js';
import { PointsRepository, type BoardRow, type RuleRow } from './points.repository.js';

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; driverError?: { code?: string } };
  return (e.driverError ?? e).code === '23505';
};

/**
 * 党员积分 (P3): the one ledger for everything a member does. Awards go through the database function
 * `points_award()`, which takes the rule version in force on the day, holds a per-member-and-year
 * lock in the caller's transaction and never lets an activity pass its daily or yearly cap.
 * Check-in points are awarded by a trigger in the check-in's own transaction.
 */
@Injectable()
export class PointsService implements OnModuleInit {
  constructor(
    private readonly repo: PointsRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Every activity has a rule: the shared defaults become version 1 where none exists (committee versions are kept). */
  async onModuleInit(): Promise<void> {
    await this.repo.ensureRules(
      PointsActivity.options.map((a) => ({
        activity: a,
        points: POINTS_RULES[a].points,
        dailyCap: POINTS_RULES[a].dailyCap,
        yearlyCap: POINTS_RULES[a].yearlyCap ?? null,
      })),
    );
  }

  /**
   * Points given for one source event (0 when a cap is reached or `sourceKey` was already awarded), in
   * the caller's transaction. `day` is the China date the activity counts on. Other modules call this.
   */
  award(tx: EntityManager, memberId: string, activity: PointsActivity, sourceKey: string, day: string): Promise<number> {
    return this.repo.award(tx, { memberId, activity, sourceKey, day });
  }

  private memberId(auth: AuthContext): string {
    if (!auth.memberId) throw PointsErrors.notMember();
    return auth.memberId;
  }

  private today(): string {
    return chinaDate(this.clock.now());
  }

  /** L4's summary for the study page: totals, today per activity against the cap in force, recent study entries. */
  async mine(auth: AuthContext, activities: ReadonlyArray<PointsActivity> = PointsActivity.options): Promise<MyPoints> {
    const memberId = this.memberId(auth);
    const today = this.today();
    const year = chinaYear(this.clock.now());
    const totals = await this.repo.totals(memberId, `${year}-01-01`, `${year}-12-31`);
    const [todayRows, rules, recent] = await Promise.all([
      this.repo.pointsOfDay(memberId, today),
      this.repo.rulesInForce(today),
      this.repo.recent(memberId, activities),
    ]);
    return {
      total: totals.total,
      year,
      yearTotal: totals.yearTotal,
      today: activities.map((a) => ({
        activity: a,
        points: Number(todayRows.find((r) => r.activity === a)?.points ?? 0),
        cap: rules.find((r) => r.activity === a)?.dailyCap ?? POINTS_RULES[a].dailyCap,
      })),
      recent: recent.map((r) => ({ id: r.id, activity: r.activity, points: r.points, day: r.day, createdAt: r.created_at.toISOString() })),
    };
  }

  /** The member's points of a year, each entry with the rule version that gave it (or the deduction's reason). */
  async history(auth: AuthContext, q: PointsHistoryQuery): Promise<PointsHistory> {
    const memberId = this.memberId(auth);
    const year = q.year ?? chinaYear(this.clock.now());
    const rows = await this.repo.history(memberId, `${year}-01-01`, `${year}-12-31`);
    const { yearTotal } = await this.repo.totals(memberId, `${year}-01-01`, `${year}-12-31`);
    const byKind = new Map<string, number>();
    for (const r of rows) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + r.points);
    return {
      year,
      yearTotal,
      byKind: [...byKind].map(([kind, points]) => ({ kind: kind as PointsHistory['byKind'][number]['kind'], points })),
      entries: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        points: r.points,
        day: r.day,
        createdAt: r.createdAt.toISOString(),
        rule:
          r.version === null
            ? null
            : { version: r.version, effectiveFrom: r.effectiveFrom!, points: r.rulePoints!, dailyCap: r.dailyCap!, yearlyCap: r.yearlyCap },
        reason: r.reason,
      })),
    };
  }

  /** A member's points in a year (the card; access checked by the caller). */
  async yearPoints(memberId: string, year: number): Promise<number> {
    return (await this.repo.totals(memberId, `${year}-01-01`, `${year}-12-31`)).yearTotal;
  }

  // ---- Rules ----

  /** The committee at the top of the tree versions the rules (points.approve there). */
  private async canEditRules(auth: AuthContext): Promise<boolean> {
    return (await this.repo.rootPaths()).some((p) => this.access.can(auth, 'points.approve', p));
  }

  private ruleOut(r: RuleRow, today: string, inForce: Set<string>): PointsRule {
    const standing = r.effectiveFrom > today ? 'scheduled' : inForce.has(r.id) ? 'in_force' : 'replaced';
    return { ...r, createdAt: r.createdAt.toISOString(), standing };
  }

  /** Every version of every activity's rule (anyone signed in may read how points are earned). */
  async rules(auth: AuthContext): Promise<PointsRuleList> {
    const today = this.today();
    const [all, inForce] = await Promise.all([this.repo.rules(), this.repo.rulesInForce(today)]);
    const ids = new Set(inForce.map((r) => r.id));
    return { today, canEdit: await this.canEditRules(auth), rules: all.map((r) => this.ruleOut(r, today, ids)) };
  }

  /** P3: a new version of an activity's rule, effective from a day not in the past (entries already given keep their version). */
  async addRuleVersion(auth: AuthContext, dto: CreatePointsRuleVersion): Promise<PointsRuleList> {
    if (!(await this.canEditRules(auth))) throw forbidden('只有党委的积分管理人员可以修改积分规则');
    const problem = ruleVersionProblem({ ...dto, yearlyCap: dto.yearlyCap }, this.today());
    if (problem) throw PointsErrors.ruleInvalid(problem);
    await this.repo.transaction(async (tx) => {
      let id: string;
      try {
        id = await this.repo.insertRuleVersion(tx, dto, auth.userId);
      } catch (err) {
        if (isUniqueViolation(err)) throw PointsErrors.ruleConflict();
        throw err;
      }
      await this.audit.record(auth, { action: 'points.rule.version', objectType: 'points_rule', objectId: id, orgPath: null, details: { ...dto } }, tx);
    });
    return this.rules(auth);
  }

  // ---- Rankings (the study leaderboard generalised) ----

  /** Without an organisation: the member's branch (members), or the nearest committee above it (branches). */
  private async defaultBoardOrg(auth: AuthContext, by: LeaderboardQuery['by']): Promise<string | undefined> {
    if (!auth.memberOrg || by === 'members') return auth.memberOrg?.id;
    return (await this.repo.committeeAbove(auth.memberOrg.path)) ?? auth.memberOrg.id;
  }

  /**
   * Members of an organisation's subtree ranked by the year's points, or the branches below it (total
   * and per-member average). Members see the boards of organisations they belong to; workers those of
   * their points.manage or study.manage subtree.
   */
  async ranking(auth: AuthContext, q: LeaderboardQuery): Promise<Leaderboard> {
    const orgId = q.orgId ?? (await this.defaultBoardOrg(auth, q.by));
    if (!orgId) throw forbidden();
    const org = await this.repo.organisation(orgId);
    if (!org) throw notFound('组织');
    const inside = auth.memberOrg !== null && isWithin(auth.memberOrg.path, org.path);
    if (!inside && !this.access.can(auth, 'points.manage', org.path) && !this.access.can(auth, 'study.manage', org.path)) throw forbidden();
    const year = q.year ?? chinaYear(this.clock.now());
    const [from, to] = [`${year}-01-01`, `${year}-12-31`];
    let rows: BoardRow[];
    let mine: BoardRow | undefined;
    if (q.by === 'members') {
      rows = await this.repo.memberBoard({ orgPath: org.path, from, to, limit: q.limit, memberId: auth.memberId });
      mine = rows.find((r) => r.id === auth.memberId);
      rows = rows.filter((r) => Number(r.rank) <= q.limit);
    } else {
      rows = await this.repo.branchBoard({ orgPath: org.path, from, to });
      mine = auth.memberOrg ? rows.find((r) => r.id === auth.memberOrg!.id) : undefined;
      rows = rows.slice(0, q.limit);
    }
    const map = (r: BoardRow) => ({
      rank: Number(r.rank),
      id: r.id,
      name: r.name,
      points: Number(r.points),
      ...(q.by === 'branches' ? { memberCount: r.member_count ?? 0, averagePoints: Number(r.average ?? 0) } : {}),
    });
    return { org: { id: org.id, name: org.name }, year, by: q.by, rows: rows.map(map), mine: mine ? map(mine) : null };
  }
}

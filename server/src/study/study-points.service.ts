import { Injectable, type OnModuleInit } from '@nestjs/common';
import { chinaDate, chinaYear, POINTS_RULES, PointsActivity, type Leaderboard, type LeaderboardQuery, type MyPoints } from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { StudyAccess } from './study-access.js';
import { StudyProgressRepository, type BoardRow } from './study-progress.repository.js';

/**
 * L4 points: awards go through the database function `study_award_points()` (migration), which
 * holds a per-member-and-day advisory lock in the caller's transaction and never lets an activity
 * pass its daily cap; check-in points are awarded by a trigger in the check-in's own transaction.
 */
@Injectable()
export class StudyPointsService implements OnModuleInit {
  constructor(
    private readonly repo: StudyProgressRepository,
    private readonly access: AccessService,
    private readonly study: StudyAccess,
    private readonly clock: Clock,
  ) {}

  /** The table the database function reads follows the shared rules (one source of truth). */
  async onModuleInit(): Promise<void> {
    await this.repo.syncPointsRules(PointsActivity.options.map((a) => ({ activity: a, points: POINTS_RULES[a].points, dailyCap: POINTS_RULES[a].dailyCap })));
  }

  /** Points given (0 when the cap is reached or the source was already awarded). */
  async award(tx: EntityManager, memberId: string, activity: PointsActivity, sourceKey: string, day: string): Promise<number> {
    return this.repo.awardPoints(tx, { memberId, activity, sourceKey, day });
  }

  async mine(auth: AuthContext): Promise<MyPoints> {
    const memberId = this.study.memberId(auth);
    const now = this.clock.now();
    const today = chinaDate(now);
    const year = chinaYear(now);
    const totals = await this.repo.pointsTotals(memberId, `${year}-01-01`, `${year}-12-31`);
    const todayRows = await this.repo.pointsOfDay(memberId, today);
    const recent = await this.repo.recentPoints(memberId);
    return {
      total: Number(totals?.total ?? 0),
      year,
      yearTotal: Number(totals?.year_total ?? 0),
      today: PointsActivity.options.map((a) => ({
        activity: a,
        points: Number(todayRows.find((r) => r.activity === a)?.points ?? 0),
        cap: POINTS_RULES[a].dailyCap,
      })),
      recent: recent.map((r) => ({ id: r.id, activity: r.activity, points: r.points, day: r.day, createdAt: r.created_at.toISOString() })),
    };
  }

  /** Without an organisation: the member's branch (members), or the nearest committee above it (branches). */
  private async defaultBoardOrg(auth: AuthContext, by: LeaderboardQuery['by']): Promise<string | undefined> {
    if (!auth.memberOrg || by === 'members') return auth.memberOrg?.id;
    return (await this.repo.committeeAbove(auth.memberOrg.path)) ?? auth.memberOrg.id;
  }

  /**
   * Members of an organisation's subtree ranked by the year's points, or the branches below it
   * (total and per-member average). Members see the boards of organisations they belong to;
   * workers those of their study.manage subtree.
   */
  async leaderboard(auth: AuthContext, q: LeaderboardQuery): Promise<Leaderboard> {
    const orgId = q.orgId ?? (await this.defaultBoardOrg(auth, q.by));
    if (!orgId) throw forbidden();
    const org = await this.repo.organisation(orgId);
    if (!org) throw notFound('组织');
    const inside = auth.memberOrg !== null && isWithin(auth.memberOrg.path, org.path);
    if (!inside && !this.access.can(auth, 'study.manage', org.path)) throw forbidden();
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

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { chinaDate, chinaYear, POINTS_RULES, PointsActivity, type Leaderboard, type LeaderboardQuery, type MyPoints } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { StudyAccess } from './study-access.js';

type BoardRow = { id: string; name: string; points: string; rank: string; member_count?: number; average?: string | null };

/**
 * L4 points: awards go through the database function `study_award_points()` (migration), which
 * holds a per-member-and-day advisory lock in the caller's transaction and never lets an activity
 * pass its daily cap; check-in points are awarded by a trigger in the check-in's own transaction.
 */
@Injectable()
export class StudyPointsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly study: StudyAccess,
    private readonly clock: Clock,
  ) {}

  /** The table the database function reads follows the shared rules (one source of truth). */
  async onModuleInit(): Promise<void> {
    const acts = PointsActivity.options;
    await this.db.query(
      `INSERT INTO study_points_rule (activity, points, daily_cap)
       SELECT * FROM unnest($1::text[], $2::int[], $3::int[])
       ON CONFLICT (activity) DO UPDATE SET points = excluded.points, daily_cap = excluded.daily_cap`,
      [acts, acts.map((a) => POINTS_RULES[a].points), acts.map((a) => POINTS_RULES[a].dailyCap)],
    );
  }

  /** Points given (0 when the cap is reached or the source was already awarded). */
  async award(tx: EntityManager, memberId: string, activity: PointsActivity, sourceKey: string, day: string): Promise<number> {
    const [row]: Array<{ given: number }> = await tx.query(`SELECT study_award_points($1, $2, $3, $4) AS given`, [memberId, activity, sourceKey, day]);
    return row?.given ?? 0;
  }

  async mine(auth: AuthContext): Promise<MyPoints> {
    const memberId = this.study.memberId(auth);
    const now = this.clock.now();
    const today = chinaDate(now);
    const year = chinaYear(now);
    const [totals]: Array<{ total: string; year_total: string }> = await this.db.query(
      `SELECT COALESCE(sum(points), 0) AS total, COALESCE(sum(points) FILTER (WHERE day BETWEEN $2 AND $3), 0) AS year_total FROM study_points WHERE member_id = $1`,
      [memberId, `${year}-01-01`, `${year}-12-31`],
    );
    const todayRows: Array<{ activity: PointsActivity; points: string }> = await this.db.query(
      `SELECT activity, sum(points) AS points FROM study_points WHERE member_id = $1 AND day = $2 GROUP BY activity`,
      [memberId, today],
    );
    const recent: Array<{ id: string; activity: PointsActivity; points: number; day: string; created_at: Date }> = await this.db.query(
      `SELECT id, activity, points, day::text AS day, created_at FROM study_points WHERE member_id = $1 ORDER BY created_at DESC LIMIT 20`,
      [memberId],
    );
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
    const [up]: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM organisation WHERE path @> $1::ltree AND path <> $1::ltree AND kind IN ('committee', 'general_branch') ORDER BY nlevel(path) DESC LIMIT 1`,
      [auth.memberOrg.path],
    );
    return up?.id ?? auth.memberOrg.id;
  }

  /**
   * Members of an organisation's subtree ranked by the year's points, or the branches below it
   * (total and per-member average). Members see the boards of organisations they belong to;
   * workers those of their study.manage subtree.
   */
  async leaderboard(auth: AuthContext, q: LeaderboardQuery): Promise<Leaderboard> {
    const orgId = q.orgId ?? (await this.defaultBoardOrg(auth, q.by));
    if (!orgId) throw forbidden();
    const [org]: Array<{ id: string; name: string; path: string }> = await this.db.query(
      `SELECT id, name, path::text AS path FROM organisation WHERE id = $1`,
      [orgId],
    );
    if (!org) throw notFound('组织');
    const inside = auth.memberOrg !== null && isWithin(auth.memberOrg.path, org.path);
    if (!inside && !this.access.can(auth, 'study.manage', org.path)) throw forbidden();
    const year = q.year ?? chinaYear(this.clock.now());
    const [from, to] = [`${year}-01-01`, `${year}-12-31`];
    let rows: BoardRow[];
    let mine: BoardRow | undefined;
    if (q.by === 'members') {
      rows = await this.db.query(
        `WITH t AS (
           SELECT m.id, m.name, COALESCE(sum(p.points), 0) AS points
             FROM member m LEFT JOIN study_points p ON p.member_id = m.id AND p.day BETWEEN $2 AND $3
            WHERE m.org_path <@ $1::ltree AND m.left_at IS NULL GROUP BY m.id, m.name),
         r AS (SELECT *, rank() OVER (ORDER BY points DESC) AS rank FROM t)
         SELECT * FROM r WHERE rank <= $4 OR id = $5 ORDER BY rank, name`,
        [org.path, from, to, q.limit, auth.memberId ?? '00000000-0000-0000-0000-000000000000'],
      );
      mine = rows.find((r) => r.id === auth.memberId);
      rows = rows.filter((r) => Number(r.rank) <= q.limit);
    } else {
      rows = await this.db.query(
        `WITH b AS (SELECT id, name, path FROM organisation WHERE path <@ $1::ltree AND kind = 'branch'),
         t AS (
           SELECT b.id, b.name, count(DISTINCT m.id)::int AS member_count, COALESCE(sum(p.points), 0) AS points
             FROM b LEFT JOIN member m ON m.org_path <@ b.path AND m.left_at IS NULL
             LEFT JOIN study_points p ON p.member_id = m.id AND p.day BETWEEN $2 AND $3
            GROUP BY b.id, b.name)
         SELECT *, round(points::numeric / NULLIF(member_count, 0), 1) AS average, rank() OVER (ORDER BY points DESC) AS rank
           FROM t ORDER BY rank, name`,
        [org.path, from, to],
      );
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

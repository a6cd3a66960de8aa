import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ReviewCaseStatus } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { openReviewCasesSql } from './open-cases.sql.js';

/** A member a scan found due for a case, with what the case records (`details`). */
export type ReviewCandidate = { memberId: string; organisationId: string; orgPath: string; details: Record<string, unknown> };

export type ReviewCaseRow = {
  id: string;
  kind: string;
  memberId: string;
  memberName: string;
  organisationId: string;
  organisationName: string;
  orgPath: string;
  openedAt: Date;
  status: ReviewCaseStatus;
  details: Record<string, unknown>;
  closedAt: Date | null;
  closedByName: string | null;
  closeNote: string | null;
};

const COLS = `rc.id, rc.kind, rc.member_id AS "memberId", mb.name AS "memberName", rc.organisation_id AS "organisationId",
  o.name AS "organisationName", o.path::text AS "orgPath", rc.opened_at AS "openedAt", rc.status, rc.details,
  rc.closed_at AS "closedAt", rc.closed_by_name AS "closedByName", rc.close_note AS "closeNote"`;
const FROM = `FROM review_case rc JOIN member mb ON mb.id = rc.member_id JOIN organisation o ON o.id = rc.organisation_id`;

/** Data access of review cases; scoping reads the organisation's current path. */
@Injectable()
export class ReviewCasesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(id: string, manager: EntityManager = this.db.manager): Promise<ReviewCaseRow | null> {
    const rows: ReviewCaseRow[] = await manager.query(`SELECT ${COLS} ${FROM} WHERE rc.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async page(p: { roots: string[]; status?: string; kind?: string; memberId?: string; limit: number; offset: number }) {
    const params: unknown[] = [p.roots];
    const where = [`o.path <@ ANY($1::ltree[])`];
    for (const [col, v] of [
      ['rc.status', p.status],
      ['rc.kind', p.kind],
      ['rc.member_id', p.memberId],
    ] as const) {
      if (v === undefined) continue;
      params.push(v);
      where.push(`${col} = $${params.length}`);
    }
    const cond = where.join(' AND ');
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n ${FROM} WHERE ${cond}`, params);
    const rows: ReviewCaseRow[] = await this.db.query(
      `SELECT ${COLS} ${FROM} WHERE ${cond} ORDER BY rc.opened_at DESC, rc.id LIMIT ${p.limit} OFFSET ${p.offset}`,
      params,
    );
    return { rows, total: n as number };
  }

  /**
   * C5: opens a case for every member under `roots` (all members when null) whose last attended
   * meeting (confirmed check-in at a held meeting, not of type 'other') — or, if later or none, the
   * time the member came under the record — lies before `cutoff`. The same rule as `lacksOrgLife`
   * in shared/rules, in one statement (openReviewCasesSql: idempotent, audited).
   */
  async openLapsed(p: { kind: string; roots: string[] | null; now: Date; cutoff: Date }): Promise<{ scanned: number; opened: number }> {
    const scope = p.roots ? `mb.org_path <@ ANY($4::ltree[])` : `$4::ltree[] IS NULL`;
    const rows: Array<{ scanned: number; opened: number }> = await this.db.query(
      openReviewCasesSql(
        `last AS (
         SELECT c.member_id, max(m.starts_at) AS last_at
           FROM meeting_checkin c JOIN meeting m ON m.id = c.meeting_id
          WHERE c.status = 'confirmed' AND m.cancelled_at IS NULL AND m.type <> 'other' AND m.starts_at <= $2
          GROUP BY c.member_id),
       cand AS (
         SELECT mb.id, mb.organisation_id, mb.org_path, l.last_at, mb.created_at AS tracked
           FROM member mb LEFT JOIN last l ON l.member_id = mb.id
          WHERE ${scope} AND mb.left_at IS NULL)`,
        {
          openedAt: '$2',
          details: `jsonb_build_object('rule', 'C5', 'lastAttendedAt', last_at, 'trackedSince', tracked, 'cutoff', $3::timestamptz)`,
          where: `greatest(coalesce(last_at, '-infinity'::timestamptz), tracked) < $3`,
        },
      ),
      [p.kind, p.now, p.cutoff, p.roots],
    );
    return rows[0]!;
  }

  /**
   * Opens a case of `kind` for each candidate another module's scan found (T6, T8), with the same
   * statement as every scan (openReviewCasesSql: never twice while one is open, audited). The number opened.
   */
  async openFor(kind: string, candidates: ReviewCandidate[], openedAt: Date): Promise<number> {
    if (candidates.length === 0) return 0;
    const rows: Array<{ opened: number }> = await this.db.query(
      openReviewCasesSql(`cand AS (SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::ltree[], $5::jsonb[]) AS c(id, organisation_id, org_path, details))`, {
        openedAt: '$6',
        details: 'details',
        where: 'TRUE',
      }),
      [
        kind,
        candidates.map((c) => c.memberId),
        candidates.map((c) => c.organisationId),
        candidates.map((c) => c.orgPath),
        candidates.map((c) => JSON.stringify(c.details)),
        openedAt,
      ],
    );
    return rows[0]!.opened;
  }

  /** Open cases of members in `roots`, oldest first (the to-do list). */
  openInScope(roots: string[]): Promise<Array<{ id: string; kind: string; name: string; org_id: string; org_name: string }>> {
    return this.db.query(
      `SELECT c.id, c.kind, m.name, o.id AS org_id, o.name AS org_name
         FROM review_case c JOIN member m ON m.id = c.member_id JOIN organisation o ON o.id = c.organisation_id
        WHERE c.status = 'open' AND o.path <@ ANY($1::ltree[]) ORDER BY c.opened_at LIMIT 100`,
      [roots],
    );
  }

  async close(tx: EntityManager, p: { id: string; userId: string; userName: string; note: string; at: Date }): Promise<boolean> {
    const res = await tx.query(
      `UPDATE review_case SET status = 'closed', closed_at = $5, closed_by = $2, closed_by_name = $3, close_note = $4, updated_at = $5
        WHERE id = $1 AND status = 'open' RETURNING id`,
      [p.id, p.userId, p.userName, p.note, p.at],
    );
    const rows = Array.isArray(res) && Array.isArray(res[0]) ? res[0] : res;
    return (rows as unknown[]).length > 0;
  }
}

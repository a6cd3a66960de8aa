import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { chinaDayEnd, chinaDayStart, type ComplianceMeeting, type MeetingType, type OrgKind } from '@dangjian/shared';
import { DataSource } from 'typeorm';

export type TotalsRow = { meetings: number; expected: number; present: number; onLeave: number };
export type MemberMeetingRow = {
  id: string;
  title: string;
  type: MeetingType;
  orgName: string;
  startsAt: Date;
  endsAt: Date;
  isGuest: boolean;
  absenceReason: string | null;
  checkinStatus: 'confirmed' | 'pending_confirmation' | 'rejected' | null;
  at: Date | null;
  leaveStatus: 'pending' | 'approved' | null;
  leaveReason: string | null;
};
export type BranchRow = { id: string; name: string; kind: OrgKind; fullMemberCount: number };
/** A period in China days (either end open) and a page. */
type Period = { from?: string; to?: string };
type Page = { page: number; pageSize: number };

/** Attendance SQL over held meetings (not cancelled, ended by `$now`): per attendee, present or on approved leave. */
const ATTENDANCE_JOIN = `
  JOIN meeting_attendee a ON a.meeting_id = m.id
  LEFT JOIN meeting_checkin c ON c.meeting_id = a.meeting_id AND c.member_id = a.member_id AND c.status = 'confirmed'
  LEFT JOIN meeting_leave l ON l.meeting_id = a.meeting_id AND l.member_id = a.member_id AND l.status = 'approved'`;
const TOTAL_COLS = `count(DISTINCT m.id)::int AS meetings, count(a.member_id)::int AS expected, count(c.id)::int AS present,
  (count(l.id) FILTER (WHERE c.id IS NULL))::int AS "onLeave"`;

/** Conditions on `m.starts_at` for a period, appended to `where` with their parameters. */
function periodWhere(period: Period, where: string[], params: unknown[]): void {
  if (period.from) {
    params.push(chinaDayStart(period.from));
    where.push(`m.starts_at >= $${params.length}`);
  }
  if (period.to) {
    params.push(chinaDayEnd(period.to));
    where.push(`m.starts_at < $${params.length}`);
  }
}

/** The records and compliance views' reads (C1, C2); the services pass typed filters, never SQL. */
@Injectable()
export class AttendanceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A member's meetings in a period (newest first, one page), the total, and totals over those held by `now`. */
  async ofMember(
    f: { memberId: string; now: Date } & Period & Page,
  ): Promise<{ name: string; sum: TotalsRow | undefined; total: number; rows: MemberMeetingRow[] }> {
    const params: unknown[] = [f.memberId, f.now];
    const where = [`a.member_id = $1`, `m.cancelled_at IS NULL`, `$2::timestamptz IS NOT NULL`];
    periodWhere(f, where, params);
    const cond = where.join(' AND ');
    const [name] = await this.db.query<Array<{ name: string }>>(`SELECT name FROM member WHERE id = $1`, [f.memberId]);
    const [sum] = await this.db.query<TotalsRow[]>(`SELECT ${TOTAL_COLS} FROM meeting m ${ATTENDANCE_JOIN} WHERE ${cond} AND m.ends_at <= $2`, params);
    const [count] = await this.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM meeting m JOIN meeting_attendee a ON a.meeting_id = m.id WHERE ${cond}`,
      params,
    );
    const rows = await this.db.query<MemberMeetingRow[]>(
      `SELECT m.id, m.title, m.type, o.name AS "orgName", m.starts_at AS "startsAt", m.ends_at AS "endsAt", a.is_guest AS "isGuest",
              a.absence_reason AS "absenceReason", c.status AS "checkinStatus", c.at, l.status AS "leaveStatus", l.reason AS "leaveReason"
         FROM meeting m JOIN organisation o ON o.id = m.organisation_id
         JOIN meeting_attendee a ON a.meeting_id = m.id
         LEFT JOIN meeting_checkin c ON c.meeting_id = m.id AND c.member_id = a.member_id
         LEFT JOIN meeting_leave l ON l.meeting_id = m.id AND l.member_id = a.member_id AND l.status IN ('pending', 'approved')
        WHERE ${cond} ORDER BY m.starts_at DESC, m.id LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
      params,
    );
    return { name: name?.name ?? '', sum, total: count?.n ?? 0, rows };
  }

  /** Totals of the meetings held by `now` in an organisation's subtree, and per direct child's subtree. */
  async rate(f: { orgId: string; path: string; now: Date } & Period): Promise<{
    name: string;
    sum: TotalsRow | undefined;
    children: Array<TotalsRow & { orgId: string; name: string; kind: OrgKind }>;
  }> {
    const params: unknown[] = [f.path, f.now];
    const where = [`o.path <@ $1::ltree`, `m.cancelled_at IS NULL`, `m.ends_at <= $2`];
    periodWhere(f, where, params);
    const from = `FROM meeting m JOIN organisation o ON o.id = m.organisation_id ${ATTENDANCE_JOIN} WHERE ${where.join(' AND ')}`;
    const [sum] = await this.db.query<TotalsRow[]>(`SELECT ${TOTAL_COLS} ${from}`, params);
    const [org] = await this.db.query<Array<{ name: string }>>(`SELECT name FROM organisation WHERE id = $1`, [f.orgId]);
    params.push(f.orgId);
    const children = await this.db.query<Array<TotalsRow & { orgId: string; name: string; kind: OrgKind }>>(
      `SELECT ch.id AS "orgId", ch.name, ch.kind, t.meetings, t.expected, t.present, t."onLeave"
         FROM organisation ch
         LEFT JOIN LATERAL (SELECT ${TOTAL_COLS} ${from} AND o.path <@ ch.path) t ON true
        WHERE ch.parent_id = $${params.length} ORDER BY ch.name, ch.id`,
      params,
    );
    return { name: org?.name ?? '', sum, children };
  }

  /** The branches of a subtree by name, one page, and how many there are. */
  async branches(path: string, p: Page): Promise<{ total: number; rows: BranchRow[] }> {
    const [count] = await this.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM organisation WHERE path <@ $1::ltree AND kind = 'branch'`, [
      path,
    ]);
    const rows = await this.db.query<BranchRow[]>(
      `SELECT id, name, kind, full_member_count AS "fullMemberCount" FROM organisation WHERE path <@ $1::ltree AND kind = 'branch'
        ORDER BY name, id LIMIT ${p.pageSize} OFFSET ${(p.page - 1) * p.pageSize}`,
      [path],
    );
    return { total: count?.n ?? 0, rows };
  }

  /** The meetings of these organisations starting in a year (China time), cancelled ones flagged. */
  async meetingsOfYear(orgIds: string[], year: number): Promise<ComplianceMeeting[]> {
    if (!orgIds.length) return [];
    return this.db.query<ComplianceMeeting[]>(
      `SELECT type, organisation_id AS "organisationId", starts_at AS "startsAt", cancelled_at IS NOT NULL AS cancelled
         FROM meeting WHERE organisation_id = ANY($1::uuid[]) AND starts_at >= $2 AND starts_at < $3`,
      [orgIds, chinaDayStart(`${year}-01-01`), chinaDayStart(`${year + 1}-01-01`)],
    );
  }
}

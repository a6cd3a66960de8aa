import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReportReader } from '../common/report-reader.js';

/** A month ('YYYY-MM') and what was billed and paid in it. */
export type FeeMonthRow = { month: string; dueFen: number; paidFen: number };
export type AttendanceMonthRow = { month: string; meetings: number; expected: number; present: number };
export type StudyMonthRow = { month: string; ms: number; learners: number };
export type TodayMeetingRow = { id: string; title: string; organisationName: string; startsAt: Date; endsAt: Date; expected: number; present: number };

/**
 * The console's read-only sums over an organisation's subtree (`path <@ $1`). Each query runs on
 * columns other modules keep indexed: fee_org_month (month, org_path), meeting (organisation_id,
 * starts_at), study_day (member_id, day), member org_path.
 */
@Injectable()
export class ConsoleRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reports: ReportReader,
  ) {}

  async org(orgId: string): Promise<{ name: string; path: string } | null> {
    const [row]: Array<{ name: string; path: string }> = await this.db.query(`SELECT name, path::text AS path FROM organisation WHERE id = $1`, [orgId]);
    return row ?? null;
  }

  /** Bills of the months `from`–`to` ('YYYY-MM'), summed from fee_org_month (kept by triggers on fee_bill). */
  async feeMonths(path: string, from: string, to: string): Promise<FeeMonthRow[]> {
    const rows: Array<{ month: string; due: string; paid: string }> = await this.reports.query(
      `SELECT to_char(month, 'YYYY-MM') AS month, COALESCE(sum(due_fen), 0)::bigint AS due, COALESCE(sum(paid_fen), 0)::bigint AS paid
         FROM fee_org_month
        WHERE org_path <@ $1::ltree AND month BETWEEN ($2 || '-01')::date AND ($3 || '-01')::date
        GROUP BY month`,
      [path, from, to],
    );
    return rows.map((r) => ({ month: r.month, dueFen: Number(r.due), paidFen: Number(r.paid) }));
  }

  /** Meetings held (not cancelled, started in [from, until)) per China month: expected attendees and confirmed check-ins. */
  attendanceMonths(path: string, from: Date, until: Date): Promise<AttendanceMonthRow[]> {
    return this.reports.query(
      `SELECT to_char(m.starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, count(DISTINCT m.id)::int AS meetings,
              count(a.member_id)::int AS expected, count(c.id) FILTER (WHERE c.status = 'confirmed')::int AS present
         FROM meeting m
         JOIN organisation o ON o.id = m.organisation_id
         LEFT JOIN meeting_attendee a ON a.meeting_id = m.id
         LEFT JOIN meeting_checkin c ON c.meeting_id = m.id AND c.member_id = a.member_id
        WHERE o.path <@ $1::ltree AND m.cancelled_at IS NULL AND m.starts_at >= $2 AND m.starts_at < $3
        GROUP BY 1`,
      [path, from, until],
    );
  }

  /** Online study (study_day) and offline training (L1, L2) of the subtree's members per month, months `from`–`to` ('YYYY-MM'). */
  async studyMonths(path: string, from: string, to: string): Promise<StudyMonthRow[]> {
    const rows: Array<{ month: string; ms: string; learners: number }> = await this.reports.query(
      `SELECT month, COALESCE(sum(ms), 0)::bigint AS ms, count(DISTINCT member_id)::int AS learners FROM (
         SELECT to_char(d.day, 'YYYY-MM') AS month, d.member_id, d.credited_ms AS ms
           FROM study_day d JOIN member mb ON mb.id = d.member_id
          WHERE mb.org_path <@ $1::ltree AND d.day >= ($2 || '-01')::date AND d.day < ($3 || '-01')::date + interval '1 month' AND d.credited_ms > 0
         UNION ALL
         SELECT to_char(t.date, 'YYYY-MM'), a.member_id, t.seconds::bigint * 1000
           FROM study_offline_attendee a JOIN study_offline_training t ON t.id = a.training_id JOIN member mb ON mb.id = a.member_id
          WHERE mb.org_path <@ $1::ltree AND t.date >= ($2 || '-01')::date AND t.date < ($3 || '-01')::date + interval '1 month'
       ) x GROUP BY month`,
      [path, from, to],
    );
    return rows.map((r) => ({ month: r.month, ms: Number(r.ms), learners: r.learners }));
  }

  /** Current members and Party organisations (党小组 are not organisations of their own, O8) of the subtree. */
  async counts(path: string): Promise<{ members: number; organisations: number }> {
    const [row]: Array<{ members: number; organisations: number }> = await this.reports.query(
      `SELECT (SELECT count(*) FROM member WHERE org_path <@ $1::ltree AND left_at IS NULL)::int AS members,
              (SELECT count(*) FROM organisation WHERE path <@ $1::ltree AND kind <> 'group')::int AS organisations`,
      [path],
    );
    return row ?? { members: 0, organisations: 0 };
  }

  /** The subtree's meetings starting in [from, until) (one China day), soonest first, with attendance so far. */
  todayMeetings(path: string, from: Date, until: Date, limit: number): Promise<TodayMeetingRow[]> {
    return this.reports.query(
      `SELECT m.id, m.title, o.name AS "organisationName", m.starts_at AS "startsAt", m.ends_at AS "endsAt",
              (SELECT count(*) FROM meeting_attendee a WHERE a.meeting_id = m.id)::int AS expected,
              (SELECT count(*) FROM meeting_checkin c WHERE c.meeting_id = m.id AND c.status = 'confirmed')::int AS present
         FROM meeting m JOIN organisation o ON o.id = m.organisation_id
        WHERE o.path <@ $1::ltree AND m.cancelled_at IS NULL AND m.starts_at >= $2 AND m.starts_at < $3
        ORDER BY m.starts_at, m.id
        LIMIT $4`,
      [path, from, until, limit],
    );
  }
}

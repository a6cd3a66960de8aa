import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type BannerRow = {
  id: string;
  organisation_id: string;
  org_name: string;
  title: string;
  image_file_id: string;
  link: string | null;
  sort: number;
  starts_on: string | null;
  ends_on: string | null;
  active: boolean;
};

/**
 * The home page's reads: banners, and the member's items of today that live in other modules'
 * tables (meetings, elections, fees) — read-only, the one place the home page looks into them.
 */
@Injectable()
export class HomeRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Banners of the organisations on these paths and above, nearest level first. With `activeOn`,
   * only those whose period holds that day; `orgId`/`id` narrow to one organisation or banner.
   */
  banners(paths: string[], f: { today: string; activeOnly: boolean; limit: number; orgId?: string; id?: string }): Promise<BannerRow[]> {
    return this.db.query(
      `SELECT * FROM (
         SELECT b.id, b.organisation_id, o.name AS org_name, b.title, b.image_file_id, b.link, b.sort, b.starts_on::text, b.ends_on::text,
                (b.starts_on IS NULL OR b.starts_on <= $2::date) AND (b.ends_on IS NULL OR b.ends_on >= $2::date) AS active,
                nlevel(o.path) AS level, b.created_at
           FROM home_banner b JOIN organisation o ON o.id = b.organisation_id
          WHERE o.path @> ANY($1::ltree[]) AND ($4::uuid IS NULL OR b.organisation_id = $4) AND ($5::uuid IS NULL OR b.id = $5)) x
        WHERE x.active OR NOT $3::boolean
        ORDER BY x.level, x.sort, x.created_at DESC LIMIT $6`,
      [paths, f.today, f.activeOnly, f.orgId ?? null, f.id ?? null, f.limit],
    );
  }

  /** Meetings the member is expected at that have not ended and start by the end of `day` (China time). */
  meetingsToday(memberId: string, now: Date, day: string): Promise<Array<{ id: string; title: string; place: string; starts_at: Date }>> {
    return this.db.query(
      `SELECT mt.id, mt.title, mt.place, mt.starts_at FROM meeting_attendee a JOIN meeting mt ON mt.id = a.meeting_id
        WHERE a.member_id = $1 AND mt.cancelled_at IS NULL AND mt.ends_at > $2
          AND mt.starts_at < ($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
        ORDER BY mt.starts_at LIMIT 10`,
      [memberId, now, day],
    );
  }

  /** Elections open for voting at a meeting the member is expected at. */
  openVotes(memberId: string): Promise<Array<{ id: string; title: string }>> {
    return this.db.query(
      `SELECT e.id, e.title FROM election e JOIN meeting_attendee a ON a.meeting_id = e.meeting_id AND a.member_id = $1
        WHERE e.state = 'voting_open' ORDER BY e.title LIMIT 10`,
      [memberId],
    );
  }

  /** The member's unpaid fee bill of a month (first day), if any is due. */
  unpaidBills(memberId: string, month: string): Promise<Array<{ id: string; amount_due_fen: number }>> {
    return this.db.query(
      `SELECT id, amount_due_fen::int AS amount_due_fen FROM fee_bill WHERE member_id = $1 AND month = $2::date AND status = 'unpaid' AND amount_due_fen > 0`,
      [memberId, month],
    );
  }

  async bannerPath(id: string): Promise<{ id: string; path: string } | undefined> {
    const [row] = await this.db.query<Array<{ id: string; path: string }>>(
      `SELECT b.id, o.path::text AS path FROM home_banner b JOIN organisation o ON o.id = b.organisation_id WHERE b.id = $1`,
      [id],
    );
    return row;
  }
}

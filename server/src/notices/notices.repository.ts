import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertUnreachable, type CommitteePosition, type NoticeCounts, type NoticeTargetKind, type ReceiptState } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';

/** A notice with what the audience rule needs (the target's current path). */
export type NoticeRow = {
  id: string;
  organisation_id: string;
  org_name: string;
  org_path: string;
  title: string;
  body_html: string;
  target_kind: NoticeTargetKind;
  target_org_id: string;
  target_path: string;
  target_positions: CommitteePosition[];
  pinned: boolean;
  requires_ack: boolean;
  expires_at: Date | null;
  published_at: Date;
  withdrawn_at: Date | null;
  publisher_name: string;
  last_reminded_at: Date | null;
  read_at: Date | null;
  acked_at: Date | null;
};

export type ReceiptRow = { member_id: string; name: string; org_name: string; read_at: Date | null; acked_at: Date | null };

const NOTICE_COLUMNS = `n.id, n.organisation_id, po.name AS org_name, po.path::text AS org_path, n.title, n.body_html, n.target_kind, n.target_org_id,
  t.path::text AS target_path, n.target_positions, n.pinned, n.requires_ack, n.expires_at, n.published_at, n.withdrawn_at, n.publisher_name, n.last_reminded_at`;

/**
 * "Member m is in notice n's audience" (n joined with its target organisation t). One predicate for
 * the member's feed and the single-notice check; ORed branches so each kind uses its own index.
 */
const IN_AUDIENCE = `m.left_at IS NULL AND (
     (n.target_kind = 'subtree' AND m.org_path <@ t.path)
  OR (n.target_kind = 'organisation' AND (m.organisation_id = n.target_org_id OR m.group_id = n.target_org_id))
  OR (n.target_kind = 'roles' AND EXISTS (SELECT 1 FROM committee_position cp JOIN organisation co ON co.id = cp.organisation_id
        WHERE cp.member_id = m.id AND cp.ended_on IS NULL AND cp.position = ANY(n.target_positions) AND co.path <@ t.path))
  OR (n.target_kind = 'members' AND EXISTS (SELECT 1 FROM notice_member nm WHERE nm.notice_id = n.id AND nm.member_id = m.id)))`;

const LIVE = `n.withdrawn_at IS NULL AND (n.expires_at IS NULL OR n.expires_at > $2)`;

/** All SQL of the notices module. */
@Injectable()
export class NoticesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One notice, with the member's receipt when `memberId` is given. */
  async find(id: string, memberId: string | null): Promise<NoticeRow | null> {
    const [row] = await this.db.query<NoticeRow[]>(
      `SELECT ${NOTICE_COLUMNS}, r.read_at, r.acked_at
         FROM notice n JOIN organisation po ON po.id = n.organisation_id JOIN organisation t ON t.id = n.target_org_id
         LEFT JOIN notice_receipt r ON r.notice_id = n.id AND r.member_id = $2
        WHERE n.id = $1`,
      [id, memberId],
    );
    return row ?? null;
  }

  async inAudience(noticeId: string, memberId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM notice n JOIN organisation t ON t.id = n.target_org_id, member m WHERE n.id = $1 AND m.id = $2 AND ${IN_AUDIENCE}`,
      [noticeId, memberId],
    );
    return rows.length > 0;
  }

  /** The member's feed: pinned first, then unread, then newest. */
  async mine(memberId: string, now: Date, opts: { unread?: boolean; limit: number; offset: number }) {
    const filter = opts.unread ? 'AND r.read_at IS NULL' : '';
    const from = `FROM notice n JOIN organisation t ON t.id = n.target_org_id JOIN organisation po ON po.id = n.organisation_id
      JOIN member m ON m.id = $1 LEFT JOIN notice_receipt r ON r.notice_id = n.id AND r.member_id = m.id
      WHERE ${LIVE} AND ${IN_AUDIENCE}`;
    const [rows, [c]] = await Promise.all([
      this.db.query<NoticeRow[]>(
        `SELECT ${NOTICE_COLUMNS}, r.read_at, r.acked_at ${from} ${filter}
          ORDER BY n.pinned DESC, (r.read_at IS NULL) DESC, n.published_at DESC, n.id LIMIT $3 OFFSET $4`,
        [memberId, now, opts.limit, opts.offset],
      ),
      this.db.query<Array<{ total: number; unread: number; to_ack: number }>>(
        `SELECT count(*) FILTER (WHERE ${opts.unread ? 'r.read_at IS NULL' : 'true'})::int AS total,
                count(*) FILTER (WHERE r.read_at IS NULL)::int AS unread,
                count(*) FILTER (WHERE n.requires_ack AND r.acked_at IS NULL)::int AS to_ack ${from}`,
        [memberId, now],
      ),
    ]);
    return { rows, total: c!.total, unread: c!.unread, toAck: c!.to_ack };
  }

  /** Notices waiting for the member's acknowledgement (to-do centre, home page). */
  async toAcknowledge(memberId: string, now: Date): Promise<NoticeRow[]> {
    return this.db.query(
      `SELECT ${NOTICE_COLUMNS}, r.read_at, r.acked_at
         FROM notice n JOIN organisation t ON t.id = n.target_org_id JOIN organisation po ON po.id = n.organisation_id
         JOIN member m ON m.id = $1 LEFT JOIN notice_receipt r ON r.notice_id = n.id AND r.member_id = m.id
        WHERE ${LIVE} AND n.requires_ack AND r.acked_at IS NULL AND ${IN_AUDIENCE}
        ORDER BY n.published_at DESC LIMIT 50`,
      [memberId, now],
    );
  }

  /** What the caller's organisations published (notice.publish roots), newest first. */
  async published(roots: string[], orgId: string | undefined, limit: number, offset: number) {
    const where = `FROM notice n JOIN organisation po ON po.id = n.organisation_id JOIN organisation t ON t.id = n.target_org_id
      WHERE po.path <@ ANY($1::ltree[]) AND ($2::uuid IS NULL OR n.organisation_id = $2)`;
    const [rows, [c]] = await Promise.all([
      this.db.query<NoticeRow[]>(
        `SELECT ${NOTICE_COLUMNS}, NULL::timestamptz AS read_at, NULL::timestamptz AS acked_at ${where} ORDER BY n.published_at DESC, n.id LIMIT $3 OFFSET $4`,
        [roots, orgId ?? null, limit, offset],
      ),
      this.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n ${where}`, [roots, orgId ?? null]),
    ]);
    return { rows, total: c!.n };
  }

  /**
   * The audience as a WHERE clause on member `m` for one loaded notice, per kind, so each uses its
   * own index (GiST on member.org_path for a subtree) and pages in member-id order.
   */
  private audience(n: NoticeRow, params: unknown[]): string {
    switch (n.target_kind) {
      case 'subtree':
        return `m.left_at IS NULL AND m.org_path <@ $${params.push(n.target_path)}::ltree`;
      case 'organisation': {
        const p = params.push(n.target_org_id);
        return `m.left_at IS NULL AND (m.organisation_id = $${p} OR m.group_id = $${p})`;
      }
      case 'roles':
        return `m.left_at IS NULL AND EXISTS (SELECT 1 FROM committee_position cp JOIN organisation co ON co.id = cp.organisation_id
          WHERE cp.member_id = m.id AND cp.ended_on IS NULL AND cp.position = ANY($${params.push(n.target_positions)}::varchar[]) AND co.path <@ $${params.push(n.target_path)}::ltree)`;
      case 'members':
        return `m.left_at IS NULL AND m.id IN (SELECT nm.member_id FROM notice_member nm WHERE nm.notice_id = $${params.push(n.id)})`;
      default:
        return assertUnreachable(n.target_kind, 'target kind');
    }
  }

  /**
   * Counts without touching every member: a subtree's audience is the sum of the per-organisation
   * counters kept by trigger (index-only range scan); read/acked from the notice's own counters (trigger on receipts).
   */
  async counts(n: NoticeRow): Promise<NoticeCounts> {
    let audience: number;
    if (n.target_kind === 'subtree') {
      const [a] = await this.db.query<Array<{ n: number }>>(
        `SELECT COALESCE((SELECT member_count + desc_member_count FROM organisation WHERE path = $1::ltree), 0) AS n`,
        [n.target_path],
      );
      audience = a!.n;
    } else {
      const params: unknown[] = [];
      const [a] = await this.db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM member m WHERE ${this.audience(n, params)}`, params);
      audience = a!.n;
    }
    const [r] = await this.db.query<Array<{ read: number; acked: number }>>(`SELECT read_count AS read, acked_count AS acked FROM notice WHERE id = $1`, [
      n.id,
    ]);
    return { audience, read: r!.read, acked: r!.acked, unread: Math.max(0, audience - r!.read) };
  }

  /** One page of receipts in one state, keyset on member id. */
  async receipts(n: NoticeRow, state: ReceiptState, after: string | null, limit: number): Promise<ReceiptRow[]> {
    const params: unknown[] = [n.id, after ?? '00000000-0000-0000-0000-000000000000', limit];
    const cols = `m.id AS member_id, m.name, o.name AS org_name, r.read_at, r.acked_at`;
    if (state === 'unread') {
      // Anti-join in member-id order, both sides from the keyset position (`r.member_id > $2` lets the
      // receipts' scan start there too): a page stops after `limit` hits whatever the audience's size.
      return this.db.query(
        `SELECT ${cols} FROM member m JOIN organisation o ON o.id = m.organisation_id
           LEFT JOIN notice_receipt r ON r.notice_id = $1 AND r.member_id = m.id AND r.member_id > $2
          WHERE ${this.audience(n, params)} AND m.id > $2 AND r.member_id IS NULL
          ORDER BY m.id LIMIT $3`,
        params,
      );
    }
    const ack = state === 'acked' ? 'r.acked_at IS NOT NULL' : 'r.acked_at IS NULL';
    return this.db.query(
      `SELECT ${cols} FROM notice_receipt r JOIN member m ON m.id = r.member_id JOIN organisation o ON o.id = m.organisation_id
        WHERE r.notice_id = $1 AND ${ack} AND r.member_id > $2 ORDER BY r.member_id LIMIT $3`,
      params,
    );
  }

  /** Every audience member with their receipt, for the .xlsx export (name order). */
  async allReceipts(n: NoticeRow): Promise<ReceiptRow[]> {
    const params: unknown[] = [n.id];
    return this.db.query(
      `SELECT m.id AS member_id, m.name, o.name AS org_name, r.read_at, r.acked_at
         FROM member m JOIN organisation o ON o.id = m.organisation_id LEFT JOIN notice_receipt r ON r.notice_id = $1 AND r.member_id = m.id
        WHERE ${this.audience(n, params)} ORDER BY o.path, m.name, m.id`,
      params,
    );
  }

  /** Locks the notice (reminders are serialised on it) and says when it was last reminded. */
  async lockLastReminded(tx: EntityManager, id: string): Promise<Date | null> {
    const [row] = await tx.query<Array<{ last_reminded_at: Date | null }>>(`SELECT last_reminded_at FROM notice WHERE id = $1 FOR UPDATE`, [id]);
    return row?.last_reminded_at ?? null;
  }

  /** The users (accounts) of audience members who have not read (or, when acknowledgement is required, not acknowledged). */
  async usersToRemind(n: NoticeRow, em: EntityManager): Promise<string[]> {
    const params: unknown[] = [n.id];
    const pending = n.requires_ack ? 'r.acked_at IS NULL' : 'r.member_id IS NULL';
    const rows: Array<{ id: string }> = await em.query(
      `SELECT u.id FROM member m JOIN user_account u ON u.member_id = m.id AND u.disabled_at IS NULL
         LEFT JOIN notice_receipt r ON r.notice_id = $1 AND r.member_id = m.id
        WHERE ${this.audience(n, params)} AND ${pending}`,
      params,
    );
    return rows.map((r) => r.id);
  }

  /** First read writes the receipt; later reads change nothing. */
  async markRead(noticeId: string, memberId: string, at: Date): Promise<void> {
    await this.db.query(`INSERT INTO notice_receipt (notice_id, member_id, read_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [noticeId, memberId, at]);
  }

  /** The first acknowledgement wins (a second tap answers the same time). */
  async acknowledge(noticeId: string, memberId: string, at: Date): Promise<{ read_at: Date; acked_at: Date }> {
    const [row] = await this.db.query<Array<{ read_at: Date; acked_at: Date }>>(
      `INSERT INTO notice_receipt (notice_id, member_id, read_at, acked_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (notice_id, member_id) DO UPDATE SET acked_at = coalesce(notice_receipt.acked_at, greatest(EXCLUDED.acked_at, notice_receipt.read_at))
       RETURNING read_at, acked_at`,
      [noticeId, memberId, at],
    );
    return row!;
  }

  async attachments(noticeId: string): Promise<Array<{ id: string; name: string | null; content_type: string; size_bytes: string | number }>> {
    return this.db.query(
      `SELECT f.id, f.original_name AS name, f.content_type, f.size_bytes FROM notice_attachment a JOIN stored_file f ON f.id = a.file_id
        WHERE a.notice_id = $1 ORDER BY a.position`,
      [noticeId],
    );
  }

  /** Uploaded notice files and the paths of the organisations they belong to. */
  async files(ids: string[]): Promise<Array<{ file_id: string; path: string; content_type: string }>> {
    if (ids.length === 0) return [];
    return this.db.query(
      `SELECT nf.file_id, o.path::text AS path, f.content_type FROM notice_file nf JOIN organisation o ON o.id = nf.organisation_id JOIN stored_file f ON f.id = nf.file_id
        WHERE nf.file_id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** Named members that are on the roll inside `root`. */
  async membersWithin(ids: string[], root: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(`SELECT id FROM member WHERE id = ANY($1::uuid[]) AND left_at IS NULL AND org_path <@ $2::ltree`, [
      ids,
      root,
    ]);
    return rows.map((r) => r.id);
  }

  async orgPaths(ids: string[]): Promise<Map<string, { path: string; name: string; kind: string }>> {
    const rows: Array<{ id: string; path: string; name: string; kind: string }> = await this.db.query(
      `SELECT id, path::text AS path, name, kind FROM organisation WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }
}

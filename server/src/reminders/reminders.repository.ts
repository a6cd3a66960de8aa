import { Injectable } from '@nestjs/common';
import type { ReminderKind } from '@dangjian/shared';
import type { EntityManager } from 'typeorm';

export type Recipient = { memberId: string; userId: string };
export type Arrears = { memberId: string; months: number; oldest: string; fen: number };

/** The SQL of reminders: who is reachable, who was reminded today, what a member owes. */
@Injectable()
export class RemindersRepository {
  /** Members among `ids` whose relationship is outside the subtree at `orgPath` (a 党小组 counts as inside its branch). */
  async outsideSubtree(em: EntityManager, orgPath: string, ids: readonly string[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await em.query(
      `SELECT x.id FROM unnest($2::uuid[]) AS x(id)
        WHERE NOT EXISTS (SELECT 1 FROM member m LEFT JOIN organisation g ON g.id = m.group_id
                           WHERE m.id = x.id AND (m.org_path <@ $1::ltree OR g.path <@ $1::ltree))`,
      [orgPath, ids],
    );
    return rows.map((r) => r.id);
  }

  /** Serialises reminders of one kind in one organisation, so a double tap cannot send twice. */
  async lock(em: EntityManager, kind: ReminderKind, orgId: string): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`reminder:${kind}:${orgId}`]);
  }

  /** The members' enabled accounts. */
  async recipients(em: EntityManager, memberIds: readonly string[]): Promise<Recipient[]> {
    return em.query(`SELECT member_id AS "memberId", id AS "userId" FROM user_account WHERE member_id = ANY($1::uuid[]) AND disabled_at IS NULL`, [memberIds]);
  }

  /** Users who already got a notification of `kind` since Beijing midnight. */
  async remindedToday(em: EntityManager, kind: ReminderKind, userIds: readonly string[]): Promise<Set<string>> {
    const rows: Array<{ id: string }> = await em.query(
      `SELECT DISTINCT recipient_user_id AS id FROM notification
        WHERE recipient_user_id = ANY($1::uuid[]) AND kind = $2
          AND created_at >= (date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')`,
      [userIds, kind],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Unpaid bills per member: how many months, the oldest, the total. */
  async arrears(em: EntityManager, memberIds: readonly string[]): Promise<Map<string, Arrears>> {
    const rows: Array<{ memberId: string; months: number; oldest: string; fen: string }> = await em.query(
      `SELECT member_id AS "memberId", count(*)::int AS months, to_char(min(month), 'YYYY-MM') AS oldest, sum(amount_due_fen)::text AS fen
         FROM fee_bill WHERE member_id = ANY($1::uuid[]) AND status = 'unpaid' AND amount_due_fen > 0 GROUP BY member_id`,
      [memberIds],
    );
    return new Map(rows.map((r) => [r.memberId, { ...r, fen: Number(r.fen) }]));
  }
}

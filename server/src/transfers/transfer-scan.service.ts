import { Injectable } from '@nestjs/common';
import { addMonthsToDate, chinaToday, ReviewCaseKind, type TransferScanResult } from '@dangjian/shared';
import { Clock } from '../common/clock.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { openReviewCasesSql } from '../review-cases/open-cases.sql.js';
import { OPEN_TRANSFER_SQL, TRANSFER_MANAGING_ROLES, TransfersRepository } from './transfers.repository.js';
import { transferLink } from './transfer.workflow.js';

const BATCH = 200;

/**
 * The T6/T8 scan (by the job every TRANSFER_SCAN_INTERVAL_S and on demand). Idempotent: an overdue
 * deadline alerts once (`alerted_due_on`), a review case is opened once per kind and member (the
 * review_case partial unique index). Nothing is closed or decided automatically.
 */
@Injectable()
export class TransferScanService {
  constructor(
    private readonly repo: TransfersRepository,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  async scan(roots: string[] | null): Promise<TransferScanResult> {
    const now = this.clock.now();
    const today = chinaToday(now);
    const out: TransferScanResult = { scanned: 0, letterExpiredAlerts: 0, acceptanceOverdueAlerts: 0, transitCases: 0, lostContactCases: 0 };
    const scope = roots ? `(t.from_org_path <@ $2::ltree[] OR t.to_org_path <@ $2::ltree[])` : `$2::ltree[] IS NULL`;

    // T6 alerts: a letter past its validity, an acceptance without receipt/report after a month — both sides.
    for (;;) {
      const handled = await this.repo.transaction(async (em) => {
        const rows: Array<{
          id: string;
          state: string;
          member_id: string;
          member_name: string;
          from_committee_path: string | null;
          to_committee_path: string | null;
          due_on: string;
        }> = await em.query(
          `SELECT t.id, t.state, t.member_id, t.member_name, t.from_committee_path::text, t.to_committee_path::text, to_char(t.due_on, 'YYYY-MM-DD') AS due_on
             FROM transfer t WHERE ${OPEN_TRANSFER_SQL} AND t.due_on < $1::date AND t.alerted_due_on IS DISTINCT FROM t.due_on AND ${scope}
            LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [today, roots],
        );
        for (const r of rows) {
          const users = new Set<string>();
          for (const p of [r.from_committee_path, r.to_committee_path])
            if (p) for (const u of await this.repo.actorsAt(em, p, TRANSFER_MANAGING_ROLES)) users.add(u);
          for (const u of await this.repo.usersOfMember(em, r.member_id)) users.add(u);
          const letter = r.state === 'letter_issued';
          await this.notifications.notify(em, [...users], {
            kind: letter ? 'transfer.letter_expired' : 'transfer.acceptance_overdue',
            title: letter ? '介绍信已过有效期' : '转接接收后逾期未报到',
            body: letter
              ? `${r.member_name}的介绍信已于 ${r.due_on} 过期仍未被接收，请转出、接收双方跟进`
              : `${r.member_name}的组织关系已接收一个月仍未报到或回执，请跟进`,
            link: transferLink(r.id),
          });
          await em.query(`UPDATE transfer SET alerted_due_on = due_on WHERE id = $1`, [r.id]);
          if (letter) out.letterExpiredAlerts++;
          else out.acceptanceOverdueAlerts++;
        }
        return rows.length;
      });
      if (handled < BATCH) break;
    }

    const cutoff = addMonthsToDate(today, -6);
    const memberScope = roots ? `mb.org_path <@ $3::ltree[]` : `$3::ltree[] IS NULL`;
    // T6: in transit (an open transfer) with more than six months without organisational life.
    const [transit] = await this.repo.db.query(
      openReviewCasesSql(
        `cand AS (
         SELECT mb.id, mb.organisation_id, mb.org_path, t.id AS transfer_id,
                (SELECT max(m.starts_at) FROM meeting_checkin c JOIN meeting m ON m.id = c.meeting_id
                  WHERE c.member_id = mb.id AND c.status = 'confirmed' AND m.cancelled_at IS NULL) AS last_at, t.created_at AS since
           FROM transfer t JOIN member mb ON mb.id = t.member_id WHERE ${OPEN_TRANSFER_SQL} AND ${memberScope})`,
        {
          openedAt: '$4',
          details: `jsonb_build_object('rule', 'T6', 'transferId', transfer_id, 'lastAttendedAt', last_at, 'inTransitSince', since)`,
          where: `greatest(coalesce(last_at, '-infinity'::timestamptz), since) < $2::date`,
        },
      ),
      [ReviewCaseKind.TRANSFER_NO_ORG_LIFE, cutoff, roots, now],
    );
    // T8: lost contact for six months or more → 停止党籍 review.
    const [lost] = await this.repo.db.query(
      openReviewCasesSql(
        `cand AS (
         SELECT mb.id, mb.organisation_id, mb.org_path,
                coalesce((SELECT max(c.changed_at) FROM member_status_change c
                           WHERE c.member_id = mb.id AND c.field = 'flag:lost_contact' AND c.to_value = 'true'), mb.created_at) AS since
           FROM member mb WHERE 'lost_contact' = ANY(mb.flags) AND mb.left_at IS NULL AND ${memberScope})`,
        { openedAt: '$4', details: `jsonb_build_object('rule', 'T8', 'lostContactSince', since)`, where: `since <= $2::date` },
      ),
      [ReviewCaseKind.LOST_CONTACT_6_MONTHS, cutoff, roots, now],
    );
    out.scanned = transit.scanned + lost.scanned;
    out.transitCases = transit.opened;
    out.lostContactCases = lost.opened;
    return out;
  }
}

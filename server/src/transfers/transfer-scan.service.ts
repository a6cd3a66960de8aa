import { Injectable } from '@nestjs/common';
import { addMonthsToDate, chinaToday, ReviewCaseKind, type TransferScanResult } from '@dangjian/shared';
import { Clock } from '../common/clock.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { ReviewCasesService } from '../review-cases/review-cases.service.js';
import { TRANSFER_MANAGING_ROLES, TransfersRepository, type ScanCandidate } from './transfers.repository.js';
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
    private readonly reviewCases: ReviewCasesService,
    private readonly clock: Clock,
  ) {}

  async scan(roots: string[] | null): Promise<TransferScanResult> {
    const now = this.clock.now();
    const today = chinaToday(now);
    const out: TransferScanResult = { scanned: 0, letterExpiredAlerts: 0, acceptanceOverdueAlerts: 0, transitCases: 0, lostContactCases: 0 };

    // T6 alerts: a letter past its validity, an acceptance without receipt/report after a month — both sides.
    for (;;) {
      const handled = await this.repo.transaction(async (em) => {
        const rows = await this.repo.dueAlerts(em, { today, roots, limit: BATCH });
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
          await this.repo.markAlerted(em, r.id);
          if (letter) out.letterExpiredAlerts++;
          else out.acceptanceOverdueAlerts++;
        }
        return rows.length;
      });
      if (handled < BATCH) break;
    }

    const cutoff = addMonthsToDate(today, -6);
    // T6: in transit (an open transfer) with more than six months without organisational life.
    const transit = await this.repo.inTransit({ cutoff, roots });
    // T8: lost contact for six months or more → 停止党籍 review.
    const lost = await this.repo.lostContact({ cutoff, roots });
    const due = (cands: ScanCandidate[]) => cands.filter((c) => c.due).map(({ due: _, ...c }) => c);
    out.scanned = transit.length + lost.length;
    out.transitCases = await this.reviewCases.openCases(ReviewCaseKind.TRANSFER_NO_ORG_LIFE, due(transit), now);
    out.lostContactCases = await this.reviewCases.openCases(ReviewCaseKind.LOST_CONTACT_6_MONTHS, due(lost), now);
    return out;
  }
}

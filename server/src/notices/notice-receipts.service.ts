import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RECEIPT_STATE_LABEL, type NoticeReceiptPage, type NoticeReceiptQuery, type ReceiptState } from '@dangjian/shared';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { forbidden } from '../common/domain-error.js';
import { chinaDateTime } from '../meetings/meeting.mapper.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { NoticeEntity } from './notice.entities.js';
import { NoticeErrors } from './notices.errors.js';
import { NoticesRepository, type ReceiptRow } from './notices.repository.js';
import { NoticesService } from './notices.service.js';
import { loadExcelJs } from '../common/lazy-modules.js';

/** A second reminder within this many minutes is refused: members are not spammed by double taps. */
export const REMIND_INTERVAL_MIN = 10;

const stateOf = (r: ReceiptRow): ReceiptState => (r.acked_at ? 'acked' : r.read_at ? 'read' : 'unread');

/** Publishers' side of a notice: who read / acknowledged / not yet, reminders, the .xlsx export. */
@Injectable()
export class NoticeReceiptsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notices: NoticesService,
    private readonly repo: NoticesRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private async managed(auth: AuthContext, id: string) {
    const n = await this.notices.load(auth, id);
    if (!n.canManage) throw forbidden('只有发布组织的负责同志可以查看回执');
    return n.row;
  }

  async page(auth: AuthContext, id: string, q: NoticeReceiptQuery): Promise<NoticeReceiptPage> {
    const row = await this.managed(auth, id);
    const [rows, counts] = await Promise.all([this.repo.receipts(row, q.state, q.after ?? null, q.limit + 1), this.repo.counts(row)]);
    const items = rows.slice(0, q.limit);
    return {
      items: items.map((r) => ({
        memberId: r.member_id,
        name: r.name,
        orgName: r.org_name,
        state: stateOf(r),
        readAt: r.read_at?.toISOString() ?? null,
        ackedAt: r.acked_at?.toISOString() ?? null,
      })),
      next: rows.length > q.limit ? items[items.length - 1]!.member_id : null,
      counts,
    };
  }

  /**
   * Reminds those who have not read (or, for a notice that needs a receipt, not acknowledged): an
   * in-app notification and, through the outbox, a WeChat subscribe message — written in one
   * transaction with the reminder time, so a second tap inside the interval is refused.
   */
  async remind(auth: AuthContext, id: string): Promise<{ reminded: number }> {
    const row = await this.managed(auth, id);
    if (row.withdrawn_at) throw NoticeErrors.withdrawn();
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const last = await this.repo.lockLastReminded(tx, id);
      if (last && now.getTime() - last.getTime() < REMIND_INTERVAL_MIN * 60_000) throw NoticeErrors.remindTooSoon(REMIND_INTERVAL_MIN);
      const users = await this.repo.usersToRemind(row, tx);
      const reminded = await this.notifications.notify(tx, users, {
        kind: 'notice.remind',
        title: row.requires_ack ? `请确认通知：${row.title}`.slice(0, 100) : `请阅读通知：${row.title}`.slice(0, 100),
        body: `${row.org_name}发布的通知${row.requires_ack ? '需要您阅读后确认回执' : '您尚未阅读'}`,
        link: `/packages/notices/pages/detail/index?id=${id}`,
      });
      await tx.update(NoticeEntity, { id }, { lastRemindedAt: now });
      await this.audit.record(auth, { action: 'notice.remind', objectType: 'notice', objectId: id, orgPath: row.org_path, details: { reminded } }, tx);
      return { reminded };
    });
  }

  /** 回执名单 as .xlsx: every audience member with read and acknowledgement times. */
  async export(auth: AuthContext, id: string): Promise<{ data: Buffer; fileName: string }> {
    const row = await this.managed(auth, id);
    const [rows, counts] = await Promise.all([this.repo.allReceipts(row), this.repo.counts(row)]);
    const wb = new (await loadExcelJs()).Workbook();
    wb.creator = '智慧党建';
    const ws = wb.addWorksheet('回执名单');
    ws.columns = [{ width: 6 }, { width: 12 }, { width: 28 }, { width: 10 }, { width: 20 }, { width: 20 }];
    ws.mergeCells('A1:F1');
    ws.getCell('A1').value = `${row.title} 回执名单`;
    ws.getCell('A1').font = { size: 14, bold: true };
    ws.mergeCells('A2:F2');
    ws.getCell('A2').value =
      `${row.org_name} 发布于 ${chinaDateTime(row.published_at)}　应读 ${counts.audience} 人，已读 ${counts.read} 人，已确认 ${counts.acked} 人，未读 ${counts.unread} 人`;
    ws.addRow(['序号', '姓名', '所在组织', '状态', '阅读时间', '确认时间']).font = { bold: true };
    rows.forEach((r, i) =>
      ws.addRow([
        i + 1,
        r.name,
        r.org_name,
        RECEIPT_STATE_LABEL[stateOf(r)],
        r.read_at ? chinaDateTime(r.read_at) : '',
        r.acked_at ? chinaDateTime(r.acked_at) : '',
      ]),
    );
    await this.audit.record(auth, { action: 'notice.export', objectType: 'notice', objectId: id, orgPath: row.org_path, details: { rows: rows.length } });
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    return { data, fileName: `${row.title.slice(0, 40)}-回执名单.xlsx` };
  }
}

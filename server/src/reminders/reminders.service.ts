import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { REMINDER_KIND_LABEL, chinaYear, formatMonthCn, formatYuan, type ReminderResult, type SendRemindersDto } from '@dangjian/shared';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { forbidden } from '../common/domain-error.js';
import { NotificationsService, type NotificationDraft } from '../notifications/notifications.service.js';
import { RemindersRepository, type Arrears } from './reminders.repository.js';

const FEES_LINK = '/packages/fees/pages/index/index';
const STUDY_LINK = '/pages/study/index';

const feeDraft = (a: Arrears): NotificationDraft => ({
  kind: 'fee_arrears',
  title: REMINDER_KIND_LABEL.fee_arrears,
  body: `您有 ${a.months} 个月党费未交纳（${formatMonthCn(a.oldest)}起，共 ${formatYuan(a.fen)} 元），请及时交纳。`,
  link: FEES_LINK,
});

const studyDraft = (year: number): NotificationDraft => ({
  kind: 'study_hours',
  title: REMINDER_KIND_LABEL.study_hours,
  body: `您 ${year} 年的学习学时尚未达到要求，请抓紧完成学习任务。`,
  link: STUDY_LINK,
});

/**
 * 催缴 and 提醒: the secretary picks members (the arrears list, the members behind in study) and each
 * reachable one gets an inbox message and, with WeChat, a subscribe message through the outbox — in one
 * transaction with the audit entry; a member already reminded of the same today is not reminded again.
 */
@Injectable()
export class RemindersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly repo: RemindersRepository,
  ) {}

  async send(auth: AuthContext, dto: SendRemindersDto): Promise<ReminderResult> {
    const permission = dto.kind === 'fee_arrears' ? 'fee.manage' : 'study.manage';
    const orgPath = await this.access.requireOrg(auth, permission, dto.orgId);
    const memberIds = [...new Set(dto.memberIds)];
    return this.db.transaction(async (em) => {
      if ((await this.repo.outsideSubtree(em, orgPath, memberIds)).length) throw forbidden();
      await this.repo.lock(em, dto.kind, dto.orgId);
      const recipients = await this.repo.recipients(em, memberIds);
      const already = await this.repo.remindedToday(
        em,
        dto.kind,
        recipients.map((r) => r.userId),
      );
      const arrears = dto.kind === 'fee_arrears' ? await this.repo.arrears(em, memberIds) : new Map<string, Arrears>();
      const year = dto.year ?? chinaYear(new Date());
      let sent = 0;
      const remindedMembers = new Set<string>();
      const alreadyMembers = new Set<string>();
      for (const r of recipients) {
        if (already.has(r.userId)) {
          alreadyMembers.add(r.memberId);
          continue;
        }
        const owed = arrears.get(r.memberId);
        if (dto.kind === 'fee_arrears' && !owed) continue;
        const draft = dto.kind === 'fee_arrears' ? feeDraft(owed!) : studyDraft(year);
        sent += await this.notifications.notify(em, [r.userId], draft);
        remindedMembers.add(r.memberId);
      }
      await this.audit.record(
        auth,
        { action: `reminder.${dto.kind}`, objectType: 'organisation', objectId: dto.orgId, orgPath, details: { members: [...remindedMembers], sent } },
        em,
      );
      const reminded = remindedMembers.size;
      const alreadyToday = [...alreadyMembers].filter((m) => !remindedMembers.has(m)).length;
      return { sent: reminded, alreadyToday, skipped: memberIds.length - reminded - alreadyToday };
    });
  }
}

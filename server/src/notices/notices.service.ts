import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  assertUnreachable,
  NOTICE_TARGET_LABEL,
  ROLE_LABEL,
  type CreateNoticeDto,
  type NoticeDetail,
  type NoticeListQuery,
  type NoticePage,
  type NoticeSummary,
  type NoticeTarget,
} from '@dangjian/shared';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { NoticeFiles, noticeImageIds, sanitizeNoticeHtml } from './notice-files.js';
import { NoticeAttachmentEntity, NoticeEntity, NoticeMemberEntity } from './notice.entities.js';
import { NoticeErrors } from './notices.errors.js';
import { NoticesRepository, type NoticeRow } from './notices.repository.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const toSummary = (r: NoticeRow): NoticeSummary => ({
  id: r.id,
  title: r.title,
  organisationId: r.organisation_id,
  orgName: r.org_name,
  publishedAt: r.published_at.toISOString(),
  publisherName: r.publisher_name,
  pinned: r.pinned,
  requiresAck: r.requires_ack,
  expiresAt: iso(r.expires_at),
  withdrawn: r.withdrawn_at !== null,
  readAt: iso(r.read_at),
  ackedAt: iso(r.acked_at),
});

/**
 * 通知公告: publish to a rule-defined audience (no per-member rows), the member's feed, reading
 * (marks read) and the one-tap acknowledgement. Receipts, reminders and the export are in
 * NoticeReceiptsService.
 */
@Injectable()
export class NoticesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly repo: NoticesRepository,
    private readonly files: NoticeFiles,
  ) {}

  async publish(auth: AuthContext, dto: CreateNoticeDto): Promise<NoticeDetail> {
    const orgPath = await this.access.requireOrg(auth, 'notice.publish', dto.organisationId);
    const orgs = await this.repo.orgPaths([dto.target.organisationId]);
    const target = orgs.get(dto.target.organisationId);
    if (!target || !isWithin(target.path, orgPath)) throw NoticeErrors.targetOutside();
    const now = this.clock.now();
    if (dto.expiresAt && new Date(dto.expiresAt) <= now) throw NoticeErrors.expiresInPast();
    let memberIds: string[] = [];
    if (dto.target.kind === 'members') {
      memberIds = [...new Set(dto.target.memberIds ?? [])];
      const found = new Set(await this.repo.membersWithin(memberIds, target.path));
      const missing = memberIds.filter((id) => !found.has(id));
      if (missing.length) throw NoticeErrors.memberUnknown(missing);
    }
    const bodyHtml = sanitizeNoticeHtml(dto.bodyHtml);
    const fileIds = [...new Set([...dto.attachmentIds, ...noticeImageIds(bodyHtml)])];
    const files = await this.repo.files(fileIds);
    // Only files uploaded for an organisation inside the publisher's subtree may be used.
    if (files.length !== fileIds.length || files.some((f) => !isWithin(f.path, orgPath))) throw NoticeErrors.attachmentUnknown();
    const id = await this.db.transaction(async (tx) => {
      const row = await tx.save(
        tx.create(NoticeEntity, {
          organisationId: dto.organisationId,
          title: dto.title,
          bodyHtml,
          targetKind: dto.target.kind,
          targetOrgId: dto.target.organisationId,
          targetPositions: dto.target.kind === 'roles' ? [...new Set(dto.target.positions ?? [])] : [],
          pinned: dto.pinned,
          requiresAck: dto.requiresAck,
          expiresAt: dto.expiresAt ? new Date(dto.expiresAt) : null,
          publishedAt: now,
          createdBy: auth.userId,
          publisherName: auth.displayName.slice(0, 50),
        }),
      );
      if (memberIds.length)
        await tx.insert(
          NoticeMemberEntity,
          memberIds.map((memberId) => ({ noticeId: row.id, memberId })),
        );
      if (dto.attachmentIds.length)
        await tx.insert(
          NoticeAttachmentEntity,
          dto.attachmentIds.map((fileId, position) => ({ noticeId: row.id, fileId, position })),
        );
      await this.audit.record(
        auth,
        {
          action: 'notice.publish',
          objectType: 'notice',
          objectId: row.id,
          orgPath,
          details: { title: dto.title, target: dto.target.kind, targetOrgId: dto.target.organisationId, requiresAck: dto.requiresAck },
        },
        tx,
      );
      return row.id;
    });
    return this.detail(auth, id);
  }

  async list(auth: AuthContext, q: NoticeListQuery): Promise<NoticePage> {
    const limit = q.pageSize;
    const offset = (q.page - 1) * q.pageSize;
    if (q.box === 'published') {
      const roots = this.access.scopes(auth, 'notice.publish');
      if (roots.length === 0) throw forbidden();
      const r = await this.repo.published(roots, q.orgId, limit, offset);
      return { items: r.rows.map(toSummary), total: r.total, page: q.page, pageSize: q.pageSize, unread: 0, toAck: 0 };
    }
    if (!auth.memberId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize, unread: 0, toAck: 0 };
    const r = await this.repo.mine(auth.memberId, this.clock.now(), { unread: q.unread, limit, offset });
    return { items: r.rows.map(toSummary), total: r.total, page: q.page, pageSize: q.pageSize, unread: r.unread, toAck: r.toAck };
  }

  /** Reading the notice marks it read for an audience member (the first time only). */
  async read(auth: AuthContext, id: string): Promise<NoticeDetail> {
    const n = await this.load(auth, id);
    if (n.inAudience && !n.row.read_at && !n.row.withdrawn_at) await this.repo.markRead(id, auth.memberId!, this.clock.now());
    return this.detail(auth, id);
  }

  async acknowledge(auth: AuthContext, id: string): Promise<NoticeDetail> {
    const n = await this.load(auth, id);
    if (!n.inAudience) throw NoticeErrors.notInAudience();
    if (n.row.withdrawn_at) throw NoticeErrors.withdrawn();
    if (!n.row.requires_ack) throw NoticeErrors.noAckNeeded();
    await this.repo.acknowledge(id, auth.memberId!, this.clock.now());
    return this.detail(auth, id);
  }

  async withdraw(auth: AuthContext, id: string): Promise<NoticeDetail> {
    const n = await this.load(auth, id);
    if (!n.canManage) throw forbidden();
    if (!n.row.withdrawn_at) {
      await this.db.transaction(async (tx) => {
        await tx.update(NoticeEntity, { id }, { withdrawnAt: this.clock.now() });
        await this.audit.record(auth, { action: 'notice.withdraw', objectType: 'notice', objectId: id, orgPath: n.row.org_path }, tx);
      });
    }
    return this.detail(auth, id);
  }

  async detail(auth: AuthContext, id: string): Promise<NoticeDetail> {
    const { row, inAudience, canManage } = await this.load(auth, id);
    const attachments = await this.repo.attachments(id);
    const target: NoticeTarget = { kind: row.target_kind, organisationId: row.target_org_id };
    if (row.target_kind === 'roles') target.positions = row.target_positions;
    return {
      ...toSummary(row),
      bodyHtml: this.files.render(row.body_html),
      target,
      targetLabel: await this.targetLabel(row),
      attachments: attachments.map((a) => ({
        id: a.id,
        name: a.name ?? '附件',
        contentType: a.content_type,
        sizeBytes: Number(a.size_bytes),
        url: this.files.url(a.id),
      })),
      inAudience,
      canManage,
      counts: canManage ? await this.repo.counts(row) : null,
    };
  }

  /**
   * Who may see a notice: its audience, and publishers over the publishing organisation. Anyone
   * else gets NOT_FOUND, so a notice to branch A does not exist for branch B.
   */
  async load(auth: AuthContext, id: string): Promise<{ row: NoticeRow; inAudience: boolean; canManage: boolean }> {
    const row = await this.repo.find(id, auth.memberId);
    if (!row) throw notFound('通知');
    const canManage = this.access.can(auth, 'notice.publish', row.org_path);
    const inAudience = auth.memberId ? await this.repo.inAudience(id, auth.memberId) : false;
    const expired = row.expires_at !== null && row.expires_at <= this.clock.now();
    if (!canManage && (!inAudience || row.withdrawn_at || expired)) throw notFound('通知');
    return { row, inAudience, canManage };
  }

  private async targetLabel(row: NoticeRow): Promise<string> {
    const org = (await this.repo.orgPaths([row.target_org_id])).get(row.target_org_id)?.name ?? '';
    switch (row.target_kind) {
      case 'subtree':
        return `${org}全体党员`;
      case 'organisation':
        return `${org}党员`;
      case 'roles':
        return `${org}范围内的${row.target_positions.map((p) => ROLE_LABEL[p]).join('、')}`;
      case 'members':
        return NOTICE_TARGET_LABEL.members;
      default:
        return assertUnreachable(row.target_kind, 'target kind');
    }
  }
}

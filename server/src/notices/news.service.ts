import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  newsEditable,
  type CreateNewsCommentDto,
  type CreateNewsDto,
  type NewsComment,
  type NewsComments,
  type NewsContentDto,
  type NewsDetail,
  type NewsListQuery,
  type NewsPage,
  type NewsStepDto,
  type NewsSummary,
} from '@dangjian/shared';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { WorkflowEngine } from '../common/workflow.js';
import { NoticeFiles, noticeImageIds, sanitizeNoticeHtml } from './notice-files.js';
import { NewsCommentEntity, NewsEntity } from './news.entities.js';
import { NewsErrors } from './news.errors.js';
import { NewsRepository, type NewsCommentRow, type NewsRow, type PendingCommentsRow } from './news.repository.js';
import { isEditor, mayRead, newsWorkflow, reviewerGrant } from './news.workflow.js';
import { NoticesRepository } from './notices.repository.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * 党建动态: a branch writes (drafts it may edit), submits; a committee above publishes or returns it
 * (the workflow engine); members of the committee's subtree read and like it.
 */
@Injectable()
export class NewsService {
  private readonly wf: ReturnType<typeof newsWorkflow>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly engine: WorkflowEngine,
    private readonly repo: NewsRepository,
    private readonly notices: NoticesRepository,
    private readonly files: NoticeFiles,
  ) {
    this.wf = newsWorkflow(repo, access);
  }

  /** A draft, written for an organisation where the caller may publish (the branch's secretary, 宣传委员 …). */
  async create(auth: AuthContext, dto: CreateNewsDto): Promise<NewsDetail> {
    const orgPath = await this.access.requireOrg(auth, 'notice.publish', dto.organisationId);
    const content = await this.content(orgPath, dto);
    const id = await this.db.transaction(async (tx) => {
      const row = await tx.save(
        tx.create(NewsEntity, {
          organisationId: dto.organisationId,
          ...content,
          state: 'draft' as const,
          createdBy: auth.userId,
          authorName: auth.displayName.slice(0, 50),
        }),
      );
      await this.audit.record(auth, { action: 'news.create', objectType: 'news', objectId: row.id, orgPath, details: { title: dto.title } }, tx);
      return row.id;
    });
    return this.detail(auth, id);
  }

  /** The branch edits while it holds the piece (draft, returned). */
  async update(auth: AuthContext, id: string, dto: NewsContentDto): Promise<NewsDetail> {
    const r = await this.readable(auth, id);
    if (!isEditor(this.access, auth, r)) throw forbidden('只有本支部的书记或撰稿人可以修改');
    const content = await this.content(r.org_path, dto);
    await this.db.transaction(async (tx) => {
      const locked = await this.repo.lock(tx, id);
      if (!locked || !newsEditable(locked.state)) throw NewsErrors.notEditable(locked?.state ?? r.state);
      await this.repo.update(tx, id, {
        title: content.title,
        body_html: content.bodyHtml,
        cover_file_id: content.coverFileId,
        photo_ids: content.photoIds,
        meeting_id: content.meetingId,
      });
      await this.audit.record(auth, { action: 'news.update', objectType: 'news', objectId: id, orgPath: r.org_path, details: { title: dto.title } }, tx);
    });
    return this.detail(auth, id);
  }

  /** submit / publish / return, one transaction on the engine. */
  async step(auth: AuthContext, id: string, dto: NewsStepDto): Promise<NewsDetail> {
    await this.engine.run(this.wf, { auth, id, action: dto.action, input: dto });
    return this.detail(auth, id);
  }

  async detail(auth: AuthContext, id: string): Promise<NewsDetail> {
    const r = await this.readable(auth, id);
    return {
      ...this.summary(r),
      bodyHtml: this.files.render(r.body_html),
      coverImageId: r.cover_file_id,
      photos: r.photo_ids.map((p) => ({ id: p, url: this.files.url(p) })),
      meeting: r.meeting_id && r.meeting_starts_at ? { id: r.meeting_id, title: r.meeting_title ?? '', startsAt: r.meeting_starts_at.toISOString() } : null,
      returnReason: r.state === 'returned' ? r.return_reason : null,
      reviewerOrgName: r.reviewer_name,
      canEdit: newsEditable(r.state) && isEditor(this.access, auth, r),
      canReview: r.state === 'submitted' && reviewerGrant(this.access, auth, r.org_path) !== null,
    };
  }

  async list(auth: AuthContext, q: NewsListQuery): Promise<NewsPage> {
    const limit = q.pageSize;
    const offset = (q.page - 1) * q.pageSize;
    const page = (r: { rows: NewsRow[]; total: number }): NewsPage => ({
      items: r.rows.map((x) => this.summary(x)),
      total: r.total,
      page: q.page,
      pageSize: q.pageSize,
    });
    if (q.box === 'feed') return page(await this.feedRows(auth, limit, offset));
    const roots = this.access.scopes(auth, 'notice.publish');
    if (!roots.length) throw forbidden();
    if (q.box === 'review') return page(await this.repo.awaitingReview(roots, limit, offset));
    const own = auth.grants.filter((g) => this.access.can({ ...auth, grants: [g] }, 'notice.publish', g.orgPath)).map((g) => g.orgPath);
    return page(await this.repo.written(auth.memberId, auth.userId, roots, own, q.orgId, limit, offset));
  }

  /** The latest published news of my branch and my committees (首页). */
  async latest(auth: AuthContext, limit: number): Promise<NewsSummary[]> {
    return (await this.feedRows(auth, limit, 0)).rows.map((r) => this.summary(r));
  }

  /** Submitted news waiting for a committee the caller works for (the to-do provider). */
  async awaitingReview(auth: AuthContext): Promise<NewsSummary[]> {
    const roots = this.access.scopes(auth, 'notice.publish');
    if (!roots.length) return [];
    return (await this.repo.awaitingReview(roots, 50, 0)).rows.map((r) => this.summary(r));
  }

  /** One like per member (news_like's primary key); liking twice or unliking twice changes nothing. */
  async like(auth: AuthContext, id: string, on: boolean): Promise<NewsDetail> {
    if (!auth.memberId) throw NewsErrors.notAMember();
    const r = await this.readable(auth, id);
    if (r.state !== 'published') throw NewsErrors.notPublished();
    await this.db.transaction((tx) => this.repo.like(tx, id, auth.memberId!, on));
    return this.detail(auth, id);
  }

  /** Comments as the caller may see them: approved, their own pending ones, every pending one for a moderator. */
  async comments(auth: AuthContext, id: string): Promise<NewsComments> {
    const r = await this.readable(auth, id);
    const canModerate = this.mayModerate(auth, r);
    const rows = await this.repo.comments(id, auth.memberId, canModerate);
    return {
      items: rows.map((c) => this.commentOf(auth, c)),
      canModerate,
      pendingCount: canModerate ? rows.filter((c) => c.state === 'pending').length : 0,
    };
  }

  /** A member comments on published news; it waits for a moderator (only approved comments show to others). */
  async addComment(auth: AuthContext, id: string, dto: CreateNewsCommentDto): Promise<NewsComment> {
    if (!auth.memberId) throw NewsErrors.notAMember();
    const r = await this.readable(auth, id);
    if (r.state !== 'published') throw NewsErrors.notPublished();
    const row = await this.db.manager.save(
      this.db.manager.create(NewsCommentEntity, { newsId: id, memberId: auth.memberId, authorName: auth.displayName.slice(0, 50), body: dto.body }),
    );
    return this.commentOf(auth, (await this.repo.comment(id, row.id))!);
  }

  /** A moderator approves a pending comment: from then on everyone who reads the news sees it. */
  async approveComment(auth: AuthContext, id: string, commentId: string): Promise<NewsComments> {
    const { r, c } = await this.visibleComment(auth, id, commentId);
    if (!this.mayModerate(auth, r)) throw NewsErrors.notModerator();
    await this.db.transaction(async (tx) => {
      await this.repo.approveComment(tx, commentId, auth.userId);
      await this.audit.record(
        auth,
        { action: 'news.comment.approve', objectType: 'news', objectId: id, orgPath: r.org_path, details: { commentId, memberId: c.member_id } },
        tx,
      );
    });
    return this.comments(auth, id);
  }

  /** The author withdraws their comment, or a moderator refuses or removes one (audited with its text). */
  async deleteComment(auth: AuthContext, id: string, commentId: string): Promise<NewsComments> {
    const { r, c } = await this.visibleComment(auth, id, commentId);
    const own = c.member_id === auth.memberId;
    if (!own && !this.mayModerate(auth, r)) throw NewsErrors.notModerator();
    await this.db.transaction(async (tx) => {
      await this.repo.deleteComment(tx, commentId);
      if (!own)
        await this.audit.record(
          auth,
          {
            action: 'news.comment.delete',
            objectType: 'news',
            objectId: id,
            orgPath: r.org_path,
            details: { commentId, memberId: c.member_id, body: c.body, state: c.state },
          },
          tx,
        );
    });
    return this.comments(auth, id);
  }

  /** News with comments waiting for a moderator the caller is (the to-do provider). */
  async pendingComments(auth: AuthContext): Promise<PendingCommentsRow[]> {
    const roots = this.access.scopes(auth, 'notice.publish');
    return roots.length ? this.repo.pendingComments(roots, 50) : [];
  }

  /** Moderators: notice.publish on the writing branch itself (its secretary) or above it (the reviewing committee). */
  private mayModerate(auth: AuthContext, r: NewsRow): boolean {
    return this.access.can(auth, 'notice.publish', r.org_path);
  }

  /** A pending comment of someone else is as absent as the news itself to anyone but a moderator. */
  private async visibleComment(auth: AuthContext, id: string, commentId: string) {
    const r = await this.readable(auth, id);
    const c = await this.repo.comment(id, commentId);
    if (!c || (c.state === 'pending' && c.member_id !== auth.memberId && !this.mayModerate(auth, r))) throw notFound('评论');
    return { r, c };
  }

  private commentOf(auth: AuthContext, c: NewsCommentRow): NewsComment {
    return { id: c.id, authorName: c.author_name, body: c.body, state: c.state, createdAt: c.created_at.toISOString(), mine: c.member_id === auth.memberId };
  }

  private feedRows(auth: AuthContext, limit: number, offset: number) {
    const paths = [...new Set([...(auth.memberOrg ? [auth.memberOrg.path] : []), ...auth.grants.map((g) => g.orgPath)])];
    return this.repo.feed(auth.memberId, paths, this.access.scopes(auth, 'org.read'), limit, offset);
  }

  /** Anyone who may not read it gets NOT_FOUND: branch A's draft does not exist for branch B. */
  private async readable(auth: AuthContext, id: string): Promise<NewsRow> {
    const r = await this.repo.find(id, auth.memberId);
    if (!r || !mayRead(this.access, auth, r)) throw notFound('动态');
    return r;
  }

  /**
   * The text sanitised with the notices' allow-list; cover, photos and body images must be images
   * uploaded (POST /notices/files) for an organisation inside the branch's subtree; the meeting one of that subtree.
   */
  private async content(orgPath: string, dto: NewsContentDto) {
    const bodyHtml = sanitizeNoticeHtml(dto.bodyHtml);
    const photoIds = [...new Set(dto.photoIds)];
    const ids = [...new Set([...(dto.coverImageId ? [dto.coverImageId] : []), ...photoIds, ...noticeImageIds(bodyHtml)])];
    const files = await this.notices.files(ids);
    if (files.length !== ids.length || files.some((f) => !isWithin(f.path, orgPath) || !f.content_type.startsWith('image/'))) throw NewsErrors.imageUnknown();
    if (dto.meetingId) {
      const path = await this.repo.meetingPath(dto.meetingId);
      if (!path || !isWithin(path, orgPath)) throw NewsErrors.meetingOutside();
    }
    return { title: dto.title, bodyHtml, coverFileId: dto.coverImageId, photoIds, meetingId: dto.meetingId };
  }

  private summary(r: NewsRow): NewsSummary {
    return {
      id: r.id,
      title: r.title,
      organisationId: r.organisation_id,
      orgName: r.org_name,
      state: r.state,
      coverUrl: r.cover_file_id ? this.files.url(r.cover_file_id) : null,
      authorName: r.author_name,
      publishedAt: iso(r.published_at),
      updatedAt: r.updated_at.toISOString(),
      likeCount: r.like_count,
      likedByMe: r.liked,
    };
  }
}

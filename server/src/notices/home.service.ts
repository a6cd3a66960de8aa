import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  chinaDate,
  todoSourceLabel,
  type Banner,
  type CreateBannerDto,
  type HomeSummary,
  type TodayItem,
  type TodayKind,
  type TodoItem,
  type UpdateBannerDto,
} from '@dangjian/shared';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { notFound } from '../common/domain-error.js';
import { chinaDateTime } from '../meetings/meeting.mapper.js';
import { NoticeFiles } from './notice-files.js';
import { HomeBannerEntity } from './notice.entities.js';
import { NoticeErrors } from './notices.errors.js';
import { HomeRepository } from './home.repository.js';
import { NewsService } from './news.service.js';
import { NoticesRepository } from './notices.repository.js';
import { toSummary } from './notices.service.js';
import { TodoRegistry } from '../todos/todo-registry.js';

/** To-do sources that are the person's own (not work for an organisation they manage), and how 今日事项 shows them. */
const PERSONAL_SOURCES = new Map<string, TodayKind>([
  ['notices', 'notice'],
  ['courses', 'course'],
  ['scrutineer', 'vote'],
]);
const BANNERS_MAX = 6;
const NEWS_ON_HOME = 3;
/** The console lists every banner an organisation set, active or not. */
const BANNERS_LISTED = 100;
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/**
 * 首页 in one request: the committee's banners over my organisation, today's items for me (meetings I
 * am expected at, votes open to me, this month's fee, required courses near their deadline, notices to
 * acknowledge), the latest notices and news (my branch's and my committees'), the to-do count and, for
 * secretaries, their branch's open work.
 */
@Injectable()
export class HomeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly todos: TodoRegistry,
    private readonly notices: NoticesRepository,
    private readonly files: NoticeFiles,
    private readonly news: NewsService,
    private readonly repo: HomeRepository,
  ) {}

  async summary(auth: AuthContext): Promise<HomeSummary> {
    const now = this.clock.now();
    const paths = [...new Set([...(auth.memberOrg ? [auth.memberOrg.path] : []), ...auth.grants.map((g) => g.orgPath)])];
    const [banners, todo, mine, meetings, votes, fee, news] = await Promise.all([
      this.bannersFor(paths, { activeOn: chinaDate(now), limit: BANNERS_MAX }),
      this.todos.collect(auth),
      auth.memberId ? this.notices.mine(auth.memberId, now, { limit: 3, offset: 0 }) : Promise.resolve(null),
      this.meetingsToday(auth, now),
      this.openVotes(auth),
      this.monthFee(auth, now),
      this.news.latest(auth, NEWS_ON_HOME),
    ]);
    const personal = (i: TodoItem): TodayItem => ({
      kind: PERSONAL_SOURCES.get(i.source)!,
      id: i.id,
      title: i.title,
      detail: i.detail,
      at: i.dueAt,
      page: i.page,
    });
    // Every to-do item is shown once: the person's own in 今日事项, the rest counted by kind in the work
    // section, so the two add up to the to-do count beside them.
    const today: TodayItem[] = [...meetings, ...votes, ...fee, ...todo.items.filter((i) => PERSONAL_SOURCES.has(i.source)).map(personal)];
    const work = new Map<string, number>();
    for (const i of todo.items) if (!PERSONAL_SOURCES.has(i.source)) work.set(i.source, (work.get(i.source) ?? 0) + 1);
    return {
      banners,
      today,
      notices: mine ? mine.rows.map(toSummary) : [],
      news,
      todoCount: todo.total,
      secretaryWork: [...work].map(([source, count]) => ({ source, label: todoSourceLabel(source), count })),
    };
  }

  /**
   * Banners set for any of `paths` or their ancestors, nearest organisation last (the committee's
   * first). `activeOn`: only those inside their period on that China day (首页); without it, all (the console).
   */
  private async bannersFor(paths: string[], opts: { activeOn?: string; limit: number; orgId?: string; id?: string }): Promise<Banner[]> {
    if (!paths.length) return [];
    const today = opts.activeOn ?? chinaDate(this.clock.now());
    const rows = await this.repo.banners(paths, { today, activeOnly: opts.activeOn !== undefined, limit: opts.limit, orgId: opts.orgId, id: opts.id });
    return rows.map((r) => ({
      id: r.id,
      organisationId: r.organisation_id,
      orgName: r.org_name,
      title: r.title,
      imageId: r.image_file_id,
      imageUrl: this.files.url(r.image_file_id),
      link: r.link,
      sort: r.sort,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      active: r.active,
    }));
  }

  private async meetingsToday(auth: AuthContext, now: Date): Promise<TodayItem[]> {
    if (!auth.memberId) return [];
    const day = chinaDate(now);
    const rows = await this.repo.meetingsToday(auth.memberId, now, day);
    return rows.map((r) => ({
      kind: 'meeting',
      id: r.id,
      title: r.title,
      detail: `${chinaDateTime(r.starts_at)} · ${r.place}`,
      at: r.starts_at.toISOString(),
      page: `/packages/checkin/pages/meeting/index?id=${r.id}`,
    }));
  }

  /** Elections open for voting at a meeting the caller is expected at (E6: the ballot opens by scanning). */
  private async openVotes(auth: AuthContext): Promise<TodayItem[]> {
    if (!auth.memberId) return [];
    const rows = await this.repo.openVotes(auth.memberId);
    return rows.map((r) => ({
      kind: 'vote',
      id: r.id,
      title: `投票进行中：${r.title}`,
      detail: '请到会场扫描投票二维码',
      at: null,
      page: '/packages/vote/pages/index/index',
    }));
  }

  private async monthFee(auth: AuthContext, now: Date): Promise<TodayItem[]> {
    if (!auth.memberId) return [];
    const month = `${chinaDate(now).slice(0, 7)}-01`;
    const rows = await this.repo.unpaidBills(auth.memberId, month);
    return rows.map((r) => ({
      kind: 'fee',
      id: r.id,
      title: `本月党费 ${yuan(r.amount_due_fen)} 元待缴`,
      detail: `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`,
      at: null,
      page: '/packages/fees/pages/index/index',
    }));
  }

  /** notice.publish on the organisation: banners reach its subtree. The image is a file uploaded for that subtree. */
  async createBanner(auth: AuthContext, dto: CreateBannerDto): Promise<Banner> {
    const orgPath = await this.access.requireOrg(auth, 'notice.publish', dto.organisationId);
    await this.bannerImage(dto.imageId, orgPath);
    const id = await this.db.transaction(async (tx) => {
      const row = await tx.save(tx.create(HomeBannerEntity, { organisationId: dto.organisationId, ...this.bannerFields(dto), createdBy: auth.userId }));
      await this.audit.record(auth, { action: 'banner.create', objectType: 'home_banner', objectId: row.id, orgPath, details: { title: dto.title } }, tx);
      return row.id;
    });
    return this.banner(orgPath, id);
  }

  /** Title, image, link, order and period of a banner (notice.publish on its organisation). */
  async updateBanner(auth: AuthContext, id: string, dto: UpdateBannerDto): Promise<Banner> {
    const row = await this.managedBanner(auth, id);
    await this.bannerImage(dto.imageId, row.path);
    await this.db.transaction(async (tx) => {
      await tx.update(HomeBannerEntity, { id }, this.bannerFields(dto));
      await this.audit.record(auth, { action: 'banner.update', objectType: 'home_banner', objectId: id, orgPath: row.path, details: { title: dto.title } }, tx);
    });
    return this.banner(row.path, id);
  }

  async listBanners(auth: AuthContext, orgId: string): Promise<Banner[]> {
    const orgPath = await this.access.requireOrg(auth, 'notice.publish', orgId);
    return this.bannersFor([orgPath], { orgId, limit: BANNERS_LISTED });
  }

  async removeBanner(auth: AuthContext, id: string): Promise<void> {
    const row = await this.managedBanner(auth, id);
    await this.db.transaction(async (tx) => {
      await tx.delete(HomeBannerEntity, { id });
      await this.audit.record(auth, { action: 'banner.remove', objectType: 'home_banner', objectId: id, orgPath: row.path }, tx);
    });
  }

  private bannerFields(dto: UpdateBannerDto) {
    return { title: dto.title, imageFileId: dto.imageId, link: dto.link, sort: dto.sort, startsOn: dto.startsOn, endsOn: dto.endsOn };
  }

  private async bannerImage(imageId: string, orgPath: string): Promise<void> {
    const [file] = await this.notices.files([imageId]);
    if (!file || !isWithin(file.path, orgPath) || !file.content_type.startsWith('image/')) throw NoticeErrors.attachmentUnknown();
  }

  private async banner(orgPath: string, id: string): Promise<Banner> {
    const [b] = await this.bannersFor([orgPath], { id, limit: 1 });
    if (!b) throw notFound('轮播图');
    return b;
  }

  /** A banner of an organisation the caller publishes for; anyone else: NOT_FOUND. */
  private async managedBanner(auth: AuthContext, id: string): Promise<{ id: string; path: string }> {
    const row = await this.repo.bannerPath(id);
    if (!row || !this.access.can(auth, 'notice.publish', row.path)) throw notFound('轮播图');
    return row;
  }
}

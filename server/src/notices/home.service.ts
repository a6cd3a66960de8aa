import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { todoSourceLabel, type Banner, type CreateBannerDto, type HomeSummary, type TodayItem, type TodayKind, type TodoItem } from '@dangjian/shared';
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
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
/** The calendar day in Beijing (the members' day), as YYYY-MM-DD. */
const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * 首页 in one request: the committee's banners over my organisation, today's items for me (meetings I
 * am expected at, votes open to me, this month's fee, required courses near their deadline, notices to
 * acknowledge), the latest notices, the to-do count and, for secretaries, their branch's open work.
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
  ) {}

  async summary(auth: AuthContext): Promise<HomeSummary> {
    const now = this.clock.now();
    const paths = [...new Set([...(auth.memberOrg ? [auth.memberOrg.path] : []), ...auth.grants.map((g) => g.orgPath)])];
    const [banners, todo, mine, meetings, votes, fee] = await Promise.all([
      this.bannersFor(paths),
      this.todos.collect(auth),
      auth.memberId ? this.notices.mine(auth.memberId, now, { limit: 3, offset: 0 }) : Promise.resolve(null),
      this.meetingsToday(auth, now),
      this.openVotes(auth),
      this.monthFee(auth, now),
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
      todoCount: todo.total,
      secretaryWork: [...work].map(([source, count]) => ({ source, label: todoSourceLabel(source), count })),
    };
  }

  private async bannersFor(paths: string[]): Promise<Banner[]> {
    if (!paths.length) return [];
    const rows: Array<{ id: string; organisation_id: string; org_name: string; title: string; image_file_id: string; link: string | null; sort: number }> =
      await this.db.query(
        `SELECT b.id, b.organisation_id, o.name AS org_name, b.title, b.image_file_id, b.link, b.sort
         FROM home_banner b JOIN organisation o ON o.id = b.organisation_id
        WHERE o.path @> ANY($1::ltree[]) ORDER BY nlevel(o.path), b.sort, b.created_at DESC LIMIT $2`,
        [paths, BANNERS_MAX],
      );
    return rows.map((r) => ({
      id: r.id,
      organisationId: r.organisation_id,
      orgName: r.org_name,
      title: r.title,
      imageUrl: this.files.url(r.image_file_id),
      link: r.link,
      sort: r.sort,
    }));
  }

  private async meetingsToday(auth: AuthContext, now: Date): Promise<TodayItem[]> {
    if (!auth.memberId) return [];
    const day = chinaDay(now);
    const rows: Array<{ id: string; title: string; place: string; starts_at: Date }> = await this.db.query(
      `SELECT mt.id, mt.title, mt.place, mt.starts_at FROM meeting_attendee a JOIN meeting mt ON mt.id = a.meeting_id
        WHERE a.member_id = $1 AND mt.cancelled_at IS NULL AND mt.ends_at > $2
          AND mt.starts_at < ($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
        ORDER BY mt.starts_at LIMIT 10`,
      [auth.memberId, now, day],
    );
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
    const rows: Array<{ id: string; title: string }> = await this.db.query(
      `SELECT e.id, e.title FROM election e JOIN meeting_attendee a ON a.meeting_id = e.meeting_id AND a.member_id = $1
        WHERE e.state = 'voting_open' ORDER BY e.title LIMIT 10`,
      [auth.memberId],
    );
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
    const month = `${chinaDay(now).slice(0, 7)}-01`;
    const rows: Array<{ id: string; amount_due_fen: number }> = await this.db.query(
      `SELECT id, amount_due_fen::int AS amount_due_fen FROM fee_bill WHERE member_id = $1 AND month = $2::date AND status = 'unpaid' AND amount_due_fen > 0`,
      [auth.memberId, month],
    );
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
    const [file] = await this.notices.files([dto.imageId]);
    if (!file || !isWithin(file.path, orgPath) || !file.content_type.startsWith('image/')) throw NoticeErrors.attachmentUnknown();
    const id = await this.db.transaction(async (tx) => {
      const row = await tx.save(
        tx.create(HomeBannerEntity, {
          organisationId: dto.organisationId,
          title: dto.title,
          imageFileId: dto.imageId,
          link: dto.link,
          sort: dto.sort,
          createdBy: auth.userId,
        }),
      );
      await this.audit.record(auth, { action: 'banner.create', objectType: 'home_banner', objectId: row.id, orgPath, details: { title: dto.title } }, tx);
      return row.id;
    });
    const [b] = (await this.bannersFor([orgPath])).filter((x) => x.id === id);
    if (!b) throw notFound('轮播图');
    return b;
  }

  async listBanners(auth: AuthContext, orgId: string): Promise<Banner[]> {
    const orgPath = await this.access.requireOrg(auth, 'notice.publish', orgId);
    return (await this.bannersFor([orgPath])).filter((b) => b.organisationId === orgId);
  }

  async removeBanner(auth: AuthContext, id: string): Promise<void> {
    const [row] = await this.db.query<Array<{ id: string; path: string }>>(
      `SELECT b.id, o.path::text AS path FROM home_banner b JOIN organisation o ON o.id = b.organisation_id WHERE b.id = $1`,
      [id],
    );
    if (!row || !this.access.can(auth, 'notice.publish', row.path)) throw notFound('轮播图');
    await this.db.transaction(async (tx) => {
      await tx.delete(HomeBannerEntity, { id });
      await this.audit.record(auth, { action: 'banner.remove', objectType: 'home_banner', objectId: id, orgPath: row.path }, tx);
    });
  }
}

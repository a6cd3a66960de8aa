import { z } from 'zod';
import { DateOnlySchema, UuidSchema } from './common.js';
import { NewsSummarySchema } from './news.js';
import { NoticeSummarySchema } from './notices.js';

/* 首页 (issue 14): the committee's banners, today's items for me, latest notices and news, the to-do count. */

export const BannerSchema = z
  .object({
    id: UuidSchema,
    organisationId: UuidSchema,
    orgName: z.string(),
    title: z.string(),
    imageId: UuidSchema,
    /** Signed image URL (an <image> cannot send the token). */
    imageUrl: z.string(),
    /** A mini-program route to open on tap, or null. */
    link: z.string().nullable(),
    sort: z.number().int(),
    /** Shown from this day to that day (China dates, both included); null = no bound. */
    startsOn: DateOnlySchema.nullable(),
    endsOn: DateOnlySchema.nullable(),
    /** Shown on 首页 today (inside its period). */
    active: z.boolean(),
  })
  .meta({ id: 'Banner' });
export type Banner = z.infer<typeof BannerSchema>;

const BannerFields = z.object({
  title: z.string().trim().min(1, '请填写标题').max(60),
  /** An image uploaded through POST /notices/files. */
  imageId: UuidSchema,
  /** A mini-program page, e.g. a notice or a news item (`bannerLink`). */
  link: z
    .string()
    .max(300)
    .regex(/^\/(pages|packages)\//, '链接须为小程序内页面路径')
    .nullable()
    .default(null),
  sort: z.number().int().min(0).max(999).default(0),
  startsOn: DateOnlySchema.nullable().default(null),
  endsOn: DateOnlySchema.nullable().default(null),
});
const periodInOrder = (b: { startsOn?: string | null; endsOn?: string | null }) => !b.startsOn || !b.endsOn || b.startsOn <= b.endsOn;
const PERIOD_MESSAGE = { message: '结束日期不能早于开始日期', path: ['endsOn'] };

export const CreateBannerSchema = BannerFields.extend({ organisationId: UuidSchema }).refine(periodInOrder, PERIOD_MESSAGE).meta({ id: 'CreateBanner' });
export type CreateBannerDto = z.output<typeof CreateBannerSchema>;
export type CreateBannerInput = z.input<typeof CreateBannerSchema>;

/** PUT /home/banners/:id: the whole banner again (its organisation stays). */
export const UpdateBannerSchema = BannerFields.refine(periodInOrder, PERIOD_MESSAGE).meta({ id: 'UpdateBanner' });
export type UpdateBannerDto = z.output<typeof UpdateBannerSchema>;
export type UpdateBannerInput = z.input<typeof UpdateBannerSchema>;

/** The page a banner opens for a notice or a news item. */
export const bannerLink = (kind: 'notice' | 'news', id: string): string =>
  kind === 'notice' ? `/packages/notices/pages/detail/index?id=${id}` : `/packages/news/pages/detail/index?id=${id}`;

export const TodayKind = z.enum(['meeting', 'fee', 'course', 'notice', 'vote']);
export type TodayKind = z.infer<typeof TodayKind>;

export const TodayItemSchema = z
  .object({
    kind: TodayKind,
    id: z.string(),
    title: z.string(),
    detail: z.string().nullable(),
    at: z.iso.datetime({ offset: true }).nullable(),
    page: z.string(),
  })
  .meta({ id: 'TodayItem' });
export type TodayItem = z.infer<typeof TodayItemSchema>;

export const HomeSummarySchema = z
  .object({
    banners: z.array(BannerSchema),
    today: z.array(TodayItemSchema),
    notices: z.array(NoticeSummarySchema),
    /** The latest published news of my branch and my committees. */
    news: z.array(NewsSummarySchema),
    todoCount: z.number().int(),
    /** Secretaries: their branch's open work first (the to-do items of organisations they manage). */
    secretaryWork: z.array(z.object({ source: z.string(), label: z.string(), count: z.number().int() })),
  })
  .meta({ id: 'HomeSummary' });
export type HomeSummary = z.infer<typeof HomeSummarySchema>;

import { z } from 'zod';
import { UuidSchema } from './common.js';
import { NoticeSummarySchema } from './notices.js';

/* 首页 (issue 14): the committee's banners, today's items for me, latest notices, the to-do count. */

export const BannerSchema = z
  .object({
    id: UuidSchema,
    organisationId: UuidSchema,
    orgName: z.string(),
    title: z.string(),
    /** Signed image URL (an <image> cannot send the token). */
    imageUrl: z.string(),
    /** A mini-program route to open on tap, or null. */
    link: z.string().nullable(),
    sort: z.number().int(),
  })
  .meta({ id: 'Banner' });
export type Banner = z.infer<typeof BannerSchema>;

export const CreateBannerSchema = z
  .object({
    organisationId: UuidSchema,
    title: z.string().trim().min(1, '请填写标题').max(60),
    /** An image uploaded through POST /notices/files. */
    imageId: UuidSchema,
    link: z
      .string()
      .max(300)
      .regex(/^\/(pages|packages)\//, '链接须为小程序内页面路径')
      .nullable()
      .default(null),
    sort: z.number().int().min(0).max(999).default(0),
  })
  .meta({ id: 'CreateBanner' });
export type CreateBannerDto = z.output<typeof CreateBannerSchema>;

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
    todoCount: z.number().int(),
    /** Secretaries: their branch's open work first (the to-do items of organisations they manage). */
    secretaryWork: z.array(z.object({ source: z.string(), label: z.string(), count: z.number().int() })),
  })
  .meta({ id: 'HomeSummary' });
export type HomeSummary = z.infer<typeof HomeSummarySchema>;

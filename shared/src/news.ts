import { z } from 'zod';
import { pageOf, PageQuerySchema, UuidSchema } from './common.js';

/*
 * 党建动态 (issue 14): a branch writes up an activity; a committee above it reviews before it is seen
 * beyond the branch's editors (draft → submitted → published, or returned with a reason). Members like
 * it once. The transition table is in rules/news-rules.ts.
 */

export const NewsState = z.enum(['draft', 'submitted', 'published', 'returned']);
export type NewsState = z.infer<typeof NewsState>;
export const NEWS_STATE_LABEL: Record<NewsState, string> = { draft: '草稿', submitted: '待审核', published: '已发布', returned: '已退回' };

export const NewsAction = z.enum(['submit', 'publish', 'return']);
export type NewsAction = z.infer<typeof NewsAction>;
export const NEWS_ACTION_LABEL: Record<NewsAction, string> = { submit: '提交审核', publish: '审核发布', return: '退回修改' };

export const NEWS_LIMITS = { titleMax: 100, bodyMax: 50_000, photosMax: 9, reasonMax: 300, commentMax: 500 } as const;

/** What the branch writes (create, and edit while a draft or returned). Images are uploaded through POST /notices/files. */
export const NewsContentSchema = z
  .object({
    title: z.string().trim().min(1, '请填写标题').max(NEWS_LIMITS.titleMax),
    /** Rich text; sanitised with the notices' allow-list (images of this platform only). */
    bodyHtml: z.string().max(NEWS_LIMITS.bodyMax).default(''),
    coverImageId: UuidSchema.nullable().default(null),
    photoIds: z.array(UuidSchema).max(NEWS_LIMITS.photosMax, `最多 ${NEWS_LIMITS.photosMax} 张照片`).default([]),
    /** The meeting (三会一课, 主题党日 …) the news reports, of the branch's subtree. */
    meetingId: UuidSchema.nullable().default(null),
  })
  .meta({ id: 'NewsContent' });
export type NewsContentDto = z.output<typeof NewsContentSchema>;
export type NewsContentInput = z.input<typeof NewsContentSchema>;

export const CreateNewsSchema = NewsContentSchema.extend({ organisationId: UuidSchema }).meta({ id: 'CreateNews' });
export type CreateNewsDto = z.output<typeof CreateNewsSchema>;
export type CreateNewsInput = z.input<typeof CreateNewsSchema>;

/** A review step. `return` needs the reason the branch will read. */
export const NewsStepSchema = z
  .object({ action: NewsAction, reason: z.string().trim().max(NEWS_LIMITS.reasonMax).optional() })
  .refine((s) => s.action !== 'return' || (s.reason?.length ?? 0) > 0, { message: '请填写退回原因', path: ['reason'] })
  .meta({ id: 'NewsStep' });
export type NewsStepDto = z.output<typeof NewsStepSchema>;

export const NewsSummarySchema = z
  .object({
    id: UuidSchema,
    title: z.string(),
    organisationId: UuidSchema,
    orgName: z.string(),
    state: NewsState,
    /** Signed cover image URL. */
    coverUrl: z.string().nullable(),
    authorName: z.string(),
    publishedAt: z.iso.datetime({ offset: true }).nullable(),
    updatedAt: z.iso.datetime({ offset: true }),
    likeCount: z.number().int(),
    likedByMe: z.boolean(),
  })
  .meta({ id: 'NewsSummary' });
export type NewsSummary = z.infer<typeof NewsSummarySchema>;

export const NewsDetailSchema = NewsSummarySchema.extend({
  bodyHtml: z.string(),
  coverImageId: UuidSchema.nullable(),
  photos: z.array(z.object({ id: UuidSchema, url: z.string() })),
  meeting: z.object({ id: UuidSchema, title: z.string(), startsAt: z.iso.datetime({ offset: true }) }).nullable(),
  /** Why the committee returned it (state returned). */
  returnReason: z.string().nullable(),
  /** The committee that published it: its subtree sees the news. */
  reviewerOrgName: z.string().nullable(),
  /** The caller may edit and submit (the branch's editors, while draft or returned). */
  canEdit: z.boolean(),
  /** The caller may publish or return (a committee above the branch, while submitted). */
  canReview: z.boolean(),
}).meta({ id: 'NewsDetail' });
export type NewsDetail = z.infer<typeof NewsDetailSchema>;

export const NewsPageSchema = pageOf(NewsSummarySchema).meta({ id: 'NewsPage' });
export type NewsPage = z.infer<typeof NewsPageSchema>;

/**
 * GET /news: feed = published news I may see (my branch's and my committees'); mine = what my
 * organisations wrote, in every state (editors); review = submitted news waiting for a committee I work for.
 */
export const NewsListQuerySchema = PageQuerySchema.extend({
  box: z.enum(['feed', 'mine', 'review']).default('feed'),
  orgId: UuidSchema.optional(),
}).meta({ id: 'NewsListQuery' });
export type NewsListQuery = z.output<typeof NewsListQuerySchema>;

/*
 * Comments are moderated (issue 14: "comments only if moderated"): a member's comment waits (pending)
 * until a moderator — notice.publish on the writing branch or above it (its secretary, the reviewing
 * committee) — approves or deletes it. Others see only approved ones; the author sees their own pending one.
 */
export const NewsCommentState = z.enum(['pending', 'approved']);
export type NewsCommentState = z.infer<typeof NewsCommentState>;

export const CreateNewsCommentSchema = z
  .object({ body: z.string().trim().min(1, '请填写评论内容').max(NEWS_LIMITS.commentMax, `评论最多 ${NEWS_LIMITS.commentMax} 字`) })
  .meta({ id: 'CreateNewsComment' });
export type CreateNewsCommentDto = z.output<typeof CreateNewsCommentSchema>;

export const NewsCommentSchema = z
  .object({
    id: UuidSchema,
    authorName: z.string(),
    body: z.string(),
    state: NewsCommentState,
    createdAt: z.iso.datetime({ offset: true }),
    /** Written by the caller (may delete it; sees it while pending). */
    mine: z.boolean(),
  })
  .meta({ id: 'NewsComment' });
export type NewsComment = z.infer<typeof NewsCommentSchema>;

/** GET /news/:id/comments: approved comments, the caller's own pending ones, and every pending one for a moderator. */
export const NewsCommentsSchema = z
  .object({ items: z.array(NewsCommentSchema), canModerate: z.boolean(), pendingCount: z.number().int() })
  .meta({ id: 'NewsComments' });
export type NewsComments = z.infer<typeof NewsCommentsSchema>;

export const NewsErrorCode = {
  STEP_OUT_OF_ORDER: 'NEWS_STEP_OUT_OF_ORDER',
  NOT_EDITABLE: 'NEWS_NOT_EDITABLE',
  NOT_REVIEWER: 'NEWS_NOT_REVIEWER',
  NO_REVIEWER: 'NEWS_NO_REVIEWER',
  IMAGE_UNKNOWN: 'NEWS_IMAGE_UNKNOWN',
  MEETING_OUTSIDE: 'NEWS_MEETING_OUTSIDE',
  NOT_PUBLISHED: 'NEWS_NOT_PUBLISHED',
  NOT_A_MEMBER: 'NEWS_NOT_A_MEMBER',
  NOT_MODERATOR: 'NEWS_NOT_MODERATOR',
} as const;
export type NewsErrorCode = (typeof NewsErrorCode)[keyof typeof NewsErrorCode];

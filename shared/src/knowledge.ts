import { z } from 'zod';
import { pageOf, PageQuerySchema, UuidSchema } from './common.js';

/*
 * 党建知识 (issue 14): the texts members are asked about — 党章 and the regulations, by collection →
 * chapter → article — and Q&A written by committee workers. Regulation texts enter only through
 * the import command (`pnpm admin knowledge-import`), never typed in by the app: they must be the
 * official wording. Q&A belong to an organisation and reach its subtree.
 */

export const KNOWLEDGE_LIMITS = {
  queryMin: 2,
  queryMax: 50,
  questionMax: 200,
  answerMax: 5000,
  relatedMax: 20,
  /**
   * Articles a search ranks at most: a phrase found in more (two common characters) is ranked among
   * the first this many found, and the total says "500+" — ranking every article of a 10,000-article
   * library costs ten times as much and the member would rather type one more character.
   */
  searchCandidatesMax: 500,
  /** Characters of context on each side of the first hit in a search snippet. */
  snippetContext: 30,
} as const;

export const KnowledgeCollectionSchema = z
  .object({
    id: UuidSchema,
    name: z.string(),
    /** Short name for lists and hit titles (党章, 支部工作条例). */
    shortName: z.string(),
    /** Issued or revised by, and when (free text as printed: 2017年10月24日 党的十九大部分修改). */
    issuedBy: z.string(),
    /** Where the imported text was taken from (publication, web page). */
    source: z.string(),
    articleCount: z.number().int(),
  })
  .meta({ id: 'KnowledgeCollection' });
export type KnowledgeCollection = z.infer<typeof KnowledgeCollectionSchema>;

export const KnowledgeArticleSchema = z
  .object({
    id: UuidSchema,
    collectionId: UuidSchema,
    collectionName: z.string(),
    collectionShortName: z.string(),
    /** 第一章 …; empty for a collection without chapters. */
    chapterNumber: z.string(),
    chapterTitle: z.string(),
    /** 第一条 … */
    number: z.string(),
    text: z.string(),
  })
  .meta({ id: 'KnowledgeArticle' });
export type KnowledgeArticle = z.infer<typeof KnowledgeArticleSchema>;

export const KnowledgeChapterSchema = z
  .object({
    id: UuidSchema,
    number: z.string(),
    title: z.string(),
    articles: z.array(z.object({ id: UuidSchema, number: z.string(), text: z.string() })),
  })
  .meta({ id: 'KnowledgeChapter' });
export type KnowledgeChapter = z.infer<typeof KnowledgeChapterSchema>;

export const KnowledgeCollectionDetailSchema = KnowledgeCollectionSchema.extend({ chapters: z.array(KnowledgeChapterSchema) }).meta({
  id: 'KnowledgeCollectionDetail',
});
export type KnowledgeCollectionDetail = z.infer<typeof KnowledgeCollectionDetailSchema>;

/** A stretch of a snippet; `hit` marks the searched phrase (the client highlights it). */
export const KnowledgeSnippetPartSchema = z.object({ text: z.string(), hit: z.boolean() }).meta({ id: 'KnowledgeSnippetPart' });
export type KnowledgeSnippetPart = z.infer<typeof KnowledgeSnippetPartSchema>;

export const KnowledgeHitSchema = z
  .object({
    kind: z.enum(['article', 'qa']),
    id: UuidSchema,
    /** 《党章》第十条, or the question. */
    title: z.string(),
    /** The question matched (Q&A): its title is highlighted instead of a snippet of the answer. */
    titleParts: z.array(KnowledgeSnippetPartSchema),
    snippet: z.array(KnowledgeSnippetPartSchema),
  })
  .meta({ id: 'KnowledgeHit' });
export type KnowledgeHit = z.infer<typeof KnowledgeHitSchema>;

export const KnowledgeSearchQuerySchema = PageQuerySchema.extend({
  q: z
    .string()
    .trim()
    .min(KNOWLEDGE_LIMITS.queryMin, `请至少输入 ${KNOWLEDGE_LIMITS.queryMin} 个字`)
    .max(KNOWLEDGE_LIMITS.queryMax, `最多输入 ${KNOWLEDGE_LIMITS.queryMax} 个字`),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
}).meta({ id: 'KnowledgeSearchQuery' });
export type KnowledgeSearchQuery = z.output<typeof KnowledgeSearchQuerySchema>;

export const KnowledgeSearchPageSchema = pageOf(KnowledgeHitSchema)
  .extend({ /** More articles contain the phrase than were ranked (`total` is then a lower bound). */ totalCapped: z.boolean() })
  .meta({ id: 'KnowledgeSearchPage' });
export type KnowledgeSearchPage = z.infer<typeof KnowledgeSearchPageSchema>;

export const KnowledgeArticleRefSchema = z.object({ id: UuidSchema, /** 《党章》第十条 */ label: z.string() }).meta({ id: 'KnowledgeArticleRef' });
export type KnowledgeArticleRef = z.infer<typeof KnowledgeArticleRefSchema>;

export const KnowledgeQaSchema = z
  .object({
    id: UuidSchema,
    organisationId: UuidSchema,
    orgName: z.string(),
    question: z.string(),
    answer: z.string(),
    related: z.array(KnowledgeArticleRefSchema),
    published: z.boolean(),
    authorName: z.string(),
    updatedAt: z.iso.datetime({ offset: true }),
    /** The caller may edit it (knowledge.manage on its organisation). */
    canManage: z.boolean(),
  })
  .meta({ id: 'KnowledgeQa' });
export type KnowledgeQa = z.infer<typeof KnowledgeQaSchema>;

export const KnowledgeQaPageSchema = pageOf(KnowledgeQaSchema).meta({ id: 'KnowledgeQaPage' });
export type KnowledgeQaPage = z.infer<typeof KnowledgeQaPageSchema>;

/** GET /knowledge/qa: published Q&A that reach me; manage=true: every Q&A of the organisations I manage, unpublished too. */
export const KnowledgeQaListQuerySchema = PageQuerySchema.extend({
  manage: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
}).meta({ id: 'KnowledgeQaListQuery' });
export type KnowledgeQaListQuery = z.output<typeof KnowledgeQaListQuerySchema>;

const qaFields = {
  question: z.string().trim().min(1, '请填写问题').max(KNOWLEDGE_LIMITS.questionMax),
  answer: z.string().trim().min(1, '请填写解答').max(KNOWLEDGE_LIMITS.answerMax),
  relatedArticleIds: z.array(UuidSchema).max(KNOWLEDGE_LIMITS.relatedMax).default([]),
  published: z.boolean().default(false),
};

export const CreateKnowledgeQaSchema = z
  .object({ /** The answering organisation (knowledge.manage there); its subtree sees the Q&A. */ organisationId: UuidSchema, ...qaFields })
  .meta({ id: 'CreateKnowledgeQa' });
export type CreateKnowledgeQaDto = z.output<typeof CreateKnowledgeQaSchema>;
export type CreateKnowledgeQaInput = z.input<typeof CreateKnowledgeQaSchema>;

export const UpdateKnowledgeQaSchema = z
  .object({
    question: qaFields.question.optional(),
    answer: qaFields.answer.optional(),
    relatedArticleIds: z.array(UuidSchema).max(KNOWLEDGE_LIMITS.relatedMax).optional(),
    published: z.boolean().optional(),
  })
  .meta({ id: 'UpdateKnowledgeQa' });
export type UpdateKnowledgeQaDto = z.output<typeof UpdateKnowledgeQaSchema>;

/**
 * The import file (`pnpm admin knowledge-import <file>`, docs/operations.md): collections replace
 * the one of the same name; Q&A are added to the root organisation. Articles are matched by number
 * within their collection, so a re-import keeps their ids and the Q&A that cite them.
 */
export const KnowledgeImportSchema = z
  .object({
    collections: z
      .array(
        z.object({
          name: z.string().trim().min(1).max(100),
          shortName: z.string().trim().min(1).max(30),
          issuedBy: z.string().trim().max(200).default(''),
          source: z.string().trim().min(1, '请注明条文来源').max(300),
          chapters: z
            .array(
              z.object({
                number: z.string().trim().max(20).default(''),
                title: z.string().trim().max(100).default(''),
                articles: z.array(z.object({ number: z.string().trim().min(1).max(20), text: z.string().trim().min(1).max(20_000) })),
              }),
            )
            .min(1),
        }),
      )
      .default([]),
    qa: z
      .array(
        z.object({
          question: qaFields.question,
          answer: qaFields.answer,
          /** Articles cited, by collection short name and article number (《党章》第六条 → { collection: '党章', number: '第六条' }). */
          related: z
            .array(z.object({ collection: z.string(), number: z.string() }))
            .max(KNOWLEDGE_LIMITS.relatedMax)
            .default([]),
        }),
      )
      .default([]),
  })
  .meta({ id: 'KnowledgeImport' });
export type KnowledgeImport = z.output<typeof KnowledgeImportSchema>;

export const KnowledgeErrorCode = {
  ARTICLE_UNKNOWN: 'KNOWLEDGE_ARTICLE_UNKNOWN',
} as const;
export type KnowledgeErrorCode = (typeof KnowledgeErrorCode)[keyof typeof KnowledgeErrorCode];

/** Splits `text` at every occurrence of `phrase` (case-insensitive) into parts to highlight. */
export function highlightParts(text: string, phrase: string): KnowledgeSnippetPart[] {
  const parts: KnowledgeSnippetPart[] = [];
  const hay = text.toLowerCase();
  const needle = phrase.toLowerCase();
  let at = 0;
  for (let i = needle ? hay.indexOf(needle) : -1; i >= 0; i = hay.indexOf(needle, at)) {
    if (i > at) parts.push({ text: text.slice(at, i), hit: false });
    parts.push({ text: text.slice(i, i + needle.length), hit: true });
    at = i + needle.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  return parts;
}

/** The stretch of `text` around the first hit of `phrase` (… on a cut side), split for highlighting. */
export function snippetParts(text: string, phrase: string, context: number = KNOWLEDGE_LIMITS.snippetContext): KnowledgeSnippetPart[] {
  const first = text.toLowerCase().indexOf(phrase.toLowerCase());
  const start = Math.max(0, (first < 0 ? 0 : first) - context);
  const end = Math.min(text.length, (first < 0 ? 0 : first + phrase.length) + context * 2);
  const parts = highlightParts(text.slice(start, end), phrase);
  if (start > 0) parts.unshift({ text: '…', hit: false });
  if (end < text.length) parts.push({ text: '…', hit: false });
  return parts;
}

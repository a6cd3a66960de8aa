import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export type CollectionRow = { id: string; name: string; short_name: string; issued_by: string; source: string; article_count: number };
export type ArticleRow = {
  id: string;
  collection_id: string;
  collection_name: string;
  short_name: string;
  chapter_id: string;
  chapter_number: string;
  chapter_title: string;
  number: string;
  text: string;
};
export type ChapterRow = { id: string; number: string; title: string };
export type HitRow = {
  kind: 'article' | 'qa';
  id: string;
  short_name: string;
  number: string;
  question: string;
  body: string;
  total: number;
  articles: number;
};
export type QaRow = {
  id: string;
  organisation_id: string;
  org_name: string;
  org_path: string;
  question: string;
  answer: string;
  published: boolean;
  author_name: string;
  updated_at: Date;
};
export type ArticleRefRow = { qa_id: string; id: string; short_name: string; number: string };

/** Who a reader is, for the Q&A that reach them. */
export type Reach = {
  /** The member's organisation and every organisation the caller holds a role on: Q&A of these or their ancestors reach them. */
  below: string[];
  /** The organisations the caller holds a role on: published Q&A inside these subtrees too. */
  within: string[];
};

/** Published Q&A `k` (joined with its organisation `o`) that reach a reader, given the parameters holding Reach.below and Reach.within. */
const qaReaches = (below: string, within: string) => `k.published AND (o.path @> ANY(${below}::ltree[]) OR o.path <@ ANY(${within}::ltree[]))`;

const QA_COLUMNS = `k.id, k.organisation_id, o.name AS org_name, o.path::text AS org_path, k.question, k.answer, k.published, k.author_name, k.updated_at`;

const ARTICLE_COLUMNS = `a.id, a.collection_id, c.name AS collection_name, c.short_name, a.chapter_id, ch.number AS chapter_number,
  ch.title AS chapter_title, a.number, a.text`;

/** All SQL of the knowledge module. */
@Injectable()
export class KnowledgeRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  collections(id?: string): Promise<CollectionRow[]> {
    return this.db.query(
      `SELECT c.id, c.name, c.short_name, c.issued_by, c.source, (SELECT count(*)::int FROM knowledge_article a WHERE a.collection_id = c.id) AS article_count
         FROM knowledge_collection c WHERE $1::uuid IS NULL OR c.id = $1 ORDER BY c.position`,
      [id ?? null],
    );
  }

  chapters(collectionId: string): Promise<ChapterRow[]> {
    return this.db.query(`SELECT id, number, title FROM knowledge_chapter WHERE collection_id = $1 ORDER BY position`, [collectionId]);
  }

  articlesOf(collectionId: string): Promise<ArticleRow[]> {
    return this.db.query(
      `SELECT ${ARTICLE_COLUMNS} FROM knowledge_article a JOIN knowledge_collection c ON c.id = a.collection_id JOIN knowledge_chapter ch ON ch.id = a.chapter_id
        WHERE a.collection_id = $1 ORDER BY a.position`,
      [collectionId],
    );
  }

  async article(id: string): Promise<ArticleRow | null> {
    const [row] = await this.db.query<ArticleRow[]>(
      `SELECT ${ARTICLE_COLUMNS} FROM knowledge_article a JOIN knowledge_collection c ON c.id = a.collection_id JOIN knowledge_chapter ch ON ch.id = a.chapter_id
        WHERE a.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Which of these article ids exist. */
  async existingArticles(ids: string[], m: EntityManager = this.db.manager): Promise<Set<string>> {
    const rows = await m.query<Array<{ id: string }>>(`SELECT id FROM knowledge_article WHERE id = ANY($1::uuid[])`, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Articles and reachable published Q&A containing the phrase. Articles: the pair index narrows
   * (`grams @> knowledge_grams(phrase)`, `grams` kept from the text by a trigger), the substring check decides, and at most
   * `candidates` of them go on to be ranked. Ranked: a question that contains the phrase, then more
   * occurrences, an earlier first one, a shorter text. `articles`: how many article candidates there were.
   */
  search(phrase: string, reach: Reach, limit: number, offset: number, candidates: number): Promise<HitRow[]> {
    return this.db.query(
      `WITH art AS (
         SELECT a.id, a.collection_id, a.number, a.text FROM knowledge_article a
          WHERE a.grams @> knowledge_grams($1) AND strpos(lower(a.text), lower($1)) > 0
          LIMIT $6),
       hits AS (
         SELECT 'article' AS kind, a.id, c.short_name, a.number, '' AS question, a.text AS body, 0 AS in_question,
                (char_length(a.text) - char_length(replace(lower(a.text), lower($1), ''))) / char_length($1) AS occurrences,
                strpos(lower(a.text), lower($1)) AS first_at, char_length(a.text) AS len
           FROM art a JOIN knowledge_collection c ON c.id = a.collection_id
         UNION ALL
         SELECT 'qa', k.id, '', '', k.question, k.answer, (strpos(lower(k.question), lower($1)) > 0)::int,
                (char_length(k.question || k.answer) - char_length(replace(lower(k.question || k.answer), lower($1), ''))) / char_length($1),
                strpos(lower(k.question || k.answer), lower($1)), char_length(k.question || k.answer)
           FROM knowledge_qa k JOIN organisation o ON o.id = k.organisation_id
          WHERE ${qaReaches('$2', '$3')} AND strpos(lower(k.question || E'\\n' || k.answer), lower($1)) > 0)
       SELECT kind, id, short_name, number, question, body, count(*) OVER ()::int AS total,
              (count(*) FILTER (WHERE kind = 'article') OVER ())::int AS articles
         FROM hits ORDER BY in_question DESC, occurrences DESC, first_at, len, id LIMIT $4 OFFSET $5`,
      [phrase, reach.below, reach.within, limit, offset, candidates],
    );
  }

  async qa(id: string): Promise<QaRow | null> {
    const [row] = await this.db.query<QaRow[]>(`SELECT ${QA_COLUMNS} FROM knowledge_qa k JOIN organisation o ON o.id = k.organisation_id WHERE k.id = $1`, [
      id,
    ]);
    return row ?? null;
  }

  /** Published Q&A that reach the reader, newest first. */
  async reachableQa(reach: Reach, limit: number, offset: number): Promise<{ rows: QaRow[]; total: number }> {
    const rows = await this.db.query<Array<QaRow & { total: number }>>(
      `SELECT ${QA_COLUMNS}, count(*) OVER ()::int AS total FROM knowledge_qa k JOIN organisation o ON o.id = k.organisation_id
        WHERE ${qaReaches('$1', '$2')} ORDER BY k.updated_at DESC, k.id LIMIT $3 OFFSET $4`,
      [reach.below, reach.within, limit, offset],
    );
    return { rows, total: rows[0]?.total ?? 0 };
  }

  /** Every Q&A (unpublished too) of organisations inside these subtrees, newest first. */
  async managedQa(roots: string[], limit: number, offset: number): Promise<{ rows: QaRow[]; total: number }> {
    const rows = await this.db.query<Array<QaRow & { total: number }>>(
      `SELECT ${QA_COLUMNS}, count(*) OVER ()::int AS total FROM knowledge_qa k JOIN organisation o ON o.id = k.organisation_id
        WHERE o.path <@ ANY($1::ltree[]) ORDER BY k.updated_at DESC, k.id LIMIT $2 OFFSET $3`,
      [roots, limit, offset],
    );
    return { rows, total: rows[0]?.total ?? 0 };
  }

  /** The articles each Q&A cites, in order. */
  refs(qaIds: string[]): Promise<ArticleRefRow[]> {
    return this.db.query(
      `SELECT r.qa_id, a.id, c.short_name, a.number FROM knowledge_qa_article r JOIN knowledge_article a ON a.id = r.article_id
         JOIN knowledge_collection c ON c.id = a.collection_id WHERE r.qa_id = ANY($1::uuid[]) ORDER BY r.qa_id, r.position`,
      [qaIds],
    );
  }

  async setRefs(m: EntityManager, qaId: string, articleIds: string[]): Promise<void> {
    await m.query(`DELETE FROM knowledge_qa_article WHERE qa_id = $1`, [qaId]);
    if (articleIds.length) {
      await m.query(`INSERT INTO knowledge_qa_article (qa_id, article_id, position) SELECT $1, id, ord FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, ord)`, [
        qaId,
        articleIds,
      ]);
    }
  }
}

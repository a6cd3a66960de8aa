import { KnowledgeImportSchema, type KnowledgeImport } from '@dangjian/shared';
import type { EntityManager } from 'typeorm';

export type ImportResult = { collections: number; articles: number; removedArticles: number; qa: number };

/**
 * Loads collections and Q&A in the caller's transaction. A collection replaces the one of the same
 * name: articles are matched by number (ids, and the Q&A citing them, survive a corrected re-import);
 * articles no longer in the file go. Q&A are added, published, to `qaOrganisationId`.
 */
export async function importKnowledge(m: EntityManager, input: KnowledgeImport, qaOrganisationId: string | null): Promise<ImportResult> {
  const data = KnowledgeImportSchema.parse(input);
  const result: ImportResult = { collections: 0, articles: 0, removedArticles: 0, qa: 0 };
  for (const c of data.collections) {
    const numbers = c.chapters.flatMap((ch) => ch.articles.map((a) => a.number));
    const dup = numbers.find((n, i) => numbers.indexOf(n) !== i);
    if (dup) throw new Error(`《${c.name}》中 ${dup} 出现了两次`);
    const [col] = await m.query<Array<{ id: string }>>(
      `INSERT INTO knowledge_collection (name, short_name, issued_by, source, position)
       VALUES ($1, $2, $3, $4, (SELECT coalesce(max(position), 0) + 1 FROM knowledge_collection))
       ON CONFLICT (name) DO UPDATE SET short_name = EXCLUDED.short_name, issued_by = EXCLUDED.issued_by, source = EXCLUDED.source, updated_at = now()
       RETURNING id`,
      [c.name, c.shortName, c.issuedBy, c.source],
    );
    const old = await m.query<Array<{ id: string }>>(`SELECT id FROM knowledge_chapter WHERE collection_id = $1`, [col!.id]);
    let position = 0;
    for (const [i, ch] of c.chapters.entries()) {
      const [chapter] = await m.query<Array<{ id: string }>>(
        `INSERT INTO knowledge_chapter (collection_id, position, number, title) VALUES ($1, $2, $3, $4) RETURNING id`,
        [col!.id, i + 1, ch.number, ch.title],
      );
      for (const a of ch.articles) {
        await m.query(
          `INSERT INTO knowledge_article (collection_id, chapter_id, position, number, text) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (collection_id, number) DO UPDATE SET chapter_id = EXCLUDED.chapter_id, position = EXCLUDED.position, text = EXCLUDED.text, updated_at = now()`,
          [col!.id, chapter!.id, ++position, a.number, a.text],
        );
      }
    }
    const [removed] = await m.query<Array<{ n: number }>>(
      `WITH gone AS (DELETE FROM knowledge_article WHERE collection_id = $1 AND NOT (number = ANY($2::text[])) RETURNING 1) SELECT count(*)::int AS n FROM gone`,
      [col!.id, numbers],
    );
    await m.query(`DELETE FROM knowledge_chapter WHERE id = ANY($1::uuid[])`, [old.map((o) => o.id)]);
    result.collections++;
    result.articles += numbers.length;
    result.removedArticles += removed!.n;
  }
  if (data.qa.length && !qaOrganisationId) throw new Error('没有根党组织，无法导入问答：请先运行 admin init');
  // Last first, each stamped with the clock: lists show the newest first, so they show the file's order.
  for (const q of [...data.qa].reverse()) {
    const [row] = await m.query<Array<{ id: string }>>(
      `INSERT INTO knowledge_qa (organisation_id, question, answer, published, author_name, created_at, updated_at)
       VALUES ($1, $2, $3, true, '党委工作人员', clock_timestamp(), clock_timestamp()) RETURNING id`,
      [qaOrganisationId, q.question, q.answer],
    );
    for (const [i, r] of q.related.entries()) {
      const inserted = await m.query<unknown[]>(
        `INSERT INTO knowledge_qa_article (qa_id, article_id, position)
         SELECT $1, a.id, $2 FROM knowledge_article a JOIN knowledge_collection c ON c.id = a.collection_id
          WHERE c.short_name = $3 AND a.number = $4 RETURNING article_id`,
        [row!.id, i + 1, r.collection, r.number],
      );
      if (!inserted.length) throw new Error(`问答“${q.question}”引用的《${r.collection}》${r.number}不存在`);
    }
    result.qa++;
  }
  return result;
}

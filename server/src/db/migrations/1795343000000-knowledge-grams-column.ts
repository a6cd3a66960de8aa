import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 党建知识 search: each article's character pairs stored in a column (kept by a trigger), indexed,
 * instead of an index on the expression `knowledge_grams(text)`. With the expression, every plan that did not
 * use the index (and the planner's estimate of every recheck) computed the pairs per row — ≈ 0.8 ms
 * a row: a broad two-character phrase (党员, thousands of matches under the 500-candidate LIMIT) was
 * planned as a scan that took 438 ms on 10,000 articles, against 9 ms on the index. A stored column
 * costs the same computation once, at insert, and makes both plans' costs true. A trigger rather than
 * a generated column: TypeORM records generated columns in a metadata table keyed by the database's
 * name, which a restored or cloned database does not match.
 */
export class KnowledgeGramsColumn1795343000000 implements MigrationInterface {
  name = 'KnowledgeGramsColumn1795343000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_knowledge_article_grams"`);
    await q.query(`ALTER TABLE "knowledge_article" ADD "grams" text array`);
    await q.query(`UPDATE "knowledge_article" SET grams = knowledge_grams(text)`);
    await q.query(`ALTER TABLE "knowledge_article" ALTER COLUMN "grams" SET NOT NULL`);
    await q.query(`
      CREATE FUNCTION knowledge_article_grams() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.grams := knowledge_grams(NEW.text);
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER knowledge_article_grams BEFORE INSERT OR UPDATE OF text ON knowledge_article FOR EACH ROW EXECUTE FUNCTION knowledge_article_grams()`,
    );
    await q.query(`CREATE INDEX "IDX_knowledge_article_grams" ON "knowledge_article" USING gin ("grams")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_knowledge_article_grams"`);
    await q.query(`DROP TRIGGER knowledge_article_grams ON knowledge_article`);
    await q.query(`DROP FUNCTION knowledge_article_grams()`);
    await q.query(`ALTER TABLE "knowledge_article" DROP COLUMN "grams"`);
    await q.query(`CREATE INDEX "IDX_knowledge_article_grams" ON "knowledge_article" USING gin (knowledge_grams("text"))`);
  }
}

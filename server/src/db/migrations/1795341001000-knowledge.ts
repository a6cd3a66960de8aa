import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 党建知识 (issue 14): regulations by collection → chapter → article, and committee-written Q&A.
 *
 * Phrase search uses a GIN index on each article's distinct character pairs (`knowledge_grams`),
 * then checks the phrase as a substring. Not pg_trgm: under the C locale (the embedded cluster's,
 * and common on managed databases) pg_trgm extracts no trigrams from Chinese text at all —
 * `show_trgm('党员必须履行义务')` is empty on the embedded 18, while the machine's 15 (C.UTF-8)
 * returns hashed ones — so the same index would work on one install and scan everything on
 * another. Character pairs are plain text[] in a core GIN index: no locale, no extension.
 */
export class Knowledge1795341001000 implements MigrationInterface {
  name = 'Knowledge1795341001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "knowledge_collection" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying(100) NOT NULL, "short_name" character varying(30) NOT NULL, "issued_by" character varying(200) NOT NULL DEFAULT '', "source" character varying(300) NOT NULL, "position" integer NOT NULL, CONSTRAINT "UQ_knowledge_collection_name" UNIQUE ("name"), CONSTRAINT "PK_6a44e34e2bfddaf1ca3f079748b" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "knowledge_chapter" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "collection_id" uuid NOT NULL, "position" integer NOT NULL, "number" character varying(20) NOT NULL, "title" character varying(100) NOT NULL, CONSTRAINT "PK_d513ec4116eccbfc186b0922fa6" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_knowledge_chapter_collection" ON "knowledge_chapter"  ("collection_id", "position") `);
    await q.query(
      `CREATE TABLE "knowledge_article" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "collection_id" uuid NOT NULL, "chapter_id" uuid NOT NULL, "position" integer NOT NULL, "number" character varying(20) NOT NULL, "text" text NOT NULL, CONSTRAINT "UQ_knowledge_article_number" UNIQUE ("collection_id", "number"), CONSTRAINT "PK_5e6c80ff5dc988b082b737db9df" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_knowledge_article_chapter" ON "knowledge_article"  ("chapter_id", "position") `);
    await q.query(
      `CREATE TABLE "knowledge_qa" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organisation_id" uuid NOT NULL, "question" character varying(200) NOT NULL, "answer" text NOT NULL, "published" boolean NOT NULL DEFAULT false, "created_by" uuid, "author_name" character varying(50) NOT NULL, CONSTRAINT "PK_7b21169106e7a11362756c67dca" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_knowledge_qa_org" ON "knowledge_qa"  ("organisation_id") `);
    await q.query(
      `CREATE TABLE "knowledge_qa_article" ("qa_id" uuid NOT NULL, "article_id" uuid NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_0d47788cb211511b0de89146230" PRIMARY KEY ("qa_id", "article_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_knowledge_qa_article_article" ON "knowledge_qa_article"  ("article_id") `);
    await q.query(
      `ALTER TABLE "knowledge_chapter" ADD CONSTRAINT "FK_42e0157003e117cd00972f7d1e1" FOREIGN KEY ("collection_id") REFERENCES "knowledge_collection"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "knowledge_article" ADD CONSTRAINT "FK_366fb83411e07520d868c6da460" FOREIGN KEY ("collection_id") REFERENCES "knowledge_collection"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "knowledge_article" ADD CONSTRAINT "FK_8077143fd2758fe20ead5149233" FOREIGN KEY ("chapter_id") REFERENCES "knowledge_chapter"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "knowledge_qa" ADD CONSTRAINT "FK_e8439fa2a81e4f3d8fac6756b1d" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "knowledge_qa_article" ADD CONSTRAINT "FK_78ef322b37998e92c6bc7196255" FOREIGN KEY ("qa_id") REFERENCES "knowledge_qa"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "knowledge_qa_article" ADD CONSTRAINT "FK_389722fce8d1fa274312c1e7eee" FOREIGN KEY ("article_id") REFERENCES "knowledge_article"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The distinct lower-cased character pairs of a text; a phrase's pairs must all be among an
    // article's for the phrase to occur in it (the substring check then confirms).
    await q.query(`
      CREATE FUNCTION knowledge_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT ARRAY(SELECT DISTINCT substr(lower(t), i, 2) FROM generate_series(1, char_length(t) - 1) i)
      $$`);
    await q.query(`CREATE INDEX "IDX_knowledge_article_grams" ON "knowledge_article" USING gin (knowledge_grams("text"))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "knowledge_qa_article"`);
    await q.query(`DROP TABLE "knowledge_qa"`);
    await q.query(`DROP TABLE "knowledge_article"`);
    await q.query(`DROP TABLE "knowledge_chapter"`);
    await q.query(`DROP TABLE "knowledge_collection"`);
    await q.query(`DROP FUNCTION knowledge_grams`);
  }
}

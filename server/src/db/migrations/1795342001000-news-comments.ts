import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Moderated comments on 党建动态 (issue 14): pending until the branch secretary or the committee approves. */
export class NewsComments1795342001000 implements MigrationInterface {
  name = 'NewsComments1795342001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "news_comment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "news_id" uuid NOT NULL, "member_id" uuid NOT NULL, "author_name" character varying(50) NOT NULL, "body" character varying(500) NOT NULL, "state" character varying(20) NOT NULL DEFAULT 'pending', "approved_by" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_news_comment_state" CHECK (state IN ('pending','approved')), CONSTRAINT "PK_news_comment" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_news_comment_pending" ON "news_comment" ("news_id") WHERE state = 'pending'`);
    await q.query(`CREATE INDEX "IDX_news_comment_news" ON "news_comment" ("news_id", "created_at") `);
    await q.query(
      `ALTER TABLE "news_comment" ADD CONSTRAINT "FK_7a7edd0bb2c2396c415fde569b3" FOREIGN KEY ("news_id") REFERENCES "news"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "news_comment" ADD CONSTRAINT "FK_0cff9677e06dd98c905e21caaf4" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "news_comment"`);
  }
}

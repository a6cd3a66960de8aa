import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 党建动态 (issue 14): news with its review state and likes (one per member); the banners' active period. */
export class News1795340001000 implements MigrationInterface {
  name = 'News1795340001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "news" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organisation_id" uuid NOT NULL, "title" character varying(100) NOT NULL, "body_html" text NOT NULL DEFAULT '', "cover_file_id" uuid, "photo_ids" uuid array NOT NULL DEFAULT '{}', "meeting_id" uuid, "state" character varying(20) NOT NULL DEFAULT 'draft', "created_by" uuid, "author_name" character varying(50) NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE, "published_at" TIMESTAMP WITH TIME ZONE, "reviewer_org_id" uuid, "return_reason" character varying(300), "like_count" integer NOT NULL DEFAULT '0', CONSTRAINT "CHK_news_published" CHECK ((state = 'published') = (published_at IS NOT NULL AND reviewer_org_id IS NOT NULL)), CONSTRAINT "CHK_news_state" CHECK (state IN ('draft','submitted','published','returned')), CONSTRAINT "PK_39a43dfcb6007180f04aff2357e" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_news_state_published" ON "news"  ("state", "published_at") `);
    await q.query(`CREATE INDEX "IDX_news_org_state" ON "news"  ("organisation_id", "state") `);
    await q.query(
      `CREATE TABLE "news_like" ("news_id" uuid NOT NULL, "member_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b4b0abe6b216ec2109490c4784b" PRIMARY KEY ("news_id", "member_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_news_like_member" ON "news_like"  ("member_id") `);
    await q.query(`ALTER TABLE "home_banner" ADD "starts_on" date`);
    await q.query(`ALTER TABLE "home_banner" ADD "ends_on" date`);
    await q.query(`ALTER TABLE "home_banner" ADD CONSTRAINT "CHK_home_banner_period" CHECK (starts_on IS NULL OR ends_on IS NULL OR starts_on <= ends_on)`);
    await q.query(
      `ALTER TABLE "news" ADD CONSTRAINT "FK_8e9a1aec1657d38a59d8b27ac42" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "news" ADD CONSTRAINT "FK_d619ed938031ccfcb92b9373052" FOREIGN KEY ("cover_file_id") REFERENCES "stored_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "news" ADD CONSTRAINT "FK_2009e45c60d09df72ff9c2b0fad" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "news" ADD CONSTRAINT "FK_d94a5ed06cf362c5cf7a20a2c0e" FOREIGN KEY ("reviewer_org_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "news_like" ADD CONSTRAINT "FK_ac6ea9f0ca11b87a4244583585c" FOREIGN KEY ("news_id") REFERENCES "news"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "news_like" ADD CONSTRAINT "FK_1bc6bfeac28ff59422162f40cbf" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "news_like" DROP CONSTRAINT "FK_1bc6bfeac28ff59422162f40cbf"`);
    await q.query(`ALTER TABLE "news_like" DROP CONSTRAINT "FK_ac6ea9f0ca11b87a4244583585c"`);
    await q.query(`ALTER TABLE "news" DROP CONSTRAINT "FK_d94a5ed06cf362c5cf7a20a2c0e"`);
    await q.query(`ALTER TABLE "news" DROP CONSTRAINT "FK_2009e45c60d09df72ff9c2b0fad"`);
    await q.query(`ALTER TABLE "news" DROP CONSTRAINT "FK_d619ed938031ccfcb92b9373052"`);
    await q.query(`ALTER TABLE "news" DROP CONSTRAINT "FK_8e9a1aec1657d38a59d8b27ac42"`);
    await q.query(`ALTER TABLE "home_banner" DROP CONSTRAINT "CHK_home_banner_period"`);
    await q.query(`ALTER TABLE "home_banner" DROP COLUMN "ends_on"`);
    await q.query(`ALTER TABLE "home_banner" DROP COLUMN "starts_on"`);
    await q.query(`DROP TABLE "news_like"`);
    await q.query(`DROP TABLE "news"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 通知公告 with read receipts and the home-page banners (issue 14). The audience is a rule on the
 * notice row; receipts are written by readers only, so a notice to a subtree of any size is one row.
 */
export class Notices1795333001000 implements MigrationInterface {
  name = 'Notices1795333001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "notice" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organisation_id" uuid NOT NULL, "title" character varying(100) NOT NULL, "body_html" text NOT NULL DEFAULT '', "target_kind" character varying(20) NOT NULL, "target_org_id" uuid NOT NULL, "target_positions" character varying(30) array NOT NULL DEFAULT '{}', "pinned" boolean NOT NULL DEFAULT false, "requires_ack" boolean NOT NULL DEFAULT false, "expires_at" TIMESTAMP WITH TIME ZONE, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "publisher_name" character varying(50) NOT NULL, "last_reminded_at" TIMESTAMP WITH TIME ZONE, "read_count" integer NOT NULL DEFAULT '0', "acked_count" integer NOT NULL DEFAULT '0', CONSTRAINT "CHK_notice_target_kind" CHECK (target_kind IN ('subtree','organisation','roles','members')), CONSTRAINT "PK_705062b14410ff1a04998f86d72" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_notice_org_published" ON "notice"  ("organisation_id", "published_at") `);
    await q.query(
      `CREATE TABLE "notice_member" ("notice_id" uuid NOT NULL, "member_id" uuid NOT NULL, CONSTRAINT "PK_c23d0f2df12cb5f9521f7c7db49" PRIMARY KEY ("notice_id", "member_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_notice_member_member" ON "notice_member"  ("member_id") `);
    await q.query(
      `CREATE TABLE "notice_receipt" ("notice_id" uuid NOT NULL, "member_id" uuid NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE NOT NULL, "acked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_notice_receipt_ack" CHECK (acked_at IS NULL OR acked_at >= read_at), CONSTRAINT "PK_ca92d9ede130bca59a1cf406363" PRIMARY KEY ("notice_id", "member_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_notice_receipt_member" ON "notice_receipt"  ("member_id") `);
    await q.query(
      `CREATE TABLE "notice_file" ("file_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, CONSTRAINT "PK_b4d328fe35952d5b36960f537b0" PRIMARY KEY ("file_id"))`,
    );
    await q.query(
      `CREATE TABLE "notice_attachment" ("notice_id" uuid NOT NULL, "file_id" uuid NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_94ca4e333b1128cbde768508d62" PRIMARY KEY ("notice_id", "file_id"))`,
    );
    await q.query(
      `CREATE TABLE "home_banner" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organisation_id" uuid NOT NULL, "title" character varying(60) NOT NULL, "image_file_id" uuid NOT NULL, "link" character varying(300), "sort" integer NOT NULL DEFAULT '0', "created_by" uuid, CONSTRAINT "PK_2ac2f920b9772344fc405f228ff" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `ALTER TABLE "notice" ADD CONSTRAINT "FK_59c84dfc22272a2385e83f59470" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notice" ADD CONSTRAINT "FK_56378d9bb5ab00597f6616fe0c9" FOREIGN KEY ("target_org_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notice_member" ADD CONSTRAINT "FK_c35b5777c5eb86e8397a948a594" FOREIGN KEY ("notice_id") REFERENCES "notice"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notice_member" ADD CONSTRAINT "FK_ead2180f74de38843890c050510" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notice_receipt" ADD CONSTRAINT "FK_2cd02602c4c18766c33f8d813d1" FOREIGN KEY ("notice_id") REFERENCES "notice"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notice_receipt" ADD CONSTRAINT "FK_4c4fc754f0975b556666d8333e2" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notice_file" ADD CONSTRAINT "FK_b4d328fe35952d5b36960f537b0" FOREIGN KEY ("file_id") REFERENCES "stored_file"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notice_file" ADD CONSTRAINT "FK_49a2679f2b8b27692f97596fa1c" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notice_attachment" ADD CONSTRAINT "FK_efe8c6cbce15dafaea0541f2ec3" FOREIGN KEY ("notice_id") REFERENCES "notice"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "notice_attachment" ADD CONSTRAINT "FK_d8602a3f6226c0751603e360893" FOREIGN KEY ("file_id") REFERENCES "stored_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "home_banner" ADD CONSTRAINT "FK_6d3c69aacd941803d67058a66d5" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "home_banner" ADD CONSTRAINT "FK_1a1c63cb9559549c0ca363577cb" FOREIGN KEY ("image_file_id") REFERENCES "stored_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // read_count / acked_count follow the receipts in the reader's own transaction, so the publisher's
    // counts never scan 100,000 receipts (row lock per notice: one short UPDATE per first read or ack).
    await q.query(`CREATE FUNCTION notice_receipt_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE notice SET read_count = read_count + 1, acked_count = acked_count + (NEW.acked_at IS NOT NULL)::int WHERE id = NEW.notice_id;
  ELSIF TG_OP = 'UPDATE' THEN
    IF (OLD.acked_at IS NULL) <> (NEW.acked_at IS NULL) THEN
      UPDATE notice SET acked_count = acked_count + CASE WHEN NEW.acked_at IS NULL THEN -1 ELSE 1 END WHERE id = NEW.notice_id;
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE notice SET read_count = read_count - 1, acked_count = acked_count - (OLD.acked_at IS NOT NULL)::int WHERE id = OLD.notice_id;
  END IF;
  RETURN NULL;
END $$`);
    await q.query(
      `CREATE TRIGGER notice_receipt_count AFTER INSERT OR UPDATE OF acked_at OR DELETE ON notice_receipt FOR EACH ROW EXECUTE FUNCTION notice_receipt_count()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER notice_receipt_count ON notice_receipt`);
    await q.query(`DROP FUNCTION notice_receipt_count()`);
    await q.query(`ALTER TABLE "home_banner" DROP CONSTRAINT "FK_1a1c63cb9559549c0ca363577cb"`);
    await q.query(`ALTER TABLE "home_banner" DROP CONSTRAINT "FK_6d3c69aacd941803d67058a66d5"`);
    await q.query(`ALTER TABLE "notice_attachment" DROP CONSTRAINT "FK_d8602a3f6226c0751603e360893"`);
    await q.query(`ALTER TABLE "notice_attachment" DROP CONSTRAINT "FK_efe8c6cbce15dafaea0541f2ec3"`);
    await q.query(`ALTER TABLE "notice_file" DROP CONSTRAINT "FK_49a2679f2b8b27692f97596fa1c"`);
    await q.query(`ALTER TABLE "notice_file" DROP CONSTRAINT "FK_b4d328fe35952d5b36960f537b0"`);
    await q.query(`ALTER TABLE "notice_receipt" DROP CONSTRAINT "FK_4c4fc754f0975b556666d8333e2"`);
    await q.query(`ALTER TABLE "notice_receipt" DROP CONSTRAINT "FK_2cd02602c4c18766c33f8d813d1"`);
    await q.query(`ALTER TABLE "notice_member" DROP CONSTRAINT "FK_ead2180f74de38843890c050510"`);
    await q.query(`ALTER TABLE "notice_member" DROP CONSTRAINT "FK_c35b5777c5eb86e8397a948a594"`);
    await q.query(`ALTER TABLE "notice" DROP CONSTRAINT "FK_56378d9bb5ab00597f6616fe0c9"`);
    await q.query(`ALTER TABLE "notice" DROP CONSTRAINT "FK_59c84dfc22272a2385e83f59470"`);
    await q.query(`DROP TABLE "home_banner"`);
    await q.query(`DROP TABLE "notice_attachment"`);
    await q.query(`DROP TABLE "notice_file"`);
    await q.query(`DROP INDEX "public"."IDX_notice_receipt_member"`);
    await q.query(`DROP TABLE "notice_receipt"`);
    await q.query(`DROP INDEX "public"."IDX_notice_member_member"`);
    await q.query(`DROP TABLE "notice_member"`);
    await q.query(`DROP INDEX "public"."IDX_notice_org_published"`);
    await q.query(`DROP TABLE "notice"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 红色直播间 (issue 17): classes (course and lessons in the study module), the host rota, moderated comments. */
export class LiveClass1795355002000 implements MigrationInterface {
  name = 'LiveClass1795355002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "live_class" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organisation_id" uuid NOT NULL, "topic" character varying(100) NOT NULL, "summary" text NOT NULL DEFAULT '', "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "host_member_id" uuid NOT NULL, "stream_kind" character varying(20) NOT NULL, "stream_url" character varying(500), "course_id" uuid NOT NULL, "lesson_id" uuid NOT NULL, "recording_lesson_id" uuid, "host_awarded_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, CONSTRAINT "CHK_live_class_stream" CHECK (stream_kind IN ('hls','premiere') AND ((stream_kind = 'hls') = (stream_url IS NOT NULL))), CONSTRAINT "CHK_live_class_time" CHECK (ends_at > starts_at), CONSTRAINT "PK_277168a768aad7c05d3337ee2e4" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_live_class_org" ON "live_class"  ("organisation_id", "starts_at")`);
    await q.query(
      `CREATE TABLE "live_host_rota" ("organisation_id" uuid NOT NULL, "member_id" uuid NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_550f6de0f1d6c2c662e1d753de7" PRIMARY KEY ("organisation_id", "member_id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_live_host_rota_position" ON "live_host_rota"  ("organisation_id", "position")`);
    await q.query(
      `CREATE TABLE "live_class_comment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "class_id" uuid NOT NULL, "member_id" uuid NOT NULL, "author_name" character varying(50) NOT NULL, "body" character varying(500) NOT NULL, "state" character varying(20) NOT NULL DEFAULT 'pending', "approved_by" uuid, "approved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_live_class_comment_state" CHECK (state IN ('pending','approved')), CONSTRAINT "PK_9c8b09e8987c89d46d89a09e94c" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_live_class_comment_class" ON "live_class_comment"  ("class_id", "created_at")`);
    await q.query(
      `ALTER TABLE "live_class" ADD CONSTRAINT "FK_b90a5655eb1e386868b51b6b7dc" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "live_class" ADD CONSTRAINT "FK_24c54e1852311a650e593446159" FOREIGN KEY ("host_member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "live_class" ADD CONSTRAINT "FK_2521259eb2a96a5f53ada910d21" FOREIGN KEY ("course_id") REFERENCES "study_course"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "live_class" ADD CONSTRAINT "FK_49e576b6f33de3238a08b04e2eb" FOREIGN KEY ("lesson_id") REFERENCES "study_lesson"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "live_class" ADD CONSTRAINT "FK_fe226204d2706d19f65e4647a48" FOREIGN KEY ("recording_lesson_id") REFERENCES "study_lesson"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "live_class" ADD CONSTRAINT "FK_883f2dbde87e5742b9b5dcca71f" FOREIGN KEY ("created_by") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "live_host_rota" ADD CONSTRAINT "FK_76eb3097371dcf1db9543c45684" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "live_host_rota" ADD CONSTRAINT "FK_c646008f1dc034e647ef381eefe" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "live_class_comment" ADD CONSTRAINT "FK_feb32253b003f57488ad46ea4a7" FOREIGN KEY ("class_id") REFERENCES "live_class"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "live_class_comment" ADD CONSTRAINT "FK_f7284e54a0cdf45d09d2ef7b988" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "live_class_comment"`);
    await q.query(`DROP TABLE "live_host_rota"`);
    await q.query(`DROP TABLE "live_class"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 志愿服务 (issue 17, P4): volunteers (members, or 群众 with an encrypted phone and consent), teams, activities, sign-ups, photos. */
export class Volunteering1795355001000 implements MigrationInterface {
  name = 'Volunteering1795355001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "volunteer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "member_id" uuid, "name" character varying(50), "phone_enc" text, "phone_hash" character(64), "phone_masked" character varying(20), "consent_at" TIMESTAMP WITH TIME ZONE, "consent_by" uuid, CONSTRAINT "CHK_volunteer_kind" CHECK ((member_id IS NOT NULL) OR (phone_enc IS NOT NULL AND consent_at IS NOT NULL)), CONSTRAINT "PK_76924da1998b3e07025e04c4d3c" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_volunteer_phone" ON "volunteer"  ("phone_hash") WHERE phone_hash IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX "UQ_volunteer_member" ON "volunteer"  ("member_id") WHERE member_id IS NOT NULL`);
    await q.query(
      `CREATE TABLE "volunteer_team" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organisation_id" uuid NOT NULL, "name" character varying(50) NOT NULL, "description" text NOT NULL DEFAULT '', CONSTRAINT "PK_426a82503d4a4f4ae1483855a92" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_volunteer_team_org" ON "volunteer_team"  ("organisation_id")`);
    await q.query(
      `CREATE TABLE "volunteer_team_member" ("team_id" uuid NOT NULL, "volunteer_id" uuid NOT NULL, "leader" boolean NOT NULL DEFAULT false, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_942889ce8ecd54f373e5b62b5ae" PRIMARY KEY ("team_id", "volunteer_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_volunteer_team_member_volunteer" ON "volunteer_team_member"  ("volunteer_id")`);
    await q.query(
      `CREATE TABLE "volunteer_activity" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "team_id" uuid NOT NULL, "title" character varying(100) NOT NULL, "place" character varying(200) NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "capacity" integer NOT NULL, "description" text NOT NULL DEFAULT '', "rule_set" character varying(20) NOT NULL, "qr_step_seconds" integer NOT NULL DEFAULT '30', "report" text, "cancelled_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, CONSTRAINT "CHK_volunteer_activity_capacity" CHECK (capacity > 0), CONSTRAINT "CHK_volunteer_activity_time" CHECK (ends_at > starts_at), CONSTRAINT "PK_f6d890f349fe62d8bc653ac0848" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_volunteer_activity_team" ON "volunteer_activity"  ("team_id", "starts_at")`);
    await q.query(
      `CREATE TABLE "volunteer_signup" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "activity_id" uuid NOT NULL, "volunteer_id" uuid NOT NULL, "state" character varying(20) NOT NULL, "signed_up_at" TIMESTAMP WITH TIME ZONE NOT NULL, "queue_no" BIGSERIAL NOT NULL, "signed_in_at" TIMESTAMP WITH TIME ZONE, "signed_out_at" TIMESTAMP WITH TIME ZONE, "confirmed_by" uuid, "service_seconds" integer, CONSTRAINT "CHK_volunteer_signup_out" CHECK (signed_out_at IS NULL OR (signed_in_at IS NOT NULL AND signed_out_at >= signed_in_at)), CONSTRAINT "CHK_volunteer_signup_state" CHECK (state IN ('confirmed','waitlisted','cancelled')), CONSTRAINT "PK_215ecef0dad3f9bed0110ec8d4e" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_volunteer_signup_volunteer" ON "volunteer_signup"  ("volunteer_id")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_volunteer_signup" ON "volunteer_signup"  ("activity_id", "volunteer_id")`);
    await q.query(
      `CREATE TABLE "volunteer_activity_photo" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "activity_id" uuid NOT NULL, "file_id" uuid NOT NULL, CONSTRAINT "PK_05a27874faed330a0aa79ee1ab2" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_volunteer_activity_photo_activity" ON "volunteer_activity_photo"  ("activity_id")`);
    await q.query(
      `ALTER TABLE "volunteer" ADD CONSTRAINT "FK_c7f59b20973e5384fb9fa30d9f2" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "volunteer" ADD CONSTRAINT "FK_711face71836b4f90c76fb15aa5" FOREIGN KEY ("consent_by") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "volunteer_team" ADD CONSTRAINT "FK_49dd02b28f7a32b737797257357" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "volunteer_team_member" ADD CONSTRAINT "FK_0502bd64d7e788235a0523ec910" FOREIGN KEY ("team_id") REFERENCES "volunteer_team"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "volunteer_team_member" ADD CONSTRAINT "FK_b2df65af583cf969e6c9262643f" FOREIGN KEY ("volunteer_id") REFERENCES "volunteer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "volunteer_activity" ADD CONSTRAINT "FK_c122c299621a5c15a98c8de249e" FOREIGN KEY ("team_id") REFERENCES "volunteer_team"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "volunteer_activity" ADD CONSTRAINT "FK_de1f8967d77f713e13847a82057" FOREIGN KEY ("created_by") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "volunteer_signup" ADD CONSTRAINT "FK_d9b6dadf230790c9e64b12740cc" FOREIGN KEY ("activity_id") REFERENCES "volunteer_activity"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "volunteer_signup" ADD CONSTRAINT "FK_36a68cf537d3b44a1ca6bfb95dc" FOREIGN KEY ("volunteer_id") REFERENCES "volunteer"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "volunteer_signup" ADD CONSTRAINT "FK_282c5ba48abe5333f4b157a1cb7" FOREIGN KEY ("confirmed_by") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "volunteer_activity_photo" ADD CONSTRAINT "FK_a5b9c60907cbd172b54063bac9e" FOREIGN KEY ("activity_id") REFERENCES "volunteer_activity"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "volunteer_activity_photo" ADD CONSTRAINT "FK_6a745a59e437ee8679b8589eafd" FOREIGN KEY ("file_id") REFERENCES "stored_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "volunteer_activity_photo"`);
    await q.query(`DROP TABLE "volunteer_signup"`);
    await q.query(`DROP TABLE "volunteer_activity"`);
    await q.query(`DROP TABLE "volunteer_team_member"`);
    await q.query(`DROP TABLE "volunteer_team"`);
    await q.query(`DROP TABLE "volunteer"`);
  }
}

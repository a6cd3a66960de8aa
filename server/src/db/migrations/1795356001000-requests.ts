import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18 (S2–S4): enterprise contacts, service departments and handlers, enterprise requests with
 * their timeline and files, the service catalogue, rooms and bookings (no double booking: the
 * exclusion constraint EX_room_booking_overlap over tstzrange, with btree_gist for the room id), and
 * temporary branches with their secondments. Nothing here is deleted by the application (S3).
 */
export class Requests1795356001000 implements MigrationInterface {
  name = 'Requests1795356001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    // 诉求编号: SQ + filing day + a global sequence (never reused, gaps allowed).
    await q.query(`CREATE SEQUENCE enterprise_request_number_seq`);
    await q.query(
      `CREATE TABLE "enterprise_contact" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "committee_id" uuid NOT NULL, "enterprise_id" uuid NOT NULL, "user_id" uuid NOT NULL, "appointed_by" uuid, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7dae90e7eedb223c8974e51ec59" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_enterprise_contact_live" ON "enterprise_contact"  ("user_id", "enterprise_id") WHERE revoked_at IS NULL`);
    await q.query(
      `CREATE TABLE "service_department" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "committee_id" uuid NOT NULL, "name" character varying(40) NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_0cee18bf8d2bdaa2f4efdf287b4" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_service_department_name" ON "service_department"  ("committee_id", "name") `);
    await q.query(
      `CREATE TABLE "service_department_handler" ("department_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_651b0088a3856f1ba1d90c08051" PRIMARY KEY ("department_id", "user_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_service_department_handler_user" ON "service_department_handler"  ("user_id") `);
    await q.query(
      `CREATE TABLE "enterprise_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "number" character varying(20) NOT NULL, "committee_id" uuid NOT NULL, "enterprise_id" uuid, "requested_by" uuid NOT NULL, "category" character varying(20) NOT NULL, "title" character varying(60) NOT NULL, "description" text NOT NULL, "state" character varying(20) NOT NULL, "department_id" uuid, "first_response_due_on" date NOT NULL, "resolve_due_on" date NOT NULL, "first_response_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "rating" smallint, "closing_reason" text, "response_escalated_at" TIMESTAMP WITH TIME ZONE, "resolution_escalated_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_enterprise_request_reason" CHECK (state NOT IN ('withdrawn','rejected') OR closing_reason IS NOT NULL), CONSTRAINT "CHK_enterprise_request_rating" CHECK (rating IS NULL OR rating BETWEEN 1 AND 5), CONSTRAINT "CHK_enterprise_request_state" CHECK (state IN ('submitted','routed','in_progress','awaiting_info','resolved','closed','withdrawn','rejected')), CONSTRAINT "PK_5acd4f9fe0a359d388b1179b289" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_enterprise_request_number" ON "enterprise_request"  ("number") `);
    await q.query(`CREATE INDEX "IDX_enterprise_request_department" ON "enterprise_request"  ("department_id", "state") `);
    await q.query(`CREATE INDEX "IDX_enterprise_request_requester" ON "enterprise_request"  ("requested_by", "created_at") `);
    await q.query(`CREATE INDEX "IDX_enterprise_request_committee" ON "enterprise_request"  ("committee_id", "created_at") `);
    await q.query(
      `CREATE TABLE "enterprise_request_step" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "request_id" uuid NOT NULL, "action" character varying(20) NOT NULL, "from_state" character varying(20) NOT NULL, "to_state" character varying(20) NOT NULL, "actor_id" uuid, "text" text, "department_id" uuid, "rating" smallint, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_82378b82d1ae371d7fb126156a8" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_enterprise_request_step_request" ON "enterprise_request_step"  ("request_id", "id") `);
    await q.query(
      `CREATE TABLE "enterprise_request_file" ("request_id" uuid NOT NULL, "file_id" uuid NOT NULL, CONSTRAINT "PK_91e1bc7155437322325e97f237e" PRIMARY KEY ("request_id", "file_id"))`,
    );
    await q.query(
      `CREATE TABLE "service_catalogue_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "committee_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "title" character varying(60) NOT NULL, "body" text NOT NULL, "contact" character varying(100), "published" boolean NOT NULL DEFAULT true, CONSTRAINT "CHK_service_catalogue_item_kind" CHECK (kind IN ('policy','channel')), CONSTRAINT "PK_f1af42ad5981d3d17b7aaed2aa3" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_service_catalogue_item_committee" ON "service_catalogue_item"  ("committee_id", "kind") `);
    await q.query(
      `CREATE TABLE "service_room" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "committee_id" uuid NOT NULL, "name" character varying(40) NOT NULL, "location" character varying(100) NOT NULL DEFAULT '', "capacity" integer NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_9f9a4194c2bdf54ff794962d44a" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_service_room_name" ON "service_room"  ("committee_id", "name") `);
    await q.query(
      `CREATE TABLE "room_booking" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "room_id" uuid NOT NULL, "during" tstzrange NOT NULL, "purpose" character varying(100) NOT NULL, "booked_by" uuid NOT NULL, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancel_reason" text, CONSTRAINT "EX_room_booking_overlap" EXCLUDE USING gist ("room_id" WITH =, "during" WITH &&) WHERE ("cancelled_at" IS NULL), CONSTRAINT "PK_37af696e6aeb3fcb059778a96ff" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "temporary_branch" ("organisation_id" uuid NOT NULL, "project" character varying(100) NOT NULL, "kind" character varying(20) NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "dissolved_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_temporary_branch_kind" CHECK (kind IN ('temporary','wartime')), CONSTRAINT "CHK_temporary_branch_dates" CHECK (ends_on >= starts_on), CONSTRAINT "PK_8e6da9cd3c09d37aac26ea9c9ed" PRIMARY KEY ("organisation_id"))`,
    );
    await q.query(
      `CREATE TABLE "secondment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "organisation_id" uuid NOT NULL, "member_id" uuid NOT NULL, "started_on" date NOT NULL, "ended_on" date, CONSTRAINT "PK_5d50becc72d29bce00e5b0153a2" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_secondment_member" ON "secondment"  ("member_id") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_secondment_live" ON "secondment"  ("organisation_id", "member_id") WHERE ended_on IS NULL`);
    await q.query(
      `ALTER TABLE "enterprise_contact" ADD CONSTRAINT "FK_91c0588ba528c6a66267fa27a9c" FOREIGN KEY ("committee_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "enterprise_contact" ADD CONSTRAINT "FK_41a734f7343c548a98ca66fe8d1" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "enterprise_contact" ADD CONSTRAINT "FK_b9b8f5f3a437ecd0f87442102c3" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "enterprise_contact" ADD CONSTRAINT "FK_3ee11a83ac2fd0b5434864ae649" FOREIGN KEY ("appointed_by") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "service_department" ADD CONSTRAINT "FK_1cdd9a76d775e924fd3e76cd835" FOREIGN KEY ("committee_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "service_department_handler" ADD CONSTRAINT "FK_5792aded84c01297694032b2e37" FOREIGN KEY ("department_id") REFERENCES "service_department"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "service_department_handler" ADD CONSTRAINT "FK_e6423fbc384c563e0a5d1b22507" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "enterprise_request" ADD CONSTRAINT "FK_12e959d75e9ca95c3de50f4006d" FOREIGN KEY ("committee_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "enterprise_request" ADD CONSTRAINT "FK_1aa349f7c630274759f471f637c" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "enterprise_request" ADD CONSTRAINT "FK_79339169e60fee94d5ba9befbb8" FOREIGN KEY ("requested_by") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "enterprise_request" ADD CONSTRAINT "FK_59aff07c3ba1f13c6e9cda5c173" FOREIGN KEY ("department_id") REFERENCES "service_department"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "enterprise_request_step" ADD CONSTRAINT "FK_011fa977fc72d1e592040f08abe" FOREIGN KEY ("request_id") REFERENCES "enterprise_request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "enterprise_request_step" ADD CONSTRAINT "FK_455e0f82a45040639c29984448d" FOREIGN KEY ("actor_id") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "enterprise_request_step" ADD CONSTRAINT "FK_9b79ad54b3f0c1a0179d7221fb1" FOREIGN KEY ("department_id") REFERENCES "service_department"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "enterprise_request_file" ADD CONSTRAINT "FK_e422a459a4505219255300a6644" FOREIGN KEY ("request_id") REFERENCES "enterprise_request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "enterprise_request_file" ADD CONSTRAINT "FK_5f220d039aefbfc8d60d4e25ab7" FOREIGN KEY ("file_id") REFERENCES "stored_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "service_catalogue_item" ADD CONSTRAINT "FK_1698494976d02239da59484c3f0" FOREIGN KEY ("committee_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "service_room" ADD CONSTRAINT "FK_ae1f722310ac8c6a4022584ab0a" FOREIGN KEY ("committee_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "room_booking" ADD CONSTRAINT "FK_fa30cbd7fa3588d5f8699503779" FOREIGN KEY ("room_id") REFERENCES "service_room"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "room_booking" ADD CONSTRAINT "FK_3a529ea8e475ffeacd598c3ce9c" FOREIGN KEY ("booked_by") REFERENCES "user_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "temporary_branch" ADD CONSTRAINT "FK_8e6da9cd3c09d37aac26ea9c9ed" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "secondment" ADD CONSTRAINT "FK_25550ed86d6790f3a1289ac932d" FOREIGN KEY ("organisation_id") REFERENCES "temporary_branch"("organisation_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "secondment" ADD CONSTRAINT "FK_dae9e7e68939471c75753f3a490" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // M2/S4: a temporary branch holds no member's formal relationship; members are seconded to it instead.
    await q.query(`CREATE FUNCTION member_not_in_temporary() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM organisation WHERE id = NEW.organisation_id AND is_temporary) THEN
          RAISE EXCEPTION 'M2: a temporary branch holds no member''s formal relationship' USING ERRCODE = 'check_violation', CONSTRAINT = 'CHK_member_not_in_temporary';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER member_not_in_temporary BEFORE INSERT OR UPDATE OF organisation_id ON member FOR EACH ROW EXECUTE FUNCTION member_not_in_temporary()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER member_not_in_temporary ON member`);
    await q.query(`DROP FUNCTION member_not_in_temporary()`);
    for (const t of [
      'secondment',
      'temporary_branch',
      'room_booking',
      'service_room',
      'service_catalogue_item',
      'enterprise_request_file',
      'enterprise_request_step',
      'enterprise_request',
      'service_department_handler',
      'service_department',
      'enterprise_contact',
    ])
      await q.query(`DROP TABLE "${t}"`);
    await q.query(`DROP SEQUENCE enterprise_request_number_seq`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Elections (E1–E14), motions and admission votes (V1–V3), and their secret ballots. DDL generated
 * by TypeORM from the entities (the schema-drift test keeps them equal). What the database enforces:
 * one "has voted" row per voter and ballot box (E6: concurrent attempts give one ballot), a vote only
 * by someone on the box's roll (composite foreign key), receipts unique per box, one box per round.
 * The `ballot` table has no voter id, no serial and no time: only a random uuid, the box, the receipt
 * and the content.
 */
export class Elections1795326000000 implements MigrationInterface {
  name = 'Elections1795326000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "election" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "meeting_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "title" character varying(100) NOT NULL, "seats" integer NOT NULL, "original_seats" integer NOT NULL, "candidate_mode" character varying(12) NOT NULL, "rule_set" character varying(12) NOT NULL, "majority_base" character varying(10) NOT NULL, "electorate" character varying(20) NOT NULL, "committee_election_id" uuid, "rules_text" text, "state" character varying(24) NOT NULL DEFAULT 'draft', "attendance" jsonb, "rules_adoption" jsonb, "scrutineer_approval" jsonb, "seat_reduction" jsonb, "approval" jsonb, "cancel_reason" text, "created_by" uuid, CONSTRAINT "CHK_election_seats" CHECK (seats >= 0 AND original_seats >= 1 AND seats <= original_seats), CONSTRAINT "CHK_election_electorate" CHECK (electorate IN ('members','committee_election')), CONSTRAINT "CHK_election_base" CHECK (majority_base IN ('required','present')), CONSTRAINT "CHK_election_mode" CHECK (candidate_mode IN ('competitive','equal')), CONSTRAINT "CHK_election_kind" CHECK (kind IN ('committee','secretary','deputy_secretary','delegates')), CONSTRAINT "PK_17467b9ade12257d01912737bdb" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_election_org" ON "election"  ("organisation_id")`);
    await q.query(`CREATE INDEX "IDX_election_meeting" ON "election"  ("meeting_id")`);
    await q.query(
      `CREATE TABLE "election_candidate" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "election_id" uuid NOT NULL, "member_id" uuid, "name" character varying(50) NOT NULL, "introduction" text NOT NULL DEFAULT '', "approved_order" integer, "surname_strokes" integer, "write_in" boolean NOT NULL DEFAULT false, "status" character varying(12) NOT NULL DEFAULT 'candidate', "elected_in_round" integer, "added_in_round" integer NOT NULL DEFAULT '1', CONSTRAINT "CHK_election_candidate_status" CHECK (status IN ('candidate','elected','not_elected','runoff','withdrawn')), CONSTRAINT "PK_b6f8ad2f3560f5a7d617811bfb5" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_election_candidate_election" ON "election_candidate"  ("election_id")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_election_candidate_member" ON "election_candidate"  ("election_id", "member_id") WHERE member_id IS NOT NULL`);
    await q.query(
      `CREATE TABLE "election_scrutineer" ("election_id" uuid NOT NULL, "member_id" uuid NOT NULL, "role" character varying(10) NOT NULL, CONSTRAINT "CHK_election_scrutineer_role" CHECK (role IN ('chief','scrutineer','counter')), CONSTRAINT "PK_11ea057f86a1bdaef66ac3f0da9" PRIMARY KEY ("election_id", "member_id"))`,
    );
    await q.query(
      `CREATE TABLE "election_exclusion" ("election_id" uuid NOT NULL, "member_id" uuid NOT NULL, "reason" character varying(30) NOT NULL, "note" text, "approved_by" character varying(100) NOT NULL, "approval_ref" character varying(100) NOT NULL, "approved_on" date NOT NULL, "meeting_vote" jsonb NOT NULL, "recorded_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_45fae9fcaa4a87d88f1fa7005c7" PRIMARY KEY ("election_id", "member_id"))`,
    );
    await q.query(
      `CREATE TABLE "motion" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "meeting_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "title" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT '', "applicant_member_id" uuid, "applicant_name" character varying(50), "rule_set" character varying(12) NOT NULL, "state" character varying(16) NOT NULL DEFAULT 'draft', "cancel_reason" text, "created_by" uuid, CONSTRAINT "CHK_motion_kind" CHECK (kind IN ('general','admission','confirmation','committee')), CONSTRAINT "PK_6b577ebda54089e75b75f98058d" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_motion_org" ON "motion"  ("organisation_id")`);
    await q.query(`CREATE INDEX "IDX_motion_meeting" ON "motion"  ("meeting_id")`);
    await q.query(
      `CREATE TABLE "motion_opinion" ("motion_id" uuid NOT NULL, "member_id" uuid NOT NULL, "choice" character varying(10) NOT NULL, "submitted_on" date NOT NULL, "note" text, "counted" boolean, "recorded_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_motion_opinion_choice" CHECK (choice IN ('for','against','abstain')), CONSTRAINT "PK_5f4ce0b745eef7063226ddb708c" PRIMARY KEY ("motion_id", "member_id"))`,
    );
    await q.query(
      `CREATE TABLE "ballot_box" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "meeting_id" uuid NOT NULL, "election_id" uuid, "motion_id" uuid, "round_no" integer NOT NULL, "round_kind" character varying(12) NOT NULL, "seats" integer NOT NULL DEFAULT '1', "candidate_ids" uuid array NOT NULL DEFAULT '{}', "state" character varying(10) NOT NULL DEFAULT 'ready', "required_count" integer, "present_at_open" integer, "present_at_close" integer, "issued" integer, "collected" integer, "tally" jsonb, "record" jsonb, "digest" character(64), "opened_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "counted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_ballot_box_kind" CHECK (round_kind IN ('regular','rerun','runoff','additional','motion')), CONSTRAINT "CHK_ballot_box_state" CHECK (state IN ('ready','open','closed','void','counted')), CONSTRAINT "CHK_ballot_box_owner" CHECK ((election_id IS NULL) <> (motion_id IS NULL)), CONSTRAINT "PK_f36646e818660ffc80d3fee69c5" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_ballot_box_motion_round" ON "ballot_box"  ("motion_id", "round_no") WHERE motion_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX "UQ_ballot_box_election_round" ON "ballot_box"  ("election_id", "round_no") WHERE election_id IS NOT NULL`);
    await q.query(
      `CREATE TABLE "ballot_box_roll" ("box_id" uuid NOT NULL, "member_id" uuid NOT NULL, CONSTRAINT "PK_ea60fd33da746ce3ba26521b7ed" PRIMARY KEY ("box_id", "member_id"))`,
    );
    await q.query(
      `CREATE TABLE "ballot_box_voter" ("box_id" uuid NOT NULL, "member_id" uuid NOT NULL, CONSTRAINT "PK_cd3e3ca4d1f3bdca62807fd56a4" PRIMARY KEY ("box_id", "member_id"))`,
    );
    await q.query(
      `CREATE TABLE "ballot" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "box_id" uuid NOT NULL, "receipt" character varying(16) NOT NULL, "content" jsonb NOT NULL, CONSTRAINT "PK_20adac0e902c60e62fcb6f4cf9c" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_ballot_receipt" ON "ballot"  ("box_id", "receipt")`);
    await q.query(
      `CREATE TABLE "ballot_box_signature" ("box_id" uuid NOT NULL, "member_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" character varying(10) NOT NULL, "digest" character(64) NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_91ccad2b983a1e095111cd6df0d" PRIMARY KEY ("box_id", "member_id"))`,
    );
    await q.query(
      `ALTER TABLE "election" ADD CONSTRAINT "FK_4e4c01102352c5f8bdeedbf09ef" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "election" ADD CONSTRAINT "FK_e58b9e12dd58fb6eeb08c4f1858" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "election" ADD CONSTRAINT "FK_31389a55e657c1b4a85f2eb9ad4" FOREIGN KEY ("committee_election_id") REFERENCES "election"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "election_candidate" ADD CONSTRAINT "FK_2ed189f11305b041b984153607f" FOREIGN KEY ("election_id") REFERENCES "election"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "election_candidate" ADD CONSTRAINT "FK_e8cb8544f16716d48eac7a4b288" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "election_scrutineer" ADD CONSTRAINT "FK_1c8a8e685015c7c822af43b7ae3" FOREIGN KEY ("election_id") REFERENCES "election"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "election_scrutineer" ADD CONSTRAINT "FK_3fc7281e2e7602e4447be7d5dda" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "election_exclusion" ADD CONSTRAINT "FK_3a23893e9db77bcd2736e71631b" FOREIGN KEY ("election_id") REFERENCES "election"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "election_exclusion" ADD CONSTRAINT "FK_17c48ad83b87458b8d290ba64d0" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "motion" ADD CONSTRAINT "FK_f78076d6d2ba608aa6d9737b7d9" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "motion" ADD CONSTRAINT "FK_9db76052185fde9d05c83befcc0" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "motion" ADD CONSTRAINT "FK_3724bbf43efd38691ae2fd994cf" FOREIGN KEY ("applicant_member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "motion_opinion" ADD CONSTRAINT "FK_b11957762f5575aa715b19254d8" FOREIGN KEY ("motion_id") REFERENCES "motion"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "motion_opinion" ADD CONSTRAINT "FK_e9ba21c403285a04746629fb2f9" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "ballot_box" ADD CONSTRAINT "FK_d3eab586132f7df70f784823c04" FOREIGN KEY ("meeting_id") REFERENCES "meeting"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "ballot_box" ADD CONSTRAINT "FK_63b73726f7306e1779dced728b4" FOREIGN KEY ("election_id") REFERENCES "election"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "ballot_box" ADD CONSTRAINT "FK_9cb6e15c977f83aea55c36877c6" FOREIGN KEY ("motion_id") REFERENCES "motion"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "ballot_box_roll" ADD CONSTRAINT "FK_d63e24e5ce2b4c646f425594df0" FOREIGN KEY ("box_id") REFERENCES "ballot_box"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "ballot_box_roll" ADD CONSTRAINT "FK_4c1b043d12f0c3d849e69263e65" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "ballot_box_voter" ADD CONSTRAINT "FK_cd3e3ca4d1f3bdca62807fd56a4" FOREIGN KEY ("box_id", "member_id") REFERENCES "ballot_box_roll"("box_id","member_id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "ballot" ADD CONSTRAINT "FK_f36646e818660ffc80d3fee69c5" FOREIGN KEY ("box_id") REFERENCES "ballot_box"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "ballot_box_signature" ADD CONSTRAINT "FK_8a1a11d3b1cee779ad66efcda2d" FOREIGN KEY ("box_id") REFERENCES "ballot_box"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "ballot_box_signature" ADD CONSTRAINT "FK_fc4a9c8b221ed6a50cd54c581c3" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "election"`);
    await q.query(`DROP INDEX "public"."IDX_election_org"`);
    await q.query(`DROP INDEX "public"."IDX_election_meeting"`);
    await q.query(`DROP TABLE "election_candidate"`);
    await q.query(`DROP INDEX "public"."IDX_election_candidate_election"`);
    await q.query(`DROP INDEX "public"."UQ_election_candidate_member"`);
    await q.query(`DROP TABLE "election_scrutineer"`);
    await q.query(`DROP TABLE "election_exclusion"`);
    await q.query(`DROP TABLE "motion"`);
    await q.query(`DROP INDEX "public"."IDX_motion_org"`);
    await q.query(`DROP INDEX "public"."IDX_motion_meeting"`);
    await q.query(`DROP TABLE "motion_opinion"`);
    await q.query(`DROP TABLE "ballot_box"`);
    await q.query(`DROP INDEX "public"."UQ_ballot_box_motion_round"`);
    await q.query(`DROP INDEX "public"."UQ_ballot_box_election_round"`);
    await q.query(`DROP TABLE "ballot_box_roll"`);
    await q.query(`DROP TABLE "ballot_box_voter"`);
    await q.query(`DROP TABLE "ballot"`);
    await q.query(`DROP INDEX "public"."UQ_ballot_receipt"`);
    await q.query(`DROP TABLE "ballot_box_signature"`);
    await q.query(`ALTER TABLE "election" DROP CONSTRAINT "FK_4e4c01102352c5f8bdeedbf09ef"`);
    await q.query(`ALTER TABLE "election" DROP CONSTRAINT "FK_e58b9e12dd58fb6eeb08c4f1858"`);
    await q.query(`ALTER TABLE "election" DROP CONSTRAINT "FK_31389a55e657c1b4a85f2eb9ad4"`);
    await q.query(`ALTER TABLE "election_candidate" DROP CONSTRAINT "FK_2ed189f11305b041b984153607f"`);
    await q.query(`ALTER TABLE "election_candidate" DROP CONSTRAINT "FK_e8cb8544f16716d48eac7a4b288"`);
    await q.query(`ALTER TABLE "election_scrutineer" DROP CONSTRAINT "FK_1c8a8e685015c7c822af43b7ae3"`);
    await q.query(`ALTER TABLE "election_scrutineer" DROP CONSTRAINT "FK_3fc7281e2e7602e4447be7d5dda"`);
    await q.query(`ALTER TABLE "election_exclusion" DROP CONSTRAINT "FK_3a23893e9db77bcd2736e71631b"`);
    await q.query(`ALTER TABLE "election_exclusion" DROP CONSTRAINT "FK_17c48ad83b87458b8d290ba64d0"`);
    await q.query(`ALTER TABLE "motion" DROP CONSTRAINT "FK_f78076d6d2ba608aa6d9737b7d9"`);
    await q.query(`ALTER TABLE "motion" DROP CONSTRAINT "FK_9db76052185fde9d05c83befcc0"`);
    await q.query(`ALTER TABLE "motion" DROP CONSTRAINT "FK_3724bbf43efd38691ae2fd994cf"`);
    await q.query(`ALTER TABLE "motion_opinion" DROP CONSTRAINT "FK_b11957762f5575aa715b19254d8"`);
    await q.query(`ALTER TABLE "motion_opinion" DROP CONSTRAINT "FK_e9ba21c403285a04746629fb2f9"`);
    await q.query(`ALTER TABLE "ballot_box" DROP CONSTRAINT "FK_d3eab586132f7df70f784823c04"`);
    await q.query(`ALTER TABLE "ballot_box" DROP CONSTRAINT "FK_63b73726f7306e1779dced728b4"`);
    await q.query(`ALTER TABLE "ballot_box" DROP CONSTRAINT "FK_9cb6e15c977f83aea55c36877c6"`);
    await q.query(`ALTER TABLE "ballot_box_roll" DROP CONSTRAINT "FK_d63e24e5ce2b4c646f425594df0"`);
    await q.query(`ALTER TABLE "ballot_box_roll" DROP CONSTRAINT "FK_4c1b043d12f0c3d849e69263e65"`);
    await q.query(`ALTER TABLE "ballot_box_voter" DROP CONSTRAINT "FK_cd3e3ca4d1f3bdca62807fd56a4"`);
    await q.query(`ALTER TABLE "ballot" DROP CONSTRAINT "FK_f36646e818660ffc80d3fee69c5"`);
    await q.query(`ALTER TABLE "ballot_box_signature" DROP CONSTRAINT "FK_8a1a11d3b1cee779ad66efcda2d"`);
    await q.query(`ALTER TABLE "ballot_box_signature" DROP CONSTRAINT "FK_fc4a9c8b221ed6a50cd54c581c3"`);
  }
}

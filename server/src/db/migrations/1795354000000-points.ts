import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * P3: the study ledger generalised into the one points ledger. `study_points` becomes `points_entry`
 * (rows kept) with the rule version that gave each entry; `study_points_rule` becomes the versioned
 * `points_rule` (each activity's old rule is its version 1, in force since 2000) with yearly caps;
 * `points_deduction` holds deductions and their approval. Hand-written: `points_award()` — the one
 * way awards are written — and `study_award_points()` kept as its alias for callers of the old name.
 */
export class Points1795354000000 implements MigrationInterface {
  name = 'Points1795354000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "points_rule" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "activity" character varying(20) NOT NULL, "version" integer NOT NULL,
        "effective_from" date NOT NULL, "points" integer NOT NULL, "daily_cap" integer NOT NULL, "yearly_cap" integer, "note" character varying(200),
        "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "CHK_points_rule_caps" CHECK (points > 0 AND daily_cap >= points AND (yearly_cap IS NULL OR yearly_cap >= daily_cap)),
        CONSTRAINT "PK_points_rule" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "UQ_points_rule_version" ON "points_rule" ("activity", "version")`);
    await q.query(`CREATE UNIQUE INDEX "UQ_points_rule_from" ON "points_rule" ("activity", "effective_from")`);
    await q.query(
      `ALTER TABLE "points_rule" ADD CONSTRAINT "FK_points_rule_created_by" FOREIGN KEY ("created_by") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `INSERT INTO points_rule (activity, version, effective_from, points, daily_cap) SELECT activity, 1, DATE '2000-01-01', points, daily_cap FROM study_points_rule`,
    );

    await q.query(`ALTER TABLE "study_points" RENAME TO "points_entry"`);
    await q.query(`ALTER TABLE "points_entry" RENAME CONSTRAINT "PK_609aacd72e8040dbb7d0f8ee3f1" TO "PK_points_entry"`);
    await q.query(`ALTER TABLE "points_entry" RENAME CONSTRAINT "FK_fd2c5d603f94dd13b4147fac84c" TO "FK_points_entry_member"`);
    await q.query(`ALTER INDEX "UQ_study_points_source" RENAME TO "UQ_points_entry_source"`);
    await q.query(`ALTER INDEX "IDX_study_points_day" RENAME TO "IDX_points_entry_day"`);
    await q.query(`ALTER INDEX "IDX_study_points_member_day" RENAME TO "IDX_points_entry_member_day"`);
    await q.query(`ALTER TABLE "points_entry" ADD "rule_id" uuid`);
    await q.query(`UPDATE points_entry p SET rule_id = r.id FROM points_rule r WHERE r.activity = p.activity AND r.version = 1`);
    await q.query(
      `ALTER TABLE "points_entry" ADD CONSTRAINT "FK_points_entry_rule" FOREIGN KEY ("rule_id") REFERENCES "points_rule"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "points_entry" ADD CONSTRAINT "CHK_points_entry_kind" CHECK ((activity = 'deduction') = (rule_id IS NULL) AND (activity = 'deduction') = (points < 0))`,
    );
    await q.query(`CREATE INDEX "IDX_points_entry_member_activity_day" ON "points_entry" ("member_id", "activity", "day")`);

    await q.query(
      `CREATE TABLE "points_deduction" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "member_id" uuid NOT NULL, "points" integer NOT NULL,
        "reason" character varying(500) NOT NULL, "day" date NOT NULL, "state" character varying(12) NOT NULL DEFAULT 'proposed', "proposed_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "reject_reason" character varying(500),
        CONSTRAINT "CHK_points_deduction_state" CHECK (state IN ('proposed','approved','rejected')),
        CONSTRAINT "CHK_points_deduction_points" CHECK (points BETWEEN 1 AND 100),
        CONSTRAINT "CHK_points_deduction_reject" CHECK ((state = 'rejected') = (reject_reason IS NOT NULL)),
        CONSTRAINT "PK_points_deduction" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_points_deduction_member" ON "points_deduction" ("member_id")`);
    await q.query(
      `ALTER TABLE "points_deduction" ADD CONSTRAINT "FK_points_deduction_member" FOREIGN KEY ("member_id") REFERENCES "member"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "points_deduction" ADD CONSTRAINT "FK_points_deduction_proposed_by" FOREIGN KEY ("proposed_by") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "points_deduction" ADD CONSTRAINT "FK_points_deduction_decided_by" FOREIGN KEY ("decided_by") REFERENCES "user_account"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );

    // P3: award points for one source event under the rule version in force on the day, never above
    // its daily cap nor its yearly cap. Returns the points given (0 when capped, no rule, or the
    // source was already awarded). One lock per member and year serialises every award that could
    // share a cap, so concurrent awards cannot both pass it.
    await q.query(`DROP FUNCTION study_award_points(uuid, text, text, date)`);
    await q.query(`
      CREATE FUNCTION points_award(p_member uuid, p_activity text, p_source text, p_day date) RETURNS integer
      LANGUAGE plpgsql AS $$
      DECLARE
        r points_rule%ROWTYPE;
        y_from date := date_trunc('year', p_day)::date;
        earned_day integer;
        earned_year integer;
        give integer;
      BEGIN
        SELECT * INTO r FROM points_rule WHERE activity = p_activity AND effective_from <= p_day ORDER BY effective_from DESC LIMIT 1;
        IF NOT FOUND THEN RETURN 0; END IF;
        PERFORM pg_advisory_xact_lock(hashtextextended('points:' || p_member::text || ':' || extract(year FROM p_day)::text, 0));
        IF EXISTS (SELECT 1 FROM points_entry WHERE source_key = p_source) THEN RETURN 0; END IF;
        SELECT COALESCE(sum(points) FILTER (WHERE day = p_day), 0), COALESCE(sum(points), 0) INTO earned_day, earned_year
          FROM points_entry WHERE member_id = p_member AND activity = p_activity AND day BETWEEN y_from AND (y_from + interval '1 year - 1 day')::date;
        give := LEAST(r.points, r.daily_cap - earned_day, COALESCE(r.yearly_cap - earned_year, r.points));
        IF give <= 0 THEN RETURN 0; END IF;
        INSERT INTO points_entry (member_id, activity, source_key, points, day, rule_id) VALUES (p_member, p_activity, p_source, give, p_day, r.id);
        RETURN give;
      END $$`);
    await q.query(`
      CREATE FUNCTION study_award_points(p_member uuid, p_activity text, p_source text, p_day date) RETURNS integer
      LANGUAGE sql AS $$ SELECT points_award(p_member, p_activity, p_source, p_day) $$`);
    // The check-in trigger (L4) writes to the renamed ledger.
    await q.query(`
      CREATE OR REPLACE FUNCTION study_checkin_points() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' AND OLD.status = 'confirmed' AND (TG_OP = 'DELETE' OR NEW.status <> 'confirmed') THEN
          DELETE FROM points_entry WHERE source_key = 'checkin:' || OLD.id::text;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.status = 'confirmed' THEN
          PERFORM points_award(NEW.member_id, 'checkin', 'checkin:' || NEW.id::text, (NEW.at AT TIME ZONE 'Asia/Shanghai')::date);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`DROP TABLE "study_points_rule"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "study_points_rule" ("activity" character varying(20) NOT NULL, "points" integer NOT NULL, "daily_cap" integer NOT NULL, CONSTRAINT "PK_a5ae49c2b4ba14b8ffc8e375950" PRIMARY KEY ("activity"))`,
    );
    await q.query(
      `INSERT INTO study_points_rule (activity, points, daily_cap) SELECT DISTINCT ON (activity) activity, points, daily_cap FROM points_rule ORDER BY activity, effective_from DESC`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION study_checkin_points() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' AND OLD.status = 'confirmed' AND (TG_OP = 'DELETE' OR NEW.status <> 'confirmed') THEN
          DELETE FROM study_points WHERE source_key = 'checkin:' || OLD.id::text;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.status = 'confirmed' THEN
          PERFORM study_award_points(NEW.member_id, 'checkin', 'checkin:' || NEW.id::text, (NEW.at AT TIME ZONE 'Asia/Shanghai')::date);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`DROP FUNCTION study_award_points(uuid, text, text, date)`);
    await q.query(`DROP FUNCTION points_award(uuid, text, text, date)`);
    await q.query(`DROP TABLE "points_deduction"`);
    await q.query(`DELETE FROM points_entry WHERE activity = 'deduction' OR activity NOT IN (SELECT activity FROM study_points_rule)`);
    await q.query(`DROP INDEX "IDX_points_entry_member_activity_day"`);
    await q.query(`ALTER TABLE "points_entry" DROP CONSTRAINT "CHK_points_entry_kind"`);
    await q.query(`ALTER TABLE "points_entry" DROP CONSTRAINT "FK_points_entry_rule"`);
    await q.query(`ALTER TABLE "points_entry" DROP COLUMN "rule_id"`);
    await q.query(`ALTER INDEX "IDX_points_entry_member_day" RENAME TO "IDX_study_points_member_day"`);
    await q.query(`ALTER INDEX "IDX_points_entry_day" RENAME TO "IDX_study_points_day"`);
    await q.query(`ALTER INDEX "UQ_points_entry_source" RENAME TO "UQ_study_points_source"`);
    await q.query(`ALTER TABLE "points_entry" RENAME CONSTRAINT "FK_points_entry_member" TO "FK_fd2c5d603f94dd13b4147fac84c"`);
    await q.query(`ALTER TABLE "points_entry" RENAME CONSTRAINT "PK_points_entry" TO "PK_609aacd72e8040dbb7d0f8ee3f1"`);
    await q.query(`ALTER TABLE "points_entry" RENAME TO "study_points"`);
    await q.query(`
      CREATE FUNCTION study_award_points(p_member uuid, p_activity text, p_source text, p_day date) RETURNS integer
      LANGUAGE plpgsql AS $$
      DECLARE
        r study_points_rule%ROWTYPE;
        earned integer;
        give integer;
      BEGIN
        SELECT * INTO r FROM study_points_rule WHERE activity = p_activity;
        IF NOT FOUND THEN RETURN 0; END IF;
        PERFORM pg_advisory_xact_lock(hashtextextended('study_points:' || p_member::text || ':' || p_day::text, 0));
        IF EXISTS (SELECT 1 FROM study_points WHERE source_key = p_source) THEN RETURN 0; END IF;
        SELECT COALESCE(sum(points), 0) INTO earned FROM study_points WHERE member_id = p_member AND day = p_day AND activity = p_activity;
        give := LEAST(r.points, r.daily_cap - earned);
        IF give <= 0 THEN RETURN 0; END IF;
        INSERT INTO study_points (member_id, activity, source_key, points, day) VALUES (p_member, p_activity, p_source, give, p_day);
        RETURN give;
      END $$`);
    await q.query(`DROP TABLE "points_rule"`);
  }
}

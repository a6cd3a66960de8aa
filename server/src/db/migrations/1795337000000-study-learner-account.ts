import type { MigrationInterface, QueryRunner } from 'typeorm';
import { HeartbeatPg151795330001000 } from './1795330001000-heartbeat-pg15.js';

const HEARTBEAT_RESULT = `TABLE (clocked boolean, prev_at timestamptz, was_open boolean, kind varchar, duration_s integer, watch_threshold double precision,
                     min_seconds integer, course_id uuid, org_path text, status varchar, "position" double precision, credited_ms bigint,
                     watched jsonb, last_beat_at timestamptz, completed_at timestamptz)`;

/** The heartbeat's locking clock upsert and read of this migration (dropped again by 1795400000000). */
export const HEARTBEAT_OPEN_FN = `
      CREATE FUNCTION study_heartbeat_open(p_member uuid, p_user uuid, p_now timestamptz, p_device text, p_seq bigint, p_open boolean, p_lesson uuid)
      RETURNS ${HEARTBEAT_RESULT}
      LANGUAGE plpgsql VOLATILE AS $fn$
      #variable_conflict use_column
      DECLARE
        v_id uuid;
        v_prev timestamptz;
        v_open boolean;
        v_seqs jsonb;
        v_clocked boolean := false;
      BEGIN
        LOOP
          -- One of p_member / p_user is null, so one side of the OR never matches.
          SELECT sc.id, sc.last_at, sc.session_open, sc.seqs INTO v_id, v_prev, v_open, v_seqs FROM study_clock sc
           WHERE sc.member_id = p_member OR sc.user_id = p_user FOR UPDATE;
          IF FOUND THEN
            IF COALESCE((v_seqs ->> p_device)::bigint, -1) < p_seq THEN
              UPDATE study_clock sc SET last_at = GREATEST(sc.last_at, p_now), seqs = sc.seqs || jsonb_build_object(p_device, p_seq), session_open = p_open
               WHERE sc.id = v_id;
              v_clocked := true;
            ELSE
              v_prev := NULL;
              v_open := NULL;
            END IF;
            EXIT;
          END IF;
          INSERT INTO study_clock (member_id, user_id, last_at, seqs, session_open) VALUES (p_member, p_user, p_now, jsonb_build_object(p_device, p_seq), p_open)
          ON CONFLICT DO NOTHING;
          IF FOUND THEN
            v_clocked := true;
            v_prev := NULL;
            v_open := NULL;
            EXIT;
          END IF;
        END LOOP;
        RETURN QUERY
          SELECT v_clocked, v_prev, v_open, l.kind, l.duration_s, l.watch_threshold, l.min_seconds, l.course_id, c.org_path::text, c.status,
                 p.position, p.credited_ms, p.watched, p.last_beat_at, p.completed_at
            FROM study_lesson l JOIN study_course c ON c.id = l.course_id
            LEFT JOIN study_progress p ON p.lesson_id = l.id AND (p.member_id = p_member OR p.user_id = p_user)
           WHERE l.id = p_lesson;
      END
      $fn$`;

/**
 * Study under an account (issue 16, DOMAIN D11): development candidates (入党积极分子 / 发展对象) sign in
 * with an account of their own but have no member row, so their online study could not be recorded,
 * and the concentrated training's 学时 could not come from it. The learner of `study_clock`,
 * `study_progress` and `study_day` is now a member (`member_id`, as before) **or** an account
 * (`user_id`), exactly one (CHECK). Every existing row keeps its member id unchanged: members go on
 * studying under their member id, so their hours still follow the member and not the WeChat account
 * they happen to use. The composite primary keys (which cannot hold a null) become a surrogate `id`
 * with the same uniqueness as unique indexes per learner kind.
 *
 * `study_assignment_account`: the accounts an assignment of target `candidates` reached.
 * `study_heartbeat_open` takes the account beside the member (one of them null); same contract and
 * locking as migration 1795330001000, the clock row found by either key and then updated by its id.
 */
export class StudyLearnerAccount1795337000000 implements MigrationInterface {
  name = 'StudyLearnerAccount1795337000000';

  async up(q: QueryRunner): Promise<void> {
    const tables: Array<{ t: string; oldPk: string; pk: string; userFk: string }> = [
      { t: 'study_clock', oldPk: 'PK_fcdca2e76dc3dcf6a7e55f6f7a1', pk: 'PK_1e6a8783b380f6b03a120ee4f1a', userFk: 'FK_51715ba845898674077ecd5ad37' },
      { t: 'study_progress', oldPk: 'PK_af678915312850cb711af4862f2', pk: 'PK_3d6167d8e0a08a5c26a516e0d37', userFk: 'FK_b89bb9c402db026650d317e497d' },
      { t: 'study_day', oldPk: 'PK_656c4f061a85bd61be071adcd98', pk: 'PK_565c6b35aa4f0246cd54a4efd3b', userFk: 'FK_d89786a6e940dd5208ab7947ef5' },
    ];
    for (const { t, oldPk, pk, userFk } of tables) {
      await q.query(`ALTER TABLE "${t}" DROP CONSTRAINT "${oldPk}"`);
      await q.query(`ALTER TABLE "${t}" ADD "id" uuid NOT NULL DEFAULT gen_random_uuid()`);
      await q.query(`ALTER TABLE "${t}" ADD CONSTRAINT "${pk}" PRIMARY KEY ("id")`);
      await q.query(`ALTER TABLE "${t}" ALTER COLUMN "member_id" DROP NOT NULL`);
      await q.query(`ALTER TABLE "${t}" ADD "user_id" uuid`);
      await q.query(
        `ALTER TABLE "${t}" ADD CONSTRAINT "${userFk}" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      );
      await q.query(`ALTER TABLE "${t}" ADD CONSTRAINT "CHK_${t}_learner" CHECK (num_nonnulls(member_id, user_id) = 1)`);
    }
    await q.query(`CREATE UNIQUE INDEX "UQ_study_clock_member" ON "study_clock"  ("member_id") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_study_clock_user" ON "study_clock"  ("user_id") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_study_progress_member_lesson" ON "study_progress"  ("member_id", "lesson_id") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_study_progress_user_lesson" ON "study_progress"  ("user_id", "lesson_id") `);
    await q.query(`CREATE INDEX "IDX_study_progress_user_course" ON "study_progress"  ("user_id", "course_id") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_study_day_member_day" ON "study_day"  ("member_id", "day") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_study_day_user_day" ON "study_day"  ("user_id", "day") `);

    await q.query(
      `CREATE TABLE "study_assignment_account" ("assignment_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_bf52278085c706e8819d21be80c" PRIMARY KEY ("assignment_id", "user_id"))`,
    );
    await q.query(`CREATE INDEX "IDX_study_assignment_account_user" ON "study_assignment_account"  ("user_id") `);
    await q.query(
      `ALTER TABLE "study_assignment_account" ADD CONSTRAINT "FK_3908537f402d154a0b4402d6ae1" FOREIGN KEY ("assignment_id") REFERENCES "study_assignment"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "study_assignment_account" ADD CONSTRAINT "FK_bb1bb5257615387ea55cd86f461" FOREIGN KEY ("user_id") REFERENCES "user_account"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await q.query(`DROP FUNCTION study_heartbeat_open(uuid, timestamptz, text, bigint, boolean, uuid)`);
    await q.query(HEARTBEAT_OPEN_FN);
  }

  async down(q: QueryRunner): Promise<void> {
    // Rows of accounts cannot go back under a member key: they are removed with the column.
    await q.query(`DROP FUNCTION study_heartbeat_open(uuid, uuid, timestamptz, text, bigint, boolean, uuid)`);
    await q.query(`DROP TABLE "study_assignment_account"`);
    for (const [t, oldPk, cols] of [
      ['study_clock', 'PK_fcdca2e76dc3dcf6a7e55f6f7a1', '"member_id"'],
      ['study_progress', 'PK_af678915312850cb711af4862f2', '"member_id", "lesson_id"'],
      ['study_day', 'PK_656c4f061a85bd61be071adcd98', '"member_id", "day"'],
    ] as const) {
      await q.query(`DELETE FROM "${t}" WHERE user_id IS NOT NULL`);
      await q.query(`ALTER TABLE "${t}" DROP COLUMN "user_id"`);
      await q.query(`ALTER TABLE "${t}" DROP COLUMN "id"`);
      await q.query(`ALTER TABLE "${t}" ALTER COLUMN "member_id" SET NOT NULL`);
      await q.query(`ALTER TABLE "${t}" ADD CONSTRAINT "${oldPk}" PRIMARY KEY (${cols})`);
    }
    await q.query(`DROP INDEX "UQ_study_clock_member"`);
    await q.query(`DROP INDEX "UQ_study_progress_member_lesson"`);
    await q.query(`DROP INDEX "UQ_study_day_member_day"`);
    await new HeartbeatPg151795330001000().up(q);
  }
}

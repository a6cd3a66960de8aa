import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SignupState, VolunteerRuleSetId } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';

export type TeamRow = {
  id: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  name: string;
  description: string;
  volunteerCount: number;
  leaders: string[];
};
export type TeamVolunteerRow = {
  volunteerId: string;
  memberId: string | null;
  name: string;
  phoneMasked: string | null;
  leader: boolean;
  consentAt: Date | null;
};
export type ActivityRow = {
  id: string;
  teamId: string;
  teamName: string;
  orgName: string;
  orgPath: string;
  title: string;
  place: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  description: string;
  ruleSet: VolunteerRuleSetId;
  qrStepSeconds: number;
  report: string | null;
  cancelledAt: Date | null;
  confirmedCount: number;
  waitlistCount: number;
};
export type SignupRow = {
  id: string;
  activityId: string;
  volunteerId: string;
  memberId: string | null;
  name: string;
  phoneMasked: string | null;
  state: SignupState;
  signedUpAt: Date;
  signedInAt: Date | null;
  signedOutAt: Date | null;
  confirmedBy: string | null;
  confirmerName: string | null;
  serviceSeconds: number | null;
  waitPosition: number | null;
};
export type HoursRow = {
  activityId: string;
  title: string;
  teamName: string;
  startsAt: Date;
  signedInAt: Date | null;
  signedOutAt: Date | null;
  serviceSeconds: number | null;
};

const TEAM = `SELECT t.id, t.organisation_id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", t.name, t.description,
       (SELECT count(*)::int FROM volunteer_team_member tm WHERE tm.team_id = t.id) AS "volunteerCount",
       ARRAY(SELECT coalesce(m.name, v.name) FROM volunteer_team_member tm JOIN volunteer v ON v.id = tm.volunteer_id
             LEFT JOIN member m ON m.id = v.member_id WHERE tm.team_id = t.id AND tm.leader ORDER BY tm.joined_at) AS leaders
  FROM volunteer_team t JOIN organisation o ON o.id = t.organisation_id`;

const ACTIVITY = `SELECT a.id, a.team_id AS "teamId", t.name AS "teamName", o.name AS "orgName", o.path::text AS "orgPath", a.title, a.place,
       a.starts_at AS "startsAt", a.ends_at AS "endsAt", a.capacity, a.description, a.rule_set AS "ruleSet", a.qr_step_seconds AS "qrStepSeconds",
       a.report, a.cancelled_at AS "cancelledAt",
       (SELECT count(*)::int FROM volunteer_signup s WHERE s.activity_id = a.id AND s.state = 'confirmed') AS "confirmedCount",
       (SELECT count(*)::int FROM volunteer_signup s WHERE s.activity_id = a.id AND s.state = 'waitlisted') AS "waitlistCount"
  FROM volunteer_activity a JOIN volunteer_team t ON t.id = a.team_id JOIN organisation o ON o.id = t.organisation_id`;

const SIGNUP = `SELECT s.id, s.activity_id AS "activityId", s.volunteer_id AS "volunteerId", v.member_id AS "memberId", coalesce(m.name, v.name) AS name,
       v.phone_masked AS "phoneMasked", s.state, s.signed_up_at AS "signedUpAt", s.signed_in_at AS "signedInAt", s.signed_out_at AS "signedOutAt",
       s.confirmed_by AS "confirmedBy", cu.display_name AS "confirmerName", s.service_seconds AS "serviceSeconds",
       CASE WHEN s.state = 'waitlisted' THEN (SELECT count(*)::int FROM volunteer_signup w WHERE w.activity_id = s.activity_id AND w.state = 'waitlisted'
         AND w.queue_no <= s.queue_no) END AS "waitPosition"
  FROM volunteer_signup s JOIN volunteer v ON v.id = s.volunteer_id LEFT JOIN member m ON m.id = v.member_id
  LEFT JOIN user_account cu ON cu.id = s.confirmed_by`;

/** Lists are an organisation's current work, not an archive to page through. */
const LIST_MAX = 100;

/** All SQL of 志愿服务. */
@Injectable()
export class VolunteeringRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  // ---- teams and volunteers ----

  async insertTeam(em: EntityManager, t: { orgId: string; name: string; description: string }): Promise<string> {
    const [r] = await em.query<Array<{ id: string }>>(`INSERT INTO volunteer_team (organisation_id, name, description) VALUES ($1, $2, $3) RETURNING id`, [
      t.orgId,
      t.name,
      t.description,
    ]);
    return r!.id;
  }

  async updateTeam(em: EntityManager, id: string, t: { name: string; description: string }): Promise<void> {
    await em.query(`UPDATE volunteer_team SET name = $2, description = $3 WHERE id = $1`, [id, t.name, t.description]);
  }

  async team(id: string, em: EntityManager = this.db.manager): Promise<TeamRow | null> {
    const rows: TeamRow[] = await em.query(`${TEAM} WHERE t.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Teams of organisations on the member's path (their branch and the committees above) or below `roots`, and teams they belong to. */
  async teams(q: { memberPath: string | null; memberId: string | null; roots: string[] }): Promise<TeamRow[]> {
    return this.db.query(
      `${TEAM} WHERE ($1::ltree IS NOT NULL AND o.path @> $1::ltree) OR o.path <@ ANY($2::ltree[])
          OR EXISTS (SELECT 1 FROM volunteer_team_member tm JOIN volunteer v ON v.id = tm.volunteer_id WHERE tm.team_id = t.id AND v.member_id = $3)
        ORDER BY o.path, t.name LIMIT ${LIST_MAX}`,
      [q.memberPath, q.roots, q.memberId],
    );
  }

  async teamVolunteers(teamId: string): Promise<TeamVolunteerRow[]> {
    return this.db.query(
      `SELECT v.id AS "volunteerId", v.member_id AS "memberId", coalesce(m.name, v.name) AS name, coalesce(v.phone_masked, m.phone_masked) AS "phoneMasked",
              tm.leader, v.consent_at AS "consentAt"
         FROM volunteer_team_member tm JOIN volunteer v ON v.id = tm.volunteer_id LEFT JOIN member m ON m.id = v.member_id
        WHERE tm.team_id = $1 ORDER BY tm.leader DESC, tm.joined_at`,
      [teamId],
    );
  }

  async isLeader(teamId: string, memberId: string | null, em: EntityManager = this.db.manager): Promise<boolean> {
    if (!memberId) return false;
    const rows = await em.query(
      `SELECT 1 FROM volunteer_team_member tm JOIN volunteer v ON v.id = tm.volunteer_id WHERE tm.team_id = $1 AND v.member_id = $2 AND tm.leader`,
      [teamId, memberId],
    );
    return rows.length > 0;
  }

  async isLeaderOrMember(teamId: string, memberId: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM volunteer_team_member tm JOIN volunteer v ON v.id = tm.volunteer_id WHERE tm.team_id = $1 AND v.member_id = $2`,
      [teamId, memberId],
    );
    return rows.length > 0;
  }

  async inTeam(teamId: string, volunteerId: string, em: EntityManager = this.db.manager): Promise<boolean> {
    return (await em.query(`SELECT 1 FROM volunteer_team_member WHERE team_id = $1 AND volunteer_id = $2`, [teamId, volunteerId])).length > 0;
  }

  /** The member's volunteer row, created on first use (one per member: UQ_volunteer_member). */
  async memberVolunteer(em: EntityManager, memberId: string): Promise<string> {
    const [r] = await em.query<Array<{ id: string }>>(
      `INSERT INTO volunteer (member_id) VALUES ($1)
       ON CONFLICT (member_id) WHERE member_id IS NOT NULL DO UPDATE SET updated_at = volunteer.updated_at RETURNING id`,
      [memberId],
    );
    return r!.id;
  }

  /** A 群众 volunteer by phone (blind index, UQ_volunteer_phone): the same person is found again; consent is recorded anew. */
  async publicVolunteer(
    em: EntityManager,
    v: { name: string; phoneEnc: string; phoneHash: string; phoneMasked: string; consentAt: Date; consentBy: string },
  ): Promise<string> {
    const [r] = await em.query<Array<{ id: string }>>(
      `INSERT INTO volunteer (name, phone_enc, phone_hash, phone_masked, consent_at, consent_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (phone_hash) WHERE phone_hash IS NOT NULL
       DO UPDATE SET name = EXCLUDED.name, consent_at = EXCLUDED.consent_at, consent_by = EXCLUDED.consent_by, updated_at = now() RETURNING id`,
      [v.name, v.phoneEnc, v.phoneHash, v.phoneMasked, v.consentAt, v.consentBy],
    );
    return r!.id;
  }

  async addToTeam(em: EntityManager, teamId: string, volunteerId: string, leader: boolean): Promise<void> {
    await em.query(
      `INSERT INTO volunteer_team_member (team_id, volunteer_id, leader) VALUES ($1, $2, $3)
       ON CONFLICT (team_id, volunteer_id) DO UPDATE SET leader = EXCLUDED.leader`,
      [teamId, volunteerId, leader],
    );
  }

  async removeFromTeam(em: EntityManager, teamId: string, volunteerId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `WITH d AS (DELETE FROM volunteer_team_member WHERE team_id = $1 AND volunteer_id = $2 RETURNING 1) SELECT 1 FROM d`,
      [teamId, volunteerId],
    );
    return rows.length > 0;
  }

  async memberPath(memberId: string): Promise<string | null> {
    const rows: Array<{ path: string }> = await this.db.query(`SELECT org_path::text AS path FROM member WHERE id = $1 AND left_at IS NULL`, [memberId]);
    return rows[0]?.path ?? null;
  }

  // ---- activities ----

  async insertActivity(
    em: EntityManager,
    a: {
      teamId: string;
      title: string;
      place: string;
      startsAt: Date;
      endsAt: Date;
      capacity: number;
      description: string;
      ruleSet: VolunteerRuleSetId;
      createdBy: string;
    },
  ): Promise<string> {
    const [r] = await em.query<Array<{ id: string }>>(
      `INSERT INTO volunteer_activity (team_id, title, place, starts_at, ends_at, capacity, description, rule_set, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [a.teamId, a.title, a.place, a.startsAt, a.endsAt, a.capacity, a.description, a.ruleSet, a.createdBy],
    );
    return r!.id;
  }

  async activity(id: string, em: EntityManager = this.db.manager): Promise<ActivityRow | null> {
    const rows: ActivityRow[] = await em.query(`${ACTIVITY} WHERE a.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Serialises every sign-up, cancellation and promotion of one activity (capacity, P4). */
  async lockActivity(em: EntityManager, id: string): Promise<void> {
    await em.query(`SELECT 1 FROM volunteer_activity WHERE id = $1 FOR UPDATE`, [id]);
  }

  async activities(q: {
    memberPath: string | null;
    memberId: string | null;
    roots: string[];
    upcoming: boolean;
    now: Date;
    teamId?: string;
  }): Promise<ActivityRow[]> {
    return this.db.query(
      `${ACTIVITY}
        WHERE (($1::ltree IS NOT NULL AND o.path @> $1::ltree) OR o.path <@ ANY($2::ltree[])
               OR EXISTS (SELECT 1 FROM volunteer_team_member tm JOIN volunteer v ON v.id = tm.volunteer_id WHERE tm.team_id = t.id AND v.member_id = $3))
          AND (CASE WHEN $4 THEN a.ends_at >= $5 ELSE a.ends_at < $5 END)
          AND ($6::uuid IS NULL OR a.team_id = $6)
        ORDER BY ${q.upcoming ? 'a.starts_at' : 'a.starts_at DESC'} LIMIT ${LIST_MAX}`,
      [q.memberPath, q.roots, q.memberId, q.upcoming, q.now, q.teamId ?? null],
    );
  }

  async cancelActivity(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.query(`UPDATE volunteer_activity SET cancelled_at = $2, updated_at = now() WHERE id = $1`, [id, at]);
  }

  async setReport(em: EntityManager, id: string, report: string): Promise<void> {
    await em.query(`UPDATE volunteer_activity SET report = $2, updated_at = now() WHERE id = $1`, [id, report]);
  }

  // ---- sign-ups (callers hold lockActivity) ----

  async confirmedCount(em: EntityManager, activityId: string): Promise<number> {
    const [r] = await em.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM volunteer_signup WHERE activity_id = $1 AND state = 'confirmed'`, [
      activityId,
    ]);
    return r!.n;
  }

  /** A new sign-up, or a cancelled one taken up again (at the end of the waiting list); null when already signed up. */
  async signUp(em: EntityManager, activityId: string, volunteerId: string, state: SignupState, at: Date): Promise<string | null> {
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO volunteer_signup (activity_id, volunteer_id, state, signed_up_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (activity_id, volunteer_id) DO UPDATE
         SET state = EXCLUDED.state, signed_up_at = EXCLUDED.signed_up_at, queue_no = nextval('volunteer_signup_queue_no_seq'), updated_at = now()
         WHERE volunteer_signup.state = 'cancelled'
       RETURNING id`,
      [activityId, volunteerId, state, at],
    );
    return rows[0]?.id ?? null;
  }

  async signup(activityId: string, volunteerId: string, em: EntityManager = this.db.manager, lock = false): Promise<SignupRow | null> {
    const rows: SignupRow[] = await em.query(`${SIGNUP} WHERE s.activity_id = $1 AND s.volunteer_id = $2${lock ? ' FOR UPDATE OF s' : ''}`, [
      activityId,
      volunteerId,
    ]);
    return rows[0] ?? null;
  }

  async signupById(activityId: string, signupId: string, em: EntityManager = this.db.manager, lock = false): Promise<SignupRow | null> {
    const rows: SignupRow[] = await em.query(`${SIGNUP} WHERE s.activity_id = $1 AND s.id = $2${lock ? ' FOR UPDATE OF s' : ''}`, [activityId, signupId]);
    return rows[0] ?? null;
  }

  async memberSignup(activityId: string, memberId: string): Promise<SignupRow | null> {
    const rows: SignupRow[] = await this.db.query(`${SIGNUP} WHERE s.activity_id = $1 AND v.member_id = $2`, [activityId, memberId]);
    return rows[0] ?? null;
  }

  async roster(activityId: string): Promise<SignupRow[]> {
    return this.db.query(`${SIGNUP} WHERE s.activity_id = $1 AND s.state <> 'cancelled' ORDER BY s.state, s.queue_no`, [activityId]);
  }

  async setState(em: EntityManager, signupId: string, state: SignupState): Promise<void> {
    await em.query(`UPDATE volunteer_signup SET state = $2, updated_at = now() WHERE id = $1`, [signupId, state]);
  }

  /** The first on the waiting list takes the freed place; their user account (for the notice), if any. */
  async promoteFirst(em: EntityManager, activityId: string): Promise<{ signupId: string; userId: string | null } | null> {
    // A CTE: a bare UPDATE … RETURNING comes back from TypeORM as [rows, count].
    const rows: Array<{ id: string; user_id: string | null }> = await em.query(
      `WITH p AS (
         UPDATE volunteer_signup SET state = 'confirmed', updated_at = now()
          WHERE id = (SELECT id FROM volunteer_signup WHERE activity_id = $1 AND state = 'waitlisted' ORDER BY queue_no LIMIT 1)
         RETURNING id, volunteer_id)
       SELECT p.id, (SELECT u.id FROM volunteer v JOIN user_account u ON u.member_id = v.member_id WHERE v.id = p.volunteer_id LIMIT 1) AS user_id FROM p`,
      [activityId],
    );
    return rows[0] ? { signupId: rows[0].id, userId: rows[0].user_id } : null;
  }

  async signIn(em: EntityManager, signupId: string, at: Date, by: string | null): Promise<void> {
    await em.query(`UPDATE volunteer_signup SET signed_in_at = $2, confirmed_by = coalesce($3, confirmed_by), updated_at = now() WHERE id = $1`, [
      signupId,
      at,
      by,
    ]);
  }

  async signOut(em: EntityManager, signupId: string, at: Date, serviceSeconds: number, by: string | null): Promise<void> {
    await em.query(
      `UPDATE volunteer_signup SET signed_out_at = $2, service_seconds = $3, confirmed_by = coalesce($4, confirmed_by), updated_at = now() WHERE id = $1`,
      [signupId, at, serviceSeconds, by],
    );
  }

  // ---- hours, photos ----

  async memberHours(memberId: string): Promise<HoursRow[]> {
    return this.db.query(
      `SELECT a.id AS "activityId", a.title, t.name AS "teamName", a.starts_at AS "startsAt", s.signed_in_at AS "signedInAt",
              s.signed_out_at AS "signedOutAt", s.service_seconds AS "serviceSeconds"
         FROM volunteer_signup s JOIN volunteer v ON v.id = s.volunteer_id JOIN volunteer_activity a ON a.id = s.activity_id
         JOIN volunteer_team t ON t.id = a.team_id
        WHERE v.member_id = $1 AND s.signed_in_at IS NOT NULL ORDER BY a.starts_at DESC`,
      [memberId],
    );
  }

  async memberName(memberId: string): Promise<{ name: string; orgName: string } | null> {
    const rows: Array<{ name: string; orgName: string }> = await this.db.query(
      `SELECT m.name, o.name AS "orgName" FROM member m JOIN organisation o ON o.id = m.organisation_id WHERE m.id = $1`,
      [memberId],
    );
    return rows[0] ?? null;
  }

  async photos(activityId: string): Promise<Array<{ id: string; fileId: string }>> {
    return this.db.query(`SELECT id, file_id AS "fileId" FROM volunteer_activity_photo WHERE activity_id = $1 ORDER BY created_at, id`, [activityId]);
  }

  async photoCount(em: EntityManager, activityId: string): Promise<number> {
    const [r] = await em.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM volunteer_activity_photo WHERE activity_id = $1`, [activityId]);
    return r!.n;
  }

  async insertPhoto(em: EntityManager, activityId: string, fileId: string): Promise<string> {
    const [r] = await em.query<Array<{ id: string }>>(`INSERT INTO volunteer_activity_photo (activity_id, file_id) VALUES ($1, $2) RETURNING id`, [
      activityId,
      fileId,
    ]);
    return r!.id;
  }
}

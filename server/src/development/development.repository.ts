import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DevAction, StoredDevState } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';

type Q = Pick<EntityManager, 'query'>;

export type DevRecordRow = {
  id: string;
  organisationId: string;
  orgPath: string;
  orgName: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  userId: string | null;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  ethnicity: string;
  nationalIdEnc: string;
  phoneEnc: string | null;
  education: string | null;
  post: string | null;
  backbone: boolean;
  state: StoredDevState;
  ruleSet: string;
  lastOn: string;
  appliedOn: string;
  activistOn: string | null;
  targetOn: string | null;
  assessedOn: string[];
  noticeFrom: string | null;
  noticeTo: string | null;
  resolvedOn: string | null;
  admittedOn: string | null;
  extendMonths: number;
  confirmationResolvedOn: string | null;
  fullOn: string | null;
  memberId: string | null;
  createdAt: Date;
};

export type DevStepRow = {
  id: string;
  stepNo: number | null;
  action: DevAction;
  fromState: string;
  toState: string;
  on: string;
  actorName: string;
  note: string | null;
  meetingId: string | null;
  motionId: string | null;
  approverOrgId: string | null;
  approverOrgName: string | null;
  memberIds: string[];
  fileIds: string[];
  details: Record<string, unknown>;
  createdAt: Date;
};

export type OrgRow = {
  id: string;
  path: string;
  name: string;
  kind: 'committee' | 'general_branch' | 'branch' | 'group';
  isTemporary: boolean;
  parentId: string | null;
};

const RECORD = `
  SELECT r.id, r.organisation_id AS "organisationId", o.path::text AS "orgPath", o.name AS "orgName",
         r.enterprise_id AS "enterpriseId", e.name AS "enterpriseName", r.user_id AS "userId", r.name, r.gender,
         r.birth_date::text AS "birthDate", r.ethnicity, r.national_id_enc AS "nationalIdEnc", r.phone_enc AS "phoneEnc", r.education, r.post,
         r.backbone, r.state, r.rule_set AS "ruleSet", r.last_on::text AS "lastOn", r.applied_on::text AS "appliedOn",
         r.activist_on::text AS "activistOn", r.target_on::text AS "targetOn", r.assessed_on::text[] AS "assessedOn",
         r.notice_from::text AS "noticeFrom", r.notice_to::text AS "noticeTo", r.resolved_on::text AS "resolvedOn",
         r.admitted_on::text AS "admittedOn", r.extend_months AS "extendMonths",
         r.confirmation_resolved_on::text AS "confirmationResolvedOn", r.full_on::text AS "fullOn", r.member_id AS "memberId",
         r.created_at AS "createdAt"
    FROM development_record r
    JOIN organisation o ON o.id = r.organisation_id
    LEFT JOIN enterprise e ON e.id = r.enterprise_id`;

/** Columns a step may set on the record (the dates the D rules read later). */
export type RecordSet = Partial<{
  state: StoredDevState;
  last_on: string;
  activist_on: string;
  target_on: string;
  assessed_on: string[];
  notice_from: string;
  notice_to: string;
  resolved_on: string;
  admitted_on: string;
  extend_months: number;
  confirmation_resolved_on: string;
  full_on: string;
  member_id: string;
}>;

/** All SQL of member development. Organisation scoping joins `organisation.path` (no copied paths to keep in step). */
@Injectable()
export class DevelopmentRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  async org(id: string, q: Q = this.db): Promise<OrgRow | null> {
    const rows: OrgRow[] = await q.query(
      `SELECT id, path::text AS path, name, kind, is_temporary AS "isTemporary", parent_id AS "parentId" FROM organisation WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async enterpriseLinked(orgId: string, enterpriseId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM organisation_enterprise WHERE organisation_id = $1 AND enterprise_id = $2`, [
      orgId,
      enterpriseId,
    ]);
    return rows.length > 0;
  }

  async insertRecord(
    em: EntityManager,
    r: {
      organisationId: string;
      enterpriseId: string | null;
      userId: string | null;
      name: string;
      gender: string;
      birthDate: string;
      ethnicity: string;
      nationalIdEnc: string;
      personKey: string;
      phoneEnc: string | null;
      education: string | null;
      post: string | null;
      backbone: boolean;
      ruleSet: string;
      appliedOn: string;
    },
  ): Promise<string> {
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO development_record (organisation_id, enterprise_id, user_id, name, gender, birth_date, ethnicity, national_id_enc, person_key, phone_enc, education, post, backbone, state, rule_set, last_on, applied_on)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,'applied',$14,$15,$15) RETURNING id`,
      [
        r.organisationId,
        r.enterpriseId,
        r.userId,
        r.name,
        r.gender,
        r.birthDate,
        r.ethnicity,
        r.nationalIdEnc,
        r.personKey,
        r.phoneEnc,
        r.education,
        r.post,
        r.backbone,
        r.ruleSet,
        r.appliedOn,
      ],
    );
    return rows[0]!.id;
  }

  async record(id: string, q: Q = this.db): Promise<DevRecordRow | null> {
    const rows: DevRecordRow[] = await q.query(`${RECORD} WHERE r.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The record locked for a step (one step at a time per record). */
  async lockRecord(em: EntityManager, id: string): Promise<DevRecordRow | null> {
    await em.query(`SELECT 1 FROM development_record WHERE id = $1 FOR UPDATE`, [id]);
    return this.record(id, em);
  }

  async updateRecord(em: EntityManager, id: string, set: RecordSet): Promise<void> {
    const keys = Object.keys(set) as Array<keyof RecordSet>;
    if (!keys.length) return;
    const assignments = keys.map((k, i) => `${k} = $${i + 2}`).join(', ');
    await em.query(`UPDATE development_record SET ${assignments}, updated_at = now() WHERE id = $1`, [id, ...keys.map((k) => set[k])]);
  }

  async insertStep(
    em: EntityManager,
    s: {
      recordId: string;
      stepNo: number | null;
      action: DevAction;
      fromState: string;
      toState: string;
      on: string;
      actorUserId: string;
      actorName: string;
      note: string | null;
      meetingId: string | null;
      motionId: string | null;
      approverOrgId: string | null;
      memberIds: string[];
      fileIds: string[];
      details: Record<string, unknown>;
    },
  ): Promise<string> {
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO development_step (record_id, step_no, action, from_state, to_state, "on", actor_user_id, actor_name, note, meeting_id, motion_id, approver_org_id, member_ids, file_ids, details)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13::uuid[],$14::uuid[],$15) RETURNING id`,
      [
        s.recordId,
        s.stepNo,
        s.action,
        s.fromState,
        s.toState,
        s.on,
        s.actorUserId,
        s.actorName,
        s.note,
        s.meetingId,
        s.motionId,
        s.approverOrgId,
        s.memberIds,
        s.fileIds,
        JSON.stringify(s.details),
      ],
    );
    return rows[0]!.id;
  }

  steps(recordId: string): Promise<DevStepRow[]> {
    return this.db.query(
      `SELECT s.id, s.step_no AS "stepNo", s.action, s.from_state AS "fromState", s.to_state AS "toState", s."on"::text AS "on",
              s.actor_name AS "actorName", s.note, s.meeting_id AS "meetingId", s.motion_id AS "motionId",
              s.approver_org_id AS "approverOrgId", ao.name AS "approverOrgName", s.member_ids::text[] AS "memberIds",
              s.file_ids::text[] AS "fileIds", s.details, s.created_at AS "createdAt"
         FROM development_step s LEFT JOIN organisation ao ON ao.id = s.approver_org_id
        WHERE s.record_id = $1 ORDER BY s.created_at, s.id`,
      [recordId],
    );
  }

  memberNames(ids: string[]): Promise<Array<{ id: string; name: string }>> {
    return ids.length ? this.db.query(`SELECT id, name FROM member WHERE id = ANY($1::uuid[])`, [ids]) : Promise.resolve([]);
  }

  files(ids: string[]): Promise<Array<{ id: string; name: string | null; createdBy: string | null }>> {
    return ids.length
      ? this.db.query(`SELECT id, original_name AS name, created_by AS "createdBy" FROM stored_file WHERE id = ANY($1::uuid[])`, [ids])
      : Promise.resolve([]);
  }

  byUser(userId: string): Promise<DevRecordRow[]> {
    return this.db.query(`${RECORD} WHERE r.user_id = $1 ORDER BY r.created_at DESC`, [userId]);
  }

  /** Records whose branch lies under one of `roots` (ltree), open ones or all. */
  inSubtree(roots: string[], openOnly: boolean): Promise<DevRecordRow[]> {
    return this.db.query(
      `${RECORD} WHERE o.path <@ ANY($1::ltree[]) ${openOnly ? `AND r.state NOT IN ('archived','closed')` : ''} ORDER BY o.path, r.applied_on, r.id`,
      [roots],
    );
  }

  /** Every open record (the overdue scan). */
  allOpen(): Promise<DevRecordRow[]> {
    return this.db.query(`${RECORD} WHERE r.state NOT IN ('archived','closed')`);
  }

  /** The meeting's calendar day in China (the day of a resolution). */
  async meetingDay(meetingId: string, q: Q = this.db): Promise<string | null> {
    const rows: Array<{ day: string }> = await q.query(`SELECT (starts_at AT TIME ZONE 'Asia/Shanghai')::date::text AS day FROM meeting WHERE id = $1`, [
      meetingId,
    ]);
    return rows[0]?.day ?? null;
  }

  plans(orgIds: string[], year: number): Promise<Array<{ organisationId: string; enterpriseId: string | null; target: number }>> {
    return this.db.query(
      `SELECT organisation_id AS "organisationId", enterprise_id AS "enterpriseId", target FROM development_plan WHERE organisation_id = ANY($1::uuid[]) AND year = $2`,
      [orgIds, year],
    );
  }

  /** Enterprises linked to organisations under `root`. */
  enterprisesUnder(root: string): Promise<Array<{ id: string; name: string; orgIds: string[] }>> {
    return this.db.query(
      `SELECT e.id, e.name, array_agg(DISTINCT oe.organisation_id)::text[] AS "orgIds"
         FROM enterprise e JOIN organisation_enterprise oe ON oe.enterprise_id = e.id JOIN organisation o ON o.id = oe.organisation_id
        WHERE o.path <@ $1::ltree GROUP BY e.id, e.name ORDER BY e.name`,
      [root],
    );
  }

  /** Ancestors-or-self of a path (for plans set on a committee above the board's organisation). */
  ancestorIds(path: string): Promise<Array<{ id: string }>> {
    return this.db.query(`SELECT id FROM organisation WHERE path @> $1::ltree`, [path]);
  }

  async upsertPlan(em: EntityManager, p: { organisationId: string; enterpriseId: string | null; year: number; target: number }): Promise<void> {
    const where = p.enterpriseId ? `enterprise_id = $3` : `enterprise_id IS NULL AND $3::uuid IS NULL`;
    const updated: [unknown[], number] = await em.query(
      `UPDATE development_plan SET target = $4, updated_at = now() WHERE organisation_id = $1 AND year = $2 AND ${where}`,
      [p.organisationId, p.year, p.enterpriseId, p.target],
    );
    if (updated[1] === 0) {
      await em.query(`INSERT INTO development_plan (organisation_id, enterprise_id, year, target) VALUES ($1, $2, $3, $4)`, [
        p.organisationId,
        p.enterpriseId,
        p.year,
        p.target,
      ]);
    }
  }

  /** Opens an alert per overdue deadline (idempotent) and resolves those no longer overdue. */
  async syncAlerts(em: EntityManager, recordId: string, overdue: Array<{ rule: string; label: string; due: string }>, now: Date): Promise<number> {
    let opened = 0;
    for (const o of overdue) {
      const r: Array<{ id: string }> = await em.query(
        `INSERT INTO development_alert (record_id, rule, label, due) VALUES ($1, $2, $3, $4) ON CONFLICT (record_id, rule, due) DO NOTHING RETURNING id`,
        [recordId, o.rule, o.label, o.due],
      );
      opened += r.length;
    }
    await em.query(
      `UPDATE development_alert SET resolved_at = $3, updated_at = now() WHERE record_id = $1 AND resolved_at IS NULL AND NOT ((rule, due::text) = ANY(SELECT * FROM unnest($2::text[], $4::text[])))`,
      [recordId, overdue.map((o) => o.rule), now, overdue.map((o) => o.due)],
    );
    return opened;
  }

  openAlerts(
    roots: string[],
  ): Promise<Array<{ recordId: string; name: string; branchName: string; organisationId: string; rule: string; label: string; due: string }>> {
    return this.db.query(
      `SELECT a.record_id AS "recordId", r.name, o.name AS "branchName", o.id AS "organisationId", a.rule, a.label, a.due::text AS due
         FROM development_alert a JOIN development_record r ON r.id = a.record_id JOIN organisation o ON o.id = r.organisation_id
        WHERE a.resolved_at IS NULL AND r.state NOT IN ('archived','closed') AND o.path <@ ANY($1::ltree[]) ORDER BY a.due`,
      [roots],
    );
  }
}

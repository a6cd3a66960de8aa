import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CompliancePeriod, MeetingPlanEntryInput, MeetingPlanState, MeetingType, OrgKind } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';

export type PlanRow = {
  id: string;
  organisationId: string;
  orgName: string;
  orgPath: string;
  year: number;
  state: MeetingPlanState;
  rulesVersion: number;
  partyLecturePeriod: CompliancePeriod;
  submittedAt: Date | null;
  submittedBy: string | null;
  submittedByName: string | null;
  decidedAt: Date | null;
  decidedByName: string | null;
  returnReason: string | null;
  updatedAt: Date;
  entryCount: number;
};

export type PlanEntryRow = { id: string; month: number; type: MeetingType; groupId: string | null; groupName: string | null; topic: string };
/** A plan's entries as compliance and the calendar read them, for several branches at once. */
export type PlanEntryOfOrg = {
  planId: string;
  organisationId: string;
  state: MeetingPlanState;
  month: number | null;
  type: MeetingType | null;
  groupId: string | null;
  topic: string | null;
};
export type BranchRow = { id: string; name: string; kind: OrgKind; path: string; fullMemberCount: number };
export type CalendarMeetingRow = {
  id: string;
  organisationId: string;
  orgName: string;
  type: MeetingType;
  title: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  cancelledAt: Date | null;
  mine: boolean;
};

export type PlanChanges = Partial<{
  state: MeetingPlanState;
  submitted_at: Date;
  submitted_by: string;
  submitted_by_name: string;
  decided_at: Date | null;
  decided_by_name: string | null;
  return_reason: string | null;
}>;

const PLAN_COLS = `p.id, p.organisation_id AS "organisationId", o.name AS "orgName", o.path::text AS "orgPath", p.year, p.state,
  p.rules_version AS "rulesVersion", p.party_lecture_period AS "partyLecturePeriod", p.submitted_at AS "submittedAt",
  p.submitted_by AS "submittedBy", p.submitted_by_name AS "submittedByName", p.decided_at AS "decidedAt",
  p.decided_by_name AS "decidedByName", p.return_reason AS "returnReason", p.updated_at AS "updatedAt",
  (SELECT count(*)::int FROM meeting_plan_entry e WHERE e.plan_id = p.id) AS "entryCount"`;

/** SQL of the yearly plans (年度计划) and the calendar's reads. */
@Injectable()
export class MeetingPlansRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(id: string, manager: EntityManager = this.db.manager, lock = false): Promise<PlanRow | null> {
    const rows: PlanRow[] = await manager.query(
      `SELECT ${PLAN_COLS} FROM meeting_plan p JOIN organisation o ON o.id = p.organisation_id WHERE p.id = $1 ${lock ? 'FOR UPDATE OF p' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async idOf(organisationId: string, year: number): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.db.query(`SELECT id FROM meeting_plan WHERE organisation_id = $1 AND year = $2`, [organisationId, year]);
    return rows[0]?.id ?? null;
  }

  async entries(planId: string, manager: EntityManager = this.db.manager): Promise<PlanEntryRow[]> {
    return manager.query(
      `SELECT e.id, e.month, e.type, e.group_id AS "groupId", g.name AS "groupName", e.topic
         FROM meeting_plan_entry e LEFT JOIN organisation g ON g.id = e.group_id
        WHERE e.plan_id = $1 ORDER BY e.month, e.created_at, e.id`,
      [planId],
    );
  }

  /** The new plan's id; a second plan for the branch and year violates UQ_meeting_plan_org_year. */
  async insert(tx: EntityManager, p: { organisationId: string; year: number; rulesVersion: number; partyLecturePeriod: CompliancePeriod; createdBy: string }) {
    const [row]: Array<{ id: string }> = await tx.query(
      `INSERT INTO meeting_plan (organisation_id, year, state, rules_version, party_lecture_period, created_by)
       VALUES ($1, $2, 'draft', $3, $4, $5) RETURNING id`,
      [p.organisationId, p.year, p.rulesVersion, p.partyLecturePeriod, p.createdBy],
    );
    return row!.id;
  }

  /** Replaces the entries in one statement pair; `created_at` keeps the given order within a month. */
  async replaceEntries(tx: EntityManager, planId: string, entries: ReadonlyArray<MeetingPlanEntryInput>): Promise<void> {
    await tx.query(`DELETE FROM meeting_plan_entry WHERE plan_id = $1`, [planId]);
    if (!entries.length) return;
    await tx.query(
      `INSERT INTO meeting_plan_entry (plan_id, month, type, group_id, topic, created_at)
       SELECT $1, e.month, e.type, e.group_id, e.topic, now() + e.n * interval '1 microsecond'
         FROM unnest($2::smallint[], $3::varchar[], $4::uuid[], $5::varchar[]) WITH ORDINALITY AS e(month, type, group_id, topic, n)`,
      [planId, entries.map((e) => e.month), entries.map((e) => e.type), entries.map((e) => e.groupId), entries.map((e) => e.topic)],
    );
  }

  async update(tx: EntityManager, id: string, changes: PlanChanges): Promise<void> {
    const keys = Object.keys(changes) as Array<keyof PlanChanges>;
    const sets = keys.map((k, i) => `${k} = $${i + 2}`);
    await tx.query(`UPDATE meeting_plan SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1`, [id, ...keys.map((k) => changes[k])]);
  }

  /** Plans of branches under `roots`, newest year first, then by branch name. */
  async list(q: { roots: string[]; year?: number; state?: MeetingPlanState; page: number; pageSize: number }): Promise<{ rows: PlanRow[]; total: number }> {
    const where = [`o.path <@ ANY($1::ltree[])`];
    const params: unknown[] = [q.roots];
    if (q.year) where.push(`p.year = $${params.push(q.year)}`);
    if (q.state) where.push(`p.state = $${params.push(q.state)}`);
    const from = `FROM meeting_plan p JOIN organisation o ON o.id = p.organisation_id WHERE ${where.join(' AND ')}`;
    const [rows, [{ n }]] = await Promise.all([
      this.db.query(`SELECT ${PLAN_COLS} ${from} ORDER BY p.year DESC, o.name, p.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`, params),
      this.db.query(`SELECT count(*)::int AS n ${from}`, params),
    ]);
    return { rows, total: n };
  }

  /** Plans (and their entries) of these branches for a year: compliance's "planned" and the calendar's topics. */
  async entriesOf(orgIds: string[], year: number): Promise<PlanEntryOfOrg[]> {
    if (!orgIds.length) return [];
    return this.db.query(
      `SELECT p.id AS "planId", p.organisation_id AS "organisationId", p.state, e.month, e.type, e.group_id AS "groupId", e.topic
         FROM meeting_plan p LEFT JOIN meeting_plan_entry e ON e.plan_id = p.id
        WHERE p.organisation_id = ANY($1::uuid[]) AND p.year = $2`,
      [orgIds, year],
    );
  }

  /** Plans waiting for the organisation above: submitted, of a branch strictly below one of `roots`. */
  async submittedBelow(roots: string[]): Promise<PlanRow[]> {
    return this.db.query(
      `SELECT ${PLAN_COLS} FROM meeting_plan p JOIN organisation o ON o.id = p.organisation_id
        WHERE p.state = 'submitted' AND EXISTS (SELECT 1 FROM unnest($1::ltree[]) r(root) WHERE o.path <@ r.root AND o.path <> r.root)
        ORDER BY p.submitted_at LIMIT 100`,
      [roots],
    );
  }

  /** Returned plans of exactly these branches (where the caller's grant is), for the branch to adjust. */
  async returnedAt(paths: string[]): Promise<PlanRow[]> {
    return this.db.query(
      `SELECT ${PLAN_COLS} FROM meeting_plan p JOIN organisation o ON o.id = p.organisation_id
        WHERE p.state = 'returned' AND o.path = ANY($1::ltree[]) ORDER BY p.decided_at LIMIT 100`,
      [paths],
    );
  }

  // ---- organisations ----

  async org(id: string, manager: EntityManager = this.db.manager): Promise<BranchRow | null> {
    const rows: BranchRow[] = await manager.query(
      `SELECT id, name, kind, path::text AS path, full_member_count AS "fullMemberCount" FROM organisation WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The branches that are themselves one of `paths` (the roots of a secretary's grants). */
  async branchesAt(paths: string[]): Promise<BranchRow[]> {
    if (!paths.length) return [];
    return this.db.query(
      `SELECT id, name, kind, path::text AS path, full_member_count AS "fullMemberCount" FROM organisation
        WHERE path = ANY($1::ltree[]) AND kind = 'branch' ORDER BY name, id`,
      [paths],
    );
  }

  async groupsOf(branchIds: string[], manager: EntityManager = this.db.manager): Promise<Array<{ id: string; name: string; parentId: string }>> {
    if (!branchIds.length) return [];
    return manager.query(`SELECT id, name, parent_id AS "parentId" FROM organisation WHERE parent_id = ANY($1::uuid[]) AND kind = 'group' ORDER BY name, id`, [
      branchIds,
    ]);
  }

  // ---- the calendar ----

  /**
   * Meetings starting in [from, to): those the member is expected at, and those of organisations under
   * `roots`; at most `limit` (the caller asks one more to tell a truncated month).
   */
  async calendarMeetings(p: { from: Date; to: Date; memberId: string | null; roots: string[]; limit: number }): Promise<CalendarMeetingRow[]> {
    return this.db.query(
      `SELECT m.id, m.organisation_id AS "organisationId", o.name AS "orgName", m.type, m.title, m.starts_at AS "startsAt",
              m.ends_at AS "endsAt", m.place, m.cancelled_at AS "cancelledAt",
              ($3::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM meeting_attendee a WHERE a.meeting_id = m.id AND a.member_id = $3)) AS mine
         FROM meeting m JOIN organisation o ON o.id = m.organisation_id
        WHERE m.starts_at >= $1 AND m.starts_at < $2
          AND (o.path <@ ANY($4::ltree[]) OR ($3::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM meeting_attendee a WHERE a.meeting_id = m.id AND a.member_id = $3)))
        ORDER BY m.starts_at, m.id LIMIT ${p.limit}`,
      [p.from, p.to, p.memberId, p.roots],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CommitteePosition, CommitteePositionHolder, MemberFlag, MemberStatus, OrgKind } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';

export type TermRow = { id: string; orgId: string; startsOn: string; endsOn: string; approvalNote: string | null };
export type MemberFacts = {
  id: string;
  name: string;
  organisationId: string;
  orgPath: string;
  groupId: string | null;
  status: MemberStatus;
  flags: MemberFlag[];
};
export type ReminderRow = TermRow & { orgName: string; kind: OrgKind };

const TERM_COLUMNS = `t.id, t.organisation_id AS "orgId", t.starts_on::text AS "startsOn", t.ends_on::text AS "endsOn", t.approval_note AS "approvalNote"`;
const POSITION_COLUMNS = `cp.id, cp.organisation_id AS "orgId", cp.member_id AS "memberId", m.name AS "memberName", cp.position,
  cp.term_id AS "termId", cp.started_on::text AS "startedOn", cp.ended_on::text AS "endedOn"`;
const POSITION_ORDER = `CASE cp.position WHEN 'secretary' THEN 0 WHEN 'deputy_secretary' THEN 1 WHEN 'organisation_member' THEN 2
  WHEN 'propaganda_member' THEN 3 WHEN 'discipline_member' THEN 4 WHEN 'committee_member' THEN 5 ELSE 6 END`;

/** Committee positions (O4, O8) and terms (O6). */
@Injectable()
export class CommitteeRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.db.manager;
  }

  async currentPositions(orgId: string, manager?: EntityManager): Promise<CommitteePositionHolder[]> {
    return this.m(manager).query(
      `SELECT ${POSITION_COLUMNS} FROM committee_position cp JOIN member m ON m.id = cp.member_id
        WHERE cp.organisation_id = $1 AND cp.ended_on IS NULL ORDER BY ${POSITION_ORDER}, cp.started_on, m.name`,
      [orgId],
    );
  }

  async position(manager: EntityManager, id: string): Promise<CommitteePositionHolder | null> {
    const rows: CommitteePositionHolder[] = await manager.query(
      `SELECT ${POSITION_COLUMNS} FROM committee_position cp JOIN member m ON m.id = cp.member_id WHERE cp.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async insertPosition(
    manager: EntityManager,
    p: { orgId: string; memberId: string; position: CommitteePosition; termId: string | null; startedOn: string },
  ): Promise<string> {
    const [row]: Array<{ id: string }> = await manager.query(
      `INSERT INTO committee_position (organisation_id, member_id, position, term_id, started_on) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [p.orgId, p.memberId, p.position, p.termId, p.startedOn],
    );
    return row!.id;
  }

  /** Ends a current position; history stays. Returns false when it was not current. */
  async endPosition(manager: EntityManager, orgId: string, id: string, endedOn: string): Promise<boolean> {
    const rows: Array<{ id: string }> = await manager.query(
      `UPDATE committee_position SET ended_on = GREATEST($3::date, started_on), updated_at = now()
        WHERE id = $1 AND organisation_id = $2 AND ended_on IS NULL RETURNING id`,
      [id, orgId, endedOn],
    );
    // TypeORM returns [rows, affected] for UPDATE … RETURNING.
    const updated = Array.isArray(rows[0]) ? (rows[0] as unknown as Array<{ id: string }>) : rows;
    return updated.length > 0;
  }

  async member(manager: EntityManager, id: string): Promise<MemberFacts | null> {
    const rows: MemberFacts[] = await manager.query(
      `SELECT id, name, organisation_id AS "organisationId", org_path::text AS "orgPath", group_id AS "groupId", status, flags
         FROM member WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async terms(orgId: string): Promise<TermRow[]> {
    return this.db.query(`SELECT ${TERM_COLUMNS} FROM committee_term t WHERE t.organisation_id = $1 ORDER BY t.starts_on DESC`, [orgId]);
  }

  async latestTerm(orgId: string, manager?: EntityManager): Promise<TermRow | null> {
    const rows: TermRow[] = await this.m(manager).query(
      `SELECT ${TERM_COLUMNS} FROM committee_term t WHERE t.organisation_id = $1 ORDER BY t.starts_on DESC LIMIT 1`,
      [orgId],
    );
    return rows[0] ?? null;
  }

  /** The term in force on `today`: the latest one that has started. */
  async currentTerm(orgId: string, today: string, manager?: EntityManager): Promise<TermRow | null> {
    const rows: TermRow[] = await this.m(manager).query(
      `SELECT ${TERM_COLUMNS} FROM committee_term t WHERE t.organisation_id = $1 AND t.starts_on <= $2 ORDER BY t.starts_on DESC LIMIT 1`,
      [orgId, today],
    );
    return rows[0] ?? null;
  }

  async termOf(manager: EntityManager, orgId: string, termId: string): Promise<TermRow | null> {
    const rows: TermRow[] = await manager.query(`SELECT ${TERM_COLUMNS} FROM committee_term t WHERE t.id = $1 AND t.organisation_id = $2`, [termId, orgId]);
    return rows[0] ?? null;
  }

  async insertTerm(manager: EntityManager, t: Omit<TermRow, 'id'>): Promise<string> {
    const [row]: Array<{ id: string }> = await manager.query(
      `INSERT INTO committee_term (organisation_id, starts_on, ends_on, approval_note) VALUES ($1, $2, $3, $4) RETURNING id`,
      [t.orgId, t.startsOn, t.endsOn, t.approvalNote],
    );
    return row!.id;
  }

  /**
   * O6 reminders: per organisation in the subtree its latest term, when that ends on or before
   * `until` (already overdue, or ending soon) — a newer term replaces it.
   */
  async reminders(path: string, until: string): Promise<ReminderRow[]> {
    return this.db.query(
      `WITH latest AS (
         SELECT DISTINCT ON (t.organisation_id) ${TERM_COLUMNS}, o.name AS "orgName", o.kind
           FROM committee_term t JOIN organisation o ON o.id = t.organisation_id
          WHERE o.path <@ $1::ltree
          ORDER BY t.organisation_id, t.starts_on DESC)
       SELECT * FROM latest WHERE "endsOn" <= $2 ORDER BY "endsOn", "orgName"`,
      [path, until],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export type BranchRow = {
  orgId: string;
  name: string;
  path: string;
  parentId: string;
  parentName: string;
  project: string;
  kind: 'temporary' | 'wartime';
  startsOn: string;
  endsOn: string;
  dissolvedAt: Date | null;
};
export type SecondmentRow = {
  id: string;
  orgId: string;
  memberId: string;
  memberName: string;
  formalOrgName: string;
  startedOn: string;
  endedOn: string | null;
};

const BRANCH = `SELECT t.organisation_id AS "orgId", o.name, o.path::text AS path, p.id AS "parentId", p.name AS "parentName", t.project, t.kind,
       to_char(t.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(t.ends_on, 'YYYY-MM-DD') AS "endsOn", t.dissolved_at AS "dissolvedAt"
  FROM temporary_branch t JOIN organisation o ON o.id = t.organisation_id JOIN organisation p ON p.id = o.parent_id`;
const SECONDMENT = `SELECT s.id, s.organisation_id AS "orgId", s.member_id AS "memberId", m.name AS "memberName", fo.name AS "formalOrgName",
       to_char(s.started_on, 'YYYY-MM-DD') AS "startedOn", to_char(s.ended_on, 'YYYY-MM-DD') AS "endedOn"
  FROM secondment s JOIN member m ON m.id = s.member_id JOIN organisation fo ON fo.id = m.organisation_id`;

/** Temporary branches (S4) and secondments (M2). */
@Injectable()
export class TemporaryBranchesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async insert(em: EntityManager, b: { orgId: string; project: string; kind: string; startsOn: string; endsOn: string }): Promise<void> {
    await em.query(`INSERT INTO temporary_branch (organisation_id, project, kind, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5)`, [
      b.orgId,
      b.project,
      b.kind,
      b.startsOn,
      b.endsOn,
    ]);
  }

  async find(orgId: string, em: EntityManager = this.db.manager): Promise<BranchRow | null> {
    const rows: BranchRow[] = await em.query(`${BRANCH} WHERE t.organisation_id = $1`, [orgId]);
    return rows[0] ?? null;
  }

  async isCommittee(orgId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM organisation WHERE id = $1 AND kind = 'committee' AND NOT is_temporary`, [orgId]);
    return rows.length > 0;
  }

  async inSubtree(root: string): Promise<BranchRow[]> {
    return this.db.query(`${BRANCH} WHERE o.path <@ $1::ltree ORDER BY t.dissolved_at NULLS FIRST, t.ends_on LIMIT 200`, [root]);
  }

  async secondments(orgIds: string[]): Promise<SecondmentRow[]> {
    if (!orgIds.length) return [];
    return this.db.query(`${SECONDMENT} WHERE s.organisation_id = ANY($1::uuid[]) ORDER BY s.ended_on NULLS FIRST, m.name`, [orgIds]);
  }

  async secondment(id: string): Promise<SecondmentRow | null> {
    const rows: SecondmentRow[] = await this.db.query(`${SECONDMENT} WHERE s.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Members by id with their formal organisation's path (the caller must reach each). */
  async memberPaths(memberIds: string[]): Promise<Array<{ id: string; path: string; leftAt: Date | null }>> {
    return this.db.query(`SELECT id, org_path::text AS path, left_at AS "leftAt" FROM member WHERE id = ANY($1::uuid[])`, [memberIds]);
  }

  /** New live secondments (an existing live one is kept); returns the members newly seconded. */
  async second(em: EntityManager, orgId: string, memberIds: string[], on: string): Promise<string[]> {
    const rows: Array<{ member_id: string }> = await em.query(
      `INSERT INTO secondment (organisation_id, member_id, started_on) SELECT $1, unnest($2::uuid[]), $3
       ON CONFLICT (organisation_id, member_id) WHERE ended_on IS NULL DO NOTHING RETURNING member_id`,
      [orgId, memberIds, on],
    );
    return rows.map((r) => r.member_id);
  }

  /**
   * C4: the seconded take part in the temporary branch's meetings not yet started, as guests (never
   * voting there); meetings scheduled later list them when created (meetings repository).
   */
  async addToUpcomingMeetings(em: EntityManager, orgId: string, memberIds: string[], now: Date): Promise<number> {
    const rows: unknown[] = await em.query(
      `INSERT INTO meeting_attendee (meeting_id, member_id, is_guest, can_vote)
       SELECT mt.id, u.member_id, true, false FROM meeting mt CROSS JOIN unnest($2::uuid[]) AS u(member_id)
        WHERE mt.organisation_id = $1 AND mt.starts_at > $3 AND mt.cancelled_at IS NULL
       ON CONFLICT DO NOTHING RETURNING member_id`,
      [orgId, memberIds, now],
    );
    return rows.length;
  }

  async endSecondment(em: EntityManager, id: string, on: string): Promise<void> {
    await em.query(`UPDATE secondment SET ended_on = $2, updated_at = now() WHERE id = $1 AND ended_on IS NULL`, [id, on]);
  }

  /** Branches whose end date has passed and are not dissolved yet, locked for this run. */
  async due(em: EntityManager, today: string): Promise<BranchRow[]> {
    return em.query(`${BRANCH} WHERE t.dissolved_at IS NULL AND t.ends_on < $1::date ORDER BY t.ends_on LIMIT 100 FOR UPDATE OF t SKIP LOCKED`, [today]);
  }

  /** Dissolution: the branch is marked, its live secondments end on its end date; every record stays. */
  async dissolve(em: EntityManager, orgId: string, at: Date, endsOn: string): Promise<void> {
    await em.query(`UPDATE temporary_branch SET dissolved_at = $2 WHERE organisation_id = $1`, [orgId, at]);
    await em.query(`UPDATE secondment SET ended_on = $2, updated_at = now() WHERE organisation_id = $1 AND ended_on IS NULL`, [orgId, endsOn]);
  }
}

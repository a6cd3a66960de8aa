import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AssignmentTarget, Role } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';

export type AssignmentRow = {
  id: string;
  organisation_id: string;
  org_name: string;
  course_id: string;
  course_title: string;
  target: AssignmentTarget;
  deadline: string;
  note: string;
  created_at: Date;
};

export type MemberStateRow = {
  assignment_id: string;
  deadline: string;
  member_id: string;
  member_name: string;
  organisation_id: string;
  org_name: string;
  lessons_done: number;
  lessons_started: number;
  lesson_count: number;
  completed_at: Date | null;
};

/**
 * Which assignments a list shows: by default those made by an organisation of `path`'s subtree;
 * `anyOrigin`: also those of higher organisations covering its members; `id`: that one only.
 */
export type AssignmentFilter = { path: string; id?: string; anyOrigin?: boolean };

/** Accounts an assignment reached (`aa`), with the candidate's open development record (`r`) and its branch (`co`). */
const CANDIDATES_REACHED = `study_assignment_account aa
  JOIN development_record r ON r.user_id = aa.user_id AND r.state NOT IN ('archived', 'closed')
  JOIN organisation co ON co.id = r.organisation_id`;

const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);

/** L5 required-course assignments: all their SQL. */
@Injectable()
export class StudyAssignmentsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Creates the assignment and the members (or, `accounts`, the candidates' accounts) it reached. */
  async insert(
    tx: EntityManager,
    a: { orgId: string; orgPath: string; courseId: string; target: AssignmentTarget; deadline: string; note: string; createdBy: string },
    reached: { ids: string[]; accounts?: true },
  ): Promise<string> {
    const [row]: Array<{ id: string }> = await tx.query(
      `INSERT INTO study_assignment (organisation_id, org_path, course_id, target, deadline, note, created_by) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7) RETURNING id`,
      [a.orgId, a.orgPath, a.courseId, JSON.stringify(a.target), a.deadline, a.note, a.createdBy],
    );
    await tx.query(
      reached.accounts
        ? `INSERT INTO study_assignment_account (assignment_id, user_id) SELECT $1, unnest($2::uuid[])`
        : `INSERT INTO study_assignment_member (assignment_id, member_id) SELECT $1, unnest($2::uuid[])`,
      [row!.id, reached.ids],
    );
    return row!.id;
  }

  async orgPath(assignmentId: string): Promise<string | undefined> {
    const [row]: Array<{ org_path: string }> = await this.db.query(`SELECT org_path::text AS org_path FROM study_assignment WHERE id = $1`, [assignmentId]);
    return row?.org_path;
  }

  /** The organisation's name and its current member count (subtree). */
  async orgWithMemberCount(orgId: string): Promise<{ name: string; n: number } | undefined> {
    const [org]: Array<{ name: string; n: number }> = await this.db.query(
      `SELECT o.name, (SELECT count(*)::int FROM member m WHERE m.org_path <@ o.path AND m.left_at IS NULL) AS n FROM organisation o WHERE o.id = $1`,
      [orgId],
    );
    return org;
  }

  /** Accounts of the development candidates in `states` whose branch lies inside `orgPath`. */
  async candidateAccounts(tx: EntityManager, orgPath: string, states: string[]): Promise<string[]> {
    // A candidate registered from paper has no account (user_id null): nobody to study, left out.
    const rows: Array<{ user_id: string }> = await tx.query(
      `SELECT DISTINCT r.user_id FROM development_record r JOIN organisation o ON o.id = r.organisation_id
        WHERE o.path <@ $1::ltree AND r.state = ANY($2::text[]) AND r.user_id IS NOT NULL`,
      [orgPath, states],
    );
    return rows.map((r) => r.user_id);
  }

  async currentMembersOf(tx: EntityManager, orgPath: string): Promise<string[]> {
    return ids(await tx.query(`SELECT id FROM member WHERE org_path <@ $1::ltree AND left_at IS NULL`, [orgPath]));
  }

  /** Those of `memberIds` who are current members inside `orgPath`. */
  async currentMembersAmong(tx: EntityManager, memberIds: string[], orgPath: string): Promise<string[]> {
    return ids(await tx.query(`SELECT id FROM member WHERE id = ANY($1::uuid[]) AND org_path <@ $2::ltree AND left_at IS NULL`, [memberIds, orgPath]));
  }

  /** Whether `groupId` is a 党小组 inside `orgPath`. */
  async groupInside(tx: EntityManager, groupId: string, orgPath: string): Promise<boolean> {
    const [g]: Array<{ ok: boolean }> = await tx.query(`SELECT path <@ $2::ltree AS ok FROM organisation WHERE id = $1 AND kind = 'group'`, [groupId, orgPath]);
    return g?.ok ?? false;
  }

  async currentMembersOfGroup(tx: EntityManager, groupId: string): Promise<string[]> {
    return ids(await tx.query(`SELECT id FROM member WHERE group_id = $1 AND left_at IS NULL`, [groupId]));
  }

  /** Current members inside `orgPath` holding `role` (a committee position or an account role) in an organisation of the subtree. */
  async currentMembersWithRole(tx: EntityManager, orgPath: string, role: Role): Promise<string[]> {
    return ids(
      await tx.query(
        `SELECT m.id FROM member m WHERE m.org_path <@ $1::ltree AND m.left_at IS NULL AND (
           EXISTS (SELECT 1 FROM committee_position cp JOIN organisation o ON o.id = cp.organisation_id
                    WHERE cp.member_id = m.id AND cp.ended_on IS NULL AND cp.position = $2 AND o.path <@ $1::ltree)
           OR EXISTS (SELECT 1 FROM role_assignment r JOIN user_account u ON u.id = r.user_id JOIN organisation o ON o.id = r.organisation_id
                    WHERE u.member_id = m.id AND r.role = $2 AND o.path <@ $1::ltree))`,
        [orgPath, role],
      ),
    );
  }

  assignments(f: AssignmentFilter): Promise<AssignmentRow[]> {
    return this.db.query(
      `SELECT a.id, a.organisation_id, org.name AS org_name, a.course_id, c.title AS course_title, a.target, a.deadline::text AS deadline, a.note, a.created_at
         FROM study_assignment a JOIN organisation org ON org.id = a.organisation_id JOIN study_course c ON c.id = a.course_id
        WHERE ${f.anyOrigin ? `(EXISTS (SELECT 1 FROM study_assignment_member am JOIN member m ON m.id = am.member_id WHERE am.assignment_id = a.id AND m.org_path <@ $1::ltree AND m.left_at IS NULL) OR EXISTS (SELECT 1 FROM ${CANDIDATES_REACHED} WHERE aa.assignment_id = a.id AND co.path <@ $1::ltree))` : `a.org_path <@ $1::ltree`}
          ${f.id ? 'AND a.id = $2' : ''}
        ORDER BY a.deadline, a.created_at`,
      f.id ? [f.path, f.id] : [f.path],
    );
  }

  /**
   * Each assigned member's progress (inside `path`), one query for any number of assignments; the
   * development candidates an assignment reached are listed under their open record's name and branch.
   */
  memberStates(path: string, assignmentIds: string[]): Promise<MemberStateRow[]> {
    return this.db.query(
      `SELECT * FROM (
         SELECT am.assignment_id, a.deadline::text AS deadline, m.id AS member_id, m.name AS member_name, m.organisation_id, o.name AS org_name,
                (SELECT count(*)::int FROM study_lesson l WHERE l.course_id = a.course_id) AS lesson_count,
                count(p.completed_at)::int AS lessons_done, count(p.lesson_id)::int AS lessons_started, max(p.completed_at) AS completed_at
           FROM study_assignment_member am
           JOIN study_assignment a ON a.id = am.assignment_id
           JOIN member m ON m.id = am.member_id
           JOIN organisation o ON o.id = m.organisation_id
           LEFT JOIN study_progress p ON p.member_id = m.id AND p.course_id = a.course_id
          WHERE am.assignment_id = ANY($1::uuid[]) AND m.org_path <@ $2::ltree AND m.left_at IS NULL
          GROUP BY am.assignment_id, a.deadline, a.course_id, m.id, m.name, m.organisation_id, o.name
         UNION ALL
         SELECT aa.assignment_id, a.deadline::text, aa.user_id, r.name, r.organisation_id, co.name,
                (SELECT count(*)::int FROM study_lesson l WHERE l.course_id = a.course_id),
                count(p.completed_at)::int, count(p.lesson_id)::int, max(p.completed_at)
           FROM ${CANDIDATES_REACHED}
           JOIN study_assignment a ON a.id = aa.assignment_id
           LEFT JOIN study_progress p ON p.user_id = aa.user_id AND p.course_id = a.course_id
          WHERE aa.assignment_id = ANY($1::uuid[]) AND co.path <@ $2::ltree
          GROUP BY aa.assignment_id, a.deadline, a.course_id, aa.user_id, r.name, r.organisation_id, co.name) x
        ORDER BY member_name`,
      [assignmentIds, path],
    );
  }

  // ---- L5 to-dos ----

  /** Required courses assigned to a member (or a candidate's account) with a deadline by `today + days`, with lesson counts. */
  dueAssignments(
    learner: { memberId: string } | { userId: string },
    today: string,
    days: number,
  ): Promise<Array<{ id: string; course_id: string; title: string; deadline: string; org_id: string; org_name: string; lessons: number; done: number }>> {
    const [col, table, id] =
      'memberId' in learner
        ? (['member_id', 'study_assignment_member', learner.memberId] as const)
        : (['user_id', 'study_assignment_account', learner.userId] as const);
    return this.db.query(
      `SELECT a.id, a.course_id, c.title, a.deadline::text AS deadline, o.id AS org_id, o.name AS org_name,
              (SELECT count(*)::int FROM study_lesson l WHERE l.course_id = a.course_id) AS lessons,
              (SELECT count(*)::int FROM study_progress p WHERE p.course_id = a.course_id AND p.${col} = $1 AND p.completed_at IS NOT NULL) AS done
         FROM ${table} am JOIN study_assignment a ON a.id = am.assignment_id JOIN study_course c ON c.id = a.course_id
         JOIN organisation o ON o.id = a.organisation_id
        WHERE am.${col} = $1 AND a.deadline <= ($2::date + $3::int) ORDER BY a.deadline LIMIT 50`,
      [id, today, days],
    );
  }
}

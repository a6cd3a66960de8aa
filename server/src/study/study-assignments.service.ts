import { Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ASSIGNMENT_STATE_LABEL,
  DEV_STATE_STAGE,
  isOpenDevState,
  assignmentState,
  chinaDate,
  chinaYear,
  formatHours,
  type Assignment,
  type AssignmentDetail,
  type AssignmentMember,
  type AssignmentState,
  type AssignmentTarget,
  type CreateAssignment,
  type HoursShortfall,
  type StudyOversight,
} from '@dangjian/shared';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { attachmentDisposition } from '../common/spreadsheet.js';
import { XLSX_MIME } from '../common/upload.js';
import { StudyAccess } from './study-access.js';
import { StudyProgressService, toHours } from './study-progress.service.js';
import { StudyErrors } from './study.errors.js';

type AssignmentRow = {
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
type MemberStateRow = {
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

/** Accounts an assignment reached (`aa`), with the candidate's open development record (`r`) and its branch (`co`). */
const CANDIDATES_REACHED = `study_assignment_account aa
  JOIN development_record r ON r.user_id = aa.user_id AND r.state NOT IN ('archived', 'closed')
  JOIN organisation co ON co.id = r.organisation_id`;

/**
 * L5: required courses assigned by an organisation to its members (all, chosen members, a 党小组 or
 * the holders of a role), resolved to members when assigned; oversight for secretaries of the
 * subtree: each assignment's completion per member, members below their L1 hours, an .xlsx export.
 */
@Injectable()
export class StudyAssignmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly study: StudyAccess,
    private readonly progress: StudyProgressService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(auth: AuthContext, dto: CreateAssignment): Promise<Assignment> {
    const orgPath = await this.study.requireOrg(auth, dto.orgId);
    const course = await this.study.course(dto.courseId);
    if (!course) throw notFound('课程');
    if (course.status !== 'published') throw StudyErrors.courseNotPublished();
    if (course.orgPath !== null && !isWithin(orgPath, course.orgPath)) throw StudyErrors.courseNotVisible();
    const id = await this.db.transaction(async (tx) => {
      const reached = await this.resolve(tx, orgPath, dto.target);
      if (reached.ids.length === 0) throw dto.target.kind === 'candidates' ? StudyErrors.noCandidates() : StudyErrors.noMembers();
      const [a]: Array<{ id: string }> = await tx.query(
        `INSERT INTO study_assignment (organisation_id, org_path, course_id, target, deadline, note, created_by) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7) RETURNING id`,
        [dto.orgId, orgPath, dto.courseId, JSON.stringify(dto.target), dto.deadline, dto.note, auth.userId],
      );
      await tx.query(
        reached.accounts
          ? `INSERT INTO study_assignment_account (assignment_id, user_id) SELECT $1, unnest($2::uuid[])`
          : `INSERT INTO study_assignment_member (assignment_id, member_id) SELECT $1, unnest($2::uuid[])`,
        [a!.id, reached.ids],
      );
      await this.audit.record(
        auth,
        {
          action: 'study.assignment.create',
          objectType: 'study_assignment',
          objectId: a!.id,
          orgPath,
          details: { courseId: dto.courseId, target: dto.target.kind, deadline: dto.deadline, members: reached.ids.length },
        },
        tx,
      );
      return a!.id;
    });
    return (await this.assignments(orgPath, { id }))[0]!;
  }

  async list(auth: AuthContext, orgId: string): Promise<Assignment[]> {
    return this.assignments(await this.study.requireOrg(auth, orgId));
  }

  async detail(auth: AuthContext, assignmentId: string): Promise<AssignmentDetail> {
    const [row]: Array<{ org_path: string }> = await this.db.query(`SELECT org_path::text AS org_path FROM study_assignment WHERE id = $1`, [assignmentId]);
    if (!row) throw notFound('学习任务');
    const scope = this.study.scopes(auth).find((s) => isWithin(row.org_path, s));
    // A worker of a branch below the assigning organisation sees the part of it in their subtree.
    const inner = scope ?? this.study.scopes(auth).find((s) => isWithin(s, row.org_path));
    if (!inner) throw forbidden();
    const path = scope ? row.org_path : inner;
    const [a] = await this.assignments(path, { id: assignmentId, anyOrigin: true });
    const members = await this.memberStates(path, assignmentId);
    return { ...a!, members };
  }

  async oversight(auth: AuthContext, orgId: string, year?: number): Promise<StudyOversight> {
    return this.oversightOf(orgId, await this.study.requireOrg(auth, orgId), year);
  }

  private async oversightOf(orgId: string, orgPath: string, year?: number): Promise<StudyOversight> {
    const y = year ?? chinaYear(this.clock.now());
    const [org]: Array<{ name: string; n: number }> = await this.db.query(
      `SELECT o.name, (SELECT count(*)::int FROM member m WHERE m.org_path <@ o.path AND m.left_at IS NULL) AS n FROM organisation o WHERE o.id = $1`,
      [orgId],
    );
    const assignments = await this.assignments(orgPath, { anyOrigin: true });
    const belowHours = await this.belowHours(orgPath, y);
    return { org: { id: orgId, name: org!.name }, year: y, memberCount: org!.n, assignments, belowHours };
  }

  async exportXlsx(auth: AuthContext, orgId: string, year?: number): Promise<StreamableFile> {
    const orgPath = await this.study.requireOrg(auth, orgId);
    const o = await this.oversightOf(orgId, orgPath, year);
    const states = await this.memberStates(
      orgPath,
      o.assignments.map((a) => a.id),
    );
    const wb = new ExcelJS.Workbook();
    const tasks = wb.addWorksheet('必修课程完成情况');
    tasks.columns = [
      { header: '课程', key: 'course', width: 30 },
      { header: '截止日期', key: 'deadline', width: 12 },
      { header: '党员', key: 'member', width: 12 },
      { header: '所在组织', key: 'org', width: 24 },
      { header: '状态', key: 'state', width: 10 },
      { header: '已完成课时', key: 'done', width: 12 },
      { header: '完成时间', key: 'at', width: 20 },
    ];
    for (const a of o.assignments) {
      for (const m of states.filter((x) => x.assignmentId === a.id)) {
        tasks.addRow({
          course: a.course.title,
          deadline: a.deadline,
          member: m.member.name,
          org: m.org.name,
          state: ASSIGNMENT_STATE_LABEL[m.state],
          done: `${m.lessonsDone}/${m.lessonCount}`,
          at: m.completedAt ? chinaDate(new Date(m.completedAt)) : '',
        });
      }
    }
    const hours = wb.addWorksheet(`${o.year}年学时未达标`);
    hours.columns = [
      { header: '党员', key: 'member', width: 12 },
      { header: '所在组织', key: 'org', width: 24 },
      { header: '已获学时', key: 'total', width: 10 },
      { header: '应达学时', key: 'required', width: 10 },
      { header: '还差学时', key: 'missing', width: 10 },
    ];
    for (const h of o.belowHours)
      hours.addRow({ member: h.member.name, org: h.org.name, total: formatHours(h.totalS), required: h.requiredHours, missing: formatHours(h.missingS) });
    for (const ws of [tasks, hours]) ws.getRow(1).font = { bold: true };
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const name = `学习督导-${o.org.name}-${o.year}.xlsx`;
    return new StreamableFile(buf, { type: XLSX_MIME, disposition: attachmentDisposition(name, `study-oversight-${o.year}.xlsx`), length: buf.length });
  }

  /** L1: members of the subtree below their yearly requirement, fewest hours first. */
  private async belowHours(orgPath: string, year: number): Promise<HoursShortfall[]> {
    const rows = await this.progress.hoursRows(year, 'm.org_path <@ $5::ltree AND m.left_at IS NULL', [orgPath]);
    return rows
      .map((r) => ({ r, h: toHours(r, year) }))
      .filter(({ h }) => !h.met)
      .map(({ r, h }) => ({
        member: h.member,
        org: { id: r.organisation_id, name: r.org_name },
        totalS: h.totalS,
        requiredHours: h.requiredHours,
        missingS: h.requiredHours * 3600 - h.totalS,
      }))
      .sort((a, b) => a.totalS - b.totalS);
  }

  /**
   * Members the target names, all inside `orgPath` (anything outside is refused, not dropped); for
   * `candidates`, the accounts of the development candidates of those stages whose branch lies inside.
   */
  private async resolve(tx: { query: DataSource['query'] }, orgPath: string, target: AssignmentTarget): Promise<{ ids: string[]; accounts?: true }> {
    if (target.kind === 'candidates') {
      const states = Object.entries(DEV_STATE_STAGE)
        .filter(([state, stage]) => (target.stages as string[]).includes(stage) && isOpenDevState(state))
        .map(([state]) => state);
      // A candidate registered from paper has no account (user_id null): nobody to study, left out.
      const rows: Array<{ user_id: string }> = await tx.query(
        `SELECT DISTINCT r.user_id FROM development_record r JOIN organisation o ON o.id = r.organisation_id
          WHERE o.path <@ $1::ltree AND r.state = ANY($2::text[]) AND r.user_id IS NOT NULL`,
        [orgPath, states],
      );
      return { ids: rows.map((r) => r.user_id), accounts: true };
    }
    return { ids: await this.resolveMembers(tx, orgPath, target) };
  }

  private async resolveMembers(
    tx: { query: DataSource['query'] },
    orgPath: string,
    target: Exclude<AssignmentTarget, { kind: 'candidates' }>,
  ): Promise<string[]> {
    switch (target.kind) {
      case 'all':
        return (await tx.query(`SELECT id FROM member WHERE org_path <@ $1::ltree AND left_at IS NULL`, [orgPath])).map((r: { id: string }) => r.id);
      case 'members': {
        const ids = [...new Set(target.memberIds)];
        const rows: Array<{ id: string }> = await tx.query(`SELECT id FROM member WHERE id = ANY($1::uuid[]) AND org_path <@ $2::ltree AND left_at IS NULL`, [
          ids,
          orgPath,
        ]);
        if (rows.length !== ids.length) throw StudyErrors.memberOutside();
        return ids;
      }
      case 'group': {
        const [g]: Array<{ ok: boolean }> = await tx.query(`SELECT path <@ $2::ltree AS ok FROM organisation WHERE id = $1 AND kind = 'group'`, [
          target.groupId,
          orgPath,
        ]);
        if (!g?.ok) throw StudyErrors.groupOutside();
        return (await tx.query(`SELECT id FROM member WHERE group_id = $1 AND left_at IS NULL`, [target.groupId])).map((r: { id: string }) => r.id);
      }
      case 'role':
        return (
          await tx.query(
            `SELECT m.id FROM member m WHERE m.org_path <@ $1::ltree AND m.left_at IS NULL AND (
               EXISTS (SELECT 1 FROM committee_position cp JOIN organisation o ON o.id = cp.organisation_id
                        WHERE cp.member_id = m.id AND cp.ended_on IS NULL AND cp.position = $2 AND o.path <@ $1::ltree)
               OR EXISTS (SELECT 1 FROM role_assignment r JOIN user_account u ON u.id = r.user_id JOIN organisation o ON o.id = r.organisation_id
                        WHERE u.member_id = m.id AND r.role = $2 AND o.path <@ $1::ltree))`,
            [orgPath, target.role],
          )
        ).map((r: { id: string }) => r.id);
    }
  }

  /**
   * Assignments with per-state counts over the members inside `path`. By default those made by an
   * organisation of the subtree; `anyOrigin`: also those of higher organisations covering its members.
   */
  private async assignments(path: string, o: { id?: string; anyOrigin?: boolean } = {}): Promise<Assignment[]> {
    const rows: AssignmentRow[] = await this.db.query(
      `SELECT a.id, a.organisation_id, org.name AS org_name, a.course_id, c.title AS course_title, a.target, a.deadline::text AS deadline, a.note, a.created_at
         FROM study_assignment a JOIN organisation org ON org.id = a.organisation_id JOIN study_course c ON c.id = a.course_id
        WHERE ${o.anyOrigin ? `(EXISTS (SELECT 1 FROM study_assignment_member am JOIN member m ON m.id = am.member_id WHERE am.assignment_id = a.id AND m.org_path <@ $1::ltree AND m.left_at IS NULL) OR EXISTS (SELECT 1 FROM ${CANDIDATES_REACHED} WHERE aa.assignment_id = a.id AND co.path <@ $1::ltree))` : `a.org_path <@ $1::ltree`}
          ${o.id ? 'AND a.id = $2' : ''}
        ORDER BY a.deadline, a.created_at`,
      o.id ? [path, o.id] : [path],
    );
    if (rows.length === 0) return [];
    const states = await this.memberStates(
      path,
      rows.map((r) => r.id),
    );
    return rows.map((r) => {
      const mine = states.filter((s) => s.assignmentId === r.id);
      const counts: Record<AssignmentState, number> = { done: 0, in_progress: 0, not_started: 0, overdue: 0 };
      for (const s of mine) counts[s.state]++;
      return {
        id: r.id,
        org: { id: r.organisation_id, name: r.org_name },
        course: { id: r.course_id, title: r.course_title },
        target: r.target,
        deadline: r.deadline,
        note: r.note,
        memberCount: mine.length,
        counts,
        createdAt: r.created_at.toISOString(),
      };
    });
  }

  /**
   * L5: each assigned member's state (inside `path`), one query for any number of assignments; the
   * development candidates an assignment reached are listed under their open record's name and branch.
   */
  private async memberStates(path: string, ids: string | string[]): Promise<Array<AssignmentMember & { assignmentId: string }>> {
    const rows: MemberStateRow[] = await this.db.query(
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
      [Array.isArray(ids) ? ids : [ids], path],
    );
    const today = chinaDate(this.clock.now());
    return rows.map((r) => {
      const done = r.lesson_count > 0 && r.lessons_done >= r.lesson_count;
      return {
        assignmentId: r.assignment_id,
        member: { id: r.member_id, name: r.member_name },
        org: { id: r.organisation_id, name: r.org_name },
        state: assignmentState({ done, started: r.lessons_started > 0, deadline: r.deadline, today }),
        lessonsDone: r.lessons_done,
        lessonCount: r.lesson_count,
        completedAt: done && r.completed_at ? r.completed_at.toISOString() : null,
      };
    });
  }
}

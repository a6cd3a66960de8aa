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
import { DataSource, type EntityManager } from 'typeorm';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { attachmentDisposition } from '../common/spreadsheet.js';
import { XLSX_MIME } from '../common/upload.js';
import { StudyAccess } from './study-access.js';
import { StudyAssignmentsRepository } from './study-assignments.repository.js';
import { StudyProgressRepository } from './study-progress.repository.js';
import { toHours } from './study-progress.service.js';
import { StudyErrors } from './study.errors.js';
import { loadExcelJs } from '../common/lazy-modules.js';

/**
 * L5: required courses assigned by an organisation to its members (all, chosen members, a 党小组 or
 * the holders of a role), resolved to members when assigned; oversight for secretaries of the
 * subtree: each assignment's completion per member, members below their L1 hours, an .xlsx export.
 */
@Injectable()
export class StudyAssignmentsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: StudyAssignmentsRepository,
    private readonly hours: StudyProgressRepository,
    private readonly study: StudyAccess,
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
      const assignmentId = await this.repo.insert(
        tx,
        { orgId: dto.orgId, orgPath, courseId: dto.courseId, target: dto.target, deadline: dto.deadline, note: dto.note, createdBy: auth.userId },
        reached,
      );
      await this.audit.record(
        auth,
        {
          action: 'study.assignment.create',
          objectType: 'study_assignment',
          objectId: assignmentId,
          orgPath,
          details: { courseId: dto.courseId, target: dto.target.kind, deadline: dto.deadline, members: reached.ids.length },
        },
        tx,
      );
      return assignmentId;
    });
    return (await this.assignments(orgPath, { id }))[0]!;
  }

  async list(auth: AuthContext, orgId: string): Promise<Assignment[]> {
    return this.assignments(await this.study.requireOrg(auth, orgId));
  }

  async detail(auth: AuthContext, assignmentId: string): Promise<AssignmentDetail> {
    const orgPath = await this.repo.orgPath(assignmentId);
    if (orgPath === undefined) throw notFound('学习任务');
    const scope = this.study.scopes(auth).find((s) => isWithin(orgPath, s));
    // A worker of a branch below the assigning organisation sees the part of it in their subtree.
    const inner = scope ?? this.study.scopes(auth).find((s) => isWithin(s, orgPath));
    if (!inner) throw forbidden();
    const path = scope ? orgPath : inner;
    const [a] = await this.assignments(path, { id: assignmentId, anyOrigin: true });
    const members = await this.memberStates(path, assignmentId);
    return { ...a!, members };
  }

  async oversight(auth: AuthContext, orgId: string, year?: number): Promise<StudyOversight> {
    return this.oversightOf(orgId, await this.study.requireOrg(auth, orgId), year);
  }

  private async oversightOf(orgId: string, orgPath: string, year?: number): Promise<StudyOversight> {
    const y = year ?? chinaYear(this.clock.now());
    const org = await this.repo.orgWithMemberCount(orgId);
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
    const wb = new (await loadExcelJs()).Workbook();
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
    const rows = await this.hours.hoursRows(year, { orgPath });
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
  private async resolve(tx: EntityManager, orgPath: string, target: AssignmentTarget): Promise<{ ids: string[]; accounts?: true }> {
    if (target.kind === 'candidates') {
      const states = Object.entries(DEV_STATE_STAGE)
        .filter(([state, stage]) => (target.stages as string[]).includes(stage) && isOpenDevState(state))
        .map(([state]) => state);
      return { ids: await this.repo.candidateAccounts(tx, orgPath, states), accounts: true };
    }
    return { ids: await this.resolveMembers(tx, orgPath, target) };
  }

  private async resolveMembers(tx: EntityManager, orgPath: string, target: Exclude<AssignmentTarget, { kind: 'candidates' }>): Promise<string[]> {
    switch (target.kind) {
      case 'all':
        return this.repo.currentMembersOf(tx, orgPath);
      case 'members': {
        const ids = [...new Set(target.memberIds)];
        const rows = await this.repo.currentMembersAmong(tx, ids, orgPath);
        if (rows.length !== ids.length) throw StudyErrors.memberOutside();
        return ids;
      }
      case 'group': {
        if (!(await this.repo.groupInside(tx, target.groupId, orgPath))) throw StudyErrors.groupOutside();
        return this.repo.currentMembersOfGroup(tx, target.groupId);
      }
      case 'role':
        return this.repo.currentMembersWithRole(tx, orgPath, target.role);
    }
  }

  /**
   * Assignments with per-state counts over the members inside `path`. By default those made by an
   * organisation of the subtree; `anyOrigin`: also those of higher organisations covering its members.
   */
  private async assignments(path: string, o: { id?: string; anyOrigin?: boolean } = {}): Promise<Assignment[]> {
    const rows = await this.repo.assignments({ path, ...o });
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
    const rows = await this.repo.memberStates(path, Array.isArray(ids) ? ids : [ids]);
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

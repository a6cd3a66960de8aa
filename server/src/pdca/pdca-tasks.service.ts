import { Injectable } from '@nestjs/common';
import {
  allowedActions,
  canEnterScore,
  chinaDate,
  maySubmit,
  PDCA_LIMITS,
  PDCA_PLAN_STATE_LABEL,
  PDCA_TASK_ACTION_ACTOR,
  PDCA_TASK_STATE_LABEL,
  PDCA_TASK_TRANSITIONS,
  periodLabel,
  rubricTotal,
  scoreSheetProblem,
  sheetTotal,
  type PdcaAssignment,
  type PdcaEvidenceFile,
  type PdcaEvidenceLink,
  type PdcaMyAssignmentList,
  type PdcaMyAssignmentsQuery,
  type PdcaScoreInputDto,
  type PdcaTaskAction,
  type ReturnPdcaAssignmentDto,
  type SubmitPdcaEvidenceDto,
} from '@dangjian/shared';
import type { FastifyRequest } from 'fastify';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { notFound } from '../common/domain-error.js';
import { AuditWriter } from '../common/ports.js';
import { WorkflowEngine } from '../common/workflow.js';
import { MeetingsService } from '../meetings/meetings.service.js';
import { attachmentType } from '../notices/notice-files.js';
import { StorageService } from '../storage/storage.service.js';
import { PdcaErrors } from './pdca.errors.js';
import { PdcaFileLinks } from './pdca-file-links.js';
import { PdcaRepository, type PlanRow, type TaskRow } from './pdca.repository.js';
import { PdcaService } from './pdca.service.js';
import { PdcaWorkflows, type LockedTask } from './pdca.workflow.js';

type Viewer = { committee: boolean; branch: boolean; scorer: boolean };

/**
 * 党支部落实 / 党员执行 and 绩效考评 (K6): a branch's task with its evidence (text, photos and files in
 * the storage module, links to the branch's meetings), the committee's decisions on it, and the
 * scorers' sheets. Who sees a task: the plan's committee (pdca.manage), the branch itself (pdca.submit
 * on it, once published) and the plan's scorers (once published) — anyone else gets 404.
 */
@Injectable()
export class PdcaTasksService {
  constructor(
    private readonly repo: PdcaRepository,
    private readonly access: AccessService,
    private readonly engine: WorkflowEngine,
    private readonly wf: PdcaWorkflows,
    private readonly plans: PdcaService,
    private readonly meetings: MeetingsService,
    private readonly storage: StorageService,
    private readonly links: PdcaFileLinks,
    private readonly audit: AuditWriter,
  ) {}

  private async viewer(auth: AuthContext, t: TaskRow, plan: PlanRow): Promise<Viewer> {
    const published = plan.state !== 'draft';
    return {
      committee: this.access.can(auth, 'pdca.manage', plan.orgPath),
      branch: published && this.wf.isBranch(auth, t.orgPath),
      scorer: published && (await this.repo.isScorer(plan.id, auth.userId)),
    };
  }

  private async load(auth: AuthContext, id: string): Promise<{ t: TaskRow; plan: PlanRow; who: Viewer }> {
    const t = await this.repo.task(id);
    const plan = t && (await this.repo.plan(t.planId));
    if (!t || !plan) throw notFound('支部任务');
    const who = await this.viewer(auth, t, plan);
    if (!who.committee && !who.branch && !who.scorer) throw notFound('支部任务');
    return { t, plan, who };
  }

  async get(auth: AuthContext, id: string): Promise<PdcaAssignment> {
    const { t, plan, who } = await this.load(auth, id);
    const [files, sheets, talk] = await Promise.all([this.repo.files(id), this.repo.sheets([id]), this.repo.talkOfTask(id)]);
    const reported = plan.state === 'reported' || plan.state === 'closed';
    // The committee reads every sheet; a scorer their own; the branch all of them once reported.
    const visible = sheets.filter((s) => who.committee || (who.branch && reported) || s.scorerId === auth.userId);
    const editable = who.branch && maySubmit(plan.state) && (t.state === 'assigned' || t.state === 'returned');
    return {
      id: t.id,
      orgId: t.orgId,
      orgName: t.orgName,
      state: t.state,
      stateLabel: PDCA_TASK_STATE_LABEL[t.state],
      submittedAt: t.submittedAt?.toISOString() ?? null,
      scoredBy: t.scoredBy,
      // The branch sees its score once it went upward; scorers and the committee as soon as it is fixed.
      average: who.committee || who.scorer || reported ? t.average : null,
      plan: {
        id: plan.id,
        title: plan.title,
        periodLabel: periodLabel(plan.year, plan.quarter),
        description: plan.description,
        dueOn: plan.dueOn,
        state: plan.state,
        stateLabel: PDCA_PLAN_STATE_LABEL[plan.state],
        orgName: plan.orgName,
        rubric: plan.rubric,
        threshold: plan.threshold,
        fullMarks: rubricTotal(plan.rubric),
      },
      summary: t.summary,
      links: t.links,
      files: files.map((f) => this.fileView(f)),
      returnReason: t.returnReason,
      sheets: visible.map((s) => ({ ...s, updatedAt: s.updatedAt.toISOString() })),
      talk: talk && (who.committee || who.branch) ? this.plans.talkView(auth, talk) : null,
      canSubmit: editable,
      canEditEvidence: editable,
      actions: who.committee ? allowedActions(PDCA_TASK_TRANSITIONS, t.state).filter((a) => PDCA_TASK_ACTION_ACTOR[a] === 'committee') : [],
      canScore: who.scorer && canEnterScore(plan.state, t.state),
    };
  }

  private fileView(f: { id: string; name: string | null; contentType: string; sizeBytes: number }): PdcaEvidenceFile {
    return { id: f.id, name: f.name ?? '附件', contentType: f.contentType, sizeBytes: f.sizeBytes, url: this.links.url(f.id) };
  }

  /** as=branch: tasks of the caller's branches; as=scorer: the tasks of the plans the caller scores. */
  async mine(auth: AuthContext, q: PdcaMyAssignmentsQuery): Promise<PdcaMyAssignmentList> {
    const rows =
      q.as === 'scorer'
        ? await this.repo.tasksToScore(auth.userId)
        : (await this.repo.tasksOfBranches(this.wf.branchScopes(auth))).map((r) => ({ ...r, myTotal: null }));
    return {
      items: rows.map((r) => ({
        id: r.id,
        orgId: r.orgId,
        orgName: r.orgName,
        state: r.state,
        stateLabel: PDCA_TASK_STATE_LABEL[r.state],
        submittedAt: r.submittedAt?.toISOString() ?? null,
        scoredBy: r.scoredBy,
        average: q.as === 'scorer' || r.planState === 'reported' || r.planState === 'closed' ? r.average : null,
        planId: r.planId,
        planTitle: r.planTitle,
        periodLabel: periodLabel(r.year, r.quarter),
        planState: r.planState,
        dueOn: r.dueOn,
        myTotal: r.myTotal,
      })),
    };
  }

  /** Branches with something to submit (to-do). */
  async toSubmit(auth: AuthContext) {
    const rows = await this.repo.tasksOfBranches(this.wf.branchScopes(auth));
    return rows.filter((r) => maySubmit(r.planState) && (r.state === 'assigned' || r.state === 'returned'));
  }

  /** Sheets the caller still owes (to-do). */
  async toScore(auth: AuthContext) {
    return (await this.repo.tasksToScore(auth.userId)).filter((r) => r.myTotal === null && canEnterScore(r.planState, r.state));
  }

  /** Submissions waiting for the committee's decision (to-do). */
  async toDecide(auth: AuthContext) {
    return this.repo.tasksInState(this.access.scopes(auth, 'pdca.manage'), 'submitted');
  }

  /** The branch's own meetings only (their titles and dates as they read now). */
  private async meetingLinks(auth: AuthContext, t: TaskRow, ids: string[]): Promise<PdcaEvidenceLink[]> {
    const out: PdcaEvidenceLink[] = [];
    for (const id of [...new Set(ids)]) {
      const m = await this.meetings.detail(auth, id);
      if (m.organisationId !== t.orgId) throw PdcaErrors.meetingNotOfBranch();
      out.push({ kind: 'meeting', id, label: m.title, on: chinaDate(new Date(m.startsAt)) });
    }
    return out;
  }

  async submit(auth: AuthContext, id: string, dto: SubmitPdcaEvidenceDto): Promise<PdcaAssignment> {
    const { t, who } = await this.load(auth, id);
    if (!who.branch) throw notFound('支部任务');
    const links = await this.meetingLinks(auth, t, dto.meetingIds);
    await this.engine.run(this.wf.task, { auth, id, action: 'submit', input: { summary: dto.summary, links } });
    return this.get(auth, id);
  }

  async return(auth: AuthContext, id: string, dto: ReturnPdcaAssignmentDto): Promise<PdcaAssignment> {
    await this.engine.run(this.wf.task, { auth, id, action: 'return', input: dto });
    return this.get(auth, id);
  }

  async step(auth: AuthContext, id: string, action: Extract<PdcaTaskAction, 'accept' | 'score'>): Promise<PdcaAssignment> {
    await this.engine.run(this.wf.task, { auth, id, action, input: undefined });
    return this.get(auth, id);
  }

  /** Locks the task (and shares its plan) and checks the branch may change its evidence now. */
  private async lockForEvidence(tx: Parameters<Parameters<PdcaRepository['transaction']>[0]>[0], auth: AuthContext, id: string): Promise<LockedTask> {
    const t = await this.wf.task.lock(tx, auth, id, 'submit');
    if (!maySubmit(t.plan.state)) throw PdcaErrors.submissionsClosed();
    if (t.state !== 'assigned' && t.state !== 'returned') throw PdcaErrors.taskOutOfOrder(t.state);
    return t;
  }

  /** A photo or file of evidence (multipart field `file`), kept by the storage module. */
  async upload(auth: AuthContext, id: string, req: FastifyRequest): Promise<PdcaEvidenceFile> {
    const maxBytes = PDCA_LIMITS.fileMaxMb * 1024 * 1024;
    if (!req.isMultipart()) throw PdcaErrors.fileMissing();
    let data: Buffer;
    let name: string | null;
    try {
      const part = await req.file({ limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 } });
      if (!part) throw PdcaErrors.fileMissing();
      data = await part.toBuffer();
      name = part.filename || null;
      if (part.file.truncated) throw PdcaErrors.fileTooLarge(PDCA_LIMITS.fileMaxMb);
    } catch (e) {
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || (e as { statusCode?: number }).statusCode === 413)
        throw PdcaErrors.fileTooLarge(PDCA_LIMITS.fileMaxMb);
      throw e;
    }
    const type = data.length ? attachmentType(data.subarray(0, 16), name) : null;
    if (!type) throw PdcaErrors.fileType();
    const file = await this.repo.transaction(async (tx) => {
      const t = await this.lockForEvidence(tx, auth, id);
      if ((await this.repo.fileCount(tx, id)) >= PDCA_LIMITS.filesMax) throw PdcaErrors.tooManyFiles(PDCA_LIMITS.filesMax);
      const f = await this.storage.store({ data, contentType: type, originalName: name, createdBy: auth.userId, prefix: 'pdca' }, tx);
      await this.repo.addFile(tx, id, f.id);
      await this.audit.record(
        auth,
        { action: 'pdca_assignment.file.add', objectType: 'pdca_assignment', objectId: id, orgPath: t.orgPath, details: { fileId: f.id, contentType: type } },
        tx,
      );
      return f;
    });
    return this.fileView({ id: file.id, name, contentType: type, sizeBytes: data.length });
  }

  async removeFile(auth: AuthContext, id: string, fileId: string): Promise<void> {
    if ((await this.repo.fileTask(fileId)) !== id) throw notFound('文件');
    const removed = await this.repo.transaction(async (tx) => {
      const t = await this.lockForEvidence(tx, auth, id);
      const row = await this.storage.removeRow(fileId, tx);
      await this.audit.record(
        auth,
        { action: 'pdca_assignment.file.remove', objectType: 'pdca_assignment', objectId: id, orgPath: t.orgPath, details: { fileId } },
        tx,
      );
      return row;
    });
    if (removed) await this.storage.removeBytes(removed);
  }

  /** 绩效考评: the scorer's own sheet, entered or replaced while the task is open for scoring. */
  async score(auth: AuthContext, id: string, dto: PdcaScoreInputDto): Promise<PdcaAssignment> {
    await this.repo.transaction(async (tx) => {
      const t = await this.repo.task(id, tx, true);
      const plan = t && (await this.repo.plan(t.planId, tx, 'share'));
      if (!t || !plan) throw notFound('支部任务');
      if (!(await this.repo.isScorer(plan.id, auth.userId, tx))) {
        throw (await this.viewer(auth, t, plan)).committee || this.access.can(auth, 'pdca.submit', t.orgPath) ? PdcaErrors.notScorer() : notFound('支部任务');
      }
      if (!canEnterScore(plan.state, t.state)) throw PdcaErrors.scoringClosed();
      const problem = scoreSheetProblem(plan.rubric, dto.scores);
      if (problem) throw PdcaErrors.scoreInvalid(problem);
      const total = sheetTotal(dto.scores);
      await this.repo.upsertSheet(tx, id, auth.userId, dto.scores, total, dto.comment);
      await this.audit.record(
        auth,
        { action: 'pdca_assignment.sheet', objectType: 'pdca_assignment', objectId: id, orgPath: t.orgPath, details: { total } },
        tx,
      );
    });
    return this.get(auth, id);
  }

  /** The bytes of an evidence file behind a signed link (an <image> cannot send the Authorization header). */
  async openFile(fileId: string, exp: number, sig: string) {
    if (!this.links.verify(fileId, exp, sig) || !(await this.repo.fileTask(fileId))) throw notFound('文件');
    const file = await this.storage.find(fileId);
    if (!file) throw notFound('文件');
    return { file, stream: await this.storage.open(file) };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import {
  allowedActions,
  chinaDate,
  isBelowThreshold,
  isPlanEditable,
  itemAverages,
  PDCA_PLAN_STATE_LABEL,
  PDCA_PLAN_TRANSITIONS,
  PDCA_TALK_STATE_LABEL,
  PDCA_TASK_STATE_LABEL,
  periodLabel,
  rankByAverage,
  rubricTotal,
  type CreatePdcaPlanDto,
  type HoldPdcaTalkDto,
  type PdcaCandidates,
  type PdcaPlanAction,
  type PdcaPlanDetail,
  type PdcaPlanList,
  type PdcaPlanListQuery,
  type PdcaPlanSummary,
  type PdcaResults,
  type PdcaTalk,
  type UpdatePdcaPlanDto,
} from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { notFound } from '../common/domain-error.js';
import { AuditWriter } from '../common/ports.js';
import { WorkflowEngine } from '../common/workflow.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { resolveLetterFont } from '../transfers/transfer-letter.pdf.js';
import { resultsPdf, resultsSheet } from './pdca-report.js';
import { PdcaErrors } from './pdca.errors.js';
import { PdcaRepository, type PlanFields, type PlanRow, type TalkRow } from './pdca.repository.js';
import { PdcaWorkflows } from './pdca.workflow.js';

const fields = (dto: UpdatePdcaPlanDto): PlanFields => ({
  title: dto.title,
  year: dto.year,
  quarter: dto.quarter,
  description: dto.description,
  dueOn: dto.dueOn,
  threshold: dto.threshold,
  rubric: dto.rubric,
});

/**
 * 党委统筹 → 汇报党委 (K6): the committee's side of PDCA — plans, their branches and scorers, the steps
 * of a plan, the results and the 约谈 list. Every method checks pdca.manage on the plan's committee
 * first; a plan outside the caller's subtree answers 404.
 */
@Injectable()
export class PdcaService {
  constructor(
    private readonly repo: PdcaRepository,
    private readonly access: AccessService,
    private readonly engine: WorkflowEngine,
    private readonly wf: PdcaWorkflows,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The plan, if the caller manages its committee. */
  async managed(auth: AuthContext, id: string): Promise<PlanRow> {
    const p = await this.repo.plan(id);
    if (!p || !this.access.can(auth, 'pdca.manage', p.orgPath)) throw notFound('考评任务');
    return p;
  }

  async candidates(auth: AuthContext, orgId: string): Promise<PdcaCandidates> {
    const path = await this.access.requireOrg(auth, 'pdca.manage', orgId);
    const [branches, scorers] = await Promise.all([this.repo.branchesUnder(path), this.repo.scorerCandidates(orgId, path)]);
    return { branches, scorers };
  }

  private async checkTargets(orgPath: string, dto: UpdatePdcaPlanDto): Promise<void> {
    if ((await this.repo.branchesBelow(orgPath, dto.branchIds)).length !== dto.branchIds.length) throw PdcaErrors.notABranchBelow();
    if ((await this.repo.existingUsers(dto.scorerIds)).length !== dto.scorerIds.length) throw PdcaErrors.unknownScorer();
  }

  /** 党委统筹 + 党群部组织: a draft with its rubric, the branches' tasks and the scorers, in one transaction. */
  async create(auth: AuthContext, dto: CreatePdcaPlanDto): Promise<PdcaPlanDetail> {
    const orgPath = await this.access.requireOrg(auth, 'pdca.manage', dto.orgId);
    await this.checkTargets(orgPath, dto);
    const id = await this.repo.transaction(async (tx) => {
      const planId = await this.repo.insertPlan(tx, dto.orgId, fields(dto), auth.userId);
      await this.repo.replaceScorers(tx, planId, dto.scorerIds);
      const plan = (await this.repo.plan(planId, tx))!;
      const now = this.clock.now();
      await this.engine.record(this.wf.plan, { tx, auth, subject: plan, action: 'create', input: undefined, from: 'new', to: 'draft', now }, 'draft', plan);
      await this.assign(tx, auth, plan, dto.branchIds, now);
      return planId;
    });
    return this.detail(auth, id);
  }

  /** Each new task's creating step (its audit entry). */
  private async assign(tx: EntityManager, auth: AuthContext, plan: PlanRow, branchIds: string[], now: Date): Promise<void> {
    for (const taskId of await this.repo.replaceTasks(tx, plan.id, branchIds)) {
      const t = (await this.repo.task(taskId, tx))!;
      const subject = { ...t, plan };
      await this.engine.record(this.wf.task, { tx, auth, subject, action: 'assign', input: undefined, from: 'new', to: 'assigned', now }, 'assigned', subject);
    }
  }

  /** Only a draft changes; what branches were given stays as given. */
  async update(auth: AuthContext, id: string, dto: UpdatePdcaPlanDto): Promise<PdcaPlanDetail> {
    await this.repo.transaction(async (tx) => {
      const plan = await this.wf.plan.lock(tx, auth, id, 'publish');
      if (!isPlanEditable(plan.state)) throw PdcaErrors.notEditable();
      await this.checkTargets(plan.orgPath, dto);
      await this.repo.updatePlan(tx, id, fields(dto));
      await this.repo.replaceScorers(tx, id, dto.scorerIds);
      await this.assign(tx, auth, plan, dto.branchIds, this.clock.now());
      await this.audit.record(
        auth,
        { action: 'pdca_plan.update', objectType: 'pdca_plan', objectId: id, orgPath: plan.orgPath, details: { branches: dto.branchIds.length } },
        tx,
      );
    });
    return this.detail(auth, id);
  }

  async list(auth: AuthContext, q: PdcaPlanListQuery): Promise<PdcaPlanList> {
    const roots = q.orgId ? [await this.access.requireOrg(auth, 'pdca.manage', q.orgId)] : this.access.scopes(auth, 'pdca.manage');
    const plans = await this.repo.plansUnder(roots);
    const counts = await this.repo.stateCounts(plans.map((p) => p.id));
    return { items: plans.map((p) => this.summary(p, counts.get(p.id) ?? {})) };
  }

  async detail(auth: AuthContext, id: string): Promise<PdcaPlanDetail> {
    const p = await this.managed(auth, id);
    const [tasks, scorers] = await Promise.all([this.repo.tasksOfPlan(id), this.repo.scorers(id)]);
    const counts: Record<string, number> = {};
    for (const t of tasks) counts[t.state] = (counts[t.state] ?? 0) + 1;
    return {
      ...this.summary(p, counts),
      description: p.description,
      rubric: p.rubric,
      scorers,
      assignments: tasks.map((t) => ({
        id: t.id,
        orgId: t.orgId,
        orgName: t.orgName,
        state: t.state,
        stateLabel: PDCA_TASK_STATE_LABEL[t.state],
        submittedAt: t.submittedAt?.toISOString() ?? null,
        scoredBy: t.scoredBy,
        average: t.average,
      })),
      actions: allowedActions(PDCA_PLAN_TRANSITIONS, p.state),
      canEdit: isPlanEditable(p.state),
    };
  }

  async step(auth: AuthContext, id: string, action: Exclude<PdcaPlanAction, 'create'>): Promise<PdcaPlanDetail> {
    await this.engine.run(this.wf.plan, { auth, id, action, input: undefined });
    return this.detail(auth, id);
  }

  /** 绩效考评 → 汇报党委: per branch the average, each item's mean, rank, comments; and the 约谈 list. */
  async results(auth: AuthContext, id: string): Promise<PdcaResults> {
    const p = await this.managed(auth, id);
    const tasks = await this.repo.tasksOfPlan(id);
    const [sheets, talks] = await Promise.all([this.repo.sheets(tasks.map((t) => t.id)), this.repo.talksOfPlan(id)]);
    const counts: Record<string, number> = {};
    for (const t of tasks) counts[t.state] = (counts[t.state] ?? 0) + 1;
    const rows = rankByAverage(
      tasks.map((t) => {
        const mine = sheets.filter((s) => s.assignmentId === t.id);
        return {
          assignmentId: t.id,
          orgId: t.orgId,
          orgName: t.orgName,
          state: t.state,
          stateLabel: PDCA_TASK_STATE_LABEL[t.state],
          average: t.average,
          items: itemAverages(
            p.rubric,
            mine.map((s) => s.scores),
          ),
          scorers: mine.length,
          below: t.average !== null && isBelowThreshold(t.average, p.threshold),
          comments: mine.filter((s) => s.comment).map((s) => `${s.scorerName}：${s.comment}`),
        };
      }),
    );
    return { plan: { ...this.summary(p, counts), rubric: p.rubric }, rows, talks: talks.map((t) => this.talkView(auth, t)) };
  }

  /** The plan for the sheet and the PDF: only once reported (what went upward is what the export shows). */
  async reportData(auth: AuthContext, id: string): Promise<PdcaResults> {
    const r = await this.results(auth, id);
    if (r.plan.state !== 'reported' && r.plan.state !== 'closed') throw PdcaErrors.notReported();
    return r;
  }

  /** 汇报党委 as .xlsx. */
  async sheet(auth: AuthContext, id: string): Promise<{ data: Buffer; fileName: string }> {
    const r = await this.reportData(auth, id);
    const data = await resultsSheet(r);
    await this.exported(auth, r, 'xlsx');
    return { data, fileName: `${r.plan.periodLabel}${r.plan.title.slice(0, 40)}-考评结果.xlsx` };
  }

  /** 汇报党委 as a printable PDF. */
  async pdf(auth: AuthContext, id: string): Promise<Buffer> {
    const r = await this.reportData(auth, id);
    const font = resolveLetterFont({ file: this.config.TRANSFER_LETTER_FONT, family: this.config.TRANSFER_LETTER_FONT_FAMILY });
    if (!font) throw PdcaErrors.noFont();
    const data = await resultsPdf(r, font, chinaDate(this.clock.now()));
    await this.exported(auth, r, 'pdf');
    return data;
  }

  private async exported(auth: AuthContext, r: PdcaResults, format: string): Promise<void> {
    const p = await this.managed(auth, r.plan.id);
    await this.audit.record(auth, { action: 'pdca_plan.export', objectType: 'pdca_plan', objectId: p.id, orgPath: p.orgPath, details: { format } });
  }

  async talks(auth: AuthContext): Promise<TalkRow[]> {
    return this.repo.pendingTalks(this.access.scopes(auth, 'pdca.manage'));
  }

  async talk(auth: AuthContext, id: string): Promise<PdcaTalk> {
    const t = await this.repo.talk(id);
    if (!t || !this.access.can(auth, 'pdca.manage', t.planOrgPath)) throw notFound('约谈');
    return this.talkView(auth, t);
  }

  /** Records the talk with the branch's secretary (date, who, what was said, what follows). */
  async hold(auth: AuthContext, id: string, dto: HoldPdcaTalkDto): Promise<PdcaTalk> {
    await this.engine.run(this.wf.talk, { auth, id, action: 'hold', input: dto });
    return this.talk(auth, id);
  }

  talkView(auth: AuthContext, t: TalkRow): PdcaTalk {
    return {
      id: t.id,
      assignmentId: t.assignmentId,
      planId: t.planId,
      planTitle: t.planTitle,
      orgId: t.orgId,
      orgName: t.orgName,
      average: t.average,
      state: t.state,
      stateLabel: PDCA_TALK_STATE_LABEL[t.state],
      heldOn: t.heldOn,
      attendees: t.attendees,
      content: t.content,
      followUp: t.followUp,
      recordedBy: t.recorderName,
      canHold: t.state === 'pending' && this.access.can(auth, 'pdca.manage', t.planOrgPath),
    };
  }

  private summary(p: PlanRow, counts: Record<string, number>): PdcaPlanSummary {
    return {
      id: p.id,
      orgId: p.orgId,
      orgName: p.orgName,
      title: p.title,
      year: p.year,
      quarter: p.quarter,
      periodLabel: periodLabel(p.year, p.quarter),
      dueOn: p.dueOn,
      state: p.state,
      stateLabel: PDCA_PLAN_STATE_LABEL[p.state],
      threshold: p.threshold,
      fullMarks: rubricTotal(p.rubric),
      counts,
    };
  }
}

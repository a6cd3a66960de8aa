import { Injectable } from '@nestjs/common';
import {
  averageScore,
  isBelowThreshold,
  maySubmit,
  PDCA_PLAN_TRANSITIONS,
  PDCA_TALK_TRANSITIONS,
  PDCA_TASK_TRANSITIONS,
  periodLabel,
  type HoldPdcaTalkDto,
  type PdcaEvidenceLink,
  type PdcaPlanAction,
  type PdcaPlanMachineState,
  type PdcaTalkAction,
  type PdcaTalkMachineState,
  type PdcaTaskAction,
  type PdcaTaskMachineState,
  type ReturnPdcaAssignmentDto,
} from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { notFound } from '../common/domain-error.js';
import { WorkflowEngine, type Notice, type WorkflowDefinition } from '../common/workflow.js';
import { PdcaErrors } from './pdca.errors.js';
import { PdcaRepository, type PlanRow, type TalkRow, type TaskRow } from './pdca.repository.js';

export const PDCA_PAGES = {
  plan: (id: string) => `/packages/pdca/pages/plan/index?id=${id}`,
  results: (id: string) => `/packages/pdca/pages/results/index?id=${id}`,
  task: (id: string) => `/packages/pdca/pages/task/index?id=${id}`,
  talk: (id: string) => `/packages/pdca/pages/talk/index?id=${id}`,
};

type PlanInputs = { create: undefined; publish: undefined; start_scoring: undefined; report: undefined; close: undefined };
/** A task with its plan (read FOR SHARE under the task's lock). */
export type LockedTask = TaskRow & { plan: PlanRow };
type TaskInputs = {
  assign: undefined;
  submit: { summary: string; links: PdcaEvidenceLink[] };
  return: ReturnPdcaAssignmentDto;
  accept: undefined;
  score: undefined;
};
type TaskChanges = { summary?: string; links?: PdcaEvidenceLink[]; by?: string; returnReason: string | null; average?: number };
type TalkInputs = { open: undefined; hold: HoldPdcaTalkDto };

const planName = (p: Pick<PlanRow, 'title' | 'year' | 'quarter'>) => `${periodLabel(p.year, p.quarter)}“${p.title}”`;

/**
 * The three PDCA tables (K6) on the one engine. The committee's steps need pdca.manage on the plan's
 * committee; the branch's submission needs pdca.submit on the branch (its secretary, deputy or
 * organisation member). Outsiders get 404, as if the row did not exist.
 */
@Injectable()
export class PdcaWorkflows {
  constructor(
    private readonly repo: PdcaRepository,
    private readonly access: AccessService,
    private readonly engine: WorkflowEngine,
  ) {}

  private async leaders(tx: EntityManager, orgIds: string[]): Promise<string[]> {
    return [...(await this.repo.branchLeaders(orgIds, tx)).values()].flat();
  }

  readonly plan: WorkflowDefinition<PlanRow, PdcaPlanMachineState, PdcaPlanAction, PlanInputs> = {
    name: 'pdca_plan',
    table: PDCA_PLAN_TRANSITIONS,
    lock: async (tx, auth, id) => {
      const p = await this.repo.plan(id, tx, 'update');
      if (!p || !this.access.can(auth, 'pdca.manage', p.orgPath)) throw notFound('考评任务');
      return p;
    },
    state: (p) => p.state,
    id: (p) => p.id,
    orgPath: (p) => p.orgPath,
    outOfOrder: (ctx) => PdcaErrors.planOutOfOrder(ctx.from),
    actions: {
      // The creating step: the service inserts the plan and records it (engine.record).
      create: {},
      publish: {},
      start_scoring: {
        guards: [
          async ({ tx, subject }) => {
            const open = (await this.repo.tasksOfPlan(subject.id, tx)).filter((t) => t.state === 'submitted').length;
            if (open) throw PdcaErrors.undecided(open);
          },
        ],
      },
      report: {
        guards: [
          async ({ tx, subject }) => {
            const left = (await this.repo.tasksOfPlan(subject.id, tx)).filter((t) => t.state !== 'scored').length;
            if (left) throw PdcaErrors.unscored(left);
          },
        ],
        // K6: every branch below the threshold is put on the 约谈 list, in the same transaction.
        effect: async (ctx) => {
          const below = (await this.repo.tasksOfPlan(ctx.subject.id, ctx.tx)).filter((t) => isBelowThreshold(t.average ?? 0, ctx.subject.threshold));
          for (const t of below) {
            const id = await this.repo.insertTalk(ctx.tx, t.id);
            const talk = (await this.repo.talk(id, ctx.tx))!;
            await this.engine.record(this.talk, { ...ctx, subject: talk, action: 'open', input: undefined, from: 'new', to: 'pending' }, 'pending', talk);
          }
          return { audit: { talks: below.length } };
        },
      },
      close: {
        guards: [
          async ({ tx, subject }) => {
            const pending = (await this.repo.talksOfPlan(subject.id, tx)).filter((t) => t.state === 'pending').length;
            if (pending) throw PdcaErrors.talksPending(pending);
          },
        ],
      },
    },
    save: async ({ tx, subject }, to) => {
      if (to === 'new') throw new Error('a plan never goes back to new');
      await this.repo.setPlanState(tx, subject.id, to);
      return { ...subject, state: to };
    },
    notify: async ({ tx, action }, _to, saved) => {
      const tasks = await this.repo.tasksOfPlan(saved.id, tx);
      if (action === 'publish') {
        const userIds = await this.leaders(
          tx,
          tasks.map((t) => t.orgId),
        );
        return [
          {
            userIds,
            kind: 'pdca.publish',
            title: '新的考评任务',
            body: `${saved.orgName}下达${planName(saved)}，请于 ${saved.dueOn} 前提交落实情况。`,
            link: null,
          },
        ];
      }
      if (action === 'start_scoring') {
        const userIds = (await this.repo.scorers(saved.id, tx)).map((s) => s.id);
        return [{ userIds, kind: 'pdca.scoring', title: '请为各支部评分', body: `${planName(saved)}已开始考评。`, link: null }];
      }
      if (action === 'report') {
        const byOrg = await this.repo.branchLeaders(
          tasks.map((t) => t.orgId),
          tx,
        );
        return tasks.map((t): Notice => ({
          userIds: byOrg.get(t.orgId) ?? [],
          kind: 'pdca.report',
          title: '考评结果已汇报',
          body: `${planName(saved)}：${t.orgName}得分 ${t.average ?? 0} 分${isBelowThreshold(t.average ?? 0, saved.threshold) ? '，低于约谈分数线，党委将约谈支部书记' : ''}。`,
          link: PDCA_PAGES.task(t.id),
        }));
      }
      return [];
    },
  };

  /**
   * The branch's side: pdca.submit on it, but not as the committee — an org worker's or admin's grant
   * carries pdca.submit too, and the committee does not do (nor get to-dos for) its branches' work.
   */
  isBranch(auth: AuthContext, orgPath: string): boolean {
    return this.access.can(auth, 'pdca.submit', orgPath) && !this.access.can(auth, 'pdca.manage', orgPath);
  }

  /** The subtrees where the caller acts as a branch (see isBranch). */
  branchScopes(auth: AuthContext): string[] {
    return this.access.scopes(auth, 'pdca.submit').filter((root) => !this.access.can(auth, 'pdca.manage', root));
  }

  /** Committee steps read the plan's committee; the branch's submission its own subtree. */
  private canSee(auth: AuthContext, t: LockedTask, action: PdcaTaskAction): boolean {
    if (action === 'submit') return t.plan.state !== 'draft' && this.isBranch(auth, t.orgPath);
    return this.access.can(auth, 'pdca.manage', t.plan.orgPath);
  }

  readonly task: WorkflowDefinition<LockedTask, PdcaTaskMachineState, PdcaTaskAction, TaskInputs, TaskChanges> = {
    name: 'pdca_assignment',
    table: PDCA_TASK_TRANSITIONS,
    lock: async (tx, auth, id, action) => {
      const t = await this.repo.task(id, tx, true);
      const plan = t && (await this.repo.plan(t.planId, tx, 'share'));
      if (!t || !plan) throw notFound('支部任务');
      const locked = { ...t, plan };
      if (!this.canSee(auth, locked, action)) throw notFound('支部任务');
      return locked;
    },
    state: (t) => t.state,
    id: (t) => t.id,
    orgPath: (t) => t.orgPath,
    outOfOrder: (ctx) => PdcaErrors.taskOutOfOrder(ctx.from),
    actions: {
      assign: {},
      submit: {
        guards: [
          ({ subject }) => {
            if (!maySubmit(subject.plan.state)) throw PdcaErrors.submissionsClosed();
          },
        ],
        effect: ({ auth, input }) => ({ changes: { summary: input.summary, links: input.links, by: auth.userId, returnReason: null } }),
      },
      return: {
        effect: ({ input }) => ({ changes: { returnReason: input.reason }, audit: { reason: input.reason } }),
      },
      accept: {},
      // 绩效考评: the committee fixes the branch's score once every scorer has entered a sheet.
      score: {
        guards: [
          ({ subject }) => {
            if (subject.plan.state !== 'scoring') throw PdcaErrors.scoringClosed();
          },
        ],
        effect: async ({ tx, subject }) => {
          const scorers = await this.repo.scorers(subject.plan.id, tx);
          const sheets = await this.repo.sheets([subject.id], tx);
          const missing = scorers.filter((s) => !sheets.some((x) => x.scorerId === s.id)).length;
          if (missing) throw PdcaErrors.scoresMissing(missing);
          const average = averageScore(sheets.map((s) => s.total))!;
          return { changes: { returnReason: null, average }, audit: { average, scorers: sheets.length } };
        },
      },
    },
    save: async ({ tx, subject }, to, c) => {
      if (to === 'new') throw new Error('a task never goes back to new');
      const changes = c ?? { returnReason: null };
      await this.repo.saveTask(tx, subject.id, to, changes);
      return { ...subject, state: to, returnReason: changes.returnReason, average: changes.average ?? subject.average };
    },
    auditDetails: (_ctx, _to, saved) => ({ planId: saved.planId, orgId: saved.orgId }),
    // The committee sees submissions in 待办; a message goes to the branch only when its task is returned.
    notify: async ({ tx, action }, _to, saved) => {
      if (action !== 'return') return [];
      const userIds = await this.leaders(tx, [saved.orgId]);
      return [{ userIds, kind: 'pdca.return', title: '考评任务被退回', body: `退回原因：${saved.returnReason ?? ''}`, link: PDCA_PAGES.task(saved.id) }];
    },
  };

  readonly talk: WorkflowDefinition<TalkRow, PdcaTalkMachineState, PdcaTalkAction, TalkInputs> = {
    name: 'pdca_talk',
    table: PDCA_TALK_TRANSITIONS,
    lock: async (tx, auth, id) => {
      const t = await this.repo.talk(id, tx, true);
      if (!t || !this.access.can(auth, 'pdca.manage', t.planOrgPath)) throw notFound('约谈');
      return t;
    },
    state: (t) => t.state,
    id: (t) => t.id,
    orgPath: (t) => t.planOrgPath,
    outOfOrder: (ctx) => PdcaErrors.talkOutOfOrder(ctx.from),
    actions: {
      // Opened by the plan's report step (engine.record inside it).
      open: {},
      hold: {
        effect: ({ input }) => ({ audit: { heldOn: input.heldOn } }),
      },
    },
    save: async ({ tx, subject, auth, input, action }, to) => {
      if (to === 'new' || action !== 'hold') throw new Error('only hold saves a talk');
      const dto = input as HoldPdcaTalkDto;
      await this.repo.saveTalk(tx, subject.id, to, { ...dto, by: auth.userId });
      return (await this.repo.talk(subject.id, tx))!;
    },
    auditDetails: (_ctx, _to, saved) => ({ assignmentId: saved.assignmentId, orgId: saved.orgId }),
    notify: async ({ tx, action }, _to, saved) => {
      if (action !== 'open') return [];
      const userIds = await this.leaders(tx, [saved.orgId]);
      return [
        {
          userIds,
          kind: 'pdca.talk',
          title: '约谈通知',
          body: `${saved.planTitle}：${saved.orgName}得分 ${saved.average} 分，低于约谈分数线，党委将约谈支部书记。`,
          link: null,
        },
      ];
    },
  };
}

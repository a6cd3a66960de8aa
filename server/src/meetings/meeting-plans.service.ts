import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  allowedActions,
  draftMeetingPlan,
  MEETING_PLAN_ACTOR,
  MEETING_PLAN_TRANSITIONS,
  meetingPlanEditable,
  meetingRules,
  planEntryProblem,
  type CreateMeetingPlanDto,
  type MeetingPlan,
  type MeetingPlanAction,
  type MeetingPlanListQuery,
  type MeetingPlanPage,
  type MeetingPlanState,
  type MeetingPlanSummary,
  type ReturnMeetingPlanDto,
  type UpdateMeetingPlanDto,
} from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { WorkflowEngine, type WorkflowDefinition } from '../common/workflow.js';
import { iso, isoOrNull } from './meeting.mapper.js';
import { MeetingPlanErrors } from './meeting-plans.errors.js';
import { MeetingPlansRepository, type PlanChanges, type PlanRow } from './meeting-plans.repository.js';

const UNIQUE_VIOLATION = '23505';
type PlanInputs = { submit: undefined; acknowledge: undefined; return: ReturnMeetingPlanDto; reopen: undefined };

/** Where the plan is read and adjusted in the mini-program. */
export const planPage = (id: string) => `/packages/meetings/pages/plan/index?id=${encodeURIComponent(id)}`;

/**
 * The yearly plan (年度计划): drafted from C1 (draftMeetingPlan), adjusted by whoever runs the branch's
 * meetings, reported to the organisation above through MEETING_PLAN_TRANSITIONS on the workflow engine.
 * Read by org.read or meeting.manage on the branch (so by every organisation above it).
 */
@Injectable()
export class MeetingPlansService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly engine: WorkflowEngine,
    private readonly plans: MeetingPlansRepository,
  ) {}

  /** Drafts the branch's plan for a year from the C1 rule set (meeting.manage on the branch); one per branch and year. */
  async create(auth: AuthContext, dto: CreateMeetingPlanDto): Promise<MeetingPlan> {
    await this.access.requireOrg(auth, 'meeting.manage', dto.organisationId);
    const org = (await this.plans.org(dto.organisationId))!;
    if (org.kind !== 'branch') throw MeetingPlanErrors.notABranch();
    if (!this.actsForBranch(auth, org.path)) throw MeetingPlanErrors.notBranch();
    const rules = meetingRules({ partyLecturePeriod: dto.partyLecturePeriod });
    let id: string;
    try {
      id = await this.db.transaction(async (tx) => {
        const groups = await this.plans.groupsOf([org.id], tx);
        const entries = draftMeetingPlan({ org: { kind: org.kind, fullMemberCount: org.fullMemberCount, groups }, year: dto.year, rules });
        const id = await this.plans.insert(tx, {
          organisationId: org.id,
          year: dto.year,
          rulesVersion: rules.version,
          partyLecturePeriod: dto.partyLecturePeriod ?? 'quarter',
          createdBy: auth.userId,
        });
        await this.plans.replaceEntries(tx, id, entries);
        await this.audit.record(
          auth,
          { action: 'meeting_plan.draft', objectType: 'meeting_plan', objectId: id, orgPath: org.path, details: { year: dto.year, entries: entries.length } },
          tx,
        );
        return id;
      });
    } catch (e) {
      if ((e as { code?: string }).code === UNIQUE_VIOLATION) {
        throw MeetingPlanErrors.exists((await this.plans.idOf(org.id, dto.year)) ?? '');
      }
      throw e;
    }
    return this.get(auth, id);
  }

  async get(auth: AuthContext, id: string): Promise<MeetingPlan> {
    const p = await this.readable(auth, await this.plans.find(id));
    const entries = await this.plans.entries(id);
    return {
      ...summary(p),
      rulesVersion: p.rulesVersion,
      partyLecturePeriod: p.partyLecturePeriod,
      entries: entries.map((e) => ({
        id: e.id,
        month: e.month,
        type: e.type,
        group: e.groupId ? { id: e.groupId, name: e.groupName ?? '' } : null,
        topic: e.topic,
      })),
      submittedBy: p.submittedByName,
      decidedAt: isoOrNull(p.decidedAt),
      decidedBy: p.decidedByName,
      returnReason: p.returnReason,
      canEdit: meetingPlanEditable(p.state) && this.actsForBranch(auth, p.orgPath),
      actions: allowedActions(MEETING_PLAN_TRANSITIONS, p.state).filter((a) => this.mayAct(auth, p, a)),
    };
  }

  /** Plans of the branches in a subtree (org.read), or in every subtree the caller reads or runs. */
  async list(auth: AuthContext, q: MeetingPlanListQuery): Promise<MeetingPlanPage> {
    const roots = q.orgId
      ? [await this.access.requireOrg(auth, 'org.read', q.orgId)]
      : [...new Set([...this.access.scopes(auth, 'org.read'), ...this.access.scopes(auth, 'meeting.manage')])];
    if (!roots.length) throw forbidden();
    const { rows, total } = await this.plans.list({ roots, year: q.year, state: q.state, page: q.page, pageSize: q.pageSize });
    return { items: rows.map(summary), total, page: q.page, pageSize: q.pageSize };
  }

  /** The secretary's adjustment: the whole list of entries, while the branch holds the plan (draft or returned). */
  async updateEntries(auth: AuthContext, id: string, dto: UpdateMeetingPlanDto): Promise<MeetingPlan> {
    await this.db.transaction(async (tx) => {
      const p = await this.readable(auth, await this.plans.find(id, tx, true));
      if (!this.actsForBranch(auth, p.orgPath)) throw MeetingPlanErrors.notBranch();
      if (!meetingPlanEditable(p.state)) throw MeetingPlanErrors.notEditable(p.state);
      const groups = await this.plans.groupsOf([p.organisationId], tx);
      dto.entries.forEach((e, i) => {
        const problem = planEntryProblem(e, groups);
        if (problem) throw MeetingPlanErrors.entryInvalid(i, problem);
      });
      await this.plans.replaceEntries(tx, id, dto.entries);
      await this.plans.update(tx, id, {});
      await this.audit.record(
        auth,
        { action: 'meeting_plan.edit', objectType: 'meeting_plan', objectId: id, orgPath: p.orgPath, details: { entries: dto.entries.length } },
        tx,
      );
    });
    return this.get(auth, id);
  }

  submit = (auth: AuthContext, id: string) => this.step(auth, id, 'submit', undefined);
  acknowledge = (auth: AuthContext, id: string) => this.step(auth, id, 'acknowledge', undefined);
  return = (auth: AuthContext, id: string, dto: ReturnMeetingPlanDto) => this.step(auth, id, 'return', dto);
  reopen = (auth: AuthContext, id: string) => this.step(auth, id, 'reopen', undefined);

  private async step<K extends MeetingPlanAction>(auth: AuthContext, id: string, action: K, input: PlanInputs[K]): Promise<MeetingPlan> {
    await this.engine.run(this.workflow, { auth, id, action, input });
    return this.get(auth, id);
  }

  /** The branch drafts, edits, submits and reopens; the organisation above (a strict ancestor) decides. */
  private mayAct(auth: AuthContext, p: PlanRow, action: MeetingPlanAction): boolean {
    return MEETING_PLAN_ACTOR[action] === 'branch' ? this.actsForBranch(auth, p.orgPath) : this.actsForHigher(auth, p.orgPath);
  }

  /**
   * meeting.manage through a grant on the branch itself (its secretary, deputy): a committee above, which
   * also reaches the branch, reviews the plan rather than writing it, so the two sides stay apart.
   */
  private actsForBranch(auth: AuthContext, branchPath: string): boolean {
    return auth.grants.some((g) => g.orgPath === branchPath && this.access.can({ ...auth, grants: [g] }, 'meeting.manage', branchPath));
  }

  private actsForHigher(auth: AuthContext, branchPath: string): boolean {
    return auth.grants.some(
      (g) => g.orgPath !== branchPath && isWithin(branchPath, g.orgPath) && this.access.can({ ...auth, grants: [g] }, 'meeting.manage', branchPath),
    );
  }

  private readonly workflow: WorkflowDefinition<PlanRow, MeetingPlanState, MeetingPlanAction, PlanInputs, PlanChanges> = {
    name: 'meeting_plan',
    table: MEETING_PLAN_TRANSITIONS,
    lock: async (tx: EntityManager, auth, id, action) => {
      const p = await this.readable(auth, await this.plans.find(id, tx, true));
      if (!this.mayAct(auth, p, action)) throw MEETING_PLAN_ACTOR[action] === 'higher' ? MeetingPlanErrors.notHigher() : MeetingPlanErrors.notBranch();
      return p;
    },
    state: (p) => p.state,
    id: (p) => p.id,
    orgPath: (p) => p.orgPath,
    outOfOrder: (ctx, allowed) => MeetingPlanErrors.stepOutOfOrder(ctx.from, ctx.action, allowed),
    actions: {
      submit: {
        effect: ({ auth, now }) => ({
          changes: { submitted_at: now, submitted_by: auth.userId, submitted_by_name: auth.displayName, decided_at: null, decided_by_name: null },
        }),
      },
      acknowledge: { effect: ({ auth, now }) => ({ changes: { decided_at: now, decided_by_name: auth.displayName, return_reason: null } }) },
      return: {
        effect: ({ auth, now, input }) => ({
          changes: { decided_at: now, decided_by_name: auth.displayName, return_reason: input.reason },
          audit: { reason: input.reason },
        }),
      },
      reopen: {},
    },
    save: async ({ tx, subject }, to, changes) => {
      await this.plans.update(tx, subject.id, { state: to, ...changes });
      return { ...subject, state: to };
    },
    // The branch hears the organisation above's decision (in-app and subscribe message through the outbox).
    notify: ({ subject, action, input }) => {
      if ((action !== 'acknowledge' && action !== 'return') || !subject.submittedBy) return [];
      const reason = action === 'return' ? (input as ReturnMeetingPlanDto).reason : null;
      return [
        {
          userIds: [subject.submittedBy],
          kind: 'meeting_plan',
          title: action === 'return' ? `${subject.year}年度会议计划被退回` : `${subject.year}年度会议计划已确认`,
          body: reason ? `${subject.orgName}：${reason}` : `${subject.orgName}的年度计划已由上级党组织确认`,
          link: planPage(subject.id),
        },
      ];
    },
  };

  /** The plan, if the caller may read it (org.read or meeting.manage on the branch). */
  private async readable(auth: AuthContext, p: PlanRow | null): Promise<PlanRow> {
    if (!p) throw this.missing(auth);
    if (!this.access.can(auth, 'org.read', p.orgPath) && !this.access.can(auth, 'meeting.manage', p.orgPath)) throw forbidden();
    return p;
  }

  private missing(auth: AuthContext) {
    return this.access.scopes(auth, 'org.read').length || this.access.scopes(auth, 'meeting.manage').length ? notFound('年度计划') : forbidden();
  }
}

function summary(p: PlanRow): MeetingPlanSummary {
  return {
    id: p.id,
    organisationId: p.organisationId,
    organisationName: p.orgName,
    year: p.year,
    state: p.state,
    entryCount: p.entryCount,
    submittedAt: isoOrNull(p.submittedAt),
    updatedAt: iso(p.updatedAt),
  };
}

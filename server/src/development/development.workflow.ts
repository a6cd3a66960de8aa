import {
  chinaMonth,
  chinaToday,
  checkActivistYear,
  checkAdmissionVote,
  checkApprovalTime,
  checkApprover,
  checkContacts,
  checkExtension,
  checkPreReview,
  checkProbationOver,
  checkPublicNotice,
  checkSponsors,
  checkStepDate,
  checkTalk,
  checkTraining,
  checkVetting,
  CreateMemberSchema,
  DEV_ACTION_ACTOR,
  DEV_ACTOR_LABEL,
  DEV_RULE_SET,
  DEV_STEP_NO,
  DEV_TRANSITIONS,
  fullMemberDate,
  type DevAction,
  type DevState,
  type DevStepParsed,
  type DevViolation,
  type StoredDevState,
} from '@dangjian/shared';
import type { AccessService } from '../access/access.service.js';
import { isWithin, type AuthContext } from '../common/auth-context.js';
import type { EntityManager } from 'typeorm';
import { forbidden, notFound } from '../common/domain-error.js';
import type { ActionSpec, Guard, StepContext, WorkflowDefinition } from '../common/workflow.js';
import type { MotionsService } from '../elections/motions.service.js';
import type { FeeBillsService } from '../fees/fee-bills.service.js';
import type { MembersService } from '../members/members.service.js';
import type { SensitiveCipher } from '../common/sensitive-cipher.js';
import type { StudyProgressService } from '../study/study-progress.service.js';
import { DevErrors } from './development.errors.js';
import type { DevelopmentRepository, DevRecordRow, RecordSet } from './development.repository.js';

/** Every step takes the same input shape (DevStepSchema); `apply` is the creation step. */
export type DevInputs = Record<DevAction, DevStepParsed>;
type Ctx = StepContext<DevRecordRow, DevState, DevAction, DevStepParsed>;
type Spec = ActionSpec<DevRecordRow, DevState, DevAction, DevStepParsed, RecordSet>;

export type DevDeps = {
  repo: DevelopmentRepository;
  access: AccessService;
  members: MembersService;
  motions: MotionsService;
  fees: FeeBillsService;
  cipher: SensitiveCipher;
  study: StudyProgressService;
};

/**
 * D11: online study of the candidate's own account in the development-target stage (from the day they
 * became a development target to `to`), read from the learning module. A paper applicant without an
 * account has none; the training's days and hours are then recorded by the branch at step 11.
 */
export const targetStageStudySeconds = (study: StudyProgressService, r: Pick<DevRecordRow, 'userId' | 'targetOn'>, to: string, tx?: EntityManager) =>
  r.userId && r.targetOn ? study.accountStudySeconds(r.userId, r.targetOn, to, tx) : Promise.resolve(0);

/** The engine hands the workflow-wide hooks `unknown` input; every development step has the one DevStepSchema shape. */
const inputOf = (c: { input: unknown }) => c.input as DevStepParsed;
const ok = (violation: DevViolation | null) => {
  if (violation) throw DevErrors.rule(violation);
};
const need = <T>(v: T | undefined | null, what: string): T => {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) throw DevErrors.missing(what);
  return v;
};

/** The caller works for a strict ancestor of the branch (the higher committee) with member.manage. */
export const actsForHigher = (access: AccessService, auth: AuthContext, branchPath: string) =>
  auth.grants.some((g) => g.orgPath !== branchPath && isWithin(branchPath, g.orgPath) && access.can({ ...auth, grants: [g] }, 'member.manage', branchPath));

/** Who may take `action` on the record: the applicant themself, the branch, or the higher committee (DEV_ACTION_ACTOR). */
export function mayAct(access: AccessService, auth: AuthContext, r: DevRecordRow, action: DevAction): boolean {
  const branch = access.can(auth, 'member.manage', r.orgPath);
  switch (DEV_ACTION_ACTOR[action]) {
    case 'applicant':
      return (r.userId !== null && r.userId === auth.userId) || branch;
    case 'branch':
      return branch;
    case 'committee':
      return actsForHigher(access, auth, r.orgPath);
  }
}

/**
 * The development workflow on the shared engine (common/workflow.ts): the table is DEV_TRANSITIONS in
 * shared; every D time rule is a guard calling the pure function of development-rules.ts; the effects
 * write the dates the later rules read, create the member record at admission (M1, F4) and confirm it (M3).
 */
export function developmentWorkflow(d: DevDeps): WorkflowDefinition<DevRecordRow, DevState, DevAction, DevInputs, RecordSet> {
  const today = (ctx: Ctx) => chinaToday(ctx.now);

  /** Members named as contacts or sponsors: members of this branch, read through the members service. */
  const branchMembers = async (ctx: Ctx, ids: string[]) => {
    const out = [];
    for (const id of ids) {
      const m = await d.members.get(ctx.auth, id, false);
      if (m.orgId !== ctx.subject.organisationId) throw DevErrors.rule({ rule: 'D5-contacts-1-2', message: `${m.name}不是本支部的党员` });
      out.push(m);
    }
    return out;
  };

  /** O7 and "the higher committee": the approver is a strict ancestor of the branch that may approve, and the caller works for it. */
  const approver = async (ctx: Ctx) => {
    const id = need(ctx.input.approverOrgId, '审批的上级党委');
    const org = await d.repo.org(id, ctx.tx);
    if (!org) throw notFound('组织');
    if (!isWithin(ctx.subject.orgPath, org.path) || org.path === ctx.subject.orgPath)
      throw DevErrors.rule({ rule: 'O7-approver', message: '应由申请人所在党支部的上级党委审批' });
    ok(checkApprover(org));
    if (!d.access.can(ctx.auth, 'member.manage', org.path)) throw forbidden('您不是该党委的工作人员，不能以其名义审批');
    return org;
  };

  /** D15/D23: the V2 motion, read through the motions module (linked, never copied). */
  const vote = async (ctx: Ctx, kind: 'admission' | 'confirmation') => {
    const id = need(ctx.input.motionId, '支部大会表决（关联表决事项）');
    const m = await d.motions.detail(ctx.auth, id);
    const name = ctx.subject.name;
    ok(
      checkAdmissionVote(
        { kind: m.kind, state: m.state, passed: m.passed, applicantName: m.applicant?.name ?? null, organisationId: m.organisationId },
        { name, branchId: ctx.subject.organisationId },
        kind,
      ),
    );
    if (kind === 'confirmation' && m.applicant?.memberId !== ctx.subject.memberId)
      throw DevErrors.rule({ rule: 'D15-V2-admission-vote', message: '该表决的对象不是本预备党员' });
    const day = await d.repo.meetingDay(m.meetingId, ctx.tx);
    if (!day) throw notFound('会议');
    if (day > today(ctx)) throw DevErrors.rule({ rule: 'D-date-order', message: '表决所在的会议尚未召开' });
    return { motion: m, day };
  };

  const guards = (...g: Array<Guard<DevRecordRow, DevState, DevAction, DevStepParsed>>) => g;
  const to = (s: StoredDevState) => s;

  const actions: { [K in DevAction]: Spec } = {
    apply: {},
    talk: {
      guards: guards(
        (c) => void need(c.input.note, '谈话情况'),
        (c) => ok(checkTalk(c.subject.appliedOn, c.input.on)),
      ),
    },
    select_activist: {
      guards: guards((c) => void need(c.input.note, '支委会研究意见')),
      effect: (c) => ({ changes: { activist_on: c.input.on } }),
    },
    file_activist: {},
    assign_contacts: {
      guards: guards(async (c) => ok(checkContacts(await branchMembers(c, need(c.input.memberIds, '培养联系人'))))),
    },
    assess: {
      guards: guards((c) => void need(c.input.note, '考察意见')),
      effect: (c) => ({ changes: { assessed_on: [...c.subject.assessedOn, c.input.on] } }),
    },
    select_target: {
      guards: guards(
        (c) => void need(c.input.note, '支委会研究意见'),
        (c) => ok(checkActivistYear(need(c.subject.activistOn, '确定积极分子日期'), c.input.on, c.subject.assessedOn)),
      ),
      effect: (c) => ({ changes: { target_on: c.input.on } }),
    },
    file_target: {},
    assign_sponsors: {
      guards: guards(async (c) => ok(checkSponsors(await branchMembers(c, need(c.input.memberIds, '入党介绍人'))))),
    },
    vet: { guards: guards((c) => ok(checkVetting(c.input.note, need(c.input.passed, '政审是否合格')))) },
    train: {
      // D11 in the effect (inside the step's transaction, after the lock): the recorded days/hours plus the account's online study.
      effect: async (c) => {
        const studyS = await targetStageStudySeconds(d.study, c.subject, c.input.on, c.tx);
        ok(checkTraining({ days: c.input.trainingDays ?? 0, hours: c.input.trainingHours ?? 0, studyS }));
        return { audit: { studyS } };
      },
    },
    committee_review: {
      guards: guards((c) => ok(checkPublicNotice(need(c.input.noticeFrom, '公示开始日期'), need(c.input.noticeTo, '公示结束日期'), null))),
      effect: (c) => ({ changes: { notice_from: c.input.noticeFrom!, notice_to: c.input.noticeTo! } }),
    },
    pre_review: { guards: guards((c) => ok(checkPreReview(need(c.input.passed, '预审结果'), c.input.leavingWithinThreeMonths ?? false))) },
    fill_form: {},
    branch_vote: {
      effect: async (c) => {
        const { motion, day } = await vote(c, 'admission');
        ok(checkPublicNotice(need(c.subject.noticeFrom, '公示'), need(c.subject.noticeTo, '公示'), day));
        // The step's date is the meeting's day: probation (D19) counts from it.
        return motion.passed
          ? { to: to('resolved'), changes: { resolved_on: day, last_on: day }, audit: { motionId: motion.id } }
          : { to: to('closed'), changes: { last_on: day }, audit: { motionId: motion.id, passed: false } };
      },
    },
    higher_talk: { guards: guards((c) => void need(c.input.note, '谈话情况')) },
    approve: {
      guards: guards(
        async (c) => void (await approver(c)),
        (c) => ok(checkApprovalTime(need(c.subject.resolvedOn, '支部大会决议日期'), c.input.on, c.input.note)),
      ),
      effect: async (c) => {
        if (!need(c.input.passed, '审批结果')) return { to: to('closed') };
        const r = c.subject;
        // M1: the member record, created from the applicant's record through the members service;
        // 入党时间 is the day of the branch resolution.
        const dto = CreateMemberSchema.parse({
          orgId: r.organisationId,
          enterpriseId: r.enterpriseId,
          name: r.name,
          gender: r.gender,
          ethnicity: r.ethnicity,
          birthDate: r.birthDate,
          phone: d.members.decryptPhone(r.phoneEnc),
          nationalId: d.cipher.decrypt(r.nationalIdEnc),
          education: r.education,
          joinDate: r.resolvedOn,
          status: 'probationary',
          post: r.post,
        });
        const memberId = await d.members.createIn(c.tx, c.auth, dto);
        // F4: a probationary member pays from the month of admission (the fees module's policy decides the first month).
        await d.fees.ensureMemberBills(c.tx, memberId, r.resolvedOn!, chinaMonth(c.now));
        return { to: to('admitted'), changes: { admitted_on: c.input.on, member_id: memberId }, audit: { memberId } };
      },
    },
    file_admission: {},
    place: {
      effect: async (c) => {
        if (c.input.groupId && c.subject.memberId)
          await d.members.setGroup(c.auth, c.subject.memberId, { groupId: c.input.groupId, reason: '预备党员编入党小组' });
        return {};
      },
    },
    oath: {},
    educate: { guards: guards((c) => void need(c.input.note ?? (c.input.fileIds.length ? '思想汇报' : undefined), '教育考察情况或思想汇报')) },
    apply_confirmation: {},
    confirmation_vote: {
      effect: async (c) => {
        const outcome = need(c.input.outcome, '表决结果（转正、延长预备期或取消预备党员资格）');
        const { motion, day } = await vote(c, 'confirmation');
        const r = c.subject;
        if (!motion.passed) throw DevErrors.rule({ rule: 'D15-V2-admission-vote', message: '该表决未通过，不能据此作出决议' });
        if (outcome === 'confirm') {
          ok(checkProbationOver(need(r.resolvedOn, '入党日期'), r.extendMonths, day));
          return { to: to('confirmation_resolved'), changes: { confirmation_resolved_on: day, last_on: day } };
        }
        if (outcome === 'extend') {
          const months = need(c.input.extendMonths, '延长的月数');
          ok(checkProbationOver(need(r.resolvedOn, '入党日期'), r.extendMonths, day));
          ok(checkExtension(r.extendMonths, months));
          return { to: to('sworn'), changes: { extend_months: months, last_on: day }, audit: { extendMonths: months } };
        }
        return { to: to('closed'), changes: { last_on: day }, audit: { cancelled: true } };
      },
    },
    approve_confirmation: {
      guards: guards(
        async (c) => void (await approver(c)),
        (c) =>
          ok(
            checkApprovalTime(
              need(c.subject.confirmationResolvedOn, '支部大会决议日期'),
              c.input.on,
              c.input.note,
              DEV_RULE_SET,
              DEV_RULE_SET.confirmationApprovalMonths,
            ),
          ),
      ),
      effect: async (c) => {
        if (!need(c.input.passed, '审批结果')) return { to: to('closed') };
        const r = c.subject;
        const fullOn = fullMemberDate(r.resolvedOn!, r.extendMonths);
        // M3: 党龄 counts from the end of probation; the status changes through the members service
        // (its own transaction, idempotent: a retried step changes nothing there).
        await d.members.changeStatus(c.auth, need(r.memberId, '党员档案'), {
          status: 'full',
          fullMemberDate: fullOn,
          reason: '预备期满，经支部大会讨论、上级党委审批，转为正式党员',
        });
        return { to: to('full_member'), changes: { full_on: fullOn } };
      },
    },
    archive: {},
    close: { guards: guards((c) => void need(c.input.note, '终止原因')) },
  };

  return {
    name: 'development',
    objectType: 'development_record',
    table: DEV_TRANSITIONS,
    lock: async (tx, auth, id, action) => {
      const r = await d.repo.lockRecord(tx, id);
      const canRead = r && (r.userId === auth.userId || d.access.can(auth, 'member.read', r.orgPath) || actsForHigher(d.access, auth, r.orgPath));
      if (!r) throw d.access.scopes(auth, 'member.read').length ? notFound('发展对象') : forbidden();
      if (!canRead) throw forbidden();
      if (!mayAct(d.access, auth, r, action)) throw DevErrors.notActor(DEV_ACTOR_LABEL[DEV_ACTION_ACTOR[action]]);
      return r;
    },
    state: (r) => r.state,
    id: (r) => r.id,
    orgPath: (r) => r.orgPath,
    outOfOrder: (ctx, allowed) => DevErrors.stepOutOfOrder(ctx.from, ctx.action, allowed),
    // Every step: its day is not in the future and not before the previous step.
    guards: [(c) => ok(checkStepDate(inputOf(c).on, c.subject.lastOn, chinaToday(c.now)))],
    actions,
    save: async (ctx, next, changes) => {
      await d.repo.updateRecord(ctx.tx, ctx.subject.id, { last_on: inputOf(ctx).on, ...changes, state: next as StoredDevState });
      return (await d.repo.record(ctx.subject.id, ctx.tx))!;
    },
    step: async (ctx, next, saved) => {
      const i = inputOf(ctx);
      await d.repo.insertStep(ctx.tx, {
        recordId: saved.id,
        stepNo: ctx.action === 'close' ? null : DEV_STEP_NO[ctx.action],
        action: ctx.action,
        fromState: ctx.from,
        toState: next,
        on: saved.lastOn,
        actorUserId: ctx.auth.userId,
        actorName: ctx.auth.displayName.slice(0, 50),
        note: i.note ?? null,
        meetingId: i.meetingId ?? null,
        motionId: i.motionId ?? null,
        approverOrgId: i.approverOrgId ?? null,
        memberIds: i.memberIds ?? [],
        fileIds: i.fileIds,
        details: Object.fromEntries(
          Object.entries({
            passed: i.passed,
            trainingDays: i.trainingDays,
            trainingHours: i.trainingHours,
            noticeFrom: i.noticeFrom,
            noticeTo: i.noticeTo,
            outcome: i.outcome,
            extendMonths: i.extendMonths,
            groupId: i.groupId,
            leavingWithinThreeMonths: i.leavingWithinThreeMonths,
          }).filter(([, v]) => v !== undefined),
        ),
      });
    },
    auditDetails: (ctx) => ({ on: inputOf(ctx).on, stepNo: ctx.action === 'close' ? null : DEV_STEP_NO[ctx.action] }),
    notify: (ctx, next, saved) =>
      saved.userId
        ? [
            {
              userIds: [saved.userId],
              kind: `development.${ctx.action}`,
              title: '发展党员进度',
              body: `${saved.name}：${ctx.action === 'close' ? '发展程序已终止' : `已完成第 ${DEV_STEP_NO[ctx.action]} 步`}`,
              link: `/packages/develop/pages/mine/index`,
            },
          ]
        : [],
  };
}

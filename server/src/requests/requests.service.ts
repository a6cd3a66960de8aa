import { Injectable } from '@nestjs/common';
import {
  chinaToday,
  ESCALATION_LABEL,
  isPastDue,
  REQUEST_ACTION_LABEL,
  REQUEST_CATEGORY_LABEL,
  REQUEST_STATE_LABEL,
  REQUEST_STATES,
  requestActionsFor,
  requestDueDates,
  type AccountList,
  type AccountSearchQuery,
  type AppointContactDto,
  type CreateRequestDto,
  type EnterpriseContact,
  type EnterpriseContactList,
  type EnterpriseRequest,
  type RequestAction,
  type RequestContext,
  type RequestFile,
  type RequestList,
  type RequestListQuery,
  type RequestStats,
  type RequestStatsQuery,
  type RequestStepDto,
  type RequestSummary,
  type SaveDepartmentDto,
  type ServiceDepartment,
  type ServiceDepartmentList,
} from '@dangjian/shared';
import type { FastifyRequest } from 'fastify';
import { AccessService } from '../access/access.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { Clock } from '../common/clock.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { readUpload } from '../common/upload.js';
import { WorkflowEngine } from '../common/workflow.js';
import { attachmentType } from '../notices/notice-files.js';
import { StorageService } from '../storage/storage.service.js';
import { buildRequestSheet } from './request-sheet.js';
import { RequestWorkflow, type LockedRequest } from './request.workflow.js';
import { RequestErrors } from './requests.errors.js';
import {
  RequestsRepository,
  type ContactRow,
  type DepartmentRow,
  type RequestRow,
  type RequestScope,
  type StatRow,
  type StepRow,
} from './requests.repository.js';

const isUniqueViolation = (err: unknown, constraint: string) => {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const d = e.driverError ?? e;
  return d.code === '23505' && d.constraint === constraint;
};

const contactView = (c: ContactRow): EnterpriseContact => ({
  id: c.id,
  committee: { id: c.committeeId, name: c.committeeName },
  enterprise: { id: c.enterpriseId, name: c.enterpriseName },
  user: { userId: c.userId, name: c.userName },
  appointedAt: c.appointedAt.toISOString(),
  revokedAt: c.revokedAt?.toISOString() ?? null,
});

const departmentView = (d: DepartmentRow): ServiceDepartment => ({
  id: d.id,
  committeeId: d.committeeId,
  name: d.name,
  active: d.active,
  handlers: d.handlers,
  openCount: d.openCount,
});

/** 诉求 (S2–S3): contacts and departments kept by the committee, filing, the steps on the workflow engine, lists, statistics, export. */
@Injectable()
export class RequestsService {
  constructor(
    private readonly repo: RequestsRepository,
    private readonly access: AccessService,
    private readonly engine: WorkflowEngine,
    private readonly wf: RequestWorkflow,
    private readonly storage: StorageService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A 党委 the caller manages (request.manage), or the typed refusal. */
  async requireCommittee(auth: AuthContext, committeeId: string) {
    const path = await this.access.requireOrg(auth, 'request.manage', committeeId);
    const org = (await this.repo.org(committeeId))!;
    if (org.kind !== 'committee') throw RequestErrors.notACommittee();
    return { ...org, path };
  }

  async context(auth: AuthContext): Promise<RequestContext> {
    const contacts = await this.repo.liveContactsOf(auth.userId);
    const memberCommittee = auth.memberOrg ? await this.repo.committeeAbove(auth.memberOrg.path) : null;
    const managed = auth.grants.filter((g) => this.access.can(auth, 'request.manage', g.orgPath));
    const managedCommittees: Array<{ id: string; name: string }> = [];
    for (const g of managed) {
      const org = await this.repo.org(g.orgId);
      if (org?.kind === 'committee' && !managedCommittees.some((c) => c.id === org.id)) managedCommittees.push({ id: org.id, name: org.name });
    }
    return {
      contacts: contacts.map((c) => ({ enterprise: { id: c.enterpriseId, name: c.enterpriseName }, committee: { id: c.committeeId, name: c.committeeName } })),
      memberCommittee: memberCommittee ? { id: memberCommittee.id, name: memberCommittee.name } : null,
      managedCommittees,
      departments: await this.repo.departmentsOfHandler(auth.userId),
    };
  }

  // ---- contacts and departments (request.manage on the committee) --------------------------

  async contacts(auth: AuthContext, committeeId: string): Promise<EnterpriseContactList> {
    await this.requireCommittee(auth, committeeId);
    return { items: (await this.repo.contactsOfCommittee(committeeId)).map(contactView) };
  }

  async appointContact(auth: AuthContext, dto: AppointContactDto): Promise<EnterpriseContact> {
    const committee = await this.requireCommittee(auth, dto.committeeId);
    if ((await this.repo.enterpriseInSubtree(dto.enterpriseId, committee.path)) === null) throw RequestErrors.enterpriseNotOfCommittee();
    if (!(await this.repo.userExists(dto.userId))) throw notFound('账号');
    const id = await this.repo.transaction(async (tx) => {
      let newId: string;
      try {
        newId = await this.repo.insertContact(tx, { ...dto, appointedBy: auth.userId });
      } catch (err) {
        if (isUniqueViolation(err, 'UQ_enterprise_contact_live')) throw RequestErrors.contactExists();
        throw err;
      }
      await this.audit.record(
        auth,
        { action: 'enterprise_contact.appoint', objectType: 'enterprise_contact', objectId: newId, orgPath: committee.path, details: dto },
        tx,
      );
      return newId;
    });
    return contactView((await this.repo.contact(id))!);
  }

  async revokeContact(auth: AuthContext, id: string): Promise<EnterpriseContact> {
    const c = await this.repo.contact(id);
    if (!c) throw notFound('企业联系人');
    this.access.assert(auth, 'request.manage', c.committeePath);
    await this.repo.transaction(async (tx) => {
      await this.repo.revokeContact(tx, id, this.clock.now());
      await this.audit.record(auth, { action: 'enterprise_contact.revoke', objectType: 'enterprise_contact', objectId: id, orgPath: c.committeePath }, tx);
    });
    return contactView((await this.repo.contact(id))!);
  }

  async departments(auth: AuthContext, committeeId: string): Promise<ServiceDepartmentList> {
    const ctx = await this.context(auth);
    const inCommittee = ctx.contacts.some((c) => c.committee.id === committeeId) || ctx.memberCommittee?.id === committeeId;
    // Requesters see the list too (the detail names the department); configuring needs request.manage.
    if (!inCommittee) await this.requireCommittee(auth, committeeId);
    return { items: (await this.repo.departments(committeeId)).map(departmentView) };
  }

  async saveDepartment(auth: AuthContext, id: string | null, dto: SaveDepartmentDto): Promise<ServiceDepartment> {
    const committee = await this.requireCommittee(auth, dto.committeeId);
    if (id) {
      const before = await this.repo.department(id);
      if (!before || before.committeeId !== dto.committeeId) throw notFound('部门');
    }
    const saved = await this.repo.transaction(async (tx) => {
      let depId: string;
      try {
        depId = await this.repo.saveDepartment(tx, id, dto);
      } catch (err) {
        if (isUniqueViolation(err, 'UQ_service_department_name')) throw RequestErrors.departmentExists();
        throw err;
      }
      await this.audit.record(
        auth,
        {
          action: id ? 'service_department.update' : 'service_department.create',
          objectType: 'service_department',
          objectId: depId,
          orgPath: committee.path,
          details: dto,
        },
        tx,
      );
      return depId;
    });
    return departmentView((await this.repo.department(saved))!);
  }

  async accounts(auth: AuthContext, q: AccountSearchQuery): Promise<AccountList> {
    const committee = await this.requireCommittee(auth, q.committeeId);
    return { items: await this.repo.accounts(committee.path, q.q) };
  }

  // ---- files --------------------------------------------------------------------------------

  /** An attachment uploaded before filing (multipart `file`): images, PDF, Office; attached when the request names it. */
  async upload(auth: AuthContext, req: FastifyRequest): Promise<RequestFile> {
    const { data, fileName } = await readUpload(req);
    const type = data.length ? attachmentType(data.subarray(0, 16), fileName) : null;
    if (!type) throw RequestErrors.fileInvalid();
    const f = await this.storage.store({ data, contentType: type, originalName: fileName, createdBy: auth.userId, prefix: 'requests' });
    return { id: f.id, name: f.originalName ?? '附件', contentType: f.contentType, sizeBytes: f.sizeBytes };
  }

  async file(auth: AuthContext, id: string, fileId: string) {
    await this.visible(auth, id);
    if (!(await this.repo.files(id)).some((f) => f.id === fileId)) throw notFound('附件');
    const f = (await this.storage.find(fileId))!;
    return { file: f, stream: await this.storage.open(f) };
  }

  // ---- the request ----------------------------------------------------------------------------

  /**
   * Filing: an enterprise contact files for their enterprise with the committee that appointed them;
   * a member files with the nearest 党委 above their branch (naming an enterprise it serves, if any).
   */
  async create(auth: AuthContext, dto: CreateRequestDto): Promise<EnterpriseRequest> {
    const contacts = await this.repo.liveContactsOf(auth.userId);
    const contact = dto.enterpriseId ? contacts.find((c) => c.enterpriseId === dto.enterpriseId) : contacts.length === 1 ? contacts[0] : undefined;
    let committeeId: string;
    let enterpriseId: string | null = dto.enterpriseId;
    if (contact) {
      committeeId = contact.committeeId;
      enterpriseId = contact.enterpriseId;
    } else {
      const committee = auth.memberOrg ? await this.repo.committeeAbove(auth.memberOrg.path) : null;
      if (!committee) throw RequestErrors.noCommittee();
      if (enterpriseId && (await this.repo.enterpriseInSubtree(enterpriseId, committee.path)) === null) throw RequestErrors.enterpriseNotOfCommittee();
      committeeId = committee.id;
    }
    const now = this.clock.now();
    const filedOn = chinaToday(now);
    const id = await this.repo.transaction(async (tx) => {
      const newId = await this.repo.insertRequest(tx, {
        committeeId,
        enterpriseId,
        requestedBy: auth.userId,
        category: dto.category,
        title: dto.title,
        description: dto.description,
        ...requestDueDates(dto.category, filedOn),
        filedOn,
        at: now,
      });
      if ((await this.repo.attachFiles(tx, newId, dto.attachmentIds, auth.userId)) !== new Set(dto.attachmentIds).size) throw RequestErrors.fileInvalid();
      const saved: LockedRequest = { ...(await this.repo.find(newId, tx))!, actors: ['requester'] };
      await this.engine.record(
        this.wf.definition,
        { tx, auth, subject: saved, action: 'file', input: { text: null, departmentId: null, rating: null }, from: 'new', to: 'submitted', now },
        'submitted',
        saved,
      );
      return newId;
    });
    return this.get(auth, id);
  }

  /** The request and the caller's parts in it; no part at all → 404 (S3 scope: a contact sees only its enterprise's). */
  private async visible(auth: AuthContext, id: string): Promise<{ r: RequestRow; actors: LockedRequest['actors'] }> {
    const r = await this.repo.find(id);
    if (!r) throw notFound('诉求');
    const contacts = (await this.repo.liveContactsOf(auth.userId)).map((c) => c.enterpriseId);
    const actors = await this.wf.actorsOf(auth, r, contacts);
    if (!actors.length) throw notFound('诉求');
    return { r, actors };
  }

  async get(auth: AuthContext, id: string): Promise<EnterpriseRequest> {
    const { r, actors } = await this.visible(auth, id);
    return this.view(r, actors);
  }

  private async view(r: RequestRow, actors: LockedRequest['actors']): Promise<EnterpriseRequest> {
    const [steps, files] = await Promise.all([this.repo.steps(r.id), this.repo.files(r.id)]);
    return {
      ...this.summary(r),
      description: r.description,
      attachments: files,
      timeline: steps.map((s) => this.stepView(s)),
      actors,
      actions: requestActionsFor(r.state, actors),
    };
  }

  async step(auth: AuthContext, id: string, action: RequestAction, dto: RequestStepDto): Promise<EnterpriseRequest> {
    // `file` is the creating step (POST /requests), never a step on an existing request.
    if (action === 'file') throw RequestErrors.outOfOrder((await this.visible(auth, id)).r.state);
    const { subject } = await this.engine.run(this.wf.definition, { auth, id, action, input: dto });
    // The parts after the step: a handler who returned it has none left, and still sees what they did.
    const contacts = (await this.repo.liveContactsOf(auth.userId)).map((c) => c.enterpriseId);
    return this.view(subject, await this.wf.actorsOf(auth, subject, contacts));
  }

  private async scope(auth: AuthContext, q: Pick<RequestListQuery, 'scope' | 'committeeId'>): Promise<RequestScope> {
    if (q.scope === 'mine')
      return { kind: 'mine', userId: auth.userId, enterpriseIds: (await this.repo.liveContactsOf(auth.userId)).map((c) => c.enterpriseId) };
    if (q.scope === 'handling') return { kind: 'handling', userId: auth.userId };
    if (q.committeeId) return { kind: 'committee', roots: [(await this.requireCommittee(auth, q.committeeId)).path] };
    const roots = this.access.scopes(auth, 'request.manage');
    if (!roots.length) throw forbidden();
    return { kind: 'committee', roots };
  }

  async list(auth: AuthContext, q: RequestListQuery): Promise<RequestList> {
    const scope = await this.scope(auth, q);
    const today = chinaToday(this.clock.now());
    const { items, total } = await this.repo.list(scope, { ...q, overdueOn: q.overdue ? today : undefined }, q.page, q.pageSize);
    return { items: items.map((r) => this.summary(r)), total, page: q.page, pageSize: q.pageSize };
  }

  async export(auth: AuthContext, q: RequestListQuery): Promise<{ data: Buffer; fileName: string }> {
    const scope = await this.scope(auth, q);
    const today = chinaToday(this.clock.now());
    const rows = await this.repo.all(scope, { ...q, overdueOn: q.overdue ? today : undefined });
    await this.audit.record(auth, {
      action: 'enterprise_request.export',
      objectType: 'enterprise_request',
      details: { scope: q.scope, committeeId: q.committeeId, rows: rows.length },
    });
    return { data: await buildRequestSheet(rows.map((r) => this.summary(r))), fileName: `企业诉求-${today}.xlsx` };
  }

  async stats(auth: AuthContext, q: RequestStatsQuery): Promise<RequestStats> {
    const committee = await this.requireCommittee(auth, q.committeeId);
    const s = await this.repo.stats([committee.path], q.from ?? null, q.to ?? null, chinaToday(this.clock.now()));
    const row = (r: StatRow, label: string) => ({ ...r, label });
    const counts = new Map(s.byState.map((x) => [x.key, x.total]));
    return {
      total: row(s.total, '合计'),
      byCategory: s.byCategory.map((r) => row(r, REQUEST_CATEGORY_LABEL[r.key as keyof typeof REQUEST_CATEGORY_LABEL] ?? r.key)),
      byDepartment: s.byDepartment.map((r) => row(r, r.key || '未分派')),
      byState: REQUEST_STATES.map((state) => ({ state, label: REQUEST_STATE_LABEL[state], count: counts.get(state) ?? 0 })),
    };
  }

  /** Requests waiting for the caller as handler or requester (to-dos). */
  async waitingFor(auth: AuthContext): Promise<RequestSummary[]> {
    const contacts = (await this.repo.liveContactsOf(auth.userId)).map((c) => c.enterpriseId);
    return (await this.repo.waitingFor(auth.userId, contacts)).map((r) => this.summary(r));
  }

  /** The caller's committees' requests to route and the overdue ones (to-dos). */
  async committeeQueue(auth: AuthContext): Promise<RequestSummary[]> {
    return (await this.repo.committeeQueue(this.access.scopes(auth, 'request.manage'), chinaToday(this.clock.now()))).map((r) => this.summary(r));
  }

  summary(r: RequestRow): RequestSummary {
    const today = chinaToday(this.clock.now());
    const responsePending = r.state === 'submitted' || r.state === 'routed';
    const open = r.state !== 'closed' && r.state !== 'withdrawn' && r.state !== 'rejected' && r.state !== 'resolved';
    return {
      id: r.id,
      number: r.number,
      category: r.category,
      categoryLabel: REQUEST_CATEGORY_LABEL[r.category],
      title: r.title,
      state: r.state,
      stateLabel: REQUEST_STATE_LABEL[r.state],
      committee: { id: r.committeeId, name: r.committeeName },
      enterprise: r.enterpriseId ? { id: r.enterpriseId, name: r.enterpriseName ?? '' } : null,
      requester: { userId: r.requestedBy, name: r.requesterName },
      department: r.departmentId ? { id: r.departmentId, name: r.departmentName ?? '' } : null,
      filedAt: r.filedAt.toISOString(),
      firstResponseDueOn: r.firstResponseDueOn,
      resolveDueOn: r.resolveDueOn,
      firstResponseAt: r.firstResponseAt?.toISOString() ?? null,
      resolvedAt: r.resolvedAt?.toISOString() ?? null,
      closedAt: r.closedAt?.toISOString() ?? null,
      rating: r.rating,
      closingReason: r.closingReason,
      overdue: (responsePending && isPastDue(r.firstResponseDueOn, today)) || (open && isPastDue(r.resolveDueOn, today)),
      escalations: [...(r.responseEscalatedAt ? (['first_response'] as const) : []), ...(r.resolutionEscalatedAt ? (['resolution'] as const) : [])],
    };
  }

  private stepView(s: StepRow): EnterpriseRequest['timeline'][number] {
    const escalate = s.action === 'escalate';
    return {
      action: s.action as RequestAction | 'escalate',
      label: escalate
        ? `升级督办（${ESCALATION_LABEL[s.text === 'resolution' ? 'resolution' : 'first_response']}）`
        : REQUEST_ACTION_LABEL[s.action as RequestAction],
      by: s.actorId ? { userId: s.actorId, name: s.actorName ?? '' } : null,
      at: s.at.toISOString(),
      from: REQUEST_STATE_LABEL[s.fromState as keyof typeof REQUEST_STATE_LABEL] ?? s.fromState,
      to: REQUEST_STATE_LABEL[s.toState as keyof typeof REQUEST_STATE_LABEL] ?? s.toState,
      text: escalate ? null : s.text,
      department: s.departmentId ? { id: s.departmentId, name: s.departmentName ?? '' } : null,
      rating: s.rating,
    };
  }
}

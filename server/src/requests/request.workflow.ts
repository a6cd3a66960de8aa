import { Injectable } from '@nestjs/common';
import {
  canReopen,
  REQUEST_ACTION_ACTOR,
  REQUEST_REOPEN_DAYS,
  REQUEST_TRANSITIONS,
  type RequestAction,
  type RequestActor,
  type RequestMachineState,
  type RequestStepDto,
} from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../access/access.service.js';
import type { AuthContext } from '../common/auth-context.js';
import { notFound } from '../common/domain-error.js';
import type { ActionSpec, Guard, Notice, StepContext, WorkflowDefinition } from '../common/workflow.js';
import { RequestErrors } from './requests.errors.js';
import { RequestsRepository, type RequestPatch, type RequestRow } from './requests.repository.js';

/** The subject the engine locks: the request and the caller's parts in it. */
export type LockedRequest = RequestRow & { actors: RequestActor[] };
type Inputs = { [K in RequestAction]: RequestStepDto };
type Ctx = StepContext<LockedRequest, RequestMachineState, RequestAction, RequestStepDto>;

export const REQUESTS_PAGE = '/packages/requests/pages/mine/index';
export const requestPage = (id: string) => `/packages/requests/pages/detail/index?id=${id}`;

const TEXT_NAME: Partial<Record<RequestAction, string>> = {
  reject: '不予受理的理由',
  return: '退回的理由',
  ask: '需要补充的内容',
  answer: '补充说明',
  reply: '答复内容',
  resolve: '办理结果',
  reopen: '重新办理的理由',
  withdraw: '撤回的理由',
};

/**
 * 诉求 on the workflow engine. Each action belongs to one actor (REQUEST_ACTION_ACTOR): the requester
 * (who filed it, or another live contact of the same enterprise), the committee (request.manage over
 * it) or a handler of the department it is routed to. Someone with no part in it gets 404 (nothing
 * about it leaks); a part that is not the action's gets 403; a step the table does not allow now, 409.
 */
@Injectable()
export class RequestWorkflow {
  constructor(
    private readonly repo: RequestsRepository,
    private readonly access: AccessService,
  ) {}

  /** The caller's parts in a request; `handler` reads the department's handlers inside `tx` when given. */
  async actorsOf(auth: AuthContext, r: RequestRow, contactEnterpriseIds: ReadonlyArray<string>, em?: EntityManager): Promise<RequestActor[]> {
    const out: RequestActor[] = [];
    if (r.requestedBy === auth.userId || (r.enterpriseId !== null && contactEnterpriseIds.includes(r.enterpriseId))) out.push('requester');
    if (this.access.can(auth, 'request.manage', r.committeePath)) out.push('committee');
    if (r.departmentId && (await this.repo.isHandler(r.departmentId, auth.userId, em))) out.push('handler');
    return out;
  }

  private text = (ctx: Ctx): string => {
    const t = ctx.input.text?.trim() ?? '';
    if (t.length < 2) throw RequestErrors.textRequired(TEXT_NAME[ctx.action] ?? '说明');
    return t;
  };

  private needsText: Guard<LockedRequest, RequestMachineState, RequestAction, RequestStepDto> = (ctx) => void this.text(ctx);

  private spec(
    effect: (ctx: Ctx) => RequestPatch | Promise<RequestPatch>,
    guards: ActionSpec<LockedRequest, RequestMachineState, RequestAction, RequestStepDto, RequestPatch>['guards'] = [],
  ) {
    return { guards, effect: async (ctx: Ctx) => ({ changes: await effect(ctx) }) };
  }

  readonly definition: WorkflowDefinition<LockedRequest, RequestMachineState, RequestAction, Inputs, RequestPatch> = {
    name: 'enterprise_request',
    table: REQUEST_TRANSITIONS,
    lock: async (tx, auth, id) => {
      const r = await this.repo.find(id, tx, true);
      if (!r) throw notFound('诉求');
      const contacts = (await this.repo.liveContactsOf(auth.userId)).map((c) => c.enterpriseId);
      const actors = await this.actorsOf(auth, r, contacts, tx);
      if (!actors.length) throw notFound('诉求');
      return { ...r, actors };
    },
    state: (r) => r.state,
    id: (r) => r.id,
    orgPath: (r) => r.committeePath,
    outOfOrder: (ctx) => RequestErrors.outOfOrder(ctx.from),
    guards: [
      ({ subject, action }) => {
        const actor = REQUEST_ACTION_ACTOR[action];
        if (!subject.actors.includes(actor)) throw RequestErrors.notYourPart(actor);
      },
    ],
    actions: {
      // The creating step: the service inserts the row and records it (engine.record).
      file: {},
      route: this.spec(
        ({ input }) => ({ departmentId: input.departmentId! }),
        [
          async ({ tx, subject, input }) => {
            const d = input.departmentId ? await this.repo.department(input.departmentId, tx) : null;
            if (!d || d.committeeId !== subject.committeeId || !d.active || d.handlers.length === 0) throw RequestErrors.departmentInvalid();
          },
        ],
      ),
      reject: this.spec(
        (ctx) => ({ closingReason: this.text(ctx), closedAt: ctx.now, firstResponseAt: ctx.subject.firstResponseAt ?? ctx.now }),
        [this.needsText],
      ),
      return: this.spec(() => ({ departmentId: null }), [this.needsText]),
      accept: this.spec(({ subject, now }) => ({ firstResponseAt: subject.firstResponseAt ?? now })),
      ask: this.spec(({ subject, now }) => ({ firstResponseAt: subject.firstResponseAt ?? now }), [this.needsText]),
      answer: this.spec(() => ({}), [this.needsText]),
      reply: this.spec(({ subject, now }) => ({ firstResponseAt: subject.firstResponseAt ?? now }), [this.needsText]),
      resolve: this.spec(({ now }) => ({ resolvedAt: now }), [this.needsText]),
      confirm: this.spec(
        ({ input, now }) => ({ rating: input.rating!, closedAt: now }),
        [
          ({ input }) => {
            if (input.rating === null) throw RequestErrors.ratingRequired();
          },
        ],
      ),
      reopen: this.spec(
        () => ({ resolvedAt: null }),
        [
          this.needsText,
          ({ subject, now }) => {
            if (!subject.resolvedAt || !canReopen(subject.resolvedAt, now)) throw RequestErrors.reopenExpired(REQUEST_REOPEN_DAYS);
          },
        ],
      ),
      withdraw: this.spec((ctx) => ({ closingReason: this.text(ctx), closedAt: ctx.now }), [this.needsText]),
    },
    save: async ({ tx, subject }, to, changes) => {
      if (to === 'new') throw new Error('a request never goes back to new');
      await this.repo.save(tx, subject.id, to, changes ?? {});
      const fresh = (await this.repo.find(subject.id, tx))!;
      return { ...fresh, actors: subject.actors };
    },
    step: async (ctx, to, saved) => {
      await this.repo.insertStep(ctx.tx, {
        requestId: saved.id,
        action: ctx.action,
        from: ctx.from,
        to,
        actorId: ctx.auth.userId,
        text: ctx.input?.text?.trim() || null,
        departmentId: ctx.action === 'route' ? (ctx.input.departmentId ?? null) : null,
        rating: ctx.action === 'confirm' ? (ctx.input.rating ?? null) : null,
        at: ctx.now,
      });
    },
    auditDetails: (ctx, _to, saved) => ({
      number: saved.number,
      departmentId: saved.departmentId,
      rating: ctx.action === 'confirm' ? saved.rating : undefined,
    }),
    notify: async (ctx, _to, saved) => this.notices(ctx, saved),
  };

  /** Who hears of a step: the next to act. */
  private async notices(ctx: Ctx, r: LockedRequest): Promise<Notice[]> {
    const link = requestPage(r.id);
    const head = `诉求「${r.title}」`;
    const toRequester = (title: string, body: string): Notice[] => [{ userIds: [r.requestedBy], kind: `enterprise_request.${ctx.action}`, title, body, link }];
    const toHandlers = async (title: string, body: string): Promise<Notice[]> =>
      r.departmentId
        ? [{ userIds: await this.repo.handlersOf(ctx.tx, r.departmentId), kind: `enterprise_request.${ctx.action}`, title, body, link }]
        : [{ userIds: await this.repo.managersOf(ctx.tx, r.committeePath), kind: `enterprise_request.${ctx.action}`, title, body, link }];
    const text = ctx.input?.text?.trim() ?? '';
    switch (ctx.action) {
      case 'file':
        return [
          {
            userIds: await this.repo.managersOf(ctx.tx, r.committeePath),
            kind: 'enterprise_request.file',
            title: '新的企业诉求待分派',
            body: `${r.enterpriseName ?? r.requesterName}：${r.title}`,
            link,
          },
        ];
      case 'route':
        return toHandlers('新的企业诉求待受理', `${head}已分派给${r.departmentName ?? ''}，请及时受理`);
      case 'return':
        return [
          {
            userIds: await this.repo.managersOf(ctx.tx, r.committeePath),
            kind: 'enterprise_request.return',
            title: '诉求被退回，请重新分派',
            body: `${head}：${text}`,
            link,
          },
        ];
      case 'accept':
        return toRequester('您的诉求已受理', `${head}已由${r.departmentName ?? ''}受理`);
      case 'ask':
        return toRequester('您的诉求需要补充材料', `${head}：${text}`);
      case 'reply':
        return toRequester('您的诉求有新的答复', `${head}：${text}`);
      case 'resolve':
        return toRequester('您的诉求已办结，请确认并评价', `${head}：${text}`);
      case 'reject':
        return toRequester('您的诉求不予受理', `${head}：${text}`);
      case 'answer':
        return toHandlers('诉求已补充说明', `${head}：${text}`);
      case 'reopen':
        return toHandlers('诉求被要求重新办理', `${head}：${text}`);
      case 'confirm':
        return toHandlers('诉求已确认办结', `${head}评价 ${r.rating ?? ''} 星`);
      case 'withdraw':
        return toHandlers('诉求已撤回', `${head}：${text}`);
      default:
        return [];
    }
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { allowedActions, assertTableSound, StepOutOfOrderError, transition, type TransitionTable } from '@dangjian/shared';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthContext } from '../access/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { NotificationsService, type NotificationDraft } from '../notifications/notifications.service.js';
import { Clock } from './clock.js';

/*
 * One workflow engine (vendure's state machine, run the way documenso writes an approval): a step is
 * lock → allowed by the table? → guards → effect → transition → save → step row → audit → notifications,
 * all in one transaction, so a vetoed or failed step changes nothing. What differs between workflows
 * (how to lock and save the row, each action's guards and effect) is data in a WorkflowDefinition.
 */

/** What a guard, an effect and the hooks see of one step. `S`: states, `A`: actions, `R`: the locked subject. */
export type StepContext<R, S extends string, A extends string, I = unknown> = {
  tx: EntityManager;
  auth: AuthContext;
  subject: R;
  action: A;
  input: I;
  from: S;
  /** The target when the table (or the action's `target`) fixes it before the effect runs. */
  to: S | undefined;
  now: Date;
};

/** Vetoes the step by throwing a typed DomainError; returning means "allowed". */
export type Guard<R, S extends string, A extends string, I = unknown> = (ctx: StepContext<R, S, A, I>) => void | Promise<void>;

/** What an effect did: the state it chose (when the table lists several), changes for `save`, audit details, work after commit. */
export type StepOutcome<S extends string, C> = { to?: S; changes?: C; audit?: Record<string, unknown>; afterCommit?: () => Promise<void> };

export type ActionSpec<R, S extends string, A extends string, I, C> = {
  guards?: ReadonlyArray<Guard<R, S, A, I>>;
  /** Picks among several targets before the guards run (e.g. resubmit → back to whoever was first asked). */
  target?: (ctx: StepContext<R, S, A, I>) => S;
  effect?: (ctx: StepContext<R, S, A, I>) => Promise<StepOutcome<S, C> | void> | StepOutcome<S, C> | void;
};

/** A notification for `userIds` (the acting user is never notified of their own step). */
export type Notice = NotificationDraft & { userIds: ReadonlyArray<string> };

/** `In` maps each action to its input (a DTO, or `undefined`); `C` is the change set `save` understands. */
export type WorkflowDefinition<R, S extends string, A extends string, In extends Record<A, unknown>, C = Record<string, unknown>> = {
  /** Audit actions are `${name}.${action}`; the audit object type defaults to it. */
  name: string;
  objectType?: string;
  table: TransitionTable<S, A> | ((subject: R) => TransitionTable<S, A>);
  /** Loads the subject FOR UPDATE inside `tx` and checks the caller may touch it (throws otherwise). */
  lock(tx: EntityManager, auth: AuthContext, id: string, action: A): Promise<R>;
  state(subject: R): S;
  id(subject: R): string;
  orgPath(subject: R): string | null;
  /** The typed error for an action the table does not allow now. */
  outOfOrder(ctx: StepContext<R, S, A, In[A]>, allowed: A[]): Error;
  /** Run before every action's own guards. */
  guards?: ReadonlyArray<Guard<R, S, A, In[A]>>;
  /** Every action of the table, with its guards and effect: a missing one is a type error. */
  actions: { [K in A]: ActionSpec<R, S, K, In[K], C> };
  /** Writes the new state and the changes; returns the subject as saved (what the hooks below see). */
  save(ctx: StepContext<R, S, A, In[A]>, to: S, changes: C | undefined): Promise<R>;
  /** The history row of the step, if the workflow keeps one beside the audit log. */
  step?(ctx: StepContext<R, S, A, In[A]>, to: S, saved: R): Promise<void>;
  auditDetails?(ctx: StepContext<R, S, A, In[A]>, to: S, saved: R): Record<string, unknown>;
  notify?(ctx: StepContext<R, S, A, In[A]>, to: S, saved: R): Promise<Notice[]> | Notice[];
};

export type StepRequest<A extends string, In extends Record<A, unknown>, K extends A> = { auth: AuthContext; id: string; action: K; input: In[K] };
export type StepResult<R, S extends string> = { subject: R; from: S; to: S };

@Injectable()
export class WorkflowEngine {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /** Runs one step in its own transaction; throws the workflow's typed errors, leaving nothing changed. */
  async run<R, S extends string, A extends string, In extends Record<A, unknown>, C, K extends A>(
    wf: WorkflowDefinition<R, S, A, In, C>,
    req: StepRequest<A, In, K>,
  ): Promise<StepResult<R, S>> {
    let after: (() => Promise<void>) | undefined;
    const result = await this.db.transaction(async (tx) => {
      const subject = await wf.lock(tx, req.auth, req.id, req.action);
      const from = wf.state(subject);
      const table = typeof wf.table === 'function' ? wf.table(subject) : wf.table;
      const ctx: StepContext<R, S, K, In[K]> = { tx, auth: req.auth, subject, action: req.action, input: req.input, from, to: undefined, now: this.clock.now() };
      const allowed = allowedActions(table, from);
      if (!allowed.includes(req.action)) throw wf.outOfOrder(ctx, allowed);
      const spec: ActionSpec<R, S, K, In[K], C> = wf.actions[req.action];
      const targets = table[from]?.[req.action] ?? [];
      const early = spec.target ? spec.target(ctx) : targets.length === 1 ? targets[0] : undefined;
      if (early !== undefined) ctx.to = this.next(wf, ctx, table, early, allowed);
      for (const guard of [...(wf.guards ?? []), ...(spec.guards ?? [])]) await guard(ctx);
      const outcome = (await spec.effect?.(ctx)) ?? {};
      const to = this.next(wf, ctx, table, outcome.to ?? ctx.to, allowed);
      const saved = await wf.save(ctx, to, outcome.changes);
      await this.record(wf, { ...ctx, to }, to, saved, outcome.audit);
      after = outcome.afterCommit;
      return { subject: saved, from, to };
    });
    if (after) await after();
    return result;
  }

  /**
   * Step row, audit entry and notifications of a step, inside `ctx.tx`. `run` calls it; a service
   * calls it itself for the step that creates the subject (there is no row to lock before it).
   */
  async record<R, S extends string, A extends string, In extends Record<A, unknown>, C>(
    wf: WorkflowDefinition<R, S, A, In, C>,
    ctx: StepContext<R, S, A, In[A]>,
    to: S,
    saved: R,
    details?: Record<string, unknown>,
  ): Promise<void> {
    await wf.step?.(ctx, to, saved);
    await this.audit.record(
      ctx.auth,
      {
        action: `${wf.name}.${ctx.action}`,
        objectType: wf.objectType ?? wf.name,
        objectId: wf.id(saved),
        orgPath: wf.orgPath(saved),
        details: { from: ctx.from, to, ...wf.auditDetails?.(ctx, to, saved), ...details },
      },
      ctx.tx,
    );
    for (const n of (await wf.notify?.(ctx, to, saved)) ?? []) {
      const { userIds, ...draft } = n;
      await this.notifications.notify(
        ctx.tx,
        userIds.filter((u) => u !== ctx.auth.userId),
        draft,
      );
    }
  }

  /** The table's answer for `target`, as the workflow's own out-of-order error. */
  private next<R, S extends string, A extends string, In extends Record<A, unknown>, C>(
    wf: WorkflowDefinition<R, S, A, In, C>,
    ctx: StepContext<R, S, A, In[A]>,
    table: TransitionTable<S, A>,
    target: S | undefined,
    allowed: A[],
  ): S {
    try {
      return transition(table, ctx.from, ctx.action, target);
    } catch (err) {
      if (err instanceof StepOutOfOrderError) throw wf.outOfOrder(ctx, allowed);
      throw err;
    }
  }
}

/** A transition table checked at start: every state reachable from `initial`, every target a state. */
export type MachineSpec = { name: string; table: TransitionTable<string, string>; initial: string; states: ReadonlyArray<string> };

export function checkMachines(specs: ReadonlyArray<MachineSpec>): void {
  for (const s of specs) assertTableSound(s.name, s.table, s.initial, s.states);
}

/** A provider that runs the check while the application starts: a broken table stops the server before it listens. */
export function machinesCheck(specs: () => ReadonlyArray<MachineSpec>): new () => OnModuleInit {
  return class MachinesCheck implements OnModuleInit {
    onModuleInit(): void {
      checkMachines(specs());
    }
  };
}

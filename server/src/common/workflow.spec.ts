import { HttpStatus } from '@nestjs/common';
import type { TransitionTable } from '@dangjian/shared';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '../../test/utils/db.js';
import type { AuthContext } from './auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { dataSourceOptions } from '../db/data-source.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { NotificationsRepository } from '../notifications/notifications.repository.js';
import { Clock } from './clock.js';
import { DomainError } from './domain-error.js';
import { WorkflowEngine, type WorkflowDefinition } from './workflow.js';

/*
 * The engine on a real PostgreSQL: a throwaway `wf_doc` table run through a small review workflow.
 * What matters is what is (not) in the database after a step: state, step row, audit, notifications.
 */
type State = 'draft' | 'submitted' | 'approved' | 'rejected';
type Action = 'submit' | 'decide' | 'reopen';
type Doc = { id: string; state: State; title: string; orgPath: string; authorUserId: string };
type Inputs = { submit: { title?: string }; decide: { approve: boolean }; reopen: undefined };

const TABLE: TransitionTable<State, Action> = {
  draft: { submit: ['submitted'] },
  submitted: { decide: ['approved', 'rejected'] },
  approved: {},
  rejected: { reopen: ['draft'] },
};

const outOfOrder = (state: State) => new DomainError('DOC_STEP_OUT_OF_ORDER', HttpStatus.CONFLICT, `当前为${state}，不能进行此操作`);
const titleMissing = () => new DomainError('DOC_TITLE_MISSING', HttpStatus.UNPROCESSABLE_ENTITY, '请填写标题');

let ds: DataSource;
let drop: () => Promise<void>;
let engine: WorkflowEngine;
let author: AuthContext;
let reviewer: AuthContext;
/** Lets a test hold a step inside its transaction (after the lock) until it is released. */
let hold: Promise<void> | null = null;
/** Makes the effect or the notify hook fail after it has written. */
let failIn: 'effect' | 'notify' | null = null;
let afterCommitRan: string[] = [];

const wf: WorkflowDefinition<Doc, State, Action, Inputs> = {
  name: 'doc',
  table: TABLE,
  async lock(tx, _auth, id) {
    const [row] = await tx.query<Doc[]>(
      `SELECT id, state, title, org_path AS "orgPath", author_user_id AS "authorUserId" FROM wf_doc WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!row) throw new DomainError('NOT_FOUND', HttpStatus.NOT_FOUND, '文档不存在');
    return row;
  },
  state: (d) => d.state,
  id: (d) => d.id,
  orgPath: (d) => d.orgPath,
  outOfOrder: (ctx) => outOfOrder(ctx.from),
  guards: [
    async () => {
      if (hold) await hold;
    },
  ],
  actions: {
    submit: {
      guards: [
        ({ subject, input }) => {
          if (!(input.title ?? subject.title)) throw titleMissing();
        },
      ],
      effect: ({ input }) => (input.title ? { changes: { title: input.title }, audit: { title: input.title } } : undefined),
    },
    decide: {
      effect: async ({ tx, subject, input }) => {
        await tx.query(`INSERT INTO wf_side (doc_id, note) VALUES ($1, 'decided')`, [subject.id]);
        if (failIn === 'effect') throw new Error('effect failed after writing');
        return { to: input.approve ? 'approved' : 'rejected', afterCommit: async () => void afterCommitRan.push(subject.id) };
      },
    },
    reopen: {},
  },
  async save({ tx, subject }, to, changes) {
    const title = typeof changes?.title === 'string' ? changes.title : subject.title;
    await tx.query(`UPDATE wf_doc SET state = $2, title = $3 WHERE id = $1`, [subject.id, to, title]);
    return { ...subject, state: to, title };
  },
  async step({ tx, auth, action, from }, to, saved) {
    await tx.query(`INSERT INTO wf_step (doc_id, action, from_state, to_state, actor) VALUES ($1, $2, $3, $4, $5)`, [saved.id, action, from, to, auth.userId]);
  },
  notify(_ctx, to, saved) {
    if (failIn === 'notify') throw new Error('notify failed');
    return [{ userIds: [saved.authorUserId, reviewer.userId], kind: 'doc.step', title: `文档：${to}`, body: saved.title, link: null }];
  },
};

async function user(name: string, wx: boolean): Promise<AuthContext> {
  const [u] = await ds.query<Array<{ id: string }>>(`INSERT INTO user_account (display_name, wx_openid) VALUES ($1, $2) RETURNING id`, [
    name,
    wx ? `openid-${name}` : null,
  ]);
  return { userId: u!.id, sessionId: 's', displayName: name, memberId: null, memberOrg: null, grants: [], isDemo: false };
}

async function newDoc(title = '三会一课记录'): Promise<string> {
  const [d] = await ds.query<Array<{ id: string }>>(`INSERT INTO wf_doc (title, org_path, author_user_id) VALUES ($1, 'a.b', $2) RETURNING id`, [
    title,
    author.userId,
  ]);
  return d!.id;
}

const snapshot = async (id: string) => ({
  doc: (await ds.query<unknown[]>(`SELECT state, title FROM wf_doc WHERE id = $1`, [id]))[0],
  steps: (await ds.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM wf_step WHERE doc_id = $1`, [id]))[0]!.n,
  side: (await ds.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM wf_side WHERE doc_id = $1`, [id]))[0]!.n,
  audit: (await ds.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1`, [id]))[0]!.n,
  notifications: (
    await ds.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM notification WHERE body = (SELECT title FROM wf_doc WHERE id = $1)`, [id])
  )[0]!.n,
});

const run = <K extends Action>(auth: AuthContext, id: string, action: K, input: Inputs[K]) => engine.run(wf, { auth, id, action, input });

beforeAll(async () => {
  const db = await createTestDatabase();
  drop = db.drop;
  ds = new DataSource(dataSourceOptions(db.url, 6));
  await ds.initialize();
  await ds.query(
    `CREATE TABLE wf_doc (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), state text NOT NULL DEFAULT 'draft', title text NOT NULL, org_path text NOT NULL, author_user_id uuid NOT NULL)`,
  );
  await ds.query(`CREATE TABLE wf_step (doc_id uuid NOT NULL, action text NOT NULL, from_state text NOT NULL, to_state text NOT NULL, actor uuid NOT NULL)`);
  await ds.query(`CREATE TABLE wf_side (doc_id uuid NOT NULL, note text NOT NULL)`);
  const sender = { enabled: true, send: async () => undefined };
  engine = new WorkflowEngine(ds, new AuditService(ds), new NotificationsService(new NotificationsRepository(ds), sender), new Clock());
  author = await user('作者', true);
  reviewer = await user('审核人', false);
});

afterAll(async () => {
  await ds?.destroy();
  await drop?.();
});

afterEach(() => {
  hold = null;
  failIn = null;
  afterCommitRan = [];
});

describe(WorkflowEngine.name, () => {
  it('applies an allowed step: state, step row, audit entry and notifications commit together', async () => {
    const id = await newDoc();
    const r = await run(author, id, 'submit', { title: '支部党员大会记录' });
    expect(r).toMatchObject({ from: 'draft', to: 'submitted', subject: { state: 'submitted', title: '支部党员大会记录' } });
    const [audit] = await ds.query<Array<Record<string, unknown>>>(
      `SELECT action, object_type, org_path, actor_user_id, details FROM audit_log WHERE object_id = $1`,
      [id],
    );
    expect(audit).toEqual({
      action: 'doc.submit',
      object_type: 'doc',
      org_path: 'a.b',
      actor_user_id: author.userId,
      details: { from: 'draft', to: 'submitted', title: '支部党员大会记录' },
    });
    expect(await ds.query(`SELECT action, from_state, to_state FROM wf_step WHERE doc_id = $1`, [id])).toEqual([
      { action: 'submit', from_state: 'draft', to_state: 'submitted' },
    ]);
    // The actor is not notified of their own step; the WeChat outbox gets a row only for users signed in with WeChat.
    const notified = await ds.query<Array<{ u: string }>>(`SELECT recipient_user_id AS u FROM notification WHERE body = '支部党员大会记录'`);
    expect(notified.map((n) => n.u)).toEqual([reviewer.userId]);
    expect(
      await ds.query(`SELECT count(*)::int AS n FROM notification_outbox o JOIN notification n ON n.id = o.notification_id WHERE n.body = '支部党员大会记录'`),
    ).toEqual([{ n: 0 }]);

    await run(reviewer, id, 'decide', { approve: true });
    const toAuthor = await ds.query<Array<{ outbox: string | null }>>(
      `SELECT n.id, o.id AS outbox FROM notification n LEFT JOIN notification_outbox o ON o.notification_id = n.id WHERE n.recipient_user_id = $1`,
      [author.userId],
    );
    expect(toAuthor).toHaveLength(1);
    expect(toAuthor[0]!.outbox).not.toBeNull();
    expect(afterCommitRan).toEqual([id]);
  });

  it('refuses an action the table does not allow from the current state with the workflow’s error, changing nothing', async () => {
    const id = await newDoc();
    const before = await snapshot(id);
    await expect(run(author, id, 'decide', { approve: true })).rejects.toMatchObject({ code: 'DOC_STEP_OUT_OF_ORDER', status: 409 });
    await expect(run(author, id, 'reopen', undefined)).rejects.toMatchObject({ code: 'DOC_STEP_OUT_OF_ORDER' });
    expect(await snapshot(id)).toEqual(before);
  });

  it('a guard’s veto (typed DomainError) leaves the row, the step log, the audit log and the inbox unchanged', async () => {
    const id = await newDoc('');
    const before = await snapshot(id);
    await expect(run(author, id, 'submit', {})).rejects.toMatchObject({ code: 'DOC_TITLE_MISSING', status: 422 });
    expect(await snapshot(id)).toEqual(before);
    expect(before).toMatchObject({ doc: { state: 'draft' }, steps: 0, audit: 0 });
  });

  it('an effect that fails after writing rolls the whole step back (its own writes included) and skips after-commit work', async () => {
    const id = await newDoc();
    await run(author, id, 'submit', {});
    const before = await snapshot(id);
    failIn = 'effect';
    await expect(run(reviewer, id, 'decide', { approve: false })).rejects.toThrow('effect failed after writing');
    expect(await snapshot(id)).toEqual(before);
    expect(afterCommitRan).toEqual([]);
  });

  it('a failure while queueing notifications (after save, step row and audit) rolls the state change back too', async () => {
    const id = await newDoc();
    const before = await snapshot(id);
    failIn = 'notify';
    await expect(run(author, id, 'submit', {})).rejects.toThrow('notify failed');
    expect(await snapshot(id)).toEqual(before);
    expect(before.doc).toEqual({ state: 'draft', title: '三会一课记录' });
  });

  it('locks the row: a second step waits for the first to commit, then sees its state', async () => {
    const id = await newDoc();
    await run(author, id, 'submit', {});
    let release!: () => void;
    hold = new Promise<void>((r) => (release = r));
    const first = run(reviewer, id, 'decide', { approve: false });
    await new Promise((r) => setTimeout(r, 100));
    hold = null;
    let secondDone = false;
    const second = run(reviewer, id, 'decide', { approve: true }).finally(() => (secondDone = true));
    await new Promise((r) => setTimeout(r, 200));
    // The second is blocked on FOR UPDATE while the first holds the lock.
    expect(secondDone).toBe(false);
    release();
    await expect(first).resolves.toMatchObject({ to: 'rejected' });
    await expect(second).rejects.toMatchObject({ code: 'DOC_STEP_OUT_OF_ORDER' });
    expect(await snapshot(id)).toMatchObject({ doc: { state: 'rejected' }, steps: 2, side: 1, audit: 2 });
  });

  it('of concurrent steps on one row exactly one wins; the others are refused as out of order', async () => {
    const id = await newDoc();
    await run(author, id, 'submit', {});
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => run(reviewer, id, 'decide', { approve: i % 2 === 0 })));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'DOC_STEP_OUT_OF_ORDER' });
    expect(await snapshot(id)).toMatchObject({ steps: 2, side: 1, audit: 2 });
  });

  it('a target the table does not list for the action is refused as out of order', async () => {
    const id = await newDoc();
    await run(author, id, 'submit', {});
    const bad: WorkflowDefinition<Doc, State, Action, Inputs> = { ...wf, actions: { ...wf.actions, decide: { effect: () => ({ to: 'draft' as State }) } } };
    await expect(engine.run(bad, { auth: reviewer, id, action: 'decide', input: { approve: true } })).rejects.toMatchObject({ code: 'DOC_STEP_OUT_OF_ORDER' });
    expect(await snapshot(id)).toMatchObject({ doc: { state: 'submitted' }, steps: 1 });
  });
});

import {
  REQUEST_ACTION_ACTOR,
  REQUEST_ACTIONS,
  REQUEST_STATES,
  REQUEST_TRANSITIONS,
  type RequestAction,
  type RequestActor,
  type RequestState,
} from '@dangjian/shared';
import ExcelJS from 'exceljs';
import { Clock } from '../src/common/clock.js';
import { RequestEscalationService } from '../src/requests/request-escalation.js';
import { createTestApp, type TestApp, type Untyped } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';

/**
 * 诉求 (issue 18, S2–S3): the ticket workflow over every action in every state by every role, the
 * deadlines and their escalation with a driven clock, statistics and export, and who sees what (an
 * enterprise contact only its enterprise's requests, a committee only its subtree).
 */
describe('enterprise requests', () => {
  let t: TestApp;
  let fx: Fixtures;
  let clock: Clock;
  let committee: { id: string };
  let worker: { token: string; userId: string };
  let otherWorker: string;
  let contact: { token: string; userId: string };
  let otherContact: { token: string; userId: string };
  let handler: { token: string; userId: string };
  let otherHandler: { token: string; userId: string };
  let member: { token: string; userId: string };
  let dept: { id: string };
  let dept2: { id: string };
  let enterprise: { id: string };

  const enterpriseOf = async (orgId: string, name: string) => {
    const [e] = await t.ds.query<Array<{ id: string }>>(`INSERT INTO enterprise (name) VALUES ($1) RETURNING id`, [name]);
    await t.ds.query(`INSERT INTO organisation_enterprise (organisation_id, enterprise_id) VALUES ($1, $2)`, [orgId, e!.id]);
    return e!;
  };
  const account = async (p: Parameters<Fixtures['user']>[0] = {}) => {
    const u = await fx.user(p);
    return { token: u.token, userId: u.user.id };
  };

  beforeAll(async () => {
    t = await createTestApp({ REQUEST_SCAN_INTERVAL_S: '0', TEMPORARY_BRANCH_SCAN_INTERVAL_S: '0' });
    fx = new Fixtures(t.ds, t.app);
    clock = t.app.get(Clock);
    clock.set('2026-12-01T02:00:00Z'); // Tuesday 10:00 in China
    const tree = await fx.tree();
    committee = tree.committee;
    const committee2 = await fx.org({ name: '另一联合党委', kind: 'committee' });
    const branch2 = await fx.org({ name: '丙公司党支部', kind: 'branch', parentId: committee2.id });
    worker = await account({ displayName: '园区组织员', roles: [{ role: 'org_worker', orgId: committee.id }] });
    otherWorker = (await account({ roles: [{ role: 'org_worker', orgId: committee2.id }] })).token;
    enterprise = await enterpriseOf(tree.branchA.id, '星云网络科技有限公司');
    const enterpriseB = await enterpriseOf(tree.branchB.id, '云帆软件有限公司');
    await enterpriseOf(branch2.id, '远方数据有限公司');
    contact = await account({ displayName: '星云行政王经理' });
    otherContact = await account({ displayName: '云帆行政' });
    handler = await account({ displayName: '经信局李科长' });
    otherHandler = await account({ displayName: '税务局张科长' });
    member = await account({ displayName: '刘党员', memberOrgId: tree.branchA.id });
    for (const [c, e] of [
      [contact, enterprise],
      [otherContact, enterpriseB],
    ] as const) {
      const res = await t.call('POST', '/requests/contacts', {
        token: worker.token,
        body: { committeeId: committee.id, enterpriseId: e.id, userId: c.userId },
      });
      expect(res.status).toBe(201);
    }
    dept = (
      await t.call('POST', '/requests/departments', {
        token: worker.token,
        body: { committeeId: committee.id, name: '经信局', handlerUserIds: [handler.userId] },
      })
    ).body;
    dept2 = (
      await t.call('POST', '/requests/departments', {
        token: worker.token,
        body: { committeeId: committee.id, name: '税务局', handlerUserIds: [otherHandler.userId] },
      })
    ).body;
  });
  afterAll(() => t.close());

  const file = async (token = contact.token, body: Record<string, unknown> = {}) => {
    const res = await t.call<Untyped>('POST', '/requests', {
      token,
      body: { category: 'premises', title: '园区停车费过高', description: '员工停车每月 600 元，希望协调园区优惠。', ...body },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; state: RequestState };
  };
  const BODY = { text: '已联系园区管委会协调', departmentId: '', rating: 4 };
  const tokens: Record<RequestActor | 'stranger' | 'otherCommittee', () => string> = {
    requester: () => contact.token,
    committee: () => worker.token,
    handler: () => handler.token,
    stranger: () => otherContact.token,
    otherCommittee: () => otherWorker,
  };
  const act = (id: string, action: RequestAction, who: keyof typeof tokens) =>
    t.call<Untyped>('POST', `/requests/${id}/${action}`, { token: tokens[who](), body: { ...BODY, departmentId: dept.id } });
  /** The steps that bring a fresh request into `state`. */
  const PATH: Record<RequestState, Array<[RequestAction, RequestActor]>> = {
    submitted: [],
    routed: [['route', 'committee']],
    in_progress: [
      ['route', 'committee'],
      ['accept', 'handler'],
    ],
    awaiting_info: [
      ['route', 'committee'],
      ['accept', 'handler'],
      ['ask', 'handler'],
    ],
    resolved: [
      ['route', 'committee'],
      ['accept', 'handler'],
      ['resolve', 'handler'],
    ],
    closed: [
      ['route', 'committee'],
      ['accept', 'handler'],
      ['resolve', 'handler'],
      ['confirm', 'requester'],
    ],
    withdrawn: [['withdraw', 'requester']],
    rejected: [['reject', 'committee']],
  };
  const inState = async (state: RequestState) => {
    const r = await file();
    for (const [a, who] of PATH[state]) expect((await act(r.id, a, who)).status).toBe(200);
    return r.id;
  };

  describe.each(REQUEST_STATES)('in state %s', (state) => {
    it.each(REQUEST_ACTIONS)('action %s by every role: allowed only by the table and the action’s actor; otherwise nothing changes', async (action) => {
      const probe = await inState(state);
      const targets = REQUEST_TRANSITIONS[state][action];
      for (const who of ['requester', 'committee', 'handler', 'stranger', 'otherCommittee'] as const) {
        const allowed = !!targets && who === REQUEST_ACTION_ACTOR[action];
        const subject = allowed ? await inState(state) : probe;
        const res = await act(subject, action, who);
        if (allowed) {
          expect({ who, status: res.status }).toEqual({ who, status: 200 });
          expect(res.body.state).toBe(targets[0]);
          expect(res.body.timeline.at(-1)).toMatchObject({ action, by: { name: expect.any(String) } });
        } else {
          // No part in it: 404 (nothing leaks; a handler has a part only once it is routed to their department).
          // A step the table does not allow now: 409. Someone else's step: 403.
          const party = who !== 'stranger' && who !== 'otherCommittee' && (who !== 'handler' || PATH[state].some(([a]) => a === 'route'));
          const want = !party ? 404 : action === 'file' || !targets ? 409 : 403;
          expect({ who, status: res.status }).toEqual({ who, status: want });
        }
      }
      expect((await t.call<Untyped>('GET', `/requests/${probe}`, { token: worker.token })).body.state).toBe(state);
    });
  });

  it('a full path: filed by a contact, routed, asked back, answered, resolved, confirmed with a rating — every step audited and on the timeline', async () => {
    const r = await file();
    expect(r).toMatchObject({
      state: 'submitted',
      stateLabel: '待分派',
      enterprise: { name: '星云网络科技有限公司' },
      firstResponseDueOn: '2026-12-04',
      resolveDueOn: '2026-12-22',
    });
    expect((await t.call<Untyped>('GET', '/todos', { token: worker.token })).body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ source: 'enterprise-requests', title: '分派诉求「园区停车费过高」' })]),
    );
    await act(r.id, 'route', 'committee');
    expect((await t.call<Untyped>('GET', '/todos', { token: handler.token })).body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ title: '受理诉求「园区停车费过高」', page: `/packages/requests/pages/detail/index?id=${r.id}` })]),
    );
    await act(r.id, 'accept', 'handler');
    await act(r.id, 'ask', 'handler');
    await act(r.id, 'answer', 'requester');
    await act(r.id, 'reply', 'handler');
    await act(r.id, 'resolve', 'handler');
    const missingRating = await t.call<Untyped>('POST', `/requests/${r.id}/confirm`, { token: contact.token, body: { rating: null } });
    expect(missingRating.status).toBe(422);
    const done = await act(r.id, 'confirm', 'requester');
    expect(done.body).toMatchObject({ state: 'closed', rating: 4, department: { name: '经信局' }, actions: [] });
    expect(done.body.timeline.map((s: Untyped) => s.action)).toEqual(['file', 'route', 'accept', 'ask', 'answer', 'reply', 'resolve', 'confirm']);
    const audit = await t.ds.query(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY id`, [r.id]);
    expect(audit.map((a: Untyped) => a.action)).toEqual(done.body.timeline.map((s: Untyped) => `enterprise_request.${s.action}`));
    const inbox = await t.ds.query(`SELECT title FROM notification WHERE recipient_user_id = $1`, [contact.userId]);
    expect(inbox.map((n: Untyped) => n.title)).toEqual(expect.arrayContaining(['您的诉求已受理', '您的诉求需要补充材料', '您的诉求已办结，请确认并评价']));
  });

  it('guards: a route needs an active department of this committee with handlers; texts are required; reopen only within 7 days', async () => {
    const r = await file();
    const empty = (await t.call<Untyped>('POST', '/requests/departments', { token: worker.token, body: { committeeId: committee.id, name: '商务局' } })).body;
    for (const departmentId of [empty.id, null]) {
      const res = await t.call<Untyped>('POST', `/requests/${r.id}/route`, { token: worker.token, body: { departmentId } });
      expect(res.body.code).toBe('REQUEST_DEPARTMENT_INVALID');
    }
    const noText = await t.call<Untyped>('POST', `/requests/${r.id}/withdraw`, { token: contact.token, body: {} });
    expect(noText).toMatchObject({ status: 422, body: { code: 'REQUEST_TEXT_REQUIRED', message: '请填写撤回的理由（至少 2 个字）' } });
    const resolved = await inState('resolved');
    clock.advance(7 * 86_400_000 + 60_000);
    try {
      const late = await act(resolved, 'reopen', 'requester');
      expect(late.body.code).toBe('REQUEST_REOPEN_EXPIRED');
    } finally {
      clock.set('2026-12-01T02:00:00Z');
    }
    const reopened = await act(resolved, 'reopen', 'requester');
    expect(reopened.body).toMatchObject({ state: 'in_progress', resolvedAt: null });
  });

  it('S3: withdrawn and rejected requests stay visible with their reason, nothing is deleted', async () => {
    const w = await inState('withdrawn');
    const got = await t.call<Untyped>('GET', `/requests/${w}`, { token: contact.token });
    expect(got.body).toMatchObject({ state: 'withdrawn', stateLabel: '已撤回', closingReason: BODY.text });
    const list = await t.call<Untyped>('GET', '/requests?scope=committee&state=rejected', { token: worker.token });
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((i: Untyped) => i.closingReason === BODY.text)).toBe(true);
  });

  it('access: a contact sees only its enterprise’s requests; a committee only its subtree; a member files with the nearest committee', async () => {
    // A category no other test here files under: the contact has filed over a hundred requests by now, all
    // at the same driven instant, so a page of them holds a random hundred (the list's order then falls to ids).
    const mine = await file(contact.token, { category: 'ip', title: '课程被盗版' });
    const theirs = await file(otherContact.token, { category: 'ip', title: '防疫口罩' });
    const contactList = await t.call<Untyped>('GET', '/requests?scope=mine&category=ip&pageSize=100', { token: contact.token });
    expect(contactList.body.items.every((i: Untyped) => i.enterprise?.name === '星云网络科技有限公司')).toBe(true);
    expect(contactList.body.items.map((i: Untyped) => i.id)).toContain(mine.id);
    expect((await t.call('GET', `/requests/${theirs.id}`, { token: contact.token })).status).toBe(404);
    expect((await t.call('GET', `/requests/${mine.id}`, { token: otherWorker })).status).toBe(404);
    expect((await t.call('GET', `/requests?scope=committee&committeeId=${committee.id}`, { token: otherWorker })).status).toBe(403);
    expect((await t.call('GET', `/requests/stats?committeeId=${committee.id}`, { token: contact.token })).status).toBe(403);
    expect((await t.call('POST', '/requests/departments', { token: handler.token, body: { committeeId: committee.id, name: '科技局' } })).status).toBe(403);
    // A handler sees what is routed to their department, not the rest.
    await act(mine.id, 'route', 'committee');
    expect((await t.call('GET', `/requests/${mine.id}`, { token: handler.token })).status).toBe(200);
    expect((await t.call('GET', `/requests/${theirs.id}`, { token: handler.token })).status).toBe(404);
    const handling = await t.call<Untyped>('GET', '/requests?scope=handling', { token: handler.token });
    expect(handling.body.items.every((i: Untyped) => i.department?.id === dept.id)).toBe(true);
    // A member files with the committee above their branch, for an enterprise it serves.
    const byMember = await file(member.token, { enterpriseId: enterprise.id });
    expect(byMember).toMatchObject({ committee: { id: committee.id }, requester: { name: '刘党员' }, actors: ['requester'] });
    const foreign = await t.call<Untyped>('POST', '/requests', {
      token: member.token,
      body: { category: 'other', title: '别处的企业', description: '说明', enterpriseId: (await enterpriseOf(committee.id, '外地公司')).id },
    });
    expect(foreign.status).toBe(201);
    const none = await t.call<Untyped>('POST', '/requests', { token: handler.token, body: { category: 'other', title: '无处可报', description: '说明' } });
    expect(none.body.code).toBe('REQUEST_NO_COMMITTEE');
    // A revoked contact no longer sees the enterprise's requests.
    const contacts = await t.call<Untyped>('GET', `/requests/contacts?committeeId=${committee.id}`, { token: worker.token });
    const theirContact = contacts.body.items.find((c: Untyped) => c.user.userId === otherContact.userId);
    expect((await t.call('POST', `/requests/contacts/${theirContact.id}/revoke`, { token: worker.token })).status).toBe(200);
    expect((await t.call('GET', `/requests/${theirs.id}`, { token: otherContact.token })).status).toBe(200); // still theirs: they filed it
  });

  it('S2: deadlines in working days; overdue requests are escalated to the committee once, by the job, with a driven clock', async () => {
    await t.ds.query(`UPDATE enterprise_request SET state = 'closed', closed_at = now() WHERE state NOT IN ('closed','withdrawn','rejected')`);
    const escalation = t.app.get(RequestEscalationService);
    const r = await file(contact.token, { category: 'other', title: '融资对接' });
    expect(r).toMatchObject({ firstResponseDueOn: '2026-12-04', resolveDueOn: '2026-12-22' });
    try {
      clock.set('2026-12-04T15:59:00Z'); // 23:59 on the due day in China: still in time
      expect(await escalation.run()).toEqual({ firstResponse: 0, resolution: 0 });
      clock.set('2026-12-04T16:00:00Z'); // the next day in China
      expect(await escalation.run()).toEqual({ firstResponse: 1, resolution: 0 });
      expect(await escalation.run()).toEqual({ firstResponse: 0, resolution: 0 });
      const got = await t.call<Untyped>('GET', `/requests/${r.id}`, { token: worker.token });
      expect(got.body).toMatchObject({ overdue: true, escalations: ['first_response'], state: 'submitted' });
      expect(got.body.timeline.at(-1)).toMatchObject({ action: 'escalate', label: '升级督办（超期未响应）', by: null });
      const told = await t.ds.query(`SELECT title FROM notification WHERE recipient_user_id = $1 AND kind = 'enterprise_request.escalate'`, [worker.userId]);
      expect(told).toEqual([{ title: '企业诉求超期未响应' }]);
      const overdue = await t.call<Untyped>('GET', `/requests?scope=committee&overdue=true`, { token: worker.token });
      expect(overdue.body.items.map((i: Untyped) => i.id)).toEqual([r.id]);
      expect((await t.call<Untyped>('GET', '/todos', { token: worker.token })).body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ title: '分派诉求「融资对接」', overdue: true })]),
      );
      // Taken up: the response clock stops; the resolution clock runs to 12-22.
      await act(r.id, 'route', 'committee');
      await act(r.id, 'accept', 'handler');
      clock.set('2026-12-22T15:00:00Z');
      expect(await escalation.run()).toEqual({ firstResponse: 0, resolution: 0 });
      clock.set('2026-12-22T16:00:00Z');
      expect(await escalation.run()).toEqual({ firstResponse: 0, resolution: 1 });
      const handlerTold = await t.ds.query(`SELECT title FROM notification WHERE recipient_user_id = $1 AND kind = 'enterprise_request.escalate'`, [
        handler.userId,
      ]);
      expect(handlerTold).toEqual([{ title: '企业诉求超期未办结' }]);
      expect(await t.ds.query(`SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1 AND action = 'enterprise_request.escalate'`, [r.id])).toEqual([
        { n: 2 },
      ]);
    } finally {
      clock.set('2026-12-01T02:00:00Z');
    }
  });

  it('statistics by category, department, time to resolve and satisfaction; the list exports as .xlsx', async () => {
    const stats = await t.call<Untyped>('GET', `/requests/stats?committeeId=${committee.id}`, { token: worker.token });
    expect(stats.status).toBe(200);
    const premises = stats.body.byCategory.find((c: Untyped) => c.key === 'premises');
    expect(premises).toMatchObject({ label: '办公场地与园区', total: expect.any(Number), rated: expect.any(Number) });
    expect(premises.avgRating).toBe(4);
    const econ = stats.body.byDepartment.find((d: Untyped) => d.label === '经信局');
    expect(econ.resolved).toBeGreaterThan(0);
    expect(econ.avgResolveDays).toBeGreaterThanOrEqual(0);
    expect(stats.body.total.total).toBe(stats.body.byState.reduce((n: number, s: Untyped) => n + s.count, 0));
    const xlsx = await t.call('GET', `/requests/export.xlsx?scope=committee&committeeId=${committee.id}`, { token: worker.token });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('企业诉求')!;
    expect(ws.getRow(1).getCell(1).value).toBe('诉求编号');
    expect(ws.rowCount - 1).toBe(stats.body.total.total);
    expect((await t.call('GET', `/requests/export.xlsx?scope=committee&committeeId=${committee.id}`, { token: contact.token })).status).toBe(403);
  });

  it('attachments: uploaded first, attached when filing, read only by those who see the request', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const boundary = '----req';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="parking.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await t.call<Untyped>('POST', '/requests/files', {
      token: contact.token,
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(up.status).toBe(201);
    const r = await file(contact.token, { attachmentIds: [up.body.id] });
    const got = await t.call<Untyped>('GET', `/requests/${r.id}`, { token: worker.token });
    expect(got.body.attachments).toEqual([expect.objectContaining({ id: up.body.id, name: 'parking.png', contentType: 'image/png' })]);
    expect((await t.call('GET', `/requests/${r.id}/files/${up.body.id}`, { token: worker.token })).status).toBe(200);
    expect((await t.call('GET', `/requests/${r.id}/files/${up.body.id}`, { token: otherContact.token })).status).toBe(404);
    // Someone else's upload cannot be attached.
    const stolen = await t.call<Untyped>('POST', '/requests', {
      token: member.token,
      body: { category: 'other', title: '借用附件', description: '说明', attachmentIds: [up.body.id] },
    });
    expect(stolen.body.code).toBe('REQUEST_FILE_INVALID');
  });

  it('departments: listed with their handlers and open requests; names unique per committee', async () => {
    const list = await t.call<Untyped>('GET', `/requests/departments?committeeId=${committee.id}`, { token: worker.token });
    expect(list.body.items.find((d: Untyped) => d.id === dept2.id)).toMatchObject({
      name: '税务局',
      handlers: [{ userId: otherHandler.userId, name: '税务局张科长' }],
    });
    const dup = await t.call<Untyped>('POST', '/requests/departments', { token: worker.token, body: { committeeId: committee.id, name: '经信局' } });
    expect(dup).toMatchObject({ status: 409, body: { code: 'REQUEST_DEPARTMENT_EXISTS' } });
    const ctx = await t.call<Untyped>('GET', '/requests/context', { token: handler.token });
    expect(ctx.body.departments).toEqual([{ id: dept.id, name: '经信局' }]);
  });
});

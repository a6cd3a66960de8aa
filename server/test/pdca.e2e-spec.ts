import ExcelJS from 'exceljs';
import { createTestApp, type TestApp, type Untyped } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function multipart(file: Buffer, name: string, type: string) {
  const boundary = '----dangjian-pdca';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const RUBRIC = [
  { key: 'org', title: '组织建设', description: '三会一课、组织生活会按时召开', maxScore: 40 },
  { key: 'study', title: '学习教育', description: '学习时长与测验', maxScore: 30 },
  { key: 'serve', title: '服务发展', description: '党员示范岗、服务企业', maxScore: 30 },
];

/**
 * PDCA evaluation (K6, issue 15), one whole round through the API: the committee plans and assigns
 * (党委统筹, 党群部组织), branches submit evidence (党支部落实), two scorers score (绩效考评, averaged), the
 * results go upward as a sheet and a PDF (汇报党委), the branch below the threshold is called in (约谈)
 * and the talk recorded. Each step is checked against who may take it: another committee sees nothing,
 * a branch only its own task, a scorer only the plans they score.
 */
describe('PDCA evaluation (K6)', () => {
  let t: TestApp;
  let fx: Fixtures;
  let tree: Awaited<ReturnType<Fixtures['tree']>>;
  let worker: string;
  let otherWorker: string;
  let secA: string;
  let secB: string;
  let scorer1: { token: string; id: string };
  let scorer2: { token: string; id: string };
  let outsider: string;
  let otherCommitteeBranch: string;
  let planId: string;
  let taskA: string;
  let taskB: string;

  beforeAll(async () => {
    t = await createTestApp();
    fx = new Fixtures(t.ds, t.app);
    tree = await fx.tree();
    const committee2 = await fx.org({ name: '另一联合党委', kind: 'committee' });
    otherCommitteeBranch = (await fx.org({ name: '丙公司党支部', kind: 'branch', parentId: committee2.id })).id;
    worker = (await fx.user({ displayName: '党群部王敏', roles: [{ role: 'org_worker', orgId: tree.committee.id }] })).token;
    otherWorker = (await fx.user({ roles: [{ role: 'org_worker', orgId: committee2.id }] })).token;
    secA = (await fx.user({ displayName: '甲书记', positions: [{ position: 'secretary', orgId: tree.branchA.id }] })).token;
    secB = (await fx.user({ displayName: '乙书记', positions: [{ position: 'secretary', orgId: tree.branchB.id }] })).token;
    const s1 = await fx.user({ displayName: '评分人一', positions: [{ position: 'committee_member', orgId: tree.committee.id }] });
    const s2 = await fx.user({ displayName: '评分人二', positions: [{ position: 'committee_member', orgId: tree.committee.id }] });
    scorer1 = { token: s1.token, id: s1.user.id };
    scorer2 = { token: s2.token, id: s2.user.id };
    outsider = (await fx.user({ memberOrgId: tree.branchA.id })).token;
  });
  afterAll(() => t.close());

  const planBody = (over: Record<string, unknown> = {}) => ({
    orgId: tree.committee.id,
    title: '党建工作季度考评',
    year: 2026,
    quarter: 4,
    description: '按时开展三会一课，组织主题党日，完成年度学习任务。',
    dueOn: '2026-12-20',
    threshold: 60,
    rubric: RUBRIC,
    branchIds: [tree.branchA.id],
    scorerIds: [scorer1.id, scorer2.id],
    ...over,
  });
  const sheet = (token: string, id: string, scores: Record<string, number>, comment = '') =>
    t.call<Untyped>('PUT', `/pdca/assignments/${id}/my-score`, { token, body: { scores, comment } });

  it('党委统筹: the committee plans a draft with its rubric, branches and scorers; bad input changes nothing', async () => {
    const cand = await t.call<Untyped>('GET', `/pdca/candidates?orgId=${tree.committee.id}`, { token: worker });
    expect(cand.status).toBe(200);
    expect(cand.body.branches.map((b: Untyped) => b.name).sort()).toEqual(['乙公司党支部', '甲公司党支部']);
    expect(cand.body.scorers.map((s: Untyped) => s.name)).toEqual(expect.arrayContaining(['评分人一', '评分人二']));

    const tooHigh = await t.call<Untyped>('POST', '/pdca/plans', { token: worker, body: planBody({ threshold: 101 }) });
    expect([tooHigh.status, tooHigh.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const foreign = await t.call<Untyped>('POST', '/pdca/plans', { token: worker, body: planBody({ branchIds: [otherCommitteeBranch] }) });
    expect([foreign.status, foreign.body.code, foreign.body.message]).toEqual([422, 'PDCA_NOT_A_BRANCH_BELOW', '只能把任务分派给本党委下属的党支部或党总支']);
    const bySecretary = await t.call<Untyped>('POST', '/pdca/plans', { token: secA, body: planBody() });
    expect(bySecretary.status).toBe(403);
    expect(await t.ds.query(`SELECT 1 FROM pdca_plan`)).toEqual([]);

    const created = await t.call<Untyped>('POST', '/pdca/plans', { token: worker, body: planBody() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      state: 'draft',
      stateLabel: '草稿',
      periodLabel: '2026年第四季度',
      fullMarks: 100,
      canEdit: true,
      actions: ['publish'],
    });
    planId = created.body.id;

    // 党群部组织: the draft now goes to both branches.
    const edited = await t.call<Untyped>('PUT', `/pdca/plans/${planId}`, {
      token: worker,
      body: { ...planBody({ branchIds: [tree.branchA.id, tree.branchB.id] }), orgId: undefined },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.assignments.map((a: Untyped) => [a.orgName, a.state])).toEqual(
      expect.arrayContaining([
        ['甲公司党支部', 'assigned'],
        ['乙公司党支部', 'assigned'],
      ]),
    );
    taskA = edited.body.assignments.find((a: Untyped) => a.orgId === tree.branchA.id).id;
    taskB = edited.body.assignments.find((a: Untyped) => a.orgId === tree.branchB.id).id;
  });

  it('a draft is the committee’s alone: branches, scorers and other committees see nothing', async () => {
    expect((await t.call<Untyped>('GET', '/pdca/assignments', { token: secA })).body.items).toEqual([]);
    expect((await t.call<Untyped>('GET', `/pdca/assignments/${taskA}`, { token: secA })).status).toBe(404);
    expect((await t.call<Untyped>('GET', `/pdca/assignments/${taskA}`, { token: scorer1.token })).status).toBe(404);
    expect((await t.call<Untyped>('GET', `/pdca/plans/${planId}`, { token: otherWorker })).status).toBe(404);
    expect((await t.call<Untyped>('GET', '/pdca/plans', { token: otherWorker })).body.items).toEqual([]);
    expect((await t.call<Untyped>('POST', `/pdca/plans/${planId}/publish`, { token: otherWorker })).status).toBe(404);
  });

  it('publish: the branches get the task; the plan can no longer be edited', async () => {
    const pub = await t.call<Untyped>('POST', `/pdca/plans/${planId}/publish`, { token: worker });
    expect([pub.status, pub.body.state, pub.body.canEdit]).toEqual([200, 'published', false]);
    const again = await t.call<Untyped>('PUT', `/pdca/plans/${planId}`, { token: worker, body: { ...planBody(), orgId: undefined } });
    expect([again.status, again.body.code]).toEqual([409, 'PDCA_NOT_EDITABLE']);
    const twice = await t.call<Untyped>('POST', `/pdca/plans/${planId}/publish`, { token: worker });
    expect([twice.status, twice.body.code, twice.body.message]).toEqual([409, 'PDCA_STEP_OUT_OF_ORDER', '该考评任务落实中，不能办理这一步']);

    const mine = await t.call<Untyped>('GET', '/pdca/assignments', { token: secA });
    expect(mine.body.items.map((i: Untyped) => [i.orgName, i.state, i.planTitle])).toEqual([['甲公司党支部', 'assigned', '党建工作季度考评']]);
    const todos = await t.call<Untyped>('GET', '/todos', { token: secA });
    expect(todos.body.items.find((i: Untyped) => i.source === 'pdca')).toMatchObject({
      title: '提交考评任务：党建工作季度考评',
      page: `/packages/pdca/pages/task/index?id=${taskA}`,
    });
    // The committee does not do its branches' work: no submit to-dos, no submitting for them.
    const workerTodos = (await t.call<Untyped>('GET', '/todos', { token: worker })).body.items.filter((i: Untyped) => i.source === 'pdca');
    expect(workerTodos).toEqual([]);
    expect((await t.call<Untyped>('POST', `/pdca/assignments/${taskA}/submit`, { token: worker, body: { summary: '党委代替支部提交的材料。' } })).status).toBe(
      404,
    );
    const inbox = await t.ds.query(`SELECT n.title FROM notification n JOIN user_account u ON u.id = n.recipient_user_id WHERE u.display_name = '甲书记'`);
    expect(inbox).toEqual([{ title: '新的考评任务' }]);
  });

  it('党支部落实: a branch attaches photos and its meetings and submits; only its own task, never another branch’s', async () => {
    expect((await t.call<Untyped>('GET', `/pdca/assignments/${taskB}`, { token: secA })).status).toBe(404);
    expect((await t.call<Untyped>('POST', `/pdca/assignments/${taskB}/submit`, { token: secA, body: { summary: '我们做了很多工作，请审阅。' } })).status).toBe(
      404,
    );
    expect((await t.call<Untyped>('GET', `/pdca/assignments/${taskA}`, { token: outsider })).status).toBe(404);

    const photo = multipart(PNG, '主题党日.png', 'image/png');
    const up = await t.call<Untyped>('POST', `/pdca/assignments/${taskA}/files`, { token: secA, ...photo });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ name: '主题党日.png', contentType: 'image/png' });
    const bytes = await t.call('GET', up.body.url.replace('/api/v1', ''));
    expect(bytes.status).toBe(200);
    expect(bytes.raw.equals(PNG)).toBe(true);
    const tampered = await t.call('GET', up.body.url.replace('/api/v1', '').replace(/sig=.{4}/, 'sig=AAAA'));
    expect(tampered.status).toBe(404);
    const exe = await t.call<Untyped>('POST', `/pdca/assignments/${taskA}/files`, {
      token: secA,
      ...multipart(Buffer.from('MZ nope'), 'x.exe', 'application/octet-stream'),
    });
    expect([exe.status, exe.body.code]).toEqual([422, 'PDCA_FILE_TYPE']);
    expect((await t.call<Untyped>('POST', `/pdca/assignments/${taskA}/files`, { token: secB, ...photo })).status).toBe(404);

    const start = new Date(Date.now() + 86_400_000);
    const meeting = await t.call<Untyped>('POST', '/meetings', {
      token: secA,
      body: {
        organisationId: tree.branchA.id,
        type: 'theme_day',
        title: '十二月主题党日',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
        place: '会议室',
      },
    });
    expect(meeting.status).toBe(201);
    const otherMeeting = await t.call<Untyped>('POST', '/meetings', {
      token: secB,
      body: {
        organisationId: tree.branchB.id,
        type: 'theme_day',
        title: '乙主题党日',
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
        place: '会议室',
      },
    });
    const short = await t.call<Untyped>('POST', `/pdca/assignments/${taskA}/submit`, { token: secA, body: { summary: '做了' } });
    expect([short.status, short.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const notOurs = await t.call<Untyped>('POST', `/pdca/assignments/${taskA}/submit`, {
      token: secA,
      body: { summary: '按计划召开了主题党日和支委会。', meetingIds: [otherMeeting.body.id] },
    });
    expect(notOurs.status).toBe(403);

    const sent = await t.call<Untyped>('POST', `/pdca/assignments/${taskA}/submit`, {
      token: secA,
      body: { summary: '按计划召开了主题党日和支委会，全体党员完成学习任务。', meetingIds: [meeting.body.id] },
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ state: 'submitted', canSubmit: false, links: [{ kind: 'meeting', id: meeting.body.id, label: '十二月主题党日' }] });
    expect(sent.body.files).toHaveLength(1);
  });

  it('the committee returns a thin submission with a reason, the branch resubmits, the committee accepts', async () => {
    expect((await t.call<Untyped>('POST', `/pdca/assignments/${taskA}/accept`, { token: secA })).status).toBe(404);
    const returned = await t.call<Untyped>('POST', `/pdca/assignments/${taskA}/return`, { token: worker, body: { reason: '请补充学习记录' } });
    expect([returned.status, returned.body.state, returned.body.returnReason]).toEqual([200, 'returned', '请补充学习记录']);
    const todo = (await t.call<Untyped>('GET', '/todos', { token: secA })).body.items.find((i: Untyped) => i.source === 'pdca');
    expect(todo.title).toBe('重新提交考评任务：党建工作季度考评');
    const again = await t.call<Untyped>('POST', `/pdca/assignments/${taskA}/submit`, {
      token: secA,
      body: { summary: '已补充学习记录：全体党员完成 12 学时学习。' },
    });
    expect([again.status, again.body.state, again.body.returnReason]).toEqual([200, 'submitted', null]);
    const decide = (await t.call<Untyped>('GET', '/todos', { token: worker })).body.items.find((i: Untyped) => i.id === `decide:${taskA}`);
    expect(decide.title).toBe('验收 甲公司党支部 的落实情况');

    // Scoring cannot start while a submission waits for a decision.
    const early = await t.call<Untyped>('POST', `/pdca/plans/${planId}/start-scoring`, { token: worker });
    expect([early.status, early.body.code]).toEqual([409, 'PDCA_UNDECIDED']);
    const accepted = await t.call<Untyped>('POST', `/pdca/assignments/${taskA}/accept`, { token: worker });
    expect([accepted.status, accepted.body.state, accepted.body.actions]).toEqual([200, 'accepted', ['score']]);
  });

  it('绩效考评: only the plan’s scorers score, within the rubric; the branch score is their mean', async () => {
    const before = await sheet(scorer1.token, taskA, { org: 35, study: 25, serve: 20 });
    expect([before.status, before.body.code]).toEqual([409, 'PDCA_SCORING_CLOSED']);
    const started = await t.call<Untyped>('POST', `/pdca/plans/${planId}/start-scoring`, { token: worker });
    expect(started.body.state).toBe('scoring');
    // Submissions are closed now: branch B, which never submitted, is scored as it stands.
    const late = await t.call<Untyped>('POST', `/pdca/assignments/${taskB}/submit`, { token: secB, body: { summary: '迟交的落实情况说明，请审阅。' } });
    expect([late.status, late.body.code]).toEqual([409, 'PDCA_SUBMISSIONS_CLOSED']);

    const toScore = await t.call<Untyped>('GET', '/pdca/assignments?as=scorer', { token: scorer1.token });
    expect(toScore.body.items.map((i: Untyped) => i.orgName).sort()).toEqual(['乙公司党支部', '甲公司党支部']);
    expect((await t.call<Untyped>('GET', '/todos', { token: scorer1.token })).body.items.filter((i: Untyped) => i.source === 'pdca')).toHaveLength(2);

    const over = await sheet(scorer1.token, taskA, { org: 45, study: 25, serve: 20 });
    expect([over.status, over.body.code, over.body.message]).toEqual([422, 'PDCA_SCORE_INVALID', '“组织建设”的得分应在 0 到 40 分之间']);
    expect((await sheet(worker, taskA, { org: 35, study: 25, serve: 20 })).body.code).toBe('PDCA_NOT_SCORER');
    expect((await sheet(outsider, taskA, { org: 35, study: 25, serve: 20 })).status).toBe(404);

    expect((await sheet(scorer1.token, taskA, { org: 30, study: 25, serve: 20 }, '组织生活规范')).status).toBe(200);
    // A second entry replaces the first (one sheet per scorer).
    const mine = await sheet(scorer1.token, taskA, { org: 35, study: 25, serve: 20 }, '组织生活规范');
    expect(mine.body.sheets).toEqual([expect.objectContaining({ scorerName: '评分人一', total: 80, comment: '组织生活规范' })]);
    const early = await t.call<Untyped>('POST', `/pdca/assignments/${taskA}/finalise`, { token: worker });
    expect([early.status, early.body.code, early.body.message]).toEqual([409, 'PDCA_SCORES_MISSING', '还有 1 位评分人未评分']);
    await sheet(scorer2.token, taskA, { org: 38, study: 27, serve: 25 }, '材料翔实');
    await sheet(scorer1.token, taskB, { org: 20, study: 15, serve: 15 }, '未提交落实材料');
    await sheet(scorer2.token, taskB, { org: 22, study: 15, serve: 18.5 });
    // A scorer sees their own sheet only; the committee sees both.
    expect((await t.call<Untyped>('GET', `/pdca/assignments/${taskA}`, { token: scorer2.token })).body.sheets.map((s: Untyped) => s.scorerName)).toEqual([
      '评分人二',
    ]);
    expect((await t.call<Untyped>('GET', `/pdca/assignments/${taskA}`, { token: worker })).body.sheets).toHaveLength(2);
    // …and the branch none of them until the results are reported.
    const branchView = await t.call<Untyped>('GET', `/pdca/assignments/${taskA}`, { token: secA });
    expect([branchView.body.sheets, branchView.body.average]).toEqual([[], null]);

    const unscored = await t.call<Untyped>('POST', `/pdca/plans/${planId}/report`, { token: worker });
    expect([unscored.status, unscored.body.code]).toEqual([409, 'PDCA_UNSCORED']);
    const a = await t.call<Untyped>('POST', `/pdca/assignments/${taskA}/finalise`, { token: worker });
    expect([a.status, a.body.state, a.body.average]).toEqual([200, 'scored', 85]);
    const b = await t.call<Untyped>('POST', `/pdca/assignments/${taskB}/finalise`, { token: worker });
    expect([b.body.state, b.body.average]).toEqual(['scored', 52.75]);
    expect((await sheet(scorer1.token, taskA, { org: 0, study: 0, serve: 0 })).body.code).toBe('PDCA_SCORING_CLOSED');
  });

  it('汇报党委: the results rank the branches; below the threshold → 约谈; sheet and PDF go upward', async () => {
    const notYet = await t.call<Untyped>('GET', `/pdca/plans/${planId}/results.xlsx`, { token: worker });
    expect([notYet.status, notYet.body.code]).toEqual([409, 'PDCA_NOT_REPORTED']);
    const reported = await t.call<Untyped>('POST', `/pdca/plans/${planId}/report`, { token: worker });
    expect([reported.status, reported.body.state]).toEqual([200, 'reported']);

    const results = await t.call<Untyped>('GET', `/pdca/plans/${planId}/results`, { token: worker });
    expect(results.body.rows.map((r: Untyped) => [r.rank, r.orgName, r.average, r.below])).toEqual([
      [1, '甲公司党支部', 85, false],
      [2, '乙公司党支部', 52.75, true],
    ]);
    expect(results.body.rows[0].items).toEqual({ org: 36.5, study: 26, serve: 22.5 });
    expect(results.body.rows[0].comments).toEqual(['评分人一：组织生活规范', '评分人二：材料翔实']);
    expect(results.body.talks).toEqual([
      expect.objectContaining({ orgName: '乙公司党支部', average: 52.75, state: 'pending', stateLabel: '待约谈', canHold: true }),
    ]);
    expect((await t.call<Untyped>('GET', `/pdca/plans/${planId}/results`, { token: otherWorker })).status).toBe(404);
    expect((await t.call<Untyped>('GET', `/pdca/plans/${planId}/results`, { token: secA })).status).toBe(404);

    const xlsx = await t.call('GET', `/pdca/plans/${planId}/results.xlsx`, { token: worker });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('考评结果')!;
    expect(ws.getRow(3).values).toEqual([
      undefined,
      '名次',
      '党支部',
      '组织建设（40）',
      '学习教育（30）',
      '服务发展（30）',
      '平均分',
      '评分人',
      '任务状态',
      '约谈',
      '评分意见',
    ]);
    expect((ws.getRow(5).values as unknown[]).slice(1, 10)).toEqual([2, '乙公司党支部', 21, 15, 16.75, 52.75, 2, '已评分', '是']);
    const pdf = await t.call('GET', `/pdca/plans/${planId}/results.pdf`, { token: worker });
    expect(pdf.status).toBe(200);
    expect(pdf.raw.subarray(0, 5).toString()).toBe('%PDF-');

    // The branch now sees its score and every sheet.
    const branchView = await t.call<Untyped>('GET', `/pdca/assignments/${taskB}`, { token: secB });
    expect([branchView.body.average, branchView.body.sheets.length, branchView.body.talk?.stateLabel]).toEqual([52.75, 2, '待约谈']);
  });

  it('约谈: recorded once with date, who, content and follow-up; the plan closes only after every talk', async () => {
    const talkId = (await t.call<Untyped>('GET', `/pdca/plans/${planId}/results`, { token: worker })).body.talks[0].id;
    const todo = (await t.call<Untyped>('GET', '/todos', { token: worker })).body.items.find((i: Untyped) => i.id === `talk:${talkId}`);
    expect(todo).toMatchObject({ title: '约谈 乙公司党支部 书记', page: `/packages/pdca/pages/talk/index?id=${talkId}` });
    const closeEarly = await t.call<Untyped>('POST', `/pdca/plans/${planId}/close`, { token: worker });
    expect([closeEarly.status, closeEarly.body.code]).toEqual([409, 'PDCA_TALKS_PENDING']);

    const body = {
      heldOn: '2027-01-08',
      attendees: '乙书记、党群部王敏',
      content: '分析三会一课未按时召开的原因，明确下季度计划。',
      followUp: '一月内补开支委会并提交整改报告',
    };
    expect((await t.call<Untyped>('POST', `/pdca/talks/${talkId}/hold`, { token: secB, body })).status).toBe(404);
    expect((await t.call<Untyped>('POST', `/pdca/talks/${talkId}/hold`, { token: worker, body: { ...body, content: '谈了' } })).status).toBe(400);
    const held = await t.call<Untyped>('POST', `/pdca/talks/${talkId}/hold`, { token: worker, body });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ state: 'held', heldOn: '2027-01-08', attendees: '乙书记、党群部王敏', recordedBy: '党群部王敏', canHold: false });
    const twice = await t.call<Untyped>('POST', `/pdca/talks/${talkId}/hold`, { token: worker, body });
    expect([twice.status, twice.body.code]).toEqual([409, 'PDCA_STEP_OUT_OF_ORDER']);

    const closed = await t.call<Untyped>('POST', `/pdca/plans/${planId}/close`, { token: worker });
    expect([closed.status, closed.body.state, closed.body.actions]).toEqual([200, 'closed', []]);
    const audit = await t.ds.query<Array<{ action: string }>>(`SELECT action FROM audit_log WHERE object_type LIKE 'pdca%' ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'pdca_plan.create',
        'pdca_plan.publish',
        'pdca_assignment.submit',
        'pdca_assignment.return',
        'pdca_plan.report',
        'pdca_talk.open',
        'pdca_talk.hold',
        'pdca_plan.close',
      ]),
    );
  });
});

import ExcelJS from 'exceljs';
import { chinaToday, creditCodeCheckChar } from '@dangjian/shared';
import { createTestApp, type TestApp, type Untyped } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A valid 统一社会信用代码 (K1) from a serial number. */
const code = (n: number) => {
  const body = `91350200MA${String(n).padStart(7, '0')}`;
  return body + creditCodeCheckChar(body)!;
};
const HEADERS = [
  '企业名称*',
  '统一社会信用代码*',
  '行业',
  '职工人数',
  '成立日期',
  '地址',
  '联系人',
  '联系电话',
  '申报党员数',
  '纳入台账日期',
  '注销/迁出日期',
  '备注',
];
async function sheet(rows: Array<Array<string | number | null>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业台账');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const row = (name: string, n: number, over: Partial<Record<'employees' | 'declared' | 'listedOn', number | string>> = {}) => [
  name,
  code(n),
  '软件和信息技术服务',
  over.employees ?? 30,
  '2019-03-01',
  '软件园二期',
  '王经理',
  '0592-5550000',
  over.declared ?? 0,
  over.listedOn ?? '2025-01-01',
  null,
  null,
];

/**
 * Issue 15 (K1–K4) and issue 18 (S1): the committee's enterprise ledger — import with a row report,
 * history, export — coverage computed from the tree and the officers' visits, targets, and the
 * officers' appointments, visit log and plan. A committee sees only its own area.
 */
describe('enterprise ledger and coverage', () => {
  let t: TestApp;
  let fx: Fixtures;
  let tree: Awaited<ReturnType<Fixtures['tree']>>;
  let otherCommittee: { id: string };
  let joint: { id: string };
  let worker: string;
  let otherWorker: string;
  let memberOnly: string;
  let officer: { token: string; userId: string };
  const today = chinaToday();

  beforeAll(async () => {
    t = await createTestApp();
    fx = new Fixtures(t.ds, t.app);
    tree = await fx.tree();
    otherCommittee = await fx.org({ name: '另一园区党委', kind: 'committee' });
    joint = await fx.org({ name: '园区联合党支部', kind: 'branch', parentId: tree.committee.id, isJoint: true });
    worker = (await fx.user({ displayName: '组织员', roles: [{ role: 'org_worker', orgId: tree.committee.id }] })).token;
    otherWorker = (await fx.user({ roles: [{ role: 'org_worker', orgId: otherCommittee.id }] })).token;
    memberOnly = (await fx.user({ memberOrgId: tree.branchA.id })).token;
    const o = await fx.user({ displayName: '陈指导员', memberOrgId: tree.branchB.id });
    officer = { token: o.token, userId: o.user.id };
  });
  afterAll(() => t.close());

  const importRaw = (file: Buffer, token = worker, committeeId = tree.committee.id, dryRun = false) =>
    t.call<Untyped>('POST', `/ledger/import?committeeId=${committeeId}${dryRun ? '&dryRun=true' : ''}`, {
      token,
      payload: file,
      headers: { 'content-type': XLSX },
    });
  const list = (query = '', token = worker) => t.call<Untyped>('GET', `/ledger/enterprises?committeeId=${tree.committee.id}${query}`, { token });
  const idOf = async (name: string) => (await list(`&q=${encodeURIComponent(name)}`)).body.items[0].id as string;

  it('imports a 摸排 sheet row by row (checked first), and a second import updates only what changed, with history', async () => {
    const file = await sheet([row('甲网络科技有限公司', 1, { declared: 3 }), row('乙数据服务有限公司', 2), row('丙软件有限公司', 3)]);
    const check = await importRaw(file, worker, tree.committee.id, true);
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ ok: true, dryRun: true, created: 3, updated: 0 });
    expect((await list()).body.total).toBe(0);

    const done = await importRaw(file);
    expect(done.status).toBe(200);
    expect(done.body.rows).toEqual([
      { row: 2, name: '甲网络科技有限公司', outcome: 'created' },
      { row: 3, name: '乙数据服务有限公司', outcome: 'created' },
      { row: 4, name: '丙软件有限公司', outcome: 'created' },
    ]);
    const again = await importRaw(
      await sheet([row('甲网络科技有限公司', 1, { declared: 3 }), row('乙数据服务有限公司', 2, { employees: 80 }), row('丙软件有限公司', 3)]),
    );
    expect(again.body).toMatchObject({ created: 0, updated: 1, unchanged: 2 });

    const detail = await t.call<Untyped>('GET', `/ledger/enterprises/${await idOf('乙数据')}`, { token: worker });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ employees: 80, creditCode: code(2), committeeName: '测试联合党委', canManage: true });
    expect(detail.body.history[0]).toMatchObject({
      source: 'import',
      byName: '组织员',
      changes: [{ field: 'employees', label: '职工人数', from: '30', to: '80' }],
    });
    expect(detail.body.history).toHaveLength(2);
  });

  it('refuses a sheet with any bad row (check character, duplicates, missing name) and changes nothing (422)', async () => {
    const bad = code(9).slice(0, 17) + (code(9)[17] === 'A' ? 'B' : 'A');
    const res = await importRaw(await sheet([row('丁公司', 9).map((v, i) => (i === 1 ? bad : v)), row('戊公司', 10), row('己公司', 10), row('', 11)]));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('LEDGER_IMPORT_INVALID');
    expect(res.body.errors).toEqual([
      { row: 2, column: '统一社会信用代码', message: expect.stringContaining('校验位') },
      { row: 4, column: '统一社会信用代码', message: '与第 3 行的统一社会信用代码重复' },
      { row: 5, column: '企业名称', message: '必填' },
    ]);
    expect((await list()).body.total).toBe(3);
  });

  it('a committee sees and keeps only its own area', async () => {
    const id = await idOf('甲网络');
    expect((await t.call('GET', `/ledger/enterprises?committeeId=${tree.committee.id}`, { token: otherWorker })).status).toBe(403);
    expect((await t.call('GET', `/ledger/enterprises/${id}`, { token: otherWorker })).status).toBe(403);
    expect((await t.call('PATCH', `/ledger/enterprises/${id}`, { token: otherWorker, body: { notes: 'x' } })).status).toBe(403);
    expect((await t.call('GET', `/ledger/coverage?committeeId=${tree.committee.id}`, { token: otherWorker })).status).toBe(403);
    expect((await t.call('GET', `/ledger/enterprises?committeeId=${tree.committee.id}`, { token: memberOnly })).status).toBe(403);
    // The same enterprise cannot be put into a second committee's ledger (K1: once).
    const taken = await importRaw(await sheet([row('甲网络科技有限公司', 1)]), otherWorker, otherCommittee.id);
    expect(taken.status).toBe(422);
    expect(taken.body.errors[0].message).toBe('该企业已在其他党委的台账中');
    // Ledgers belong to committees (K1).
    const notCommittee = await t.call<Untyped>('POST', '/ledger/enterprises', {
      token: worker,
      body: { committeeId: tree.branchA.id, name: '庚公司', creditCode: code(20) },
    });
    expect(notCommittee.status).toBe(422);
    expect(notCommittee.body.code).toBe('LEDGER_NOT_COMMITTEE');
  });

  it('creates and edits an entry by hand; a wrong check character is a 400 with nothing stored', async () => {
    const wrong = await t.call<Untyped>('POST', '/ledger/enterprises', {
      token: worker,
      body: { committeeId: tree.committee.id, name: '庚公司', creditCode: code(20).slice(0, 17) + '0' === code(20) ? code(21) : code(20).slice(0, 17) + '0' },
    });
    expect(wrong.status).toBe(400);
    const made = await t.call<Untyped>('POST', '/ledger/enterprises', {
      token: worker,
      body: { committeeId: tree.committee.id, name: '庚公司', creditCode: code(20).toLowerCase(), employees: 5 },
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ creditCode: code(20), listedOn: today, coverage: 'none' });
    const edited = await t.call<Untyped>('PATCH', `/ledger/enterprises/${made.body.id}`, { token: worker, body: { leftOn: today, notes: '已迁出' } });
    expect(edited.status).toBe(200);
    expect(edited.body.history[0].changes.map((c: Untyped) => c.field)).toEqual(['notes', 'leftOn']);
  });

  it('computes coverage from the tree and the officers’ visits (K2, K3), with gaps and targets (K4)', async () => {
    const [a, b, c] = [await idOf('甲网络'), await idOf('乙数据'), await idOf('丙软件')];
    await t.ds.query(`INSERT INTO organisation_enterprise (organisation_id, enterprise_id) VALUES ($1, $2), ($3, $4)`, [tree.branchA.id, b, joint.id, a]);
    await fx.member({ orgId: tree.branchA.id, enterpriseId: c, status: 'full' });

    // 甲: joint branch, 3 declared full members → needs its own branch (O2); 乙: own branch; 丙: none. 庚 left today.
    let cov = await t.call<Untyped>('GET', `/ledger/coverage?committeeId=${tree.committee.id}`, { token: worker });
    expect(cov.status).toBe(200);
    expect(cov.body).toMatchObject({ enterprises: 3, orgCovered: 2, workCovered: 2, orgRate: 66.7, workRate: 66.7, orgMet: false, workMet: false });
    expect(cov.body.target).toMatchObject({ orgTarget: 90, workTarget: 95, visitsPerYear: 4, isSet: false });
    expect(cov.body.gapCounts).toMatchObject({ no_organisation: 1, needs_own_branch: 1, no_instructor: 3 });
    const gaps = await list('&gap=needs_own_branch');
    expect(gaps.body.items.map((i: Untyped) => i.name)).toEqual(['甲网络科技有限公司']);
    expect((await list('&coverage=joint')).body.items[0]).toMatchObject({
      name: '甲网络科技有限公司',
      coveringOrgs: [{ name: '园区联合党支部', isJoint: true }],
    });
    expect((await list('&q=丙软件')).body.items[0]).toMatchObject({ rollMembers: 1, rollFullMembers: 1 });

    // An appointed instructor visits 丙 today: work coverage (K3) rises, organisation coverage does not.
    const appointed = await t.call<Untyped>('POST', `/ledger/enterprises/${c}/officers`, {
      token: worker,
      body: { role: 'instructor', userId: officer.userId, startsOn: '2025-01-01' },
    });
    expect(appointed.status).toBe(201);
    expect(appointed.body).toMatchObject({ role: 'instructor', name: '陈指导员', endsOn: null });
    const twice = await t.call<Untyped>('POST', `/ledger/enterprises/${c}/officers`, {
      token: worker,
      body: { role: 'instructor', userId: officer.userId, startsOn: '2025-02-01' },
    });
    expect(twice.status).toBe(409);
    const visit = await t.call<Untyped>('POST', `/ledger/enterprises/${c}/visits`, {
      token: officer.token,
      body: { visitedOn: today, peopleMet: '总经理 李总', topics: '党员摸排、建立党支部', problems: '园区停车费高', followUps: '协调园区管委会' },
    });
    expect(visit.status).toBe(201);
    expect(visit.body).toMatchObject({ visitor: { name: '陈指导员' }, problems: '园区停车费高' });
    cov = await t.call<Untyped>('GET', `/ledger/coverage?committeeId=${tree.committee.id}`, { token: worker });
    expect(cov.body).toMatchObject({ orgCovered: 2, workCovered: 3, workRate: 100 });

    const trend = await t.call<Untyped>('GET', `/ledger/coverage/trend?committeeId=${tree.committee.id}`, { token: worker });
    expect(trend.body.months).toHaveLength(12);
    expect(trend.body.months.at(-1)).toMatchObject({ month: today.slice(0, 7), enterprises: 3, workRate: 100 });

    // K4: the committee sets its targets; the other committee may not.
    const target = { year: Number(today.slice(0, 4)), orgTarget: 60, workTarget: 100, visitsPerYear: 4, minEmployees: 0 };
    expect((await t.call('PUT', `/ledger/coverage/target?committeeId=${tree.committee.id}`, { token: otherWorker, body: target })).status).toBe(403);
    expect(
      (await t.call<Untyped>('PUT', `/ledger/coverage/target?committeeId=${tree.committee.id}`, { token: worker, body: { ...target, visitsPerYear: 5 } }))
        .status,
    ).toBe(400);
    const set = await t.call<Untyped>('PUT', `/ledger/coverage/target?committeeId=${tree.committee.id}`, { token: worker, body: target });
    expect(set.body).toMatchObject({ orgTarget: 60, isSet: true });
    cov = await t.call<Untyped>('GET', `/ledger/coverage?committeeId=${tree.committee.id}`, { token: worker });
    expect(cov.body).toMatchObject({ orgMet: true, workMet: true });
  });

  it('officers: only one serving there logs a visit; the plan counts it; the to-do asks for the next', async () => {
    const a = await idOf('甲网络');
    const c = await idOf('丙软件');
    const notServing = await t.call<Untyped>('POST', `/ledger/enterprises/${a}/visits`, {
      token: officer.token,
      body: { visitedOn: today, peopleMet: '某', topics: '某' },
    });
    expect(notServing.status).toBe(403);
    expect(notServing.body.code).toBe('LEDGER_VISIT_NOT_OFFICER');
    const future = await t.call<Untyped>('POST', `/ledger/enterprises/${c}/visits`, {
      token: officer.token,
      body: { visitedOn: '2999-01-01', peopleMet: '某', topics: '某' },
    });
    expect(future.status).toBe(422);
    // The officer reads the card of their own enterprise, without the ledger's history.
    const card = await t.call<Untyped>('GET', `/ledger/enterprises/${c}`, { token: officer.token });
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({ canVisit: true, canManage: false, history: [] });
    expect((await t.call('GET', `/ledger/enterprises/${a}`, { token: officer.token })).status).toBe(403);

    const plan = await t.call<Untyped>('GET', '/ledger/visit-plan', { token: officer.token });
    expect(plan.status).toBe(200);
    expect(plan.body.enterprises).toHaveLength(1);
    expect(plan.body.done).toBe(1);
    expect(plan.body.planned).toBeGreaterThanOrEqual(1);
    // The committee reads the officer's plan (its 走访计划与记录 link); another committee sees none of it, a member nothing.
    const seen = await t.call<Untyped>('GET', `/ledger/visit-plan?userId=${officer.userId}`, { token: worker });
    expect(seen.body).toMatchObject({ done: 1, planned: plan.body.planned, visits: plan.body.visits });
    const other = await t.call<Untyped>('GET', `/ledger/visit-plan?userId=${officer.userId}`, { token: otherWorker });
    expect(other.body).toMatchObject({ enterprises: [], visits: [], done: 0 });
    expect((await t.call('GET', `/ledger/visit-plan?userId=${officer.userId}`, { token: memberOnly })).status).toBe(403);

    // A liaison appointed today with no visit yet: the current period is due in 待办.
    const liaison = await t.call<Untyped>('POST', `/ledger/enterprises/${a}/officers`, {
      token: worker,
      body: { role: 'liaison', userId: officer.userId, startsOn: today },
    });
    const todos = await t.call<Untyped>('GET', '/todos', { token: officer.token });
    const item = todos.body.items.find((i: Untyped) => i.source === 'enterprise-visits' && i.page.endsWith(a));
    expect(item).toMatchObject({ title: '走访 甲网络科技有限公司', overdue: false, page: `/packages/ledger/pages/visit-new/index?enterpriseId=${a}` });

    // Ending the term: not before it began; afterwards the card is closed to the officer.
    expect((await t.call('POST', `/ledger/officers/${liaison.body.id}/end`, { token: worker, body: { endsOn: '2020-01-01' } })).status).toBe(422);
    expect((await t.call('POST', `/ledger/officers/${liaison.body.id}/end`, { token: otherWorker, body: { endsOn: today } })).status).toBe(403);
    const ended = await t.call<Untyped>('POST', `/ledger/officers/${liaison.body.id}/end`, { token: worker, body: { endsOn: today } });
    expect(ended.body.endsOn).toBe(today);

    const candidates = await t.call<Untyped>('GET', `/ledger/officer-candidates?committeeId=${tree.committee.id}&q=${encodeURIComponent('陈')}`, {
      token: worker,
    });
    expect(candidates.body.items).toEqual([{ userId: officer.userId, name: '陈指导员', orgName: '乙公司党支部' }]);
  });

  it('exports the area as .xlsx with the computed columns, audited', async () => {
    const res = await t.call<string>('GET', `/ledger/export?committeeId=${tree.committee.id}`, { token: worker });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('企业台账')!;
    expect(ws.getRow(1).getCell(13).value).toBe('组织覆盖');
    expect(ws.rowCount).toBe(5);
    const [audit] = await t.ds.query(`SELECT details FROM audit_log WHERE action = 'ledger.export' ORDER BY id DESC LIMIT 1`);
    expect(audit.details).toEqual({ count: 4 });
    // An export is a valid import: nothing changes.
    const round = await importRaw(res.raw);
    expect(round.body).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 4 });
  });
});

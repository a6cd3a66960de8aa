import ExcelJS from 'exceljs';
import { chinaMonth, combine, creditCodeCheckChar, previousMonth } from '@dangjian/shared';
import { IndexesService } from '../src/indexes/indexes.service.js';
import { createTestApp, type TestApp, type Untyped } from './utils/app.js';
import { Fixtures } from './utils/fixtures.js';

/**
 * K5 five indexes (issue 15): the platform defaults are data; a committee worker recomputes a month and
 * sees the committee's ranking, a branch's scores and why they changed; a new version applies from its
 * month while earlier snapshots keep theirs; a branch secretary sees only their own branch; nobody
 * outside a committee's subtree sees or changes anything of it.
 */
describe('five indexes (K5)', () => {
  let t: TestApp;
  let fx: Fixtures;
  let tree: Awaited<ReturnType<Fixtures['tree']>>;
  let worker: string;
  let secA: string;
  let outsider: string;
  const month = chinaMonth();
  const prev = previousMonth(month);

  /** A meeting of `orgId` in the current month (the 2nd, China time) with `attendees`, `checkedIn` of them confirmed. */
  const meeting = async (orgId: string, type: string, attendees: string[], checkedIn: string[]) => {
    const [m] = await t.ds.query<Array<{ id: string }>>(
      `INSERT INTO meeting (organisation_id, type, title, starts_at, ends_at, place, checkin_opens_at, checkin_closes_at)
       SELECT $1, $2, '会议', s, s + interval '1 hour', '会议室', s, s + interval '1 hour'
         FROM (SELECT (date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') + interval '1 day 10 hours') AT TIME ZONE 'Asia/Shanghai' AS s) x
       RETURNING id`,
      [orgId, type],
    );
    for (const id of attendees) await t.ds.query(`INSERT INTO meeting_attendee (meeting_id, member_id) VALUES ($1, $2)`, [m!.id, id]);
    for (const id of checkedIn)
      await t.ds.query(`INSERT INTO meeting_checkin (meeting_id, member_id, at, method, status) VALUES ($1, $2, now(), 'manual', 'confirmed')`, [m!.id, id]);
  };
  const recompute = (token: string, m = month, committeeId = tree.committee.id) =>
    t.call<Untyped>('POST', '/indexes/recompute', { token, body: { committeeId, month: m } });

  beforeAll(async () => {
    t = await createTestApp();
    fx = new Fixtures(t.ds, t.app);
    tree = await fx.tree();
    worker = (await fx.user({ roles: [{ role: 'org_worker', orgId: tree.committee.id }] })).token;
    secA = (await fx.user({ positions: [{ position: 'secretary', orgId: tree.branchA.id }] })).token;
    const other = await fx.org({ name: '别的党委', kind: 'committee' });
    outsider = (await fx.user({ roles: [{ role: 'org_worker', orgId: other.id }] })).token;
    const a1 = await fx.member({ orgId: tree.branchA.id });
    const a2 = await fx.member({ orgId: tree.branchA.id });
    await meeting(tree.branchA.id, 'committee_meeting', [a1.id, a2.id], [a1.id, a2.id]);
    await meeting(tree.branchA.id, 'theme_day', [a1.id, a2.id], [a1.id]);
  });
  afterAll(() => t.close());

  it('the defaults are versioned data with their formula in words', async () => {
    const r = await t.call<Untyped>('GET', `/indexes/definitions?committeeId=${tree.committee.id}`, { token: worker });
    expect(r.status).toBe(200);
    expect(r.body.canEdit).toBe(true);
    expect(r.body.current.map((d: Untyped) => d.indexKey)).toEqual(['innovation', 'development', 'growth', 'vitality', 'happiness']);
    const vitality = r.body.current.find((d: Untyped) => d.indexKey === 'vitality');
    expect(vitality).toMatchObject({ isDefault: true, version: 1, committeeId: null, indexLabel: '活力指数' });
    expect(vitality.formula).toBe('得分 = 100 × (40% × 三会一课月度达标 + 40% × 会议出勤率 + 20% × 发布党建动态)');
    expect(vitality.terms[0]).toMatchObject({ metric: 'c1_monthly', sharePercent: 40, rangeText: '0项及以下得 0 分，2项及以上得满分，其间按比例' });
    const metrics = await t.call<Untyped>('GET', '/indexes/metrics', { token: secA });
    expect(metrics.body.items.map((m: Untyped) => m.key)).toContain('fee_on_time');
  });

  it('a committee worker recomputes the month: every branch gets five scores, ranked; the score is the shared formula of its parts', async () => {
    const r = await recompute(worker);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ month, organisations: 2 });
    const ranking = await t.call<Untyped>('GET', `/indexes/ranking?committeeId=${tree.committee.id}&month=${month}&sort=vitality`, { token: worker });
    expect(ranking.status).toBe(200);
    expect(ranking.body).toMatchObject({ committeeName: '测试联合党委', total: 2, sort: 'vitality', canRecompute: true });
    expect(ranking.body.items.map((i: Untyped) => [i.rank, i.orgName])).toEqual([
      [1, '甲公司党支部'],
      [2, '乙公司党支部'],
    ]);
    // 2 of 2 monthly meetings (40%), attendance 3 of 4 = 75% on 50..100 → 0.5 (40%), no news (20%): 40 + 20 = 60.
    expect(ranking.body.items[0].scores.vitality).toBe(60);
    expect(ranking.body.items[1].scores.vitality).toBe(0);

    const x = await t.call<Untyped>('GET', `/indexes/orgs/${tree.branchA.id}/explain?month=${month}&index=vitality`, { token: worker });
    expect(x.status).toBe(200);
    expect(x.body.score).toBe(60);
    expect(x.body.definition).toMatchObject({ isDefault: true, version: 1 });
    const parts = x.body.changes as Untyped[];
    expect(parts.find((c) => c.metric === 'attendance_rate')).toMatchObject({ label: '会议出勤率', value: 75, contribution: 20 });
    expect(parts.find((c) => c.metric === 'c1_monthly')).toMatchObject({ value: 2, contribution: 40 });
    const weights = x.body.definition.terms.map((tm: Untyped) => tm.weight as number);
    const normalised = [1, 0.5, 0];
    expect(combine(weights.map((w: number, i: number) => ({ weight: w, normalised: normalised[i]! })))).toBe(x.body.score);

    const top = await t.app.get(IndexesService).topRanking(tree.committee.id, month, 1);
    expect(top.items).toHaveLength(1);
    expect(top.items[0]!.orgName).toBe('甲公司党支部');
  });

  it('a branch secretary sees their own branch and its explanation, nothing of the committee or another branch', async () => {
    const own = await t.call<Untyped>('GET', `/indexes/orgs/${tree.branchA.id}?month=${month}`, { token: secA });
    expect(own.status).toBe(200);
    expect(own.body.scores.find((s: Untyped) => s.indexKey === 'vitality')).toMatchObject({ score: 60, rank: 1, of: 2, version: 1 });
    expect(own.body.trend.months).toHaveLength(12);
    expect(own.body.trend.months[11]).toBe(month);
    expect((await t.call('GET', `/indexes/orgs/${tree.branchA.id}/explain?month=${month}&index=growth`, { token: secA })).status).toBe(200);
    expect((await t.call('GET', `/indexes/orgs/${tree.branchB.id}?month=${month}`, { token: secA })).status).toBe(403);
    expect((await t.call('GET', `/indexes/ranking?committeeId=${tree.committee.id}`, { token: secA })).status).toBe(403);
    expect((await recompute(secA)).status).toBe(403);
    const publish = await t.call<Untyped>('POST', '/indexes/definitions', {
      token: secA,
      body: { committeeId: tree.committee.id, indexKey: 'vitality', effectiveMonth: month, terms: [{ metric: 'c1_monthly', weight: 1, low: 0, high: 2 }] },
    });
    expect(publish.status).toBe(403);
  });

  it("another committee's worker sees nothing of this committee", async () => {
    expect((await t.call('GET', `/indexes/ranking?committeeId=${tree.committee.id}`, { token: outsider })).status).toBe(403);
    expect((await t.call('GET', `/indexes/orgs/${tree.branchA.id}`, { token: outsider })).status).toBe(403);
    expect((await t.call('GET', `/indexes/definitions?committeeId=${tree.committee.id}`, { token: outsider })).status).toBe(403);
    expect((await recompute(outsider)).status).toBe(403);
  });

  it('per enterprise: an enterprise carries its own branch’s scores, a joint branch’s are shared by its enterprises, an uncovered one has none', async () => {
    const joint = await fx.org({ name: '园区联合党支部', kind: 'branch', parentId: tree.committee.id, isJoint: true });
    const group = await fx.org({ name: '甲公司党小组', kind: 'group', parentId: tree.branchA.id });
    const enterprise = async (n: number, name: string) => {
      const body = `91350200MA${String(900 + n).padStart(7, '0')}`;
      const r = await t.call<Untyped>('POST', '/ledger/enterprises', {
        token: worker,
        body: { committeeId: tree.committee.id, name, creditCode: body + creditCodeCheckChar(body)! },
      });
      expect(r.status).toBe(201);
      return r.body.id as string;
    };
    const [jia, yi, bing, ding] = [await enterprise(1, '甲公司'), await enterprise(2, '乙公司'), await enterprise(3, '丙公司'), await enterprise(4, '丁公司')];
    // 甲: its own branch (a 党小组 of it also lists it, and never covers); 乙 and 丙: the joint branch (O3); 丁: none.
    await t.ds.query(`INSERT INTO organisation_enterprise (organisation_id, enterprise_id) VALUES ($1, $2), ($3, $2), ($4, $5), ($4, $6)`, [
      group.id,
      jia,
      tree.branchA.id,
      joint.id,
      yi,
      bing,
    ]);
    expect((await recompute(worker)).status).toBe(200);
    const branches = await t.call<Untyped>('GET', `/indexes/ranking?committeeId=${tree.committee.id}&month=${month}`, { token: worker });
    const scoresOf = (orgId: string) => branches.body.items.find((i: Untyped) => i.orgId === orgId);

    const r = await t.call<Untyped>('GET', `/indexes/enterprises?committeeId=${tree.committee.id}&month=${month}&sort=vitality`, { token: worker });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ committeeName: '测试联合党委', month, sort: 'vitality', total: 4, scored: 3 });
    const row = (id: string) => r.body.items.find((i: Untyped) => i.enterpriseId === id);
    expect(row(jia)).toMatchObject({ rank: 1, source: 'own', orgId: tree.branchA.id, orgName: '甲公司党支部', sharedBy: 1 });
    expect(row(jia).scores).toEqual(scoresOf(tree.branchA.id).scores);
    expect(row(jia).scores.vitality).toBe(60);
    expect(row(jia).overall).toBe(scoresOf(tree.branchA.id).overall);
    for (const id of [yi, bing]) {
      expect(row(id)).toMatchObject({ rank: 2, source: 'joint', orgId: joint.id, orgName: '园区联合党支部', sharedBy: 2 });
      expect(row(id).scores).toEqual(scoresOf(joint.id).scores);
    }
    expect(row(ding)).toMatchObject({ rank: null, source: 'none', orgId: null, sharedBy: 0, overall: null });
    expect(r.body.items.at(-1).enterpriseId).toBe(ding);

    // Both rankings as a spreadsheet (the console's export).
    const sheet = await t.call<string>('GET', `/indexes/ranking.xlsx?committeeId=${tree.committee.id}&month=${month}`, { token: worker });
    expect(sheet.status).toBe(200);
    expect(sheet.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.raw as unknown as ArrayBuffer);
    const branchSheet = wb.getWorksheet(`${month} 支部排名`)!;
    expect(branchSheet.getRow(2).getCell(2).value).toBe('甲公司党支部');
    const enterpriseSheet = wb.getWorksheet(`${month} 企业指数`)!;
    expect(enterpriseSheet.rowCount).toBe(5);
    expect(enterpriseSheet.getRow(2).values).toEqual(expect.arrayContaining(['甲公司', '本企业党组织', '甲公司党支部']));
    expect((await t.call('GET', `/indexes/ranking.xlsx?committeeId=${tree.committee.id}`, { token: outsider })).status).toBe(403);
    expect((await t.call('GET', `/indexes/ranking.xlsx?committeeId=${tree.committee.id}`, { token: secA })).status).toBe(403);
    expect((await t.call('GET', `/indexes/ranking.xlsx?committeeId=${tree.committee.id}&month=2026-13`, { token: worker })).status).toBe(400);

    // A branch secretary reads only their own branch's indexes; another committee's worker nothing; bad input is refused.
    expect((await t.call('GET', `/indexes/enterprises?committeeId=${tree.committee.id}`, { token: secA })).status).toBe(403);
    expect((await t.call('GET', `/indexes/enterprises?committeeId=${tree.committee.id}`, { token: outsider })).status).toBe(403);
    const own = await t.call<Untyped>('GET', `/indexes/enterprises?committeeId=${tree.branchA.id}`, { token: secA });
    expect(own.status).toBe(200);
    expect(own.body.total).toBe(0);
    expect((await t.call('GET', `/indexes/enterprises?committeeId=${tree.committee.id}&sort=best`, { token: worker })).status).toBe(400);
    expect((await t.call('GET', '/indexes/enterprises', { token: worker })).status).toBe(400);
  });

  it('a new version applies from its month; the month before keeps the version it was computed with; why changed names the metric', async () => {
    expect((await recompute(worker, prev)).status).toBe(200);
    const body = (effectiveMonth: string, terms: unknown[], committeeId = tree.committee.id) => ({
      committeeId,
      indexKey: 'vitality',
      effectiveMonth,
      terms,
      note: '只看组织生活',
    });
    const terms = [{ metric: 'c1_monthly', weight: 3, low: 0, high: 2 }];
    const past = await t.call<Untyped>('POST', '/indexes/definitions', { token: worker, body: body(prev, terms) });
    expect(past.status).toBe(422);
    expect(past.body.code).toBe('INDEX_PAST_MONTH');
    const unknown = await t.call<Untyped>('POST', '/indexes/definitions', {
      token: worker,
      body: body(month, [{ metric: 'no_such', weight: 1, low: 0, high: 1 }]),
    });
    expect(unknown.body.code).toBe('INDEX_UNKNOWN_METRIC');
    const onBranch = await t.call<Untyped>('POST', '/indexes/definitions', { token: worker, body: body(month, terms, tree.branchA.id) });
    expect(onBranch.body.code).toBe('INDEX_NOT_A_COMMITTEE');
    const bad = await t.call<Untyped>('POST', '/indexes/definitions', {
      token: worker,
      body: body(month, [{ metric: 'c1_monthly', weight: 0, low: 1, high: 1 }]),
    });
    expect(bad.status).toBe(400);

    const published = await t.call<Untyped>('POST', '/indexes/definitions', { token: worker, body: body(month, terms) });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({
      version: 1,
      isDefault: false,
      committeeName: '测试联合党委',
      effectiveMonth: month,
      formula: '得分 = 100 × (100% × 三会一课月度达标)',
    });
    const again = await t.call<Untyped>('POST', '/indexes/definitions', { token: worker, body: body(month, terms) });
    expect(again.body.version).toBe(2);

    await recompute(worker, prev);
    await recompute(worker);
    const before = await t.call<Untyped>('GET', `/indexes/orgs/${tree.branchA.id}/explain?month=${prev}&index=vitality`, { token: worker });
    expect(before.body.definition).toMatchObject({ isDefault: true, version: 1 });
    expect(before.body.score).toBe(0);
    const now = await t.call<Untyped>('GET', `/indexes/orgs/${tree.branchA.id}/explain?month=${month}&index=vitality`, { token: secA });
    expect(now.body).toMatchObject({ score: 100, previousScore: 0, definition: { version: 2, committeeId: tree.committee.id } });
    expect(now.body.changes).toEqual([
      { metric: 'c1_monthly', label: '三会一课月度达标', unit: '项', value: 2, previousValue: 0, contribution: 100, contributionDelta: 100 },
    ]);
    expect(now.body.summary).toBe(`${month.slice(0, 4)}年${month.slice(5)}月活力指数 100 分，比上月上升 100 分，主要因为“三会一课月度达标”加了 100 分`);

    const defs = await t.call<Untyped>('GET', `/indexes/definitions?committeeId=${tree.committee.id}`, { token: worker });
    expect(defs.body.current.find((d: Untyped) => d.indexKey === 'vitality')).toMatchObject({ version: 2, isDefault: false });
    expect(defs.body.history.some((d: Untyped) => d.indexKey === 'vitality' && d.version === 1 && !d.isDefault)).toBe(true);
  });

  it('a month not yet begun cannot be computed', async () => {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    const r = await recompute(worker, next);
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('INDEX_FUTURE_MONTH');
  });
});

import { chinaDate } from '@dangjian/shared';
import { createTestApp, type TestApp } from './utils/app.js';
import { devStep, nationalId } from './utils/development-fixtures.js';
import { beater, studyWorld } from './utils/study-fixtures.js';

type World = Awaited<ReturnType<typeof studyWorld>>;

/**
 * D11 (step 11, concentrated training ≥ 3 days or ≥ 24 学时) with the learning module: a development
 * target who is not a member studies a course the branch assigned to its candidates, under their own
 * account; their credited hours since they became a development target count toward the 24 学时 with
 * the hours the branch records; days are the alternative. Only the candidate's branch and committee see them.
 */
describe('development D11: study hours of the candidate account', () => {
  let t: TestApp;
  let w: World;
  let worker: { token: string };
  let candidate: { token: string; user: { id: string } };
  let recordId: string;
  let paperId: string;
  let today: string;
  const TEN_MIN = 10 * 60_000;

  /** A record of branch A moved straight to `vetted` (the steps before are development.e2e-spec's), a development target since `targetOn`. */
  async function vettedRecord(token: string, name: string, seq: number, targetOn: string) {
    const birth = '1999-05-06';
    const res = await t.call('POST', '/development', {
      token,
      body: { branchId: w.branchA.id, name, gender: 'female', birthDate: birth, nationalId: nationalId(birth, 'female', seq), appliedOn: '2024-01-02' },
    });
    if (res.status !== 201) throw new Error(`apply ${res.status} ${JSON.stringify(res.body)}`);
    await t.ds.query(`UPDATE development_record SET state = 'vetted', activist_on = '2024-02-01', target_on = $2, last_on = $2 WHERE id = $1`, [
      res.body.id,
      targetOn,
    ]);
    return res.body.id as string;
  }

  /** `n` heartbeats ten minutes apart on the article (a session start, then n × 10 minutes credited). */
  async function study(minutes: number) {
    const b = beater(t, w, candidate.token, `phone-${Math.random()}`);
    const first = await b.beat(w.article.id, 0);
    expect(first.status).toBe(200);
    for (let i = 0; i < minutes / 10; i++) {
      b.wait(TEN_MIN);
      const r = await b.beat(w.article.id, 0);
      if (r.status !== 200 || r.body.creditedS !== 600) throw new Error(`beat ${r.status} ${JSON.stringify(r.body)}`);
    }
    // The next study session starts after a pause longer than the session gap.
    b.wait(2 * TEN_MIN);
  }

  beforeAll(async () => {
    t = await createTestApp();
    w = await studyWorld(t);
    today = chinaDate(new Date(w.clock.nowMs()));
    worker = await w.fx.user({ displayName: '党委组织员', roles: [{ role: 'org_worker', orgId: w.committee.id }] });
    candidate = await w.fx.user({ displayName: '发展对象' });
    recordId = await vettedRecord(candidate.token, '周晓岚', 21, '2025-05-01');
    paperId = await vettedRecord(w.secA.token, '纸质申请人', 22, '2025-05-01');
  });
  afterAll(() => t.close());

  it('a candidate without a member row sees and studies only the courses assigned to their stage', async () => {
    // Not assigned yet: nothing listed, the course refused, no heartbeat recorded.
    expect((await t.call('GET', '/study/courses', { token: candidate.token })).body.items).toEqual([]);
    expect((await t.call('GET', `/study/courses/${w.course.id}`, { token: candidate.token })).status).toBe(403);
    expect((await beater(t, w, candidate.token).beat(w.article.id, 0)).status).toBe(403);

    // Branch B has no candidates: the assignment is refused and nothing is stored.
    const empty = await t.call('POST', '/study/assignments', {
      token: w.secB.token,
      body: { orgId: w.branchB.id, courseId: w.course.id, target: { kind: 'candidates', stages: ['target'] }, deadline: '2025-07-31' },
    });
    expect(empty.status).toBeGreaterThanOrEqual(400);
    expect(empty.status).toBeLessThan(500);

    const assigned = await t.call('POST', '/study/assignments', {
      token: w.secA.token,
      body: {
        orgId: w.branchA.id,
        courseId: w.course.id,
        target: { kind: 'candidates', stages: ['target'] },
        deadline: '2025-07-31',
        note: '发展对象集中培训',
      },
    });
    expect(assigned.status).toBe(201);
    // The paper applicant has no account to study with: only the candidate is reached.
    expect(assigned.body).toMatchObject({ memberCount: 1, target: { kind: 'candidates', stages: ['target'] }, counts: { not_started: 1 } });

    const list = await t.call('GET', '/study/courses', { token: candidate.token });
    expect(list.body.items.map((c: { id: string; requiredBy: string }) => [c.id, c.requiredBy])).toEqual([[w.course.id, '2025-07-31']]);
    expect((await t.call('GET', `/study/lessons/${w.article.id}`, { token: candidate.token })).status).toBe(200);
    // Members-only parts stay closed: no hours page of their own, no points.
    expect((await t.call('GET', '/study/hours', { token: candidate.token })).status).toBe(403);

    await study(18 * 60);
    const [rows] = await t.ds.query(`SELECT count(*)::int AS n, sum(credited_ms)::bigint AS ms FROM study_day WHERE user_id = $1`, [candidate.user.id]);
    expect([rows.n > 0, Number(rows.ms)]).toEqual([true, 18 * 3600_000]);
    expect((await t.ds.query(`SELECT count(*)::int AS n FROM points_entry sp WHERE sp.source_key LIKE $1`, [`%${candidate.user.id}%`]))[0].n).toBe(0);

    const detail = await t.call('GET', `/study/assignments/${assigned.body.id}`, { token: w.secA.token });
    expect(detail.body.members).toEqual([
      expect.objectContaining({ member: { id: candidate.user.id, name: '周晓岚' }, org: { id: w.branchA.id, name: w.branchA.name } }),
    ]);
    expect(detail.body.members[0].state).not.toBe('not_started');
  });

  it('counts the study hours since the person became a development target (已完成 18/24 学时)', async () => {
    // Study before the development-target stage does not count toward D11.
    await t.ds.query(`INSERT INTO study_day (user_id, day, credited_ms) VALUES ($1, '2025-04-30', $2)`, [candidate.user.id, 10 * 3600_000]);
    const mine = await t.call('GET', '/development/mine', { token: candidate.token });
    expect(mine.body[0].training).toEqual({
      since: '2025-05-01',
      studyS: 18 * 3600,
      totalS: 18 * 3600,
      requiredHours: 24,
      requiredDays: 3,
      met: false,
      text: '已完成 18/24 学时',
    });
    // The branch secretary and the committee see the same; nobody else.
    expect((await t.call('GET', `/development/${recordId}`, { token: w.secA.token })).body.training.text).toBe('已完成 18/24 学时');
    expect((await t.call('GET', `/development/${recordId}`, { token: worker.token })).body.training.text).toBe('已完成 18/24 学时');
    expect((await t.call('GET', `/development/${recordId}`, { token: w.secB.token })).status).toBe(403);
    expect((await t.call('GET', `/development/${recordId}`, { token: w.memberB.token })).status).toBe(403);
  });

  it('refuses step 11 below 24 学时 (D11) with the hours in plain Chinese, then accepts once study reaches it', async () => {
    const on = chinaDate(new Date(w.clock.nowMs()));
    const short = await devStep(t, worker.token, recordId, { action: 'train', on });
    expect([short.status, short.body.code, short.body.details.rule]).toEqual([422, 'DEV_RULE_VIOLATED', 'D11-training-3-days-or-24-hours']);
    expect(short.body.message).toContain('仅完成 18/24 学时（线上学习 18 学时）');
    // Recorded offline hours add up with online study: 18 + 5 = 23, still short.
    const withOffline = await devStep(t, worker.token, recordId, { action: 'train', on, trainingHours: 5 });
    expect(withOffline.body.details).toMatchObject({ rule: 'D11-training-3-days-or-24-hours', hours: 5, studyS: 18 * 3600 });
    expect(withOffline.body.message).toContain('仅完成 23/24 学时（线上学习 18 学时、线下培训记录 5 学时）');
    expect((await t.call('GET', `/development/${recordId}`, { token: w.secA.token })).body.state).toBe('vetted');

    // Another six hours of study (on the next days of the clock): 24 学时 from the learning module alone.
    await study(6 * 60);
    const onNow = chinaDate(new Date(w.clock.nowMs()));
    expect((await t.call('GET', `/development/${recordId}`, { token: candidate.token })).body.training).toMatchObject({ met: true, text: '已完成 24/24 学时' });
    const trained = await devStep(t, worker.token, recordId, { action: 'train', on: onNow });
    expect([trained.status, trained.body.state, trained.body.training]).toEqual([200, 'trained', null]);
    const [audit] = await t.ds.query(`SELECT details FROM audit_log WHERE object_id = $1 AND action LIKE '%train%' ORDER BY at DESC LIMIT 1`, [recordId]);
    expect(audit.details).toMatchObject({ studyS: 24 * 3600 });
  });

  it('days are the alternative: 3 days pass without hours, 2 days do not (a paper applicant has no study)', async () => {
    const two = await devStep(t, worker.token, paperId, { action: 'train', on: today, trainingDays: 2 });
    expect([two.status, two.body.details.rule]).toEqual([422, 'D11-training-3-days-or-24-hours']);
    expect(two.body.message).toContain('培训 2 天');
    const three = await devStep(t, worker.token, paperId, { action: 'train', on: today, trainingDays: 3 });
    expect([three.status, three.body.state]).toEqual([200, 'trained']);
  });

  it('only the committee acts at step 11, and only inside its subtree', async () => {
    const id = await vettedRecord(w.secA.token, '另一位', 23, '2025-05-01');
    const bySecB = await devStep(t, w.secB.token, id, { action: 'train', on: today, trainingDays: 3 });
    expect(bySecB.status).toBe(403);
    const byCandidate = await devStep(t, candidate.token, id, { action: 'train', on: today, trainingDays: 3 });
    expect(byCandidate.status).toBe(403);
  });
});

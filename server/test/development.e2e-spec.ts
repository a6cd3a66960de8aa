import { firstBillableMonth } from '@dangjian/shared';
import { createTestApp, type TestApp } from './utils/app.js';
import { devStep, nationalId, noon, v2Vote } from './utils/development-fixtures.js';
import { electionWorld, type ElectionWorld } from './utils/election-fixtures.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
function multipart(data: Buffer, name: string, type: string) {
  const boundary = '----dev' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * Member development (D, 25 steps) through the API on a driven clock: one applicant from the
 * application (2023) to full member and archive (2025), every time rule refused at its boundary on
 * the way, the V2 votes in the motions module, the member record at admission (M1, F4) and at
 * confirmation (M3); then access, the views, the forms and the overdue scan.
 */
describe('member development (D1–D25)', () => {
  let t: TestApp;
  let w: ElectionWorld;
  let worker: { token: string };
  let applicant: { token: string; user: { id: string } };
  let id: string;
  const birth = '1998-04-02';
  const nid = nationalId(birth, 'male', 7);

  beforeAll(async () => {
    t = await createTestApp();
    w = await electionWorld(t, { members: 10 });
    worker = await w.fx.user({ displayName: '党委组织员', roles: [{ role: 'org_worker', orgId: w.committee.id }] });
    applicant = w.noMember;
  });
  afterAll(() => t.close());

  const at = (day: string) => w.clock.set(noon(day));
  const sec = () => w.secA.token;
  const ok = async (token: string, body: Record<string, unknown>) => {
    const r = await devStep(t, token, id, body);
    if (r.status !== 200) throw new Error(`${String(body.action)}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const refused = async (token: string, body: Record<string, unknown>) => (await devStep(t, token, id, body)).body;

  it('walks one applicant through the 25 steps, refusing every D time rule at its boundary', async () => {
    // ---- Stage 1: application (D1) and talk within one month (D2)
    at('2023-03-01');
    const base = {
      branchId: w.branchA.id,
      name: '林小峰',
      gender: 'male',
      birthDate: birth,
      nationalId: nid,
      appliedOn: '2023-03-01',
      post: '研发工程师',
      backbone: true,
    };
    const young = await t.call('POST', '/development', {
      token: applicant.token,
      body: { ...base, birthDate: '2005-03-02', nationalId: nationalId('2005-03-02', 'male', 8) },
    });
    expect([young.status, young.body.code, young.body.details.rule]).toEqual([422, 'DEV_RULE_VIOLATED', 'D1-age']);
    expect(young.body.message).toContain('年满 18 周岁');
    const created = await t.call('POST', '/development', { token: applicant.token, body: base });
    expect(created.status).toBe(201);
    id = created.body.id;
    expect(created.body).toMatchObject({
      state: 'applied',
      stage: 'applicant',
      stepNo: 1,
      next: [{ action: 'talk', actor: 'branch' }],
      deadlines: [{ label: '派人谈话', due: '2023-04-01', overdue: false }],
    });
    // Never two open records for one person (a partial unique index).
    const twice = await t.call('POST', '/development', { token: w.secA.token, body: base });
    expect([twice.status, twice.body.code]).toEqual([409, 'DEV_OPEN_RECORD_EXISTS']);
    // Out of order, and not the applicant's to take.
    expect((await refused(sec(), { action: 'select_target', on: '2023-03-01', note: 'x' })).code).toBe('DEV_STEP_OUT_OF_ORDER');
    expect((await refused(applicant.token, { action: 'talk', on: '2023-03-01', note: '谈话' })).code).toBe('DEV_NOT_ACTOR');
    at('2023-04-05');
    const late = await refused(sec(), { action: 'talk', on: '2023-04-02', note: '谈话了解入党动机' });
    expect([late.code, late.details.rule, late.details.due]).toEqual(['DEV_RULE_VIOLATED', 'D2-talk-within-1-month', '2023-04-01']);
    expect((await refused(sec(), { action: 'talk', on: '2023-04-06', note: '谈话' })).details.rule).toBe('D-date-order');
    await ok(sec(), { action: 'talk', on: '2023-04-01', note: '谈话了解入党动机' });

    // ---- Stage 2: activist (D3–D6)
    at('2023-04-20');
    await ok(sec(), { action: 'select_activist', on: '2023-04-10', note: '支委会研究同意' });
    await ok(sec(), { action: 'file_activist', on: '2023-04-15' });
    const m = w.voters;
    const three = await refused(sec(), { action: 'assign_contacts', on: '2023-04-20', memberIds: [m[0]!.memberId, m[1]!.memberId, m[2]!.memberId] });
    expect(three.details.rule).toBe('D5-contacts-1-2');
    await ok(sec(), { action: 'assign_contacts', on: '2023-04-20', memberIds: [m[0]!.memberId] });
    at('2023-11-01');
    const board1 = await t.call('GET', `/development/board?orgId=${w.branchA.id}`, { token: sec() });
    expect(board1.body.stages.find((s: { stage: string }) => s.stage === 'activist').items[0]).toMatchObject({
      name: '林小峰',
      backbone: true,
      nextDue: '2023-10-10',
      overdue: true,
    });
    // The overdue half-yearly assessment raises an alert (the scan the hourly job runs).
    const scan = await t.call('POST', '/development/scan', { token: sec() });
    expect(scan.body.opened).toBeGreaterThanOrEqual(1);
    const alerts = await t.ds.query(`SELECT rule, due::text AS due FROM development_alert WHERE record_id = $1 AND resolved_at IS NULL`, [id]);
    expect(alerts).toEqual([{ rule: 'D6-assessment-6-months', due: '2023-10-10' }]);
    await ok(sec(), { action: 'assess', on: '2023-10-09', note: '表现良好' });
    await t.call('POST', '/development/scan', { token: sec() });
    expect(await t.ds.query(`SELECT 1 FROM development_alert WHERE record_id = $1 AND resolved_at IS NULL`, [id])).toEqual([]);
    at('2024-04-10');
    await ok(sec(), { action: 'assess', on: '2024-04-01', note: '表现良好' });

    // ---- Stage 3: development target (D7–D11). 2023-04-10 → 2024-04-09 is 365 days (2024 is a leap year): one day short.
    const early = await refused(sec(), { action: 'select_target', on: '2024-04-09', note: '支委会研究' });
    expect([early.details.rule, early.details.earliest]).toEqual(['D7-activist-1-year', '2024-04-10']);
    await ok(sec(), { action: 'select_target', on: '2024-04-10', note: '支委会研究同意列为发展对象' });
    at('2024-05-25');
    await ok(sec(), { action: 'file_target', on: '2024-04-15' });
    const probationarySponsor = await w.fx.member({ orgId: w.branchA.id, name: '预备甲', status: 'probationary' });
    expect((await refused(sec(), { action: 'assign_sponsors', on: '2024-04-20', memberIds: [m[0]!.memberId, probationarySponsor.id] })).details.rule).toBe(
      'D9-two-full-member-sponsors',
    );
    await ok(sec(), { action: 'assign_sponsors', on: '2024-04-20', memberIds: [m[0]!.memberId, m[1]!.memberId] });
    expect((await refused(sec(), { action: 'vet', on: '2024-05-10', passed: true })).code).toBe('DEV_RULE_VIOLATED');
    await ok(sec(), { action: 'vet', on: '2024-05-10', passed: true, note: '政治审查合格' });
    expect((await refused(worker.token, { action: 'train', on: '2024-05-20', trainingDays: 2, trainingHours: 20 })).details.rule).toBe(
      'D11-training-3-days-or-24-hours',
    );
    await ok(worker.token, { action: 'train', on: '2024-05-20', trainingDays: 2, trainingHours: 24 });

    // ---- Stage 4: admission (D12–D18). 公示 over 国庆 2024: 27 Sep – 4 Oct has 3 working days (29 Sep is a 调休 Sunday).
    at('2024-10-12');
    const notice = await refused(sec(), { action: 'committee_review', on: '2024-09-27', noticeFrom: '2024-09-27', noticeTo: '2024-10-04' });
    expect([notice.details.rule, notice.details.workingDays, notice.details.earliestEnd]).toEqual(['D12-public-notice-working-days', 3, '2024-10-09']);
    await ok(sec(), { action: 'committee_review', on: '2024-09-27', noticeFrom: '2024-09-27', noticeTo: '2024-10-09', note: '支委会审查同意，公示无异议' });
    await ok(worker.token, { action: 'pre_review', on: '2024-10-10', passed: true });
    // The applicant fills in the 入党志愿书 and attaches the scan (stored through the storage module).
    const up = await t.call('POST', '/development/files', { token: applicant.token, ...multipart(PDF, '入党志愿书.pdf', 'application/pdf') });
    expect(up.status).toBe(201);
    const badType = await t.call('POST', '/development/files', { token: applicant.token, ...multipart(Buffer.from('hello'), 'x.txt', 'text/plain') });
    expect(badType.body.code).toBe('DEV_FILE_INVALID');
    const othersFile = await refused(sec(), { action: 'fill_form', on: '2024-10-12', fileIds: [up.body.id] });
    expect(othersFile.code).toBe('DEV_FILE_INVALID');
    await ok(applicant.token, { action: 'fill_form', on: '2024-10-12', fileIds: [up.body.id] });
    // D15: a V2 admission vote in the motions module (written opinions counted), one applicant per vote.
    const wrongName = await v2Vote(
      t,
      w,
      '2024-10-15',
      { kind: 'admission', title: '接收某某同志为预备党员', applicant: { name: '某某' } },
      m,
      Array(10).fill('for'),
    );
    expect((await refused(sec(), { action: 'branch_vote', on: '2024-10-15', motionId: wrongName.id })).details.rule).toBe('D15-V2-admission-vote');
    const admission = await v2Vote(
      t,
      w,
      '2024-10-15',
      { kind: 'admission', title: '接收林小峰同志为预备党员', applicant: { name: '林小峰' } },
      m,
      Array(10).fill('for'),
    );
    expect(admission.passed).toBe(true);
    const resolved = await ok(sec(), { action: 'branch_vote', on: '2024-10-15', motionId: admission.id });
    expect(resolved).toMatchObject({ state: 'resolved', resolvedOn: '2024-10-15', probationEndsOn: '2025-10-15' });
    at('2025-01-20');
    await ok(worker.token, { action: 'higher_talk', on: '2024-10-20', note: '党委派人谈话' });
    // O7 / higher: the branch itself cannot approve; D17: beyond 3 months needs a reason.
    expect((await refused(worker.token, { action: 'approve', on: '2025-01-10', passed: true, approverOrgId: w.branchA.id })).details.rule).toBe('O7-approver');
    expect((await refused(sec(), { action: 'approve', on: '2025-01-10', passed: true, approverOrgId: w.committee.id })).code).toBe('DEV_NOT_ACTOR');
    const lateApproval = await refused(worker.token, { action: 'approve', on: '2025-01-16', passed: true, approverOrgId: w.committee.id });
    expect([lateApproval.details.rule, lateApproval.message]).toEqual(['D17-approval-3-months', expect.stringContaining('须写明特殊原因')]);
    const admitted = await ok(worker.token, { action: 'approve', on: '2025-01-10', passed: true, approverOrgId: w.committee.id, note: '党委会审批同意' });
    expect(admitted).toMatchObject({ state: 'admitted', stage: 'probationary' });
    // M1: the member record, probationary, 入党时间 the day of the resolution; F4 fees start in that month.
    const member = await t.call('GET', `/members/${admitted.memberId}`, { token: sec() });
    expect(member.body).toMatchObject({
      name: '林小峰',
      status: 'probationary',
      joinDate: '2024-10-15',
      fullMemberDate: null,
      partyYears: null,
      orgId: w.branchA.id,
    });
    expect(firstBillableMonth(member.body.joinDate)).toBe('2024-10');
    await ok(worker.token, { action: 'file_admission', on: '2025-01-15' });

    // ---- Stage 5: probation (D19–D25)
    await ok(sec(), { action: 'place', on: '2025-01-18' });
    await ok(sec(), { action: 'oath', on: '2025-01-20', note: '七一前集体宣誓' });
    at('2025-10-01');
    const report = await t.call('POST', '/development/files', { token: sec(), ...multipart(PDF, '思想汇报.pdf', 'application/pdf') });
    await ok(sec(), { action: 'educate', on: '2025-04-01', fileIds: [report.body.id] });
    await ok(applicant.token, { action: 'apply_confirmation', on: '2025-10-01' });
    // D19/D23: the confirmation vote waits for the end of probation (one year from the resolution).
    const memberId = admitted.memberId as string;
    const tooEarly = await v2Vote(
      t,
      w,
      '2025-10-14',
      { kind: 'confirmation', title: '关于林小峰同志按期转正', applicant: { memberId } },
      m,
      Array(10).fill('for'),
    );
    expect((await refused(sec(), { action: 'confirmation_vote', on: '2025-10-14', motionId: tooEarly.id, outcome: 'confirm' })).details.rule).toBe(
      'D19-probation-1-year',
    );
    const confirmation = await v2Vote(
      t,
      w,
      '2025-10-15',
      { kind: 'confirmation', title: '关于林小峰同志按期转正', applicant: { memberId } },
      m,
      Array(10).fill('for'),
    );
    await ok(sec(), { action: 'confirmation_vote', on: '2025-10-15', motionId: confirmation.id, outcome: 'confirm' });
    at('2025-11-01');
    const full = await ok(worker.token, { action: 'approve_confirmation', on: '2025-11-01', passed: true, approverOrgId: w.committee.id });
    expect(full).toMatchObject({ state: 'full_member', stage: 'full' });
    // M3: 党龄 from the end of probation.
    const after = await t.call('GET', `/members/${memberId}`, { token: sec() });
    expect(after.body).toMatchObject({ status: 'full', fullMemberDate: '2025-10-15' });
    at('2025-11-10');
    const archived = await ok(sec(), { action: 'archive', on: '2025-11-10' });
    expect(archived.state).toBe('archived');
    expect(archived.steps.map((s: { stepNo: number }) => s.stepNo)).toEqual([
      1, 2, 3, 4, 5, 6, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
    ]);
    // Archived: a new application of the same person is possible again (only open records are unique).
    expect(
      await t.ds.query(`SELECT count(*)::int AS n FROM development_record WHERE person_key = (SELECT person_key FROM development_record WHERE id = $1)`, [id]),
    ).toEqual([{ n: 1 }]);
  });

  it('access: a branch sees only its applicants; the applicant sees their own', async () => {
    const mine = await t.call('GET', '/development/mine', { token: applicant.token });
    expect(mine.body.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await t.call('GET', `/development/${id}`, { token: w.secB.token })).status).toBe(403);
    expect((await t.call('GET', `/development/${id}`, { token: w.memberB.token })).status).toBe(403);
    expect((await t.call('GET', `/development/board?orgId=${w.branchA.id}`, { token: w.secB.token })).status).toBe(403);
    const boardB = await t.call('GET', `/development/board?orgId=${w.branchB.id}`, { token: w.secB.token });
    expect(boardB.body.stages.flatMap((s: { items: unknown[] }) => s.items)).toEqual([]);
    expect((await devStep(t, w.secB.token, id, { action: 'close', on: '2025-11-10', note: '越权' })).status).toBe(403);
    expect((await t.call('GET', `/development/${id}/forms/record`, { token: w.secB.token })).status).toBe(403);
  });

  it('the committee: counts per branch and enterprise, plan against target, .xlsx, forms as PDF', async () => {
    at('2025-11-20');
    const b = await t.call('POST', '/development', {
      token: w.secB.token,
      body: {
        branchId: w.branchB.id,
        name: '赵晓雨',
        gender: 'female',
        birthDate: '2000-01-05',
        nationalId: nationalId('2000-01-05', 'female', 9),
        appliedOn: '2025-11-01',
      },
    });
    expect(b.status).toBe(201);
    expect((await t.call('PUT', '/development/plans', { token: worker.token, body: { orgId: w.committee.id, year: 2025, target: 30 } })).status).toBe(204);
    const stats = await t.call('GET', `/development/stats?orgId=${w.committee.id}&year=2025`, { token: worker.token });
    expect(stats.status).toBe(200);
    expect(stats.body.byBranch).toEqual([
      expect.objectContaining({ org: { id: w.branchB.id, name: w.branchB.name }, counts: { applicant: 1, activist: 0, target: 0, probationary: 0, full: 0 } }),
    ]);
    expect(stats.body.plan).toEqual({ target: 30, admitted: 0, backboneAdmitted: 0 });
    const s2024 = await t.call('GET', `/development/stats?orgId=${w.committee.id}&year=2024`, { token: worker.token });
    expect(s2024.body.plan).toMatchObject({ admitted: 1, backboneAdmitted: 1 });
    const xlsx = await t.call('GET', `/development/stats/export?orgId=${w.committee.id}&year=2025`, { token: worker.token });
    expect([xlsx.status, String(xlsx.headers['content-type'])]).toEqual([200, expect.stringContaining('spreadsheetml')]);
    expect(xlsx.raw.subarray(0, 2).toString()).toBe('PK');
    const pdf = await t.call('GET', `/development/${id}/forms/record`, { token: w.secA.token });
    expect([pdf.status, pdf.raw.subarray(0, 5).toString()]).toEqual([200, '%PDF-']);
    expect((await t.call('GET', `/development/${id}/forms/assessment`, { token: applicant.token })).status).toBe(200);
  });
});

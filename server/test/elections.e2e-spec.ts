import { canonicalRecordText, recordDigest } from '@dangjian/shared';
import { createTestApp, type TestApp } from './utils/app.js';
import type { Untyped } from './utils/app.js';
import {
  candidatesOf,
  checkIn,
  closeAndCount,
  electionWorld,
  intro,
  runToOpen,
  signAll,
  step,
  vote,
  type ElectionWorld,
  type Person,
} from './utils/election-fixtures.js';
import { createMeeting, HOUR, MIN } from './utils/meeting-fixtures.js';

/**
 * Elections through the API, step by step as the meeting runs them (E14), with the rules at their
 * boundaries: E1, E2, E3, E4, E5, E7, E8, E9, E10 (both bases), E11 (run-off), E12 (shortfall:
 * fewer seats or 另行选举), E13, and the higher approval of a secretary.
 */
describe('elections (E1–E14)', () => {
  let t: TestApp;
  let w: ElectionWorld;
  let V: Person[];

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: 'https://dj.example.cn' });
    w = await electionWorld(t, { members: 10 });
    V = w.voters;
    // Branch A: the secretary + 10 members = 11 full members (应到会). 10 check in.
    await checkIn(t, w, V);
  });
  afterAll(() => t.close());

  const create = async (body: Record<string, unknown>, token = w.secA.token) =>
    t.call('POST', '/elections', { token, body: { meetingId: w.meetingId, ...body } });
  const createOk = async (body: Record<string, unknown>) => {
    const r = await create(body);
    if (r.status !== 201) throw new Error(`create: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const cand = (e: Untyped, name: string) => e.candidates.find((c: Untyped) => c.name === name).id as string;
  const marks = (e: Untyped, m: Record<string, 'for' | 'against' | 'abstain'>) =>
    Object.fromEntries(Object.entries(m).map(([name, mark]) => [cand(e, name), mark]));

  it('a committee election from set-up to announcement, exactly as E14 orders it', async () => {
    const [A, B, C, D] = V as [Person, Person, Person, Person];
    const scrutineers = [V[8]!, V[9]!];
    const created = await createOk({ kind: 'committee', seats: 3, candidates: candidatesOf([C, A, D, B]), rulesText: '选举办法（草案）' });
    expect(created).toMatchObject({
      state: 'draft',
      kind: 'committee',
      seats: 3,
      candidateMode: 'competitive',
      ruleSet: '2020-v1',
      majorityBase: 'required',
      canManage: true,
    });
    // E5: 丁(2) 王(4) 李(7, 起笔横) 张(7, 起笔折).
    expect(created.candidates.map((c: Untyped) => [c.name, c.surnameStrokes, c.order])).toEqual([
      ['丁一', 2, 1],
      ['王二', 4, 2],
      ['李四', 7, 3],
      ['张三', 7, 4],
    ]);
    expect(created.candidates[0].introduction).toBe(intro('丁一'));
    expect(created.allowedActions).toEqual(['report_attendance', 'cancel']);

    // E3 before opening: 11 应到会, 10 present, at least 9 needed.
    const roll = await t.call('GET', `/elections/${created.id}/roll`, { token: w.secA.token });
    expect(roll.body).toMatchObject({ eligible: 11, excluded: 0, required: 11, present: 10, quorum: { rule: 'E3', minimum: 9, met: true } });

    const open = await runToOpen(t, w, created.id, scrutineers, 10);
    expect(open.state).toBe('voting_open');
    expect(open.attendance).toMatchObject({ required: 11, present: 10 });
    expect(open.rulesAdoption).toMatchObject({ vote: { for: 10 }, present: 10, passed: true });
    expect(open.scrutineers.map((s: Untyped) => [s.name, s.role])).toEqual([
      ['吴九', 'chief'],
      ['郑十', 'scrutineer'],
    ]);
    expect(open.rounds).toHaveLength(1);
    expect(open.rounds[0]).toMatchObject({ number: 1, kind: 'regular', state: 'open', seats: 3, required: 11, presentAtOpen: 10, tally: null });
    expect(open.rounds[0].candidateIds).toEqual(open.candidates.map((c: Untyped) => c.id));

    // The screen: turnout only.
    const screen0 = await t.call('GET', `/elections/${created.id}/screen`, { token: w.secA.token });
    expect(screen0.body).toMatchObject({ kind: 'election', state: 'voting_open', required: 11, present: 10, voted: 0, electionTally: null });

    const path = `/elections/${created.id}`;
    const e = open;
    const receipts: string[] = [];
    const cast = async (p: Person, ballot: Parameters<typeof vote>[4]) => {
      const r = await vote(t, w, p, path, ballot);
      expect(r.status).toBe(200);
      expect(r.body.receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
      receipts.push(r.body.receipt);
      return r;
    };
    // Six: 丁 王 张 for, 李 against.
    for (const p of V.slice(0, 6)) await cast(p, { marks: marks(e, { 丁一: 'for', 王二: 'for', 张三: 'for', 李四: 'against' }) });
    // E7: a write-in next to 弃权 is refused, and nothing is stored: the voter can still vote.
    const refused = await vote(t, w, V[6]!, path, { marks: marks(e, { 张三: 'abstain' }), writeIns: [{ replaces: cand(e, '张三'), name: '孙七' }] });
    expect([refused.status, refused.body.code]).toEqual([422, 'BALLOT_FORM_INVALID']);
    expect(refused.body.details.problems[0]).toMatchObject({ code: 'write_in_not_against', mark: 'abstain' });
    // One: 丁 王 for, 张 against with a write-in (另选他人), 李 left unmarked (弃权).
    await cast(V[6]!, { marks: marks(e, { 丁一: 'for', 王二: 'for', 张三: 'against' }), writeIns: [{ replaces: cand(e, '张三'), name: '孙七' }] });
    await cast(V[7]!, { marks: marks(e, { 丁一: 'for', 李四: 'for', 王二: 'abstain', 张三: 'abstain' }) });
    // E8: four 赞成 for three seats: accepted, counted as invalid.
    await cast(V[8]!, { marks: marks(e, { 丁一: 'for', 王二: 'for', 张三: 'for', 李四: 'for' }) });
    await cast(V[9]!, { marks: marks(e, { 丁一: 'against', 王二: 'against', 张三: 'against', 李四: 'against' }) });

    const screen1 = await t.call('GET', `/elections/${created.id}/screen`, { token: w.secA.token });
    expect(screen1.body).toMatchObject({ voted: 10, present: 10, electionTally: null });
    // No partial results before counting, anywhere.
    const during = await t.call('GET', `/elections/${created.id}`, { token: w.secA.token });
    expect(during.body.rounds[0].tally).toBeNull();

    await step(t, w.secA.token, created.id, 'close-voting');
    // The record is not published before counting.
    const early = await t.call('GET', `/ballots/boxes/${open.rounds[0].boxId}/record`, { token: V[0]!.token });
    expect([early.status, early.body.code]).toEqual([409, 'BALLOT_RECORD_NOT_PUBLISHED']);
    const verified = await step(t, w.secA.token, created.id, 'verify-ballots');
    expect(verified.rounds[0]).toMatchObject({ issued: 10, collected: 10, state: 'closed' });
    const counted = await step(t, w.secA.token, created.id, 'count');
    const tally = counted.rounds[0].tally;
    expect(tally).toMatchObject({
      void: false,
      issued: 10,
      collected: 10,
      valid: 9,
      invalid: 1,
      majorityBase: 'required',
      base: 11,
      threshold: 6,
      seats: 3,
      shortfall: 0,
      runoff: null,
    });
    // Base 应到会 11: more than 5.5 needed. 丁 8, 王 7, 张 6 pass; 李 1 does not. The invalid ballot counts for nobody.
    expect(tally.rows.map((r: Untyped) => [r.name, r.for, r.against, r.abstain, r.passed, r.outcome])).toEqual([
      ['丁一', 8, 1, 0, true, 'elected'],
      ['王二', 7, 1, 1, true, 'elected'],
      ['李四', 1, 7, 1, false, 'not_elected'],
      ['张三', 6, 2, 1, true, 'elected'],
      ['孙七', 1, 0, 0, false, 'not_elected'],
    ]);

    // The published record: every receipt (sorted) and, separately, every ballot; its digest recomputes.
    const record = await t.call('GET', `/ballots/boxes/${open.rounds[0].boxId}/record`, { token: V[3]!.token });
    expect(record.status).toBe(200);
    expect(record.body.receipts).toEqual([...receipts].sort());
    expect(record.body).toMatchObject({ issued: 10, collected: 10, valid: 9, invalid: 1, round: 1, kind: 'election' });
    expect(record.body.ballots).toHaveLength(10);
    // The candidates in ballot order, with names, so the ballots read like the ballot.
    expect(record.body.candidates.map((c: { id: string }) => c.id)).toEqual(open.rounds[0].candidateIds);
    expect(record.body.candidates.every((c: { name: string }) => c.name.length > 0)).toBe(true);
    expect(record.body.digest).toBe(
      recordDigest(canonicalRecordText({ boxId: record.body.boxId, receipts: record.body.receipts, ballots: record.body.ballots })),
    );
    expect(counted.rounds[0].digest).toBe(record.body.digest);
    const check = await t.call('GET', `/ballots/boxes/${open.rounds[0].boxId}/receipts/${receipts[3]!.toLowerCase()}`, { token: V[3]!.token });
    expect(check.body).toMatchObject({ included: true, counted: true });
    const missing = await t.call('GET', `/ballots/boxes/${open.rounds[0].boxId}/receipts/AAAAA-AAAAA`, { token: V[3]!.token });
    expect(missing.body.included).toBe(false);

    // E13: only scrutineers sign, and only the digest that was published.
    const notScrutineer = await t.call('POST', `/elections/${created.id}/steps/sign`, { token: V[0]!.token, body: { digest: record.body.digest } });
    expect([notScrutineer.status, notScrutineer.body.code]).toEqual([403, 'ELECTION_NOT_A_SCRUTINEER']);
    const wrong = await t.call('POST', `/elections/${created.id}/steps/sign`, { token: V[8]!.token, body: { digest: '0'.repeat(64) } });
    expect([wrong.status, wrong.body.code]).toEqual([409, 'ELECTION_DIGEST_MISMATCH']);
    const tooEarly = await t.call('POST', `/elections/${created.id}/steps/announce`, { token: w.secA.token });
    expect([tooEarly.status, tooEarly.body.code]).toEqual([409, 'VOTE_STEP_OUT_OF_ORDER']);
    const mine = await t.call('GET', `/elections/${created.id}`, { token: V[8]!.token });
    expect(mine.body).toMatchObject({ canSign: true, canManage: false, allowedActions: ['sign'] });
    const first = await step(t, V[8]!.token, created.id, 'sign', { digest: record.body.digest });
    expect(first.state).toBe('counted');
    const twice = await t.call('POST', `/elections/${created.id}/steps/sign`, { token: V[8]!.token, body: { digest: record.body.digest } });
    expect([twice.status, twice.body.code]).toEqual([409, 'ELECTION_ALREADY_SIGNED']);
    const signed = await step(t, V[9]!.token, created.id, 'sign', { digest: record.body.digest });
    expect(signed.state).toBe('signed');
    expect(signed.rounds[0].signatures.map((s: Untyped) => [s.name, s.role, s.digest])).toEqual([
      ['吴九', 'chief', record.body.digest],
      ['郑十', 'scrutineer', record.body.digest],
    ]);

    const done = await step(t, w.secA.token, created.id, 'announce');
    expect(done.state).toBe('completed');
    expect(done.elected.map((x: Untyped) => x.name)).toEqual(['丁一', '王二', '张三']);
    expect(done.candidates.map((c: Untyped) => [c.name, c.status])).toEqual([
      ['丁一', 'elected'],
      ['王二', 'elected'],
      ['李四', 'not_elected'],
      ['张三', 'elected'],
    ]);
    expect(done.allowedActions).toEqual([]);

    const after = await t.call('GET', `/elections/${created.id}/screen`, { token: w.secA.token });
    expect(after.body.electionTally.elected).toHaveLength(3);

    // The result sheet and the printable page.
    const xlsx = await t.call('GET', `/elections/${created.id}/result.xlsx`, { token: w.secA.token });
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
    expect(xlsx.raw.subarray(0, 2).toString()).toBe('PK');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
    const cells = wb.worksheets[0]!.getSheetValues().flat().map(String).join('|');
    for (const s of ['发出选票', '收回选票', '有效票', '无效票', '丁一', '吴九', record.body.digest]) expect(cells).toContain(s);
    const html = await t.call('GET', `/elections/${created.id}/result.html?access_token=${w.secA.token}`, {});
    expect(html.status).toBe(200);
    expect(String(html.headers['content-type'])).toContain('text/html');
    for (const s of ['计票结果报告单', '发出选票', '无效票', '总监票人', '吴九', '郑十', record.body.digest, '丁一']) expect(html.body).toContain(s);

    // The committee election's winners now form the electorate of the secretary election (E14).
    const secretary = await createOk({
      kind: 'secretary',
      seats: 1,
      electorate: 'committee_election',
      committeeElectionId: created.id,
      candidates: candidatesOf([A]),
    });
    expect(secretary).toMatchObject({ candidateMode: 'equal', electorate: 'committee_election' });
    const notElected = await create({
      kind: 'secretary',
      seats: 1,
      electorate: 'committee_election',
      committeeElectionId: created.id,
      candidates: candidatesOf([D]),
    });
    expect([notElected.status, notElected.body.code]).toEqual([422, 'ELECTION_CANDIDATE_INELIGIBLE']);
    const roll2 = await t.call('GET', `/elections/${secretary.id}/roll`, { token: w.secA.token });
    expect(roll2.body).toMatchObject({ required: 3, present: 3, quorum: { met: true } });
    expect(roll2.body.members.find((m: Untyped) => m.name === '李四')).toMatchObject({ eligible: false, ineligibleReason: 'not_on_committee' });
  });

  it('E3: reporting attendance and opening are refused without more than 4/5 present (11 → 9)', async () => {
    const m2 = await createMeeting(t, w, {
      startsAt: new Date(w.clock.nowMs() - MIN).toISOString(),
      endsAt: new Date(w.clock.nowMs() + 2 * HOUR).toISOString(),
    });
    await checkIn(t, w, V.slice(0, 8), m2.id);
    const e = (
      await t.call('POST', '/elections', {
        token: w.secA.token,
        body: { meetingId: m2.id, kind: 'committee', seats: 1, candidates: candidatesOf([V[0]!, V[1]!]) },
      })
    ).body;
    const roll = await t.call('GET', `/elections/${e.id}/roll`, { token: w.secA.token });
    expect(roll.body.quorum).toMatchObject({ required: 11, present: 8, minimum: 9, met: false });
    const refused = await t.call('POST', `/elections/${e.id}/steps/report-attendance`, { token: w.secA.token });
    expect([refused.status, refused.body.code, refused.body.details.rule]).toEqual([422, 'VOTE_QUORUM_NOT_MET', 'E3']);
    await checkIn(t, w, [V[8]!], m2.id);
    const ok = await step(t, w.secA.token, e.id, 'report-attendance');
    expect(ok.attendance).toMatchObject({ required: 11, present: 9 });
  });

  it('E10: the base is a rule-set parameter — 5 of 9 present passes on 实到会 (1990) but not on 应到会 11 (2020)', async () => {
    const m3 = await createMeeting(t, w, {
      startsAt: new Date(w.clock.nowMs() - MIN).toISOString(),
      endsAt: new Date(w.clock.nowMs() + 2 * HOUR).toISOString(),
    });
    const present = V.slice(0, 9);
    await checkIn(t, w, present, m3.id);
    const results: Untyped[] = [];
    for (const ruleSet of ['2020-v1', '1990-v1']) {
      const e = (
        await t.call('POST', '/elections', {
          token: w.secA.token,
          body: { meetingId: m3.id, ruleSet, kind: 'committee', seats: 1, candidates: candidatesOf([V[0]!, V[1]!]) },
        })
      ).body;
      const world = { ...w, meetingId: m3.id };
      await runToOpen(t, world, e.id, [V[8]!], 9);
      for (const [i, p] of present.entries()) {
        const r = await vote(t, world, p, `/elections/${e.id}`, {
          marks: { [cand(e, '丁一')]: i < 5 ? 'for' : 'against', [cand(e, '王二')]: i < 5 ? 'against' : 'for' },
        });
        expect(r.status).toBe(200);
      }
      await closeAndCount(t, world, e.id);
      await signAll(t, e.id, [V[8]!]);
      results.push(await step(t, w.secA.token, e.id, 'announce'));
    }
    const [y2020, y1990] = results;
    expect(y2020.majorityBase).toBe('required');
    expect(y2020.rounds[0].tally).toMatchObject({ base: 11, threshold: 6, elected: [], shortfall: 1 });
    expect(y2020.state).toBe('shortfall');
    expect(y1990.majorityBase).toBe('present');
    expect(y1990.rounds[0].tally).toMatchObject({ base: 9, threshold: 5, shortfall: 0 });
    expect(y1990.elected.map((x: Untyped) => x.name)).toEqual(['丁一']);
    expect(y1990.state).toBe('completed');
    // E12: the shortfall is never filled from below the threshold; end with fewer seats needs a majority's consent.
    const none = await t.call('POST', `/elections/${y2020.id}/steps/reduce-seats`, {
      token: w.secA.token,
      body: { consent: { for: 9, against: 0, abstain: 0 } },
    });
    expect([none.status, none.body.code]).toEqual([422, 'ELECTION_SEATS_NOT_REDUCIBLE']);
  });

  it('E11: a tie at the cut-off goes to a run-off among the tied only; the run-off ranks by votes', async () => {
    const e = await createOk({ kind: 'committee', seats: 2, candidates: candidatesOf([V[0]!, V[1]!, V[2]!]) });
    await runToOpen(t, w, e.id, [V[9]!], 10);
    const path = `/elections/${e.id}`;
    const plan = [
      ['丁一', '王二'],
      ['丁一', '王二'],
      ['丁一', '王二'],
      ['丁一', '张三'],
      ['丁一', '张三'],
      ['丁一', '张三'],
      ['王二', '张三'],
      ['王二', '张三'],
      ['王二', '张三'],
      ['丁一'],
    ];
    for (const [i, yes] of plan.entries()) {
      const r = await vote(t, w, V[i]!, path, {
        marks: Object.fromEntries(['丁一', '王二', '张三'].map((n) => [cand(e, n), yes.includes(n) ? 'for' : 'against'])),
      });
      expect(r.status).toBe(200);
    }
    const staleCode = (await t.call('GET', `${path}/ballot-code`, { token: w.secA.token })).body.token;
    await closeAndCount(t, w, e.id);
    await signAll(t, e.id, [V[9]!]);
    const announced = await step(t, w.secA.token, e.id, 'announce');
    // 丁 7 elected; 王 6 and 张 6 tie for the last seat: no lottery, a run-off between them only.
    expect(announced.state).toBe('runoff_required');
    expect(announced.rounds[0].tally.runoff).toMatchObject({ seats: 1 });
    expect(announced.candidates.map((c: Untyped) => [c.name, c.status])).toEqual([
      ['丁一', 'elected'],
      ['王二', 'runoff'],
      ['张三', 'runoff'],
    ]);
    const runoff = await step(t, w.secA.token, e.id, 'start-runoff');
    expect(runoff.state).toBe('scrutineers_approved');
    expect(runoff.rounds[1]).toMatchObject({ number: 2, kind: 'runoff', seats: 1, state: 'ready' });
    expect(runoff.rounds[1].candidateIds).toEqual([cand(e, '王二'), cand(e, '张三')]);
    // A code of the first round, scanned now, says a new round has started (not "not voting time").
    const stale = await t.call('POST', '/ballots/open', { token: V[9]!.token, body: { token: staleCode } });
    expect([stale.status, stale.body.code, stale.body.details]).toEqual([409, 'BALLOT_VOTING_CLOSED', { newRound: true }]);
    expect(stale.body.message).toContain('新一轮投票已经开始');
    await step(t, w.secA.token, e.id, 'open-voting');
    // The run-off ballot lists the tied only and takes no write-ins.
    const opened = await t.call('POST', '/ballots/open', {
      token: V[0]!.token,
      body: { token: (await t.call('GET', `${path}/ballot-code`, { token: w.secA.token })).body.token },
    });
    expect(opened.body.election).toMatchObject({ round: 2, roundKind: 'runoff', seats: 1, writeInsAllowed: false });
    expect(opened.body.election.candidates.map((c: Untyped) => c.name)).toEqual(['王二', '张三']);
    const writeIn = await t.call('POST', '/ballots/cast', {
      token: V[0]!.token,
      body: { pass: opened.body.pass, marks: [{ candidateId: cand(e, '王二'), mark: 'against' }], writeIns: [{ replaces: cand(e, '王二'), name: '孙七' }] },
    });
    expect(writeIn.body.details.problems[0].code).toBe('write_in_not_allowed');
    for (const [i, p] of V.entries()) {
      const r = await vote(t, w, p, path, { marks: { [cand(e, '王二')]: i < 6 ? 'for' : 'against', [cand(e, '张三')]: i < 6 ? 'against' : 'for' } });
      expect(r.status).toBe(200);
    }
    await closeAndCount(t, w, e.id);
    await signAll(t, e.id, [V[9]!]);
    const done = await step(t, w.secA.token, e.id, 'announce');
    expect(done.rounds[1].tally).toMatchObject({ plurality: true, elected: [`c:${cand(e, '王二')}`] });
    expect(done.state).toBe('completed');
    expect(done.elected.map((x: Untyped) => [x.name, x.round])).toEqual([
      ['丁一', 1],
      ['王二', 2],
    ]);
  });

  it('E12: a shortfall offers 另行选举 (E4 again, only the shortfall) or fewer seats with a majority of the voters', async () => {
    const run = async (e: Untyped, yes: (i: number) => string[]) => {
      for (const [i, p] of V.entries()) {
        const names = e.rounds[e.rounds.length - 1].candidateIds.map((id: string) => e.candidates.find((c: Untyped) => c.id === id).name);
        const r = await vote(t, w, p, `/elections/${e.id}`, {
          marks: Object.fromEntries(names.map((n: string) => [cand(e, n), yes(i).includes(n) ? 'for' : 'against'])),
        });
        expect(r.status).toBe(200);
      }
      await closeAndCount(t, w, e.id);
      await signAll(t, e.id, [V[9]!]);
      return step(t, w.secA.token, e.id, 'announce');
    };
    // 丁 8, 王 5, 张 4 of 应到会 11: only 丁 passes; one seat short.
    const votes = (i: number) => (i < 5 ? ['丁一', '王二'] : i < 8 ? ['丁一', '张三'] : i === 8 ? ['张三'] : []);
    const a = await createOk({ kind: 'committee', seats: 2, candidates: candidatesOf([V[0]!, V[1]!, V[2]!]) });
    let e = await runToOpen(t, w, a.id, [V[9]!], 10);
    e = await run(e, votes);
    expect(e.state).toBe('shortfall');
    expect(e.rounds[0].tally).toMatchObject({ shortfall: 1, elected: [`c:${cand(e, '丁一')}`] });
    expect(e.allowedActions.sort()).toEqual(['reduce_seats', 'start_additional']);
    const half = await t.call('POST', `/elections/${a.id}/steps/reduce-seats`, { token: w.secA.token, body: { consent: { for: 5, against: 5, abstain: 0 } } });
    expect([half.status, half.body.code]).toEqual([422, 'VOTE_RECORDED_VOTE_NOT_PASSED']);
    const reduced = await step(t, w.secA.token, a.id, 'reduce-seats', { consent: { for: 6, against: 3, abstain: 1 } });
    expect(reduced).toMatchObject({ state: 'completed', seats: 1, originalSeats: 2, seatReduction: { from: 2, to: 1, present: 10, passed: true } });

    const b = await createOk({ kind: 'committee', seats: 2, candidates: candidatesOf([V[0]!, V[1]!, V[2]!]) });
    e = await runToOpen(t, w, b.id, [V[9]!], 10);
    e = await run(e, votes);
    expect(e.state).toBe('shortfall');
    // 另行选举 for 1 seat: 差额 needs 2 candidates; an elected member cannot stand again; scrutineers cannot stand.
    const one = await t.call('POST', `/elections/${b.id}/steps/start-additional`, { token: w.secA.token, body: { candidates: candidatesOf([V[1]!]) } });
    expect([one.status, one.body.code]).toEqual([422, 'ELECTION_CANDIDATE_COUNT']);
    const again = await t.call('POST', `/elections/${b.id}/steps/start-additional`, {
      token: w.secA.token,
      body: { candidates: candidatesOf([V[0]!, V[3]!]) },
    });
    expect(again.body.code).toBe('ELECTION_CANDIDATE_DUPLICATE');
    const scrut = await t.call('POST', `/elections/${b.id}/steps/start-additional`, {
      token: w.secA.token,
      body: { candidates: candidatesOf([V[9]!, V[3]!]) },
    });
    expect(scrut.body.code).toBe('ELECTION_SCRUTINEER_IS_CANDIDATE');
    const add = await step(t, w.secA.token, b.id, 'start-additional', { candidates: candidatesOf([V[3]!, V[1]!]) });
    expect(add.rounds[1]).toMatchObject({ kind: 'additional', seats: 1, state: 'ready' });
    expect(add.rounds[1].candidateIds).toEqual([cand(add, '王二'), cand(add, '李四')]);
    e = await step(t, w.secA.token, b.id, 'open-voting');
    e = await run(e, (i) => (i < 7 ? ['李四'] : ['王二']));
    expect(e.state).toBe('completed');
    expect(e.elected.map((x: Untyped) => [x.name, x.round])).toEqual([
      ['丁一', 1],
      ['李四', 2],
    ]);
  });

  it('E9: more ballots collected than issued makes the round void; it is held again', async () => {
    const e = await createOk({ kind: 'committee', seats: 1, candidates: candidatesOf([V[0]!, V[1]!]) });
    const opened = await runToOpen(t, w, e.id, [V[9]!], 10);
    for (const p of V.slice(0, 3)) expect((await vote(t, w, p, `/elections/${e.id}`, { marks: { [cand(e, '丁一')]: 'for' } })).status).toBe(200);
    await step(t, w.secA.token, e.id, 'close-voting');
    // A ballot slipped in without a voter (the database altered behind the application).
    await t.ds.query(`INSERT INTO ballot (box_id, receipt, content) VALUES ($1, 'ZZZZZ-ZZZZZ', $2)`, [
      opened.rounds[0].boxId,
      JSON.stringify({ marks: {}, writeIns: [] }),
    ]);
    const verified = await step(t, w.secA.token, e.id, 'verify-ballots');
    expect(verified.state).toBe('void');
    expect(verified.rounds[0]).toMatchObject({ state: 'void', issued: 3, collected: 4 });
    const count = await t.call('POST', `/elections/${e.id}/steps/count`, { token: w.secA.token });
    expect([count.status, count.body.code]).toEqual([409, 'VOTE_STEP_OUT_OF_ORDER']);
    const rerun = await step(t, w.secA.token, e.id, 'rerun');
    expect(rerun.state).toBe('scrutineers_approved');
    expect(rerun.rounds[1]).toMatchObject({ number: 2, kind: 'rerun', state: 'ready' });
    await step(t, w.secA.token, e.id, 'open-voting');
    // A new box: everyone may vote again.
    for (const p of V.slice(0, 6)) expect((await vote(t, w, p, `/elections/${e.id}`, { marks: { [cand(e, '丁一')]: 'for' } })).status).toBe(200);
    const counted = await closeAndCount(t, w, e.id);
    expect(counted.rounds[1].tally).toMatchObject({ void: false, issued: 6, collected: 6, elected: [`c:${cand(e, '丁一')}`] });
  });

  it('E14: a step out of order is refused with its own code and the allowed steps', async () => {
    const e = await createOk({ kind: 'committee', seats: 1, candidates: candidatesOf([V[0]!, V[1]!]) });
    for (const s of ['open-voting', 'count', 'announce', 'adopt-rules', 'close-voting', 'verify-ballots', 'start-runoff']) {
      const r = await t.call('POST', `/elections/${e.id}/steps/${s}`, {
        token: w.secA.token,
        body: s === 'adopt-rules' ? { vote: { for: 10, against: 0, abstain: 0 } } : {},
      });
      expect([s, r.status, r.body.code]).toEqual([s, 409, 'VOTE_STEP_OUT_OF_ORDER']);
      expect(r.body.details).toMatchObject({ rule: 'E14', state: 'draft', allowed: ['report_attendance', 'cancel'] });
    }
    await step(t, w.secA.token, e.id, 'report-attendance');
    const skip = await t.call('POST', `/elections/${e.id}/steps/approve-scrutineers`, {
      token: w.secA.token,
      body: { scrutineerIds: [V[9]!.memberId], vote: { for: 10, against: 0, abstain: 0 } },
    });
    expect([skip.status, skip.body.details.state]).toEqual([409, 'attendance_reported']);
    // Set-up is fixed once attendance is reported.
    const edit = await t.call('PATCH', `/elections/${e.id}`, { token: w.secA.token, body: { seats: 2 } });
    expect([edit.status, edit.body.code]).toEqual([409, 'VOTE_STEP_OUT_OF_ORDER']);
    // 选举办法 needs more than half of those present; counts cannot exceed them.
    const few = await t.call('POST', `/elections/${e.id}/steps/adopt-rules`, { token: w.secA.token, body: { vote: { for: 5, against: 5, abstain: 0 } } });
    expect(few.body.code).toBe('VOTE_RECORDED_VOTE_NOT_PASSED');
    const many = await t.call('POST', `/elections/${e.id}/steps/adopt-rules`, { token: w.secA.token, body: { vote: { for: 11, against: 0, abstain: 0 } } });
    expect(many.body.code).toBe('VOTE_RECORDED_VOTE_INVALID');
    const cancelled = await step(t, w.secA.token, e.id, 'cancel', { reason: '候选人名单需重新酝酿' });
    expect(cancelled).toMatchObject({ state: 'cancelled', cancelReason: '候选人名单需重新酝酿', allowedActions: [] });
  });

  it('E1, E4, E5, E13: set-up rules', async () => {
    const probationary = await w.fx.member({ orgId: w.branchA.id, name: '冯预备', status: 'probationary' });
    const probation = await w.fx.member({ orgId: w.branchA.id, name: '陈察看', flags: ['disciplinary_probation'] });
    // Expected at the meetings created from here on (attendees are fixed when a meeting is created).
    const m4 = await createMeeting(t, w, {
      startsAt: new Date(w.clock.nowMs() - MIN).toISOString(),
      endsAt: new Date(w.clock.nowMs() + 2 * HOUR).toISOString(),
    });
    const body = (candidates: unknown[], extra: Record<string, unknown> = {}) => ({
      token: w.secA.token,
      body: { meetingId: m4.id, kind: 'committee', seats: 3, candidates, ...extra },
    });
    // E4: 3 seats need 4 candidates (差额 ≥ 20%, rounded up).
    const three = await t.call('POST', '/elections', body(candidatesOf(V.slice(0, 3))));
    expect([three.status, three.body.code, three.body.details.rule]).toEqual([422, 'ELECTION_CANDIDATE_COUNT', 'E4']);
    const equal = await t.call('POST', '/elections', body(candidatesOf(V.slice(0, 3)), { candidateMode: 'equal' }));
    expect(equal.body.code).toBe('ELECTION_CANDIDATE_COUNT');
    // 5 seats → 6; 7 seats → 9.
    expect((await t.call('POST', '/elections', body(candidatesOf(V.slice(0, 5)), { seats: 5 }))).body.code).toBe('ELECTION_CANDIDATE_COUNT');
    expect((await t.call('POST', '/elections', body(candidatesOf(V.slice(0, 6)), { seats: 5 }))).status).toBe(201);
    expect((await t.call('POST', '/elections', body(candidatesOf(V.slice(0, 8)), { seats: 7 }))).body.code).toBe('ELECTION_CANDIDATE_COUNT');
    expect((await t.call('POST', '/elections', body(candidatesOf(V.slice(0, 9)), { seats: 7 }))).status).toBe(201);
    // Secretary: 等额 by default; 差额 when set; several candidates need the approved order (E5).
    const sec = (candidates: unknown[], extra: Record<string, unknown> = {}) =>
      t.call('POST', '/elections', body(candidates, { kind: 'secretary', seats: 1, ...extra }));
    expect((await sec(candidatesOf(V.slice(0, 2)))).body.code).toBe('ELECTION_CANDIDATE_COUNT');
    expect((await sec(candidatesOf(V.slice(0, 2)), { candidateMode: 'competitive' })).body.code).toBe('ELECTION_APPROVED_ORDER_REQUIRED');
    const ordered = await sec(
      [
        { memberId: V[0]!.memberId, introduction: intro('丁一'), approvedOrder: 2 },
        { memberId: V[2]!.memberId, introduction: intro('张三'), approvedOrder: 1 },
      ],
      { candidateMode: 'competitive' },
    );
    expect(ordered.body.candidates.map((c: Untyped) => c.name)).toEqual(['张三', '丁一']);
    // E1: not members expected at the meeting, or not full members in good standing.
    const m5 = await createMeeting(t, w, {
      startsAt: new Date(w.clock.nowMs() - MIN).toISOString(),
      endsAt: new Date(w.clock.nowMs() + 2 * HOUR).toISOString(),
    });
    const bad = await t.call('POST', '/elections', {
      token: w.secA.token,
      body: {
        meetingId: m5.id,
        kind: 'committee',
        seats: 1,
        candidates: [
          ...candidatesOf(V.slice(0, 1)),
          { memberId: probationary.id, introduction: intro('冯预备') },
          { memberId: probation.id, introduction: intro('陈察看') },
          { memberId: w.memberB.memberId, introduction: intro('乙党员') },
        ],
      },
    });
    expect([bad.status, bad.body.code]).toEqual([422, 'ELECTION_CANDIDATE_INELIGIBLE']);
    expect(bad.body.details.candidates.map((c: Untyped) => c.reason)).toEqual(['预备党员', '受留党察看处分', '不是本次会议的应到会党员']);
    // E5: an unknown surname needs its stroke count.
    await t.ds.query(`UPDATE member SET name = '𠀀甲' WHERE id = $1`, [V[3]!.memberId]);
    const unknown = await t.call('POST', '/elections', body(candidatesOf([V[0]!, V[1]!, V[2]!, V[3]!]), { seats: 1 }));
    expect([unknown.status, unknown.body.code, unknown.body.details.names]).toEqual([422, 'ELECTION_SURNAME_UNKNOWN', ['𠀀甲']]);
    const given = await t.call(
      'POST',
      '/elections',
      body([...candidatesOf([V[0]!, V[1]!, V[2]!]), { memberId: V[3]!.memberId, introduction: intro('甲'), surnameStrokes: 3 }], { seats: 1 }),
    );
    expect(given.body.candidates.map((c: Untyped) => [c.name, c.surnameStrokes])).toEqual([
      ['丁一', 2],
      ['𠀀甲', 3],
      ['王二', 4],
      ['张三', 7],
    ]);
    await t.ds.query(`UPDATE member SET name = '李四' WHERE id = $1`, [V[3]!.memberId]);
    // Candidate lists with the same person twice are refused.
    expect((await t.call('POST', '/elections', body(candidatesOf([V[0]!, V[0]!, V[1]!, V[2]!])))).body.code).toBe('ELECTION_CANDIDATE_DUPLICATE');
    // E13: a candidate cannot be a scrutineer.
    const e = (await t.call('POST', '/elections', body(candidatesOf(V.slice(0, 2)), { seats: 1 }))).body;
    await checkIn(t, w, V, m4.id);
    await step(t, w.secA.token, e.id, 'report-attendance');
    await step(t, w.secA.token, e.id, 'adopt-rules', { vote: { for: 10, against: 0, abstain: 0 } });
    await step(t, w.secA.token, e.id, 'announce-candidates');
    const clash = await t.call('POST', `/elections/${e.id}/steps/approve-scrutineers`, {
      token: w.secA.token,
      body: { scrutineerIds: [V[1]!.memberId], vote: { for: 10, against: 0, abstain: 0 } },
    });
    expect([clash.status, clash.body.code, clash.body.details.rule]).toEqual([422, 'ELECTION_SCRUTINEER_IS_CANDIDATE', 'E13']);
    const guest = await t.call('POST', `/elections/${e.id}/steps/approve-scrutineers`, {
      token: w.secA.token,
      body: { scrutineerIds: [w.memberB.memberId], vote: { for: 10, against: 0, abstain: 0 } },
    });
    expect(guest.body.code).toBe('ELECTION_SCRUTINEER_NOT_ATTENDEE');
    // A committee election needs a 党员大会; a 支委会 may elect a secretary.
    const cm = await createMeeting(t, w, { type: 'committee_meeting' });
    const wrongMeeting = await t.call('POST', '/elections', {
      token: w.secA.token,
      body: { meetingId: cm.id, kind: 'committee', seats: 1, candidates: candidatesOf(V.slice(0, 2)) },
    });
    expect([wrongMeeting.status, wrongMeeting.body.code]).toEqual([422, 'VOTE_MEETING_NOT_FOR_VOTE']);
  });

  it('refuses an election or a motion on a meeting already over, or on a meeting type that holds no vote (党课, 组织生活会)', async () => {
    const candidates = candidatesOf(V.slice(0, 2));
    const past = await createMeeting(t, w, { type: 'general_assembly' });
    // Held three days ago by the app's clock (the tests' clock is not the wall clock).
    const threeDaysAgo = w.clock.nowMs() - 72 * HOUR;
    await t.ds.query(`UPDATE meeting SET starts_at = $2, ends_at = $3 WHERE id = $1`, [past.id, new Date(threeDaysAgo), new Date(threeDaysAgo + 2 * HOUR)]);
    const before = await t.ds.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM election WHERE meeting_id = $1`, [past.id]);
    const ended = await t.call('POST', '/elections', { token: w.secA.token, body: { meetingId: past.id, kind: 'committee', seats: 1, candidates } });
    expect([ended.status, ended.body.code]).toEqual([409, 'VOTE_MEETING_ENDED']);
    expect(ended.body.message).toBe('会议已结束，不能再安排选举或表决；请选择尚未结束的会议');
    const motion = await t.call('POST', '/motions', { token: w.secA.token, body: { meetingId: past.id, kind: 'general', title: '关于活动经费的决议' } });
    expect([motion.status, motion.body.code]).toEqual([409, 'VOTE_MEETING_ENDED']);
    expect(await t.ds.query(`SELECT count(*)::int AS n FROM election WHERE meeting_id = $1`, [past.id])).toEqual(before);
    for (const type of ['party_lecture', 'life_meeting']) {
      const m = await createMeeting(t, w, { type });
      const r = await t.call('POST', '/elections', {
        token: w.secA.token,
        body: { meetingId: m.id, kind: 'secretary', seats: 1, candidates: candidatesOf(V.slice(0, 1)) },
      });
      expect([r.status, r.body.code]).toEqual([422, 'VOTE_MEETING_NOT_FOR_VOTE']);
      expect(r.body.message).toMatch(/^书记选举须在党员大会或委员会会议上进行/);
    }
  });

  it('E2: an exclusion needs a listed reason, the higher approval and a passed meeting vote; it lowers 应到会', async () => {
    const e = await createOk({ kind: 'committee', seats: 1, candidates: candidatesOf([V[0]!, V[1]!]) });
    const secMember: Array<{ id: string }> = await t.ds.query(`SELECT member_id AS id FROM user_account WHERE id = $1`, [w.secA.user.id]);
    const exclusion = {
      memberId: secMember[0]!.id,
      reason: 'abroad',
      note: '外派海外分公司一年',
      higherApproval: { approvedBy: '测试联合党委', reference: '联党〔2025〕12号', approvedOn: '2025-06-01' },
      meetingVote: { for: 8, against: 1, abstain: 1, heldOn: '2025-06-05' },
    };
    const failed = await t.call('POST', `/elections/${e.id}/exclusions`, {
      token: w.secA.token,
      body: { ...exclusion, meetingVote: { for: 5, against: 5, abstain: 0, heldOn: '2025-06-05' } },
    });
    expect([failed.status, failed.body.code, failed.body.details.rule]).toEqual([422, 'ELECTION_EXCLUSION_INVALID', 'E2']);
    const unlisted = await t.call('POST', `/elections/${e.id}/exclusions`, { token: w.secA.token, body: { ...exclusion, reason: 'busy' } });
    expect(unlisted.body.code).toBe('VALIDATION_FAILED');
    const ok = await t.call('POST', `/elections/${e.id}/exclusions`, { token: w.secA.token, body: exclusion });
    expect(ok.status).toBe(200);
    expect(ok.body.exclusions[0]).toMatchObject({ reason: 'abroad', reasonLabel: '出国半年以上', higherApproval: { reference: '联党〔2025〕12号' } });
    const roll = await t.call('GET', `/elections/${e.id}/roll`, { token: w.secA.token });
    expect(roll.body).toMatchObject({ eligible: 11, excluded: 1, required: 10, present: 10, quorum: { minimum: 9, met: true } });
    const opened = await runToOpen(t, w, e.id, [V[9]!], 10);
    expect(opened.rounds[0]).toMatchObject({ required: 10 });
    const late = await t.call('DELETE', `/elections/${e.id}/exclusions/${secMember[0]!.id}`, { token: w.secA.token });
    expect([late.status, late.body.code]).toEqual([409, 'VOTE_STEP_OUT_OF_ORDER']);
  });

  it('E14: a secretary result waits for the higher organisation, which alone may approve it', async () => {
    const e = await createOk({ kind: 'secretary', seats: 1, candidates: candidatesOf([V[0]!]) });
    expect(e).toMatchObject({ candidateMode: 'equal' });
    await runToOpen(t, w, e.id, [V[9]!], 10);
    for (const p of V) expect((await vote(t, w, p, `/elections/${e.id}`, { marks: { [cand(e, '丁一')]: 'for' } })).status).toBe(200);
    await closeAndCount(t, w, e.id);
    await signAll(t, e.id, [V[9]!]);
    const announced = await step(t, w.secA.token, e.id, 'announce');
    expect(announced.state).toBe('pending_approval');
    const approval = { approved: true, reference: '联党〔2025〕20号', approvedOn: '2025-06-20' };
    const own = await t.call('POST', `/elections/${e.id}/steps/record-approval`, { token: w.secA.token, body: approval });
    expect(own.status).toBe(403);
    const higher = await w.fx.user({ displayName: '联合党委书记', positions: [{ position: 'secretary', orgId: w.committee.id }] });
    const approved = await step(t, higher.token, e.id, 'record-approval', approval);
    expect(approved).toMatchObject({ state: 'approved', approval: { approved: true, reference: '联党〔2025〕20号', recordedBy: '联合党委书记' } });
  });
});

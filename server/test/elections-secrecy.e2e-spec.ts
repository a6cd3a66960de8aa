import { createTestApp, type TestApp } from './utils/app.js';
import type { Untyped } from './utils/app.js';
import { candidatesOf, checkIn, electionWorld, openBallot, runToOpen, step, vote, type ElectionWorld, type Person } from './utils/election-fixtures.js';
import { createMeeting, MIN } from './utils/meeting-fixtures.js';
import { BallotTokens } from '../src/elections/ballot-tokens.js';

/**
 * E6 through the API and the schema: who may vote (eligible, checked in, once — 50 concurrent
 * attempts give one ballot), the ballot QR and pass, closed boxes, no path from a ballot to a voter,
 * and every endpoint refused outside the caller's subtree.
 */
describe('secret ballot (E6)', () => {
  let t: TestApp;
  let w: ElectionWorld;
  let V: Person[];
  let electionId: string;
  let boxId: string;
  let probationary: { token: string; user: { id: string } };
  let late: Person;
  const path = () => `/elections/${electionId}`;
  const cand = (e: Untyped, name: string) => e.candidates.find((c: Untyped) => c.name === name).id as string;
  let e: Untyped;

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_BASE_URL: 'https://dj.example.cn' });
    w = await electionWorld(t, { members: 12 });
    V = w.voters;
    // A probationary member of branch A, expected at the meeting (created after them) but without the vote (E1).
    const pm = await w.fx.member({ orgId: w.branchA.id, name: '冯预备', status: 'probationary' });
    probationary = await w.fx.user({ displayName: '冯预备', memberId: pm.id });
    const m = await createMeeting(t, w, { startsAt: new Date(w.clock.nowMs() - MIN).toISOString() });
    w = { ...w, meetingId: m.id };
    // 13 full members (应到会); 11 check in; the 12th member (late) has not checked in yet.
    late = V[11]!;
    await checkIn(t, w, [...V.slice(0, 11), probationary]);
    e = (
      await t.call('POST', '/elections', {
        token: w.secA.token,
        body: { meetingId: w.meetingId, kind: 'committee', seats: 2, candidates: candidatesOf(V.slice(0, 3)) },
      })
    ).body;
    electionId = e.id;
    const opened = await runToOpen(t, w, electionId, [V[10]!], 11);
    boxId = opened.rounds[0].boxId;
  });
  afterAll(() => t.close());

  const ballot = () => ({ marks: { [cand(e, '丁一')]: 'for' as const, [cand(e, '王二')]: 'against' as const } });

  it('opens a ballot from the rotating QR with the candidates and their introductions', async () => {
    const code = await t.call('GET', `${path()}/ballot-code`, { token: w.secA.token });
    expect(code.status).toBe(200);
    expect(code.body.token).toMatch(/^b1\.k1\.[A-Za-z0-9_-]{22}\.\d+\.[A-Za-z0-9_-]{22}$/);
    expect(code.body.url).toBe(`https://dj.example.cn/#/vote/ballot?b=${code.body.token}`);
    expect(code.body.svg).toMatch(/^<svg/);
    const opened = await t.call('POST', '/ballots/open', { token: V[0]!.token, body: { token: code.body.token } });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ kind: 'election', boxId, election: { seats: 2, round: 1, writeInsAllowed: true }, motion: null });
    expect(opened.body.election.candidates.map((c: Untyped) => [c.order, c.name])).toEqual([
      [1, '丁一'],
      [2, '王二'],
      [3, '张三'],
    ]);
    expect(opened.body.election.candidates[0].introduction).toContain('丁一');
  });

  it('refuses ineligible members (E1), members not checked in (E6), and people without a member record', async () => {
    const p = await openBallot(t, w, probationary, path());
    expect([p.status, p.body.code]).toEqual([403, 'BALLOT_NOT_ELIGIBLE']);
    const other = await openBallot(t, w, w.memberB, path());
    expect([other.status, other.body.code]).toEqual([403, 'BALLOT_NOT_ELIGIBLE']);
    const absent = await openBallot(t, w, late, path());
    expect([absent.status, absent.body.code, absent.body.details.rule]).toEqual([403, 'BALLOT_NOT_CHECKED_IN', 'E6']);
    const none = await openBallot(t, w, w.noMember, path());
    expect([none.status, none.body.code]).toEqual([403, 'BALLOT_NOT_A_MEMBER']);
    // A late arrival who checks in may vote.
    await checkIn(t, w, [late]);
    expect((await vote(t, w, late, path(), ballot())).status).toBe(200);
  });

  it('refuses forged, expired and other-purpose tokens, and passes of someone else', async () => {
    const code = (await t.call('GET', `${path()}/ballot-code`, { token: w.secA.token })).body;
    const [v, kid, box, stepNo, sig] = code.token.split('.');
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    const forged = await t.call('POST', '/ballots/open', { token: V[1]!.token, body: { token: [v, kid, box, stepNo, flip(sig)].join('.') } });
    expect([forged.status, forged.body.code]).toEqual([403, 'BALLOT_TOKEN_FORGED']);
    const checkinCode = (await t.call('GET', `/meetings/${w.meetingId}/checkin-code`, { token: w.secA.token })).body.token;
    const wrongKind = await t.call('POST', '/ballots/open', { token: V[1]!.token, body: { token: checkinCode } });
    expect([wrongKind.status, wrongKind.body.code]).toEqual([400, 'BALLOT_TOKEN_MALFORMED']);
    // The token of step n works during n and n+1, not after.
    w.clock.advance(30_000);
    const expired = await t.call('POST', '/ballots/open', { token: V[1]!.token, body: { token: code.token } });
    expect([expired.status, expired.body.code]).toEqual([422, 'BALLOT_TOKEN_EXPIRED']);
    // A pass is bound to the member who scanned.
    const mine = await openBallot(t, w, V[1]!, path());
    const stolen = await t.call('POST', '/ballots/cast', { token: V[2]!.token, body: { pass: mine.body.pass, ...toCast(ballot()) } });
    expect([stolen.status, stolen.body.code]).toEqual([400, 'BALLOT_PASS_INVALID']);
    // And expires.
    w.clock.advance(16 * MIN);
    const stale = await t.call('POST', '/ballots/cast', { token: V[1]!.token, body: { pass: mine.body.pass, ...toCast(ballot()) } });
    expect([stale.status, stale.body.code]).toEqual([422, 'BALLOT_PASS_EXPIRED']);
    const foreign = new BallotTokens({ ...t.config, dataKey: Buffer.alloc(32, 9) });
    const alien = await t.call('POST', '/ballots/open', { token: V[1]!.token, body: { token: foreign.signQr(boxId, Math.floor(w.clock.nowMs() / 15_000)) } });
    expect(alien.body.code).toBe('BALLOT_TOKEN_FORGED');
  });

  it('voting twice is refused; 50 concurrent attempts by one voter store exactly one ballot', async () => {
    const voter = V[3]!;
    const opened = await openBallot(t, w, voter, path());
    const body = { pass: opened.body.pass, ...toCast(ballot()) };
    const before = await counts();
    const results = await Promise.all(Array.from({ length: 50 }, () => t.call('POST', '/ballots/cast', { token: voter.token, body })));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(results.filter((r) => r.status === 409 && r.body.code === 'BALLOT_ALREADY_VOTED')).toHaveLength(49);
    const after = await counts();
    expect(after.ballots - before.ballots).toBe(1);
    expect(after.voters - before.voters).toBe(1);
    const again = await openBallot(t, w, voter, path());
    expect([again.status, again.body.code]).toEqual([409, 'BALLOT_ALREADY_VOTED']);
  });

  it('one request (issue 12): mark, then scan to submit — the screen QR instead of a pass, with every check of the pass path', async () => {
    const code = () => t.call('GET', `${path()}/ballot-code`, { token: w.secA.token }).then((r) => r.body.token as string);
    const before = await counts();
    const cast = await t.call('POST', '/ballots/cast', { token: V[5]!.token, body: { token: await code(), ...toCast(ballot()) } });
    expect(cast.status).toBe(200);
    expect(cast.body.receipt).toEqual(expect.any(String));
    expect(await counts()).toEqual({ ballots: before.ballots + 1, voters: before.voters + 1 });
    // E6 still: once only, only on the roll; an old code is refused; never both pass and code.
    const twice = await t.call('POST', '/ballots/cast', { token: V[5]!.token, body: { token: await code(), ...toCast(ballot()) } });
    expect([twice.status, twice.body.code]).toEqual([409, 'BALLOT_ALREADY_VOTED']);
    const outsider = await t.call('POST', '/ballots/cast', { token: probationary.token, body: { token: await code(), ...toCast(ballot()) } });
    expect([outsider.status, outsider.body.code]).toEqual([403, 'BALLOT_NOT_ELIGIBLE']);
    const old = await code();
    w.clock.advance(30_000);
    const expired = await t.call('POST', '/ballots/cast', { token: V[6]!.token, body: { token: old, ...toCast(ballot()) } });
    expect([expired.status, expired.body.code]).toEqual([422, 'BALLOT_TOKEN_EXPIRED']);
    const opened = await openBallot(t, w, V[6]!, path());
    const both = await t.call('POST', '/ballots/cast', { token: V[6]!.token, body: { pass: opened.body.pass, token: await code(), ...toCast(ballot()) } });
    expect(both.status).toBe(400);
    expect(await counts()).toEqual({ ballots: before.ballots + 1, voters: before.voters + 1 });
  });

  it('a refused ballot (E7) stores neither the ballot nor the mark', async () => {
    const before = await counts();
    const r = await vote(t, w, V[4]!, path(), { marks: { [cand(e, '丁一')]: 'for' }, writeIns: [{ replaces: cand(e, '丁一'), name: '孙七' }] });
    expect([r.status, r.body.code]).toEqual([422, 'BALLOT_FORM_INVALID']);
    expect(await counts()).toEqual(before);
    // A motion's choice on an election ballot is refused too.
    const opened = await openBallot(t, w, V[4]!, path());
    const choice = await t.call('POST', '/ballots/cast', { token: V[4]!.token, body: { pass: opened.body.pass, choice: 'for' } });
    expect(choice.body.code).toBe('BALLOT_FORM_INVALID');
  });

  it('E6: assisted voting is logged (voter, assistant) without the choices; a candidate cannot assist', async () => {
    const pm = (await t.ds.query(`SELECT member_id AS id FROM user_account WHERE id = $1`, [probationary.user.id]))[0].id;
    const bad = await t.call('POST', `${path()}/assisted-voting`, { token: w.secA.token, body: { voterId: V[6]!.memberId, assistantId: V[0]!.memberId } });
    expect([bad.status, bad.body.code, bad.body.details.rule]).toEqual([422, 'ELECTION_ASSISTANCE_INVALID', 'E6']);
    const offRoll = await t.call('POST', `${path()}/assisted-voting`, { token: w.secA.token, body: { voterId: pm, assistantId: V[10]!.memberId } });
    expect(offRoll.body.code).toBe('ELECTION_ASSISTANCE_INVALID');
    const ok = await t.call('POST', `${path()}/assisted-voting`, {
      token: w.secA.token,
      body: { voterId: V[6]!.memberId, assistantId: V[10]!.memberId, note: '视力障碍' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.assistance).toEqual([
      { voter: { memberId: V[6]!.memberId, name: '孙七' }, assistant: { memberId: V[10]!.memberId, name: '冯十一' }, round: 1, note: '视力障碍' },
    ]);
    const [log] = await t.ds.query(`SELECT details FROM audit_log WHERE action = 'election.assisted_voting'`);
    expect(Object.keys(log.details).sort()).toEqual(['assistantId', 'assistantName', 'note', 'round', 'voterId', 'voterName']);
    // Members do not see who was assisted.
    expect((await t.call('GET', path(), { token: V[1]!.token })).body.assistance).toEqual([]);
    const member = await t.call('POST', `${path()}/assisted-voting`, { token: V[1]!.token, body: { voterId: V[6]!.memberId, assistantId: V[10]!.memberId } });
    expect(member.status).toBe(403);
  });

  it('the screen shows turnout and no partial results; the record is withheld until counted', async () => {
    // V[5] voted with one request above.
    for (const p of [V[0]!, V[1]!, V[2]!, V[4]!, V[6]!, V[7]!, V[8]!]) expect((await vote(t, w, p, path(), ballot())).status).toBe(200);
    const screen = await t.call('GET', `${path()}/screen`, { token: w.secA.token });
    expect(screen.body).toMatchObject({ state: 'voting_open', required: 13, present: 12, voted: 10, electionTally: null, quorum: { met: true } });
    // Overseers may watch the screen but not show the code.
    const overseer = await w.fx.user({ displayName: '党委委员', positions: [{ position: 'committee_member', orgId: w.committee.id }] });
    expect((await t.call('GET', `${path()}/screen`, { token: overseer.token })).status).toBe(200);
    expect((await t.call('GET', `${path()}/ballot-code`, { token: overseer.token })).status).toBe(403);
    // The projector: the meeting's screen link opens the ballot code and the screen, nothing else.
    const link = await t.call('POST', `/meetings/${w.meetingId}/screen-link`, { token: w.secA.token });
    expect((await t.call('GET', `${path()}/ballot-code?s=${link.body.token}`)).status).toBe(200);
    expect((await t.call('GET', `${path()}/screen`, { headers: { 'x-screen-token': link.body.token } })).body.voted).toBe(10);
    expect((await t.call('GET', path(), { headers: { 'x-screen-token': link.body.token } })).status).toBe(401);
    const rec = await t.call('GET', `/ballots/boxes/${boxId}/record`, { token: V[0]!.token });
    expect(rec.body.code).toBe('BALLOT_RECORD_NOT_PUBLISHED');
  });

  it('a closed box takes no ballot, even with a pass issued before closing', async () => {
    const opened = await openBallot(t, w, V[9]!, path());
    expect(opened.status).toBe(200);
    await step(t, w.secA.token, electionId, 'close-voting');
    const cast = await t.call('POST', '/ballots/cast', { token: V[9]!.token, body: { pass: opened.body.pass, ...toCast(ballot()) } });
    expect([cast.status, cast.body.code]).toEqual([409, 'BALLOT_VOTING_CLOSED']);
    const code = await t.call('GET', `${path()}/ballot-code`, { token: w.secA.token });
    expect([code.status, code.body.code]).toEqual([409, 'BALLOT_VOTING_CLOSED']);
  });

  it('no path links a ballot to a voter: schema', async () => {
    const cols = async (table: string) =>
      await t.ds.query<Array<{ c: string; type: string; d: string | null }>>(
        `SELECT column_name AS c, data_type AS type, column_default AS d FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
        [table],
      );
    const ballot = await cols('ballot');
    // Only a random key, the box, the receipt and the content: no voter, no serial, no time.
    expect(ballot.map((c) => c.c)).toEqual(['id', 'box_id', 'receipt', 'content']);
    expect(ballot.find((c) => c.c === 'id')).toMatchObject({ type: 'uuid', d: 'gen_random_uuid()' });
    expect(ballot.some((c) => /timestamp|date|time|serial|integer|bigint/.test(c.type))).toBe(false);
    expect(ballot.some((c) => /nextval|now\(\)|clock|uuidv7/.test(c.d ?? ''))).toBe(false);
    // The only voter-side record is "has voted": the box and the member, nothing else.
    const voter = await cols('ballot_box_voter');
    expect(voter.map((c) => c.c)).toEqual(['box_id', 'member_id']);
    // The two share only the box (the election level).
    expect(ballot.map((c) => c.c).filter((c) => voter.some((v) => v.c === c))).toEqual(['box_id']);
    // No table besides the ballot holds a receipt; no foreign key from the ballot to a person.
    const receiptCols = await t.ds.query(`SELECT table_name AS t FROM information_schema.columns WHERE column_name = 'receipt' AND table_schema = 'public'`);
    expect(receiptCols.map((r: Untyped) => r.t)).toEqual(['ballot']);
    const fks = await t.ds.query(
      `SELECT ccu.table_name AS target FROM information_schema.table_constraints tc
         JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
        WHERE tc.table_name = 'ballot' AND tc.constraint_type = 'FOREIGN KEY'`,
    );
    expect(fks.map((f: Untyped) => f.target)).toEqual(['ballot_box']);
    // No trigger could copy a ballot or a mark elsewhere (with a time or a link).
    const triggers = await t.ds.query(
      `SELECT event_object_table AS t FROM information_schema.triggers WHERE event_object_table IN ('ballot', 'ballot_box_voter')`,
    );
    expect(triggers).toEqual([]);
    // Indexes: the primary key and (box, receipt) — receipts are random, so no index orders ballots by time.
    const idx = await t.ds.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'ballot' ORDER BY indexname`);
    expect(idx.map((i: Untyped) => i.indexdef.replace(/.* USING /, ''))).toEqual(['btree (id)', 'btree (box_id, receipt)']);
    // The voter table's "has voted" rows carry no time either.
    expect(voter.some((c) => /timestamp|date|time|serial|integer/.test(c.type))).toBe(false);
  });

  it('no path links a ballot to a voter: API responses and storage order', async () => {
    await step(t, w.secA.token, electionId, 'verify-ballots');
    const counted = await step(t, w.secA.token, electionId, 'count');
    const rec = await t.call('GET', `/ballots/boxes/${boxId}/record`, { token: V[5]!.token });
    expect(rec.status).toBe(200);
    // Receipts sorted (by their random codes), ballots in a separate list: no index shared between them.
    expect(rec.body.receipts).toEqual([...rec.body.receipts].sort());
    for (const b of rec.body.ballots) expect(Object.keys(b).sort()).toEqual(['election', 'motion', 'valid']);
    expect(Object.keys(rec.body).sort()).toEqual([
      'ballots',
      'boxId',
      // The candidates' names in ballot order (issue 13): public, the same for every voter.
      'candidates',
      'collected',
      'digest',
      'invalid',
      'issued',
      'kind',
      'receipts',
      'round',
      'signatures',
      'title',
      'valid',
    ]);
    // (The manager's view lists assisted voters — a log of who helped whom, kept apart from the ballots.)
    const { assistance: _assisted, ...detail } = counted;
    const text = JSON.stringify([rec.body, detail]);
    for (const leak of ['ctid', 'xmin', 'member_id', 'voterId', 'castAt', 'votedAt']) expect(text.includes(leak)).toBe(false);
    for (const p of V)
      expect(text.includes(p.memberId!)).toBe(
        counted.candidates.some((c: Untyped) => c.memberId === p.memberId) || counted.scrutineers.some((s: Untyped) => s.memberId === p.memberId),
      );
    // After closing, the physical order of the ballots is not the order of the "has voted" rows.
    const physical: Array<{ receipt: string }> = await t.ds.query(`SELECT receipt FROM ballot WHERE box_id = $1 ORDER BY ctid`, [boxId]);
    const xmins: Array<{ n: number }> = await t.ds.query(`SELECT count(DISTINCT xmin::text)::int AS n FROM ballot WHERE box_id = $1`, [boxId]);
    // All ballots were rewritten by the closing transaction: one transaction id for all, none per voter.
    expect(xmins[0]!.n).toBe(1);
    expect(physical).toHaveLength(10);
  });

  it('every endpoint refuses a caller outside the subtree; managing refuses plain members', async () => {
    const outsider = w.secB.token;
    const id = electionId;
    const calls: Array<[string, string, unknown?]> = [
      ['GET', `/elections/${id}`],
      ['PATCH', `/elections/${id}`, { title: 'x' }],
      ['GET', `/elections/${id}/roll`],
      [
        'POST',
        `/elections/${id}/exclusions`,
        {
          memberId: V[0]!.memberId,
          reason: 'abroad',
          higherApproval: { approvedBy: '党委', reference: '1', approvedOn: '2025-01-01' },
          meetingVote: { for: 5, against: 0, abstain: 0, heldOn: '2025-01-01' },
        },
      ],
      ['DELETE', `/elections/${id}/exclusions/${V[0]!.memberId}`],
      ...['report-attendance', 'announce-candidates', 'open-voting', 'close-voting', 'verify-ballots', 'count', 'announce', 'rerun', 'start-runoff'].map(
        (s) => ['POST', `/elections/${id}/steps/${s}`, {}] as [string, string, unknown],
      ),
      ['POST', `/elections/${id}/steps/adopt-rules`, { vote: { for: 1, against: 0, abstain: 0 } }],
      ['POST', `/elections/${id}/steps/approve-scrutineers`, { scrutineerIds: [V[0]!.memberId], vote: { for: 1, against: 0, abstain: 0 } }],
      ['POST', `/elections/${id}/steps/sign`, { digest: '0'.repeat(64) }],
      ['POST', `/elections/${id}/steps/start-additional`, { candidates: candidatesOf([V[0]!]) }],
      ['POST', `/elections/${id}/steps/reduce-seats`, { consent: { for: 1, against: 0, abstain: 0 } }],
      ['POST', `/elections/${id}/steps/record-approval`, { approved: true, reference: 'x', approvedOn: '2025-01-01' }],
      ['POST', `/elections/${id}/steps/cancel`, { reason: '测试取消' }],
      ['POST', `/elections/${id}/assisted-voting`, { voterId: V[0]!.memberId, assistantId: V[1]!.memberId }],
      ['GET', `/elections/${id}/ballot-code`],
      ['GET', `/elections/${id}/screen`],
      ['GET', `/elections/${id}/result.xlsx`],
      ['GET', `/elections/${id}/result.html`],
      ['GET', `/ballots/boxes/${boxId}/record`],
      ['GET', `/ballots/boxes/${boxId}/receipts/AAAAA-AAAAA`],
      ['POST', '/elections', { meetingId: w.meetingId, kind: 'committee', seats: 1, candidates: candidatesOf(V.slice(0, 2)) }],
    ];
    for (const [method, url, body] of calls) {
      const r = await t.call(method, url, { token: outsider, body });
      expect([method, url, r.status]).toEqual([method, url, 403]);
    }
    // A plain member of the branch may read (their meeting) but not manage.
    const member = V[0]!.token;
    expect((await t.call('GET', `/elections/${id}`, { token: member })).status).toBe(200);
    for (const [method, url, body] of calls.filter(([m, u]) => m !== 'GET' && !u.endsWith('/sign') && !u.startsWith('/ballots'))) {
      const r = await t.call(method, url, { token: member, body });
      expect([method, url, r.status]).toEqual([method, url, 403]);
    }
    expect((await t.call('GET', `/elections/${id}/ballot-code`, { token: member })).status).toBe(403);
    expect((await t.call('GET', `/elections/${id}/screen`, { token: member })).status).toBe(403);
    // The outsider's own list does not show it; the branch's member list of the meeting does.
    expect((await t.call('GET', '/elections', { token: outsider })).body.items.map((x: Untyped) => x.id)).not.toContain(id);
    expect((await t.call('GET', `/elections?meetingId=${w.meetingId}`, { token: outsider })).body.items).toEqual([]);
    expect((await t.call('GET', `/elections?meetingId=${w.meetingId}`, { token: member })).body.items.map((x: Untyped) => x.id)).toContain(id);
  });

  async function counts() {
    const [r] = await t.ds.query(
      `SELECT (SELECT count(*) FROM ballot WHERE box_id = $1)::int AS ballots, (SELECT count(*) FROM ballot_box_voter WHERE box_id = $1)::int AS voters`,
      [boxId],
    );
    return r as { ballots: number; voters: number };
  }
});

function toCast(b: { marks: Record<string, string> }) {
  return { marks: Object.entries(b.marks).map(([candidateId, mark]) => ({ candidateId, mark })) };
}

describe('secret ballot (E6): casts arriving together', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('are each answered as if alone (they share statements under load): one ballot per voter, the absent refused, a repeat refused', async () => {
    t = await createTestApp();
    let w = await electionWorld(t, { members: 10 });
    const V = w.voters;
    const m = await createMeeting(t, w, { startsAt: new Date(w.clock.nowMs() - MIN).toISOString() });
    w = { ...w, meetingId: m.id };
    await checkIn(t, w, V.slice(0, 9)); // 9 of 11 expected (E3); V[9] is not checked in
    const e = (
      await t.call('POST', '/elections', {
        token: w.secA.token,
        body: { meetingId: w.meetingId, kind: 'committee', seats: 1, candidates: candidatesOf(V.slice(0, 2)) },
      })
    ).body;
    const box: string = (await runToOpen(t, w, e.id, [V[8]!], 9)).rounds[0].boxId;
    const token = (await t.call('GET', `/elections/${e.id}/ballot-code`, { token: w.secA.token })).body.token as string;
    const marks = [{ candidateId: e.candidates[0].id as string, mark: 'for' }];
    const who = [V[0], V[1], V[2], V[3], V[0], V[9]];
    const results = await Promise.all(who.map((p) => t.call('POST', '/ballots/cast', { token: p!.token, body: { token, marks } })));
    expect(results.map((r) => r.status).slice(1, 4)).toEqual([200, 200, 200]);
    expect([results[0]!.status, results[4]!.status].sort()).toEqual([200, 409]);
    expect([results[5]!.status, results[5]!.body.code]).toEqual([403, 'BALLOT_NOT_CHECKED_IN']);
    const receipts = results.filter((r) => r.status === 200).map((r) => r.body.receipt as string);
    expect(new Set(receipts).size).toBe(4);
    const [c] = await t.ds.query(
      `SELECT (SELECT count(*) FROM ballot WHERE box_id = $1)::int AS ballots, (SELECT count(*) FROM ballot_box_voter WHERE box_id = $1)::int AS voters`,
      [box],
    );
    expect(c).toEqual({ ballots: 4, voters: 4 });
  });
});

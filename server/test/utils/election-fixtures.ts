import type { TestApp, Untyped } from './app.js';
import { createMeeting, HOUR, meetingWorld, MIN, type World } from './meeting-fixtures.js';

export type Person = { token: string; memberId: string | null; name: string };
export type ElectionWorld = World & { voters: Person[]; meetingId: string };

/**
 * Branch A with `n` full members (users with sessions) besides its secretary, and a 党员大会 that
 * started a minute ago (check-in open). Nobody is checked in yet.
 */
export async function electionWorld(t: TestApp, opts: { members?: number; type?: string } = {}): Promise<ElectionWorld> {
  const w = await meetingWorld(t, { membersA: opts.members ?? 10 });
  const names = ['丁一', '王二', '张三', '李四', '赵五', '钱六', '孙七', '周八', '吴九', '郑十', '冯十一', '陈十二', '褚十三', '卫十四', '蒋十五'];
  // Give the members surnames the stroke table knows (E5) and names the tests can read.
  for (let i = 0; i < w.members.length; i++) {
    const name = names[i] ?? `王${i}`;
    await t.ds.query(`UPDATE member SET name = $2 WHERE id = $1`, [w.members[i]!.memberId, name]);
  }
  const m = await createMeeting(t, w, {
    type: opts.type ?? 'general_assembly',
    startsAt: new Date(w.clock.nowMs() - MIN).toISOString(),
    endsAt: new Date(w.clock.nowMs() + 3 * HOUR).toISOString(),
  });
  const voters: Person[] = w.members.map((p, i) => ({ token: p.token, memberId: p.memberId, name: names[i] ?? `王${i}` }));
  return { ...w, voters, meetingId: m.id };
}

/** Checks people in through the real QR flow. */
export async function checkIn(t: TestApp, w: ElectionWorld, people: Array<{ token: string }>, meetingId = w.meetingId) {
  const code = await t.call('GET', `/meetings/${meetingId}/checkin-code`, { token: w.secA.token });
  if (code.status !== 200) throw new Error(`checkin-code ${code.status} ${JSON.stringify(code.body)}`);
  for (const p of people) {
    const r = await t.call('POST', '/meetings/checkin', { token: p.token, body: { token: code.body.token } });
    if (r.status !== 200) throw new Error(`checkin ${r.status} ${JSON.stringify(r.body)}`);
  }
}

export const intro = (name: string) => `${name}，男，1985年出生，本科学历，2010年入党，现任技术部负责人。`;
export const candidatesOf = (people: Person[]) => people.map((p) => ({ memberId: p.memberId!, introduction: intro(p.name) }));

/** POST a step and expect 200; returns the detail. */
export async function step(t: TestApp, token: string, electionId: string, name: string, body?: unknown) {
  const r = await t.call('POST', `/elections/${electionId}/steps/${name}`, { token, body: body ?? {} });
  if (r.status !== 200) throw new Error(`step ${name}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Report attendance → adopt rules → announce candidates → approve scrutineers → open voting. */
export async function runToOpen(t: TestApp, w: ElectionWorld, electionId: string, scrutineers: Person[], present: number) {
  await step(t, w.secA.token, electionId, 'report-attendance');
  await step(t, w.secA.token, electionId, 'adopt-rules', { vote: { for: present, against: 0, abstain: 0 } });
  await step(t, w.secA.token, electionId, 'announce-candidates');
  await step(t, w.secA.token, electionId, 'approve-scrutineers', {
    scrutineerIds: scrutineers.map((s) => s.memberId),
    vote: { for: present, against: 0, abstain: 0 },
  });
  return step(t, w.secA.token, electionId, 'open-voting');
}

/** Scan the screen's ballot QR and open the ballot. */
export async function openBallot(t: TestApp, w: ElectionWorld, voter: { token: string }, path: string) {
  const code = await t.call('GET', `${path}/ballot-code`, { token: w.secA.token });
  if (code.status !== 200) return code;
  return t.call('POST', '/ballots/open', { token: voter.token, body: { token: code.body.token } });
}

/** Open and cast: `marks` maps candidate ids to marks (election) or `choice` (motion). */
export async function vote(
  t: TestApp,
  w: ElectionWorld,
  voter: { token: string },
  path: string,
  ballot: {
    marks?: Record<string, 'for' | 'against' | 'abstain'>;
    writeIns?: Array<{ replaces: string; name: string }>;
    choice?: 'for' | 'against' | 'abstain';
  },
) {
  const opened = await openBallot(t, w, voter, path);
  if (opened.status !== 200) return opened;
  return t.call('POST', '/ballots/cast', {
    token: voter.token,
    body: {
      pass: opened.body.pass,
      ...(ballot.marks ? { marks: Object.entries(ballot.marks).map(([candidateId, mark]) => ({ candidateId, mark })) } : {}),
      ...(ballot.writeIns ? { writeIns: ballot.writeIns } : {}),
      ...(ballot.choice ? { choice: ballot.choice } : {}),
    },
  });
}

/** Close, verify, count. */
export async function closeAndCount(t: TestApp, w: ElectionWorld, electionId: string) {
  await step(t, w.secA.token, electionId, 'close-voting');
  await step(t, w.secA.token, electionId, 'verify-ballots');
  return step(t, w.secA.token, electionId, 'count');
}

/** Every scrutineer signs the current digest. */
export async function signAll(t: TestApp, electionId: string, scrutineers: Person[]) {
  let detail: Untyped;
  for (const s of scrutineers) {
    const d = await t.call('GET', `/elections/${electionId}`, { token: s.token });
    const digest = d.body.rounds[d.body.rounds.length - 1].digest;
    detail = await step(t, s.token, electionId, 'sign', { digest });
  }
  return detail;
}

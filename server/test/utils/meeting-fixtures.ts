import type { CommitteePosition } from '@dangjian/shared';
import { Clock } from '../../src/common/clock.js';
import { CheckinTokens } from '../../src/meetings/checkin-tokens.js';
import type { TestApp } from './app.js';
import { Fixtures } from './fixtures.js';

/** Noon, 10 June 2025, Beijing time: the clock every meeting test starts from. */
export const T0 = new Date('2025-06-10T04:00:00Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;

/**
 * A committee with two sibling branches, a secretary of branch A, members of A (users with
 * sessions), a secretary of B (outside A's subtree) and a user without a member record. The
 * meeting clock is stopped at T0.
 */
export async function meetingWorld(t: TestApp, opts: { membersA?: number } = {}) {
  const fx = new Fixtures(t.ds, t.app);
  const clock = t.app.get(Clock);
  clock.set(T0);
  const { committee, branchA, branchB } = await fx.tree();
  const position = (p: CommitteePosition, orgId: string) => [{ position: p, orgId }];
  const secA = await fx.user({ displayName: '甲书记', positions: position('secretary', branchA.id) });
  const secB = await fx.user({ displayName: '乙书记', positions: position('secretary', branchB.id) });
  const members = [];
  const memberUser = async (name: string, orgId: string) => fx.user({ displayName: name, memberId: (await fx.member({ orgId, name })).id });
  for (let i = 0; i < (opts.membersA ?? 3); i++) members.push(await memberUser(`甲党员${i + 1}`, branchA.id));
  const memberB = await memberUser('乙党员', branchB.id);
  const noMember = await fx.user({ displayName: '无党员身份' });
  return { fx, clock, committee, branchA, branchB, secA, secB, members, memberB, noMember, tokens: t.app.get(CheckinTokens) };
}

export type World = Awaited<ReturnType<typeof meetingWorld>>;

/** Another branch under the committee with its own secretary and members: a World for tests that count. */
export async function branchWorld(t: TestApp, w: World, name: string, members = 3): Promise<World> {
  const branch = await w.fx.org({ kind: 'branch', parentId: w.committee.id, name });
  const sec = await w.fx.user({ displayName: `${name}书记`, positions: [{ position: 'secretary', orgId: branch.id }] });
  const list = [];
  for (let i = 0; i < members; i++)
    list.push(await w.fx.user({ displayName: `${name}党员${i + 1}`, memberId: (await w.fx.member({ orgId: branch.id, name: `${name}党员${i + 1}` })).id }));
  return { ...w, branchA: branch, secA: sec, members: list };
}

/** A meeting of branch A starting an hour after the clock (check-in opens 30 minutes before). */
export async function createMeeting(t: TestApp, w: World, body: Record<string, unknown> = {}) {
  const now = w.clock.nowMs();
  const res = await t.call('POST', '/meetings', {
    token: w.secA.token,
    body: {
      organisationId: w.branchA.id,
      type: 'general_assembly',
      title: '第二季度党员大会',
      startsAt: new Date(now + HOUR).toISOString(),
      endsAt: new Date(now + 3 * HOUR).toISOString(),
      place: '公司三楼会议室',
      ...body,
    },
  });
  if (res.status !== 201) throw new Error(`create meeting: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; expectedCount: number; checkinOpensAt: string; checkinClosesAt: string; startsAt: string; endsAt: string };
}

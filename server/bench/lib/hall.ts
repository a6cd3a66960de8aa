import type http from 'node:http';
import { request } from './drive.js';
import type { Setup } from './people.js';

/**
 * Meetings of the bench's branch with their screens: each meeting's current check-in token, fetched
 * from the real endpoint (GET /meetings/{id}/checkin-code) and refreshed every 2 s as it rotates.
 * Members scan through `phone(member)` when given (each phone its own connection), else through `agent`.
 */
export async function openHall(agent: http.Agent, port: number, setup: Setup, titles: string[], phone?: (member: number) => http.Agent) {
  const json = async (method: string, path: string, body?: unknown) => {
    const r = await request(agent, port, method, path, setup.adminToken, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
    return JSON.parse(r.text) as Record<string, unknown>;
  };
  const meetings: Array<{ id: string; expectedCount: number }> = [];
  for (const title of titles) {
    meetings.push(
      (await json('POST', '/api/v1/meetings', {
        organisationId: setup.branchId,
        type: 'general_assembly',
        title,
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
        place: '大礼堂',
      })) as { id: string; expectedCount: number },
    );
  }
  const tokens = new Map<string, string>();
  const refresh = async () => {
    for (const m of meetings) tokens.set(m.id, (await json('GET', `/api/v1/meetings/${m.id}/checkin-code`)).token as string);
  };
  await refresh();
  let stopped = false;
  const refresher = (async () => {
    while (!stopped) {
      await new Promise((r) => setTimeout(r, 2000));
      if (!stopped) await refresh().catch(() => undefined);
    }
  })();
  return {
    meetings,
    json,
    /** One member's scan of a meeting's screen through the real endpoint: true when checked in. */
    checkin: async (meetingId: string, member: number) => {
      const res = await request(phone?.(member) ?? agent, port, 'POST', '/api/v1/meetings/checkin', setup.memberTokens[member]!, {
        token: tokens.get(meetingId),
      });
      return res.status === 200 && res.text.includes('"status":"checked_in"');
    },
    close: async () => {
      stopped = true;
      await refresher;
    },
  };
}

import type { TestApp } from './app.js';
import { checkIn, vote, type ElectionWorld, type Person } from './election-fixtures.js';
import { createMeeting, HOUR, MIN } from './meeting-fixtures.js';

/** A valid GB 11643 national ID for a birth date and sex; `seq` (0–499) keeps people apart. */
export function nationalId(birthDate: string, gender: 'male' | 'female', seq = 1): string {
  const order = seq * 2 + (gender === 'male' ? 1 : 0);
  const body = `110101${birthDate.replaceAll('-', '')}${String(order).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

/** Noon in Beijing on a calendar day (the clock the development steps run on). */
export const noon = (day: string) => new Date(`${day}T04:00:00Z`);

/** One step through the API; returns the response. */
export const devStep = (t: TestApp, token: string, id: string, body: Record<string, unknown>) => t.call('POST', `/development/${id}/steps`, { token, body });

/**
 * A 党员大会 of branch A on `day` (the clock is set to its noon): everyone in `present` checks in, a V2
 * motion about the applicant is created and voted with `choices`, then counted. Returns the motion.
 */
export async function v2Vote(
  t: TestApp,
  w: ElectionWorld,
  day: string,
  motion: { kind: 'admission' | 'confirmation'; title: string; applicant: { name?: string; memberId?: string } },
  present: Person[],
  choices: Array<'for' | 'against' | 'abstain'>,
) {
  w.clock.set(noon(day));
  const m = await createMeeting(t, w, { startsAt: new Date(w.clock.nowMs() - MIN).toISOString(), endsAt: new Date(w.clock.nowMs() + 2 * HOUR).toISOString() });
  const world = { ...w, meetingId: m.id };
  await checkIn(t, world, present, m.id);
  const created = await t.call('POST', '/motions', { token: w.secA.token, body: { meetingId: m.id, ...motion } });
  if (created.status !== 201) throw new Error(`motion ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const step = (s: string) => t.call('POST', `/motions/${id}/steps/${s}`, { token: w.secA.token, body: {} });
  const opened = await step('open-voting');
  if (opened.status !== 200) throw new Error(`open ${opened.status} ${JSON.stringify(opened.body)}`);
  for (const [i, choice] of choices.entries()) {
    const r = await vote(t, world, present[i]!, `/motions/${id}`, { choice });
    if (r.status !== 200) throw new Error(`vote ${r.status} ${JSON.stringify(r.body)}`);
  }
  await step('close-voting');
  const counted = await step('count');
  if (counted.status !== 200) throw new Error(`count ${counted.status} ${JSON.stringify(counted.body)}`);
  return counted.body as { id: string; passed: boolean };
}

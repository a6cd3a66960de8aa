import { MeetingReminderJob } from '../src/meetings/meeting-notices.service.js';
import { createTestApp, type TestApp } from './utils/app.js';
import { createMeeting, HOUR, meetingWorld, MIN, T0, type World } from './utils/meeting-fixtures.js';

/** Meeting notices to attendees when scheduled, changed or cancelled, and the reminder before the start (issue 14). */
describe('meeting notices and reminders', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({ MEETING_REMIND_LEAD_MIN: '30', MEETING_REMIND_INTERVAL_S: '0' });
    w = await meetingWorld(t);
  });
  afterAll(() => t.close());

  const inbox = async (token: string) =>
    ((await t.call('GET', '/notifications', { token })).body as { items: Array<{ kind: string; title: string; body: string; link: string }> }).items;

  it('tells the attendees when a meeting is scheduled, changed and cancelled — not branch B', async () => {
    const m = await createMeeting(t, w, {
      title: '七月党员大会',
      startsAt: new Date(T0.getTime() + 3 * HOUR).toISOString(),
      endsAt: new Date(T0.getTime() + 5 * HOUR).toISOString(),
    });
    const first = await inbox(w.members[0]!.token);
    expect(first[0]).toMatchObject({ kind: 'meeting.scheduled', title: '会议通知：七月党员大会', link: `/packages/checkin/pages/meeting/index?id=${m.id}` });
    expect(first[0]!.body).toContain('公司三楼会议室');
    expect(await inbox(w.memberB.token)).toHaveLength(0);

    const moved = await t.call('PATCH', `/meetings/${m.id}`, { token: w.secA.token, body: { place: '园区党群服务中心' } });
    expect(moved.status).toBe(200);
    expect((await inbox(w.members[0]!.token))[0]).toMatchObject({ kind: 'meeting.changed', title: '会议变更：七月党员大会' });
    expect((await inbox(w.members[0]!.token))[0]!.body).toContain('园区党群服务中心');
    // A change of agenda alone is not news to the attendees.
    await t.call('PATCH', `/meetings/${m.id}`, { token: w.secA.token, body: { agenda: '学习党章' } });
    expect(await inbox(w.members[0]!.token)).toHaveLength(2);

    await t.call('POST', `/meetings/${m.id}/cancel`, { token: w.secA.token, body: { reason: '与上级会议冲突' } });
    expect((await inbox(w.members[1]!.token))[0]).toMatchObject({ kind: 'meeting.cancelled', body: '党员大会已取消：与上级会议冲突' });
  });

  it('reminds the attendees once within the lead time, and again after the time changes', async () => {
    const m = await createMeeting(t, w, {
      title: '八月主题党日',
      type: 'theme_day',
      startsAt: new Date(T0.getTime() + 2 * HOUR).toISOString(),
      endsAt: new Date(T0.getTime() + 3 * HOUR).toISOString(),
    });
    const job = t.app.get(MeetingReminderJob);
    expect((await job.runNow()).meetings).toBe(0);
    w.clock.set(new Date(T0.getTime() + 2 * HOUR - 20 * MIN));
    const r = await job.runNow();
    expect(r.meetings).toBe(1);
    expect(r.notified).toBe(4);
    expect((await inbox(w.members[2]!.token))[0]).toMatchObject({ kind: 'meeting.reminder', title: '会议提醒：八月主题党日' });
    expect((await job.runNow()).meetings).toBe(0);

    const later = await t.call('PATCH', `/meetings/${m.id}`, {
      token: w.secA.token,
      body: { startsAt: new Date(T0.getTime() + 4 * HOUR).toISOString(), endsAt: new Date(T0.getTime() + 5 * HOUR).toISOString() },
    });
    expect(later.status).toBe(200);
    w.clock.set(new Date(T0.getTime() + 4 * HOUR - 10 * MIN));
    expect((await job.runNow()).meetings).toBe(1);
    w.clock.set(T0);
  });
});

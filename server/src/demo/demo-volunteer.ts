import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEFAULT_VOLUNTEER_RULE_SET, serviceSeconds, VOLUNTEER_RULE_SETS } from '@dangjian/shared';
import { DataSource } from 'typeorm';
import { SessionService } from '../auth/session.service.js';
import { Clock } from '../common/clock.js';
import { LiveClassService } from '../live-class/live-class.service.js';
import { VolunteeringService } from '../volunteering/volunteering.service.js';

const HOUR = 3600_000;

/**
 * 志愿服务 and 红色直播间 for the demo: the demo branch's rescue team (the demo member leads it, two
 * 群众 volunteers), an activity running now (its code and roster), one next week with a waiting list,
 * a past one with credited hours; a host rota, a class live now and one next week.
 */
export async function seedDemoVolunteer(app: NestFastifyApplication) {
  const db = app.get(DataSource);
  if ((await db.query(`SELECT 1 FROM volunteer_team LIMIT 1`)).length > 0) return;
  const [sec] = await db.query(
    `SELECT u.id, m.organisation_id AS branch_id FROM user_account u JOIN member m ON m.id = u.member_id WHERE u.username = 'demo-secretary'`,
  );
  const [demo] = await db.query(`SELECT u.id, u.member_id FROM user_account u WHERE u.username = 'demo-member'`);
  if (!sec || !demo?.member_id) return;
  const sessions = app.get(SessionService);
  const auth = await sessions.openForDemoLoader(sec.id);
  const others: Array<{ id: string }> = await db.query(
    `SELECT id FROM member WHERE organisation_id = $1 AND id <> $2 AND left_at IS NULL ORDER BY name LIMIT 6`,
    [sec.branch_id, demo.member_id],
  );
  const vol = app.get(VolunteeringService);
  const now = app.get(Clock).nowMs();
  const at = (ms: number) => new Date(Math.floor(ms / (30 * 60_000)) * 30 * 60_000).toISOString();

  const team = await vol.createTeam(auth, { orgId: sec.branch_id, name: '星云科技公益救援队', description: '山地搜救、防走失黄手环发放、社区服务' });
  await vol.addVolunteer(auth, team.id, { memberId: demo.member_id, leader: true });
  for (const o of others.slice(0, 4)) await vol.addVolunteer(auth, team.id, { memberId: o.id, leader: false });
  await vol.addVolunteer(auth, team.id, { name: '王秀兰', phone: '13912345678', consent: true, leader: false });
  await vol.addVolunteer(auth, team.id, { name: '陈建国', phone: '13687654321', consent: true, leader: false });

  const running = await vol.createActivity(auth, {
    teamId: team.id,
    title: '社区防走失黄手环发放',
    place: '幸福里社区服务中心',
    startsAt: at(now - HOUR),
    endsAt: at(now + 3 * HOUR),
    capacity: 8,
    description: '为社区高龄老人登记并发放防走失黄手环，讲解使用方法。',
  });
  const next = await vol.createActivity(auth, {
    teamId: team.id,
    title: '山地搜救技能演练',
    place: '凤凰山应急演练基地',
    startsAt: at(now + 7 * 24 * HOUR),
    endsAt: at(now + 7 * 24 * HOUR + 6 * HOUR),
    capacity: 2,
    description: '绳索技术、GPS 定位与伤员转运演练，需体能良好。',
  });
  const past = await vol.createActivity(auth, {
    teamId: team.id,
    title: '河道清洁志愿行动',
    place: '滨江步道',
    startsAt: at(now - 10 * 24 * HOUR),
    endsAt: at(now - 10 * 24 * HOUR + 4 * HOUR),
    capacity: 10,
    description: '沿河捡拾垃圾，劝导文明游园。',
  });
  // Places and attendance as volunteers would have made them (the demo runs without anyone scanning).
  const signup = async (activityId: string, memberId: string, state: string, inAt: number | null, outAt: number | null) => {
    const [v] = await db.query(`SELECT id FROM volunteer WHERE member_id = $1`, [memberId]);
    const seconds = inAt && outAt ? serviceSeconds(new Date(inAt), new Date(outAt), VOLUNTEER_RULE_SETS[DEFAULT_VOLUNTEER_RULE_SET].dailyCapHours) : null;
    await db.query(
      `INSERT INTO volunteer_signup (activity_id, volunteer_id, state, signed_up_at, signed_in_at, signed_out_at, service_seconds) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [activityId, v.id, state, new Date(now - 12 * 24 * HOUR), inAt ? new Date(inAt) : null, outAt ? new Date(outAt) : null, seconds],
    );
  };
  const pastStart = Date.parse(past.startsAt);
  await signup(past.id, demo.member_id, 'confirmed', pastStart, pastStart + 3.5 * HOUR);
  for (const o of others.slice(0, 3)) await signup(past.id, o.id, 'confirmed', pastStart + 10 * 60_000, pastStart + 4 * HOUR);
  await db.query(`UPDATE volunteer_activity SET report = $2 WHERE id = $1`, [
    past.id,
    '12 名志愿者清理滨江步道 3 公里，收集垃圾 40 余袋，劝导游客 60 余人次。',
  ]);
  for (const o of others.slice(0, 3)) await signup(running.id, o.id, 'confirmed', now - 50 * 60_000, null);
  await signup(next.id, others[0]!.id, 'confirmed', null, null);
  await signup(next.id, others[1]!.id, 'confirmed', null, null);
  await signup(next.id, others[2]!.id, 'waitlisted', null, null);

  // 红色直播间: the rota starts with the demo member; a class live now and the next one.
  const live = app.get(LiveClassService);
  await live.setRota(auth, sec.branch_id, { memberIds: [demo.member_id, ...others.slice(0, 3).map((o) => o.id)] });
  await live.create(auth, {
    orgId: sec.branch_id,
    topic: '讲述红色故事：八女投江',
    summary: '红色主播讲述东北抗联八位女战士的英雄事迹。',
    startsAt: at(now - 10 * 60_000),
    endsAt: at(now + HOUR),
    hostMemberId: null,
    streamKind: 'hls',
    streamUrl: 'https://test-streams.mux.dev/x36xhzz/x36xhzz.m3u8',
    videoFileId: null,
    videoDurationS: null,
  });
  await live.create(auth, {
    orgId: sec.branch_id,
    topic: '学习新时代优秀共产党员事迹',
    summary: '轮值主播分享身边的先进典型。',
    startsAt: at(now + 7 * 24 * HOUR),
    endsAt: at(now + 7 * 24 * HOUR + HOUR),
    hostMemberId: null,
    streamKind: 'hls',
    streamUrl: 'https://test-streams.mux.dev/x36xhzz/x36xhzz.m3u8',
    videoFileId: null,
    videoDurationS: null,
  });
}

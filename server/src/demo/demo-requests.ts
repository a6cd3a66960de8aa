import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { UserAccountEntity } from '../auth/auth.entities.js';
import { PasswordHasher } from '../auth/password.js';
import { SessionService } from '../auth/session.service.js';
import { CatalogueService } from '../requests/catalogue.service.js';
import { RequestsService } from '../requests/requests.service.js';
import { TemporaryBranchesService } from '../temporary-branches/temporary-branches.service.js';
import { DEMO_PASSWORD } from './demo-seed.js';

const DEPARTMENTS = ['组织部', '经信局', '商务局', '科技局', '税务局', '人社局'];

/**
 * Issue 18 in the demo park: departments with a handler (`demo-handler`, 经信局), an enterprise contact of
 * 星云科技 (`demo-contact`), requests in several states, the catalogue, a room with a booking, and a
 * 战时党支部 with two seconded members. Everything goes through the module services (their rules and
 * audit). Runs once: a park that has departments already is left alone.
 */
export async function seedDemoRequests(app: NestFastifyApplication) {
  const db = app.get(DataSource);
  const [park] = await db.query(
    `SELECT o.id, (SELECT id FROM user_account WHERE username = 'demo-worker') AS worker,
            (SELECT e.id FROM enterprise e WHERE e.name = '星云科技有限公司') AS xingyun
       FROM organisation o WHERE o.parent_id IS NULL AND o.kind = 'committee' ORDER BY o.created_at LIMIT 1`,
  );
  if (!park?.worker || !park.xingyun) return;
  if ((await db.query(`SELECT 1 FROM service_department WHERE committee_id = $1`, [park.id])).length > 0) return;

  const passwordHash = await new PasswordHasher().hash(DEMO_PASSWORD);
  const account = (key: string, displayName: string) =>
    db.getRepository(UserAccountEntity).save({ username: `demo-${key}`, displayName, memberId: null, passwordHash, isDemo: true });
  const handler = await account('handler', '经信局 李科长');
  const contactUser = await account('contact', '星云科技 行政 王经理');
  const sessions = app.get(SessionService);
  const as = (userId: string) => sessions.openForDemoLoader(userId);
  const worker = await as(park.worker);
  const requests = app.get(RequestsService);
  const catalogue = app.get(CatalogueService);

  const deps = [];
  for (const name of DEPARTMENTS)
    deps.push(
      await requests.saveDepartment(worker, null, {
        committeeId: park.id,
        name,
        handlerUserIds: name === '经信局' ? [handler.id] : [worker.userId],
        active: true,
      }),
    );
  await requests.appointContact(worker, { committeeId: park.id, enterpriseId: park.xingyun, userId: contactUser.id });
  const contact = await as(contactUser.id);
  const econ = await as(handler.id);
  const step = (
    auth: typeof worker,
    id: string,
    action: Parameters<RequestsService['step']>[2],
    text: string | null,
    extra: { departmentId?: string; rating?: number } = {},
  ) => requests.step(auth, id, action, { text, departmentId: extra.departmentId ?? null, rating: extra.rating ?? null });
  const file = (category: Parameters<RequestsService['create']>[1]['category'], title: string, description: string) =>
    requests.create(contact, { category, title, description, enterpriseId: park.xingyun, attachmentIds: [] });

  const parking = await file('premises', '园区员工停车费过高', '软件园停车每月 600 元，员工负担重，希望园区给予入驻企业优惠。');
  await step(worker, parking.id, 'route', null, { departmentId: deps[1]!.id });
  await step(econ, parking.id, 'accept', null);
  await step(econ, parking.id, 'resolve', '已与园区管委会协调，入驻企业员工月卡降至 300 元，12 月起执行。');
  await step(contact, parking.id, 'confirm', null, { rating: 5 });
  const piracy = await file('ip', '在线课程被盗版传播', '公司的付费课程被第三方网站盗录转售，希望协助维权。');
  await step(worker, piracy.id, 'route', null, { departmentId: deps[1]!.id });
  await step(econ, piracy.id, 'accept', null);
  await step(econ, piracy.id, 'ask', '请提供课程著作权登记证书和侵权网址截图。');
  await file('talent', '引进人才住房补贴咨询', '新引进的两名算法工程师能否申请园区人才公寓？');

  await catalogue.saveItem(worker, null, {
    committeeId: park.id,
    kind: 'policy',
    title: '入驻企业人才公寓申请指南',
    body: '园区内登记注册的企业，其本科以上学历员工可申请人才公寓，租金为市场价的六折。',
    contact: '园区人才服务中心 0571-8800 1234',
    published: true,
  });
  await catalogue.saveItem(worker, null, {
    committeeId: park.id,
    kind: 'channel',
    title: '红色服务通道：企业开办一件事',
    body: '党员企业负责人可预约专人代办营业执照、刻章、税务登记。',
    contact: '党群服务中心 前台',
    published: true,
  });
  await catalogue.saveRoom(worker, null, { committeeId: park.id, name: '党群服务中心一号会议室', location: '园区 A 栋 1 楼', capacity: 30, active: true });
  await catalogue.saveRoom(worker, null, { committeeId: park.id, name: '党员活动室', location: '园区 A 栋 2 楼', capacity: 60, active: true });

  const temp = await app.get(TemporaryBranchesService).create(worker, {
    parentId: park.id,
    name: '智慧园区项目战时党支部',
    project: '智慧园区一期建设（120 天）',
    kind: 'wartime',
    startsOn: '2026-10-01',
    endsOn: '2027-01-28',
  });
  const seconded: Array<{ id: string }> = await db.query(
    `SELECT m.id FROM member m JOIN organisation o ON o.id = m.organisation_id WHERE o.name = '星云科技有限公司党支部' ORDER BY m.name LIMIT 2`,
  );
  if (seconded.length) await app.get(TemporaryBranchesService).second(worker, temp.orgId, { memberIds: seconded.map((s) => s.id) });
  await Promise.all([worker, contact, econ].map((a) => sessions.revoke(a.sessionId)));
}

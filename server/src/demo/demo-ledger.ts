import { chinaToday, creditCodeCheckChar, dayMonthsBefore } from '@dangjian/shared';
import type { EntityManager } from 'typeorm';
import { UserAccountEntity } from '../auth/auth.entities.js';
import { EnterpriseOfficerEntity, EnterpriseVisitEntity } from '../ledger/ledger.entities.js';
import { EnterpriseEntity } from '../organisations/organisation.entity.js';
import { ENTERPRISES, type EnterpriseKey } from './demo-data.js';

const code = (body: string) => body + creditCodeCheckChar(body)!;

/** Size and contact of the park's enterprises as a 摸排 would record them. */
const FACTS: Record<EnterpriseKey, { employees: number; foundedOn: string; declared: number }> = {
  xingyun: { employees: 420, foundedOn: '2012-04-16', declared: 0 },
  jiguang: { employees: 260, foundedOn: '2014-09-01', declared: 1 },
  yunfan: { employees: 180, foundedOn: '2015-03-20', declared: 0 },
  mozi: { employees: 150, foundedOn: '2016-11-11', declared: 0 },
  lanjing: { employees: 95, foundedOn: '2017-06-06', declared: 2 },
  qinghe: { employees: 60, foundedOn: '2018-01-08', declared: 0 },
  weilan: { employees: 48, foundedOn: '2018-07-19', declared: 0 },
  qiwu: { employees: 75, foundedOn: '2019-05-30', declared: 3 },
  beichen: { employees: 130, foundedOn: '2013-10-10', declared: 0 },
  shiguang: { employees: 35, foundedOn: '2020-02-14', declared: 0 },
  zhixing: { employees: 110, foundedOn: '2016-08-08', declared: 1 },
  qianfan: { employees: 200, foundedOn: '2015-12-01', declared: 0 },
};

/** Found by the 摸排 but reached by no organisation yet: the coverage gaps of the demo. */
const LEDGER_ONLY = [
  { name: '星河云创网络科技有限公司', body: '91330106MA2B00001', industry: '软件和信息技术服务', employees: 32, declared: 3 },
  { name: '锦程跨境电商有限公司', body: '91330106MA2B00002', industry: '电子商务', employees: 18, declared: 1 },
  { name: '青鸟在线教育科技有限公司', body: '91330106MA2B00003', industry: '在线教育', employees: 12, declared: 0 },
];

/**
 * The park's enterprise ledger (issue 15) and its officers (issue 18): every demo enterprise in the
 * park committee's ledger, three only found by the 摸排, the worker 周晓东 as 党建指导员 of six with
 * visits over the last months (one enterprise overdue), the demo member as 驻企联络员 of one.
 */
export async function seedDemoLedger(m: EntityManager, parkId: string): Promise<void> {
  const today = chinaToday();
  const byName = new Map<string, string>();
  for (const e of ENTERPRISES) {
    const f = FACTS[e.key];
    const row = await m.findOneByOrFail(EnterpriseEntity, { creditCode: e.creditCode });
    await m.update(EnterpriseEntity, row.id, {
      committeeId: parkId,
      employees: f.employees,
      foundedOn: f.foundedOn,
      address: `星河科技园 ${3 + (byName.size % 6)} 号楼`,
      contactName: '行政负责人',
      contactPhone: `0571-8888${String(1000 + byName.size)}`,
      declaredMembers: f.declared,
      listedOn: '2025-03-01',
    });
    byName.set(e.key, row.id);
  }
  for (const e of LEDGER_ONLY) {
    const saved = await m.save(
      m.create(EnterpriseEntity, {
        name: e.name,
        creditCode: code(e.body),
        industry: e.industry,
        committeeId: parkId,
        employees: e.employees,
        declaredMembers: e.declared,
        listedOn: dayMonthsBefore(today, 4),
        notes: '2026 年摸排新发现，尚未建立党组织',
      }),
    );
    byName.set(e.name, saved.id);
  }
  const worker = await m.findOneByOrFail(UserAccountEntity, { username: 'demo-worker' });
  const member = await m.findOneByOrFail(UserAccountEntity, { username: 'demo-member' });
  const instructed = ['xingyun', 'jiguang', 'qiwu', 'shiguang', LEDGER_ONLY[0]!.name, LEDGER_ONLY[1]!.name];
  for (const key of instructed) {
    await m.insert(EnterpriseOfficerEntity, {
      enterpriseId: byName.get(key)!,
      role: 'instructor',
      userId: worker.id,
      startsOn: '2025-03-01',
      appointedBy: worker.id,
    });
  }
  await m.insert(EnterpriseOfficerEntity, {
    enterpriseId: byName.get('qiwu')!,
    role: 'liaison',
    userId: member.id,
    startsOn: '2025-03-01',
    appointedBy: worker.id,
  });
  const visits: Array<[string, number, string, string | null, string | null]> = [
    ['xingyun', 1, '党支部换届准备、党员发展计划', null, null],
    ['jiguang', 2, '青年员工入党意愿摸底', '新入职党员组织关系未转入', '下月前协助办理转入'],
    ['qiwu', 1, '宣讲单独组建党支部政策', '园区停车费偏高，企业反映强烈', '协调园区管委会，月底前答复'],
    [LEDGER_ONLY[0]!.name, 0, '首次走访：党员摸排、党建工作指导', '在线课程被盗版网站盗用', '联系网信部门协助维权'],
    ['shiguang', 7, '了解企业经营与党员情况', null, null],
  ];
  for (const [key, monthsAgo, topics, problems, followUps] of visits) {
    await m.insert(EnterpriseVisitEntity, {
      enterpriseId: byName.get(key)!,
      userId: worker.id,
      visitedOn: dayMonthsBefore(today, monthsAgo),
      peopleMet: '企业负责人、人事经理',
      topics,
      problems,
      followUps,
    });
  }
}

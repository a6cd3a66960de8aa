import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { addMonthsToDate, chinaDate, type PointsActivity } from '@dangjian/shared';
import { DataSource } from 'typeorm';
import { SessionService } from '../auth/session.service.js';
import { CardDistinctionsService } from '../card/card-distinctions.service.js';
import { CardService } from '../card/card.service.js';
import { PointsDeductionsService } from '../points/points-deductions.service.js';
import { PointsService } from '../points/points.service.js';

/**
 * Demo data of issue 17's member side: 先锋岗 and honours on the demo member's branch, the demo
 * member's card showing study, points and honours publicly, a month of points from several
 * activities for the branch, one deduction waiting for the park's worker, and a rule version the
 * worker scheduled for next month. Idempotent: skipped once any 先锋岗/honour exists.
 */
export async function seedDemoCardPoints(app: NestFastifyApplication) {
  const db = app.get(DataSource);
  if ((await db.query(`SELECT 1 FROM member_distinction LIMIT 1`)).length > 0) return;
  const [member] = await db.query(
    `SELECT u.id AS user_id, m.id, m.organisation_id AS branch_id FROM user_account u JOIN member m ON m.id = u.member_id WHERE u.username = 'demo-member'`,
  );
  const [secretary] = await db.query(`SELECT u.id AS user_id, u.member_id AS id FROM user_account u WHERE u.username = 'demo-secretary'`);
  const [worker] = await db.query(`SELECT id AS user_id FROM user_account WHERE username = 'demo-worker'`);
  if (!member || !secretary || !worker) return;
  const sessions = app.get(SessionService);
  const open = (userId: string) => sessions.openForDemoLoader(userId);
  const [mem, sec, wrk] = [await open(member.user_id), await open(secretary.user_id), await open(worker.user_id)];
  try {
    const cards = app.get(CardService);
    const distinctions = app.get(CardDistinctionsService);
    const post = await distinctions.add(sec, { memberId: member.id, kind: 'vanguard', title: '党员先锋岗·研发中心', awardedOn: '2026-01-15' });
    await distinctions.add(sec, { memberId: member.id, kind: 'honour', title: '2025 年度优秀共产党员', awardedOn: '2025-07-01' });
    if (secretary.id) await distinctions.add(sec, { memberId: secretary.id, kind: 'honour', title: '园区党建工作先进个人', awardedOn: '2025-12-20' });
    await cards.setPrivacy(mem, { showStudy: true, showPoints: true, showVolunteer: false, showHonours: true });
    // The post's duties this month, recorded by the secretary (P3 vanguard_duty through the ledger).
    const postId = post.items.find((d) => d.kind === 'vanguard')?.id;
    const duties = ['为新入职员工讲解党员先锋岗职责', '牵头解决研发中心测试环境故障', '带领岗位开展节能降耗检查'];
    if (postId) {
      for (const [i, note] of duties.entries()) {
        const day = chinaDate(new Date(Date.now() - (3 + i * 7) * 86_400_000));
        if (day >= '2026-01-15') await distinctions.recordDuty(sec, postId, { performedOn: day, note });
      }
    }

    // A month of activity for the branch: acknowledgements, fees on time (caps apply as always).
    const branch: Array<{ id: string }> = await db.query(
      `SELECT id FROM member WHERE organisation_id = $1 AND left_at IS NULL ORDER BY (id = $2) DESC, name LIMIT 30`,
      [member.branch_id, member.id],
    );
    const points = app.get(PointsService);
    const now = Date.now();
    await db.transaction(async (tx) => {
      for (const [i, m] of branch.entries()) {
        // From today back: loaded on 1 January, the member still has this year's first points.
        for (let d = 0; d < 30; d++) {
          const day = chinaDate(new Date(now - d * 86_400_000));
          const acts: PointsActivity[] = [];
          if ((i + d) % 3 === 0) acts.push('notice_ack');
          if (d === 10 + (i % 10)) acts.push('fee_on_time');
          for (const a of acts) await points.award(tx, m.id, a, `demo:${a}:${m.id}:${day}`, day);
        }
      }
    });

    const other = branch.find((m) => m.id !== member.id && m.id !== secretary.id);
    if (other) await app.get(PointsDeductionsService).propose(sec, { memberId: other.id, points: 5, reason: '无故缺席本月主题党日活动' });
    await points.addRuleVersion(wrk, {
      activity: 'vanguard_duty',
      points: 3,
      dailyCap: 6,
      yearlyCap: 150,
      // The first of next month (China time): a version scheduled, not yet in force.
      effectiveFrom: `${addMonthsToDate(chinaDate(new Date(now)), 1).slice(0, 7)}-01`,
      note: '加大先锋岗履职激励',
    });
  } finally {
    for (const a of [mem, sec, wrk]) await sessions.revoke(a.sessionId);
  }
}

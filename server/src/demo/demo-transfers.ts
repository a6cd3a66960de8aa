import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { CreateTransferDto, TransferStepDto } from '@dangjian/shared';
import { DataSource } from 'typeorm';
import { RoleAssignmentEntity, UserAccountEntity } from '../auth/auth.entities.js';
import { PasswordHasher } from '../auth/password.js';
import { PhoneCipher } from '../common/sensitive-cipher.js';
import { SessionService } from '../auth/session.service.js';
import { FeeBillsService } from '../fees/fee-bills.service.js';
import { MemberEntity } from '../members/member.entity.js';
import { OrganisationEntity } from '../organisations/organisation.entity.js';
import { TransfersService } from '../transfers/transfers.service.js';
import { DEMO_PASSWORD } from './demo-seed.js';

export const RECEIVING_COMMITTEE = '高新区数字经济产业园联合党委';
export const RECEIVING_BRANCH = '数智未来科技有限公司党支部';
const NAMES = ['韩思远', '邓雨桐', '曹俊熙', '彭语嫣', '蒋浩然', '田沐晨', '袁可馨', '于嘉树'];

/**
 * The receiving side of relationship transfers (T1–T8) and a few transfers in different states, so
 * the queues are not empty: a second 基层党委 with one enterprise branch, its worker
 * (`demo-transfer-worker`) and the branch's secretary (`demo-transfer-secretary`). Transfers go
 * through the transfer service itself (the rules decide every step). Runs once: a database that has
 * the receiving committee already is left alone. Call after seedDemoFees (T3 needs paid fees).
 */
export async function seedDemoTransfers(app: NestFastifyApplication) {
  const db = app.get(DataSource);
  if ((await db.query(`SELECT 1 FROM organisation WHERE name = $1`, [RECEIVING_COMMITTEE])).length > 0) return;
  const [sending] = await db.query(
    `SELECT u.id AS secretary_user, m.organisation_id AS branch_id,
            (SELECT id FROM user_account WHERE username = 'demo-worker') AS worker_user
       FROM user_account u JOIN member m ON m.id = u.member_id WHERE u.username = 'demo-secretary'`,
  );
  if (!sending?.worker_user) return;

  const { committee, branch, workerId } = await db.transaction(async (m) => {
    const committee = await m.save(m.create(OrganisationEntity, { name: RECEIVING_COMMITTEE, kind: 'committee', isJoint: true, establishedOn: '2020-03-18' }));
    const branch = await m.save(m.create(OrganisationEntity, { name: RECEIVING_BRANCH, kind: 'branch', parentId: committee.id, establishedOn: '2021-06-30' }));
    const ids = (
      await m.insert(
        MemberEntity,
        NAMES.map((name, i) => ({
          organisationId: branch.id,
          name,
          gender: i % 2 ? ('female' as const) : ('male' as const),
          ethnicity: '汉族',
          birthDate: `${1985 + i}-0${1 + (i % 9)}-1${i}`,
          joinDate: `${2010 + i}-07-01`,
          fullMemberDate: `${2011 + i}-07-01`,
          status: 'full' as const,
          flags: [],
          ...app.get(PhoneCipher).seal(`1370000${String(1000 + i)}`),
        })),
      )
    ).identifiers.map((x) => x.id as string);
    const passwordHash = await new PasswordHasher().hash(DEMO_PASSWORD);
    const worker = await m.save(
      m.create(UserAccountEntity, { username: 'demo-transfer-worker', displayName: '沈组织员', memberId: null, passwordHash, isDemo: true }),
    );
    await m.insert(RoleAssignmentEntity, { userId: worker.id, role: 'org_worker', organisationId: committee.id });
    const secretary = await m.save(
      m.create(UserAccountEntity, { username: 'demo-transfer-secretary', displayName: NAMES[0]!, memberId: ids[0]!, passwordHash, isDemo: true }),
    );
    await m.insert(RoleAssignmentEntity, { userId: secretary.id, role: 'secretary', organisationId: branch.id });
    return { committee, branch: await m.findOneByOrFail(OrganisationEntity, { id: branch.id }), workerId: worker.id };
  });

  const sessions = app.get(SessionService);
  const as = (userId: string) => sessions.openForDemoLoader(userId);
  const [secretary, parkWorker, receiver] = await Promise.all([as(sending.secretary_user), as(sending.worker_user), as(workerId)]);
  try {
    const transfers = app.get(TransfersService);
    const fees = app.get(FeeBillsService);
    // Members of the sending branch without seats or accounts whose fees are paid through this month (T3).
    const candidates: Array<{ id: string }> = await db.query(
      `SELECT m.id FROM member m WHERE m.organisation_id = $1 AND m.flags = '{}'
          AND NOT EXISTS (SELECT 1 FROM user_account u WHERE u.member_id = m.id)
          AND NOT EXISTS (SELECT 1 FROM committee_position cp WHERE cp.member_id = m.id)
        ORDER BY m.name, m.id LIMIT 30`,
      [sending.branch_id],
    );
    const paid: string[] = [];
    for (const c of candidates) {
      if ((await fees.paidUntilFor(c.id)).paidThroughCurrentMonth) paid.push(c.id);
      if (paid.length === 5) break;
    }
    const start = (memberId: string, body: Record<string, unknown>) =>
      transfers.create(secretary, { memberId, reason: '工作调动', validityDays: 30, ...body } as CreateTransferDto);
    const go = (id: string, auth: typeof secretary, body: Record<string, unknown>) => transfers.step(auth, id, body as TransferStepDto);
    // 待办 of the park committee: approve.
    if (paid[0]) await start(paid[0], { kind: 'internal', toOrgId: committee.id });
    // 待办 of the receiving committee: accept and assign a branch.
    if (paid[1]) await go((await start(paid[1], { kind: 'internal', toOrgId: branch.id })).id, parkWorker, { action: 'approve' });
    // Accepted, waiting for the member to report (待对方办理 on both sides).
    if (paid[2]) {
      const t = await start(paid[2], { kind: 'internal', toOrgId: committee.id });
      await go(t.id, parkWorker, { action: 'approve' });
      await go(t.id, receiver, { action: 'accept', assignOrgId: branch.id });
    }
    // Out of the platform, letter issued and past its validity (逾期 on the sending side, T6).
    if (paid[3]) {
      const t = await start(paid[3], { kind: 'outbound', toOrgName: '成都市高新区某科技公司党支部', validityDays: 15 });
      await go(t.id, parkWorker, { action: 'approve' });
      await db.query(
        `WITH u AS (UPDATE transfer SET due_on = current_date - 3 WHERE id = $1 RETURNING id) SELECT transfer_queue_refresh(ARRAY(SELECT id FROM u))`,
        [t.id],
      );
      await db.query(`UPDATE transfer_letter SET issued_on = current_date - 17, valid_until = current_date - 3 WHERE transfer_id = $1`, [t.id]);
    }
    // A 党员证明信 (temporary), completed at issue.
    if (paid[4]) await go((await start(paid[4], { kind: 'certificate', toOrgName: '上海市浦东新区某街道党工委' })).id, parkWorker, { action: 'approve' });
    // Into the platform: a member arriving with a paper letter, waiting to report.
    await transfers.create(receiver, {
      kind: 'inbound',
      fromOrgName: '杭州市西湖区某街道党工委',
      paperLetterNumber: '〔2026〕第0368号',
      reason: '工作调动',
      member: {
        orgId: branch.id,
        name: '钱若溪',
        gender: 'female',
        ethnicity: '汉族',
        birthDate: '1993-05-20',
        joinDate: '2016-06-01',
        status: 'full',
        fullMemberDate: '2017-06-01',
        flags: [],
      },
    });
  } finally {
    await Promise.all([secretary, parkWorker, receiver].map((a) => sessions.revoke(a.sessionId)));
  }
}

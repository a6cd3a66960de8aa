import { chinaYear } from '@dangjian/shared';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { SessionService } from '../auth/session.service.js';
import { FeePaymentsService } from '../fees/fee-payments.service.js';
import { FeeStandardsService } from '../fees/fee-standards.service.js';

/**
 * Party fees of the demo branch, through the fee services themselves (so the rules F1–F4 compute
 * every amount): each member's base for this year, this month's bills, and cash payments recorded
 * for about two thirds of the branch — the demo member still owes this month, to try paying.
 * Runs once: a database that has any fee standard already is left alone.
 */
export async function seedDemoFees(app: NestFastifyApplication) {
  const db = app.get(DataSource);
  if ((await db.query(`SELECT 1 FROM fee_standard LIMIT 1`)).length > 0) return;
  const [secretary] = await db.query(
    `SELECT u.id, m.organisation_id FROM user_account u JOIN member m ON m.id = u.member_id WHERE u.username = 'demo-secretary'`,
  );
  if (!secretary) return;
  const sessions = app.get(SessionService);
  const auth = await sessions.openForDemoLoader(secretary.id);
  try {
    const members: Array<{ id: string; demo: boolean }> = await db.query(
      `SELECT m.id, EXISTS (SELECT 1 FROM user_account u WHERE u.member_id = m.id AND u.username = 'demo-member') AS demo
         FROM member m WHERE m.organisation_id = $1 ORDER BY m.name, m.id`,
      [secretary.organisation_id],
    );
    const standards = app.get(FeeStandardsService);
    const payments = app.get(FeePaymentsService);
    // The fee year is China's (F4: the fee is fixed per calendar year), whatever the server's time zone.
    const year = chinaYear(new Date());
    for (const [i, m] of members.entries()) {
      // After-tax monthly pay of an Internet company: 6,000–35,000 yuan, deterministic per position.
      const baseFen = (6000 + ((i * 7919) % 29_000)) * 100;
      await standards.set(auth, m.id, { year, category: 'salaried', baseFen });
      if (m.demo || i % 3 === 2) continue;
      const bills: Array<{ id: string; amount_due_fen: string }> = await db.query(
        `SELECT id, amount_due_fen FROM fee_bill WHERE member_id = $1 AND status = 'unpaid' ORDER BY month`,
        [m.id],
      );
      if (bills.length === 0) continue;
      const amountFen = bills.reduce((sum, b) => sum + Number(b.amount_due_fen), 0);
      await payments.record(auth, { kind: 'bills', memberId: m.id, billIds: bills.map((b) => b.id), amountFen, method: i % 2 ? 'cash' : 'transfer' });
    }
  } finally {
    await sessions.revoke(auth.sessionId);
  }
}

import { z } from 'zod';
import { UuidSchema } from './common.js';

/**
 * Reminders a secretary sends from where they see the problem: 催缴 from the fee arrears, 提醒 from study
 * oversight. Each goes to the member's inbox and, for members signed in with WeChat, as a subscribe
 * message through the notification outbox; one of a kind per member per day (Beijing).
 */
export const ReminderKind = z.enum(['fee_arrears', 'study_hours']);
export type ReminderKind = z.infer<typeof ReminderKind>;
export const REMINDER_KIND_LABEL: Record<ReminderKind, string> = { fee_arrears: '党费催缴', study_hours: '学习提醒' };

export const SendRemindersSchema = z
  .object({
    kind: ReminderKind,
    /** The organisation whose members are reminded (fee.manage or study.manage there). */
    orgId: UuidSchema,
    memberIds: z.array(UuidSchema).min(1).max(500),
    /** study_hours: the year the hours are behind in. */
    year: z.number().int().min(2000).max(2100).optional(),
  })
  .meta({ id: 'SendReminders' });
export type SendRemindersDto = z.infer<typeof SendRemindersSchema>;

export const ReminderResultSchema = z
  .object({
    /** Members reminded now. */
    sent: z.number().int(),
    /** Already reminded of this today: not sent again. */
    alreadyToday: z.number().int(),
    /** No account to reach, or (fees) nothing owed any more. */
    skipped: z.number().int(),
  })
  .meta({ id: 'ReminderResult' });
export type ReminderResult = z.infer<typeof ReminderResultSchema>;

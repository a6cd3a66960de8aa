import Taro from '@tarojs/taro';
import type { ReminderKind } from '@dangjian/shared';
import { REMINDER_KIND_LABEL } from '@dangjian/shared';
import { sendReminders } from '@/api/reminders';
import { confirmStep } from './confirm';

/**
 * Asks, sends the reminder and says what happened: how many were reminded, how many had been today
 * already (not sent twice), how many could not be reached.
 */
export async function remind(kind: ReminderKind, orgId: string, memberIds: string[], who: string, year?: number): Promise<void> {
  if (!memberIds.length) return;
  const what = REMINDER_KIND_LABEL[kind];
  const ok = await confirmStep(`发送${what}`, `向${who}发送${what}？党员会在“消息”中收到，已绑定微信的同时收到微信通知。`, '发送');
  if (!ok) return;
  try {
    const r = await sendReminders({ kind, orgId, memberIds, ...(year ? { year } : {}) });
    const parts = [`已提醒 ${r.sent} 人`];
    if (r.alreadyToday) parts.push(`${r.alreadyToday} 人今天已提醒过`);
    if (r.skipped) parts.push(`${r.skipped} 人无需或无法提醒`);
    void Taro.showToast({ title: parts.join('，'), icon: r.sent ? 'success' : 'none', duration: 3000 });
  } catch {
    // the client has shown the server's message
  }
}

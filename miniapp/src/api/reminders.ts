import type { ReminderResult, SendRemindersDto } from '@dangjian/shared';
import { request } from './client';

/** 催缴 / 学习提醒 to chosen members; the caller shows the outcome. */
export const sendReminders = (body: SendRemindersDto) => request<ReminderResult>('/reminders', { method: 'POST', body });

import type { CreateOfflineTraining } from '@dangjian/shared';
import { CreateOfflineTrainingSchema } from '@dangjian/shared';

/** 集中培训 recorded after the fact (L1: its hours count toward each attendee's year). */
export type OfflineTrainingForm = { title: string; date: string; hours: string; memberIds: string[] };

/** Most trainings are recorded on the day: the date starts as `today`. */
export const emptyOfflineTrainingForm = (today = ''): OfflineTrainingForm => ({ title: '', date: today, hours: '', memberIds: [] });

/** The request, or the first thing to fix (Chinese). `today` is 'YYYY-MM-DD' in China time. */
export function toOfflineTraining(
  orgId: string,
  f: OfflineTrainingForm,
  today: string,
): { ok: true; body: CreateOfflineTraining } | { ok: false; error: string } {
  if (!f.title.trim()) return { ok: false, error: '请填写培训名称' };
  if (!f.date) return { ok: false, error: '请选择培训日期' };
  if (f.date > today) return { ok: false, error: '只能登记已经举行的培训' };
  const hours = Number(f.hours.trim());
  if (!f.hours.trim() || !Number.isFinite(hours) || hours < 0.5 || hours > 200 || Math.round(hours * 2) !== hours * 2) {
    return { ok: false, error: '学时以 0.5 小时为单位，0.5 至 200' };
  }
  if (!f.memberIds.length) return { ok: false, error: '请选择参加培训的党员' };
  const parsed = CreateOfflineTrainingSchema.safeParse({ orgId, title: f.title, date: f.date, hours, memberIds: f.memberIds });
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, error: parsed.error.issues[0]?.message ?? '请检查填写的内容' };
}

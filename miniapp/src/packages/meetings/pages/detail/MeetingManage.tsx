import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Picker, Text, Textarea, View } from '@tarojs/components';
import type { MeetingDetail } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { cancelMeeting, listMeetings, updateMeeting } from '@/api/meetings';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { PromptDialog } from '@/components/PromptDialog';
import { chinaDateAndTime, chinaInstant } from '@/utils/format';
import { confirmStep } from '@/utils/confirm';
import { roomClashes } from '../../room-clash';
import './MeetingManage.scss';

/** A form line that opens a picker. */
function PickRow({ label, value }: { label: string; value: string }) {
  return (
    <View className='dj-field'>
      <Text className='dj-field__label'>{label}</Text>
      <Text className='dj-field__input'>{value}</Text>
      <Text className='meeting-manage__arrow'>›</Text>
    </View>
  );
}

type EditForm = { title: string; date: string; start: string; end: string; place: string; agenda: string };

const formOf = (m: MeetingDetail): EditForm => {
  const s = chinaDateAndTime(new Date(m.startsAt));
  const e = chinaDateAndTime(new Date(m.endsAt));
  return { title: m.title, date: s.date, start: s.time, end: e.time, place: m.place, agenda: m.agenda ?? '' };
};

/**
 * Asks before booking a room that is taken at that time (same place, overlapping time, in the meetings
 * the secretary can see); resolves true to go ahead.
 */
export async function roomIsFine(place: string, startsAt: string, endsAt: string, selfId?: string): Promise<boolean> {
  const date = chinaDateAndTime(new Date(startsAt)).date;
  const page = await listMeetings({ from: date, to: date, pageSize: 100 }).catch(() => null);
  const clashes = page ? roomClashes(page.items, place, startsAt, endsAt, selfId) : [];
  if (!clashes.length) return true;
  const c = clashes[0]!;
  const { time: from } = chinaDateAndTime(new Date(c.startsAt));
  const { time: to } = chinaDateAndTime(new Date(c.endsAt));
  return confirmStep('会场已被占用', `${place} 在 ${from}–${to} 已安排“${c.title}”（${c.organisationName}）。仍要安排在这里吗？`, '仍然安排');
}

/** 编辑 and 取消 of a meeting that has not ended (the server keeps times fixed once it has started). */
export function MeetingManage({ meeting: m, onChanged }: { meeting: MeetingDetail; onChanged: () => void }) {
  const [form, setForm] = useState<EditForm | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (m.status === 'cancelled' || m.status === 'ended') return null;
  const started = m.status === 'in_progress';
  const set = (patch: Partial<EditForm>) => setForm((f) => (f ? { ...f, ...patch } : f));

  const save = async () => {
    if (!form) return;
    const startsAt = chinaInstant(form.date, form.start);
    const endsAt = chinaInstant(form.date, form.end);
    if (!form.title.trim() || !form.place.trim()) return setError('请填写会议主题和地点');
    if (Date.parse(endsAt) <= Date.parse(startsAt)) return setError('结束时间须晚于开始时间');
    const moved = startsAt !== m.startsAt || endsAt !== m.endsAt || form.place !== m.place;
    if (moved && !(await roomIsFine(form.place, startsAt, endsAt, m.id))) return;
    setSaving(true);
    setError(null);
    try {
      await updateMeeting(m.id, {
        title: form.title.trim(),
        place: form.place.trim(),
        agenda: form.agenda,
        ...(started ? {} : { startsAt, endsAt }),
      });
      setForm(null);
      void Taro.showToast({ title: '会议已修改', icon: 'success' });
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const cancel = async (reason: string) => {
    await cancelMeeting(m.id, { reason });
    void Taro.showToast({ title: '会议已取消', icon: 'none' });
    onChanged();
  };

  return (
    <View className='meeting-manage'>
      <View className='meeting-manage__buttons'>
        <DjButton variant='secondary' onClick={() => setForm(formOf(m))}>
          编辑会议
        </DjButton>
        <DjButton variant='plain' onClick={() => setCancelling(true)}>
          取消会议
        </DjButton>
      </View>
      {form ? (
        <View className='meeting-manage__layer' role='dialog' aria-label='编辑会议'>
          <View className='meeting-manage__mask' onClick={saving ? undefined : () => setForm(null)} />
          <View className='meeting-manage__sheet'>
            <Text className='meeting-manage__title'>编辑会议</Text>
            <Field label='会议主题' name='title' value={form.title} maxlength={100} onChange={(title) => set({ title })} />
            {started ? (
              <Text className='meeting-manage__hint'>会议已开始，时间不能再改</Text>
            ) : (
              <>
                <Picker mode='date' value={form.date} onChange={(e) => set({ date: String(e.detail.value) })}>
                  <PickRow label='日期' value={form.date} />
                </Picker>
                <Picker mode='time' value={form.start} onChange={(e) => set({ start: String(e.detail.value) })}>
                  <PickRow label='开始时间' value={form.start} />
                </Picker>
                <Picker mode='time' value={form.end} onChange={(e) => set({ end: String(e.detail.value) })}>
                  <PickRow label='结束时间' value={form.end} />
                </Picker>
              </>
            )}
            <Field label='会议地点' name='place' value={form.place} maxlength={200} onChange={(place) => set({ place })} />
            <Textarea
              className='meeting-manage__agenda'
              value={form.agenda}
              maxlength={5000}
              placeholder='会议议程，每行一项'
              onInput={(e) => set({ agenda: e.detail.value })}
            />
            <FormError message={error} />
            <DjButton loading={saving} onClick={() => void save()}>
              保存修改
            </DjButton>
          </View>
        </View>
      ) : null}
      <PromptDialog
        open={cancelling}
        title='取消会议'
        description={`取消“${m.title}”后不能恢复，签到随之关闭。`}
        placeholder='请填写取消原因（参会党员可见）'
        confirmText='确认取消'
        minLength={2}
        onConfirm={cancel}
        onClose={() => setCancelling(false)}
      />
    </View>
  );
}

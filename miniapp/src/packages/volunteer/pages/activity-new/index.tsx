import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Textarea, View } from '@tarojs/components';
import { CreateVolunteerActivitySchema, VOLUNTEER_LIMITS } from '@dangjian/shared';
import { errorMessage } from '@/api/errors';
import { createActivity, getTeam } from '@/api/volunteer';
import { Card, InfoRow } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { TimeSlotRows } from '@/packages/admin/components/PickerRow';
import { chinaDateAndTime, chinaInstant } from '@/utils/format';
import { safeDecode } from '@/utils/qr';
import '../../volunteer.scss';

/** The team's organiser schedules an activity: title, place, day and hours, places (P4). */
export default function ActivityNewPage() {
  const teamId = safeDecode(useRouter().params.teamId);
  const team = useQuery(teamId ? `volunteer-team-${teamId}` : null, () => getTeam(teamId));
  const tomorrow = chinaDateAndTime(new Date(Date.now() + 24 * 3600_000)).date;
  const [form, setForm] = useState({ title: '', place: '', date: tomorrow, start: '09:00', end: '11:00', capacity: '10', description: '' });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));

  const submit = async () => {
    const parsed = CreateVolunteerActivitySchema.safeParse({
      teamId,
      title: form.title,
      place: form.place,
      startsAt: chinaInstant(form.date, form.start),
      endsAt: chinaInstant(form.date, form.end),
      capacity: Number(form.capacity),
      description: form.description,
    });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请检查填写的内容');
    setSaving(true);
    setError(null);
    try {
      const a = await createActivity(parsed.data);
      void Taro.showToast({ title: '活动已发布', icon: 'success' });
      void Taro.redirectTo({ url: `/packages/volunteer/pages/activity/index?id=${a.id}` });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='page vol'>
      <StateView loading={team.loading} error={team.error} ready={Boolean(team.data)} onRetry={() => void team.reload()}>
        <Card title='活动信息'>
          <InfoRow label='服务队' value={team.data?.name ?? ''} />
          <Field
            label='活动名称'
            name='title'
            value={form.title}
            maxlength={VOLUNTEER_LIMITS.titleMax}
            placeholder='例如：社区敬老服务'
            onChange={(title) => set({ title })}
          />
          <Field
            label='活动地点'
            name='place'
            value={form.place}
            maxlength={VOLUNTEER_LIMITS.placeMax}
            placeholder='例如：幸福里社区服务站'
            onChange={(place) => set({ place })}
          />
          <TimeSlotRows slot={form} onChange={set} />
          <Field label='名额（人）' name='capacity' type='number' value={form.capacity} maxlength={4} onChange={(capacity) => set({ capacity })} />
          <Textarea
            className='vol__textarea'
            value={form.description}
            maxlength={VOLUNTEER_LIMITS.textMax}
            placeholder='活动说明（选填）：集合时间、着装、注意事项'
            onInput={(e) => set({ description: e.detail.value })}
          />
          <FormError message={error} />
          <DjButton loading={saving} onClick={() => void submit()}>
            发布活动
          </DjButton>
        </Card>
      </StateView>
    </View>
  );
}

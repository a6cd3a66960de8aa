import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { chinaDate } from '@dangjian/shared';
import { listOfflineTrainings, recordOfflineTraining } from '@/api/study';
import { Card, InfoRow } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { useQuery } from '@/hooks/useQuery';
import { MemberPicker } from '../../MemberPicker';
import { emptyOfflineTrainingForm, toOfflineTraining, type OfflineTrainingForm } from '../../offline-training-form';
import { useStudyOrg } from '../../useStudyOrg';
import { useTask } from '../../useTask';
import '../../study.scss';

/** A secretary records a concentrated training held offline (党课, 专题培训): its hours count for each attendee (L1). */
export default function OfflineTrainingPage() {
  const { org } = useStudyOrg();
  const orgId = org?.orgId ?? '';
  const today = chinaDate(new Date());
  const [form, setForm] = useState<OfflineTrainingForm>(emptyOfflineTrainingForm(today));
  const { busy, error, fail, run } = useTask();
  const recorded = useQuery(orgId ? `offline:${orgId}` : null, () => listOfflineTrainings(orgId));
  const set = (patch: Partial<OfflineTrainingForm>) => setForm((f) => ({ ...f, ...patch }));

  const submit = () => {
    const built = toOfflineTraining(orgId, form, today);
    if (!built.ok) return fail(built.error);
    return run(async () => {
      const saved = await recordOfflineTraining(built.body);
      void Taro.showToast({ title: `已为 ${saved.memberCount} 人登记`, icon: 'success' });
      setForm(emptyOfflineTrainingForm(today));
      await recorded.reload();
    });
  };

  return (
    <View className='page study-page study-form'>
      <Card title={org?.orgName ?? '集中培训学时'}>
        <Field label='培训名称' name='trainingTitle' value={form.title} maxlength={100} onChange={(title) => set({ title })} />
        <Picker mode='date' value={form.date || today} end={today} onChange={(e) => set({ date: String(e.detail.value) })}>
          <InfoRow label='培训日期' value={<Text className={form.date ? '' : 'dj-muted'}>{form.date || '请选择日期 ▾'}</Text>} />
        </Picker>
        <Field label='学时' name='hours' type='number' value={form.hours} placeholder='以 0.5 小时为单位' onChange={(hours) => set({ hours })} />
      </Card>
      {orgId ? <MemberPicker orgId={orgId} selected={form.memberIds} onChange={(memberIds) => set({ memberIds })} /> : null}
      <FormError message={error} />
      <Card title='已登记的培训'>
        {(recorded.data ?? []).length ? (
          (recorded.data ?? []).map((t) => (
            <View key={t.id} className='study-row'>
              <View className='study-row__main'>
                <Text className='study-row__title'>{t.title}</Text>
                <Text className='study-row__sub'>{`${t.date} · ${t.memberCount} 人`}</Text>
              </View>
              <Text className='study-link'>{`${t.hours} 学时`}</Text>
            </View>
          ))
        ) : (
          <Text className='dj-muted'>还没有登记过集中培训</Text>
        )}
      </Card>
      <View className='study-footer'>
        <DjButton loading={busy !== null} onClick={() => void submit()}>
          登记学时
        </DjButton>
      </View>
    </View>
  );
}

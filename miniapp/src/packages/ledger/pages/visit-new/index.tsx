import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Picker, Text, Textarea, View } from '@tarojs/components';
import { chinaToday } from '@dangjian/shared';
import { getLedgerEntry, recordVisit } from '@/api/ledger';
import { errorMessage } from '@/api/errors';
import { Card } from '@/components/Card';
import { DjButton } from '@/components/DjButton';
import { Field, FormError } from '@/components/Field';
import { StateView } from '@/components/StateView';
import { useQuery } from '@/hooks/useQuery';
import { MY_VISITS_URL } from '../../routes';
import '../../ledger.scss';

const NOTES = [
  ['topics', '走访内容（必填）', '例如：了解党员情况，宣讲组建党支部政策'],
  ['problems', '发现的问题', '例如：园区停车费偏高'],
  ['followUps', '跟进事项', '例如：协调园区管委会，月底前答复'],
] as const;

/** 走访记录 on a phone (S1): the officer fills it in at the enterprise or right after. */
export default function VisitNewPage() {
  const { params } = useRouter();
  const enterpriseId = params.enterpriseId ?? null;
  const entry = useQuery(enterpriseId, () => getLedgerEntry(enterpriseId!));
  const [visitedOn, setVisitedOn] = useState(chinaToday());
  const [peopleMet, setPeopleMet] = useState('');
  const [notes, setNotes] = useState({ topics: '', problems: '', followUps: '' });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    if (!peopleMet.trim() || !notes.topics.trim()) return setError('请填写见到的人和走访内容');
    setSaving(true);
    setError(null);
    try {
      await recordVisit(enterpriseId!, {
        visitedOn,
        peopleMet: peopleMet.trim(),
        topics: notes.topics.trim(),
        problems: notes.problems.trim() || null,
        followUps: notes.followUps.trim() || null,
      });
      void Taro.showToast({ title: '已登记', icon: 'success' });
      // Opened straight from a link (a reminder, a shared address) nothing is behind the form: on H5
      // navigateBack then runs history.go(0), which reloads the form instead of leaving it. Show the
      // officer's visits, where the new one is listed.
      if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
      else void Taro.redirectTo({ url: MY_VISITS_URL });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className='page ledger'>
      <StateView loading={entry.loading} error={entry.error} ready={!!entry.data} onRetry={() => void entry.reload()}>
        <Card title={entry.data?.name ?? ''}>
          <Picker mode='date' value={visitedOn} end={chinaToday()} onChange={(e) => setVisitedOn(e.detail.value)}>
            <Text className='ledger-form__hint'>{`走访日期：${visitedOn} ▾`}</Text>
          </Picker>
          <Field label='见到的人' name='peopleMet' value={peopleMet} maxlength={200} placeholder='例如：总经理 李总、人事 王经理' onChange={setPeopleMet} />
          {NOTES.map(([k, label, placeholder]) => (
            <View key={k}>
              <Text className='ledger-form__hint'>{label}</Text>
              <Textarea
                className='ledger-form__note'
                value={notes[k]}
                maxlength={2000}
                placeholder={placeholder}
                onInput={(e) => setNotes((n) => ({ ...n, [k]: e.detail.value }))}
              />
            </View>
          ))}
        </Card>
        <View className='ledger-form__actions'>
          <FormError message={error} />
          <DjButton loading={saving} onClick={() => void save()}>
            提交走访记录
          </DjButton>
        </View>
      </StateView>
    </View>
  );
}
